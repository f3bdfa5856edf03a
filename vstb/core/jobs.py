"""Background jobs: the queue is the database (django-tasks' database backend), the workers
are `vstb worker` processes, one or more on any host that reaches the database.

A worker killed mid-job (a restart, a crash, the machine going down) leaves its job marked
"running" for ever: django-tasks-db has no heartbeat. So each `vstb worker` has one: a small
thread of its own writes the worker's beat every VSTB_WORKER_BEAT_SECONDS (WorkerBeat) and gives
back to the queue the running jobs whose worker has been silent for VSTB_WORKER_SILENT_SECONDS
(six beats: a busy database may delay one beat or two, never six); any live worker
then runs them again, within a minute of the death rather than at the next start. Jobs are
written so that running one again does no harm (e-mails: at worst one message twice, never
none; a document is read into its import once).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from vstb.core.models import WorkerBeat

logger = logging.getLogger(__name__)

# Beats of workers stopped for this long are deleted.
FORGOTTEN_AFTER = timedelta(days=1)


def beat(worker_id: str, started_at=None, now=None) -> None:
    """Record that worker `worker_id` (this process) is alive."""
    now = now or timezone.now()
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={
            "seen_at": now,
            "started_at": started_at or now,
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def requeue_abandoned(now=None) -> int:
    """Put back in the queue the jobs whose worker died; how many. A job is its worker's
    while the worker's beat is fresh, whatever the job's length."""
    now = now or timezone.now()
    # A job claimed more recently than that is never taken back.
    silent = now - timedelta(seconds=settings.VSTB_WORKER_SILENT_SECONDS)
    live = set(WorkerBeat.objects.filter(seen_at__gte=silent).values_list("worker_id", flat=True))
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=silent)
    abandoned = [
        pk
        for pk, workers in running.values_list("pk", "worker_ids")
        if not workers or workers[-1] not in live
    ]
    if not abandoned:
        return 0
    # A running job changes only when its worker finishes it: a dead worker never will.
    return running.filter(pk__in=abandoned).update(status=TaskResultStatus.READY, started_at=None)


def forget_stopped(now=None) -> int:
    now = now or timezone.now()
    return WorkerBeat.objects.filter(seen_at__lt=now - FORGOTTEN_AFTER).delete()[0]


class Heartbeat(threading.Thread):
    """The worker's beat, and the look for dead workers' jobs, beside its job loop. The thread
    has its own database connection, closed after each beat; a beat the database refused
    (SQLite busy, a restart) is logged and the next one is tried."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"vstb-heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def once(self) -> int:
        try:
            beat(self.worker_id, self.started_at)
            requeued = requeue_abandoned()
            forget_stopped()
            if requeued:
                logger.warning("Gave %s jobs of dead workers back to the queue", requeued)
            return requeued
        except DatabaseError as error:
            logger.warning("Worker %s could not beat: %s", self.worker_id, error)
            return 0

    def run(self) -> None:
        while not self.stopped.wait(settings.VSTB_WORKER_BEAT_SECONDS):
            try:
                self.once()
            finally:
                connection.close()  # the thread's own connection, not the job loop's

    def stop(self) -> None:
        self.stopped.set()
