"""A unit's figures for a year as a spreadsheet: the template and its import.

Format "vstb-indicators/1", in the house style of the activities workbook
(vstb/activities/spreadsheets.py). Sheet "Số liệu": a title row, a note, the header row
(row 3) and one data element a row from row 4, with the figures already stored filled in.
Columns: code, name, unit of measure (locked), then total, women, men, urban, rural; the
cells an element does not break down by are grey and locked. A hidden defined name holds
"vstb-indicators/1 <unit code> <year>", followed by " h1" for the first half of the year: the
import knows which unit and period a file is for (files without the fourth part are yearly,
as those made before it was added).

The import is all or nothing: every bad cell is listed ("Dòng 7, cột E (Nữ): …") and nothing
is saved until none is left. An empty cell leaves the stored figure as it is (clearing a
figure is done on the entry page, where it is seen).
"""

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from vstb.indicators import dashboard, rollup, services
from vstb.indicators.models import Area, DataElement, PeriodKind, SexSlot, Source
from vstb.lib.archives import unpacks_within
from vstb.lib.cells import CellError, entered_value, is_blank
from vstb.lib.workbooks import BORDER, HEADER_FILL, Problem, read_marker, template_bytes
from vstb.org.models import PLACEHOLDER_CODE_PREFIX, Unit

FORMAT = "vstb-indicators/1"
MARKER_NAME = "VSTB_MAU_SO_LIEU"
SHEET = "Số liệu"
GUIDE = "Hướng dẫn"
TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_ROWS = 500

# (heading, width, (sex, area) of the figure or None for a locked label column)
COLUMNS = [
    ("Mã", 22, None),
    ("Số liệu", 60, None),
    ("Đơn vị tính", 12, None),
    ("Tổng số", 14, (SexSlot.TOTAL, Area.ALL)),
    ("Nữ", 12, (SexSlot.WOMEN, Area.ALL)),
    ("Nam", 12, (SexSlot.MEN, Area.ALL)),
    ("Thành thị", 12, (SexSlot.TOTAL, Area.URBAN)),
    ("Nông thôn", 12, (SexSlot.TOTAL, Area.RURAL)),
]
FIRST_FIGURE_COLUMN = 4

RULES = [
    "Mỗi dòng của trang “Số liệu”, từ dòng 4, là một số liệu của đơn vị trong năm ghi ở trên.",
    "Chỉ ghi số liệu của chính đơn vị, không cộng số liệu của đơn vị cấp dưới: hệ thống tự tổng hợp.",
    "Ô tô xám không cần nhập (số liệu không chia theo giới tính hoặc thành thị/nông thôn).",
    "Ô để trống: giữ nguyên số liệu đã có. Muốn xóa một số liệu, dùng màn hình nhập số liệu.",
    "Số nữ không lớn hơn tổng số; tỷ lệ phần trăm từ 0 đến 100. Viết 1.500 hoặc 1500; 12,5 cho số thập phân.",
    "Nếu có ô sai, không số liệu nào được lưu: hệ thống chỉ rõ từng ô cần sửa; sửa rồi gửi lại cả tệp.",
]

UNUSED_FILL = PatternFill("solid", fgColor="D9D9D9")


def _measure_vi(element: DataElement) -> str:
    with translation.override("vi"):
        return str(element.get_measure_display())


