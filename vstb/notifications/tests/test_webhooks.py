"""Webhooks (issue 18): a report accepted or a plan issued calls the webhooks of the units
concerned, once the transaction commits; the call is signed, carries nothing about a person,
is tried again with growing pauses and then marked failed; private addresses are refused; the
unit's managers keep the webhooks and read the delivery log on the unit's page.

Who may open each URL is in vstb/accounts/tests/test_access_walk.py; here, what they do.
No network: the units' systems are a stand-in (`receiver`), or a server on 127.0.0.1.
"""

import hashlib
import hmac
import io
import json
import threading
import urllib.error
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from vstb.conftest import queries_of, six_month_requirement
from vstb.notifications import tasks, webhooks
from vstb.notifications.forms import WebhookForm
from vstb.notifications.models import DeliveryStatus, Webhook, WebhookDelivery
from vstb.org.models import Membership
from vstb.plans.models import Plan, Section, Task
from vstb.reporting import services
from vstb.reporting.models import Report

SITE = "https://vstb.example.vn"
REPORT = "report.accepted"
PLAN = "plan.issued"
BOTH = [REPORT, PLAN]
COMMENT = "Số vụ của bà Nguyễn Thị Bị Hại, 0912 345 678, chưa khớp; kiểm tra lại."
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.VSTB_SITE_URL = SITE


class Answer:
    """What the stand-in's response offers urllib's caller."""

    def __init__(self, status: int):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class Receiver:
    """The units' systems: records each request and gives `answers` in turn (a status, or an
    exception to raise as urllib would), then 200."""

    def __init__(self):
        self.requests = []
        self.answers = []

    def open(self, request, timeout):
        assert timeout == webhooks.TIMEOUT_SECONDS
        self.requests.append(request)
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        if answer >= 300:
            raise urllib.error.HTTPError(request.full_url, answer, "No", {}, io.BytesIO())
        return Answer(answer)

    def urls(self) -> list[str]:
        return sorted(request.full_url for request in self.requests)

    def bodies(self) -> list[dict]:
        return [json.loads(request.data) for request in self.requests]


@pytest.fixture
def receiver(monkeypatch):
    stand_in = Receiver()
    monkeypatch.setattr(webhooks.OPENER, "open", stand_in.open)
    return stand_in


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Deliveries leave when the transaction commits; tests run inside one, so run them."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def hook(unit, events=BOTH, **fields) -> Webhook:
    return Webhook.objects.create(
        unit=unit, url=f"https://{unit.code}.example.vn/vstb", events=events, **fields
    )


@pytest.fixture
def requirement(world):
    return six_month_requirement(world, reporters="both")


def submitted(requirement, reporter, user) -> Report:
    report = services.open_report(requirement, reporter)
    report.submit(user)
    return report


def draft_plan(world) -> Plan:
    plan = Plan.objects.create(
        unit=world.district,
        year=2026,
        subject="Thực hiện công tác bình đẳng giới năm 2026",
        place="Long Biên",
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Nguyễn Văn Ký",
        issuer_name="ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
    )
    section = Section.objects.create(plan=plan, order=1, label="-", paragraphs=["Các phường."])
    Task.objects.create(plan=plan, section=section, addresses_all_lower_units=True)
    return plan


# Who is called ----------------------------------------------------------------------------------


def test_accepting_a_report_calls_the_reporters_and_the_receivers_webhooks(
    world, requirement, receiver, on_commit
):
    called = [
        hook(world.ward, [REPORT]),  # the reporter
        hook(world.district),  # the receiver
        hook(world.province, include_lower_units=True),  # above both, and asks for them
    ]
    hook(world.district, [PLAN])  # another event
    hook(world.other_ward)  # a neighbour
    hook(world.province)  # above, but only for its own
    hook(world.other_district, include_lower_units=True)  # another branch
    hook(world.ward, active=False)
    report = submitted(requirement, world.ward, world.users["ward_officer"])

    on_commit(lambda: report.accept(world.users["district_secretariat"]))

    deliveries = WebhookDelivery.objects.order_by("webhook")
    assert [d.webhook for d in deliveries] == called
    assert {(d.event, d.status, d.attempts, d.response_code) for d in deliveries} == {
        (REPORT, DeliveryStatus.DELIVERED, 1, 200)
    }
    assert receiver.urls() == sorted(webhook.url for webhook in called)


