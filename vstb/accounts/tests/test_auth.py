"""Login, lockout, password reset and the security settings."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vstb.conftest import PASSWORD, vi

pytestmark = pytest.mark.django_db


def test_login_with_the_right_password_opens_the_home_page(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "ward_officer", "password": PASSWORD}
    )
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert "Phường Bồ Đề" in home.content.decode()


def test_wrong_password_gets_a_vietnamese_message(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "ward_officer", "password": "sai"}
    )
    assert response.status_code == 200
    assert (
        vi(
            "The user name or password is not right. Check them and try again; "
            "after 5 failed attempts the account is locked for 30 minutes."
        )
        in response.content.decode()
    )


def test_five_failed_logins_lock_the_account_even_for_the_right_password(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "ward_officer", "password": "sai"})
    response = client.post(
        reverse("accounts:login"), {"username": "ward_officer", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert (
        vi(
            "This account has been locked for 30 minutes after too many failed logins. Wait 30 minutes "
            "and try again, or ask your system administrator to unlock it."
        )
        in response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_lockout_is_per_user_name_so_colleagues_can_still_log_in(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(reverse("accounts:login"), {"username": "ward_officer", "password": "sai"})
    response = client.post(
        reverse("accounts:login"), {"username": "other_ward_officer", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_lockout_settings_are_five_attempts_for_thirty_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_password_reset_sends_a_link_by_email(world, client):
    user = world.users["ward_officer"]
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "/accounts/password/reset/" in message.body


def test_password_change_requires_the_old_password(world, login):
    client = login(world.users["ward_officer"])
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "sai",
            "new_password1": "Mot-mat-khau-moi-2026",
            "new_password2": "Mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 200
    world.users["ward_officer"].refresh_from_db()
    assert world.users["ward_officer"].check_password(PASSWORD)


def test_logout_ends_the_session(world, login):
    client = login(world.users["ward_officer"])
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_sessions_expire_after_idle_minutes_and_cookies_are_safe():
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


# The hashers of vstb/settings.py (the test settings use a fast one).
PRODUCTION_HASHERS = [
    "vstb.accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def _session_writes(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return sum(
        1 for q in captured if "django_session" in q["sql"] and q["sql"].startswith("UPDATE")
    )


def test_a_session_is_pushed_forward_at_most_once_a_minute(world, client, monkeypatch, settings):
    from vstb.accounts import middleware

    settings.SESSION_TOUCH_SECONDS = 60  # as in production (the test settings use 0)

    client.force_login(world.users["ward_officer"])
    clock = [int(middleware.time.time())]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    url = reverse("notifications:list")
    assert _session_writes(client, url) == 1  # the first request of the session
    session = Session.objects.get()
    expiry = session.expire_date
    clock[0] += 30
    assert _session_writes(client, url) == 0  # within the minute: no write
    clock[0] += 31
    assert _session_writes(client, url) == 1  # a minute on: the expiry moves forward
    assert Session.objects.get().expire_date >= expiry


def test_passwords_are_hashed_with_argon2id_at_owasps_cost_and_old_hashes_are_upgraded(
    world, settings
):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2
    from django.contrib.auth.hashers import identify_hasher

    user = world.users["ward_officer"]
    user.password = DjangoArgon2().encode(PASSWORD, DjangoArgon2().salt())  # 100 MiB, p=8
    user.save(update_fields=["password"])
    assert user.check_password(PASSWORD)  # verifies, then re-hashes at the new cost
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password
    assert identify_hasher(user.password).__module__ == "vstb.accounts.hashers"


def _production_env(tmp_path, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vstb.settings",
        "VSTB_DEBUG": "0",
        "VSTB_SECRET_KEY": "x7#kq!2vL9@pZ4&wR8*tY6^uN3%eM1$bC5(dF0)gH-jK+sA_q9Zr4Lm2Wc8",
        "VSTB_ALLOWED_HOSTS": "vstb.example.gov.vn",
        "VSTB_DATA_DIR": str(tmp_path),
        **extra,
    }
    env.pop("VSTB_HTTPS", None)
    return env


def _settings_value(env, expression):
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_idle_timeout_is_configurable(tmp_path):
    env = _production_env(tmp_path, VSTB_IDLE_MINUTES="15")
    assert _settings_value(env, "s.SESSION_COOKIE_AGE") == "900"


def test_production_settings_hash_passwords_with_argon2_and_use_secure_cookies(tmp_path):
    env = _production_env(tmp_path)
    assert (
        _settings_value(env, "s.PASSWORD_HASHERS[0]")
        == "vstb.accounts.hashers.Argon2PasswordHasher"
    )
    assert _settings_value(env, "(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)") == "(True, True)"


def test_argon2_is_installed():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    assert hasher.verify("mật khẩu", hasher.encode("mật khẩu", hasher.salt()))


def test_check_deploy_with_production_settings_reports_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_migrations_are_up_to_date():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_static_files_collect_for_production(tmp_path):
    """`vstb serve` collects static files with hashed names: every file a stylesheet or a
    script refers to (source maps included) must be there."""
    env = _production_env(tmp_path, VSTB_STATIC_ROOT=str(tmp_path / "static"))
    result = subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
