"""Activities as spreadsheets: the export, the import template, and the import.

One workbook layout (format "vstb-activities/1") serves all three. Sheet "Hoạt động": a
title row, a note, the header row (row 3) and one activity a row from row 4. Sheet
"Hướng dẫn": what goes in each column, and the lists the drop-downs offer. A hidden defined
name holds "vstb-activities/1 <unit code>": it tells the import which template and which
unit a file is. An export is the same workbook filled in, so it can be imported again.

The workbook is a Vietnamese document whatever the interface language, like the plans'
DOCX: its headings are also what the import reads back, so they cannot follow the reader's
language. Types and funding sources are written with their Vietnamese labels; the import
also accepts the English labels and the stored values.
"""

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from vstb.activities.models import (
    AGE_GROUPS,
    Activity,
    ActivityImport,
    ActivityKind,
    FundingSource,
)
from vstb.lib.archives import unpacks_within
from vstb.lib.cells import CellError, entered_value, is_blank
from vstb.lib.cells import cell_text as _text
from vstb.lib.cells import whole_number as _number
from vstb.lib.text import fold
from vstb.lib.workbooks import BORDER, HEADER_FILL, Problem, read_marker, template_bytes
from vstb.org.models import PLACEHOLDER_CODE_PREFIX, Agency, Unit
from vstb.plans.models import PlanStatus, Task

FORMAT = "vstb-activities/1"
MARKER_NAME = "VSTB_MAU_HOAT_DONG"
SHEET = "Hoạt động"
GUIDE = "Hướng dẫn"
TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
# A template leaves this many rows open for typing (the rest of the sheet stays locked).
TEMPLATE_ROWS = 500
# One import at most: more is a mistake, or a job for several files.
MAX_ROWS = 2000
# A full sheet of MAX_ROWS unpacks to a few MB; far more is a "zip bomb", not activities.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

TEXT, CHOICE, DATE, NUMBER, TASKS = "text", "choice", "date", "number", "tasks"


@dataclass(frozen=True)
class Column:
    field: str  # a field of Activity, or age_<group>
    header: str
    kind: str
    width: int
    help: str
    required: bool = False

    @property
    def letter(self) -> str:
        return LETTER[self.field]


# fmt: off
# (field, heading, kind, width, how to fill it in, required): one column a line, as a table.
COLUMNS = [
    Column("title", "Tên hoạt động", TEXT, 42, "Tên hoạt động, tối đa 300 ký tự.", True),
    Column("kind", "Loại hoạt động", CHOICE, 28, "Chọn trong danh sách “Loại hoạt động” bên dưới.", True),
    Column("agency", "Cơ quan tổ chức", CHOICE, 30, "Cơ quan chủ trì, chọn trong danh sách “Cơ quan tổ chức” bên dưới. Cán bộ đầu mối của một cơ quan chỉ nhập hoạt động của cơ quan mình."),
    Column("start", "Từ ngày", DATE, 12, "Ngày bắt đầu, dạng dd/mm/yyyy, ví dụ 08/03/2025.", True),
    Column("end", "Đến ngày", DATE, 12, "Ngày kết thúc, dạng dd/mm/yyyy; không trước ngày bắt đầu. Để trống nếu hoạt động diễn ra trong một ngày."),
    Column("place", "Địa điểm", TEXT, 24, "Nơi tổ chức, tối đa 200 ký tự."),
    Column("participants_total", "Tổng số người tham gia", NUMBER, 12, "Số nguyên; để trống nếu không biết. Các cột số người sau không được vượt quá tổng số này."),
    Column("participants_women", "Số nữ", NUMBER, 10, "Trong tổng số: số nữ. Số nữ cộng số nam không vượt quá tổng số."),
    Column("participants_men", "Số nam", NUMBER, 10, "Trong tổng số: số nam."),
    Column("participants_ethnic_minority", "Số người dân tộc thiểu số", NUMBER, 12, "Trong tổng số: số người dân tộc thiểu số."),
    Column("participants_leaders", "Số lãnh đạo, quản lý", NUMBER, 12, "Trong tổng số: số lãnh đạo, quản lý."),
    Column("age_under_16", "Dưới 16 tuổi", NUMBER, 10, "Số người dưới 16 tuổi. Các nhóm tuổi cộng lại không vượt quá tổng số."),
    Column("age_16_30", "Từ 16 đến 30 tuổi", NUMBER, 10, "Số người từ 16 đến 30 tuổi."),
    Column("age_31_60", "Từ 31 đến 60 tuổi", NUMBER, 10, "Số người từ 31 đến 60 tuổi."),
    Column("age_over_60", "Trên 60 tuổi", NUMBER, 10, "Số người trên 60 tuổi."),
    Column("articles", "Số tin, bài", NUMBER, 10, "Số tin, bài đã đăng; để trống là 0."),
    Column("broadcasts", "Số lượt phát thanh, truyền hình", NUMBER, 12, "Số lượt phát thanh, truyền hình; để trống là 0."),
    Column("leaflets", "Số tờ rơi, áp phích", NUMBER, 10, "Số tờ rơi, áp phích, tranh cổ động; để trống là 0."),
    Column("social_posts", "Số bài đăng mạng xã hội", NUMBER, 12, "Số bài đăng trên mạng xã hội; để trống là 0."),
    Column("cost", "Kinh phí (đồng)", NUMBER, 15, "Số nguyên, tính bằng đồng, ví dụ 15000000; để trống nếu không biết."),
    Column("funding_source", "Nguồn kinh phí", CHOICE, 26, "Chọn trong danh sách “Nguồn kinh phí” bên dưới."),
    Column("tasks", "Nhiệm vụ thực hiện", TASKS, 60, "Nhiệm vụ trong kế hoạch mà hoạt động thực hiện: chép nguyên văn từ danh sách “Nhiệm vụ” bên dưới, mỗi nhiệm vụ một dòng trong ô (Alt+Enter để xuống dòng). Có thể để trống."),
]
# fmt: on
BY_FIELD = {column.field: column for column in COLUMNS}
LETTER = {column.field: get_column_letter(index) for index, column in enumerate(COLUMNS, 1)}
# Fields whose empty cell is stored as 0, not as "unknown".
ZERO_WHEN_EMPTY = {"articles", "broadcasts", "leaflets", "social_posts"}

