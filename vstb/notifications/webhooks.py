"""Webhooks: a unit's own system is called when a report is accepted or a plan issued at the
unit (issue 18). The unit's managers register the address on the unit's webhooks page;
VSTB generates the secret the calls are signed with.

What is sent: a POST of one JSON object (UTF-8), for example

    {"event": "report.accepted", "occurred_at": "2026-11-20T01:00:00+00:00",
     "report": {"id": 5, "url": "https://vstb.example.vn/api/v1/reports/5",
                "status": "accepted", "reporter": {...}, "receiver": {...},
                "requirement": {"id": 2, "title": "...", "period": "six_month", "year": 2026, ...}}}

"receiver" is null for a unit's own synthesis (the report answering the unit's own
requirement), which is final when issued: nobody above reviews it.

Ids, units' and agencies' codes and names, titles, periods, statuses and the API address to
read the rest with (with a token, under the API's own access rules). Never anything about a
person (names, e-mails, telephones, signers, a reviewer's comment) nor anything of a case:
the receiving system may be kept by anyone, and this is all it needs to know what to fetch.

Headers:
    Content-Type: application/json
    X-VSTB-Event: report.accepted | plan.issued
    X-VSTB-Delivery: <id>          the same on every attempt of one delivery: skip one seen
                                   before (a job cut short may call twice)
    X-VSTB-Timestamp: <seconds>    Unix time at which this attempt was signed
    X-VSTB-Signature: sha256=<hex> HMAC-SHA256, keyed with the webhook's secret (its text,
                                   UTF-8), of the timestamp, a full stop, and the raw body:
                                   f"{timestamp}.".encode() + body

To check a call: compute the HMAC over the timestamp header, "." and the body bytes as
received (before parsing the JSON), compare with `hmac.compare_digest`, and refuse a timestamp
more than five minutes away from your clock. A replayed call carries its old timestamp, and
changing the timestamp breaks the signature.

A 2xx answer within TIMEOUT_SECONDS delivers it. Anything else (another status, a redirect,
which is not followed, no answer) is tried again after 1, 2, 4, 8, 16 and 32 minutes by the
background worker (tasks.deliver_webhook), then the delivery is marked failed; the unit's
managers can send it again from the page, which shows the log.

Addresses: http and https only. An address whose name resolves to a loopback, private,
link-local or other non-public address is refused (the server must not be made to call what
sits behind it), unless settings.VSTB_WEBHOOK_ALLOW_PRIVATE. The check is made on the address
the connection is actually opened to, so a name that changes between check and call gains
nothing. Proxies from the environment are not used (the check would then be on the proxy).
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.db import router, transaction
from django.db.models import Q
from django.utils import timezone

from vstb.notifications.models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent

TIMEOUT_SECONDS = 10
# The first attempt, then again after 1, 2, 4, 8, 16 and 32 minutes.
ATTEMPTS = 7
# The paths of the API (vstb/api) where a receiving system reads the object.
API_PATHS = {"report": "/api/v1/reports/{}", "plan": "/api/v1/plans/{}"}


# Who is called ----------------------------------------------------------------------------------


def webhooks_for(event: str, units) -> list[Webhook]:
    """The active webhooks called for `event` at `units`: those of the units themselves, and
    those of the units above them that include their lower units. One query."""
    own = {unit.pk for unit in units}
    above = {pk for unit in units for pk in unit.ancestor_ids} - own
    candidates = Webhook.objects.filter(active=True).filter(
        Q(unit_id__in=sorted(own)) | Q(unit_id__in=sorted(above), include_lower_units=True)
    )
    # `events` is a short JSON list; filtered here, as SQLite has no JSON containment lookup.
    return [webhook for webhook in candidates.order_by("pk") if event in webhook.events]


def _queue(event: str, units, payload) -> list[WebhookDelivery]:
    """A delivery for each webhook called, sent by the background worker once the transaction
    commits (none if it rolls back), as notify() sends e-mails."""
    webhooks = webhooks_for(event, units)
    if not webhooks:
        return []
    body = payload()
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(webhook=webhook, event=event, payload=body) for webhook in webhooks]
    )
    for delivery in deliveries:
        _enqueue_after_commit(delivery)
    _prune(webhooks)
    return deliveries


def _prune(webhooks: list[Webhook]) -> None:
    """The finished deliveries of these webhooks older than VSTB_WEBHOOK_LOG_DAYS, removed:
    the log shows what happened recently without growing for ever."""
    before = timezone.now() - timedelta(days=settings.VSTB_WEBHOOK_LOG_DAYS)
    WebhookDelivery.objects.filter(webhook__in=webhooks, created_at__lt=before).exclude(
        status=DeliveryStatus.PENDING
    ).delete()


def _enqueue_after_commit(delivery: WebhookDelivery) -> None:
    # The job module imports this one (to call and to retry): imported where used.
    from vstb.notifications import tasks

    transaction.on_commit(
        partial(tasks.deliver_webhook.enqueue, delivery.pk),
        using=router.db_for_write(WebhookDelivery),
        robust=True,
    )


def report_accepted(report) -> list[WebhookDelivery]:
    """The webhooks of the reporting unit and of the unit that accepted it (an agency's
    report: its unit, which accepted it), and of the units above that include them."""
    units = [unit for unit in (report.unit, report.receiver) if unit is not None]
    return _queue(WebhookEvent.REPORT_ACCEPTED, units, partial(report_payload, report))


def report_concluded(report) -> list[WebhookDelivery]:
    """A unit's own synthesis made final when issued (it answers its own requirement: nobody
    above reviews it): the webhooks of that unit and of the units above that include it. The
    payload names no receiver."""
    return _queue(
        WebhookEvent.REPORT_ACCEPTED,
        [report.unit],
        partial(report_payload, report, reviewed=False),
    )


def plan_issued(plan) -> list[WebhookDelivery]:
    """The webhooks of the plan's unit, and of the units above that include it."""
    return _queue(WebhookEvent.PLAN_ISSUED, [plan.unit], partial(plan_payload, plan))