def test_an_agencys_report_calls_the_webhooks_of_the_unit_that_accepted_it(
    world, requirement, receiver, on_commit
):
    district = hook(world.district, [REPORT])
    hook(world.ward, [REPORT])
    report = submitted(requirement, world.justice, world.users["focal_point"])

    on_commit(lambda: report.accept(world.users["district_secretariat"]))

    assert receiver.urls() == [district.url]
    (body,) = receiver.bodies()
    assert body["report"]["reporter"] == {
        "type": "agency",
        "id": world.justice.pk,
        "name": "Phòng Tư pháp quận",
    }


def test_a_units_own_synthesis_made_final_calls_its_webhooks_and_names_no_receiver(
    world, requirement, receiver, on_commit
):
    district = hook(world.district, [REPORT])
    hook(world.province)  # above, only for its own: it never received this report
    synthesis = services.open_report(requirement, world.district)

    on_commit(lambda: synthesis.conclude(world.users["district_secretariat"]))

    assert receiver.urls() == [district.url]
    (body,) = receiver.bodies()
    assert body["report"]["status"] == "accepted" and body["report"]["receiver"] is None
    assert body["report"]["reporter"]["id"] == world.district.pk


def test_a_webhooks_log_keeps_its_finished_deliveries_for_a_while(
    world, requirement, receiver, on_commit, settings
):
    settings.VSTB_WEBHOOK_LOG_DAYS = 30
    district, other = hook(world.district, [REPORT]), hook(world.other_district, [REPORT])
    long_ago = timezone.now() - timedelta(days=31)

    def old(webhook, status):
        return WebhookDelivery.objects.create(
            webhook=webhook, event=REPORT, payload={}, status=status, created_at=long_ago
        )

    delivered, failed = old(district, "delivered"), old(district, "failed")
    waiting, elsewhere = old(district, "pending"), old(other, "delivered")
    recent = WebhookDelivery.objects.create(
        webhook=district, event=REPORT, payload={}, status="delivered"
    )
    report = submitted(requirement, world.ward, world.users["ward_officer"])

    on_commit(lambda: report.accept(world.users["district_secretariat"]))

    kept = set(WebhookDelivery.objects.values_list("pk", flat=True))
    assert {waiting.pk, elsewhere.pk, recent.pk} <= kept
    assert not {delivered.pk, failed.pk} & kept
    assert district.deliveries.filter(status="delivered", created_at__gt=long_ago).count() == 2


def test_issuing_a_plan_calls_the_webhooks_of_its_unit_and_of_those_above_asking_for_it(
    world, receiver, on_commit
):
    called = [hook(world.district, [PLAN]), hook(world.nation, [PLAN], include_lower_units=True)]
    hook(world.district, [REPORT])
    hook(world.ward)  # given tasks by the plan, told in the app; its system is not called
    hook(world.province)
    plan = draft_plan(world)

    on_commit(lambda: plan.issue(on=date(2026, 1, 5), by=world.users["district_secretariat"]))

    assert receiver.urls() == sorted(webhook.url for webhook in called)
    assert [r.headers["X-vstb-event"] for r in receiver.requests] == [PLAN, PLAN]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_nothing_is_called_before_the_transaction_commits(
    world, receiver, django_capture_on_commit_callbacks
):
    hook(world.district)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft_plan(world).issue(on=date(2026, 1, 5))
    assert receiver.requests == [] and callbacks
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING


# What is sent -----------------------------------------------------------------------------------


def test_the_calls_carry_ids_titles_and_periods_and_nothing_about_a_person(
    world, requirement, receiver, on_commit
):
    hook(world.district)
    report = services.open_report(requirement, world.ward)
    report.narrative = {"results": [COMMENT]}
    report.save()
    report.submit(world.users["ward_officer"])
    report.return_to_reporter(world.users["district_secretariat"], COMMENT)
    report.submit(world.users["ward_officer"])
    Report.objects.filter(pk=report.pk).update(signer_name="Nguyễn Văn Ký")
    report.refresh_from_db()
    plan = draft_plan(world)

    on_commit(lambda: report.accept(world.users["district_secretariat"]))
    on_commit(lambda: plan.issue(on=date(2026, 1, 5)))

    sent = b"".join(request.data for request in receiver.requests).decode()
    people = [
        *(user.full_name for user in world.users.values() if user is not None),
        *(user.email for user in world.users.values() if user is not None),
        *Membership.objects.values_list("full_name", flat=True),
        "Nguyễn Văn Ký",
        "Nguyễn Thị Bị Hại",
        "0912 345 678",
    ]
    assert [text for text in people if text in sent] == []
    report_body, plan_body = receiver.bodies()
    assert report_body["event"] == REPORT
    assert report_body["report"] == {
        "id": report.pk,
        "url": f"{SITE}/api/v1/reports/{report.pk}",
        "status": "accepted",
        "reporter": {"type": "unit", "id": world.ward.pk, "code": "00139", "name": "Phường Bồ Đề"},
        "receiver": {"id": world.district.pk, "code": "004", "name": "Quận Long Biên"},
        "requirement": {
            "id": requirement.pk,
            "title": "Báo cáo sơ kết 6 tháng đầu năm 2025",
            "kind": "six_month",
            "period": "six_month",
            "year": 2025,
            "quarter": None,
            "data_from": requirement.window_start.isoformat(),
            "data_to": requirement.window_end.isoformat(),
        },
    }
    assert plan_body["event"] == PLAN
    assert plan_body["plan"]["url"] == f"{SITE}/api/v1/plans/{plan.pk}"
    assert plan_body["plan"]["unit"]["code"] == "004"
    assert plan_body["plan"]["title"] == "Thực hiện công tác bình đẳng giới năm 2026"
    assert (plan_body["plan"]["year"], plan_body["plan"]["issued_on"]) == (2026, "2026-01-05")


