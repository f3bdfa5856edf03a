"""What every benchmark shares: its own throw-away database, timing, and the result line.

A benchmark module exposes `run(scale: str, alias: str) -> Iterator[dict]` and yields one
result (made by `result()`) per case; the `bench` command creates the database, calls it and
prints each line as it comes (docs/benchmarks.md).

The benchmark database is a second connection alias, ALIAS ("bench"), made at run time and
removed afterwards: a temporary SQLite file, or a fresh PostgreSQL database
`vstb_bench_<random>` on the server in VSTB_BENCH_POSTGRES_URL, dropped at the end. The
configured "default" database is never opened.
"""

import gc
import io
import os
import re
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext, override_settings

from vstb.lib.env import SQLITE_OPTIONS, database_from_url
from vstb.lib.text import fold
from vstb.org.models import LEVEL_OF_KIND, Unit

ALIAS = "bench"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SCALES = ("small", "national")
DATABASES = ("sqlite", "postgres")
# Repetitions of each side of a case, after WARMUP untimed runs of each.
REPETITIONS = {"small": 15, "national": 30}
WARMUP = 3

FIELDS = (
    "bench",
    "case",
    "scale",
    "database",
    "ms",
    "baseline_ms",
    "ratio",
    "goal_ratio",
    "queries",
    "rows",
    "ok",
)


# Results -----------------------------------------------------------------------------------


def result(
    *,
    bench: str,
    case: str,
    scale: str,
    alias: str,
    ms: float,
    baseline_ms: float | None,
    goal_ratio: float | None,
    queries: int | None,
    rows: int | None,
) -> dict:
    """One result line. A case without a baseline is informational: ratio null, ok true."""
    ratio = round(ms / baseline_ms, 2) if baseline_ms else None
    ok = True if ratio is None or goal_ratio is None else ratio <= goal_ratio
    line = {
        "bench": bench,
        "case": case,
        "scale": scale,
        "database": connections[alias].vendor,  # "sqlite" or "postgresql"
        "ms": round(ms, 3),
        "baseline_ms": round(baseline_ms, 3) if baseline_ms is not None else None,
        "ratio": ratio,
        "goal_ratio": goal_ratio,
        "queries": queries,
        "rows": rows,
        "ok": ok,
    }
    assert tuple(line) == FIELDS
    return line


def table_header() -> str:
    return (
        f"{'case':<28} {'ms':>10} {'baseline_ms':>12} {'ratio':>7} {'goal':>6} "
        f"{'queries':>8} {'rows':>7}  ok"
    )


def table_row(line: dict) -> str:
    def num(value, spec):
        width = int(re.match(r"\d+", spec).group())
        return "–".rjust(width) if value is None else format(value, spec)

    return (
        f"{line['case']:<28} {num(line['ms'], '10.3f')} {num(line['baseline_ms'], '12.3f')} "
        f"{num(line['ratio'], '7.2f')} {num(line['goal_ratio'], '6.2f')} "
        f"{num(line['queries'], '8d')} {num(line['rows'], '7d')}  "
        f"{'yes' if line['ok'] else 'NO'}"
    )


# Timing ------------------------------------------------------------------------------------


def elapsed_ms(fn: Callable[[], object]) -> tuple[float, object]:
    """Run fn once; its wall time in milliseconds and what it returned."""
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def compare(
    measured: Callable[[], object],
    baseline: Callable[[], object],
    repetitions: int,
    warmup: int = WARMUP,
) -> tuple[float, float]:
    """Median milliseconds of `measured` and of `baseline`, interleaved.

    Both sides are warmed first (database page cache, prepared statements, Python caches).
    The two sides alternate which goes first, so slow drift on a noisy machine falls on both
    equally rather than on whichever ran later.
    """
    for _ in range(warmup):
        measured()
        baseline()
    gc.collect()
    measured_times: list[float] = []
    baseline_times: list[float] = []
    for i in range(repetitions):
        pair = [(measured, measured_times), (baseline, baseline_times)]
        for fn, times in pair if i % 2 == 0 else reversed(pair):
            times.append(elapsed_ms(fn)[0])
    return statistics.median(measured_times), statistics.median(baseline_times)


def count_queries(fn: Callable[[], object], alias: str = ALIAS) -> int:
    """How many SQL statements one untimed call of fn runs on `alias`.

    Kept out of the timed runs: capturing forces Django's debug cursor, which formats every
    statement.
    """
    with CaptureQueriesContext(connections[alias]) as captured:
        fn()
    return len(captured.captured_queries)


