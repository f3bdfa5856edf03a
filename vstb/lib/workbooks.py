"""The house style and the framing of every XLSX file VSTB writes: the import templates
(activities, report figures, indicator figures) and the dashboard's tables.

A template carries a hidden defined name, its marker ("<format> <what it is for>"), which the
import reads back to know what the file is for."""

import io

from openpyxl import Workbook
from openpyxl.styles import Border, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def to_bytes(book: Workbook) -> bytes:
    """The file of `book`, with every cell that would be a formula written as text.

    VSTB writes no formulas of its own; a cell holds a formula only because a user typed text
    starting with "=" (an activity's title, an agency's or a unit's name, a figure code), and
    Excel would run it when the file is opened (formula injection, CWE-1236). Guarding the one
    way out guards every workbook, including ones added later."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def template_bytes(book: Workbook, marker_name: str, marker: str, title: str) -> bytes:
    """A template's file: its marker in a hidden defined name, VSTB as its author."""
    book.defined_names[marker_name] = DefinedName(marker_name, attr_text=f'"{marker}"', hidden=True)
    book.properties.creator = "VSTB"
    book.properties.title = title
    return to_bytes(book)


def read_marker(book: Workbook, marker_name: str) -> str:
    """The marker a template was made with; "" when the file has none."""
    marker = book.defined_names.get(marker_name)
    return (marker.attr_text or "").strip('"') if marker is not None else ""