RULES = [
    "Mỗi dòng của trang “Hoạt động”, từ dòng 4, là một hoạt động; dòng để trống được bỏ qua.",
    "Không đổi tên, thêm hay xóa trang tính và cột. Không dùng công thức: gõ hoặc dán giá trị (Dán đặc biệt → Chỉ giá trị).",
    "Nếu có dòng sai, không dòng nào được lưu: hệ thống chỉ rõ từng ô cần sửa (ví dụ “Dòng 7, cột H (Số nữ)”); sửa rồi gửi lại cả tệp.",
    "Mỗi lần gửi, các dòng được ghi thành hoạt động mới: không gửi lại những hoạt động đã nhập.",
    "Mẫu này chỉ dùng cho đơn vị ghi ở trên; đơn vị khác tải mẫu của mình.",
]

REQUIRED_FILL = PatternFill("solid", fgColor="F8D9B5")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"
NUMBER_FORMAT = "#,##0"


def vietnamese_choices(choices) -> list[tuple[str, str]]:
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices]


def selectable_tasks(unit: Unit):
    """The tasks an activity of `unit` may carry out: those ActivityForm offers."""
    return (
        Task.objects.filter(plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
        .filter(Q(plan__unit=unit) | Q(plan__unit_id__in=unit.ancestor_ids))
        .select_related("plan", "section")
        .order_by("-plan__year", "plan__unit__level", "section__order", "paragraph")
    )


def task_label(task: Task) -> str:
    """How a task is written in a cell: "KH 01/KH-UBND (2025) – <text>"."""
    plan = task.plan
    return f"{plan.kind} {plan.number_and_symbol} ({plan.year}) – {task.text}"


# Writing -------------------------------------------------------------------------------------


def export_workbook(unit: Unit, activities, year: int | None = None) -> bytes:
    """The activities given (of `unit`), one a row, as an XLSX file."""
    activities = activities.select_related("agency").prefetch_related(
        Prefetch("tasks", queryset=Task.objects.select_related("plan", "section"))
    )
    today = timezone.localdate()
    title = f"DANH SÁCH HOẠT ĐỘNG – {unit.name}" + (f" – NĂM {year}" if year else "")
    note = f"Xuất từ VSTB ngày {today:%d/%m/%Y}."
    return _workbook(unit, title, note, list(activities), template=False)


def template_workbook(unit: Unit) -> bytes:
    """An empty import template for `unit`: headings locked, data cells open, drop-downs."""
    today = timezone.localdate()
    title = f"MẪU NHẬP HOẠT ĐỘNG – {unit.name}"
    note = (
        f"Tạo ngày {today:%d/%m/%Y}. Điền từ dòng {FIRST_ROW}; cột tô cam là bắt buộc. "
        f"Xem trang “{GUIDE}”."
    )
    return _workbook(unit, title, note, [], template=True)


def _workbook(unit: Unit, title: str, note: str, activities: list, template: bool) -> bytes:
    kinds = dict(vietnamese_choices(ActivityKind.choices))
    fundings = dict(vietnamese_choices(FundingSource.choices))
    agencies = list(Agency.objects.filter(unit=unit, active=True).order_by("name"))
    tasks = list(selectable_tasks(unit))

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    guide = book.create_sheet(GUIDE)
    lists = _write_guide(guide, unit, kinds, fundings, agencies, tasks)

    sheet.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    sheet.cell(NOTE_ROW, 1, note).font = Font(italic=True)
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 45

    for offset, activity in enumerate(activities):
        values = _values(activity, kinds, fundings)
        for index, column in enumerate(COLUMNS, 1):
            sheet.cell(FIRST_ROW + offset, index, values[column.field])

    rows = max(len(activities), TEMPLATE_ROWS if template else 1)
    last_row = FIRST_ROW + rows - 1
    unlocked = Protection(locked=False)
    for row in sheet.iter_rows(min_row=FIRST_ROW, max_row=last_row, max_col=len(COLUMNS)):
        for cell, column in zip(row, COLUMNS, strict=True):
            if column.kind == DATE:
                cell.number_format = DATE_FORMAT
            elif column.kind == NUMBER:
                cell.number_format = NUMBER_FORMAT
            elif column.kind in (TEXT, TASKS) and column.width >= 40:
                cell.alignment = WRAP
            if template:
                cell.protection = unlocked
    _add_validations(sheet, lists, last_row)

    sheet.freeze_panes = f"B{FIRST_ROW}"
    # Printed, 22 columns do not fit one A4 page legibly: each page repeats the headings
    # and the activity's name instead.
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if template:
        # Against slips, not a security boundary (no password): the import checks the
        # headings and the marker anyway. Column widths and row heights stay adjustable.
        sheet.protection.sheet = True
        sheet.protection.formatColumns = sheet.protection.formatRows = False
    else:
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{LETTER['tasks']}{last_row}"

    return template_bytes(book, MARKER_NAME, f"{FORMAT} {unit.code}", title)


def _values(activity: Activity, kinds: dict, fundings: dict) -> dict:
    values = {
        "title": activity.title,
        "kind": kinds.get(activity.kind, activity.kind),
        "agency": activity.agency.name if activity.agency_id else None,
        "start": activity.start,
        "end": activity.end,
        "place": activity.place or None,
        "cost": activity.cost,
        "funding_source": fundings.get(activity.funding_source),
        "tasks": "\n".join(task_label(task) for task in activity.tasks.all()) or None,
    }
    for column in COLUMNS:
        if column.field.startswith("age_"):
            values[column.field] = (activity.age_groups or {}).get(column.field[4:])
        elif column.kind == NUMBER and column.field not in values:
            values[column.field] = getattr(activity, column.field)
    return values


def _write_guide(guide, unit, kinds, fundings, agencies, tasks) -> dict[str, str]:
    """The "Hướng dẫn" sheet; returns the cell range of each drop-down list on it."""
    guide.column_dimensions["A"].width = 7
    guide.column_dimensions["B"].width = 32
    guide.column_dimensions["C"].width = 10
    guide.column_dimensions["D"].width = 90
    guide.cell(1, 1, "HƯỚNG DẪN ĐIỀN MẪU NHẬP HOẠT ĐỘNG").font = Font(bold=True, size=14)
    guide.cell(2, 1, f"Đơn vị: {unit.name}{unit.code_note}. Mẫu {FORMAT}.")
    row = 4
    for rule in RULES:
        guide.cell(row, 1, f"• {rule}")
        row += 1
    row += 1
    for index, heading in enumerate(["Cột", "Tiêu đề", "Bắt buộc", "Cách điền"], 1):
        cell = guide.cell(row, index, heading)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
    for column in COLUMNS:
        row += 1
        values = [LETTER[column.field], column.header, "Có" if column.required else "", column.help]
        for index, value in enumerate(values, 1):
            cell = guide.cell(row, index, value)
            cell.border, cell.alignment = BORDER, WRAP

    ranges = {}
    for field, heading, items in [
        ("kind", "Loại hoạt động", list(kinds.values())),
        ("funding_source", "Nguồn kinh phí", list(fundings.values())),
        ("agency", "Cơ quan tổ chức", [agency.name for agency in agencies]),
        ("tasks", "Nhiệm vụ", [task_label(task) for task in tasks]),
    ]:
        row += 2
        guide.cell(row, 2, f"{heading} (cột {LETTER[field]})").font = Font(bold=True)
        if not items:
            guide.cell(row + 1, 2, "(chưa có)").font = Font(italic=True)
            row += 1
            continue
        for offset, item in enumerate(items, 1):
            guide.cell(row + offset, 2, item)
        ranges[field] = f"'{GUIDE}'!$B${row + 1}:$B${row + len(items)}"
        row += len(items)
    guide.protection.sheet = True
    return ranges


def _add_validations(sheet, lists: dict[str, str], last_row: int) -> None:
    """Drop-downs for the choice columns, and whole numbers ≥ 0 for the number columns."""

    def cells(field: str) -> str:
        return f"{LETTER[field]}{FIRST_ROW}:{LETTER[field]}{last_row}"

    for field in ("kind", "agency", "funding_source"):
        if field not in lists:
            continue
        validation = DataValidation(
            type="list",
            formula1=lists[field],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=BY_FIELD[field].header,
            error=f"Chọn trong danh sách ở trang “{GUIDE}”.",
        )
        validation.add(cells(field))
        sheet.add_data_validation(validation)
    numbers = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Nhập số nguyên không âm.",
    )
    for column in COLUMNS:
        if column.kind == NUMBER:
            numbers.add(cells(column.field))
    sheet.add_data_validation(numbers)


