"""`vstb bench inbox` at small scale: the output contract and the query counts.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from vstb.bench.common import FIELDS
from vstb.bench.inbox import SCALES


@pytest.mark.django_db(transaction=True)
def test_bench_inbox_small_sqlite():
    out = StringIO()
    call_command("bench", "inbox", "--json", "--scale", "small", "--database", "sqlite", stdout=out)
    lines = {line["case"]: line for line in map(json.loads, out.getvalue().splitlines())}
    assert set(lines) == {"build", "province-home", "commune-home", "notify-fanout"}
    assert all(tuple(line) == FIELDS for line in lines.values())
    scale = SCALES["small"]
    assert lines["build"]["rows"] == 1 + scale.provinces + scale.communes
    for case in ("province-home", "commune-home"):
        assert lines[case]["rows"] > 0 and lines[case]["baseline_ms"] > 0
    # The parts empty on most days are read only when they have rows (core.inbox._present):
    # the province, with reports to review, reads one more than the commune, whatever their
    # number.
    commune, province = lines["commune-home"]["queries"], lines["province-home"]["queries"]
    assert province == commune + 1
    # A report requested from every commune: each commune's officer told once, in a number
    # of statements that does not depend on how many communes there are.
    fanout = lines["notify-fanout"]
    assert fanout["rows"] == scale.communes and fanout["baseline_ms"] > 0
    assert fanout["queries"] <= 6
