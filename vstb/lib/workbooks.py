"""The house style and the framing of every XLSX file VSTB writes: the import templates
(activities, report figures, indicator figures, estimates, leader candidates) and the
dashboard's tables; and why an import refuses a file it reads back.

A template carries a hidden defined name, its marker ("<format> <what it is for>"), which the
import reads back to know what the file is for."""

import io
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _
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


class SheetColumn(Protocol):
    """A column of a template as a refusal names it: "column D (Nữ)"."""

    @property
    def letter(self) -> str: ...

    @property
    def header(self) -> str: ...


@dataclass
class Problem:
    """One reason an import refused a workbook, and where: the whole file (no row), a row, one
    column of a row, or a cell outside the table ("B2").

    `column` is the import's own handle on the column, kept for code that wants the field: a
    column that knows its letter and heading, or a column number given with `letter` and
    `header`."""

    message: str
    row: int | None = None
    column: SheetColumn | int | None = None
    letter: str | None = None
    header: str = ""
    cell: str = ""

    def __post_init__(self) -> None:
        if self.letter is None and self.column is not None and not isinstance(self.column, int):
            self.letter, self.header = self.column.letter, self.column.header

    def __str__(self) -> str:
        if self.cell:
            return _("Cell %(cell)s: %(message)s") % {"cell": self.cell, "message": self.message}
        if self.row is None:
            return self.message
        if self.letter is None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column %(letter)s (%(header)s): %(message)s") % {
            "row": self.row,
            "letter": self.letter,
            "header": self.header,
            "message": self.message,
        }


class Refused(Exception):
    """The workbook was not imported; nothing was saved. `messages`: what to tell the user,
    in the language active when the import refused it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.messages = [str(problem) for problem in problems]
        super().__init__("\n".join(self.messages))
