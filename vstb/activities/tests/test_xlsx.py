"""Activities spreadsheets: export, import template, import (all or nothing, cell by cell)."""

import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from openpyxl import load_workbook

from vstb.activities import spreadsheets
from vstb.activities.models import Activity, ActivityKind, FundingSource
from vstb.activities.spreadsheets import (
    FIRST_ROW,
    FORMAT,
    GUIDE,
    HEADER_ROW,
    LETTER,
    MARKER_NAME,
    SHEET,
    vietnamese_choices,
)
from vstb.conftest import PNG, vi

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_templates(monkeypatch):
    """Templates with 20 open rows instead of 500: the same workbook, a second faster a test."""
    monkeypatch.setattr(spreadsheets, "TEMPLATE_ROWS", 20)


FIELDS = [
    "kind", "agency_id", "title", "start", "end", "place", "participants_total",
    "participants_women", "participants_men", "participants_ethnic_minority",
    "participants_leaders", "age_groups", "articles", "broadcasts", "leaflets", "social_posts",
    "cost", "funding_source",
]  # fmt: skip


def in_vietnamese(message: str) -> str:
    """What the page shows for a msgid (translated or not): compares messages, not wording."""
    with translation.override("vi"):
        return gettext(message)


def imported_message(count: int) -> str:
    with translation.override("vi"):
        return ngettext(
            "%(count)s activity has been imported.",
            "%(count)s activities have been imported.",
            count,
        ) % {"count": count}


def _label(choices, value: str) -> str:
    return dict(vietnamese_choices(choices))[value]


def _good_row(world) -> dict:
    return {
        "title": "Tập huấn lồng ghép giới",
        "kind": _label(ActivityKind.choices, "training"),
        "agency": world.justice.name,
        "start": datetime(2024, 4, 10),
        "participants_total": 50,
        "participants_women": 30,
        "participants_men": 20,
    }


def _download(client, name: str, unit, **query) -> bytes:
    response = client.get(reverse(f"activities:{name}", args=[unit.pk]), query)
    assert response.status_code == 200, response
    return response.content


def _template(client, unit) -> bytes:
    return _download(client, "import_template", unit)


def _fill(template: bytes, rows: dict[int, dict], change=None) -> bytes:
    """The template with `rows` ({row number: {field: value}}) typed in; `change(book)` tampers."""
    book = load_workbook(io.BytesIO(template))
    sheet = book[SHEET]
    for number, values in rows.items():
        for field, value in values.items():
            sheet[f"{LETTER[field]}{number}"] = value
    if change:
        change(book)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _send(client, unit, data: bytes, name: str = "hoat-dong.xlsx", follow: bool = False):
    upload = SimpleUploadedFile(name, data)
    url = reverse("activities:import", args=[unit.pk])
    return client.post(url, {"file": upload}, follow=follow)


def _cells(response) -> list[tuple[int | None, str | None]]:
    """(row, column letter) of each problem the page reports."""
    return [
        (p.row, LETTER[p.column.field] if p.column else None) for p in response.context["problems"]
    ]


def test_export_then_import_gives_back_the_same_figures(world, login):
    first = Activity.objects.create(
        unit=world.district, agency=world.womens_union, kind="training", title="Tập huấn cho hội viên",
        start=date(2024, 5, 2), end=date(2024, 5, 3), place="Nhà văn hóa phường Bồ Đề",
        participants_total=60, participants_women=45, participants_men=15,
        participants_ethnic_minority=3, participants_leaders=6,
        age_groups={"16_30": 20, "31_60": 40}, articles=2, broadcasts=1, leaflets=300,
        social_posts=4, cost=12_500_000, funding_source="state_budget",
    )  # fmt: skip
    first.tasks.add(world.justice_task)
    second = Activity.objects.create(
        unit=world.district,
        kind="media",
        title="Phóng sự về bình đẳng giới",
        start=date(2024, 11, 20),
    )
    client = login(world.users["district_secretariat"])
    exported = _download(client, "export", world.district, year="2024")

    sheet = load_workbook(io.BytesIO(exported))[SHEET]
    assert world.district.name in sheet["A1"].value and "2024" in sheet["A1"].value
    assert sheet.freeze_panes == f"B{FIRST_ROW}"
    assert sheet[f"A{HEADER_ROW}"].value == "Tên hoạt động"
    start = sheet[f"{LETTER['start']}{FIRST_ROW}"]
    assert start.value == datetime(2024, 5, 2) and start.number_format == "DD/MM/YYYY"
    assert sheet[f"{LETTER['cost']}{FIRST_ROW}"].value == 12_500_000
    assert sheet[f"{LETTER['funding_source']}{FIRST_ROW}"].value == _label(
        FundingSource.choices, "state_budget"
    )
    assert sheet[f"{LETTER['tasks']}{FIRST_ROW}"].value == (
        "KH 01/KH-UBND (2025) – Tuyên truyền pháp luật về bình đẳng giới."
    )
    assert sheet[f"A{FIRST_ROW + 2}"].value is None  # 2025's activity is not in 2024's export

    before = set(Activity.objects.values_list("pk", flat=True))
    response = _send(client, world.district, exported)
    assert response.status_code == 302
    imported = Activity.objects.exclude(pk__in=before).order_by("start")
    assert [[getattr(a, f) for f in FIELDS] for a in imported] == [
        [getattr(a, f) for f in FIELDS] for a in (first, second)
    ]
    assert list(imported[0].tasks.all()) == [world.justice_task]
    assert all(a.created_by == world.users["district_secretariat"] for a in imported)


