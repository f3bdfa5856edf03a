"""Entering a unit's figures: the rules, the warning on a jump, who and when, the history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from vstb.conftest import vi
from vstb.indicators import services
from vstb.indicators.forms import field_name
from vstb.indicators.models import DataValue, DataValueChange, Measure
from vstb.indicators.tests.factories import element, put

pytestmark = pytest.mark.django_db

WOMEN_OVER_TOTAL = "The number of women (%(women)s) is larger than the total (%(total)s)."


def _entry_url(unit, year=2025, period=""):
    url = reverse("indicators:entry", args=[unit.pk, year])
    return f"{url}?period={period}" if period else url


def _post(client, unit, figures: dict, year=2025, period=""):
    """POST the entry form with the given {(code, sex, area): text} and every other cell empty."""
    data = {}
    for item in services.elements_for(unit):
        for sex, area in item.slots():
            data[field_name((item.pk, sex, area))] = figures.get((item.code, sex, area), "")
    return client.post(_entry_url(unit, year, period), data)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1500", 1500), ("1.500", 1500), ("12,5", Decimal("12.5")), ("1.500,25", Decimal("1500.25")),
     (" 7 ", 7), ("", None), ("1.5", Decimal("1.5"))],
)  # fmt: skip
def test_figures_are_read_as_people_type_them(text, value):
    assert services.parse_figure(text) == value


@pytest.mark.parametrize("text", ["-3", "mười", "1,2,3", "0,00001"])
def test_bad_figures_are_refused(text):
    with pytest.raises(services.FigureError):
        services.parse_figure(text)


def test_women_may_not_outnumber_the_total():
    population = element("DAN_SO")
    errors = services.check_values(
        {population.pk: population},
        {(population.pk, "", ""): Decimal(100), (population.pk, "f", ""): Decimal(101)},
    )
    assert list(errors) == [(population.pk, "f", "")]
    assert errors[(population.pk, "f", "")] == [
        vi(WOMEN_OVER_TOTAL) % {"women": "101", "total": "100"}
    ]


def test_women_and_men_together_may_not_exceed_the_total():
    population = element("DAN_SO")
    cells = {(population.pk, "", ""): Decimal(100), (population.pk, "f", ""): Decimal(60)}
    cells[(population.pk, "m", "")] = Decimal(50)
    assert list(services.check_values({population.pk: population}, cells)) == [
        (population.pk, "", "")
    ]


def test_a_percentage_lies_between_0_and_100():
    share = element("DAN_SO")
    share.measure = Measure.PERCENT  # an element kept as a percentage
    errors = services.check_values({share.pk: share}, {(share.pk, "", ""): Decimal("100.5")})
    assert errors == {(share.pk, "", ""): [vi("A percentage lies between 0 and 100.")]}
    assert services.check_values({share.pk: share}, {(share.pk, "", ""): Decimal(100)}) == {}


def test_survey_averages_by_sex_may_exceed_the_average_of_everyone():
    care = element("GIO_CHAM_SOC")
    cells = {(care.pk, "", ""): Decimal(15), (care.pk, "f", ""): Decimal(20)}
    assert services.check_values({care.pk: care}, cells) == {}


def test_ward_officer_enters_figures_with_who_and_when_and_history(world, login):
    client = login(world.users["ward_officer"])
    response = _post(client, world.ward, {("DAN_SO", "", ""): "1.200", ("DAN_SO", "f", ""): "610"})
    assert response.status_code == 302
    stored = DataValue.objects.get(unit=world.ward, element__code="DAN_SO", sex="")
    assert stored.value == 1200
    assert stored.entered_by == world.users["ward_officer"]
    assert stored.source == "form" and stored.entered_at is not None

    _post(client, world.ward, {("DAN_SO", "", ""): "1.250"})  # women cleared, total changed
    history = DataValueChange.objects.filter(unit=world.ward).order_by("pk")
    assert [(c.sex, c.old_value, c.new_value) for c in history] == [
        ("", None, 1200),
        ("f", None, 610),
        ("", 1200, 1250),
        ("f", 610, None),
    ]
    assert {c.changed_by for c in history} == {world.users["ward_officer"]}
    assert not DataValue.objects.filter(unit=world.ward, sex="f").exists()
    page = client.get(_entry_url(world.ward)).content.decode()
    assert "1250" in page  # the form shows the stored figure


def test_the_first_half_of_a_year_has_its_own_figures_and_history(world, login):
    client = login(world.users["ward_officer"])
    _post(client, world.ward, {("DAN_SO", "", ""): "1.000"})
    response = _post(client, world.ward, {("DAN_SO", "", ""): "990"}, period="h1")
    assert response.status_code == 302 and response.url.endswith("?period=h1")
    stored = {v.period: v.value for v in DataValue.objects.filter(unit=world.ward)}
    assert stored == {"year": 1000, "h1": 990}
    page = client.get(_entry_url(world.ward, period="h1"))
    html = page.content.decode()
    assert "Số liệu 6 tháng đầu năm 2025" in html and 'value="990"' in html
    assert [c.new_value for c in page.context["history"]] == [990]  # the half-year's only
    assert "Số liệu năm 2025" in client.get(_entry_url(world.ward)).content.decode()


def test_a_broken_rule_saves_nothing_and_shows_the_message(world, login):
    client = login(world.users["ward_officer"])
    response = _post(
        client,
        world.ward,
        {("DAN_SO", "", ""): "100", ("DAN_SO", "f", ""): "101", ("TRE_SINH", "", ""): "20"},
    )
    assert response.status_code == 200
    assert not DataValue.objects.exists()
    assert vi(WOMEN_OVER_TOTAL) % {"women": "101", "total": "100"} in response.content.decode()


def test_a_jump_of_more_than_half_is_saved_with_a_warning(world, login):
    put("TRE_SINH", world.ward, 2024, 100)
    client = login(world.users["ward_officer"])
    response = _post(client, world.ward, {("TRE_SINH", "", ""): "160"})
    assert DataValue.objects.get(unit=world.ward, year=2025).value == 160
    page = client.get(response.url).content.decode()
    assert "160" in page and "2024" in page and "60 %" in page
    # 40 % is no jump.
    result = services.save_values(
        world.ward,
        2025,
        "year",
        {(element("TRE_SINH").pk, "", ""): Decimal(140)},
        world.users["ward_officer"],
        "form",
    )
    assert result.warnings == []


def test_viewer_cannot_post_figures(world, login):
    response = _post(login(world.users["district_viewer"]), world.district, {})
    assert response.status_code == 403


def test_other_ward_cannot_see_or_post_this_wards_figures(world, login):
    client = login(world.users["other_ward_officer"])
    assert client.get(_entry_url(world.ward)).status_code == 404
    assert _post(client, world.ward, {("DAN_SO", "", ""): "5"}).status_code == 404
    assert not DataValue.objects.exists()


def test_anonymous_is_sent_to_login(world, client):
    response = client.post(_entry_url(world.ward), {})
    assert response.status_code == 302 and reverse("accounts:login") in response.url
