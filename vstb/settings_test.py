"""Settings for the test suite: the production module with a throw-away data folder.

DATABASE_URL still chooses the database (SQLite by default, PostgreSQL in CI).
"""

import atexit
import os
import shutil
import tempfile

os.environ["VSTB_DATA_DIR"] = tempfile.mkdtemp(prefix="vstb-test-")
atexit.register(shutil.rmtree, os.environ["VSTB_DATA_DIR"], ignore_errors=True)
os.environ.setdefault("VSTB_HTTPS", "0")

from vstb.settings import *  # noqa: E402,F403
from vstb.settings import STORAGES  # noqa: E402

# Argon2 is deliberately slow; tests create hundreds of users. test_settings.py checks
# that the real settings hash with Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Every request pushes the session forward, so a page's query count does not depend on
# whether it was the first request of the minute (test_auth checks the real interval).
SESSION_TOUCH_SECONDS = 0
# Jobs run at once, in the test's own process, when they are enqueued (after commit); the
# worker itself is tested in vstb/core/tests/test_worker.py with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# test_worker runs the worker command inside the test process, which must keep its priority.
VSTB_WORKER_NICE = 0
# Jobs run at once here: a LibreOffice run for every plan the tests issue would triple the
# suite's time. documents/tests/test_pdf_downloads.py turns it on.
VSTB_PDF_WHEN_ISSUED = False
