import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from vstb.budget import services, spreadsheets
from vstb.budget.models import EstimateLine, Source
from vstb.budget.tests.helpers import activity, estimate_with_lines
from vstb.lib.workbooks import to_bytes

pytestmark = pytest.mark.django_db


def _book(estimate):
    return load_workbook(io.BytesIO(spreadsheets.export_workbook(estimate)))


def _lines(estimate):
    return list(estimate.lines.values_list("item", "source", "description", "amount"))


def _refused(data, estimate) -> list[str]:
    before = _lines(estimate)
    version = estimate.version
    with pytest.raises(spreadsheets.Refused) as refused, translation.override("vi"):
        spreadsheets.import_workbook(data, estimate)
    estimate.refresh_from_db()
    assert _lines(estimate) == before
    assert estimate.version == version
    with translation.override("vi"):
        return [str(problem) for problem in refused.value.problems]


def test_round_trip_changes_adds_and_removes_lines(world):
    estimate = estimate_with_lines(world)
    book = _book(estimate)
    sheet = book[spreadsheets.SHEET]
    assert [sheet[f"F{row}"].value for row in (5, 6, 7)] == [10_000_000, 6_000_000, 4_000_000]
    sheet["F6"] = "6.500.000"  # as people type it into a text cell
    sheet.delete_rows(7)  # the clubs' line
    sheet["C7"], sheet["D7"], sheet["E7"], sheet["F7"] = "5", "ngân sách huyện", "Kiểm tra", 2000
    count = spreadsheets.import_workbook(to_bytes(book), estimate)
    assert count == 3
    assert _lines(estimate) == [
        ("2a", Source.DISTRICT, "Tuyên truyền", 10_000_000),
        ("4", Source.DISTRICT, "Tập huấn", 6_500_000),
        ("5", Source.DISTRICT, "Kiểm tra", 2_000),
    ]
    assert not EstimateLine.objects.filter(pk=world.line_clubs.pk).exists()
    # The same file again is of an older version now.
    with pytest.raises(spreadsheets.Refused):
        spreadsheets.import_workbook(to_bytes(book), estimate)


def test_an_unchanged_file_gives_the_same_estimate(world):
    estimate = estimate_with_lines(world)
    before = _lines(estimate)
    spreadsheets.import_workbook(spreadsheets.export_workbook(estimate), estimate)
    assert _lines(estimate) == before


def test_tampered_cells_are_each_named_and_nothing_changes(world):
    estimate = estimate_with_lines(world)
    book = _book(estimate)
    sheet = book[spreadsheets.SHEET]
    sheet["F5"] = "mười triệu"
    sheet["C6"] = "99"
    sheet["D7"] = "ngân hàng"
    sheet["F7"] = 10**19  # past what the database holds
    problems = _refused(to_bytes(book), estimate)
    assert len(problems) == 4
    for problem, cell in zip(problems, ["F5", "C6", "D7", "F7"], strict=True):
        assert cell in problem


def test_a_line_moved_from_another_plan_is_refused(world):
    estimate = estimate_with_lines(world)
    other = services.open_estimate(world.district_draft)
    foreign = services.add_line(
        other, EstimateLine(item="12", source=Source.DISTRICT, amount=1_000)
    )
    book = _book(estimate)
    book[spreadsheets.SHEET]["A5"] = foreign.pk
    book[spreadsheets.SHEET]["B6"] = world.draft_section.pk  # a group of the other plan
    problems = _refused(to_bytes(book), estimate)
    assert len(problems) == 2
    assert "A5" in problems[0] and "B6" in problems[1]


def test_a_file_of_an_older_version_is_refused_at_its_version_cell(world):
    estimate = estimate_with_lines(world)
    data = spreadsheets.export_workbook(estimate)
    services.add_line(estimate, EstimateLine(item="12", source=Source.COMMUNE, amount=5))
    estimate.refresh_from_db()
    problems = _refused(data, estimate)
    assert len(problems) == 1 and "B2" in problems[0]


def test_another_plans_file_is_refused(world):
    estimate = estimate_with_lines(world)
    other = services.open_estimate(world.district_draft)
    problems = _refused(spreadsheets.export_workbook(other), estimate)
    assert len(problems) == 1


def test_removing_a_line_that_activities_are_spent_on_is_refused(world):
    estimate = estimate_with_lines(world)
    services.link(world.line_clubs, activity(world, "Câu lạc bộ", 100))
    estimate.refresh_from_db()
    book = _book(estimate)
    book[spreadsheets.SHEET].delete_rows(7)
    problems = _refused(to_bytes(book), estimate)
    assert len(problems) == 1


def test_a_formula_is_refused(world):
    estimate = estimate_with_lines(world)
    book = _book(estimate)
    book[spreadsheets.SHEET]["F5"] = "=2*3"
    problems = _refused(to_bytes(book), estimate)
    assert len(problems) == 1


def test_an_approved_estimate_takes_no_file(world):
    estimate = estimate_with_lines(world)
    data = spreadsheets.export_workbook(estimate)
    services.approve(estimate, estimate.version)
    with pytest.raises(spreadsheets.Refused):
        spreadsheets.import_workbook(data, estimate)


def test_a_damaged_file_and_a_zip_bomb_are_refused(world):
    import zipfile

    estimate = estimate_with_lines(world)
    assert len(_refused(b"PK\x03\x04 not really a workbook", estimate)) == 1
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    assert len(_refused(bomb.getvalue(), estimate)) == 1
