"""Uploaded files: what they really are, by their first bytes, never by their name."""

import io
import re
import unicodedata
import zipfile

# (magic bytes at offset 0, content type, extension)
_SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"%PDF-", "application/pdf", "pdf"),
]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a JPEG, PNG, WebP, PDF, DOCX or XLSX file, else None.

    A DOCX or XLSX is a ZIP holding its main part; any other ZIP (or a program renamed
    .jpg) is not recognised.
    """
    for magic, content_type, extension in _SIGNATURES:
        if data.startswith(magic):
            return content_type, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX, "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX, "xlsx"
    return None


# Characters that change how a name reads without being seen: the right-to-left override made
# "photo\u202egnp.exe" show as "photoexe.png" (issue 12, finding 13), and other direction
# marks, zero-width and control characters.
_INVISIBLE = re.compile(
    r"[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
MAX_NAME_LENGTH = 150


def safe_filename(name: str, extension: str) -> str:
    """`name` as people will see and save it: NFC, without invisible or path characters,
    at most MAX_NAME_LENGTH characters, ending in `extension` (what the content is), so
    "báo cáo.pdf.exe" holding a PDF is kept as "báo cáo.pdf" ."""
    name = unicodedata.normalize("NFC", _INVISIBLE.sub("", name or ""))
    name = re.sub(r'[\\/:*?"<>|]+', "_", name).strip(" .")
    stem = name
    while "." in stem and len(stem.rsplit(".", 1)[1]) <= 5:
        stem = stem.rsplit(".", 1)[0]  # every extension, the real one comes from the content
    stem = stem.strip(" .")[: MAX_NAME_LENGTH - len(extension) - 1] or "tep"
    return f"{stem}.{extension}"


# PDF features that run or carry something when the file is opened: JavaScript, launching
# a program, embedded files, rich media, XFA forms. A report's evidence needs none of them.
_ACTIVE_NAMES = {"JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA"}
_ACTIVE_PATTERN = re.compile(
    rb"/(" + b"|".join(n.encode() for n in _ACTIVE_NAMES) + rb")(?![A-Za-z])"
)


def pdf_active_content(data: bytes) -> set[str]:
    """The active features a PDF holds, from its raw bytes and from every object (objects
    inside compressed object streams included); empty for a plain document."""
    found = {match.decode() for match in _ACTIVE_PATTERN.findall(data)}
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
        from pdfminer.psparser import PSLiteral

        document = PDFDocument(PDFParser(io.BytesIO(data)))
        for xref in document.xrefs:
            for objid in xref.get_objids():
                try:
                    obj = document.getobj(objid)
                except Exception:  # a damaged object: the others still count
                    continue
                if isinstance(obj, dict):
                    for key, value in obj.items():
                        if key in _ACTIVE_NAMES:
                            found.add(key)
                        if isinstance(value, PSLiteral) and value.name in _ACTIVE_NAMES:
                            found.add(value.name)
    except Exception:  # pdfminer cannot parse it: the raw bytes were checked above
        pass
    return found