# Reading -------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[Activity]
    problems: list[Problem]


def import_activities(data: bytes, unit: Unit, user, own_agencies: set[int] | None) -> ImportResult:
    """Read a filled-in template and save its activities: all of them, or none.

    `own_agencies`: the agencies the user may record for, or None for any of the unit's.
    """
    try:
        if not unpacks_within(data, MAX_UNPACKED_BYTES):
            message = _(
                "The workbook is too large once unpacked. Split the activities into several files."
            )
            return ImportResult([], [Problem(message)])
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl and zipfile raise many kinds of error on damaged files
        return ImportResult([], [Problem(_unreadable())])
    try:
        problems = _check_workbook(book, unit)
        if problems:
            return ImportResult([], problems)
        rows, problems = _read_rows(book[SHEET])
    finally:
        book.close()
    if problems:
        return ImportResult([], problems)
    if not rows:
        message = _(
            "The sheet “%(sheet)s” has no activity. Fill in one activity a row from row %(row)s."
        )
        return ImportResult([], [Problem(message % {"sheet": SHEET, "row": FIRST_ROW})])

    reader = _RowReader(unit, own_agencies)
    parsed = []
    for number, cells in rows:
        activity, tasks = reader.read(number, cells)
        activity.unit, activity.created_by = unit, user
        parsed.append((activity, tasks))
    if reader.problems:
        # In reading order: row by row, left to right.
        reader.problems.sort(key=lambda p: (p.row, COLUMNS.index(p.column) if p.column else -1))
        return ImportResult([], reader.problems)
    digest = hashlib.sha256(data).hexdigest()
    try:
        with transaction.atomic():
            # First: of two imports of one file at once, the second waits here for the
            # first's transaction, then fails on the unique constraint and saves nothing.
            ActivityImport.objects.create(
                unit=unit, digest=digest, activities=len(parsed), imported_by=user
            )
            _save_parsed(parsed)
    except IntegrityError:
        message = _(
            "This workbook has already been imported into this unit: its activities are in "
            "the list. To add more, put only the new activities in a workbook."
        )
        return ImportResult([], [Problem(message)])
    return ImportResult([activity for activity, _tasks in parsed], [])


