import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from vstb.core.jobs import Heartbeat, beat, requeue_abandoned
from vstb.lib.programs import WHEN_IDLE


class Command(BaseCommand):
    help = (
        "Run VSTB's background jobs (e-mails and other work taken off the request) from the "
        "database queue. Start one or more beside `vstb serve`, on any host that reaches the "
        "database; stop with Ctrl+C or SIGTERM (the job under way is finished first)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run the jobs waiting now, then stop."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at the queue."
        )

    def handle(self, *args, batch, interval, **options):
        # Background work yields the processor to people's pages: on a host that also serves
        # the web, a LibreOffice conversion or an OCR run (and the programs it starts, which
        # inherit the priority) takes the cores only when no page request wants them.
        if settings.VSTB_WORKER_NICE:
            os.nice(settings.VSTB_WORKER_NICE)
        # Off the request, a scanned document may take the job's whole time to be read
        # (a web request had 20 s, below gunicorn's timeout).
        os.environ.setdefault("VSTB_OCR_SECONDS", str(max(60, settings.VSTB_JOB_SECONDS - 60)))
        worker_id = f"{os.getpid()}-{get_random_string(24)}"
        beat(worker_id)  # alive before the first claim, so no other worker takes its jobs
        requeued = requeue_abandoned()
        if requeued:
            self.stdout.write(f"Chạy lại {requeued} việc của tiến trình đã dừng giữa chừng.")
        heart = Heartbeat(worker_id)
        heart.start()
        worker_options = ["--interval", str(interval), "--no-startup-delay", "--no-reload"]
        # LibreOffice, started by the jobs, runs only on the time nothing else wants
        # (vstb/lib/programs.py); as it was afterwards, for a worker run inside another
        # process (`--batch` from a command or a test).
        before = os.environ.get(WHEN_IDLE)
        os.environ[WHEN_IDLE] = "1"
        try:
            call_command(
                "db_worker",
                *worker_options,
                "--worker-id",
                worker_id,
                *(["--batch"] if batch else []),
            )
        finally:
            heart.stop()
            if before is None:
                os.environ.pop(WHEN_IDLE, None)
            else:
                os.environ[WHEN_IDLE] = before
