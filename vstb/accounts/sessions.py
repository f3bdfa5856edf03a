"""Where a person is signed in: each sign-in is recorded with its session (models.SignIn),
listed on the "Phiên đăng nhập" page and ended from there; every session also has an
absolute lifetime (issue 12, finding 10: sessions had none, and nobody could see or end
theirs)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.utils import timezone

from vstb.accounts.lockout import client_address
from vstb.accounts.models import SignIn

SIGNED_IN_AT = "vstb_signed_in_at"


@receiver(user_logged_in, dispatch_uid="vstb.record_sign_in")
def record_sign_in(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session[SIGNED_IN_AT] = int(time.time())
    if request.session.session_key is None:
        request.session.save()
    SignIn.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "started": timezone.now(),
            "address": client_address(request) if hasattr(request, "META") else None,
            "browser": request.META.get("HTTP_USER_AGENT", "")[:200]
            if hasattr(request, "META")
            else "",
        },
    )


@receiver(user_logged_out, dispatch_uid="vstb.forget_sign_in")
def forget_sign_in(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SignIn.objects.filter(session_key=key).delete()


def current_sign_ins(user) -> list[SignIn]:
    """The person's sessions that have not ended or expired, newest first."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return list(SignIn.objects.filter(user=user, session_key__in=live))


def sign_out_elsewhere(user, keep_session_key: str | None) -> int:
    """End every session of the person but `keep_session_key`; how many were ended."""
    others = SignIn.objects.filter(user=user).exclude(session_key=keep_session_key)
    keys = list(others.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    others.delete()
    return len(keys)


def past_lifetime(request) -> bool:
    """Whether the signed-in session is older than VSTB_SESSION_MAX_HOURS, however active."""
    started = request.session.get(SIGNED_IN_AT)
    if started is None:  # signed in before lifetimes were recorded: counts from now
        request.session[SIGNED_IN_AT] = int(time.time())
        return False
    return time.time() - started > settings.VSTB_SESSION_MAX_HOURS * 3600


def end_if_past_lifetime(request) -> None:
    if request.user.is_authenticated and past_lifetime(request):
        logout(request)