def _save_parsed(parsed) -> None:
    for activity, tasks in parsed:
        activity.save()
        if tasks:
            activity.tasks.set(tasks)
    # The tasks carried out that had not started move to in progress, as from the form.
    worked = [(task.pk, activity.start) for activity, tasks in parsed for task in tasks]
    if worked:
        on = min(min(start for _pk, start in worked), timezone.localdate())
        Task.work_recorded([pk for pk, _start in worked], on)


def _unreadable() -> str:
    return _(
        "The workbook cannot be read. Open it in Excel or LibreOffice, save it again as an "
        "Excel workbook (.xlsx) and send it again."
    )


def _check_workbook(book, unit: Unit) -> list[Problem]:
    text = read_marker(book, MARKER_NAME)
    if SHEET not in book.sheetnames or not text.startswith(f"{FORMAT} "):
        return [
            Problem(
                _(
                    "This workbook is not the VSTB activities template. Download the template "
                    "from this page and copy the activities into it."
                )
            )
        ]
    code = text.removeprefix(f"{FORMAT} ")
    if code != unit.code:
        # A placeholder code ("TAM-…") is never shown to users.
        if code.startswith(PLACEHOLDER_CODE_PREFIX):
            message = _(
                "This template was made for another unit. Download the template of %(unit)s "
                "and copy the activities into it."
            )
        else:
            message = _(
                "This template was made for another unit (code %(code)s). Download the "
                "template of %(unit)s and copy the activities into it."
            )
        return [Problem(message % {"code": code, "unit": unit.name})]
    problems = [
        Problem(
            _(
                "The workbook has a sheet that is not in the template: “%(sheet)s”. Move its "
                "activities to the sheet “%(main)s”, then delete it."
            )
            % {"sheet": name, "main": SHEET}
        )
        for name in book.sheetnames
        if name not in (SHEET, GUIDE)
    ]
    header = next(book[SHEET].iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW), ())
    for index, cell in enumerate(header):
        value = str(cell.value).strip() if cell.value is not None else ""
        if index < len(COLUMNS):
            column = COLUMNS[index]
            if fold(value) != fold(column.header):
                message = _("This heading has been changed; it should read “%(header)s”.")
                problems.append(Problem(message % {"header": column.header}, HEADER_ROW, column))
        elif value:
            problems.append(
                Problem(
                    _("Column %(letter)s is not in the template and would not be read. Delete it.")
                    % {"letter": get_column_letter(index + 1)},
                    HEADER_ROW,
                )
            )
    if len(header) < len(COLUMNS):
        problems.append(
            Problem(
                _("Some columns of the template are missing. Download the template again."),
                HEADER_ROW,
            )
        )
    return problems


