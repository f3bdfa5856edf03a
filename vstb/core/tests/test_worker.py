"""Background jobs on the database queue, run by `vstb worker` (issue 14, item 1)."""

import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from vstb.core import jobs
from vstb.core.models import WorkerBeat
from vstb.notifications import tasks
from vstb.notifications.services import notify

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
MESSAGE = {"subject": "VSTB: thử", "body": "Nội dung", "from_email": "a@b.vn", "to": ["c@d.vn"]}


class RefusingBackend:
    """A mail server that does not answer."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def database_queue(monkeypatch):
    # The worker closes connections that are not in autocommit, as a test's transaction is
    # not; Django's test client likewise stops closing them around requests.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


def test_a_notification_e_mails_through_the_queue_after_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        told = notify([world.users["ward_officer"]], "requirement", "Báo cáo sơ kết", "/reporting/")
    assert told.emails == 1
    assert mail.outbox == []  # not in the request: a job waits
    [job] = DBTaskResult.objects.all()
    assert job.status == TaskResultStatus.READY

    call_command("worker", "--batch", stdout=open(os.devnull, "w"))

    [message] = mail.outbox
    assert message.to == [world.users["ward_officer"].email]
    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL


def test_nothing_is_queued_when_the_transaction_rolls_back(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        notify([world.users["ward_officer"]], "requirement", "Báo cáo sơ kết", "/reporting/")
    assert not DBTaskResult.objects.exists()


def test_a_job_whose_worker_died_runs_again(db):
    tasks.send_emails.enqueue([MESSAGE])
    DBTaskResult.objects.update(  # what a worker killed mid-job leaves: no beat for a minute
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=2),
        worker_ids=["killed"],
    )
    jobs.beat("killed", now=timezone.now() - timedelta(minutes=1))
    call_command("worker", "--batch", stdout=open(os.devnull, "w"))
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_job_just_claimed_is_left_to_its_worker(db):
    tasks.send_emails.enqueue([MESSAGE])
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=timezone.now())
    call_command("worker", "--batch", stdout=open(os.devnull, "w"))
    assert mail.outbox == []


def test_a_long_job_of_a_live_worker_is_left_to_it(db):
    tasks.send_emails.enqueue([MESSAGE])
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=3 * settings.VSTB_JOB_SECONDS),
        worker_ids=["first", "busy"],
    )
    jobs.beat("busy")
    assert jobs.requeue_abandoned() == 0
    # Six beats later with no sign of it, the job goes back to the queue, once.
    later = timezone.now() + timedelta(seconds=settings.VSTB_WORKER_SILENT_SECONDS + 1)
    assert jobs.requeue_abandoned(now=later) == 1
    assert jobs.requeue_abandoned(now=later) == 0
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY


def test_the_heartbeat_keeps_the_worker_alive_and_forgets_stopped_ones(db):
    jobs.beat("stopped-last-week", now=timezone.now() - timedelta(days=7))
    heart = jobs.Heartbeat("beating")
    heart.once()
    assert set(WorkerBeat.objects.values_list("worker_id", flat=True)) == {"beating"}
    first = WorkerBeat.objects.get().seen_at
    heart.once()
    assert WorkerBeat.objects.get().seen_at > first


@override_settings(EMAIL_BACKEND=f"{__name__}.RefusingBackend")
def test_a_mail_server_that_refuses_is_tried_again_later(db):
    tasks.send_emails.enqueue([MESSAGE])
    call_command("worker", "--batch", stdout=open(os.devnull, "w"))
    first, again = DBTaskResult.objects.order_by("enqueued_at", "id")
    assert first.status == TaskResultStatus.SUCCESSFUL  # it handed over to the next attempt
    assert again.status == TaskResultStatus.READY and again.args_kwargs["args"] == [[MESSAGE], 2]
    assert again.run_after > timezone.now()  # after a pause, not at once
