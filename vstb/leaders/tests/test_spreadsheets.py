"""Candidates out to XLSX and back: a round trip changes what was changed and adds what was
added; a tampered file is refused cell by cell and changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from vstb.leaders import spreadsheets
from vstb.leaders.models import Candidate
from vstb.leaders.tests.helpers import candidate
from vstb.org.models import Sex

pytestmark = pytest.mark.django_db

FIRST = spreadsheets.FIRST_ROW


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _col(field: str) -> str:
    return spreadsheets.LETTER[field]


def _upload(client, unit, data: bytes):
    return client.post(
        reverse("leaders:import", args=[unit.pk]),
        {"file": SimpleUploadedFile("quy-hoach.xlsx", data)},
    )


def test_a_round_trip_updates_the_rows_changed_and_adds_the_new_ones(world, login):
    hoa = candidate(world.district, world.labour, "Nguyễn Thị Hoa")
    binh = candidate(world.district, world.justice, "Lê Văn Bình", sex=Sex.MALE)
    client = login(world.users["district_secretariat"])
    response = client.get(reverse("leaders:export", args=[world.district.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    book = _book(b"".join(response.streaming_content))
    sheet = book[spreadsheets.SHEET]
    assert [sheet[f"{_col('full_name')}{row}"].value for row in (FIRST, FIRST + 1)] == [
        "Lê Văn Bình", "Nguyễn Thị Hoa"
    ]  # fmt: skip
    sheet[f"{_col('current_position')}{FIRST + 1}"] = "Trưởng phòng"
    new = FIRST + 2
    for field, value in {
        "full_name": "Đặng Thị Mơ", "sex": "Nữ", "current_position": "Chuyên viên",
        "planned_agency": "Hội LHPN quận", "planned_title": "Phó Chủ tịch Hội",
        "planned_rank": "Cấp phó", "key_position": "Không", "term_start": 2026, "term_end": 2031,
    }.items():  # fmt: skip
        sheet[f"{_col(field)}{new}"] = value
    response = _upload(client, world.district, _bytes(book))
    assert response.status_code == 302
    hoa.refresh_from_db()
    binh.refresh_from_db()
    assert hoa.current_position == "Trưởng phòng" and hoa.version == 2
    assert binh.version == 1  # left as exported: not changed
    mo = Candidate.objects.get(full_name="Đặng Thị Mơ")
    assert (mo.unit, mo.planned_agency, mo.planned_rank, mo.key_position) == (
        world.district, world.womens_union, "deputy", False
    )  # fmt: skip


def test_a_tampered_file_is_refused_cell_by_cell_and_changes_nothing(world, login):
    hoa = candidate(world.district, world.labour, "Nguyễn Thị Hoa")
    other = candidate(world.ward, world.ward_committee_agency, "Phạm Thị Phường")
    book = _book(spreadsheets.export_workbook(world.district, Candidate.objects.filter(pk=hoa.pk)))
    sheet = book[spreadsheets.SHEET]
    sheet[f"{_col('sex')}{FIRST}"] = "Khác"
    sheet[f"{_col('term_end')}{FIRST}"] = "=2020+11"
    row = FIRST + 1  # a candidate of another unit, its code typed in
    for field, value in {
        "pk": other.pk, "full_name": "Phạm Thị Phường", "sex": "Nữ", "current_position": "x",
        "planned_agency": "Sở Nội vụ", "planned_title": "T", "planned_rank": "Cấp trưởng",
        "term_start": 2026, "term_end": 2031,
    }.items():  # fmt: skip
        sheet[f"{_col(field)}{row}"] = value
    client = login(world.users["district_secretariat"])
    before = list(Candidate.objects.values_list("pk", "version", "sex", "full_name"))
    response = _upload(client, world.district, _bytes(book))
    assert response.status_code == 200
    problems = [str(p) for p in response.context["problems"]]
    assert any(f"{FIRST}" in p and "C (Giới tính)" in p for p in problems)
    cells = {(p.row, p.column.field) for p in response.context["problems"] if p.column}
    assert cells == {
        (FIRST, "sex"), (FIRST, "term_end"), (row, "pk"), (row, "planned_agency")
    }  # fmt: skip
    assert list(Candidate.objects.values_list("pk", "version", "sex", "full_name")) == before


def test_a_stale_row_another_units_file_and_a_non_workbook_are_refused(world, login):
    hoa = candidate(world.district, world.labour)
    data = spreadsheets.export_workbook(world.district, Candidate.objects.all())
    hoa.current_position = "Đã đổi trên VSTB"
    hoa.version += 1
    hoa.save()
    result = spreadsheets.import_candidates(data, world.district, None)
    assert [(p.row, p.column.field) for p in result.problems] == [(FIRST, "pk")]
    result = spreadsheets.import_candidates(
        spreadsheets.template_workbook(world.ward), world.district, None
    )
    assert len(result.problems) == 1 and result.problems[0].row is None
    client = login(world.users["district_secretariat"])
    response = _upload(client, world.district, b"not a workbook")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    hoa.refresh_from_db()
    assert hoa.current_position == "Đã đổi trên VSTB"


def test_the_same_file_is_not_imported_twice(world):
    book = _book(spreadsheets.template_workbook(world.district))
    sheet = book[spreadsheets.SHEET]
    for field, value in {
        "full_name": "Bà A", "sex": "Nữ", "current_position": "x", "planned_agency": "Phòng Tư pháp",
        "planned_title": "Trưởng phòng", "planned_rank": "Cấp trưởng", "term_start": 2026,
        "term_end": 2031,
    }.items():  # fmt: skip
        sheet[f"{_col(field)}{FIRST}"] = value
    data = _bytes(book)
    first = spreadsheets.import_candidates(data, world.district, None)
    assert (first.added, first.changed, first.problems) == (1, 0, [])
    again = spreadsheets.import_candidates(data, world.district, None)
    assert again.problems and Candidate.objects.count() == 1