class StatementCounter:
    """A cheap execute wrapper that counts statements (for long runs such as a bulk build,
    where CaptureQueriesContext would spend time formatting huge INSERTs)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def analyze(alias: str) -> None:
    """Table statistics after a bulk load, as PostgreSQL's autovacuum gathers them soon after
    one in production. Without them its planner takes every freshly loaded table for empty
    and misjudges the joins (the case register's table: nested loops, minutes instead of a
    fraction of a second). SQLite gathers none unless told, and a Django project does not
    tell it: left as is."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def reset_sequences(alias: str, models) -> None:
    """After inserting rows with explicit ids, move the id sequences past them (PostgreSQL;
    SQLite's AUTOINCREMENT follows explicit ids by itself and returns no statements)."""
    connection = connections[alias]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class UnitBatch:
    """Synthetic units made in memory with their ids and paths assigned here, so each path
    ("/<id>/<id>/…/") is known before the insert and no second pass is needed; `level` and
    `search_name`, which Unit.save() would set, are set the same way. `save()` inserts them
    level by level (parents first) and moves the id sequence past them."""

    def __init__(self):
        self.units: list[Unit] = []

    def add(self, kind: str, code: str, name: str, parent: Unit | None) -> Unit:
        pk = len(self.units) + 1
        unit = Unit(
            id=pk,
            code=code,
            name=name,
            kind=kind,
            level=LEVEL_OF_KIND[kind],
            parent_id=parent.pk if parent else None,
            path=f"{parent.path if parent else '/'}{pk}/",
            search_name=fold(name),
        )
        self.units.append(unit)
        return unit

    def spread(
        self, kind: str, parents: list[Unit], total: int, code: str, name: str
    ) -> dict[int, list[Unit]]:
        """`total` units of `kind` spread over `parents` as evenly as whole numbers allow
        (larger shares first), numbered 1… across all of them: `code` and `name` are format
        strings of that number. Returns {parent id: its new units}."""
        share, extra = divmod(total, len(parents))
        children: dict[int, list[Unit]] = {}
        number = 0
        for index, parent in enumerate(parents):
            children[parent.pk] = []
            for _ in range(share + 1 if index < extra else share):
                number += 1
                children[parent.pk].append(
                    self.add(kind, code.format(number), name.format(number), parent)
                )
        return children

    def save(self, alias: str) -> None:
        for level in sorted({unit.level for unit in self.units}):
            Unit.objects.using(alias).bulk_create(
                [unit for unit in self.units if unit.level == level], batch_size=2000
            )
        reset_sequences(alias, [Unit])


# The benchmark database --------------------------------------------------------------------


class BenchRouter:
    """Sends every ORM read and write to the benchmark database while a run is active.

    The benchmarks measure application code as it is (vstb.access reads Role through
    the default manager, with no `using`), so rather than thread an alias through code that
    has none, this router points every query at ALIAS for the duration of the run. Benchmark
    code still says `.using(ALIAS)` where it builds queries itself, to be explicit.
    """

    def db_for_read(self, model, **hints):
        return ALIAS

    def db_for_write(self, model, **hints):
        return ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return None


@contextmanager
def bench_database(kind: str) -> Iterator[str]:
    """A migrated, empty database of `kind` ("sqlite" or "postgres") under ALIAS, with every
    ORM query routed to it; removed on exit, whatever happens inside.

    The connection is made here and handed to `connections` directly, without an entry in
    settings.DATABASES: nothing in the configured databases changes, and Django's test
    isolation, which refuses connections to configured aliases a test did not declare, lets
    such a dynamically created connection through.
    """
    if kind not in DATABASES:
        raise ValueError(f"database must be one of {DATABASES}, not {kind!r}")
    if ALIAS in connections.settings:
        raise RuntimeError(f"settings.DATABASES already has an alias {ALIAS!r}")
    make = _sqlite_database if kind == "sqlite" else _postgres_database
    with make() as settings_dict:
        settings_dict = _with_defaults(settings_dict)
        connections[ALIAS] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
            settings_dict, ALIAS
        )
        try:
            # Migrated under the router too: a data migration that reads through a default
            # manager (a library's, such as django-tasks-db's) reaches this database, not the
            # configured one, which may not even exist on this machine.
            with override_settings(DATABASE_ROUTERS=[BenchRouter()]):
                call_command(
                    "migrate", database=ALIAS, interactive=False, verbosity=0, stdout=io.StringIO()
                )
                yield ALIAS
        finally:
            connections[ALIAS].close()
            del connections[ALIAS]
            # ContentType ids cached for ALIAS would be stale in the next run's database.
            ContentType.objects.clear_cache()


def _with_defaults(settings_dict: dict) -> dict:
    # Django fills ATOMIC_REQUESTS, TIME_ZONE, TEST… when it reads settings.DATABASES; a
    # connection made outside it must be filled the same way.
    return connections.configure_settings({"default": settings_dict})["default"]


@contextmanager
def _sqlite_database() -> Iterator[dict]:
    folder = tempfile.mkdtemp(prefix="vstb_bench_")
    try:
        yield {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(folder, "bench.sqlite3"),
            # As VSTB opens its own SQLite file (write-ahead log, synchronous=NORMAL): a
            # write costs what it costs in production, not a rollback journal's fsyncs.
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _postgres_database() -> Iterator[dict]:
    import psycopg
    from psycopg import sql

    server_url = os.environ.get("VSTB_BENCH_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    server = database_from_url(server_url, default_sqlite=None)
    if server["ENGINE"] != "django.db.backends.postgresql":
        raise ValueError("VSTB_BENCH_POSTGRES_URL must be a postgres:// address")
    name = f"vstb_bench_{secrets.token_hex(6)}"
    assert re.fullmatch(r"vstb_bench_[0-9a-f]+", name)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {**server, "NAME": name, "CONN_MAX_AGE": 0}
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            # WITH (FORCE) (PostgreSQL 13+) ends any session a failed run left open.
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            admin.execute(drop.format(sql.Identifier(name)))


@contextmanager
def transactions_on(alias: str) -> Iterator[None]:
    """Make `transaction.atomic()` with no `using` (as in cascade(), plan_from_json() and
    Plan.issue()) open its transaction on the benchmark database.

    BenchRouter sends every query to `alias`, but atomic() picks its connection by alias,
    "default" unless told: without this, each statement of cascade() would run in
    autocommit on the benchmark database (a commit per INSERT), and atomic() would open the
    configured database, which a benchmark must never touch. So for the duration, the
    "default" alias of this thread names the benchmark connection itself; the configured
    one is put back, unopened, afterwards.
    """
    saved = getattr(connections._connections, DEFAULT_DB_ALIAS, None)
    connections[DEFAULT_DB_ALIAS] = connections[alias]
    try:
        yield
    finally:
        if saved is None:
            del connections[DEFAULT_DB_ALIAS]
        else:
            connections[DEFAULT_DB_ALIAS] = saved
