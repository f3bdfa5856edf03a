"""`vstb bench load` at small scale: a real `vstb serve` on the benchmark database, driven by
the asyncio client; the output contract, every page reached, no error. The server is
stopped and its folder removed whatever happens.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from io import StringIO

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
