"""`vstb bench load` at small scale: a real `vstb serve` on the benchmark database, driven by
the asyncio client; the output contract, every page reached, no error. The server is
stopped and its folder removed whatever happens.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from vstb.bench import load
from vstb.bench.common import FIELDS
from vstb.documents.pdf import soffice


def test_the_form_is_sent_back_as_the_browser_would():
    html = (
        '<form method="post" id="report-form" action="/r/">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="t&amp;k">'
        '<input type="number" name="f1_total" value="3"><input type="checkbox" name="x">'
        '<textarea name="difficulties" rows="3">Thiếu &lt;kinh phí&gt;</textarea></form>'
    )
    assert load.form_fields(html) == [
        ("csrfmiddlewaretoken", "t&k"),
        ("f1_total", "3"),
        ("difficulties", "Thiếu <kinh phí>"),
    ]


def test_each_person_works_from_signing_in_and_only_the_minute_after_all_are_in_is_recorded(
    monkeypatch,
):
    """People go to work as soon as they are in, as locust's users do from their spawn: the
    first are at work while the last sign in, and none of those pages is recorded; what is
    recorded started once everyone was in. Errors count whenever they happen. (Fails on the
    client that held everyone back until all were in.)"""
    scale = load.Scale("test", (4,), 0.3, (0.01, 0.02), 1, 20.0, 4, 1)
    clock: dict[str, float] = {}
    starts: list[tuple[str, float]] = []

    async def round_(http, person, timings, think):
        starts.append((person.username, load.time.monotonic()))
        ok = 500 if person.username == "p0" and "all in" not in clock else 200
        await load.timed(timings, "home", _answer(ok))
        await think()

    _work_without_a_server(monkeypatch, round_)
    people = [load.Person(f"p{n}", False, 1, 1) for n in range(4)]

    def measuring():
        clock["all in"] = load.time.monotonic()

    timings, seconds = load.asyncio.run(load.run_level(people, 0, scale, measuring))
    before = [name for name, at in starts if at < clock["all in"]]
    assert "p0" in before  # the first to sign in was at work while the last signed in
    recorded_after = [at for _name, at in starts if at >= clock["all in"]]
    assert len(timings.by_page["home"]) == len(recorded_after) > 0
    assert len(timings.by_page["sign-in"]) == 4
    assert timings.errors == {"home": before.count("p0")}  # the early errors still count
    assert seconds >= scale.seconds


def test_a_level_runs_with_the_objects_before_it_spared_by_the_garbage_collector(monkeypatch):
    """While the people work, what the client held before the level (the national database it
    built) is frozen out of the garbage collector's walks; afterwards it is collected again."""
    scale = load.Scale("test", (2,), 0.05, (0.01, 0.02), 1, 50.0, 2, 1)
    frozen: list[int] = []

    async def round_(http, person, timings, think):
        frozen.append(load.gc.get_freeze_count())
        await think()

    _work_without_a_server(monkeypatch, round_)
    people = [load.Person(f"p{n}", False, 1, 1) for n in range(2)]
    load.asyncio.run(load.run_level(people, 0, scale, lambda: None))
    assert frozen and min(frozen) > 0
    assert load.gc.get_freeze_count() == 0


def test_the_pdf_minute_is_measured_against_the_same_people_before_and_after_it(monkeypatch):
    """The control is the same people's minute just before the downloads and just after, taken
    together: a machine slowing down, or what the level before left behind, weighs on both."""
    calls: list[str] = []
    minutes = {
        "before": load.Timings(by_page={"home": [10.0] * 100}),
        "pdf": load.Timings(by_page={"home": [25.0] * 100, load.PDF: [900.0] * 3}),
        "after": load.Timings(by_page={"home": [30.0] * 100}),
    }

    async def level(people, port, scale, measuring, pdf=None):
        name = "pdf" if pdf else ("after" if "pdf" in calls else "before")
        calls.append(name)
        return minutes[name], scale.seconds

    readers = [load.Person(f"r{n}", False, 1, 1) for n in range(3)]
    monkeypatch.setattr(load, "pdf_readers", lambda alias, count: (readers, "/plans/1/pdf/"))
    monkeypatch.setattr(
        load,
        "people",
        lambda alias, count, rng: [load.Person(f"p{n}", False, 1, 1) for n in range(count)],
    )
    monkeypatch.setattr(load, "run_level", level)
    server = SimpleNamespace(port=0)
    lines = {line["case"]: line for line in load._pdf_case("small", "default", server, None)}
    assert calls == ["before", "pdf", "after"]
    during = lines[f"pages-during-pdf@{load.SCALES['small'].pdf_level}"]
    assert during["ms"] == 25.0
    assert during["baseline_ms"] == 30.0  # the p95 of both control minutes' 200 pages
    assert lines["pdf-burst@3"]["ms"] == 900.0


