"""`vstb bench cases` at small scale: the output contract and the query counts, which must
not grow with the number of cases (the national scale has a hundred times more).

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from vstb.bench.cases import PAGE, SCALES
from vstb.bench.common import FIELDS


@pytest.mark.django_db(transaction=True)
def test_bench_cases_small_sqlite():
    out = StringIO()
    call_command("bench", "cases", "--json", "--scale", "small", "--database", "sqlite", stdout=out)
    lines = {line["case"]: line for line in map(json.loads, out.getvalue().splitlines())}
    assert set(lines) == {
        "build", "worker-list", "supervisor-overdue", "case-open", "report-figures",
        "province-table",
    }  # fmt: skip
    assert all(tuple(line) == FIELDS for line in lines.values())
    assert lines["build"]["rows"] == SCALES["small"].cases
    # A page of the list: one query for the rows, one INSERT for their log lines.
    for case in ("worker-list", "supervisor-overdue"):
        assert lines[case]["rows"] == PAGE and lines[case]["queries"] == 2
        assert lines[case]["baseline_ms"] > 0
    assert lines["case-open"]["rows"] == 6 and lines["case-open"]["queries"] == 3
    assert lines["report-figures"]["queries"] == 1 and lines["report-figures"]["rows"] > 0
    assert lines["province-table"]["queries"] == 2
    assert lines["province-table"]["rows"] == SCALES["small"].communes
