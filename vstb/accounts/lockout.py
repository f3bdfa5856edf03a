"""Who is locked out after failed sign-ins: by user name *and* address, and by address alone
once an address fails too often (issue 12, finding 8).

Counting by user name alone let anyone lock a named official out with five requests, while
one address could try passwords on every name without limit. Now:
- five failures for one name from one address lock that name at that address only, so a
  stranger elsewhere cannot lock the official out;
- VSTB_LOCKOUT_ADDRESS_FAILURES failures from one address, whatever the names, lock the
  address: password spraying stops, while a commune office behind one NAT address can
  still absorb its clerks' ordinary typos.
The wrong old password on the password-change page counts as a failed sign-in (forms.py)."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

BY_NAME_AT_ADDRESS = [["username", "ip_address"]]
BY_ADDRESS = ["ip_address"]


def parameters(request_or_attempt, credentials=None) -> list:
    """django-axes' AXES_LOCKOUT_PARAMETERS: the combinations failures are counted by."""
    if not isinstance(request_or_attempt, HttpRequest):
        return BY_NAME_AT_ADDRESS  # axes asks about a stored attempt
    address = getattr(request_or_attempt, "axes_ip_address", None) or client_address(
        request_or_attempt
    )
    if address and address_failures(address) >= settings.VSTB_LOCKOUT_ADDRESS_FAILURES:
        return BY_ADDRESS
    return BY_NAME_AT_ADDRESS


def address_failures(address: str) -> int:
    """Failed sign-ins from `address` within the cool-off time, over every user name."""
    since = timezone.now() - timedelta(seconds=settings.AXES_COOLOFF_TIME.total_seconds())
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from. Behind VSTB_TRUSTED_PROXIES reverse proxies, the
    address the nearest of them received it from (their X-Forwarded-For); else REMOTE_ADDR.
    Counting from the right: a client can write anything into the left of that header."""
    proxies = settings.VSTB_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
