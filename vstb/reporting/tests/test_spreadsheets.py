"""A report's figures as a spreadsheet: the template, the round trip, and the import refusing
a tampered workbook cell by cell with nothing saved.

Messages are compared with what the catalogue gives for their msgid (`in_vietnamese`), so
these tests do not depend on whether a translator has reached the new messages yet; the
cell prefix ("Dòng 5, cột D (Nữ): ") is the activities import's, already translated.
"""

import io
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from openpyxl.styles.colors import Color

from vstb.activities.spreadsheets import template_workbook as activities_template
from vstb.conftest import PNG
from vstb.reporting import services
from vstb.reporting.models import Figure, FigureValue, ReportEvent, Requirement
from vstb.reporting.spreadsheets import (
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    MARKER_NAME,
    SHEET,
    SpreadsheetRefused,
    figures_workbook,
    import_figures,
)

pytestmark = pytest.mark.django_db

PEOPLE_ROW, EVENTS_ROW = FIRST_ROW, FIRST_ROW + 1


def in_vietnamese(message: str) -> str:
    """What the user sees for a msgid (translated or not): compares messages, not wording."""
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture
def reporting(world):
    """A district requirement asking the wards for two figures, and Bồ Đề's report."""
    requirement = Requirement.objects.create(
        unit=world.district,
        title="Báo cáo sơ kết 6 tháng công tác bình đẳng giới năm 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        window_start=date(2024, 12, 15),
        window_end=date(2025, 6, 14),
        reporters="units",
        due_dates={"3": "2025-05-25"},
    )
    people = Figure.objects.create(
        requirement=requirement,
        order=1,
        code="1.1",
        label="Số người được tuyên truyền về bình đẳng giới",
        by_sex=True,
    )
    events = Figure.objects.create(
        requirement=requirement, order=2, code="1.2", label="Số cuộc tuyên truyền", by_sex=False
    )
    user = world.users["ward_officer"]
    report = services.open_report(requirement, world.ward, user)
    return world, requirement, people, events, report, user


def _figures(report) -> dict[str, tuple]:
    return {
        v.figure.code: (v.total, v.women, v.men) for v in report.values.select_related("figure")
    }


def _tamper(data: bytes, cells: dict[str, object], change=None) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        book[SHEET][ref] = value
    if change:
        change(book)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _refused(report, data: bytes, user) -> SpreadsheetRefused:
    with pytest.raises(SpreadsheetRefused) as caught:
        import_figures(report, data, user, report.version)
    return caught.value


def _cells(refused: SpreadsheetRefused) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.letter) for p in refused.problems]


def test_the_template_locks_codes_labels_and_the_cells_not_counted_by_sex(reporting):
    world, requirement, people, events, report, user = reporting
    services.save_report(
        report, user, report.version, {}, {people.pk: {"total": 120, "women": 80, "men": 40}}
    )
    book = load_workbook(io.BytesIO(figures_workbook(report)))

    assert book.sheetnames == [SHEET]
    assert book.defined_names[MARKER_NAME].attr_text == f'"{FORMAT} {requirement.pk} {report.pk}"'
    assert book.defined_names[MARKER_NAME].hidden
    sheet = book[SHEET]
    assert requirement.title in sheet["A1"].value
    assert world.ward.name in sheet["A2"].value
    assert "15/12/2024" in sheet["A2"].value and "14/06/2025" in sheet["A2"].value
    assert [sheet.cell(HEADER_ROW, c).value for c in range(1, 6)] == [
        "Mã", "Chỉ tiêu", "Tổng số", "Nữ", "Nam",
    ]  # fmt: skip
    assert [sheet[f"{c}{PEOPLE_ROW}"].value for c in "ABCDE"] == [
        "1.1", people.label, 120, 80, 40,
    ]  # fmt: skip
    assert [sheet[f"{c}{EVENTS_ROW}"].value for c in "ABCDE"] == [
        "1.2",
        events.label,
        None,
        None,
        None,
    ]
    assert sheet.protection.sheet
    locked = {
        ref: sheet[ref].protection.locked
        for ref in ("A5", "B5", "C5", "D5", "E5", "C6", "D6", "E6")
    }
    assert locked == {
        "A5": True, "B5": True, "C5": False, "D5": False, "E5": False,
        "C6": False, "D6": True, "E6": True,
    }  # fmt: skip
    grey = sheet["D6"].fill.fgColor
    assert isinstance(grey, Color) and grey.rgb.endswith("BFBFBF")
    assert sheet["D5"].fill.fill_type is None
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.operator, validation.formula1) == (
        "whole", "greaterThanOrEqual", "0",
    )  # fmt: skip
    assert str(validation.sqref) == f"C{PEOPLE_ROW}:E{EVENTS_ROW}"


