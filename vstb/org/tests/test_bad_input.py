"""Bad unit data gets a clear Vietnamese message and nothing is saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from vstb.conftest import vi
from vstb.org.models import Membership, Unit

pytestmark = pytest.mark.django_db

OWN_ANCESTOR = (
    "A unit cannot be placed under itself or under one of its own lower units. "
    "Choose a unit from another branch."
)
DUPLICATE_CODE = (
    "Another unit existing at the same time already has the code %(code)s. "
    "Check the code against the official list."
)


def _admin_unit_form(unit, **changes):
    data = {
        "code": unit.code,
        "code_confirmed": "on",
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "valid_from": "",
        "valid_to": "",
        "note": "",
        "successions-TOTAL_FORMS": "0",
        "successions-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_unit_cannot_become_its_own_ancestor_in_admin(world, login):
    client = login(world.users["admin"])
    response = client.post(
        reverse("admin:org_unit_change", args=[world.province.pk]),
        _admin_unit_form(world.province, parent=world.ward.pk),
    )
    assert response.status_code == 200
    assert vi(OWN_ANCESTOR) in response.content.decode()
    world.province.refresh_from_db()
    assert world.province.parent == world.nation


def test_unit_cannot_be_its_own_parent(world):
    world.district.parent = world.district
    with pytest.raises(ValidationError) as raised:
        world.district.full_clean()
    assert "parent" in raised.value.message_dict


def test_duplicate_official_code_is_refused_in_admin(world, login):
    client = login(world.users["admin"])
    before = Unit.objects.count()
    response = client.post(
        reverse("admin:org_unit_add"),
        _admin_unit_form(
            Unit(code="00139", name="Phường Trùng Mã", kind="phuong", parent=world.district)
        ),
    )
    assert response.status_code == 200
    with translation.override("vi"):
        assert (gettext(DUPLICATE_CODE) % {"code": "00139"}) in response.content.decode()
    assert vi(DUPLICATE_CODE)
    assert Unit.objects.count() == before


def test_a_code_may_be_reused_once_the_old_unit_has_ceased(world):
    world.ward.valid_to = date(2025, 7, 1)
    world.ward.save()
    reused = Unit(
        code="00139",
        name="Phường Bồ Đề",
        kind="phuong",
        parent=world.province,
        valid_from=date(2025, 7, 1),
    )
    reused.full_clean()
    reused.save()


def test_database_refuses_two_current_units_with_one_code(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(code="00139", name="Trùng", kind="phuong", parent=world.district)


def test_database_refuses_a_membership_ending_before_it_starts(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            committee=world.committee,
            full_name="X",
            position="thanh_vien",
            start=date(2025, 1, 2),
            end=date(2025, 1, 1),
        )


def test_parent_must_be_at_a_higher_level(world):
    unit = Unit(code="X1", name="Tỉnh lạ", kind="tinh", parent=world.district)
    with pytest.raises(ValidationError) as raised:
        unit.full_clean()
    assert "parent" in raised.value.message_dict
