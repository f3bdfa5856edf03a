"""`vstb bench rollup` at small scale: the output contract, equal numbers on both sides and
query counts that do not grow with the number of lower units.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
import os
import tempfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils.connection import ConnectionDoesNotExist

from vstb.bench import rollup as bench_rollup
from vstb.bench.common import ALIAS, FIELDS
from vstb.bench.rollup import SCALES

CASES = ["one-indicator-by-province", "province-dashboard"]
# 15 computable Strategy indicators at the province and over its districts (rollup.overview):
# the children, the sums grouped by child, the survey averages. The dashboard reads the
# values once, whatever the number of indicators or of lower units.
EXPECTED_QUERIES = {"one-indicator-by-province": 2, "province-dashboard": 3}


@pytest.mark.django_db(transaction=True)
def test_bench_rollup_small_sqlite(monkeypatch):
    made = []
    mkdtemp = tempfile.mkdtemp

    def recording_mkdtemp(*args, **kwargs):
        made.append(mkdtemp(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", recording_mkdtemp)
    # The run raises if the two sides give different numbers (or none at all): the equality
    # is checked on every run, before timing. Count the checks to be sure they ran.
    checked = []
    same = bench_rollup._same

    def recording_same(a, b):
        checked.append(same(a, b))
        return checked[-1]

    monkeypatch.setattr(bench_rollup, "_same", recording_same)

    out = StringIO()
    call_command(
        "bench", "rollup", "--json", "--scale", "small", "--database", "sqlite", stdout=out
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]

    scale = SCALES["small"]
    assert checked and all(checked)
    assert [line["case"] for line in lines] == ["load"] + [
        name for case in CASES for name in (case, f"{case}-sql")
    ]
    districts = scale.tree.districts // scale.tree.provinces
    expected_rows = {
        "load": scale.tree.communes * 20 * 2 * 3,
        "one-indicator-by-province": scale.tree.provinces,
        "province-dashboard": 15 * (1 + districts),
    }
    for line in lines:
        assert tuple(line) == FIELDS
        assert line["bench"] == "rollup"
        assert line["scale"] == "small"
        assert line["database"] == "sqlite"
        assert line["ms"] > 0
        assert isinstance(line["ok"], bool)
        case = line["case"].removesuffix("-sql")
        assert line["rows"] == expected_rows[case], line["case"]
        if case == "load":
            assert line["baseline_ms"] is None and line["ratio"] is None and line["ok"] is True
        else:
            assert line["queries"] == EXPECTED_QUERIES[case], line["case"]
            assert line["baseline_ms"] > 0 and line["ratio"] > 0
            assert line["goal_ratio"] == 1.5
            assert line["ok"] == (line["ratio"] <= line["goal_ratio"])

    # The same number of queries for the nation (its provinces), a province (its districts)
    # and a district (its communes).
    growth = bench_rollup.QUERY_GROWTH
    assert set(growth) == set(CASES)
    for case, counts in growth.items():
        assert len(counts) == 3
        assert set(counts.values()) == {EXPECTED_QUERIES[case]}, (case, counts)

    # The benchmark database is gone: no alias, no temporary folder.
    assert ALIAS not in connections.settings
    with pytest.raises(ConnectionDoesNotExist):
        connections[ALIAS]
    assert made, "the SQLite benchmark database should live in a temporary folder"
    assert not [path for path in made if os.path.exists(path)]
