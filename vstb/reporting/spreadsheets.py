"""A report's figures as a spreadsheet to fill in offline, and its import back.

API (the views call these two functions and catch the one exception):

- ``figures_workbook(report) -> bytes``: the XLSX template of the report's figures,
  pre-filled with its current values.
- ``import_figures(report, data, user, version) -> None``: reads a filled-in template and
  saves its figures into ``report`` through ``services.save_report`` (so the optimistic lock
  on ``version`` and the audit event apply), all of them or none. On success
  ``report.version`` is the new version.
- ``SpreadsheetRefused(problems)``: raised by ``import_figures`` when nothing was saved
  (``vstb.lib.workbooks.Refused``, the refusal of every workbook import).
  ``messages`` are sentences for the user, in the active language, each naming its cell where
  there is one ("Dòng 7, cột D (Nữ): …"); ``problems`` holds the same as ``Problem`` objects
  (row, column letter) for code that wants the cells.

The workbook (format "vstb-report-figures/1") has one sheet, "Số liệu": the requirement's
title (row 1), the reporter and the data window (row 2), a note (row 3), the headings (row
4) and one figure a row from row 5: code and label (locked), total, women and men. The
women and men cells of a figure not counted by sex are greyed and locked; the totals of
required figures are shaded. The sheet is protected without a password, against slips: the
import checks everything again. A hidden defined name holds "vstb-report-figures/1
<requirement id> <report id>": it tells the import which template and which report a file
is, so a workbook of another report is refused rather than read into this one.

Like the activities workbook (vstb.activities.spreadsheets), the file is a Vietnamese
document whatever the interface language: its headings are what the import reads back.
Messages to the user go through gettext with English msgids.
"""

import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from vstb.lib.archives import unpacks_within
from vstb.lib.cells import CellError, entered_value, is_blank
from vstb.lib.cells import cell_text as _text
from vstb.lib.cells import whole_number as _number
from vstb.lib.files import XLSX, sniff
from vstb.lib.text import fold
from vstb.lib.workbooks import BORDER, HEADER_FILL, Problem, read_marker, template_bytes
from vstb.lib.workbooks import Refused as SpreadsheetRefused
from vstb.reporting import services
from vstb.reporting.models import Report, ReportStatus

FORMAT = "vstb-report-figures/1"
MARKER_NAME = "VSTB_MAU_SO_LIEU"
SHEET = "Số liệu"
TITLE_ROW, INFO_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4, 5
# A requirement has tens of figures; far more rows than that is not this template.
MAX_ROWS = 1000
# A sheet of MAX_ROWS figures unpacks to well under 1 MB; far more is a "zip bomb".
MAX_UNPACKED_BYTES = 20 * 1024 * 1024

CODE, LABEL, TOTAL, WOMEN, MEN = "code", "label", "total", "women", "men"


@dataclass(frozen=True)
class Column:
    field: str
    letter: str
    header: str
    width: int


COLUMNS = [
    Column(CODE, "A", "Mã", 10),
    Column(LABEL, "B", "Chỉ tiêu", 60),
    Column(TOTAL, "C", "Tổng số", 14),
    Column(WOMEN, "D", "Nữ", 12),
    Column(MEN, "E", "Nam", 12),
]
BY_FIELD = {column.field: column for column in COLUMNS}
NUMBERS = (TOTAL, WOMEN, MEN)

REQUIRED_FILL = PatternFill("solid", fgColor="F8D9B5")
GREY_FILL = PatternFill("solid", fgColor="BFBFBF")
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER_FORMAT = "#,##0"


# Writing -------------------------------------------------------------------------------------


