"""Opening the ZIP inside office files (DOCX, ODT, XLSX) without letting a small file unpack
into gigabytes (issue 12, finding 1: a 0.7 MB DOCX holding 200 MB of text drove a worker to
2.8 GB and a MemoryError).

Python's zipfile never inflates a member past the size the archive's directory declares for
it (it stops there and fails the CRC check), so checking the declared sizes before reading
bounds what any reader of the archive can unpack."""

import io
import zipfile

# A plan or a workbook of a committee's work unpacks to a few megabytes; pictures in a DOCX
# to some tens. What unpacks to more is not a document of this kind.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# One member (word/document.xml, a worksheet) above this is a bomb, not a document.
MAX_MEMBER_BYTES = 40 * 1024 * 1024
# Members in one archive: a DOCX has a dozen or two, a workbook some tens.
MAX_MEMBERS = 2_000


class ArchiveTooLarge(Exception):
    """The archive would unpack to more than a document of its kind can hold."""


def check_unpacked(
    archive: zipfile.ZipFile,
    total: int = MAX_UNPACKED_BYTES,
    member: int = MAX_MEMBER_BYTES,
) -> None:
    """Raise ArchiveTooLarge unless `archive` unpacks within `total` bytes, no member above
    `member` bytes, and holds at most MAX_MEMBERS members."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ArchiveTooLarge(f"{len(members)} members")
    largest = max((info.file_size for info in members), default=0)
    unpacked = sum(info.file_size for info in members)
    if largest > member or unpacked > total:
        raise ArchiveTooLarge(f"{unpacked} bytes unpacked, {largest} in one member")


def unpacks_within(data: bytes, total: int) -> bool:
    """Whether the ZIP in `data` unpacks within `total` bytes (and the other bounds above);
    False too when it is not a ZIP at all, for the caller's reader to say what it is."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked(archive, total=total, member=min(total, MAX_MEMBER_BYTES))
    except ArchiveTooLarge:
        return False
    except (zipfile.BadZipFile, OSError, ValueError):
        return True  # not a ZIP: the reader refuses it with its own message
    return True