def test_the_round_trip_gives_back_the_same_figures(reporting):
    world, requirement, people, events, report, user = reporting
    figures = {
        people.pk: {"total": 120, "women": 80, "men": 40},
        events.pk: {"total": 7, "women": None, "men": None},
    }
    services.save_report(report, user, report.version, {}, figures)
    exported = figures_workbook(report)
    empty = {people.pk: {"total": None}, events.pk: {"total": None}}
    services.save_report(report, user, report.version, {}, empty)
    assert _figures(report) == {"1.1": (None, None, None), "1.2": (None, None, None)}

    version = report.version
    import_figures(report, exported, user, version)

    assert _figures(report) == {"1.1": (120, 80, 40), "1.2": (7, None, None)}
    assert report.version == version + 1
    event = ReportEvent.objects.filter(report=report, action="edited").last()
    assert event.by == user and event.changes["1.1"] == {
        "from": [None, None, None],
        "to": [120, 80, 40],
    }

    # Typed offline, the same way back: a text number as people type it is read too.
    data = _tamper(exported, {"C5": "1.500", "D5": 900, "E5": 600, "C6": 12})
    import_figures(report, data, user, report.version)
    assert _figures(report) == {"1.1": (1500, 900, 600), "1.2": (12, None, None)}


def _extra_sheet(book):
    book.create_sheet("Sheet2")["A1"] = "Số liệu khác"


def _renamed_heading(book):
    book[SHEET][f"D{HEADER_ROW}"] = "Số nữ"


@pytest.mark.parametrize(
    ("cells", "change", "expected"),
    [
        pytest.param({"D5": "khoảng 30"}, None, [(5, "D")], id="text-in-number"),
        pytest.param({"E5": -5}, None, [(5, "E")], id="negative"),
        pytest.param({"C6": "=C5+1"}, None, [(6, "C")], id="formula"),
        pytest.param({}, _extra_sheet, [(None, None)], id="extra-sheet"),
        pytest.param({}, _renamed_heading, [(HEADER_ROW, "D")], id="renamed-heading"),
        pytest.param({"C5": 100}, None, [(5, "C")], id="women-and-men-over-total"),
        pytest.param({"C6": None}, None, [(6, "C")], id="missing-required-total"),
        pytest.param({"D6": 3}, None, [(6, "D")], id="figure-not-by-sex"),
        pytest.param({"C5": 12.5}, None, [(5, "C")], id="not-whole"),
        pytest.param({"A5": "9.9"}, None, [(5, "A"), (None, None)], id="changed-code"),
        # Each error of one workbook, by cell, in reading order after the file's own.
        pytest.param(
            {"D5": "khoảng 30", "E5": -5, "C6": "=C5+1"},
            _extra_sheet,
            [(None, None), (5, "D"), (5, "E"), (6, "C")],
            id="all-at-once",
        ),
    ],
)
def test_a_tampered_workbook_saves_nothing_and_names_each_cell(reporting, cells, change, expected):
    world, requirement, people, events, report, user = reporting
    figures = {
        people.pk: {"total": 120, "women": 80, "men": 40},
        events.pk: {"total": 7, "women": None, "men": None},
    }
    services.save_report(report, user, report.version, {}, figures)
    before, version = _figures(report), report.version
    events_before = ReportEvent.objects.filter(report=report).count()

    refused = _refused(
        report, _tamper(figures_workbook(report), {"C5": 150, **cells}, change), user
    )

    assert _cells(refused) == expected
    assert refused.messages == [str(p) for p in refused.problems]
    assert _figures(report) == before
    report.refresh_from_db()
    assert report.version == version
    assert ReportEvent.objects.filter(report=report).count() == events_before


