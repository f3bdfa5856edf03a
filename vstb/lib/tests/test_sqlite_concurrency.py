"""The embedded SQLite database holds a small office's concurrent saves (issue 12, finding 6:
3 of 96 concurrent saves ended in "database is locked" and a 500)."""

import os
import subprocess
import sys
import textwrap

from django.conf import settings

# Eight people saving twelve times each, at once, each save a read then a write in one
# transaction, the shape of a report save: with Django's default (DEFERRED) transactions two
# savers both read, then one cannot upgrade its lock and fails at once, whatever the timeout.
SCRIPT = textwrap.dedent(
    """
    import os, sys, threading, time
    import django
    from django.conf import settings
    django.setup()
    from django.db import connection, transaction
    if sys.argv[1] == "default":
        settings.DATABASES["default"]["OPTIONS"] = {}
        connection.settings_dict["OPTIONS"] = {}
        connection.close()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, n INTEGER)")
        cursor.execute("INSERT INTO saves VALUES (1, 0)")
    failures = []

    def saver():
        from django.db import connection
        for _ in range(12):
            try:
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT n FROM saves WHERE id = 1")
                        n = cursor.fetchone()[0]
                        time.sleep(0.002)
                        cursor.execute("UPDATE saves SET n = %s WHERE id = 1", [n + 1])
            except Exception as error:
                failures.append(type(error).__name__)
        connection.close()

    threads = [threading.Thread(target=saver) for _ in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM saves WHERE id = 1")
        print(cursor.fetchone()[0], len(failures))
    """
)


def _run(tmp_path, mode: str) -> tuple[int, int]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vstb.settings",
        "VSTB_DATA_DIR": str(tmp_path / mode),
        "DATABASE_URL": f"sqlite:///{tmp_path / mode}.sqlite3",
        "VSTB_SECRET_KEY": "x" * 50,
    }
    output = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        env=env, cwd=settings.BASE_DIR.parent, capture_output=True, text=True, timeout=120,
        check=True,
    ).stdout  # fmt: skip
    saved, failed = output.split()
    return int(saved), int(failed)


def test_concurrent_saves_all_succeed_with_the_embedded_settings(tmp_path):
    assert _run(tmp_path, "vstb") == (96, 0)


def test_without_them_concurrent_saves_fail(tmp_path):
    """The test above would catch losing the settings: Django's defaults fail here."""
    saved, failed = _run(tmp_path, "default")
    assert failed > 0 and saved + failed == 96
