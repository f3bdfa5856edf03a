"""The estimate as an XLSX workbook, out and back (issue 16, item 3).

The file carries which estimate it is (a hidden marker) and the version it was taken from
(cell B2). Sent back, it replaces the estimate's lines all at once, or changes nothing: any
bad cell (an amount that is not a whole number, an unknown budget item or source, a group or
a line of another plan) or a file of another estimate or of an older version is refused with
each cell named.
"""

import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from vstb.budget import services
from vstb.budget.items import BY_CODE, ITEMS, REGULATION
from vstb.budget.models import (
    MAX_AMOUNT,
    SOURCE_WORDS,
    TOO_LARGE,
    Estimate,
    EstimateLine,
    EstimateStatus,
    Source,
)
from vstb.lib.archives import unpacks_within
from vstb.lib.cells import CellError, cell_text, entered_value, is_blank, whole_number
from vstb.lib.text import fold
from vstb.lib.workbooks import BORDER, HEADER_FILL, Problem, Refused, read_marker, template_bytes

MARKER_NAME = "VSTB_ESTIMATE"
SHEET = "Dự toán"
GUIDE = "Hướng dẫn"
VERSION_CELL = "B2"
HEADER_ROW = 4
FIRST_ROW = 5
MAX_ROWS = 2000
# An estimate's workbook unpacks to well under a megabyte (lib/archives.py).
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
HEADERS = [
    ("A", "Mã dòng"),
    ("B", "Mã nhóm hoạt động"),
    ("C", "Mã nội dung chi"),
    ("D", "Nguồn kinh phí"),
    ("E", "Nội dung"),
    ("F", "Số tiền (đồng)"),
]
SOURCE_OF_WORDS = {fold(words): source for source, words in SOURCE_WORDS.items()}


def marker(estimate: Estimate) -> str:
    return f"vstb-estimate {estimate.pk}"