def figures_workbook(report: Report) -> bytes:
    """The figures template of `report`, its current values filled in, as an XLSX file."""
    requirement = report.requirement
    figures = list(requirement.figures.all())
    values = {value.figure_id: value for value in report.values.all()}

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    title = f"SỐ LIỆU BÁO CÁO – {requirement.title}"
    sheet.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    sheet.cell(
        INFO_ROW,
        1,
        f"Đơn vị báo cáo: {report.reporter}. Gửi: {report.receiver}. "
        f"Số liệu từ ngày {requirement.window_start:%d/%m/%Y} "
        f"đến ngày {requirement.window_end:%d/%m/%Y}.",
    ).font = Font(bold=True)
    sheet.cell(
        NOTE_ROW,
        1,
        "Điền số nguyên từ 0 trở lên vào cột Tổng số (ô tô cam là bắt buộc) và, với chỉ tiêu "
        "chia theo giới tính, cột Nữ và Nam (Nữ cộng Nam không vượt quá Tổng số); ô tô xám "
        "để trống. Không dùng công thức, không thêm trang tính. Nếu có ô sai, không số liệu "
        "nào được lưu: hệ thống chỉ rõ từng ô cần sửa. Mẫu này chỉ dùng cho báo cáo của "
        "đơn vị ghi ở trên.",
    ).font = Font(italic=True)
    sheet.cell(NOTE_ROW, 1).alignment = WRAP
    sheet.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=len(COLUMNS))
    sheet.row_dimensions[NOTE_ROW].height = 60

    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        sheet.column_dimensions[column.letter].width = column.width

    unlocked = Protection(locked=False)
    for offset, figure in enumerate(figures):
        row = FIRST_ROW + offset
        value = values.get(figure.pk)
        numbers = {
            TOTAL: value.total if value else None,
            WOMEN: value.women if value and figure.by_sex else None,
            MEN: value.men if value and figure.by_sex else None,
        }
        sheet.cell(row, 1, figure.code)
        sheet.cell(row, 2, figure.label).alignment = WRAP
        for index, field in enumerate(NUMBERS, 3):
            cell = sheet.cell(row, index, numbers[field])
            cell.number_format = NUMBER_FORMAT
            if field == TOTAL or figure.by_sex:
                cell.protection = unlocked
                if field == TOTAL and figure.required:
                    cell.fill = REQUIRED_FILL
            else:
                cell.fill = GREY_FILL
        for index in range(1, len(COLUMNS) + 1):
            sheet.cell(row, index).border = BORDER

    if figures:
        last_row = FIRST_ROW + len(figures) - 1
        numbers = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Số không hợp lệ",
            error="Nhập số nguyên không âm.",
        )
        numbers.add(f"C{FIRST_ROW}:E{last_row}")
        sheet.add_data_validation(numbers)

    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Against slips, not a security boundary (no password): the import checks the marker,
    # the codes and every number anyway. Widths and heights stay adjustable.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False
    book.security = WorkbookProtection(lockStructure=True)

    return template_bytes(book, MARKER_NAME, f"{FORMAT} {requirement.pk} {report.pk}", title)


# Reading -------------------------------------------------------------------------------------


def import_figures(report: Report, data: bytes, user, version: int) -> list[str]:
    """Read a filled-in figures template into `report`: every figure, or none.

    Raises SpreadsheetRefused with a sentence per problem (per cell where it has one);
    returns the notes on the saved figures (services.save_report).
    """
    limit = settings.VSTB_IMPORT_MAX_MB
    if len(data) > limit * 1024 * 1024:
        raise SpreadsheetRefused(
            [
                Problem(
                    _("The file is larger than %(limit)s MB. Send the figures template.")
                    % {"limit": limit}
                )
            ]
        )
    if sniff(data) != (XLSX, "xlsx"):
        raise SpreadsheetRefused(
            [
                Problem(
                    _(
                        "This file is not an Excel workbook (XLSX), whatever its name says. "
                        "Download the figures template, fill it in and send it back."
                    )
                )
            ]
        )
    current = Report.objects.filter(pk=report.pk).values_list("status", flat=True).first()
    if current not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise SpreadsheetRefused([Problem(_not_editable())])
    try:
        if not unpacks_within(data, MAX_UNPACKED_BYTES):
            raise SpreadsheetRefused(
                [Problem(_("The workbook is too large once unpacked. Send the figures template."))]
            )
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except SpreadsheetRefused:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds of error on damaged files
        raise SpreadsheetRefused([Problem(_unreadable())]) from None
    try:
        problems = _check_marker(book, report)
        if problems:
            raise SpreadsheetRefused(problems)
        figures = list(report.requirement.figures.all())
        problems = _check_layout(book)
        values, cell_problems = _read_figures(book[SHEET], figures)
        problems += cell_problems
    finally:
        book.close()
    if problems:
        raise SpreadsheetRefused(problems)
    try:
        return services.save_report(report, user, version, narrative={}, figures=values)
    except ValidationError as error:
        raise SpreadsheetRefused([Problem(message) for message in error.messages]) from None


def _unreadable() -> str:
    return _(
        "The workbook cannot be read. Open it in Excel or LibreOffice, save it again as an "
        "Excel workbook (.xlsx) and send it again."
    )


def _not_editable() -> str:
    return _("This report has been submitted or accepted and can no longer be changed.")


def _marker(book) -> str:
    return read_marker(book, MARKER_NAME)