def send_again(delivery: WebhookDelivery) -> None:
    """A failed delivery, a new round of attempts (after commit)."""
    delivery.send_again()
    _enqueue_after_commit(delivery)


# What is sent -----------------------------------------------------------------------------------


def _api_url(kind: str, pk: int) -> str:
    return settings.VSTB_SITE_URL.rstrip("/") + API_PATHS[kind].format(pk)


def _unit(unit) -> dict:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


def report_payload(report, reviewed: bool = True) -> dict:
    requirement = report.requirement
    if report.agency_id:
        agency = report.agency
        reporter = {"type": "agency", "id": agency.pk, "name": agency.name}
    else:
        reporter = {"type": "unit", **_unit(report.unit)}
    return {
        "event": WebhookEvent.REPORT_ACCEPTED.value,
        "occurred_at": timezone.now().isoformat(),
        "report": {
            "id": report.pk,
            "url": _api_url("report", report.pk),
            "status": report.status,
            "reporter": reporter,
            "receiver": _unit(report.receiver) if reviewed else None,
            "requirement": {
                "id": requirement.pk,
                "title": requirement.title,
                "kind": requirement.kind,
                "period": requirement.period_rule,
                "year": requirement.year,
                "quarter": requirement.quarter,
                "data_from": requirement.window_start.isoformat(),
                "data_to": requirement.window_end.isoformat(),
            },
        },
    }


def plan_payload(plan) -> dict:
    return {
        "event": WebhookEvent.PLAN_ISSUED.value,
        "occurred_at": timezone.now().isoformat(),
        "plan": {
            "id": plan.pk,
            "url": _api_url("plan", plan.pk),
            "status": plan.status,
            "kind": plan.kind,
            "unit": _unit(plan.unit),
            "title": plan.subject,
            "year": plan.year,
            "number": plan.number_and_symbol,
            "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
            "implements_plan": plan.parent_plan_id,
        },
    }


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The X-VSTB-Signature of a call (the scheme is in the module's docstring)."""
    signed = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def request_for(delivery: WebhookDelivery) -> urllib.request.Request:
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "VSTB-Webhook/1",
        "X-VSTB-Event": delivery.event,
        "X-VSTB-Delivery": str(delivery.pk),
        "X-VSTB-Timestamp": timestamp,
        "X-VSTB-Signature": signature(delivery.webhook.secret, timestamp, body),
    }
    return urllib.request.Request(delivery.webhook.url, data=body, headers=headers, method="POST")


# How it is sent ---------------------------------------------------------------------------------


class RefusedAddress(OSError):
    """An address VSTB does not call (not http(s), or not a public address)."""


def is_refused_ip(ip: str) -> bool:
    """Loopback, private, link-local, shared, reserved, multicast: anything but a public
    address, unless settings.VSTB_WEBHOOK_ALLOW_PRIVATE."""
    if settings.VSTB_WEBHOOK_ALLOW_PRIVATE:
        return False
    address = ipaddress.ip_address(ip.split("%")[0])  # fe80::1%eth0: the zone is not the address
    return not address.is_global or address.is_multicast


def refused_host(host: str) -> bool:
    """What the webhook form can tell without a look-up: a literal address or "localhost"."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return not settings.VSTB_WEBHOOK_ALLOW_PRIVATE
    try:
        return is_refused_ip(host)
    except ValueError:
        return False  # a name: checked when called


def _connect_checked(address, timeout, source_address=None):
    """socket.create_connection, to the addresses the name resolves to, once every one of
    them is allowed: the address checked is the address called."""
    host, port = address
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    ips = list(dict.fromkeys(sockaddr[0] for *_, sockaddr in found))
    refused = [ip for ip in ips if is_refused_ip(ip)]
    if refused:
        raise RefusedAddress(f"{host} resolves to a non-public address ({refused[0]})")
    error = OSError(f"{host} has no address")
    for ip in ips:
        try:
            return socket.create_connection((ip, port), timeout, source_address)
        except OSError as failed:
            error = failed
    raise error


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_checked


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    # The TLS handshake still checks the certificate against the name in the address.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_checked


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


def _opener() -> urllib.request.OpenerDirector:
    """http and https through the checked connections; no redirects (a 3xx is a failure: a
    redirect could lead anywhere), no proxies, no file: or ftp:."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _HTTPHandler(),
        _HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


OPENER = _opener()


def post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """Call the webhook once: (the response's status or None, "" when delivered or what
    went wrong). Raises RefusedAddress for an address VSTB does not call."""
    if urlsplit(delivery.webhook.url).scheme not in ("http", "https"):
        raise RefusedAddress("only http and https addresses are called")
    try:
        with OPENER.open(request_for(delivery), timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:  # any status but 2xx
        error.close()
        return error.code, f"HTTP {error.code}"
    except urllib.error.URLError as error:  # no connection: refused, unknown name, timeout
        if isinstance(error.reason, RefusedAddress):
            raise error.reason from None
        return None, _described(error.reason)
    except (OSError, http.client.HTTPException) as error:  # cut off while answering
        return None, _described(error)


def _described(error) -> str:
    """Never empty: an empty error would read as delivered."""
    return str(error) or type(error).__name__