def export_workbook(estimate: Estimate) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    plan = estimate.plan
    sheet["A1"] = f"DỰ TOÁN KINH PHÍ – {services.plan_words(plan)}"
    sheet["A1"].font = Font(bold=True)
    sheet["A2"] = "Phiên bản (không sửa)"
    sheet[VERSION_CELL] = estimate.version
    for letter, header in HEADERS:
        cell = sheet[f"{letter}{HEADER_ROW}"]
        cell.value = header
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
    for row, line in enumerate(estimate.lines.all(), start=FIRST_ROW):
        values = [
            line.pk,
            line.section_id,
            line.item,
            SOURCE_WORDS[Source(line.source)],
            line.description,
            line.amount,
        ]
        for (letter, _header), value in zip(HEADERS, values, strict=True):
            sheet[f"{letter}{row}"] = value
    for letter, width in zip("ABCDEF", (10, 18, 16, 24, 60, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    _write_guide(book.create_sheet(GUIDE), estimate)
    return template_bytes(
        book, MARKER_NAME, marker(estimate), f"Dự toán kinh phí – {services.plan_words(plan)}"
    )


def _write_guide(guide: Any, estimate: Estimate) -> None:
    rows = [
        ["Mỗi dòng của trang “Dự toán” là một dòng dự toán. Dòng mới: để trống “Mã dòng”."],
        ["Dòng bị xóa khỏi tệp sẽ bị xóa khỏi dự toán khi nhập lại."],
        [],
        ["Mã nhóm hoạt động", "Phần của kế hoạch"],
        *[[section.pk, str(section)] for section in services.activity_groups(estimate.plan)],
        [],
        ["Mã nội dung chi", f"Nội dung chi ({REGULATION})"],
        *[[item.code, item.name] for item in ITEMS],
        [],
        ["Nguồn kinh phí"],
        *[[words] for words in SOURCE_WORDS.values()],
    ]
    for row in rows:
        guide.append(row)
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 90


# Reading ------------------------------------------------------------------------------------


def import_workbook(data: bytes, estimate: Estimate) -> int:
    """Replace the estimate's lines with the file's; the number of lines. Refused (nothing
    changed) with every problem found."""
    book = _open(data)
    if read_marker(book, MARKER_NAME) != marker(estimate):
        raise Refused(
            [
                Problem(
                    _(
                        "This file is not the estimate of this plan. Download this plan's "
                        "estimate, fill it in and send it back."
                    )
                )
            ]
        )
    if SHEET not in book.sheetnames:
        raise Refused([Problem(_("The sheet “%(sheet)s” is missing.") % {"sheet": SHEET})])
    sheet = book[SHEET]
    with transaction.atomic():
        locked = Estimate.objects.select_for_update().get(pk=estimate.pk)
        if locked.status != EstimateStatus.DRAFT:
            raise Refused([Problem(str(services.APPROVED))])
        _check_version(sheet, locked)
        rows = _read(sheet, locked)
        return _replace(locked, rows)


def _open(data: bytes) -> Workbook:
    if not unpacks_within(data, MAX_UNPACKED_BYTES):
        raise Refused(
            [Problem(_("The workbook is too large once unpacked. Download the estimate again."))]
        )
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl and zipfile raise many kinds of error on damaged files
        raise Refused(
            [
                Problem(
                    _(
                        "This workbook cannot be read. Download the estimate again, fill it "
                        "in and send it back."
                    )
                )
            ]
        ) from None


def _check_version(sheet: Any, estimate: Estimate) -> None:
    try:
        sent = whole_number(entered_value(sheet[VERSION_CELL]))
    except CellError as error:
        raise Refused([Problem(str(error), cell=VERSION_CELL)]) from None
    if sent != estimate.version:
        raise Refused(
            [
                Problem(
                    _(
                        "The estimate has been changed since this file was downloaded (the "
                        "file is of version %(sent)s, the estimate is now at version "
                        "%(now)s). Download the estimate again and make your changes in the "
                        "new file."
                    )
                    % {"sent": sent, "now": estimate.version},
                    cell=VERSION_CELL,
                )
            ]
        )


@dataclass
class Row:
    line_id: int | None
    section_id: int | None
    item: str
    source: str
    description: str
    amount: int


def _read(sheet: Any, estimate: Estimate) -> list[Row]:
    own_lines = set(estimate.lines.values_list("pk", flat=True))
    groups = set(services.activity_groups(estimate.plan).values_list("pk", flat=True))
    problems: list[Problem] = []
    rows: list[Row] = []
    seen: set[int] = set()
    last = min(sheet.max_row, FIRST_ROW + MAX_ROWS)
    for number in range(FIRST_ROW, last + 1):
        cells = {letter: sheet[f"{letter}{number}"] for letter, _header in HEADERS}
        try:
            values = {letter: entered_value(cell) for letter, cell in cells.items()}
        except CellError as error:
            problems.append(Problem(str(error), cell=f"A{number}"))
            continue
        if all(is_blank(value) for value in values.values()):
            continue
        row = _row(number, values, own_lines, groups, seen, problems)
        if row is not None:
            rows.append(row)
    if sheet.max_row > FIRST_ROW + MAX_ROWS:
        problems.append(Problem(_("The file has more than %(limit)s lines.") % {"limit": MAX_ROWS}))
    if problems:
        raise Refused(problems)
    return rows


def _row(
    number: int,
    values: dict[str, Any],
    own_lines: set[int],
    groups: set[int],
    seen: set[int],
    problems: list[Problem],
) -> Row | None:
    found = len(problems)

    def bad(letter: str, message: str) -> None:
        problems.append(Problem(message, cell=f"{letter}{number}"))

    line_id = None
    if not is_blank(values["A"]):
        try:
            line_id = whole_number(values["A"])
        except CellError as error:
            bad("A", str(error))
        else:
            if line_id not in own_lines:
                bad(
                    "A",
                    _(
                        "This line is not a line of this plan's estimate. Leave the cell empty "
                        "for a new line."
                    ),
                )
            elif line_id in seen:
                bad("A", _("This line appears twice in the file. Keep it once."))
            seen.add(line_id)
    section_id = None
    if not is_blank(values["B"]):
        try:
            section_id = whole_number(values["B"])
        except CellError as error:
            bad("B", str(error))
        else:
            if section_id not in groups:
                bad(
                    "B",
                    _(
                        "No activity group of this plan has the code %(code)s. Use a code of "
                        "the sheet “Hướng dẫn”, or leave the cell empty."
                    )
                    % {"code": section_id},
                )
    item = cell_text(values["C"])
    if item not in BY_CODE:
        bad(
            "C",
            _(
                "“%(code)s” is not a budget item. Use a code of the sheet “Hướng dẫn” (for "
                "example 2a)."
            )
            % {"code": item[:20]},
        )
    source = SOURCE_OF_WORDS.get(fold(cell_text(values["D"])))
    if source is None:
        bad(
            "D",
            _(
                "Choose a funding source listed on the sheet “Hướng dẫn” (for example ngân sách xã)."
            ),
        )
    description = cell_text(values["E"])
    if len(description) > 300:
        bad("E", _("The content is longer than 300 characters. Shorten it."))
    amount = 0
    if is_blank(values["F"]):
        bad("F", _("Enter the amount in đồng."))
    else:
        try:
            amount = whole_number(values["F"])
        except CellError as error:
            bad("F", str(error))
        else:
            if amount > MAX_AMOUNT:
                bad("F", str(TOO_LARGE))
    if len(problems) > found:
        return None
    return Row(line_id, section_id, item, str(source), description, amount)


def _replace(estimate: Estimate, rows: list[Row]) -> int:
    kept = {row.line_id for row in rows if row.line_id}
    removed = estimate.lines.exclude(pk__in=kept)
    spent_on = removed.filter(allocations__isnull=False).distinct()
    if spent_on.exists():
        names = ", ".join(str(line) for line in spent_on)
        raise Refused(
            [
                Problem(
                    _(
                        "The file leaves out lines that activities are spent on (%(lines)s). "
                        "Keep them in the file, or link the activities to another line first."
                    )
                    % {"lines": names[:300]}
                )
            ]
        )
    removed.delete()
    existing = {line.pk: line for line in estimate.lines.all()}
    for order, row in enumerate(rows, start=1):
        line = existing[row.line_id] if row.line_id else EstimateLine(estimate=estimate)
        line.section_id = row.section_id
        line.item = row.item
        line.source = row.source
        line.description = row.description
        line.amount = row.amount
        line.order = order
        if line.pk:
            line.version += 1
        line.save()
    services.moved_on(estimate)
    services.tell_overspend(estimate)
    return len(rows)
