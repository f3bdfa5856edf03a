"""Programs a background worker starts run on the processor time nothing else wants."""

import os
import subprocess
import sys

import pytest

from vstb.documents import pdf
from vstb.lib.programs import WHEN_IDLE, when_idle

POLICY = [sys.executable, "-c", "import os; print(os.sched_getscheduler(0))"]


def test_outside_a_worker_a_program_runs_as_it_is(monkeypatch):
    monkeypatch.delenv(WHEN_IDLE, raising=False)
    assert when_idle(["soffice", "--headless"]) == ["soffice", "--headless"]
    done = subprocess.run(when_idle(POLICY), capture_output=True, text=True, check=True)
    assert int(done.stdout) == os.SCHED_OTHER


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux's SCHED_IDLE")
def test_in_a_worker_a_program_runs_under_sched_idle(monkeypatch):
    monkeypatch.setenv(WHEN_IDLE, "1")
    done = subprocess.run(when_idle(POLICY), capture_output=True, text=True, check=True)
    assert int(done.stdout) == os.SCHED_IDLE


def test_libreoffice_is_started_through_it(monkeypatch, tmp_path):
    """pdf.convert hands LibreOffice's command line to when_idle (a stand-in records it)."""
    monkeypatch.setenv(WHEN_IDLE, "1")
    monkeypatch.setattr(pdf, "soffice", lambda: "/usr/bin/soffice")
    started = []

    class Process:
        pid = returncode = 0

        def __init__(self, command, **kwargs):
            started.append(command)

        def communicate(self, timeout=None):
            return b"", b"no output"

    monkeypatch.setattr(pdf.subprocess, "Popen", Process)
    with pytest.raises(pdf.ConversionFailed):
        pdf.convert(b"PK", "docx", "pdf")
    [command] = started
    assert command[1:4] == ["--idle", "0", "/usr/bin/soffice"]
    assert command[0].endswith("chrt")


@pytest.mark.django_db
def test_a_worker_run_inside_another_process_leaves_its_programs_as_they_were(monkeypatch):
    """`vstb worker --batch` called from a command or a test sets the policy for its jobs'
    programs only while it runs (a test after it once saw its fake LibreOffice started
    through chrt)."""
    from django.core.management import call_command
    from django.test import override_settings

    from vstb.plans.tests.test_import_job import DATABASE_QUEUE

    # The worker closes connections outside autocommit, as the test's transaction is.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    monkeypatch.delenv(WHEN_IDLE, raising=False)
    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("worker", "--batch", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert WHEN_IDLE not in os.environ
