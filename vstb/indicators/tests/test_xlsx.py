"""The figures workbook: the template holds what is stored; the import is all or nothing,
with one message per bad cell."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from vstb.conftest import vi
from vstb.indicators import spreadsheets
from vstb.indicators.models import DataValue, DataValueChange
from vstb.indicators.spreadsheets import FIRST_ROW, HEADER_ROW, MARKER_NAME, SHEET
from vstb.indicators.tests.factories import put

pytestmark = pytest.mark.django_db

TOTAL, WOMEN, MEN = 4, 5, 6  # columns D, E, F


def _template(client, unit, year=2025, period="") -> bytes:
    query = {"period": period} if period else {}
    response = client.get(reverse("indicators:template", args=[unit.pk, year]), query)
    assert response.status_code == 200
    return response.content


def _rows(book) -> dict[str, int]:
    sheet = book[SHEET]
    return {
        sheet.cell(row, 1).value: row
        for row in range(FIRST_ROW, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    }


def _fill(data: bytes, cells: dict) -> bytes:
    """Write {(code, column): value} into the template and return the file."""
    book = load_workbook(io.BytesIO(data))
    rows = _rows(book)
    for (code, column), value in cells.items():
        book[SHEET].cell(rows[code], column, value)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _send(client, unit, data: bytes):
    upload = SimpleUploadedFile("so-lieu.xlsx", data)
    return client.post(reverse("indicators:import", args=[unit.pk]), {"file": upload})


def test_template_holds_the_units_elements_and_stored_figures(world, login):
    put("DAN_SO", world.ward, 2025, 1234)
    book = load_workbook(io.BytesIO(_template(login(world.users["ward_officer"]), world.ward)))
    sheet = book[SHEET]
    assert [sheet.cell(HEADER_ROW, c).value for c in (1, 4, 5, 6)] == ["Mã", "Tổng số", "Nữ", "Nam"]
    rows = _rows(book)
    assert "DAN_SO" in rows and "TRE_SINH" in rows
    assert "LD_CO_QUAN" not in [code for code in rows if code.startswith("LAO_DONG")]
    assert sheet.cell(rows["DAN_SO"], TOTAL).value == 1234
    marker = book.defined_names[MARKER_NAME].attr_text.strip('"')
    assert marker == f"vstb-indicators/1 {world.ward.code} 2025"


def test_import_saves_the_figures_with_history(world, login):
    client = login(world.users["ward_officer"])
    data = _fill(_template(client, world.ward), {("DAN_SO", TOTAL): 1000, ("DAN_SO", WOMEN): "510"})
    response = _send(client, world.ward, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("indicators:entry", args=[world.ward.pk, 2025])
    values = {(v.sex, v.value) for v in DataValue.objects.filter(unit=world.ward)}
    assert values == {("", 1000), ("f", 510)}
    assert set(DataValue.objects.values_list("source", flat=True)) == {"import"}
    assert DataValueChange.objects.filter(unit=world.ward, source="import").count() == 2


def test_a_half_year_template_imports_into_the_first_half(world, login):
    client = login(world.users["ward_officer"])
    put("DAN_SO", world.ward, 2025, 1234)  # the year's figure: not in the half-year's file
    data = _template(client, world.ward, period="h1")
    book = load_workbook(io.BytesIO(data))
    assert "6 THÁNG ĐẦU NĂM 2025" in book[SHEET].cell(1, 1).value
    assert book.defined_names[MARKER_NAME].attr_text.strip('"').endswith(" 2025 h1")
    assert book[SHEET].cell(_rows(book)["DAN_SO"], TOTAL).value is None
    response = _send(client, world.ward, _fill(data, {("DAN_SO", TOTAL): 600}))
    assert response.url.endswith("?period=h1")
    assert {(v.period, v.value) for v in DataValue.objects.filter(unit=world.ward)} == {
        ("year", 1234),
        ("h1", 600),
    }
    page = client.get(response.url)
    assert "Đã nhập 1 số liệu của 6 tháng đầu năm 2025." in [
        str(m) for m in page.context["messages"]
    ]


def test_bad_cells_are_each_named_and_nothing_is_saved(world, login):
    client = login(world.users["ward_officer"])
    put("TRE_SINH", world.ward, 2025, 90)
    data = _fill(
        _template(client, world.ward),
        {
            ("DAN_SO", TOTAL): 100,
            ("DAN_SO", WOMEN): 150,  # more women than people
            ("TRE_SINH", WOMEN): "nhiều",  # not a number
            ("BLG_NAN_NHAN", MEN): -2,  # negative
            ("DAN_SO_TIEP_CAN_BDG", TOTAL): 10,  # fine, but nothing is saved
        },
    )
    response = _send(client, world.ward, data)
    assert response.status_code == 200
    problems = [str(p) for p in response.context["problems"]]
    rows = _rows(load_workbook(io.BytesIO(data)))
    assert len(problems) == 3
    assert any(f"{rows['DAN_SO']}" in p and "(Nữ)" in p for p in problems)
    assert any(f"{rows['TRE_SINH']}" in p and "(Nữ)" in p for p in problems)
    assert any(f"{rows['BLG_NAN_NHAN']}" in p and "(Nam)" in p for p in problems)
    assert list(DataValue.objects.values_list("value", flat=True)) == [90]
    assert not DataValueChange.objects.exists()
    assert vi("Nothing has been saved") in response.content.decode()


def test_formulas_and_error_values_are_refused_with_what_to_type(world, login):
    client = login(world.users["ward_officer"])
    data = _fill(
        _template(client, world.ward),
        {("DAN_SO", TOTAL): "=1000+200", ("DAN_SO", WOMEN): "#DIV/0!"},
    )
    response = _send(client, world.ward, data)
    problems = [str(p) for p in response.context["problems"]]
    assert any("Ô này chứa công thức" in p for p in problems)
    assert any("#DIV/0!" in p for p in problems)
    assert not DataValue.objects.exists()


def test_a_cell_without_that_breakdown_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    data = _template(client, world.district)
    book = load_workbook(io.BytesIO(data))
    row = _rows(book)["LD_CO_QUAN"]
    book[SHEET].protection.sheet = False
    book[SHEET].cell(row, WOMEN, 3)  # bodies are not counted by sex
    output = io.BytesIO()
    book.save(output)
    result = spreadsheets.import_values(output.getvalue(), world.district, None)
    assert [(p.row, p.column) for p in result.problems] == [(row, WOMEN)]
    assert not DataValue.objects.exists()


def test_a_template_of_another_unit_is_refused(world, login):
    data = _template(login(world.users["admin"]), world.other_ward)
    result = spreadsheets.import_values(data, world.ward, None)
    assert len(result.problems) == 1 and world.ward.name in str(result.problems[0])


def test_a_file_that_is_not_a_workbook_is_refused(world, login):
    client = login(world.users["ward_officer"])
    response = _send(client, world.ward, b"%PDF-1.7 not a workbook")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not DataValue.objects.exists()


def test_a_share_over_its_whole_is_refused_naming_the_cell(world, login):
    client = login(world.users["ward_officer"])
    data = _fill(
        _template(client, world.ward),
        {("LD_CO_QUAN", TOTAL): 12, ("LD_CO_QUAN_CO_NU", TOTAL): 20},
    )
    response = _send(client, world.ward, data)
    assert response.status_code == 200
    problems = [str(p) for p in response.context["problems"]]
    rows = _rows(load_workbook(io.BytesIO(data)))
    assert len(problems) == 1
    assert f"{rows['LD_CO_QUAN_CO_NU']}" in problems[0] and "lớn hơn" in problems[0]
    assert not DataValue.objects.exists()
