"""Candidates as a spreadsheet, out and back (format "vstb-candidates/1").

Secretariats keep their planning lists in Excel: the export is the unit's candidates in the
import template's layout, so a list can go out, be corrected and come back. Sheet "Quy
hoạch": a title row, a note, the header row (row 3), one candidate a row from row 4. Sheet
"Hướng dẫn": what goes in each column. A hidden defined name holds "vstb-candidates/1 <unit
code>".

A row with a code (column A, written by the export) changes that candidate, provided nobody
changed it in VSTB since the export (column M, the version, hidden); a row without one adds a
candidate. Appointment and removal from planning are done in VSTB (appointing records the key
position), so the status column is only read out. Every row or none: each bad cell is named
("Dòng 7, cột C (Giới tính): …").
"""

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from vstb.indicators.models import LeadershipRank
from vstb.leaders.models import Candidate, CandidateImport
from vstb.lib.archives import unpacks_within
from vstb.lib.cells import CellError, cell_text, entered_value, is_blank, whole_number
from vstb.lib.text import fold
from vstb.lib.workbooks import BORDER, HEADER_FILL, Problem, read_marker, template_bytes
from vstb.org.models import Agency, Sex, Unit

FORMAT = "vstb-candidates/1"
MARKER_NAME = "VSTB_MAU_QUY_HOACH"
SHEET = "Quy hoạch"
GUIDE = "Hướng dẫn"
TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
TEMPLATE_ROWS = 300
MAX_ROWS = 2000
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
REQUIRED_FILL = PatternFill("solid", fgColor="F8D9B5")

TEXT, CHOICE, YEAR, CODE, OUT = "text", "choice", "year", "code", "out"


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str
    width: int
    help: str
    required: bool = False

    @property
    def letter(self) -> str:
        return LETTER[self.field]


# fmt: off
COLUMNS = [
    Column("pk", "Mã", CODE, 8, "Do VSTB ghi khi xuất danh sách; để trống khi thêm người mới. Không sửa."),
    Column("full_name", "Họ và tên", TEXT, 28, "Họ và tên đầy đủ.", True),
    Column("sex", "Giới tính", CHOICE, 10, "Nữ hoặc Nam.", True),
    Column("current_position", "Chức vụ hiện tại", TEXT, 24, "Ví dụ: Phó Trưởng phòng.", True),
    Column("current_agency", "Cơ quan công tác", CHOICE, 30, "Chọn trong danh sách “Cơ quan” bên dưới; để trống nếu công tác ngoài các cơ quan của đơn vị."),
    Column("planned_agency", "Cơ quan của chức danh quy hoạch", CHOICE, 30, "Chọn trong danh sách “Cơ quan” bên dưới.", True),
    Column("planned_title", "Chức danh quy hoạch", TEXT, 24, "Ví dụ: Chủ tịch UBND, Trưởng phòng.", True),
    Column("planned_rank", "Cấp", CHOICE, 12, "Cấp trưởng hoặc Cấp phó.", True),
    Column("key_position", "Lãnh đạo chủ chốt", CHOICE, 12, "Có hoặc Không; để trống là Có."),
    Column("term_start", "Quy hoạch từ năm", YEAR, 10, "Năm bắt đầu của giai đoạn quy hoạch, ví dụ 2026.", True),
    Column("term_end", "Đến năm", YEAR, 10, "Năm kết thúc của giai đoạn quy hoạch, ví dụ 2031.", True),
    Column("note", "Ghi chú", TEXT, 30, "Không bắt buộc."),
    Column("version", "Phiên bản", OUT, 6, "Do VSTB ghi; không sửa."),
    Column("status", "Trạng thái", OUT, 16, "Chỉ để xem: bổ nhiệm, đưa ra khỏi quy hoạch làm trên VSTB."),
]
# fmt: on
BY_FIELD = {column.field: column for column in COLUMNS}
LETTER = {column.field: get_column_letter(index) for index, column in enumerate(COLUMNS, 1)}

SEXES = {Sex.FEMALE: "Nữ", Sex.MALE: "Nam"}
RANKS = {LeadershipRank.HEAD: "Cấp trưởng", LeadershipRank.DEPUTY: "Cấp phó"}
YES, NO = "Có", "Không"

