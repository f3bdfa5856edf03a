"""`vstb bench api` at small scale: the output contract, the same rows on both sides, query
counts that do not grow with the answer, and the national export streamed.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connections
from django.utils.connection import ConnectionDoesNotExist

from vstb.accounts.models import ApiToken
from vstb.bench import api as bench_api
from vstb.bench.common import ALIAS, FIELDS
from vstb.bench.rollup import SCALES

CASES = ["units-page", "units-updated-since", "values-page", "datavaluesets-province-year"]


@pytest.mark.django_db(transaction=True)
def test_bench_api_small_sqlite(monkeypatch):
    # The run raises if the API and the raw SQL give different rows (or none): count the
    # comparisons to be sure they ran.
    compared = []
    same_rows = bench_api._same_rows

    def recording_same_rows(got, expected, case, key="results"):
        compared.append(case)
        return same_rows(got, expected, case, key)

    monkeypatch.setattr(bench_api, "_same_rows", recording_same_rows)
    out = StringIO()
    call_command("bench", "api", "--json", "--scale", "small", "--database", "sqlite", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]

    assert compared == CASES
    assert [line["case"] for line in lines] == ["build", *CASES, "datavaluesets-nation"]
    scale = SCALES["small"]
    units = 1 + scale.tree.provinces + scale.tree.districts + scale.tree.communes
    communes_per_province = scale.tree.communes // scale.tree.provinces
    expected_rows = {
        "build": scale.values,
        "units-page": units,
        "units-updated-since": len(range(1, units + 1, 50)),
        "values-page": 20 * 2 * scale.years,
        "datavaluesets-province-year": communes_per_province * 20 * 2,
        "datavaluesets-nation": scale.values,
    }
    for line in lines:
        assert tuple(line) == FIELDS
        assert (line["bench"], line["scale"], line["database"]) == ("api", "small", "sqlite")
        assert line["ms"] > 0 and isinstance(line["ok"], bool)
        assert line["rows"] == expected_rows[line["case"]], line["case"]
        if line["case"] in CASES:
            assert line["baseline_ms"] > 0 and line["goal_ratio"] == 2.0
            assert line["ok"] == (line["ratio"] <= line["goal_ratio"])
        else:
            assert line["baseline_ms"] is None and line["ratio"] is None

    # One request runs the same statements for ten rows or a thousand, a commune or the nation.
    growth = bench_api.QUERY_GROWTH
    assert set(growth) == {"units-page", "values-page", "datavaluesets"}
    for case, counts in growth.items():
        assert len(set(counts.values())) == 1, (case, counts)
    assert lines[1]["queries"] == growth["units-page"][f"{bench_api.PAGE} units"]

    # The national export streamed every value and reported its peak memory.
    memory = bench_api.EXPORT_MEMORY
    assert memory["values"] == scale.values and memory["size"] > 0
    assert lines[-1]["ok"] == (memory["peak"] <= bench_api.MEMORY_BOUND)

    # The benchmark database is gone, and the requests never reached the configured one.
    assert ALIAS not in connections.settings
    with pytest.raises(ConnectionDoesNotExist):
        connections[ALIAS]
    assert not Session.objects.exists() and not ApiToken.objects.exists()