def template_workbook(unit: Unit, year: int, kind: str = PeriodKind.YEAR) -> bytes:
    """The template for `unit` and the year (or its first half), with the figures already
    stored filled in."""
    elements = services.elements_for(unit)
    stored = services.stored_values(unit, year, kind)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    with translation.override("vi"):  # the file is in Vietnamese, as officials send it
        period = dashboard.period_label(rollup.Period(year, kind))
    title = f"SỐ LIỆU CHỈ TIÊU BÌNH ĐẲNG GIỚI – {unit.name} – {period.upper()}"
    sheet.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    note = (
        f"Tạo ngày {timezone.localdate():%d/%m/%Y}. Điền từ dòng {FIRST_ROW}; xem trang “{GUIDE}”."
    )
    sheet.cell(NOTE_ROW, 1, note).font = Font(italic=True)
    for index, (heading, width, _slot) in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, index, heading)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    unlocked = Protection(locked=False)
    for offset, element in enumerate(elements):
        row = FIRST_ROW + offset
        sheet.cell(row, 1, element.code)
        sheet.cell(row, 2, element.name_vi).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row, 3, _measure_vi(element))
        slots = set(element.slots())
        for index, (_heading, _width, slot) in enumerate(COLUMNS, 1):
            cell = sheet.cell(row, index)
            cell.border = BORDER
            if slot is None:
                continue
            if slot in slots:
                value = stored.get((element.pk, *slot))
                cell.value = value.value if value else None
                cell.protection = unlocked
                cell.number_format = "#,##0.####"
            else:
                cell.fill = UNUSED_FILL
    sheet.freeze_panes = f"D{FIRST_ROW}"
    sheet.protection.sheet = True  # against slips, not a security boundary
    sheet.protection.formatColumns = sheet.protection.formatRows = False

    guide = book.create_sheet(GUIDE)
    guide.column_dimensions["A"].width = 110
    guide.cell(1, 1, "HƯỚNG DẪN ĐIỀN MẪU SỐ LIỆU").font = Font(bold=True, size=14)
    guide.cell(2, 1, f"Đơn vị: {unit.name}{unit.code_note}. Kỳ: {period}. Mẫu {FORMAT}.")
    for offset, rule in enumerate(RULES, 4):
        guide.cell(offset, 1, f"• {rule}").alignment = Alignment(wrap_text=True)
    guide.protection.sheet = True

    return template_bytes(book, MARKER_NAME, _marker(unit, year, kind), title)


# Reading -----------------------------------------------------------------------------------------


def _in_column(message: str, row: int, column: int) -> Problem:
    """A problem in one cell of the table: `column` is its number, from 1."""
    return Problem(message, row, column, get_column_letter(column), COLUMNS[column - 1][0])


def _other_unit_message(code: str, unit: Unit) -> str:
    # A placeholder code ("TAM-…") is never shown to users.
    if code.startswith(PLACEHOLDER_CODE_PREFIX):
        message = _(
            "This template was made for another unit. Download the template of %(unit)s and "
            "copy the figures into it."
        )
    else:
        message = _(
            "This template was made for another unit (code %(code)s). Download the "
            "template of %(unit)s and copy the figures into it."
        )
    return message % {"code": code, "unit": unit.name}


def _marker(unit: Unit, year: int, kind: str) -> str:
    half = f" {PeriodKind.FIRST_HALF}" if kind == PeriodKind.FIRST_HALF else ""
    return f"{FORMAT} {unit.code} {year}{half}"


@dataclass
class ImportResult:
    year: int | None
    changed: int
    warnings: list[str]
    problems: list[Problem]
    period: str = PeriodKind.YEAR


def import_values(data: bytes, unit: Unit, user) -> ImportResult:
    """Read a filled-in template and save its figures: all of them, or none."""
    try:
        if not unpacks_within(data, MAX_UNPACKED_BYTES):
            return _refused(
                _("The workbook is too large once unpacked. Download the template again.")
            )
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl and zipfile raise many kinds of error on damaged files
        return _refused(
            _(
                "The workbook cannot be read. Open it in Excel or LibreOffice, save it again as "
                "an Excel workbook (.xlsx) and send it again."
            )
        )
    try:
        year, kind, problems = _check_workbook(book, unit)
        if problems:
            return ImportResult(None, 0, [], problems)
        rows = list(
            book[SHEET].iter_rows(
                min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS, max_col=len(COLUMNS)
            )
        )
    finally:
        book.close()
    entries, problems = _read_rows(rows, unit)
    # The rules run on the cells that could be read, so that one pass lists every bad cell.
    problems += _check_rules(entries, unit, year, kind)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or 0))
        return ImportResult(year, 0, [], problems, kind)
    with transaction.atomic():
        result = services.save_values(
            unit,
            year,
            kind,
            {cell: value for cell, (value, _row, _col) in entries.items()},
            user,
            Source.IMPORT,
        )
    return ImportResult(year, result.changed, result.warnings, [], kind)


