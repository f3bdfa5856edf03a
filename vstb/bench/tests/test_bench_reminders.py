"""`vstb bench reminders` at small scale: the output contract, the pairs found, and a query
count that does not grow with the number of users.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils.connection import ConnectionDoesNotExist

from vstb.bench.common import ALIAS, FIELDS
from vstb.bench.reminders import DEADLINES, TASKS_PER_PLAN
from vstb.bench.tree import SCALES


@pytest.mark.django_db(transaction=True)
def test_bench_reminders_small_sqlite():
    out = StringIO()
    call_command(
        "bench", "reminders", "--json", "--scale", "small", "--database", "sqlite", stdout=out
    )
    lines = {line["case"]: line for line in map(json.loads, out.getvalue().splitlines())}

    assert list(lines) == [
        "build",
        "due-pairs",
        "due-pairs-sql",
        "send-rolled-back",
        "due-pairs-2x-users",
    ]
    for line in lines.values():
        assert tuple(line) == FIELDS
        assert (line["bench"], line["scale"], line["database"]) == ("reminders", "small", "sqlite")
        assert line["ms"] > 0 and isinstance(line["ok"], bool)

    communes, districts = SCALES["small"].communes, SCALES["small"].districts
    # Four tasks in five are due (DEADLINES); each reaches every officer of the district's
    # communes and the one district secretariat the tree makes.
    due = TASKS_PER_PLAN * 4 // len(DEADLINES)
    assert lines["build"]["rows"] == communes * TASKS_PER_PLAN
    assert lines["due-pairs"]["rows"] == lines["due-pairs-sql"]["rows"] == due * (communes + 1)
    assert lines["due-pairs-2x-users"]["rows"] == due * (2 * communes + 1)
    assert lines["send-rolled-back"]["rows"] == due * (communes + 1)
    assert districts > 1

    # The number of queries does not grow with the number of users: 8 reads (what is due,
    # recipients, reports due, inspection recommendations due (notifications.reminders.COLLECTORS),
    # the log, opt-outs and digests, digests waiting).
    assert lines["due-pairs"]["queries"] == lines["due-pairs-2x-users"]["queries"] == 8
    assert lines["due-pairs-sql"]["queries"] == 1
    for case in ("due-pairs", "due-pairs-sql", "due-pairs-2x-users"):
        assert lines[case]["baseline_ms"] > 0 and lines[case]["goal_ratio"] > 0
        assert lines[case]["ok"] == (lines[case]["ratio"] <= lines[case]["goal_ratio"])
    for case in ("build", "send-rolled-back"):
        assert lines[case]["baseline_ms"] is None and lines[case]["ok"] is True

    assert ALIAS not in connections.settings
    with pytest.raises(ConnectionDoesNotExist):
        connections[ALIAS]
