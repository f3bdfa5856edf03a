"""The progress page: who sees which unit, what it shows, and a query count that does not
grow with the number of lower units."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.conftest import queries_of
from vstb.indicators.tests.factories import put, succeed, unit

pytestmark = pytest.mark.django_db


def _progress(client, unit_, **query):
    return client.get(reverse("indicators:progress", args=[unit_.pk]), query)


def _figures(world):
    for year, (reached, population) in {2022: (20, 100), 2023: (30, 100), 2024: (40, 100)}.items():
        put("DAN_SO_TIEP_CAN_BDG", world.ward, year, reached)
        put("DAN_SO", world.ward, year, population)
        put("DAN_SO_TIEP_CAN_BDG", world.other_ward, year, reached)
        put("DAN_SO", world.other_ward, year, population)


def test_progress_shows_value_projection_status_and_method(world, login):
    _figures(world)
    response = _progress(login(world.users["district_secretariat"]), world.district)
    rows = {row.indicator.code: row for row in response.context["rows"]}
    knowledge = rows["NQ28-M6-CT1"]
    assert (knowledge.current_year, knowledge.current) == (2024, 40)
    assert knowledge.trend == "improving"
    by_year = {t.target.year: t for t in knowledge.targets}
    assert by_year[2025].projection == 50 and by_year[2025].status == "off_track"  # 50 vs 60
    assert by_year[2030].projection == 100 and by_year[2030].status == "on_track"
    page = response.content.decode()
    assert 'id="method"' in page and "NQ28-M5-THAC-SI" in page


def test_commune_sees_itself_only(world, login):
    client = login(world.users["ward_officer"])
    assert _progress(client, world.ward).status_code == 200
    assert _progress(client, world.district).status_code == 404
    assert _progress(client, world.other_ward).status_code == 404


def test_district_sees_its_communes(world, login):
    _figures(world)
    client = login(world.users["district_viewer"])
    for ward in (world.ward, world.other_ward):
        response = _progress(client, ward)
        rows = {row.indicator.code: row for row in response.context["rows"]}
        assert rows["NQ28-M6-CT1"].current == 40
    assert _progress(client, world.far_ward).status_code == 404


def test_viewer_reads_but_does_not_see_entry_links(world, login):
    page = _progress(login(world.users["district_viewer"]), world.district).content.decode()
    assert reverse("indicators:entry", args=[world.district.pk, date.today().year]) not in page


def test_outsider_gets_404(world, login):
    client = login(world.users["other_province_secretariat"])
    assert _progress(client, world.district).status_code == 404
    assert client.get(reverse("indicators:leadership", args=[world.ward.pk])).status_code == 404


def test_a_ceased_unit_is_shown_as_in_the_period(world, login):
    world.other_ward.valid_to = date(2025, 7, 1)
    world.other_ward.save()
    new = unit("Phường mới", world.district, valid_from=date(2025, 7, 1))
    succeed(world.other_ward, new)
    response = _progress(login(world.users["admin"]), world.other_ward, mode="today")
    assert response.context["used_mode"] == "period"


@pytest.mark.parametrize("mode", ["today", "period"])
def test_progress_query_count_does_not_grow_with_lower_units(world, login, mode):
    _figures(world)
    # One reform already recorded: with none at all, today's boundaries skip a query.
    succeed(unit("Phường cũ", world.district, valid_to=date(2025, 7, 1)), world.ward)
    client = login(world.users["district_secretariat"])
    _progress(client, world.district, mode=mode)  # warm the session and caches
    before = queries_of(lambda: _progress(client, world.district, mode=mode))
    for index in range(30):
        ward = unit(f"Phường thêm {index}", world.district, valid_to=date(2025, 7, 1))
        succeed(ward, world.ward)
        put("DAN_SO", ward, 2024, 100)
        put("DAN_SO_TIEP_CAN_BDG", ward, 2024, 10)
    assert queries_of(lambda: _progress(client, world.district, mode=mode)) == before
