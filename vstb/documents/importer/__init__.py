"""Importing an official document (TXT/MD, DOCX, PDF) as a `vstb.plan/1` dict.

    from vstb.documents.importer import ImportRefused, import_file
    plan = import_file("ke-hoach.docx")          # a path
    plan = import_file(data, "ke-hoach.pdf")     # bytes and the file's name

`import_file` never returns half a plan: bad input raises `ImportRefused` whose `message` is
a Vietnamese sentence; anything the importer is unsure of is in `plan["warnings"]`.
"""

from vstb.documents.importer.api import document_text, import_bytes, import_file, output_order
from vstb.documents.importer.read import ImportRefused, max_bytes

__all__ = [
    "ImportRefused",
    "document_text",
    "import_bytes",
    "import_file",
    "max_bytes",
    "output_order",
]