def test_template_locks_the_headings_and_offers_lists(world, login):
    client = login(world.users["district_viewer"])
    book = load_workbook(io.BytesIO(_download(client, "import_template", world.district)))
    assert book.sheetnames == [SHEET, GUIDE]
    assert book.defined_names[MARKER_NAME].attr_text == f'"{FORMAT} {world.district.code}"'
    sheet = book[SHEET]
    assert sheet.protection.sheet
    assert sheet[f"A{HEADER_ROW}"].protection.locked
    assert not sheet[f"A{FIRST_ROW}"].protection.locked
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists[f"{LETTER['kind']}{FIRST_ROW}"].startswith(f"'{GUIDE}'!")
    guide_text = [cell.value for row in book[GUIDE].iter_rows() for cell in row if cell.value]
    assert world.justice.name in guide_text and world.womens_union.name in guide_text
    assert any("Số nữ" in str(text) for text in guide_text)


def test_one_bad_row_saves_nothing_and_names_its_row_and_cell(world, login):
    client = login(world.users["district_secretariat"])
    template = _template(client, world.district)
    good = _good_row(world)
    # Row 5 is left empty and skipped; row 6 has more women and men than participants.
    data = _fill(template, {4: good, 6: {**good, "participants_total": 40}})
    before = Activity.objects.count()
    response = _send(client, world.district, data)
    assert response.status_code == 200
    assert _cells(response) == [(6, LETTER["participants_total"])]
    assert Activity.objects.count() == before
    page = response.content.decode()
    assert "Tổng số người tham gia" in page
    sentence = vi("Row %(row)s, column %(letter)s (%(header)s): %(message)s")
    assert sentence.startswith("Dòng") and "Dòng 6, cột G" in page