def _read_rows(sheet) -> tuple[list[tuple[int, tuple]], list[Problem]]:
    """The non-empty data rows as (row number, cells), reading no further than MAX_ROWS."""
    rows = []
    last = FIRST_ROW + MAX_ROWS
    cells_by_row = sheet.iter_rows(min_row=FIRST_ROW, max_row=last, max_col=len(COLUMNS))
    # Read-only rows yield empty cells without a row number: count the rows instead.
    for number, cells in enumerate(cells_by_row, FIRST_ROW):
        if all(is_blank(cell.value) for cell in cells):
            continue
        if number == last:
            message = _(
                "The sheet has more than %(limit)s activities. Split them into several files."
            )
            return [], [Problem(message % {"limit": MAX_ROWS})]
        rows.append((number, cells))
    return rows, []


class _RowReader:
    """Turns rows into unsaved activities, collecting a Problem for each bad cell."""

    def __init__(self, unit: Unit, own_agencies: set[int] | None):
        self.unit = unit
        self.own_agencies = own_agencies
        self.problems: list[Problem] = []
        self.kinds = _options(ActivityKind.choices)
        self.fundings = _options(FundingSource.choices)
        self.agencies: dict[str, Agency] = {}
        unit_agencies = Agency.objects.filter(unit=unit, active=True).order_by("name")
        for agency in unit_agencies:
            if agency.short_name:
                self.agencies.setdefault(fold(agency.short_name), agency)
        for agency in unit_agencies:
            self.agencies[fold(agency.name)] = agency  # full names win over short ones
        self.own_names = ", ".join(a.name for a in unit_agencies if a.pk in (own_agencies or ()))
        self.tasks = {fold(task_label(task)): task for task in selectable_tasks(unit)}

    def read(self, number: int, cells) -> tuple[Activity, list[Task]]:
        values: dict = {}
        failed: set[str] = set()
        for cell, column in zip(cells, COLUMNS, strict=True):
            try:
                values[column.field] = self._cell(cell, column)
            except CellError as error:
                self.problems.append(Problem(str(error), number, column))
                failed.add(column.field)
        tasks = values.pop("tasks", None) or []
        age_groups = {}
        for group in AGE_GROUPS:
            value = values.pop(f"age_{group}", None)
            if value is not None:
                age_groups[group] = value
        for field in ZERO_WHEN_EMPTY:
            if values.get(field) is None:
                values[field] = 0
        values["place"] = values.get("place") or ""
        values["funding_source"] = values.get("funding_source") or ""
        activity = Activity(**values, age_groups=age_groups)
        self._check_agency(number, activity, failed)
        # Fields already reported are left out, so that a cell gets one message, not two.
        exclude = {"unit", "created_by", "agency", *failed}
        if failed & {f"age_{group}" for group in AGE_GROUPS}:
            exclude.add("age_groups")
        try:
            activity.full_clean(exclude=sorted(exclude))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                column = _column_of_error(field)
                for message in messages:
                    self.problems.append(Problem(message, number, column))
        return activity, tasks

    def _check_agency(self, number: int, activity: Activity, failed: set[str]) -> None:
        if self.own_agencies is None or "agency" in failed:
            return
        if activity.agency is None or activity.agency.pk not in self.own_agencies:
            message = _("You may import only the activities of your own agency: %(agencies)s.")
            self.problems.append(
                Problem(message % {"agencies": self.own_names}, number, BY_FIELD["agency"])
            )

    def _cell(self, cell, column: Column):
        value = entered_value(cell)
        if is_blank(value):
            if column.required:
                raise CellError(_("This cell must be filled in."))
            return None
        if column.kind == NUMBER:
            return _number(value)
        if column.kind == DATE:
            return _date(value)
        text = _text(value)
        if column.field == "kind":
            return _choose(
                text,
                self.kinds,
                _("Choose a type of activity from the list on the sheet “%(sheet)s”."),
            )
        if column.field == "funding_source":
            return _choose(
                text,
                self.fundings,
                _("Choose a funding source from the list on the sheet “%(sheet)s”."),
            )
        if column.field == "agency":
            agency = self.agencies.get(fold(text))
            if agency is None:
                message = _(
                    "“%(value)s” is not an agency of %(unit)s. Choose one from the list on the sheet “%(sheet)s”."
                )
                raise CellError(message % {"value": text, "unit": self.unit.name, "sheet": GUIDE})
            return agency
        if column.kind == TASKS:
            return self._tasks(text)
        return text

    def _tasks(self, text: str) -> list[Task]:
        tasks = []
        for line in filter(None, (line.strip() for line in text.splitlines())):
            task = self.tasks.get(fold(line))
            if task is None:
                message = _(
                    "“%(value)s” is not a task of an issued plan of this unit or the units above "
                    "it. Copy the task from the list on the sheet “%(sheet)s”, one task a line."
                )
                raise CellError(message % {"value": line[:80], "sheet": GUIDE})
            tasks.append(task)
        return tasks


def _column_of_error(field: str) -> Column:
    """The cell a model error belongs to. The row-wide rule (age groups add up to more
    than the total) points at the total."""
    if field == NON_FIELD_ERRORS:
        return BY_FIELD["participants_total"]
    if field == "age_groups":
        return BY_FIELD[f"age_{AGE_GROUPS[0]}"]
    return BY_FIELD[field]


def _options(choices) -> dict[str, str]:
    """Folded value, English label and Vietnamese label → stored value."""
    options = {}
    for value, label in choices:
        options[fold(value)] = options[fold(str(label))] = value
    for value, label in vietnamese_choices(choices):
        options[fold(label)] = value
    return options


def _choose(text: str, options: dict[str, str], message: str) -> str:
    try:
        return options[fold(text)]
    except KeyError:
        raise CellError(message % {"sheet": GUIDE}) from None


DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
    raise CellError(_("Enter a date as dd/mm/yyyy, for example 05/01/2026."))
