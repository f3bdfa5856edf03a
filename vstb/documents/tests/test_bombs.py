"""Files that unpack into far more than they weigh are refused before they are read (issue
12, finding 1: a 72 KB DOCX holding 20 MB of paragraphs took 31 s and 520 MB; a 0.7 MB DOCX
holding 200 MB of text, 2.8 GB and a MemoryError)."""

import io
import zipfile

import pytest

from vstb.documents.importer.read import ImportRefused, read_document
from vstb.lib.archives import ArchiveTooLarge, check_unpacked, unpacks_within

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"/>'
)


def _docx_holding(body_bytes: int) -> bytes:
    """A DOCX whose document.xml is `body_bytes` of one repeated paragraph, deflated."""
    paragraph = b"<w:p><w:r><w:t>Tang cuong binh dang gioi</w:t></w:r></w:p>"
    body = paragraph * (body_bytes // len(paragraph))
    document = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def test_a_docx_that_unpacks_to_hundreds_of_megabytes_is_refused_unread():
    bomb = _docx_holding(200 * 1024 * 1024)
    assert len(bomb) < 2 * 1024 * 1024  # a small upload
    with pytest.raises(ImportRefused) as refused:
        read_document(bomb, "ke-hoach.docx")
    assert "giải nén" in refused.value.message


def test_a_docx_of_millions_of_characters_is_refused_as_too_long(monkeypatch):
    import docx

    monkeypatch.setattr("vstb.documents.importer.read.MAX_TEXT_CHARACTERS", 50_000)
    document = docx.Document()
    for _ in range(3_000):
        document.add_paragraph("Tăng cường bình đẳng giới ở cơ sở")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(ImportRefused) as refused:
        read_document(out.getvalue(), "ke-hoach.docx")
    assert "quá dài" in refused.value.message


def test_declared_sizes_bound_every_member_and_the_whole():
    archive = zipfile.ZipFile(io.BytesIO(_docx_holding(1024 * 1024)))
    check_unpacked(archive)  # a megabyte: fine
    with pytest.raises(ArchiveTooLarge):
        check_unpacked(archive, member=512 * 1024)
    with pytest.raises(ArchiveTooLarge):
        check_unpacked(archive, total=512 * 1024)
    assert not unpacks_within(_docx_holding(1024 * 1024), 512 * 1024)
    assert unpacks_within(b"not a zip", 10)  # the reader says what it is