def test_good_rows_are_imported_and_the_list_says_how_many(world, login):
    client = login(world.users["district_secretariat"])
    template = _template(client, world.district)
    good = _good_row(world)
    data = _fill(template, {4: good, 5: {**good, "title": "Hội thảo", "cost": "1.500.000"}})
    response = _send(client, world.district, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("activities:list", args=[world.district.pk])
    assert [str(m) for m in response.context["messages"]] == [imported_message(2)]
    assert Activity.objects.get(title="Hội thảo").cost == 1_500_000


def _no_marker(book):
    del book.defined_names[MARKER_NAME]


def _extra_sheet(book):
    book.create_sheet("Sheet2")["A1"] = "Dữ liệu khác"


def _renamed_heading(book):
    book[SHEET][f"{LETTER['participants_women']}{HEADER_ROW}"] = "Nữ"


@pytest.mark.parametrize(
    ("changes", "tamper", "expected"),
    [
        pytest.param({}, _no_marker, [(None, None)], id="not-the-template"),
        pytest.param({}, _extra_sheet, [(None, None)], id="extra-sheet"),
        pytest.param({}, _renamed_heading, [(HEADER_ROW, "H")], id="renamed-heading"),
        pytest.param({"participants_women": "khoảng 30"}, None, [(4, "H")], id="text-in-number"),
        pytest.param({"participants_men": -5}, None, [(4, "I")], id="negative"),
        pytest.param({"participants_total": "=H4+I4"}, None, [(4, "G")], id="formula"),
        pytest.param({"participants_total": 10}, None, [(4, "G")], id="women-and-men-over-total"),
        pytest.param({"kind": "Liên hoan"}, None, [(4, "B")], id="unknown-kind"),
        pytest.param({"agency": "Phòng Không Có"}, None, [(4, "C")], id="unknown-agency"),
        pytest.param({"start": "31/02/2024"}, None, [(4, "D")], id="bad-date"),
        pytest.param({"end": datetime(2024, 4, 1)}, None, [(4, "E")], id="ends-before-it-starts"),
        pytest.param({"title": None}, None, [(4, "A")], id="empty-required-cell"),
        pytest.param({"tasks": "Một nhiệm vụ bịa ra"}, None, [(4, "V")], id="unknown-task"),
    ],
)
def test_a_tampered_workbook_is_refused_by_cell_and_nothing_saved(
    world, login, changes, tamper, expected
):
    client = login(world.users["district_secretariat"])
    template = _template(client, world.district)
    data = _fill(template, {4: {**_good_row(world), **changes}}, tamper)
    before = Activity.objects.count()
    response = _send(client, world.district, data)
    assert response.status_code == 200
    assert _cells(response) == expected
    assert Activity.objects.count() == before
    if tamper is _extra_sheet:
        assert "Sheet2" in response.context["problems"][0].message


def test_more_rows_than_the_limit_are_refused(world, login, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 2)
    client = login(world.users["district_secretariat"])
    good = _good_row(world)
    data = _fill(_template(client, world.district), {4: good, 5: good, 6: good})
    response = _send(client, world.district, data)
    assert _cells(response) == [(None, None)]
    assert not Activity.objects.filter(title=good["title"]).exists()


def test_a_formula_is_named_as_such(world, login):
    client = login(world.users["district_secretariat"])
    template = _template(client, world.district)
    response = _send(
        client, world.district, _fill(template, {4: {**_good_row(world), "cost": "=1+1"}})
    )
    [problem] = response.context["problems"]
    assert problem.message == in_vietnamese(
        "This cell holds a formula. Type the value itself, or paste it with Paste Special → Values only."
    )


def test_the_template_of_another_unit_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    ward_template = _template(client, world.ward)
    response = _send(client, world.district, _fill(ward_template, {4: _good_row(world)}))
    [problem] = response.context["problems"]
    assert world.ward.code in problem.message and world.district.name in problem.message


def test_the_template_of_a_unit_with_a_placeholder_code_does_not_show_it(world, login):
    world.ward.code = "TAM-01-2025-09"
    world.ward.save()
    client = login(world.users["district_secretariat"])
    ward_template = _template(client, world.ward)
    response = _send(client, world.district, _fill(ward_template, {4: _good_row(world)}))
    [problem] = response.context["problems"]
    assert "TAM-" not in problem.message and world.district.name in problem.message


def test_a_file_that_is_not_a_workbook_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    response = _send(client, world.district, PNG, name="hoat-dong.xlsx")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_focal_point_imports_only_its_own_agency_rows(world, login):
    client = login(world.users["focal_point"])
    template = _template(client, world.district)
    own = _good_row(world)
    other = {**own, "title": "Hội nghị của Hội Phụ nữ", "agency": world.womens_union.name}
    before = Activity.objects.count()
    response = _send(client, world.district, _fill(template, {4: own, 5: other}))
    assert _cells(response) == [(5, LETTER["agency"])]
    assert Activity.objects.count() == before
    response = _send(client, world.district, _fill(template, {4: own}))
    assert response.status_code == 302
    assert Activity.objects.get(title=own["title"]).agency == world.justice


def test_outsider_cannot_export(world, login):
    client = login(world.users["other_district_officer"])
    response = client.get(reverse("activities:export", args=[world.district.pk]))
    assert response.status_code == 404


def test_viewer_cannot_import(world, login):
    client = login(world.users["district_viewer"])
    template = _template(client, world.district)  # a viewer may download it, not send it
    before = Activity.objects.count()
    response = _send(client, world.district, _fill(template, {4: _good_row(world)}))
    assert response.status_code == 403
    assert Activity.objects.count() == before


def test_an_imported_activity_moves_its_task_to_in_progress(world, login):
    from vstb.activities.spreadsheets import task_label
    from vstb.plans.models import Task, TaskStatus

    client = login(world.users["district_secretariat"])
    template = _template(client, world.district)
    row = {**_good_row(world), "tasks": task_label(world.wards_task)}
    response = _send(client, world.district, _fill(template, {4: row}), follow=True)
    assert [str(m) for m in response.context["messages"]] == [imported_message(1)]
    assert Task.objects.get(pk=world.wards_task.pk).status == TaskStatus.IN_PROGRESS


def test_an_activity_title_that_looks_like_a_formula_is_exported_as_text(world, login):
    Activity.objects.create(
        unit=world.district,
        kind="media",
        title='=HYPERLINK("http://example.com","Xem")',
        place="+cmd|'/c calc'!A0",
        start=date(2024, 11, 20),
    )
    client = login(world.users["district_secretariat"])
    sheet = load_workbook(io.BytesIO(_download(client, "export", world.district, year="2024")))[
        SHEET
    ]

    title, place = sheet[f"A{FIRST_ROW}"], sheet[f"{LETTER['place']}{FIRST_ROW}"]
    assert (title.data_type, title.value) == ("s", '=HYPERLINK("http://example.com","Xem")')
    assert place.data_type == "s"


def test_the_same_workbook_sent_twice_is_imported_once(world, login):
    client = login(world.users["district_secretariat"])
    filled = _fill(_template(client, world.district), {4: _good_row(world)})
    before = Activity.objects.count()
    _send(client, world.district, filled)
    response = _send(client, world.district, filled)
    assert Activity.objects.count() == before + 1
    [problem] = response.context["problems"]
    assert problem.message == in_vietnamese(
        "This workbook has already been imported into this unit: its activities are in the "
        "list. To add more, put only the new activities in a workbook."
    )
