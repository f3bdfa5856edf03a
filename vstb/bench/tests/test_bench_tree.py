"""`vstb bench tree` at small scale: the output contract, row counts and query counts.

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

from vstb.bench.common import ALIAS, FIELDS
from vstb.bench.tree import SCALES

# Queries the measured side of each case runs, whatever the size of the tree.
EXPECTED_QUERIES = {
    "province-subtree": 1,
    "province-subtree-sql": 1,
    "visible-to-district-user": 1,
    "visible-to-district-user-sql": 1,
}


def _bench_tree_small() -> list[dict]:
    out = StringIO()
    call_command("bench", "tree", "--json", "--scale", "small", "--database", "sqlite", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.django_db(transaction=True)
def test_bench_tree_small_sqlite(monkeypatch):
    made = []
    mkdtemp = tempfile.mkdtemp

    def recording_mkdtemp(*args, **kwargs):
        made.append(mkdtemp(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", recording_mkdtemp)

    lines = _bench_tree_small()

    scale = SCALES["small"]
    # The small tree splits evenly, so each province and district has the same share.
    assert scale.districts % scale.provinces == 0 and scale.communes % scale.districts == 0
    expected_rows = {
        "build": 1 + scale.provinces + scale.districts + scale.communes,
        # The province, its districts and their communes.
        "province-subtree": (
            1 + scale.districts // scale.provinces + scale.communes // scale.provinces
        ),
        # One committee per unit: the district's own and its communes'.
        "visible-to-district-user": 1 + scale.communes // scale.districts,
    }
    # Each query is measured twice: through the ORM, and as the SQL it generates.
    for case in ("province-subtree", "visible-to-district-user"):
        expected_rows = {**expected_rows, f"{case}-sql": expected_rows[case]}
    order = [
        "build",
        "province-subtree",
        "province-subtree-sql",
        "visible-to-district-user",
        "visible-to-district-user-sql",
    ]
    assert [line["case"] for line in lines] == order
    for line in lines:
        assert tuple(line) == FIELDS
        assert line["bench"] == "tree"
        assert line["scale"] == "small"
        assert line["database"] == "sqlite"
        assert line["rows"] == expected_rows[line["case"]], line["case"]
        assert line["ms"] > 0
        assert isinstance(line["ok"], bool)
        if line["case"] == "build":
            assert line["baseline_ms"] is None and line["ratio"] is None and line["ok"] is True
        else:
            assert line["queries"] == EXPECTED_QUERIES[line["case"]], line["case"]
            assert line["baseline_ms"] > 0
            assert line["ratio"] > 0
            if line["case"].endswith("-sql"):
                assert line["goal_ratio"] == 1.5
                assert line["ok"] == (line["ratio"] <= line["goal_ratio"])
            else:
                assert line["goal_ratio"] is None and line["ok"] is True

    # The benchmark database is gone: no alias, no temporary folder.
    assert ALIAS not in connections.settings
    with pytest.raises(ConnectionDoesNotExist):
        connections[ALIAS]
    assert made, "the SQLite benchmark database should live in a temporary folder"
    assert not [path for path in made if os.path.exists(path)]
