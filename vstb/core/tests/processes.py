"""What the tests that start real VSTB processes share: the test database's address, for the
processes to reach it, and a wait for what they do."""

import time

from django.db import connection


def database_url() -> str:
    """The test database (PostgreSQL) as DATABASE_URL names it."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def until(condition, what: str, wait: float):
    """`condition()`'s first true answer, asked every 20 ms for up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError(f"waited {wait} s for {what}")
