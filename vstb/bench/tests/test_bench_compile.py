"""`vstb bench compile` at small scale: the output contract, compiled sums equal to the bare
SQL's, and a query count that does not grow with the number of contributors.

No timing is asserted here: timings belong in docs/benchmarks.md, not in tests.
"""

import json
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.connection import ConnectionDoesNotExist

from vstb.bench import compile as compile_bench
from vstb.bench.common import ALIAS, FIELDS, bench_database, transactions_on
from vstb.reporting.models import FigureValue, ReportStatus
from vstb.reporting.services import compile_report

SMALL = compile_bench.SCALES["small"]


@pytest.mark.django_db(transaction=True)
def test_bench_compile_small_sqlite(capsys):
    default = connections[DEFAULT_DB_ALIAS]
    out = StringIO()
    call_command(
        "bench", "compile", "--json", "--scale", "small", "--database", "sqlite", stdout=out
    )
    lines = {line["case"]: line for line in map(json.loads, out.getvalue().splitlines())}

    per_district = SMALL.communes // SMALL.districts
    receivers = {
        f"district-{SMALL.wards}-wards": SMALL.wards,
        f"district-{per_district}-communes": per_district,
        f"province-{SMALL.districts}-districts": SMALL.districts,
    }
    assert list(lines) == ["build"] + [
        f"{name}{suffix}" for name in receivers for suffix in ("", "-sums", "-sql")
    ]
    for line in lines.values():
        assert tuple(line) == FIELDS
        assert (line["bench"], line["scale"], line["database"]) == ("compile", "small", "sqlite")
        assert line["ms"] > 0 and isinstance(line["ok"], bool)
    build = lines["build"]
    assert build["rows"] == (SMALL.wards + SMALL.communes) * SMALL.figures
    assert build["baseline_ms"] is None and build["ok"] is True

    for name, contributors in receivers.items():
        for suffix in ("", "-sums", "-sql"):
            line = lines[name + suffix]
            assert line["rows"] == contributors * SMALL.figures
            assert line["baseline_ms"] > 0
            if line["goal_ratio"] is None:
                assert line["ok"] is True
            else:
                assert line["ok"] == (line["ratio"] <= line["goal_ratio"])
        assert lines[f"{name}-sums"]["queries"] == lines[f"{name}-sql"]["queries"] == 1

    # The number of queries of one compilation does not grow with the contributors: the
    # same for 3, 4 and 6 of them, and for 1, 3 and 6 accepted wards of one district.
    assert len({lines[name]["queries"] for name in receivers}) == 1
    err = capsys.readouterr().err
    assert "queries of one compile_report by contributors" in err
    assert "(constant)" in err

    assert connections[DEFAULT_DB_ALIAS] is default
    assert ALIAS not in connections.settings
    with pytest.raises(ConnectionDoesNotExist):
        connections[ALIAS]


def _python_sums(alias, requirement, receiver) -> dict[int, tuple]:
    """The accepted reports' values to `receiver`, summed in Python as SQL's SUM does (None
    when every value is None)."""
    sums: dict[int, list] = defaultdict(lambda: [None, None, None])
    values = FigureValue.objects.using(alias).filter(
        report__requirement=requirement,
        report__receiver=receiver,
        report__status=ReportStatus.ACCEPTED,
    )
    for value in values:
        row = sums[value.figure_id]
        for i, number in enumerate((value.total, value.women, value.men)):
            if number is not None:
                row[i] = (row[i] or 0) + number
    return {pk: tuple(row) for pk, row in sums.items()}


@pytest.mark.django_db(transaction=True)
def test_compiled_sums_equal_the_bare_sql_sums():
    with bench_database("sqlite") as alias, transactions_on(alias):
        world = compile_bench.build(SMALL, alias)

        district = world.district
        requirement = world.district_requirement
        compile_report(requirement, district)
        expected = compile_bench.raw_sums(alias, requirement, district)
        assert len(expected) == SMALL.figures
        assert compile_bench.compiled_values(alias, requirement, district) == expected
        assert _python_sums(alias, requirement, district) == expected

        province, requirement = world.province, world.province_requirement
        for lower in world.districts:
            compile_report(requirement, lower)
            assert compile_bench.compiled_values(alias, requirement, lower) == (
                compile_bench.raw_sums(alias, requirement, lower)
            )
        compile_bench.accept_compiled(requirement, world.districts, alias)
        compile_report(requirement, province)
        expected = compile_bench.raw_sums(alias, requirement, province)
        assert compile_bench.compiled_values(alias, requirement, province) == expected
        assert _python_sums(alias, requirement, province) == expected
        # The province's totals are the communes' totals, through the districts.
        communes = defaultdict(int)
        for lower in world.districts:
            for pk, (total, _w, _m) in compile_bench.raw_sums(alias, requirement, lower).items():
                communes[pk] += total
        assert {pk: row[0] for pk, row in expected.items()} == communes
