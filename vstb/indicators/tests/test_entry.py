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


PART_OVER_WHOLE = (
    "%(part)s (%(value)s) is larger than %(whole)s (%(total)s): it is a part of it, so it "
    "cannot be larger. Correct one of the two figures."
)


def test_a_share_cannot_count_more_than_its_whole():
    """20 agencies with a woman leader out of 12 agencies would give 166.7 %."""
    bodies, with_woman = element("LD_CO_QUAN"), element("LD_CO_QUAN_CO_NU")
    elements = {bodies.pk: bodies, with_woman.pk: with_woman}
    cells = {(bodies.pk, "", ""): Decimal(12), (with_woman.pk, "", ""): Decimal(20)}
    errors = services.check_values(elements, cells)
    assert errors == {
        (with_woman.pk, "", ""): [
            vi(PART_OVER_WHOLE)
            % {"part": with_woman.name_vi, "value": "20", "whole": bodies.name_vi, "total": "12"}
        ]
    }
    cells[(with_woman.pk, "", "")] = Decimal(12)
    assert services.check_values(elements, cells) == {}


def test_a_ratio_that_is_not_a_share_may_pass_one():
    """Boys per 100 girls: more boys than girls is a figure, not a mistake."""
    births = element("TRE_SINH")
    cells = {
        (births.pk, "", ""): Decimal(230),
        (births.pk, "m", ""): Decimal(120),
        (births.pk, "f", ""): Decimal(110),
    }
    assert services.check_values({births.pk: births}, cells) == {}


def test_the_form_refuses_a_share_over_its_whole_and_saves_nothing(world, login):
    client = login(world.users["ward_officer"])
    response = _post(
        client, world.ward, {("LD_CO_QUAN", "", ""): "12", ("LD_CO_QUAN_CO_NU", "", ""): "20"}
    )
    assert response.status_code == 200
    assert not DataValue.objects.exists()
    assert "lớn hơn" in response.content.decode() and "(20)" in response.content.decode()


def test_the_form_refuses_lowering_a_whole_below_its_stored_part(world, login):
    put("LD_CO_QUAN", world.ward, 2025, 30)
    put("LD_CO_QUAN_CO_NU", world.ward, 2025, 20)
    client = login(world.users["ward_officer"])
    response = _post(
        client, world.ward, {("LD_CO_QUAN", "", ""): "12", ("LD_CO_QUAN_CO_NU", "", ""): "20"}
    )
    assert response.status_code == 200
    assert DataValue.objects.get(element__code="LD_CO_QUAN").value == 30


def test_a_drop_is_called_a_drop_and_a_rise_a_rise(world):
    put("TRE_SINH", world.ward, 2024, 100)
    births = element("TRE_SINH")
    drop = services.jump_warnings(
        {births.pk: births}, world.ward, 2025, "year", {(births.pk, "", ""): Decimal(22)}
    )
    assert len(drop) == 1 and "giảm 78 %" in drop[0] and "thay đổi" not in drop[0]
    rise = services.jump_warnings(
        {births.pk: births}, world.ward, 2025, "year", {(births.pk, "", ""): Decimal(160)}
    )
    assert len(rise) == 1 and "tăng 60 %" in rise[0]