RULES = [
    "Mỗi dòng của trang “Quy hoạch”, từ dòng 4, là một người; dòng để trống được bỏ qua.",
    "Dòng có mã (cột A) sửa người đã có trên VSTB; dòng không có mã thêm người mới.",
    "Không đổi tên, thêm hay xóa trang tính và cột. Không dùng công thức.",
    "Nếu có ô sai, không dòng nào được lưu: hệ thống chỉ rõ từng ô cần sửa; sửa rồi gửi lại cả tệp.",
    "Bổ nhiệm và đưa ra khỏi quy hoạch thực hiện trên VSTB, không qua tệp này.",
    "Mẫu này chỉ dùng cho đơn vị ghi ở trên.",
]


def _status_labels() -> dict[str, str]:
    from vstb.leaders.models import CandidateStatus

    with translation.override("vi"):
        return {value: str(label) for value, label in CandidateStatus.choices}


# Writing ---------------------------------------------------------------------------------------


def export_workbook(unit: Unit, candidates) -> bytes:
    today = timezone.localdate()
    title = f"DANH SÁCH CÁN BỘ TRONG QUY HOẠCH – {unit.name}"
    note = f"Xuất từ VSTB ngày {today:%d/%m/%Y}. Sửa rồi gửi lại trên VSTB để cập nhật."
    rows = list(candidates.select_related("current_agency", "planned_agency"))
    return _workbook(unit, title, note, rows)


def template_workbook(unit: Unit) -> bytes:
    title = f"MẪU NHẬP CÁN BỘ TRONG QUY HOẠCH – {unit.name}"
    note = f"Điền từ dòng {FIRST_ROW}; cột tô cam là bắt buộc. Xem trang “{GUIDE}”."
    return _workbook(unit, title, note, [])


