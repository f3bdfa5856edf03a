"""`vstb bench import` at small scale: the output contract, the cases, and that `ok` says
whether the import gave back the expected plan (and met the goal).

No timing is asserted here: a ratio above its goal makes `ok` false, and that is a figure
for docs/benchmarks.md, not a test failure. Correctness is checked on its own, by importing
the seeds here as well.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from vstb.bench import importing
from vstb.bench.common import FIELDS
from vstb.documents import corpus
from vstb.documents.docx import render_docx
from vstb.documents.importer import import_bytes


def _bench_import_small() -> list[dict]:
    out = StringIO()
    call_command(
        "bench", "import", "--json", "--scale", "small", "--database", "sqlite", stdout=out
    )
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.django_db(transaction=True)
def test_bench_import_small(capsys):
    lines = _bench_import_small()

    seeds = importing.seeds()
    assert {seed.name for seed in seeds} == {"bimson-2017", "haiphong-2022", "longbien-2025"}
    assert [line["case"] for line in lines] == [
        *(f"{seed.name}-{fmt}" for seed in seeds for fmt in ("txt", "docx")),
        "corpus-tune-txt",
        "corpus-held-txt",
    ]
    # No differences, nothing skipped: stderr holds the corpus halves' accuracy only.
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[1].strip() for line in err] == ["corpus-tune", "corpus-held"]

    by_case = {line["case"]: line for line in lines}
    for half in corpus.HALVES:
        line = by_case[f"corpus-{half}-txt"]
        assert tuple(line) == FIELDS and line["queries"] == 0
        count = len(corpus.documents(half))
        assert line["rows"] == count and count >= 15
        accuracy, per_field = importing.CORPUS_ACCURACY[half]
        assert 0 < accuracy <= 1 and set(per_field) <= set(corpus.FIELDS)
        assert line["ok"] == (accuracy >= importing.CORPUS_GOAL)
    for seed in seeds:
        files = {"txt": seed.text, "docx": render_docx(seed.plan)}
        for fmt, data in files.items():
            line = by_case[f"{seed.name}-{fmt}"]
            assert tuple(line) == FIELDS
            assert (line["bench"], line["scale"], line["database"]) == (
                "import",
                "small",
                "sqlite",
            )
            assert line["ms"] > 0 and line["baseline_ms"] > 0 and line["ratio"] > 0
            assert line["goal_ratio"] == importing.GOAL_RATIO[fmt]
            assert line["queries"] == 0  # importing never reads the database
            # Correctness, on its own: every seed, in both formats, imports to its JSON.
            got = import_bytes(data, f"{seed.filename}.{fmt}")
            assert got == seed.plan, f"{line['case']}: {importing.first_difference(got, seed.plan)}"
            assert line["rows"] == importing.recognised(seed.plan) > 0
            # So ok is the goal alone (true when there is none).
            goal = line["goal_ratio"]
            assert line["ok"] == (goal is None or line["ratio"] <= goal)


def test_a_wrong_import_is_not_ok(capsys):
    """A case whose import differs from the expected plan is not ok, whatever its ratio, and
    says where it differs on stderr."""
    seed = importing.seeds()[0]
    wrong = dict(seed.plan, number="999")
    source = importing.Source(
        name=seed.name,
        filename=seed.filename,
        plan=wrong,
        text=seed.text,
        expected=lambda got: importing.first_difference(got, wrong),
    )
    common = {"bench": importing.BENCH, "scale": "small", "alias": "default"}
    line = importing._case(source, "txt", seed.text, "small", "default", common)

    assert line["ok"] is False
    assert line["rows"] == importing.recognised(seed.plan)
    assert f"import: {seed.name}-txt: .number is {seed.plan['number']!r}, expected '999'" in (
        capsys.readouterr().err
    )


def test_the_synthetic_plan_reads_back_from_its_text():
    """The 20-page plan's expected fields are its own: its TXT import gives them back, and a
    changed field is reported."""
    source = importing.synthetic()
    got = import_bytes(source.text, f"{source.filename}.txt")
    assert source.expected(got) is None
    assert importing.recognised(got) > len(source.plan["sections"])
    got["sections"][0]["children"][0]["title"] = "Khác"
    assert source.expected(got)[0] == ".sections[0].children[0].title"