def _check_marker(book, report: Report) -> list[Problem]:
    """Is this the figures template, and of this very report? (Fatal: nothing else is read.)"""
    match = re.fullmatch(rf"{re.escape(FORMAT)} (\d+) (\d+)", _marker(book))
    if SHEET not in book.sheetnames or match is None:
        return [
            Problem(
                _(
                    "This workbook is not the VSTB figures template of a report. Download the "
                    "template from the report's page and copy the figures into it."
                )
            )
        ]
    requirement_id, report_id = int(match.group(1)), int(match.group(2))
    if (requirement_id, report_id) != (report.requirement_id, report.pk):
        return [
            Problem(
                _(
                    "This workbook holds the figures of another report (number %(number)s). "
                    "Download the template of the report of %(reporter)s and copy the figures "
                    "into it."
                )
                % {"number": report_id, "reporter": report.reporter}
            )
        ]
    return []


def _check_layout(book) -> list[Problem]:
    """Extra sheets and changed headings, each named."""
    problems = [
        Problem(
            _(
                "The workbook has a sheet that is not in the template: “%(sheet)s”. Copy its "
                "figures to the sheet “%(main)s”, then delete it."
            )
            % {"sheet": name, "main": SHEET}
        )
        for name in book.sheetnames
        if name != SHEET
    ]
    header = next(
        book[SHEET].iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, max_col=len(COLUMNS)), ()
    )
    for cell, column in zip(header, COLUMNS, strict=False):
        value = str(cell.value).strip() if cell.value is not None else ""
        if fold(value) != fold(column.header):
            message = _("This heading has been changed; it should read “%(header)s”.")
            problems.append(Problem(message % {"header": column.header}, HEADER_ROW, column))
    return problems


def _read_figures(sheet, figures) -> tuple[dict[int, dict], list[Problem]]:
    """{figure id: {"total", "women", "men"}} for every figure of the requirement, and the
    problems found, in reading order (row by row, left to right)."""
    by_code = {figure.code: figure for figure in figures}
    values: dict[int, dict] = {}
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    rows = sheet.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS, max_col=len(COLUMNS))
    # Read-only rows yield empty cells without a row number: count the rows instead.
    for number, cells in enumerate(rows, FIRST_ROW):
        cells = tuple(cells) + (None,) * (len(COLUMNS) - len(cells))
        code_cell, _label_cell, *number_cells = cells
        code = _text(code_cell.value) if code_cell is not None else ""
        if not code:
            if any(cell is not None and not is_blank(cell.value) for cell in number_cells):
                message = _(
                    "This row has numbers but no figure code. Type the figures in the rows of "
                    "the template."
                )
                problems.append(Problem(message, number, BY_FIELD[CODE]))
            continue
        figure = by_code.get(code)
        if figure is None:
            message = _(
                "“%(code)s” is not a figure of this report. Do not change the codes in column "
                "A; download the template again if the figures have changed."
            )
            problems.append(Problem(message % {"code": code[:30]}, number, BY_FIELD[CODE]))
            continue
        if code in seen:
            message = _("The figure %(code)s is already in row %(row)s. Keep one row a figure.")
            problems.append(
                Problem(message % {"code": code, "row": seen[code]}, number, BY_FIELD[CODE])
            )
            continue
        seen[code] = number
        row, failed = {}, False
        for cell, field in zip(number_cells, NUMBERS, strict=True):
            try:
                row[field] = _cell_number(cell, figure.by_sex or field == TOTAL)
            except CellError as error:
                problems.append(Problem(str(error), number, BY_FIELD[field]))
                failed = True
        if failed:
            continue
        problems.extend(_check_row(number, figure, row))
        values[figure.pk] = row
    for figure in figures:
        if figure.code not in seen:
            message = _(
                "The figure “%(label)s” (code %(code)s) is missing from the workbook. Download "
                "the template again and copy the figures into it."
            )
            problems.append(Problem(message % {"label": figure.label, "code": figure.code}))
    return values, problems


def _check_row(number: int, figure, row: dict) -> list[Problem]:
    """The rules of FigureValue.clean() and of a required figure, pointed at the total."""
    total, women, men = row[TOTAL], row[WOMEN], row[MEN]
    cell = BY_FIELD[TOTAL]
    if total is None:
        if women is not None or men is not None:
            return [Problem(_("Enter the total as well as the women and men."), number, cell)]
        if figure.required:
            return [Problem(_("This cell must be filled in."), number, cell)]
        return []
    if (women or 0) + (men or 0) > total:
        message = _("Women and men add up to more than the total. Correct the numbers.")
        return [Problem(message, number, cell)]
    return []


def _cell_number(cell, allowed: bool) -> int | None:
    """A cell's whole number ≥ 0, or None when empty; `allowed` False: it must stay empty."""
    if cell is None:
        return None
    value = entered_value(cell)
    if is_blank(value):
        return None
    if not allowed:
        raise CellError(_("This figure is not counted by sex: leave this cell empty."))
    return _number(value)