def _workbook(unit: Unit, title: str, note: str, candidates: list[Candidate]) -> bytes:
    agencies = [
        agency.name for agency in Agency.objects.filter(unit=unit, active=True).order_by("name")
    ]
    statuses = _status_labels()
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    guide = book.create_sheet(GUIDE)
    agency_range = _write_guide(guide, unit, agencies)
    sheet.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    sheet.cell(NOTE_ROW, 1, note).font = Font(italic=True)
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.column_dimensions[LETTER["version"]].hidden = True
    for offset, candidate in enumerate(candidates):
        values = {
            "pk": candidate.pk,
            "full_name": candidate.full_name,
            "sex": SEXES.get(candidate.sex, candidate.sex),
            "current_position": candidate.current_position,
            "current_agency": candidate.current_agency.name
            if candidate.current_agency_id
            else None,
            "planned_agency": candidate.planned_agency.name,
            "planned_title": candidate.planned_title,
            "planned_rank": RANKS.get(candidate.planned_rank, candidate.planned_rank),
            "key_position": YES if candidate.key_position else NO,
            "term_start": candidate.term_start,
            "term_end": candidate.term_end,
            "note": candidate.note or None,
            "version": candidate.version,
            "status": statuses.get(candidate.status, candidate.status),
        }
        for index, column in enumerate(COLUMNS, 1):
            sheet.cell(FIRST_ROW + offset, index, values[column.field])
    last_row = FIRST_ROW + max(len(candidates), TEMPLATE_ROWS) - 1
    for field, formula in [
        ("sex", f'"{",".join(SEXES.values())}"'),
        ("planned_rank", f'"{",".join(RANKS.values())}"'),
        ("key_position", f'"{YES},{NO}"'),
        ("current_agency", agency_range),
        ("planned_agency", agency_range),
    ]:
        if not formula:
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.add(f"{LETTER[field]}{FIRST_ROW}:{LETTER[field]}{last_row}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = f"C{FIRST_ROW}"
    return template_bytes(book, MARKER_NAME, f"{FORMAT} {unit.code}", title)


def _write_guide(guide, unit: Unit, agencies: list[str]) -> str:
    guide.column_dimensions["A"].width = 7
    guide.column_dimensions["B"].width = 34
    guide.column_dimensions["C"].width = 10
    guide.column_dimensions["D"].width = 80
    guide.cell(1, 1, "HƯỚNG DẪN ĐIỀN MẪU CÁN BỘ TRONG QUY HOẠCH").font = Font(bold=True, size=14)
    guide.cell(2, 1, f"Đơn vị: {unit.name}. Mẫu {FORMAT}.")
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
            guide.cell(row, index, value).border = BORDER
    row += 2
    guide.cell(row, 2, "Cơ quan").font = Font(bold=True)
    if not agencies:
        guide.cell(row + 1, 2, "(chưa có)")
        return ""
    for offset, name in enumerate(agencies, 1):
        guide.cell(row + offset, 2, name)
    guide.protection.sheet = True
    return f"'{GUIDE}'!$B${row + 1}:$B${row + len(agencies)}"


# Reading ---------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: int
    changed: int
    problems: list[Problem]


def import_candidates(data: bytes, unit: Unit, user) -> ImportResult:
    """Read a filled-in template or an export of `unit` and save it: every row, or none."""
    try:
        if not unpacks_within(data, MAX_UNPACKED_BYTES):
            return ImportResult(
                0,
                0,
                [
                    Problem(
                        _(
                            "The workbook is too large once unpacked. Split the candidates into several files."
                        )
                    )
                ],
            )
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl and zipfile raise many kinds of error on damaged files
        return ImportResult(0, 0, [Problem(_unreadable())])
    try:
        problems = _check_workbook(book, unit)
        rows = [] if problems else _read_rows(book[SHEET], problems)
    finally:
        book.close()
    if problems:
        return ImportResult(0, 0, problems)
    if not rows:
        message = _(
            "The sheet “%(sheet)s” has no candidate. Fill in one person a row from row %(row)s."
        )
        return ImportResult(0, 0, [Problem(message % {"sheet": SHEET, "row": FIRST_ROW})])
    reader = _RowReader(unit)
    parsed = [reader.read(number, cells) for number, cells in rows]
    if reader.problems:
        reader.problems.sort(
            key=lambda p: (p.row or 0, COLUMNS.index(p.column) if p.column else -1)
        )
        return ImportResult(0, 0, reader.problems)
    new = [candidate for candidate in parsed if candidate.pk is None]
    # A row the person left as exported changes nothing (its version stays).
    changed = [c for c in parsed if c.pk is not None and _values(c) != reader.before[c.pk]]
    digest = hashlib.sha256(data).hexdigest()
    try:
        with transaction.atomic():
            # First: of two imports of one file at once, the second waits here, then fails
            # on the unique constraint and saves nothing.
            CandidateImport.objects.create(
                unit=unit, digest=digest, candidates=len(parsed), imported_by=user
            )
            for candidate in new:
                candidate.created_by = user
                candidate.save()
            for candidate in changed:
                candidate.version += 1
                candidate.save()
    except IntegrityError:
        message = _(
            "This workbook has already been imported into this unit. Export the list again "
            "to make further changes."
        )
        return ImportResult(0, 0, [Problem(message)])
    return ImportResult(len(new), len(changed), [])


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
                    "This workbook is not the VSTB template of candidates in planning. "
                    "Download the template from this page and copy the candidates into it."
                )
            )
        ]
    if text.removeprefix(f"{FORMAT} ") != unit.code:
        message = _(
            "This workbook was made for another unit. Download the template of %(unit)s and "
            "copy the candidates into it."
        )
        return [Problem(message % {"unit": unit.name})]
    problems = []
    header = next(book[SHEET].iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW), ())
    for index, column in enumerate(COLUMNS):
        value = header[index].value if index < len(header) else None
        if fold(str(value or "")) != fold(column.header):
            message = _("This heading has been changed; it should read “%(header)s”.")
            problems.append(Problem(message % {"header": column.header}, HEADER_ROW, column))
    return problems


def _read_rows(sheet, problems: list[Problem]) -> list[tuple[int, tuple]]:
    rows = []
    last = FIRST_ROW + MAX_ROWS
    # Only the columns a person fills in: the status column is read out, never in.
    width = len(COLUMNS) - 1
    for number, cells in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_row=last, max_col=width), FIRST_ROW
    ):
        if all(is_blank(cell.value) for cell in cells if cell is not None):
            continue
        if number == last:
            message = _(
                "The sheet has more than %(limit)s candidates. Split them into several files."
            )
            problems.append(Problem(message % {"limit": MAX_ROWS}))
            return []
        rows.append((number, tuple(cells) + (None,) * (width - len(cells))))
    return rows


