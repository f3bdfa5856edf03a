"""Background jobs: the queue is the database (django-tasks' database backend), the workers
are `vstb worker` processes, one or more on any host that reaches the database.

A worker killed mid-job (a restart, a crash, the machine going down) leaves its job marked
"running" for ever: django-tasks-db has no heartbeat. Every job finishes within
settings.VSTB_JOB_SECONDS, so a job still running after twice that had its worker killed, and
`requeue_abandoned` gives it back to the queue to run again. Jobs are written so that running
one again does no harm (e-mails: at worst one message twice, never none)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_abandoned(now=None) -> int:
    """Put back in the queue the jobs whose worker died; how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=2 * settings.VSTB_JOB_SECONDS)
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, started_at=None)
