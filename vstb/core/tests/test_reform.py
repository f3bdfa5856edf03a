"""The reform assistant: a ceased ward's open work moves to the ward that took it over, after
a preview, once, keeping its history."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.accounts.models import Role, RoleKind
from vstb.conftest import make_user, vi
from vstb.indicators.models import Indicator, PublicPage
from vstb.org.models import Succession, Unit
from vstb.plans.models import Task
from vstb.reporting.models import Requirement

CEASED = date(2025, 7, 1)


@pytest.fixture
def merged(world):
    """Phường Gia Thụy ceased on 01/07/2025, merged into Bồ Đề: an officer, a viewer and an
    agency's focal point in force, a task of the district addressed to it by name, a
    requirement it set that is still due, and a public page."""
    ward = Unit.objects.create(
        code="00136", name="Phường Gia Thụy", kind="phuong", parent=world.district,
        valid_to=CEASED,
    )  # fmt: skip
    Succession.objects.create(predecessor=ward, successor=world.ward, kind="merge", date=CEASED)
    officer = make_user("gia_thuy_officer", RoleKind.UNIT_OFFICER, ward)
    make_user("gia_thuy_viewer", RoleKind.VIEWER, ward)
    ended = make_user("gia_thuy_former", RoleKind.UNIT_OFFICER, ward)
    Role.objects.filter(user=ended).update(valid_to=date(2025, 3, 1))
    task = Task.objects.filter(plan=world.district_plan).first()
    task.units.add(ward)
    requirement = Requirement.objects.create(
        unit=ward, title="Báo cáo tháng 7 của phường", kind="periodic", period_rule="custom",
        year=2025, window_start=date(2025, 6, 1), window_end=date(2025, 6, 30),
        due_dates={"agency": "2025-07-05"},
    )  # fmt: skip
    page = PublicPage.objects.create(unit=ward, enabled=True)
    page.indicators.set(Indicator.objects.all()[:2])
    return ward, officer, task, requirement


def test_the_district_sees_what_would_move_and_nothing_moves_yet(world, merged, login):
    ward, officer, task, requirement = merged
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("reform", args=[ward.pk])).content.decode()
    assert "gia_thuy_officer" in page and "gia_thuy_viewer" in page
    assert "gia_thuy_former" not in page  # a role that had ended stays ended
    assert requirement.title in page and vi("Public page") in page
    assert not Role.objects.filter(unit=world.ward, user=officer).exists()
    detail = client.get(reverse("org:unit_detail", args=[ward.pk])).content.decode()
    assert reverse("reform", args=[ward.pk]) in detail


def test_moving_it_once_keeps_the_past(world, merged, login):
    ward, officer, task, requirement = merged
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("reform", args=[ward.pk]), {"successor": world.ward.pk})
    assert response.status_code == 302
    old = Role.objects.get(unit=ward, user=officer)
    new = Role.objects.get(unit=world.ward, user=officer)
    assert old.valid_to == CEASED and new.valid_from == CEASED and new.kind == old.kind
    assert set(task.units.all()) >= {ward, world.ward}  # the former ward stays on record
    requirement.refresh_from_db()
    assert requirement.unit == world.ward
    moved_page = PublicPage.objects.get(unit=world.ward)
    assert not moved_page.enabled and moved_page.indicators.count() == 2
    assert PublicPage.objects.get(unit=ward).enabled  # the ceased ward's page as published

    counts = (Role.objects.count(), PublicPage.objects.count())
    again = client.post(reverse("reform", args=[ward.pk]), follow=True)
    assert vi("Nothing is left to move.") in again.content.decode()
    assert (Role.objects.count(), PublicPage.objects.count()) == counts


def test_readers_and_other_units_cannot_move_it(world, merged, login):
    ward, *_ = merged
    url = reverse("reform", args=[ward.pk])
    client = login(world.users["district_viewer"])
    assert client.post(url).status_code == 403
    client = login(world.users["ward_officer"])
    assert client.post(url).status_code == 404
    assert Role.objects.filter(unit=world.ward, user__username="gia_thuy_officer").count() == 0
    detail = client.get(reverse("org:unit_detail", args=[world.ward.pk])).content.decode()
    assert url not in detail


def test_a_unit_that_has_not_ceased_has_nothing_to_hand_over(world, login):
    client = login(world.users["district_secretariat"])
    assert client.get(reverse("reform", args=[world.ward.pk])).status_code == 403


def test_the_successor_and_the_people_whose_roles_moved_are_told_once(world, merged, login):
    from vstb.notifications.models import Kind, Notification

    ward, officer, task, requirement = merged
    client = login(world.users["district_secretariat"])
    client.post(reverse("reform", args=[ward.pk]), {"successor": world.ward.pk})
    told = Notification.objects.filter(kind=Kind.HANDOVER)
    users = set(told.values_list("user__username", flat=True))
    # The ward's officer acts for the successor; the moved officer and viewer changed unit.
    assert {"ward_officer", "gia_thuy_officer", "gia_thuy_viewer"} <= users
    assert "gia_thuy_former" not in users and "district_viewer" not in users
    assert told.count() == len(users)  # one each, the moved officer included once
    line = told.first()
    assert "Phường Gia Thụy" in line.title and world.ward.name in line.title
    assert line.url == reverse("org:unit_detail", args=[world.ward.pk])

    client.post(reverse("reform", args=[ward.pk]), {"successor": world.ward.pk})
    assert Notification.objects.filter(kind=Kind.HANDOVER).count() == len(users)