def test_the_signature_verifies_with_the_webhooks_secret(world, receiver, on_commit):
    webhook = hook(world.district)
    on_commit(lambda: draft_plan(world).issue(on=date(2026, 1, 5)))

    (request,) = receiver.requests
    headers = {name.lower(): value for name, value in request.header_items()}
    timestamp = headers["x-vstb-timestamp"]
    expected = hmac.new(
        webhook.secret.encode(), timestamp.encode() + b"." + request.data, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(headers["x-vstb-signature"], f"sha256={expected}")
    assert abs(int(timestamp) - timezone.now().timestamp()) < 60
    assert headers["content-type"] == "application/json"
    assert headers["x-vstb-delivery"] == str(WebhookDelivery.objects.get().pk)
    assert request.get_method() == "POST"
    # Another secret does not verify.
    assert webhooks.signature("x" * 64, timestamp, request.data) != headers["x-vstb-signature"]


def test_each_webhook_has_its_own_generated_secret(world):
    first, second = hook(world.district), hook(world.district)
    assert len(first.secret) == 64 and int(first.secret, 16)
    assert first.secret != second.secret


# Retries ----------------------------------------------------------------------------------------


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_failing_call_is_tried_again_with_growing_pauses_then_marked_failed(world, receiver):
    delivery = WebhookDelivery.objects.create(webhook=hook(world.district), event=PLAN, payload={})
    receiver.answers = [500, 503, 404, urllib.error.URLError(ConnectionRefusedError()), 302, 500]
    receiver.answers.append(500)

    for attempt, minutes in enumerate([1, 2, 4, 8, 16, 32], start=1):
        assert tasks.deliver_webhook.call(delivery.pk, attempt) == "retrying"
        delivery.refresh_from_db()
        again = DBTaskResult.objects.order_by("-enqueued_at", "-id").first()
        assert again.args_kwargs["args"] == [delivery.pk, attempt + 1]
        pause = again.run_after - timezone.now()
        assert timedelta(minutes=minutes, seconds=-30) < pause <= timedelta(minutes=minutes)
        assert delivery.next_attempt_at == again.run_after
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, attempt)

    assert tasks.deliver_webhook.call(delivery.pk, 7) == "failed"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 7, 500)
    assert delivery.error == "HTTP 500" and delivery.next_attempt_at is None
    assert DBTaskResult.objects.count() == 6  # no eighth attempt
    assert len(receiver.requests) == 7


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_network_error_is_logged_without_a_response_code(world, receiver):
    delivery = WebhookDelivery.objects.create(webhook=hook(world.district), event=PLAN, payload={})
    receiver.answers = [urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))]
    tasks.deliver_webhook.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.response_code is None and "Connection refused" in delivery.error


def test_a_delivered_call_is_not_made_again_by_a_job_run_twice(world, receiver):
    delivery = WebhookDelivery.objects.create(webhook=hook(world.district), event=PLAN, payload={})
    assert tasks.deliver_webhook.call(delivery.pk) == "delivered"
    assert tasks.deliver_webhook.call(delivery.pk) == "skipped"
    assert len(receiver.requests) == 1


def test_a_webhook_turned_off_is_not_called(world, receiver):
    webhook = hook(world.district)
    delivery = WebhookDelivery.objects.create(webhook=webhook, event=PLAN, payload={})
    webhook.set_active(False)
    assert tasks.deliver_webhook.call(delivery.pk) == "failed"
    assert receiver.requests == []


