"""Reading a DOCX back as text, for tests and round trips (layout.document_text_lines)."""

import io

from docx import Document
from docx.oxml.ns import qn


def docx_text_lines(docx: bytes) -> list[str]:
    """The non-empty paragraphs of the body in document order, table cells included (row by
    row, left to right). A line break inside a paragraph reads as a space."""
    body = Document(io.BytesIO(docx)).element.body
    return [text for text in _texts(body) if text.strip()]


def _texts(element):
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield _paragraph_text(child)
        elif child.tag in (qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"), qn("w:sdtContent")):
            yield from _texts(child)


def _paragraph_text(paragraph) -> str:
    parts = []
    for run in paragraph.iter(qn("w:r")):
        for node in run:
            if node.tag == qn("w:t"):
                parts.append(node.text or "")
            elif node.tag in (qn("w:br"), qn("w:cr")):
                parts.append(" ")
            elif node.tag == qn("w:tab"):
                parts.append("\t")
    return "".join(parts)