def test_each_cell_message_names_row_column_and_heading(reporting):
    world, requirement, people, events, report, user = reporting
    data = _tamper(figures_workbook(report), {"D5": "khoảng 30", "E5": -5, "C6": "=C5+1"})
    refused = _refused(report, data, user)
    assert refused.messages == [
        "Dòng 5, cột D (Nữ): "
        + in_vietnamese(
            "Type a whole number here, with no words (for example 120), not “%(value)s”."
        )
        % {"value": "khoảng 30"},
        "Dòng 5, cột E (Nam): " + in_vietnamese("A number here cannot be negative."),
        "Dòng 6, cột C (Tổng số): "
        + in_vietnamese(
            "This cell holds a formula. Type the value itself, or paste it with "
            "Paste Special → Values only."
        ),
    ]
    assert not FigureValue.objects.filter(report=report, total__isnull=False).exists()


def test_the_workbook_of_another_report_is_refused(reporting):
    world, requirement, people, events, report, user = reporting
    other = services.open_report(requirement, world.other_ward)
    data = _tamper(figures_workbook(other), {"C5": 10, "C6": 1})
    refused = _refused(report, data, user)
    assert _cells(refused) == [(None, None)]
    assert str(other.pk) in refused.messages[0] and world.ward.name in refused.messages[0]
    assert _figures(report) == {}


def test_a_workbook_that_is_not_the_figures_template_is_refused(reporting):
    world, requirement, people, events, report, user = reporting
    expected = in_vietnamese(
        "This workbook is not the VSTB figures template of a report. Download the template "
        "from the report's page and copy the figures into it."
    )

    def no_marker(book):
        del book.defined_names[MARKER_NAME]

    for data in (activities_template(world.ward), _tamper(figures_workbook(report), {}, no_marker)):
        assert _refused(report, data, user).messages == [expected]


def test_a_file_that_is_not_a_workbook_or_too_large_is_refused(reporting, settings):
    world, requirement, people, events, report, user = reporting
    assert len(_refused(report, PNG, user).messages) == 1
    settings.VSTB_IMPORT_MAX_MB = 0
    refused = _refused(report, figures_workbook(report), user)
    assert refused.messages == [
        in_vietnamese("The file is larger than %(limit)s MB. Send the figures template.")
        % {"limit": 0}
    ]


def test_a_report_no_longer_editable_is_refused(reporting):
    world, requirement, people, events, report, user = reporting
    data = _tamper(figures_workbook(report), {"C5": 10, "C6": 1})
    import_figures(report, data, user, report.version)
    report.submit(user)
    refused = _refused(report, _tamper(data, {"C6": 2}), user)
    assert refused.messages == [
        in_vietnamese("This report has been submitted or accepted and can no longer be changed.")
    ]
    assert _figures(report)["1.2"] == (1, None, None)


def test_a_stale_version_is_refused(reporting):
    world, requirement, people, events, report, user = reporting
    data = _tamper(figures_workbook(report), {"C5": 10, "C6": 1})
    opened = report.version
    services.save_report(report, user, opened, {}, {events.pk: {"total": 5}})
    with pytest.raises(SpreadsheetRefused) as caught:
        import_figures(report, data, user, opened)
    assert caught.value.messages == [services.STALE]
    assert _figures(report)["1.2"] == (5, None, None)
