"""Two-factor sign-in: a TOTP app (Google Authenticator, Microsoft Authenticator, FreeOTP…)
and ten single-use recovery codes (issue 12, item 5; decision 0014).

The password signs a person in; a session of someone who has a second factor, or must have
one (vstb/access/sign_in.py), then reaches nothing but the code page, the enrolment page and
signing out, until the code is given. django-otp keeps the TOTP device and marks the session
verified; the recovery codes are ours, stored as SHA-256 digests (each is 50 random bits,
used once), shown once when made."""

import hashlib
import logging
import secrets

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from vstb.access.sign_in import second_factor_required
from vstb.accounts.lockout import client_address
from vstb.accounts.models import RecoveryCode

security_log = logging.getLogger("vstb.security")

RECOVERY_CODES = 10
# Pages an account waiting for its second factor may open.
OPEN_BEFORE_SECOND_FACTOR = {
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
    "accounts:logout",
    "set_language",
    "health",
}


def log_event(request, event: str, user=None, **details) -> None:
    """A second-factor event for the audit trail and the logs: who, whom, from where."""
    actor = getattr(request, "user", None)
    security_log.info(
        "second factor: %s",
        event,
        extra={
            "event": event,
            "actor_id": getattr(actor, "pk", None),
            "user_id": getattr(user or actor, "pk", None),
            "ip": client_address(request),
            **details,
        },
    )


class SecondFactorMiddleware:
    """Sends a signed-in session that has not passed its second factor to the code page (or,
    when it must have one and has none yet, to enrolment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        # A program with an API token has no session: its owner passed the second factor in
        # the browser when making the token (vstb/api/middleware.py).
        if not user.is_authenticated or getattr(request, "api_token", None) is not None:
            return None
        # What signing in decided (record_need): most people have no second factor, and their
        # pages cost no query for it.
        need = request.session.get(NEED)
        if need is None:  # a session from before second factors
            need = record_need(request.session, user)
        if need == NONE or user.is_verified():
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in OPEN_BEFORE_SECOND_FACTOR or getattr(view_func, "access_rule", "") == "public":
            return None
        target = "accounts:two_factor_verify" if need == CODE else "accounts:two_factor_setup"
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")


# What a session must do before VSTB opens, decided when the person signs in.
NEED = "vstb_second_factor"
NONE, CODE, ENROL = "none", "code", "enrol"


def record_need(session, user) -> str:
    if has_second_factor(user):
        need = CODE
    elif second_factor_required(user):
        need = ENROL
    else:
        need = NONE
    session[NEED] = need
    return need


@receiver(user_logged_in, dispatch_uid="vstb.second_factor_need")
def _on_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        record_need(request.session, user)


def has_second_factor(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def new_device(user) -> TOTPDevice:
    """The enrolment's device, not confirmed until a first code from the app matches."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def confirm(request, device: TOTPDevice, token: str) -> list[str] | None:
    """The first code from the app: the device is confirmed, the session verified, and the
    recovery codes made (returned, to be shown once); None when the code does not match."""
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(device.user)
    otp_login(request, device)
    request.session[NEED] = CODE
    log_event(request, "enrolled")
    return codes


@transaction.atomic  # the devices are locked while a code is checked (no replay in parallel)
def verify(request, token: str) -> bool:
    """A code from the app, or an unused recovery code: the session is verified."""
    user = request.user
    token = "".join(token.split()).replace("-", "").lower()
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if isinstance(device, TOTPDevice) and device.verify_token(token):
            otp_login(request, device)
            log_event(request, "verified")
            return True
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and use_recovery_code(user, token):
        otp_login(request, device)
        log_event(request, "verified with a recovery code")
        return True
    log_event(request, "wrong code")
    return False


def new_recovery_codes(user) -> list[str]:
    """Ten new codes (the old ones no longer work), as the person will type them."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, digest=_digest(code)) for code in codes]
    )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def use_recovery_code(user, code: str) -> bool:
    return bool(
        RecoveryCode.objects.filter(user=user, digest=_digest(code), used_at__isnull=True).update(
            used_at=timezone.now()
        )
    )


def remove(request, user) -> None:
    """Remove a person's second factor (their own choice, or an administrator's for a lost
    phone): the devices and recovery codes go; an event is logged."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
    if user == request.user:
        record_need(request.session, user)
    else:  # their sessions decide again at the next request: end them
        from vstb.accounts.sessions import sign_out_elsewhere

        sign_out_elsewhere(user, keep_session_key=None)
    log_event(request, "removed", user=user)


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
