"""Uploaded files: what they really are, by their first bytes, never by their name."""

import io
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