def _work_without_a_server(monkeypatch, round_) -> None:
    """`run_level` with no server: each sign-in lets the person in at once (timed, as a real
    one is), each round is `round_`, and the bare page answers 200."""

    async def signed_in(http, username, timings, page="sign-in"):
        await load.timed(timings, "sign-in", _answer(200))
        return True

    async def bare(self, *args, **kwargs):
        return 200, {}, ""

    monkeypatch.setattr(load, "sign_in", signed_in)
    monkeypatch.setattr(load, "officer_round", round_)
    monkeypatch.setattr(load.Http, "request", bare)


async def _answer(status):
    return status, {}, ""


@pytest.mark.django_db(transaction=True)
def test_bench_load_small_sqlite(monkeypatch, capsys):
    started = []
    monkeypatch.setattr(load.Server, "stop", _recording(load.Server.stop, started))
    out = StringIO()
    call_command("bench", "load", "--json", "--scale", "small", "--database", "sqlite", stdout=out)
    lines = {line["case"]: line for line in map(json.loads, out.getvalue().splitlines())}
    assert all(tuple(line) == FIELDS for line in lines.values())
    level = load.SCALES["small"].levels[0]
    pages = {"home", "my-reports", "report", "save", "sign-in", "completeness", "dashboard"}
    assert {f"{page}@{level}" for page in pages} <= set(lines)
    assert f"login-burst@{load.SCALES['small'].login_burst}" in lines
    if soffice() is not None:  # the province plan's PDF, downloaded by three people at once
        burst = lines[f"pdf-burst@{load.SCALES['small'].pdf_readers}"]
        assert burst["ok"] and burst["rows"] == load.SCALES["small"].pdf_readers
        assert lines[f"pages-during-pdf@{level}"]["baseline_ms"] > 0
    for case, line in lines.items():
        assert line["rows"] > 0, case
        if not case.startswith(("login-burst", "pdf-burst")):  # no baseline: absolute goals
            assert line["baseline_ms"] > 0, case  # the bare endpoint, same run
    assert started == [True]  # the server and its worker were stopped
    report = capsys.readouterr().err
    assert f"{level} people" in report and ", 0 errors," in report
    assert "0 failed" in report  # every sign-in of the burst went through


def _recording(stop, calls):
    def wrapped(server):
        stop(server)
        calls.append(server.process.poll() is not None and server.worker.poll() is not None)

    return wrapped


@pytest.mark.django_db(transaction=True)
def test_between_levels_the_dead_rows_are_vacuumed_when_autovacuum_is_off():
    """The work autovacuum does on a production server is done between two levels when this
    server has it turned off, and left to autovacuum when it is on."""
    import psycopg
    from django.db import connections

    from vstb.bench.common import DEFAULT_POSTGRES_URL, bench_database

    try:
        psycopg.connect(DEFAULT_POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL does not answer: the vacuum between levels is for PostgreSQL")
    with bench_database("postgres") as alias, connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE touched (n integer)")
        cursor.execute("INSERT INTO touched SELECT generate_series(1, 1000)")
        cursor.execute("UPDATE touched SET n = n + 1")  # 1,000 dead rows
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0] == "on"
        load.vacuum_if_no_autovacuum(alias)
        with connections[alias].cursor() as again:
            again.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'touched'")
            vacuumed = again.fetchone()[0] is not None
        assert vacuumed != autovacuum
