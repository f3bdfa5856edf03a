"""A secretariat manages the people of its unit and below (issue 11, item 10)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from vstb.accounts.models import Role, RoleKind, User
from vstb.conftest import vi

pytestmark = pytest.mark.django_db


def _new_person(world, **changes):
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "email": "hoa@example.vn",
        "username": "hoa.bode",
        "unit": world.ward.pk,
        "kind": RoleKind.UNIT_OFFICER,
    }
    return {**data, **changes}


def test_a_district_secretariat_creates_a_ward_officer_who_sets_her_password(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.users["district_secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:user_create"), _new_person(world))
    hoa = User.objects.get(username="hoa.bode")
    assert response.status_code == 302 and not hoa.has_usable_password()
    assert Role.objects.get(user=hoa).unit == world.ward
    [invitation] = mail.outbox
    assert invitation.to == ["hoa@example.vn"] and invitation.subject == vi("Your VSTB account")
    link = re.search(r"http\S+/accounts/password/reset/\S+/", invitation.body).group(0)
    path = link.split("8000", 1)[-1]
    browser = Client()
    form_page = browser.get(path, follow=True)
    assert form_page.status_code == 200
    browser.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": "Ba tu khong lien quan 7", "new_password2": "Ba tu khong lien quan 7"},
    )
    hoa.refresh_from_db()
    assert hoa.check_password("Ba tu khong lien quan 7")


@pytest.mark.parametrize(
    ("unit", "kind"),
    [("province", RoleKind.UNIT_OFFICER), ("other_district", RoleKind.SECRETARIAT),
     ("ward", RoleKind.ADMIN)],
)  # fmt: skip
def test_a_district_secretariat_cannot_grant_above_or_beside_its_scope_nor_administrator(
    world, login, unit, kind
):
    client = login(world.users["district_secretariat"])
    data = _new_person(world, unit=getattr(world, unit).pk, kind=kind)
    response = client.post(reverse("accounts:user_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not User.objects.filter(username="hoa.bode").exists()


def test_people_of_another_district_do_not_exist_for_a_secretariat(world, login):
    client = login(world.users["other_district_officer"])
    url = reverse("accounts:user_detail", args=[world.users["ward_officer"].pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("accounts:user_list")).content.decode()
    assert "ward_officer" not in page


def test_a_deactivated_account_cannot_sign_in_and_a_role_ends(world, login):
    officer = world.users["ward_officer"]
    client = login(world.users["district_secretariat"])
    client.post(reverse("accounts:user_active", args=[officer.pk]))
    officer.refresh_from_db()
    assert not officer.is_active
    from vstb.conftest import PASSWORD

    signed = Client().post(
        reverse("accounts:login"), {"username": officer.username, "password": PASSWORD}
    )
    assert signed.status_code == 200  # refused with the usual message
    role = officer.roles.get()
    client.post(reverse("accounts:role_end", args=[role.pk]))
    role.refresh_from_db()
    assert role.valid_to is not None


def test_a_person_with_roles_elsewhere_is_changed_only_by_who_manages_all(world, login):
    officer = world.users["ward_officer"]
    Role.objects.create(user=officer, kind=RoleKind.VIEWER, unit=world.other_province)
    client = login(world.users["district_secretariat"])
    assert client.post(reverse("accounts:user_active", args=[officer.pk])).status_code == 403
    officer.refresh_from_db()
    assert officer.is_active


def test_viewers_and_officers_do_not_manage_people(world, login):
    for persona in ("district_viewer", "ward_officer", "focal_point"):
        client = login(world.users[persona])
        assert client.get(reverse("accounts:user_list")).status_code == 403
