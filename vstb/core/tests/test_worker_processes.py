"""Two `vstb worker` processes on one PostgreSQL queue, and one of them killed (SIGKILL) in
the middle of reading a scanned document: the other gives the job back to the queue and reads
it, and the document is read into its import once (issue 14, item 1).

Real processes need a database they share with the test, so this runs on PostgreSQL only
(.ci/run step 4), with a transaction-less test database."""

import os
import signal
import subprocess
import sys
from functools import partial

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from vstb.core.models import WorkerBeat
from vstb.core.tests.processes import database_url, until
from vstb.documents.docx import render_docx
from vstb.documents.importer import ocr
from vstb.documents.pdf import docx_to_pdf, soffice
from vstb.documents.tests.scans import scanned
from vstb.documents.tests.test_import_formats import expected
from vstb.org.models import Unit
from vstb.plans import tasks
from vstb.plans.models import ImportStatus, PlanImport

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="worker processes share the test's database: runs on PostgreSQL (.ci/run step 4)",
    ),
    pytest.mark.skipif(
        (soffice() is None or not ocr.available()) and os.environ.get("CI") != "true",
        reason="needs LibreOffice and Tesseract to make and read a scan",
    ),
]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WAIT = 120  # seconds; the scan takes a few seconds to read
_until = partial(until, wait=WAIT)


def _start_worker(log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vstb.settings",
        "DATABASE_URL": database_url(),
        "VSTB_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # Beats each second; a worker silent for four is dead. The test's data folder
        # (VSTB_DATA_DIR, set by settings_test) is inherited, so the upload is found.
        "VSTB_WORKER_BEAT_SECONDS": "1",
        "VSTB_WORKER_SILENT_SECONDS": "4",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "vstb.cli", "worker", "--interval", "0.1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def test_a_worker_killed_mid_job_leaves_it_to_the_other_which_reads_it_once(tmp_path):
    scan = scanned(
        docx_to_pdf(render_docx(expected("longbien-2025-ke-hoach", True))), pages=[1, -1]
    )
    unit = Unit.objects.create(code="001", name="Quận Long Biên", kind="quan")
    record = PlanImport(unit=unit, original_name="ke-hoach-scan.pdf")
    record.file.save("ke-hoach-scan.pdf", ContentFile(scan), save=False)
    record.save()
    assert record.start_reading()

    logs = [open(tmp_path / f"worker-{n}.log", "wb") for n in (1, 2)]  # noqa: SIM115
    workers = [_start_worker(log) for log in logs]
    try:
        _until(lambda: WorkerBeat.objects.count() == 2, "both workers to beat")
        with override_settings(TASKS=DATABASE_QUEUE):
            tasks.read_import.enqueue(record.pk)
        job = _until(
            lambda: DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).first(),
            "a worker to claim the job",
        )
        claimant = next(w for w in workers if job.worker_ids[-1].startswith(f"{w.pid}-"))
        # Mid-job: the claimant has begun reading (a worker runs at a lower priority, so on a
        # busy machine the claim comes some time before the work starts).
        _until(
            lambda: PlanImport.objects.get(pk=record.pk).attempts == 1,
            "the claimant to start reading",
        )
        claimant.send_signal(signal.SIGKILL)
        claimant.wait(timeout=10)
        survivor = next(w for w in workers if w is not claimant)

        done = _until(
            lambda: DBTaskResult.objects.filter(
                pk=job.pk, status=TaskResultStatus.SUCCESSFUL
            ).first(),
            "the other worker to run the job again",
        )
        assert done.worker_ids[0] == job.worker_ids[-1]  # claimed by the dead one first
        assert done.worker_ids[-1].startswith(f"{survivor.pid}-")
        assert done.return_value == "read"
        record.refresh_from_db()
        assert record.status == ImportStatus.READ
        assert record.attempts == 2  # the killed attempt, then the one that read it
        assert record.data["number"] == expected("longbien-2025-ke-hoach", True)["number"]
        assert survivor.poll() is None  # still serving the queue
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
        for log in logs:
            log.close()
