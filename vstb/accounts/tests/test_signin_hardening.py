"""Sign-in hardening (issue 12, findings 8–10): lockout by name at an address and by address,
the wrong old password counted, the password policy and its e-mail, sessions listed and
ended, an absolute session lifetime, an idle session refused."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from vstb.accounts import lockout
from vstb.accounts.models import SignIn
from vstb.accounts.sessions import SIGNED_IN_AT
from vstb.conftest import PASSWORD, vi

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _sign_in(username: str, password: str, address: str) -> int:
    return (
        Client(REMOTE_ADDR=address)
        .post(reverse("accounts:login"), {"username": username, "password": password})
        .status_code
    )


def test_failures_from_one_address_do_not_lock_the_official_out_elsewhere(world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in("ward_officer", "sai", "203.0.113.7") == 200
    assert _sign_in("ward_officer", "sai", "203.0.113.7") == 429
    assert _sign_in("ward_officer", PASSWORD, "203.0.113.7") == 429  # the attacker's address
    assert _sign_in("ward_officer", PASSWORD, "198.51.100.4") == 302  # the official's office


def test_unknown_user_names_lock_like_known_ones(world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in("khong_co_ai", "sai", "203.0.113.7")
    assert _sign_in("khong_co_ai", "sai", "203.0.113.7") == 429


def test_spraying_many_names_from_one_address_locks_the_address(world, settings):
    settings.VSTB_LOCKOUT_ADDRESS_FAILURES = 6
    for index in range(6):
        _sign_in(f"ten_{index}", "Hanoi@2026", "203.0.113.9")  # one guess per name
    assert _sign_in("district_secretariat", PASSWORD, "203.0.113.9") == 429
    assert _sign_in("district_secretariat", PASSWORD, "198.51.100.4") == 302


def test_wrong_old_passwords_on_the_change_page_count_towards_the_lockout(world, settings):
    client = Client(REMOTE_ADDR="198.51.100.4")
    client.force_login(world.users["ward_officer"])
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": "sai", "new_password1": "Ba tu khong lien quan 7",
             "new_password2": "Ba tu khong lien quan 7"},
        )  # fmt: skip
        # Refused with the form's message, then locked out like a sign-in.
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 200)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Ba tu khong lien quan 7",
         "new_password2": "Ba tu khong lien quan 7"},
    )  # fmt: skip
    assert response.status_code == 429  # the right old password is refused too now
    world.users["ward_officer"].refresh_from_db()
    assert world.users["ward_officer"].check_password(PASSWORD)
    assert _sign_in("ward_officer", PASSWORD, "198.51.100.4") == 429


def test_the_address_behind_trusted_proxies_is_the_one_they_received_from(rf, settings):
    settings.VSTB_TRUSTED_PROXIES = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", REMOTE_ADDR="10.0.0.1")
    assert lockout.client_address(request) == "203.0.113.5"  # "1.2.3.4" was written by the client
    settings.VSTB_TRUSTED_PROXIES = 0
    assert lockout.client_address(request) == "10.0.0.1"


@pytest.mark.parametrize(
    "password",
    ["matkhau1", "hanoi2026", "ziggurat", "Hanoi@2026!!Hanoi", "Matkhau123456",
     "UBNDphuong2026!", "Anhyeuem@123456", "WardOfficer2026!"],
)  # fmt: skip
def test_weak_passwords_are_refused(world, password):
    user = get_user_model()(username="wardofficer", full_name="Ward Officer")
    with pytest.raises(ValidationError):
        validate_password(password, user)


@pytest.mark.parametrize("password", ["Ba tu khong lien quan 7", "cá vàng leo cây 1984"])
def test_a_phrase_of_ones_own_is_accepted(world, password):
    validate_password(password, world.users["ward_officer"])


def test_a_changed_password_is_told_by_email_in_vietnamese(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.users["ward_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": "Ba tu khong lien quan 7",
             "new_password2": "Ba tu khong lien quan 7"},
        )  # fmt: skip
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [world.users["ward_officer"].email]
    assert message.subject == vi("Your VSTB password was changed")


def test_sessions_are_listed_and_the_others_ended(world):
    user = world.users["ward_officer"]
    office, phone = Client(HTTP_USER_AGENT="Office PC"), Client(HTTP_USER_AGENT="Phone")
    for client in (office, phone):
        assert (
            client.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 302
        )
    page = office.get(reverse("accounts:sessions")).content.decode()
    assert "Office PC" in page and "Phone" in page

    assert office.post(reverse("accounts:sign_out_others")).status_code == 302

    assert phone.get(reverse("home")).status_code == 302  # sent to sign in
    assert office.get(reverse("home")).status_code == 200
    assert SignIn.objects.filter(user=user).count() == 1


def test_signing_out_forgets_the_session(world):
    client = Client()
    client.post(LOGIN, {"username": "ward_officer", "password": PASSWORD})
    assert SignIn.objects.count() == 1
    client.post(reverse("accounts:logout"))
    assert SignIn.objects.count() == 0


def test_an_active_session_ends_after_its_absolute_lifetime(world, settings):
    client = Client()
    client.post(LOGIN, {"username": "ward_officer", "password": PASSWORD})
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.VSTB_SESSION_MAX_HOURS * 3600 - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_an_idle_session_is_refused(world):
    client = Client()
    client.post(LOGIN, {"username": "ward_officer", "password": PASSWORD})
    assert client.get(reverse("home")).status_code == 200
    # What an hour without a request leaves: a session row whose expiry has passed.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=Session.objects.get(session_key=client.session.session_key).expire_date
        - timedelta(seconds=3601)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_production_cookies_carry_the_host_prefix(tmp_path):
    from vstb.accounts.tests.test_auth import _production_env, _settings_value

    env = _production_env(tmp_path)
    assert _settings_value(env, "(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)") == (
        "('__Host-sessionid', '__Host-csrftoken')"
    )


@pytest.mark.django_db(transaction=True)
def test_a_sign_in_writes_everything_in_one_transaction():
    """Its session, its record, the lockout's reset, the last sign-in time and the audit
    entries commit together (one flush of the database's log, issue 14); only the response's
    session save follows on its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get_user_model().objects.create_user("mot_lan", password=PASSWORD)
    client = Client(REMOTE_ADDR="198.51.100.9")
    client.get(LOGIN)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(LOGIN, {"username": "mot_lan", "password": PASSWORD})
    assert response.status_code == 302
    statements = [query["sql"].split(None, 1)[0].upper() for query in queries.captured_queries]
    open_transactions, outside = 0, []
    for statement in statements:
        if statement == "BEGIN":
            open_transactions += 1
        elif statement in ("COMMIT", "ROLLBACK"):
            open_transactions -= 1
        elif statement in ("INSERT", "UPDATE", "DELETE") and open_transactions == 0:
            outside.append(statement)
    assert SignIn.objects.filter(user__username="mot_lan").count() == 1
    assert statements.count("COMMIT") <= 2 and outside == [], statements
