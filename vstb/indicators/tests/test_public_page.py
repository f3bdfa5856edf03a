"""A public page is asked for by the unit, approved by a secretariat, shown as the snapshot
taken then, with small counts withheld (issue 12, finding 14)."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from vstb.indicators import public_page
from vstb.indicators.models import DataValue, Indicator, PublicPage
from vstb.indicators.tests.test_dashboard import CODE, _figures, put
from vstb.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _ask(client, unit, indicator):
    url = reverse("indicators:public_settings", args=[unit.pk])
    return client.post(url, {"enabled": "on", "indicators": [indicator.pk]})


def test_a_ward_officer_asks_and_only_the_secretariat_above_publishes(world, login):
    _figures(world)
    indicator = Indicator.objects.get(code=CODE)
    officer = login(world.users["ward_officer"])
    assert _ask(officer, world.ward, indicator).status_code == 302
    public = reverse("public_indicators", args=[world.ward.code])
    assert Client().get(public).status_code == 404
    publish = reverse("indicators:public_publish", args=[world.ward.pk])
    assert officer.post(publish).status_code == 403  # a unit officer cannot approve
    assert Client().get(public).status_code == 404
    # The district's secretariat is told, and approves.
    told = Notification.objects.get(user=world.users["district_secretariat"])
    assert told.url == reverse("indicators:public_settings", args=[world.ward.pk])
    secretariat = login(world.users["district_secretariat"])
    assert secretariat.get(told.url).status_code == 200
    assert secretariat.post(publish).status_code == 302
    assert Client().get(public).status_code == 200


def test_the_public_sees_the_approved_figures_not_the_ones_typed_since(world, login):
    _figures(world)
    page = PublicPage.objects.create(unit=world.district, enabled=True)
    page.indicators.add(Indicator.objects.get(code=CODE))
    public_page.publish(page, world.users["district_secretariat"])
    DataValue.objects.filter(
        element__code="DAN_SO_TIEP_CAN_BDG", unit=world.ward, year=2024
    ).update(value=90)  # typed after approval

    [row] = Client().get(reverse("public_indicators", args=["004"])).context["rows"]

    assert Decimal(row["current"]) == 60  # (40 + 140) / (100 + 200), as approved


@pytest.mark.parametrize(
    ("reached", "population", "shown"),
    [(3, 7, False), (7, 9, False), (0, 9, True), (9, 9, True), (6, 12, True), (12, 3, False)],
)
def test_a_value_resting_on_a_small_count_is_withheld(world, settings, reached, population, shown):
    settings.VSTB_PUBLIC_MIN_CELL = 5
    put("DAN_SO_TIEP_CAN_BDG", world.ward, 2024, reached)
    put("DAN_SO", world.ward, 2024, population)
    page = PublicPage.objects.create(unit=world.ward, enabled=True)
    page.indicators.add(Indicator.objects.get(code=CODE))

    withheld = public_page.publish(page, None)

    [row] = page.snapshot["rows"]
    assert (row["current"] is not None) == shown, row
    assert withheld == (0 if shown else 1)


def test_unticking_takes_the_page_down(world, login):
    _figures(world)
    page = PublicPage.objects.create(unit=world.district, enabled=True)
    page.indicators.add(Indicator.objects.get(code=CODE))
    public_page.publish(page, None)
    client = login(world.users["district_secretariat"])
    url = reverse("indicators:public_settings", args=[world.district.pk])
    response = client.post(url, {"indicators": []})
    assert response.status_code == 302, response.context["form"].errors
    assert Client().get(reverse("public_indicators", args=["004"])).status_code == 404


class NotifyFailed(Exception):
    pass


def _failing_notify(*args, **kwargs):
    raise NotifyFailed


def test_a_failing_notification_leaves_a_new_page_unasked(world, login, monkeypatch):
    _figures(world)
    monkeypatch.setattr(public_page, "notify", _failing_notify)
    officer = login(world.users["ward_officer"])
    with pytest.raises(NotifyFailed):
        _ask(officer, world.ward, Indicator.objects.get(code=CODE))
    assert not PublicPage.objects.filter(unit=world.ward).exists()
    assert not Notification.objects.exists()


def test_a_failing_notification_leaves_a_switched_off_page_as_it_was(world, login, monkeypatch):
    _figures(world)
    page = PublicPage.objects.create(unit=world.ward, enabled=False)
    monkeypatch.setattr(public_page, "notify", _failing_notify)
    officer = login(world.users["ward_officer"])
    with pytest.raises(NotifyFailed):
        _ask(officer, world.ward, Indicator.objects.get(code=CODE))
    page.refresh_from_db()
    assert not page.enabled
    assert not page.indicators.exists()
    # Once the notification works, the same request asks and tells.
    monkeypatch.undo()
    assert _ask(officer, world.ward, Indicator.objects.get(code=CODE)).status_code == 302
    page.refresh_from_db()
    assert page.enabled and page.indicators.count() == 1
    assert Notification.objects.filter(user=world.users["district_secretariat"]).exists()
