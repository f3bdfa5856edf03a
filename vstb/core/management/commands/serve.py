import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve VSTB with gunicorn for production: applies migrations, collects static files, "
        "binds VSTB_BIND (127.0.0.1:8000) with VSTB_WORKERS processes (3)."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        bind = os.environ.get("VSTB_BIND", "127.0.0.1:8000")
        workers = os.environ.get("VSTB_WORKERS", "3")
        self.stdout.write(f"VSTB on http://{bind}/ (debug={settings.DEBUG})")
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        os.execv(gunicorn, [gunicorn, "vstb.wsgi", "--bind", bind, "--workers", workers])
