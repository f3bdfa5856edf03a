"""Two-factor sign-in (issue 12, item 5): required for administrators, optional for others,
enrolment with a QR code, recovery codes, an administrator's reset."""

import logging

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from vstb.accounts.models import RecoveryCode
from vstb.conftest import PASSWORD, current_code, vi

pytestmark = pytest.mark.django_db
HOME = "/"


def _password(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def _code_for(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_an_administrator_cannot_sign_in_with_the_password_alone(world):
    client = Client()
    _password(client, "admin")
    response = client.get(reverse("plans:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor_verify"))
    verify = reverse("accounts:two_factor_verify")
    wrong = client.post(verify, {"code": "000000"})
    assert vi("This code is not right, or has expired. Type the code your app shows now.") in (
        wrong.content.decode()
    )
    assert client.get(reverse("plans:list")).status_code == 302
    # Right after a wrong code, even the right one waits (django-otp's throttling: guessing
    # a 6-digit code is slowed down)...
    assert client.post(verify, {"code": current_code(world.users["admin"])}).status_code == 200
    # ...and once the pause has passed, it opens VSTB.
    TOTPDevice.objects.filter(user=world.users["admin"]).update(throttling_failure_timestamp=None)
    assert client.post(verify, {"code": current_code(world.users["admin"])}).status_code == 302
    assert client.get(reverse("plans:list")).status_code == 200


def test_an_administrator_without_a_phone_is_enrolled_before_anything_else(world):
    TOTPDevice.objects.filter(user=world.users["admin"]).delete()
    client = Client()
    _password(client, "admin")
    response = client.get(HOME)
    assert response.url.startswith(reverse("accounts:two_factor_setup"))
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page  # the QR code, and the key as text
    device = TOTPDevice.objects.get(user=world.users["admin"], confirmed=False)
    done = client.post(reverse("accounts:two_factor_setup"), {"code": _code_for(device)})
    assert done.status_code == 200 and len(done.context["codes"]) == 10
    assert client.get(HOME).status_code == 200
    assert RecoveryCode.objects.filter(user=world.users["admin"]).count() == 10


def test_a_recovery_code_signs_in_once(world):
    from vstb.accounts import two_factor

    [code, *_rest] = two_factor.new_recovery_codes(world.users["admin"])
    verify = reverse("accounts:two_factor_verify")
    first = Client()
    _password(first, "admin")
    assert first.post(verify, {"code": code}).status_code == 302
    assert first.get(HOME).status_code == 200
    second = Client()
    _password(second, "admin")
    second.post(verify, {"code": code})
    assert second.get(HOME).status_code == 302  # used up


def test_others_may_sign_in_without_one_and_may_turn_it_on(world):
    client = Client()
    _password(client, "ward_officer")
    assert client.get(HOME).status_code == 200
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=world.users["ward_officer"], confirmed=False)
    client.post(reverse("accounts:two_factor_setup"), {"code": _code_for(device)})
    later = Client()
    _password(later, "ward_officer")
    assert later.get(HOME).url.startswith(reverse("accounts:two_factor_verify"))


def test_too_many_wrong_codes_sign_the_session_out(world):
    client = Client()
    _password(client, "admin")
    for _ in range(5):
        client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
    assert "_auth_user_id" not in client.session


def test_an_administrator_cannot_turn_it_off_but_others_can(world, login):
    admin = login(world.users["admin"])
    response = admin.post(
        reverse("accounts:two_factor_disable"), {"code": current_code(world.users["admin"])}
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=world.users["admin"]).exists()


def test_a_lost_phone_is_reset_by_an_administrator_and_logged(world, login, caplog):
    officer = world.users["ward_officer"]
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    admin = login(world.users["admin"])
    url = reverse("accounts:two_factor_reset", args=[officer.pk])
    assert admin.get(url).status_code == 200
    with caplog.at_level(logging.INFO, logger="vstb.security"):
        assert admin.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    [record] = [r for r in caplog.records if r.name == "vstb.security"]
    assert (record.event, record.user_id, record.actor_id) == (
        "removed",
        officer.pk,
        world.users["admin"].pk,
    )
    secretariat = login(world.users["district_secretariat"])
    assert secretariat.get(url).status_code == 404