# Addresses --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "https://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",  # a cloud host's own secrets
        "http://[::1]/hook",
        "http://100.64.0.1/hook",
        "ftp://files.example.vn/hook",
    ],
)
def test_private_addresses_and_other_schemes_are_refused_and_not_tried_again(world, url):
    # The real opener: refused before any connection is opened, so no network either way.
    webhook = Webhook.objects.create(unit=world.district, url=url, events=BOTH)
    delivery = WebhookDelivery.objects.create(webhook=webhook, event=PLAN, payload={})
    assert tasks.deliver_webhook.call(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.error.startswith("Refused")
    assert not WebhookForm({"url": url, "events": [PLAN]}).is_valid()


def test_a_public_address_is_not_refused():
    assert not webhooks.is_refused_ip("203.113.131.1")
    assert not webhooks.refused_host("he-thong.example.vn")  # a name: checked when called
    assert webhooks.is_refused_ip("::ffff:127.0.0.1")


class _System(BaseHTTPRequestHandler):
    """A unit's system that checks the signature as the module's docstring says."""

    secret = ""
    seen: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        timestamp = self.headers["X-VSTB-Timestamp"]
        expected = webhooks.signature(self.secret, timestamp, body)
        valid = hmac.compare_digest(self.headers["X-VSTB-Signature"], expected)
        self.seen.append((self.path, valid, json.loads(body)))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        else:
            self.send_response(204 if valid else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_system_on_a_closed_network_checks_the_signature(world, settings):
    """A real call through urllib, to a server on this machine, allowed by the setting; a
    redirect is a failure, not followed."""
    settings.VSTB_WEBHOOK_ALLOW_PRIVATE = True
    server = HTTPServer(("127.0.0.1", 0), _System)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        address = f"http://127.0.0.1:{server.server_port}"
        webhook = Webhook.objects.create(unit=world.district, url=f"{address}/vstb", events=BOTH)
        _System.secret, _System.seen = webhook.secret, []
        delivered = WebhookDelivery.objects.create(webhook=webhook, event=PLAN, payload={"a": 1})
        assert tasks.deliver_webhook.call(delivered.pk) == "delivered"
        moved = Webhook.objects.create(unit=world.district, url=f"{address}/moved", events=BOTH)
        redirected = WebhookDelivery.objects.create(webhook=moved, event=PLAN, payload={})
        with override_settings(TASKS=DATABASE_QUEUE):
            assert tasks.deliver_webhook.call(redirected.pk) == "retrying"
    finally:
        server.shutdown()
        server.server_close()
    delivered.refresh_from_db()
    redirected.refresh_from_db()
    assert (delivered.status, delivered.response_code) == ("delivered", 204)
    assert redirected.response_code == 302 and redirected.status == "pending"
    assert [(path, valid) for path, valid, _ in _System.seen] == [
        ("/vstb", True),
        ("/moved", False),  # signed with the other webhook's secret
    ]


# The unit's page --------------------------------------------------------------------------------


def page_url(unit) -> str:
    return reverse("notifications:webhooks", args=[unit.pk])


def test_the_page_lists_the_webhooks_their_secrets_and_the_delivery_log(world, login):
    webhook = hook(world.district, [REPORT])
    failed = WebhookDelivery.objects.create(
        webhook=webhook, event=REPORT, payload={}, status="failed", attempts=7, response_code=503
    )
    hook(world.ward)  # another unit's
    page = login(world.users["district_secretariat"]).get(page_url(world.district))
    text = page.content.decode()
    assert page.status_code == 200
    assert webhook.url in text and webhook.secret in text
    assert "https://00139.example.vn" not in text
    assert ">503<" in text
    assert reverse("notifications:delivery_again", args=[failed.pk]) in text
    assert list(page.context["deliveries"]) == list(WebhookDelivery.objects.all())


def test_the_page_reads_in_a_constant_number_of_queries(world, login):
    client = login(world.users["district_secretariat"])
    webhook = hook(world.district)
    WebhookDelivery.objects.create(webhook=webhook, event=PLAN, payload={})
    one = queries_of(lambda: client.get(page_url(world.district)))
    for _ in range(3):
        more = hook(world.district)
        for _ in range(4):
            WebhookDelivery.objects.create(webhook=more, event=PLAN, payload={}, status="failed")
    assert queries_of(lambda: client.get(page_url(world.district))) == one


def test_adding_a_webhook(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        page_url(world.district),
        {"url": "https://thong-ke.hanoi.example.vn/vstb", "events": [PLAN, REPORT]},
    )
    assert response.status_code == 302 and response.url == page_url(world.district)
    webhook = Webhook.objects.get()
    assert webhook.unit == world.district and webhook.events == BOTH
    assert webhook.created_by == world.users["district_secretariat"]
    assert webhook.active and not webhook.include_lower_units and len(webhook.secret) == 64


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"url": "http://192.168.1.2/vstb", "events": [PLAN]}, "url"),
        ({"url": "https://a:b@example.vn/vstb", "events": [PLAN]}, "url"),
        ({"url": "không phải địa chỉ", "events": [PLAN]}, "url"),
        ({"url": "https://example.vn/vstb", "events": []}, "events"),
    ],
)
def test_a_wrong_webhook_is_shown_again_with_its_error(world, login, data, field):
    response = login(world.users["district_secretariat"]).post(page_url(world.district), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Webhook.objects.exists()


def test_turning_a_webhook_off_and_on(world, login):
    webhook = hook(world.district)
    client = login(world.users["district_secretariat"])
    url = reverse("notifications:webhook_active", args=[webhook.pk])
    assert client.post(url).status_code == 302
    webhook.refresh_from_db()
    assert not webhook.active
    client.post(url, {"active": "1"})
    webhook.refresh_from_db()
    assert webhook.active


def test_a_new_secret_signs_the_calls_from_then_on(world, login, receiver):
    webhook = hook(world.district, [PLAN])
    delivery = WebhookDelivery.objects.create(webhook=webhook, event=PLAN, payload={"a": 1})
    old = webhook.secret
    response = login(world.users["district_secretariat"]).post(
        reverse("notifications:webhook_secret", args=[webhook.pk]), follow=True
    )
    assert "bí mật mới" in response.content.decode()
    webhook.refresh_from_db()
    assert webhook.secret != old and len(webhook.secret) == 64
    # A retry of a delivery made before is signed with the new secret.
    delivery.refresh_from_db()
    request = webhooks.request_for(delivery)
    timestamp = request.get_header("X-vstb-timestamp")
    assert request.get_header("X-vstb-signature") == webhooks.signature(
        webhook.secret, timestamp, request.data
    )


def test_deleting_a_webhook_deletes_its_log(world, login):
    webhook = hook(world.district)
    WebhookDelivery.objects.create(webhook=webhook, event=PLAN, payload={})
    response = login(world.users["district_secretariat"]).post(
        reverse("notifications:webhook_delete", args=[webhook.pk])
    )
    assert response.url == page_url(world.district)
    assert not Webhook.objects.exists() and not WebhookDelivery.objects.exists()


def test_sending_a_failed_delivery_again(world, login, receiver, on_commit):
    webhook = hook(world.district)
    failed = WebhookDelivery.objects.create(
        webhook=webhook, event=PLAN, payload={"plan": {"id": 1}}, status="failed", attempts=7
    )
    client = login(world.users["district_secretariat"])
    url = reverse("notifications:delivery_again", args=[failed.pk])
    response = on_commit(lambda: client.post(url))
    assert response.url == page_url(world.district)
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("delivered", 1)
    assert receiver.bodies() == [{"plan": {"id": 1}}]

    on_commit(lambda: client.post(url))  # delivered: not sent again
    assert len(receiver.requests) == 1


def test_only_the_units_managers_keep_its_webhooks(world, login):
    webhook = hook(world.district)
    failed = WebhookDelivery.objects.create(
        webhook=webhook, event=PLAN, payload={}, status="failed"
    )
    posts = [
        reverse("notifications:webhook_active", args=[webhook.pk]),
        reverse("notifications:webhook_delete", args=[webhook.pk]),
        reverse("notifications:delivery_again", args=[failed.pk]),
    ]
    viewer = login(world.users["district_viewer"])
    assert viewer.get(page_url(world.district)).status_code == 403
    assert [viewer.post(url).status_code for url in posts] == [403, 403, 403]
    outsider = login(world.users["other_district_officer"])
    assert outsider.get(page_url(world.district)).status_code == 404
    assert [outsider.post(url).status_code for url in posts] == [404, 404, 404]
    anonymous = login(None)
    login_url = reverse("accounts:login")
    assert all(anonymous.post(url)["Location"].startswith(login_url) for url in posts)
    manager = login(world.users["district_secretariat"])
    assert [manager.get(url).status_code for url in posts] == [405, 405, 405]
    webhook.refresh_from_db()
    failed.refresh_from_db()
    assert webhook.active and failed.status == "failed"
