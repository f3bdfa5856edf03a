"""The unit dashboard, its ranking export and the public page: what they show, who sees
them, and a query count that does not grow with the number of lower units."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from vstb.conftest import queries_of
from vstb.indicators import public_page
from vstb.indicators.models import Indicator, PublicPage, Target
from vstb.indicators.tests.factories import put, unit

pytestmark = pytest.mark.django_db

CODE = "NQ28-M6-CT1"  # population with access to knowledge of gender equality (%): higher


def _dashboard(client, unit_, **query):
    return client.get(reverse("indicators:dashboard", args=[unit_.pk]), query)


def _figures(world):
    # Bồ Đề: 30 % in 2023, 40 % in 2024; Ngọc Lâm: 70 % in 2024 only.
    put("DAN_SO_TIEP_CAN_BDG", world.ward, 2023, 30)
    put("DAN_SO", world.ward, 2023, 100)
    put("DAN_SO_TIEP_CAN_BDG", world.ward, 2024, 40)
    put("DAN_SO", world.ward, 2024, 100)
    put("DAN_SO_TIEP_CAN_BDG", world.other_ward, 2024, 140)
    put("DAN_SO", world.other_ward, 2024, 200)


def test_dashboard_shows_targets_trend_json_and_ranking(world, login):
    _figures(world)
    client = login(world.users["district_secretariat"])
    response = _dashboard(client, world.district, indicator=CODE, year=2024)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="dashboard-data"' in page and "chart.js-4.6.1.umd.min.js" in page
    data = response.context["chart"]
    trend = dict(zip(data["trend"]["labels"], data["trend"]["data"], strict=True))
    assert trend[2023] == 30.0 and trend[2024] == 60.0  # (40 + 140) / (100 + 200)
    targets = data["trend"]["targets"]
    assert ["2025" in targets[0]["label"], "2030" in targets[1]["label"]] == [True, True]
    assert targets[0]["data"][data["trend"]["labels"].index(2025)] == 60.0
    assert targets[1]["data"][-1] == 80.0
    assert data["ranking"] == {"labels": ["Phường Ngọc Lâm", "Phường Bồ Đề"], "data": [70.0, 40.0]}
    rows = response.context["ranking"]
    assert [(r.rank, r.unit, r.value) for r in rows] == [
        (1, world.other_ward, 70),
        (2, world.ward, 40),
    ]
    assert CODE in {row.indicator.code for row in response.context["progress_rows"]}
    # The JSON in the page is what the charts read.
    start = page.index('id="dashboard-data" type="application/json">') + len(
        'id="dashboard-data" type="application/json">'
    )
    assert json.loads(page[start : page.index("</script>", start)]) == json.loads(json.dumps(data))


def test_ranking_follows_the_direction_and_puts_units_without_data_last(world, login):
    lower = Indicator.objects.get(code=CODE)
    lower.direction = "lower"
    lower.save()
    put("DAN_SO_TIEP_CAN_BDG", world.ward, 2024, 40)
    put("DAN_SO", world.ward, 2024, 100)
    put("DAN_SO_TIEP_CAN_BDG", world.other_ward, 2024, 10)
    put("DAN_SO", world.other_ward, 2024, 100)
    quiet = unit("Phường Không Số Liệu", parent=world.district)
    client = login(world.users["district_secretariat"])
    rows = _dashboard(client, world.district, indicator=CODE, year=2024).context["ranking"]
    assert [(r.rank, r.unit, r.value) for r in rows] == [
        (1, world.other_ward, 10),
        (2, world.ward, 40),
        (None, quiet, None),
    ]


def test_completeness_counts_the_lower_units_that_entered(world, login):
    _figures(world)
    unit("Phường Chưa Nhập", parent=world.district)
    client = login(world.users["district_secretariat"])
    response = _dashboard(client, world.district, indicator=CODE, year=2024)
    done = response.context["completeness"]
    assert (done.entered, done.expected, done.percent) == (2, 3, 67)
    done = _dashboard(client, world.district, indicator=CODE, year=2023).context["completeness"]
    assert (done.entered, done.expected) == (1, 3)
    # The province counts the units it lists, its districts, not the communes below them:
    # "1 of 2" above a list of two districts, never "2 of 4".
    done = _dashboard(client, world.province, indicator=CODE, year=2024)
    assert done.status_code == 404  # a district secretariat does not read its province
    admin = login(world.users["admin"])
    response = _dashboard(admin, world.province, indicator=CODE, year=2024)
    done = response.context["completeness"]
    assert (done.entered, done.expected) == (1, len(response.context["ranking"])) == (1, 2)


def test_ranking_xlsx_holds_the_ranking(world, login):
    _figures(world)
    client = login(world.users["district_viewer"])
    url = reverse("indicators:ranking_xlsx", args=[world.district.pk])
    response = client.get(url, {"indicator": CODE, "year": 2024, "mode": "period"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if any(row)]
    assert rows == [
        (1, world.other_ward.code, "Phường Ngọc Lâm", 70),
        (2, world.ward.code, "Phường Bồ Đề", 40),
    ]
    assert CODE in sheet["A1"].value


def test_query_count_does_not_grow_with_lower_units(world, login):
    client = login(world.users["district_secretariat"])

    def count():
        return queries_of(lambda: _dashboard(client, world.district, indicator=CODE, year=2024))

    for ward in (world.ward, world.other_ward):
        put("DAN_SO_TIEP_CAN_BDG", ward, 2024, 10)
        put("DAN_SO", ward, 2024, 100)
    few = count()
    for index in range(10):
        extra = unit(f"Phường {index}", parent=world.district)
        put("DAN_SO_TIEP_CAN_BDG", extra, 2024, index)
        put("DAN_SO", extra, 2024, 100)
    assert len(_dashboard(client, world.district, indicator=CODE).context["ranking"]) == 12
    assert count() == few


def test_switching_with_htmx_swaps_only_the_part_that_changes(world, login):
    _figures(world)
    client = login(world.users["district_secretariat"])
    url = reverse("indicators:dashboard", args=[world.district.pk])
    query = {"indicator": CODE, "year": 2024}
    partial = client.get(url, query, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert partial.status_code == 200 and "HX-Request" in partial["Vary"]
    assert '<div id="dashboard">' in html and "<html" not in html
    assert "{#" not in html and "{% comment" not in html and "#}" not in html
    assert 'id="dashboard-data"' in html and 'id="ranking-table"' in html
    assert partial.context["ranking"][0].unit == world.other_ward
    # The browser restoring its history asks for the whole page.
    restore = client.get(
        url, query, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode() and "dashboard.js" in restore.content.decode()
    # Without htmx, the whole page, the form still working on its own.
    full = client.get(url, query).content.decode()
    assert "<html" in full and f'hx-get="{url}"' in full and f'action="{url}"' in full


def test_the_first_half_has_its_own_ranking_completeness_and_export(world, login):
    _figures(world)  # yearly figures
    half = [(world.ward, 10, 100), (world.other_ward, 30, 50)]
    for ward, reached, people in half:
        for code, value in (("DAN_SO_TIEP_CAN_BDG", reached), ("DAN_SO", people)):
            value = put(code, ward, 2025, value)
            value.period = "h1"
            value.save()
    client = login(world.users["district_secretariat"])
    response = _dashboard(client, world.district, indicator=CODE, year=2025, period="h1")
    assert [(r.unit, r.value) for r in response.context["ranking"]] == [
        (world.other_ward, 60),
        (world.ward, 10),
    ]
    assert (response.context["completeness"].entered, response.context["period_label"]) == (
        2,
        "6 tháng đầu năm 2025",
    )
    trend = response.context["chart"]["trend"]
    assert trend["targets"] == []  # yearly targets are not drawn against half-year figures
    assert dict(zip(trend["labels"], trend["data"], strict=True))[2025] == 26.6667  # 40 / 150
    # The targets' status still reads the years.
    row = next(r for r in response.context["progress_rows"] if r.indicator.code == CODE)
    assert row.current_year == 2024
    url = reverse("indicators:ranking_xlsx", args=[world.district.pk])
    export = client.get(url, {"indicator": CODE, "year": 2025, "period": "h1"})
    assert "2025-6-thang" in export["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert "6 tháng đầu năm 2025" in sheet["A2"].value


def test_every_lower_unit_against_every_target_in_one_table(world, login):
    _figures(world)  # 2024: Bồ Đề 40 %, Ngọc Lâm 70 %, the district 60 %
    client = login(world.users["district_secretariat"])
    response = _dashboard(client, world.district, indicator=CODE, year=2024)
    table = response.context["matrix"]
    codes = [column.indicator.code for column in table.columns]
    assert CODE in codes and "NQ28-M1-CT1" in codes  # every indicator with a target
    index = codes.index(CODE)
    assert (table.columns[index].target.year, table.columns[index].target.value) == (2025, 60)
    cells = {unit_.name: cells[index] for unit_, cells in table.rows}
    assert (cells["Phường Ngọc Lâm"].value, cells["Phường Ngọc Lâm"].meets) == (70, True)
    assert (cells["Phường Bồ Đề"].value, cells["Phường Bồ Đề"].meets) == (40, False)
    assert (table.total[index].value, table.total[index].meets) == (60, True)  # "đạt 60 %"
    page = response.content.decode()
    assert 'id="matrix-table"' in page
    # Each cell as the page shows it: the figure in Vietnamese, a tick where it meets.
    assert '<td class="meets">70,0 % <span aria-label="đạt mục tiêu">✓</span></td>' in page
    assert '<td class="misses">40,0 %</td>' in page
    # The unit's own target for 2025 comes before the Strategy's.
    Target.objects.create(
        indicator=Indicator.objects.get(code=CODE),
        unit=world.district,
        year=2025,
        operator="at_least",
        value=75,
        source="Kế hoạch của quận",
    )
    table = _dashboard(client, world.district, indicator=CODE, year=2024).context["matrix"]
    column = next(c for c in table.columns if c.indicator.code == CODE)
    assert (column.target.unit, column.target.value) == (world.district, 75)
    assert [cells[index].meets for _unit, cells in table.rows] == [False, False]
    # The same table as a spreadsheet, one column of values and one of "đạt" per indicator.
    url = reverse("indicators:matrix_xlsx", args=[world.district.pk])
    sheet = load_workbook(io.BytesIO(client.get(url, {"year": 2024}).content)).active
    header = [cell.value for cell in sheet[4]]
    at = header.index(next(h for h in header if h and h.startswith(CODE)))
    rows = {row[1]: (row[at], row[at + 1]) for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["Phường Ngọc Lâm"] == (70, "chưa đạt") and rows["Quận Long Biên"] == (
        60,
        "chưa đạt",
    )
    assert "75" in header[at]


def test_outsider_gets_404_on_the_dashboard(world, login):
    for persona in ("other_district_officer", "other_province_secretariat"):
        client = login(world.users[persona])
        assert _dashboard(client, world.district).status_code == 404
        url = reverse("indicators:ranking_xlsx", args=[world.district.pk])
        assert client.get(url).status_code == 404


def _public(client, key):
    return client.get(reverse("public_indicators", args=[key]))


def test_public_page_is_off_by_default(world, login):
    client = login(None)
    assert _public(client, world.district.code).status_code == 404
    PublicPage.objects.create(unit=world.district)
    assert _public(client, world.district.code).status_code == 404
    assert _public(client, "no-such-unit").status_code == 404


def test_public_page_shows_only_published_indicators_to_anyone(world, login):
    _figures(world)
    this_year = date.today().year
    put("DAN_SO_TIEP_CAN_BDG", world.ward, this_year, 99)  # the year under way: not shown
    put("DAN_SO", world.ward, this_year, 100)
    page = PublicPage.objects.create(unit=world.district, enabled=True)
    page.indicators.add(Indicator.objects.get(code=CODE))
    client = login(None)
    assert _public(client, world.district.code).status_code == 404  # asked, not approved
    public_page.publish(page, world.users["district_secretariat"])
    for key in (world.district.code, str(world.district.pk)):
        response = _public(client, key)
        assert response.status_code == 200
        [row] = response.context["rows"]
        assert (row["indicator"]["code"], row["current_year"]) == (CODE, 2024)
        assert Decimal(row["current"]) == 60
    html = response.content.decode()
    assert "NQ28-M4-TSGTKS" not in html and CODE in html
    # One trend chart per published indicator, from complete years only.
    [(code, chart)] = response.context["chart"].items()
    trend = dict(zip(chart["trend"]["labels"], chart["trend"]["data"], strict=True))
    assert code == CODE and trend[2023] == 30.0 and trend[2024] == 60.0
    assert this_year not in trend or trend[this_year] is None
    assert 'id="public-data"' in html and f'data-key="{CODE}"' in html
    assert _public(login(world.users["other_province_secretariat"]), "004").status_code == 200


def test_managers_set_the_public_page_and_viewers_cannot(world, login):
    url = reverse("indicators:public_settings", args=[world.district.pk])
    indicator = Indicator.objects.get(code=CODE)
    viewer = login(world.users["district_viewer"])
    assert viewer.get(url).status_code == 403
    assert viewer.post(url, {"enabled": "on", "indicators": [indicator.pk]}).status_code == 403
    assert not PublicPage.objects.exists()
    client = login(world.users["district_secretariat"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"enabled": "on", "indicators": [indicator.pk]})
    assert response.status_code == 302
    page = PublicPage.objects.get(unit=world.district)
    assert page.enabled and list(page.indicators.all()) == [indicator]
    assert _public(Client(), world.district.code).status_code == 404  # not yet approved
    publish = reverse("indicators:public_publish", args=[world.district.pk])
    assert client.post(publish).status_code == 302  # the district's own secretariat approves
    assert _public(Client(), world.district.code).status_code == 200


def test_lower_units_are_linked_only_where_the_user_may_open_them(world, login):
    """A focal point reads its district's dashboard but not the wards': their names are
    shown without a link that would answer 404; the secretariat gets the links."""
    _figures(world)
    ward_dashboard = reverse("indicators:dashboard", args=[world.ward.pk])
    focal = login(world.users["focal_point"])
    page = _dashboard(focal, world.district, indicator=CODE, year=2024).content.decode()
    assert world.ward.name in page and ward_dashboard not in page
    assert _dashboard(focal, world.ward).status_code == 404
    secretariat = login(world.users["district_secretariat"])
    page = _dashboard(secretariat, world.district, indicator=CODE, year=2024).content.decode()
    assert ward_dashboard in page


def test_one_wards_figure_of_the_year_under_way_is_not_its_districts_headline(world, login):
    """The first ward to enter this year's figures must not stand for the whole district."""
    from django.utils import timezone

    this_year = timezone.localdate().year
    _figures(world)  # 2023 and 2024, both wards in 2024
    put("DAN_SO_TIEP_CAN_BDG", world.ward, this_year, 95)
    put("DAN_SO", world.ward, this_year, 100)
    client = login(world.users["district_secretariat"])
    rows = _dashboard(client, world.district, indicator=CODE).context["progress_rows"]
    row = next(r for r in rows if r.indicator.code == CODE)
    assert row.current_year == 2024 and row.current == Decimal(60)  # 180 of 300
    progress_rows = client.get(reverse("indicators:progress", args=[world.district.pk])).context[
        "rows"
    ]
    assert next(r for r in progress_rows if r.indicator.code == CODE).current_year == 2024
    # The ward's own page shows its figure at once.
    ward = login(world.users["ward_officer"])
    rows = ward.get(reverse("indicators:progress", args=[world.ward.pk])).context["rows"]
    assert next(r for r in rows if r.indicator.code == CODE).current_year == this_year
