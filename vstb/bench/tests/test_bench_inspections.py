"""`vstb bench inspections` at small scale: the output contract, the same ranking on both
sides (the run raises otherwise) and the query count of the measured side.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections

from vstb.bench import inspections as bench_inspections
from vstb.bench.common import ALIAS, FIELDS
from vstb.bench.inspections import SCALES

# The communes, the agencies, the requirements, the reports grouped, four task counts, the
# indicators' targets and the indicators, the values summed by commune for two years, the
# last visits: the same for 40 or 3,300 communes (docs/benchmarks.md; and
# vstb/inspections/tests/test_suggestions.py checks that it does not grow).
EXPECTED_QUERIES = 13


@pytest.mark.django_db(transaction=True)
def test_bench_inspections_small_sqlite(monkeypatch):
    compared = []
    raw = bench_inspections.raw_ranking

    def recording_raw(*args, **kwargs):
        compared.append(raw(*args, **kwargs))
        return compared[-1]

    monkeypatch.setattr(bench_inspections, "raw_ranking", recording_raw)
    out = StringIO()
    call_command(
        "bench", "inspections", "--json", "--scale", "small", "--database", "sqlite", stdout=out
    )
    [line] = [json.loads(text) for text in out.getvalue().splitlines()]
    scale = SCALES["small"]
    assert tuple(line) == FIELDS
    assert (line["bench"], line["case"], line["scale"]) == (
        "inspections",
        "suggest-targets",
        "small",
    )
    assert line["rows"] == scale.communes + scale.agencies
    assert line["queries"] == EXPECTED_QUERIES
    assert line["ms"] > 0 and line["baseline_ms"] > 0 and line["goal_ratio"] == 1.5
    assert line["ok"] == (line["ratio"] <= line["goal_ratio"])
    # The raw side ran (and matched the measured ranking before timing: the run raises
    # otherwise), on a ranking with every kind of reason in it.
    ranking = compared[0]
    assert len(ranking) == scale.communes + scale.agencies
    assert any(row[2] for row in ranking) and any(row[3] for row in ranking)  # late, missing
    assert any(row[4] for row in ranking) and any(row[5] or row[6] for row in ranking)
    assert ALIAS not in connections.settings