def _refused(message: str) -> ImportResult:
    return ImportResult(None, 0, [], [Problem(message)])


def _check_workbook(book, unit: Unit) -> tuple[int | None, str, list[Problem]]:
    text = read_marker(book, MARKER_NAME)
    parts = text.split(" ")
    if len(parts) == 3:
        parts.append(PeriodKind.YEAR)  # a yearly template
    known = (
        len(parts) == 4
        and parts[0] == FORMAT
        and parts[2].isdigit()
        and parts[3] in PeriodKind.values
    )
    if SHEET not in book.sheetnames or not known:
        return (
            None,
            PeriodKind.YEAR,
            [
                Problem(
                    _(
                        "This workbook is not the VSTB figures template. Download the template "
                        "from this page and copy the figures into it."
                    )
                )
            ],
        )
    _format, code, year, kind = parts
    if code != unit.code:
        return (
            None,
            kind,
            [Problem(_other_unit_message(code, unit))],
        )
    header = next(book[SHEET].iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW), ())
    problems = []
    for index, (heading, _width, _slot) in enumerate(COLUMNS):
        value = header[index].value if index < len(header) else None
        if str(value or "").strip() != heading:
            message = _("This heading has been changed; it should read “%(header)s”.")
            problems.append(_in_column(message % {"header": heading}, HEADER_ROW, index + 1))
    return int(year), kind, problems


def _read_rows(rows, unit: Unit):
    """{cell: (value, row, column)} of the non-empty figure cells, and the problems found."""
    elements = {element.code: element for element in DataElement.objects.all()}
    entries: dict = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows, FIRST_ROW):
        figures = cells[FIRST_FIGURE_COLUMN - 1 :]
        code = str(cells[0].value or "").strip() if cells else ""
        if not code and all(is_blank(cell.value) for cell in figures):
            continue
        if number == FIRST_ROW + MAX_ROWS:
            return {}, [Problem(_("The sheet has more rows than the template. Download it again."))]
        element = elements.get(code)
        if element is None:
            message = _("“%(code)s” is not the code of a figure. Do not change column A.")
            problems.append(_in_column(message % {"code": code[:40]}, number, 1))
            continue
        if not element.entered_at(unit.level):
            message = _("%(unit)s does not enter this figure: it is entered at another level.")
            problems.append(_in_column(message % {"unit": unit.name}, number, 1))
            continue
        if code in seen:
            message = _("This figure is already on row %(row)s: keep one row.")
            problems.append(_in_column(message % {"row": seen[code]}, number, 1))
            continue
        seen[code] = number
        slots = set(element.slots())
        for index, (_heading, _width, slot) in enumerate(COLUMNS, 1):
            if slot is None or index > len(cells):
                continue
            cell = cells[index - 1]
            if is_blank(cell.value):
                continue
            if slot not in slots:
                message = _("This figure has no such breakdown: leave the cell empty.")
                problems.append(_in_column(message, number, index))
                continue
            try:
                value = services.parse_figure(entered_value(cell))
            except (CellError, services.FigureError) as error:
                problems.append(_in_column(str(error), number, index))
                continue
            entries[(element.pk, *slot)] = (value, number, index)
    return entries, problems


def _check_rules(entries: dict, unit: Unit, year: int, kind: str) -> list[Problem]:
    """The entry rules (women ≤ total, percentages ≤ 100) on the stored figures with the
    file's over them; each message goes to a cell of the file."""
    stored = services.stored_values(unit, year, kind)
    values = {cell: value.value for cell, value in stored.items()}
    values.update({cell: value for cell, (value, _row, _col) in entries.items()})
    element_ids = {cell[0] for cell in values}
    elements = DataElement.objects.in_bulk(element_ids)
    rows = {cell[0]: row for cell, (_value, row, _col) in entries.items()}
    columns = {slot: index for index, (_h, _w, slot) in enumerate(COLUMNS, 1) if slot}
    problems = []
    for cell, messages in services.check_values(elements, values).items():
        element_id, sex, area = cell
        row = rows.get(element_id)
        for message in messages:
            problems.append(
                _in_column(message, row, columns[(sex, area)]) if row else Problem(message)
            )
    return problems
