"""`vstb bench render` and `vstb bench cascade` at small scale: the output contract, row and
query counts, what the cascade made in the benchmark database, and that nothing is left.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
import os
import tempfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.connection import ConnectionDoesNotExist

from vstb.bench import cascade as cascade_bench
from vstb.bench import render as render_bench
from vstb.bench.common import ALIAS, FIELDS
from vstb.documents import layout
from vstb.documents.pdf import soffice


def _bench(name: str) -> list[dict]:
    out = StringIO()
    call_command("bench", name, "--json", "--scale", "small", "--database", "sqlite", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def temporary_folders(monkeypatch):
    """The temporary folders made during the test, to check that each is gone after."""
    made = []
    mkdtemp = tempfile.mkdtemp

    def recording_mkdtemp(*args, **kwargs):
        made.append(mkdtemp(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", recording_mkdtemp)
    return made


def _assert_nothing_left(made: list[str]) -> None:
    assert ALIAS not in connections.settings
    with pytest.raises(ConnectionDoesNotExist):
        connections[ALIAS]
    assert made, "the SQLite benchmark database should live in a temporary folder"
    assert not [path for path in made if os.path.exists(path)]


def _assert_line(line: dict, bench: str) -> None:
    assert tuple(line) == FIELDS
    assert line["bench"] == bench
    assert line["scale"] == "small"
    assert line["database"] == "sqlite"
    assert line["ms"] > 0 and line["baseline_ms"] > 0 and line["ratio"] > 0
    assert isinstance(line["goal_ratio"], float)
    assert line["ok"] == (line["ratio"] <= line["goal_ratio"])


@pytest.mark.django_db(transaction=True)
def test_bench_render_small(temporary_folders, capsys):
    lines = _bench("render")

    pdf_expected = soffice() is not None or os.environ.get("CI") == "true"
    cases = [line["case"] for line in lines]
    docx_cases = ["docx-20-pages", *render_bench.DOCUMENT_CASES]
    if pdf_expected:
        assert cases == [*docx_cases, "pdf-20-pages", "sign-pdf-20-pages"]
    else:
        assert cases == docx_cases
        assert "pdf-20-pages skipped" in capsys.readouterr().err
    by_case = {line["case"]: line for line in lines}
    signing = by_case.pop("sign-pdf-20-pages", None)
    for line in by_case.values():
        _assert_line(line, "render")
        assert line["queries"] == 0  # rendering never reads the database
    docx = lines[0]
    assert docx["rows"] == len(layout.document_text_lines(render_bench.twenty_page_plan()))
    for case, make in render_bench.DOCUMENT_CASES.items():
        assert by_case[case]["rows"] == len(layout.document_text_lines(make()))
    if pdf_expected:
        assert by_case["pdf-20-pages"]["rows"] == render_bench.PAGES
        # Informational: signing against hashing, no goal.
        assert signing["goal_ratio"] is None and signing["ok"] and signing["ms"] > 0
        assert signing["rows"] == render_bench.PAGES

    _assert_nothing_left(temporary_folders)


@pytest.mark.django_db(transaction=True)
def test_bench_cascade_small(temporary_folders, monkeypatch, capsys):
    counts = []
    created = cascade_bench.created

    def recording_created(alias):
        counts.append(created(alias))
        return counts[-1]

    monkeypatch.setattr(cascade_bench, "created", recording_created)
    default = connections[DEFAULT_DB_ALIAS]

    lines = _bench("cascade")

    scale = cascade_bench.SCALES["small"]
    # Each unit takes up every task addressed to all, and the one specific task whose group
    # it falls in (task k names the units i with i % tasks_specific == k).
    assert scale.units >= scale.tasks_specific > 0
    per_unit = scale.tasks_all + 1
    assert counts[0] == {
        "plans": scale.units,
        "references": scale.units,
        # The heading, the two numbered groups (each unit takes up a task in both) and one
        # "-" item per task.
        "sections": scale.units * (1 + 2 + per_unit),
        "tasks": scale.units * per_unit,
    }
    assert [line["case"] for line in lines] == [f"province-to-{scale.units}-units"]
    (line,) = lines
    _assert_line(line, "cascade")
    assert line["rows"] == scale.units * per_unit
    # One unit's cascade: at least its plan, reference, heading, sections and tasks, and no
    # more than the 3 statements per task of a create() per row (plus a fixed few).
    assert 5 <= line["queries"] <= 10 + 3 * per_unit
    assert "queries of one unit's cascade by tasks taken up" in capsys.readouterr().err

    # The configured database is this thread's "default" again.
    assert connections[DEFAULT_DB_ALIAS] is default
    _assert_nothing_left(temporary_folders)
