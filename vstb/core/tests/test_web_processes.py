"""Two app hosts (`vstb serve`, gunicorn) on one PostgreSQL, and the web process handling a
report's sending killed (SIGKILL) in the middle of it: the report is then either sent and its
receiver told, or neither, and sending again from the other host does it once (issue 14,
item 4).

The request is caught mid-way deterministically: the test holds a lock on the notifications
table, so the sending waits at the hand-off, after the report's own row has changed. Real
processes need a database they share with the test: PostgreSQL only (.ci/run step 4)."""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from vstb.core.tests.processes import database_url, until
from vstb.notifications.models import Kind, Notification
from vstb.reporting import services
from vstb.reporting.models import Report, ReportEvent, ReportStatus, Requirement
from vstb.reporting.services import add_default_figures

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="web processes share the test's database: runs on PostgreSQL (.ci/run step 4)",
    ),
]
WAIT = 60
_until = partial(until, wait=WAIT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Host:
    """One app host: `vstb serve` with one gunicorn worker, on a port of its own."""

    def __init__(self, log: Path):
        self.url = f"http://127.0.0.1:{_free_port()}"
        self.log = open(log, "wb")  # noqa: SIM115
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "vstb.settings",
            "DATABASE_URL": database_url(),
            "VSTB_BIND": self.url.removeprefix("http://"),
            "VSTB_WORKERS": "1",
        }
        self.master = subprocess.Popen(
            [sys.executable, "-m", "vstb.cli", "serve"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        _until(self._answers, f"{self.url} to answer")

    def _answers(self) -> bool:
        try:
            return requests.get(f"{self.url}/health/", timeout=5).status_code == 200
        except requests.RequestException:  # not listening yet, or still starting
            return False

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        if self.master.poll() is None:
            self.master.terminate()
            self.master.wait(timeout=30)
        self.log.close()


def _session(client: Client) -> requests.Session:
    """A browser's session with the test's sign-in (the session row is in the shared
    database) and its CSRF cookie."""
    browser = requests.Session()
    browser.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    return browser


def _send(browser: requests.Session, host: Host, report: Report):
    page = browser.get(f"{host.url}{reverse('reporting:report', args=[report.pk])}", timeout=WAIT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return browser.post(
        f"{host.url}{reverse('reporting:submit', args=[report.pk])}",
        data={"csrfmiddlewaretoken": token, "confirm": "1"},
        headers={"Referer": f"{host.url}/"},
        allow_redirects=False,
        timeout=WAIT,
    )


def test_a_web_process_killed_while_sending_a_report_loses_nothing_and_does_nothing_twice(
    world, tmp_path
):
    requirement = Requirement(
        unit=world.district, title="Báo cáo sơ kết 6 tháng đầu năm 2025", kind="six_month",
        period_rule="six_month", year=2025, reporters="units", due_dates={"3": "2025-07-05"},
    )  # fmt: skip
    requirement.full_clean()
    requirement.save()
    add_default_figures(requirement)
    report = services.open_report(requirement, world.ward)
    services.save_report(
        report, None, report.version, {"results": "Đã tổ chức 2 hội nghị."},
        {f.pk: {"total": 2} for f in requirement.figures.all()},
    )  # fmt: skip
    signed_in = Client()
    signed_in.force_login(world.users["ward_officer"])
    browser = _session(signed_in)
    told = Notification.objects.filter(kind=Kind.REPORT_RECEIVED, url__contains=f"/{report.pk}/")

    first = Host(tmp_path / "host-1.log")
    second = Host(tmp_path / "host-2.log")
    try:
        # The sending will wait at the hand-off: nobody may write a notification meanwhile.
        with psycopg.connect(database_url().replace("postgres://", "postgresql://")) as lock:
            lock.execute("LOCK TABLE notifications_notification IN EXCLUSIVE MODE")
            outcome: list = []
            sending = threading.Thread(
                target=lambda: outcome.append(_try(lambda: _send(browser, first, report)))
            )
            sending.start()
            with psycopg.connect(database_url().replace("postgres://", "postgresql://"),
                                 autocommit=True) as watch:  # fmt: skip
                _until(
                    lambda: watch.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query LIKE '%notifications_notification%'"
                    ).fetchone(),
                    "the sending to wait at the hand-off",
                )
            (worker,) = first.workers()
            os.kill(worker, signal.SIGKILL)
            sending.join(timeout=WAIT)
            lock.rollback()
        assert isinstance(outcome[0], requests.ConnectionError)  # the browser saw it fail

        def sent_and_told() -> tuple:
            report.refresh_from_db()
            events = ReportEvent.objects.filter(report=report, action="submitted").count()
            return report.status, events, told.count()

        # Either both happened or neither: here neither, as the transaction never committed.
        _until(lambda: not _backend_waiting(), "the killed request's database session to end")
        assert sent_and_told() == (ReportStatus.DRAFT, 0, 0)

        # The officer sends again, the balancer taking them to the other host: once.
        assert _send(browser, second, report).status_code == 302
        count = told.count()
        assert sent_and_told() == (ReportStatus.SUBMITTED, 1, count)
        people = list(told.values_list("user", flat=True))
        assert world.users["district_secretariat"].pk in people
        assert len(people) == len(set(people))  # each told once

        # And a third time on the first host, whose worker gunicorn has started again.
        _until(lambda: first.workers() and first.workers() != [worker], "a new worker")
        assert _send(browser, first, report).status_code == 403
        assert sent_and_told() == (ReportStatus.SUBMITTED, 1, count)
    finally:
        first.stop()
        second.stop()


def _try(call):
    try:
        return call()
    except requests.RequestException as error:
        return error


def _backend_waiting() -> bool:
    with psycopg.connect(database_url().replace("postgres://", "postgresql://"),
                         autocommit=True) as watch:  # fmt: skip
        return bool(
            watch.execute(
                "SELECT 1 FROM pg_stat_activity WHERE state = 'idle in transaction' "
                "OR (wait_event_type = 'Lock' AND query LIKE '%notifications_notification%')"
            ).fetchone()
        )