class _RowReader:
    def __init__(self, unit: Unit):
        self.unit = unit
        self.problems: list[Problem] = []
        self.agencies: dict[str, Agency] = {}
        for agency in Agency.objects.filter(unit=unit, active=True).order_by("name"):
            if agency.short_name:
                self.agencies.setdefault(fold(agency.short_name), agency)
        for agency in Agency.objects.filter(unit=unit, active=True):
            self.agencies[fold(agency.name)] = agency
        self.existing = {c.pk: c for c in Candidate.objects.filter(unit=unit)}
        self.seen: set[int] = set()
        self.before = {pk: _values(c) for pk, c in self.existing.items()}

    def read(self, number: int, cells) -> Candidate:
        values: dict = {}
        failed: set[str] = set()
        for cell, column in zip(cells, COLUMNS, strict=False):
            if column.field in ("status",):
                continue
            try:
                values[column.field] = self._cell(cell, column)
            except CellError as error:
                self.problems.append(Problem(str(error), number, column))
                failed.add(column.field)
        pk, version = values.pop("pk", None), values.pop("version", None)
        if pk is not None and "pk" not in failed:
            candidate = self._existing(number, pk, version)
        else:
            candidate = Candidate(unit=self.unit)
        for name, value in values.items():
            if name in failed:
                continue
            if name == "key_position" and value is None:
                value = True
            if name == "note":
                value = value or ""
            setattr(candidate, name, value)
        try:
            candidate.full_clean(exclude=["unit", "created_by", *failed])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = BY_FIELD.get(name, BY_FIELD["full_name"])
                for message in messages:
                    self.problems.append(Problem(message, number, column))
        return candidate

    def _existing(self, number: int, pk: int, version: int | None) -> Candidate:
        candidate = self.existing.get(pk)
        if candidate is None or pk in self.seen:
            message = (
                _("This code is on another row too: each person is on one row only.")
                if candidate is not None
                else _(
                    "No candidate of %(unit)s has this code. Leave the code empty to add a "
                    "new person; never type or change a code."
                )
                % {"unit": self.unit.name}
            )
            self.problems.append(Problem(message, number, BY_FIELD["pk"]))
            return Candidate(unit=self.unit)
        self.seen.add(pk)
        if version != candidate.version:
            message = _(
                "This person was changed in VSTB after the list was exported. Export the list "
                "again and make your changes in the new file."
            )
            self.problems.append(Problem(message, number, BY_FIELD["pk"]))
        return candidate

    def _cell(self, cell, column: Column):
        value = entered_value(cell) if cell is not None else None
        if is_blank(value):
            if column.required:
                raise CellError(_("This cell must be filled in."))
            return None
        if column.kind in (CODE, OUT):
            return whole_number(value)
        if column.kind == YEAR:
            return whole_number(value)
        text = cell_text(value)
        if column.field == "sex":
            return _choose(text, SEXES, _("Type Nữ or Nam."))
        if column.field == "planned_rank":
            return _choose(text, RANKS, _("Type Cấp trưởng or Cấp phó."))
        if column.field == "key_position":
            return _choose(text, {True: YES, False: NO}, _("Type Có or Không."))
        if column.field in ("current_agency", "planned_agency"):
            agency = self.agencies.get(fold(text))
            if agency is None:
                message = _(
                    "“%(value)s” is not an agency of %(unit)s. Choose one from the list on the sheet “%(sheet)s”."
                )
                raise CellError(
                    message % {"value": text[:80], "unit": self.unit.name, "sheet": GUIDE}
                )
            return agency
        limit = Candidate._meta.get_field(column.field).max_length
        if limit and len(text) > limit:
            raise CellError(_("Keep this cell to %(limit)s characters.") % {"limit": limit})
        return text


def _values(candidate: Candidate) -> dict:
    """What a row sets on a candidate, to tell a changed row from one left as it was."""
    return {
        column.field: getattr(candidate, f"{column.field}_id", None)
        if column.kind == CHOICE and column.field.endswith("agency")
        else getattr(candidate, column.field)
        for column in COLUMNS
        if column.kind not in (CODE, OUT)
    }


def _choose(text: str, labels: dict, message: str):
    folded = fold(text)
    for value, label in labels.items():
        if folded in (fold(label), fold(str(value))):
            return value
    raise CellError(message)
