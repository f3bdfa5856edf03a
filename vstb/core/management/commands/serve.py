import os
import re
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# gunicorn ends a worker that has not answered in this many seconds; what runs inside a
# request (a PDF conversion: documents.pdf.REQUEST_TIMEOUT) stops before it.
WORKER_TIMEOUT = 30
THREADS = "1"


class Command(BaseCommand):
    help = (
        "Serve VSTB with gunicorn for production: collects static files, binds VSTB_BIND "
        "(127.0.0.1:8000) with VSTB_WORKERS processes (3) of VSTB_THREADS threads each (1). "
        "Migrations are a deploy step "
        "(`vstb migrate`), so that app hosts starting together never race."
    )

    def handle(self, *args, **options):
        pending = pending_migrations()
        if pending:
            raise CommandError(
                f"Cơ sở dữ liệu còn {len(pending)} bước cập nhật cấu trúc chưa chạy "
                f"({', '.join(pending[:3])}…). Hãy chạy `vstb migrate` một lần rồi khởi động lại."
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        bind = os.environ.get("VSTB_BIND", "127.0.0.1:8000")
        workers = os.environ.get("VSTB_WORKERS", "3")
        threads = os.environ.get("VSTB_THREADS", THREADS)
        self.stdout.write(f"VSTB on http://{bind}/ (debug={settings.DEBUG})")
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        # One control socket per data folder and address: two servers run by the same system
        # user (two sites, or a site and its test copy) no longer fight over ~/.gunicorn.
        socket = settings.DATA_DIR / f"gunicorn-{re.sub(r'[^0-9A-Za-z]+', '-', bind)}.ctl"
        os.execv(
            gunicorn,
            [
                gunicorn,
                "vstb.wsgi",
                "--config",
                "python:vstb.gunicorn_conf",
                "--bind",
                bind,
                "--workers",
                workers,
                "--timeout",
                str(WORKER_TIMEOUT),
                "--control-socket",
                str(socket),
                *(["--worker-class", "gthread", "--threads", threads] if threads != "1" else []),
            ],
        )


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
