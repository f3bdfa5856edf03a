import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from vstb.core.demo import demo_logins, load_demo, load_demo_figures
from vstb.core.demo_data import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Set up the demo database, load the demo data once, print the logins and serve on "
        "127.0.0.1:8000 with a background worker beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Set up and print the logins only."
        )

    def handle(self, *args, addrport, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        created = load_demo()
        if not created:
            load_demo_figures()  # a demo database made before the figures came
        self.stdout.write(
            "Dữ liệu minh họa: " + ("đã nạp." if created else "đã có sẵn, không nạp lại.")
        )
        self.stdout.write(
            f"Tài khoản minh họa (mật khẩu chung / shared password: {DEMO_PASSWORD}):"
        )
        for username, role, unit in demo_logins():
            self.stdout.write(f"  {username:<22} {role:<32} {unit}")
        self.stdout.write(
            "  (Quản trị hệ thống đăng nhập với xác thực hai lớp: lần đầu, hãy quét mã QR bằng "
            "một ứng dụng xác thực trên điện thoại. / The administrator signs in with a second "
            "factor: the first time, scan the QR code with an authenticator app.)"
        )
        if no_serve:
            return
        self.stdout.write(f"Mở / open http://{addrport}/  (Ctrl+C để dừng / to stop)")
        settings.VSTB_DEMO = True  # every page says that its people and figures are made up
        # The background jobs (e-mails…) run in a worker process beside the server, on the
        # same database: the demo still needs nothing else installed.
        worker = subprocess.Popen(
            [sys.executable, "-m", "vstb.cli", "worker"], env={**os.environ, "VSTB_DEBUG": "1"}
        )
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
