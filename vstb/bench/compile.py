"""`vstb bench compile`: a receiving unit compiles the accepted reports of its contributors.

Data (SCALES; national in brackets): a root and two provinces. In the first, one district
with `wards` (30) wards; in the second, `districts` (100) districts with `communes` (1,000)
communes spread evenly over them. Two requirements of `figures` (40) figures each, one in
three counted by sex: the lone district's, answered by its wards, and the second
province's, answered by the communes to their districts and by the districts to the
province. Every ward and commune has an accepted report with a value for every figure and
a sentence per narrative section (bulk-created, seeded values). Before the province case,
each of its districts compiles its communes' reports with `compile_report`, and those
compiled reports are accepted as they are: they are the province's contributions.

The baseline of every case is the bare SQL summing the accepted reports of one receiver,
through a raw cursor (RAW_SUMS):

    SELECT v.figure_id, SUM(v.total), SUM(v.women), SUM(v.men)
    FROM reporting_figurevalue v JOIN reporting_report r ON r.id = v.report_id
    WHERE r.requirement_id = %s AND r.receiver_id = %s AND r.status = 'accepted'
    GROUP BY v.figure_id

Cases, for each of three receivers: the lone district of `wards` wards
(district-30-wards), the first district of the province (district-10-communes, measured
while its report can still be compiled: accepted, it could not be compiled again) and the
province (province-100-districts):

- `<receiver>`: `compile_report(requirement, receiver)`, the whole compilation in one
  transaction (contributors' narratives gathered, the sums written into the receiver's own
  report, an audit event).
- `<receiver>-sums`: `services.summed_figures(requirement, receiver)`, the read alone.
- `<receiver>-sql`: the statement summed_figures() sends, through a raw cursor: what the
  shape of the ORM's query costs, without Django's fixed cost of building it.
- build (informational): the bulk load above, the districts' compilations excepted.

`rows` is the number of figure values summed (contributors × figures). `queries` is one
`compile_report` on a unit freshly read from the database, as a request has it, once the
receiver's own report exists. Before timing, each case checks that the compiled report,
summed_figures() and the ORM's statement all give the bare SQL's sums. How `queries` moves
with the number of contributors (1, half and all of the lone district's wards accepted; 10
communes; 100 districts) is printed on stderr, with the statements that grew if it is not
constant.
"""

import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vstb.bench.common import (
    REPETITIONS,
    StatementCounter,
    UnitBatch,
    analyze,
    compare,
    count_queries,
    elapsed_ms,
    reset_sequences,
    result,
    transactions_on,
)
from vstb.bench.render import sentence
from vstb.org.models import Unit, UnitKind
from vstb.reporting.models import (
    NARRATIVE_SECTIONS,
    Figure,
    FigureValue,
    Report,
    ReportStatus,
    Requirement,
)
from vstb.reporting.services import compile_report, summed_figures

BENCH = "compile"
# compile_report is the sums plus a fixed write transaction (eleven more statements: the
# expected reporters and their reports' statuses read, the receiver's report read and
# updated, the contributors and the receiver's own activities read, 40 values deleted and
# bulk-inserted, an audit event, the commit): 18 to 20 times the 30-ward sum on both
# databases. Over 25, something beyond the sums grows with the
# contributors (docs/benchmarks.md: the gathered narrative does, at the province).
GOAL_RATIO = 25.0
# The statement summed_figures() sends is the baseline's aggregate written by the ORM (an IN
# subquery for the join, one COUNT more, the receiver's own report excluded): as fast.
GOAL_RATIO_SQL = 1.5
WINDOW = (date(2025, 12, 15), date(2026, 6, 14))
SUBMITTED_AT = timezone.make_aware(datetime(2026, 5, 20, 9, 0))
# Values drawn from one seeded generator: every run sums the same numbers.
SEED = 20261121


@dataclass(frozen=True)
class Scale:
    wards: int  # wards of the lone district
    districts: int  # districts of the province
    communes: int  # communes of the province, spread evenly over its districts
    figures: int  # figures per requirement


SCALES = {
    "small": Scale(wards=6, districts=4, communes=12, figures=6),
    "national": Scale(wards=30, districts=100, communes=1000, figures=40),
}


# Data --------------------------------------------------------------------------------------


@dataclass
class World:
    district: Unit  # the lone district (case a)
    wards: list[Unit]
    district_requirement: Requirement
    province: Unit  # case b
    districts: list[Unit]
    communes_of: dict[int, list[Unit]]
    province_requirement: Requirement
    values: int  # figure values bulk-created


def build(scale: Scale, alias: str) -> World:
    """Units (ids and paths assigned here, as in tree.build_tree), two requirements, their
    figures, an accepted report per ward and commune with a value per figure, then each
    district's compiled report of its communes, accepted."""
    batch = UnitBatch()
    unit = batch.add

    root = unit(UnitKind.NATION, "VN", "Việt Nam (thử tải)", None)
    first = unit(UnitKind.PROVINCE, "98", "Tỉnh Thử Một", root)
    district = unit(UnitKind.RURAL_DISTRICT, "0001", "Huyện Thử Nghiệm", first)
    wards = [
        unit(UnitKind.COMMUNE, f"W{i:05d}", f"Xã Thử {i:02d}", district)
        for i in range(1, scale.wards + 1)
    ]
    province = unit(UnitKind.PROVINCE, "99", "Tỉnh Thử Hai", root)
    districts = [
        unit(UnitKind.RURAL_DISTRICT, f"{i:04d}", f"Huyện Thử {i:03d}", province)
        for i in range(2, scale.districts + 2)
    ]
    communes_of = batch.spread(
        UnitKind.COMMUNE, districts, scale.communes, "{:05d}", "Xã Đồng Thử {:05d}"
    )
    batch.save(alias)

    district_requirement = _requirement(
        alias, district, "Báo cáo sơ kết 6 tháng – huyện", {"3": "2026-05-25"}
    )
    province_requirement = _requirement(
        alias, province, "Báo cáo sơ kết 6 tháng – tỉnh", {"2": "2026-06-05", "3": "2026-05-25"}
    )
    figures = {
        requirement.pk: _figures(requirement, scale.figures, offset)
        for offset, requirement in enumerate((district_requirement, province_requirement))
    }
    Figure.objects.using(alias).bulk_create(
        [figure for made in figures.values() for figure in made], batch_size=2000
    )

    contributions = [(district_requirement, ward, district) for ward in wards] + [
        (province_requirement, commune, parent)
        for parent in districts
        for commune in communes_of[parent.pk]
    ]
    reports = [
        Report(
            id=pk,
            requirement=requirement,
            unit=reporter,
            receiver=receiver,
            status=ReportStatus.ACCEPTED,
            narrative=_narrative(pk),
            submitted_at=SUBMITTED_AT,
            version=3,
        )
        for pk, (requirement, reporter, receiver) in enumerate(contributions, start=1)
    ]
    Report.objects.using(alias).bulk_create(reports, batch_size=2000)
    rng = random.Random(SEED)
    values = [
        _value(rng, report, figure)
        for report in reports
        for figure in figures[report.requirement_id]
    ]
    FigureValue.objects.using(alias).bulk_create(values, batch_size=2000)
    reset_sequences(alias, [Figure, Report])

    analyze(alias)
    return World(
        district=district,
        wards=wards,
        district_requirement=district_requirement,
        province=province,
        districts=districts,
        communes_of=communes_of,
        province_requirement=province_requirement,
        values=len(values),
    )


def _requirement(alias: str, unit: Unit, title: str, due_dates: dict) -> Requirement:
    return Requirement.objects.using(alias).create(
        unit=unit,
        title=title,
        kind="six_month",
        period_rule="six_month",
        year=2026,
        window_start=WINDOW[0],
        window_end=WINDOW[1],
        reporters="units",
        due_dates=due_dates,
    )


def _figures(requirement: Requirement, count: int, offset: int) -> list[Figure]:
    return [
        Figure(
            id=offset * count + k + 1,
            requirement=requirement,
            order=k,
            code=f"{k // 10 + 1}.{k % 10 + 1}",
            label=f"Chỉ tiêu {k + 1}: {sentence(k)[:120]}",
            by_sex=k % 3 == 0,
            required=True,
        )
        for k in range(count)
    ]


def _narrative(index: int) -> dict:
    return {key: sentence(index * 4 + n) for n, (key, _label) in enumerate(NARRATIVE_SECTIONS)}


def _value(rng: random.Random, report: Report, figure: Figure) -> FigureValue:
    total = rng.randint(0, 500)
    women = men = None
    if figure.by_sex:
        women = rng.randint(0, total)
        men = rng.randint(0, total - women)
    return FigureValue(report=report, figure=figure, total=total, women=women, men=men)


def accept_compiled(requirement: Requirement, units: list[Unit], alias: str) -> int:
    """The units' compiled reports, accepted (as their receiver would, without the events)."""
    return (
        Report.objects.using(alias)
        .filter(requirement=requirement, unit__in=units)
        .update(status=ReportStatus.ACCEPTED, submitted_at=SUBMITTED_AT)
    )


# The baseline and the checks ---------------------------------------------------------------

RAW_SUMS = (
    "SELECT v.figure_id, SUM(v.total), SUM(v.women), SUM(v.men) "
    "FROM reporting_figurevalue v JOIN reporting_report r ON r.id = v.report_id "
    "WHERE r.requirement_id = %s AND r.receiver_id = %s AND r.status = %s "
    "GROUP BY v.figure_id"
)


def raw_sums(alias: str, requirement: Requirement, receiver: Unit) -> dict[int, tuple]:
    """{figure id: (total, women, men)} summed by the bare SQL."""
    with connections[alias].cursor() as cursor:
        cursor.execute(RAW_SUMS, [requirement.pk, receiver.pk, ReportStatus.ACCEPTED])
        return {row[0]: (row[1], row[2], row[3]) for row in cursor.fetchall()}


def compiled_values(alias: str, requirement: Requirement, receiver: Unit) -> dict[int, tuple]:
    """{figure id: (total, women, men)} of the receiver's own (compiled) report."""
    return {
        v.figure_id: (v.total, v.women, v.men)
        for v in FigureValue.objects.using(alias).filter(
            report__requirement=requirement, report__unit=receiver
        )
    }


def summed_values(requirement: Requirement, receiver: Unit) -> dict[int, tuple]:
    rows = summed_figures(requirement, receiver)
    return {pk: (row["total"], row["women"], row["men"]) for pk, row in rows.items()}


def check_sums(alias: str, requirement: Requirement, receiver: Unit, figures: int) -> None:
    """What compile_report wrote and summed_figures returns equal the bare SQL's sums."""
    expected = raw_sums(alias, requirement, receiver)
    if len(expected) != figures:
        raise RuntimeError(
            f"{BENCH}: {receiver} has sums for {len(expected)} figures, not {figures}"
        )
    if compiled_values(alias, requirement, receiver) != expected:
        raise RuntimeError(f"{BENCH}: the compiled report of {receiver} differs from the bare SQL")
    if summed_values(requirement, receiver) != expected:
        raise RuntimeError(f"{BENCH}: summed_figures for {receiver} differs from the bare SQL")


def summed_sql(requirement: Requirement, receiver: Unit, alias: str) -> tuple[str, tuple]:
    """The one statement summed_figures() runs, with its parameters, as the ORM sends it."""
    sent = []

    def capture(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connections[alias].execute_wrapper(capture):
        summed_figures(requirement, receiver)
    (statement,) = sent
    return statement


def run_sql(alias: str, sql: str, params) -> list[tuple]:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def fresh(unit: Unit, alias: str) -> Unit:
    return Unit.objects.using(alias).get(pk=unit.pk)


def statements(fn: Callable[[], object], alias: str) -> Counter:
    """The statements one call of fn runs, literals blanked, with how often each ran."""
    with CaptureQueriesContext(connections[alias]) as captured:
        fn()
    return Counter(_shape(query["sql"]) for query in captured.captured_queries)


def _shape(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"\?(?:\s*,\s*\?)+", "?…", sql)


# The run -----------------------------------------------------------------------------------


def run(scale: str, alias: str) -> Iterator[dict]:
    with transactions_on(alias):
        yield from _run(scale, alias)


def _run(scale: str, alias: str) -> Iterator[dict]:
    size = SCALES[scale]
    connection = connections[alias]
    repetitions = REPETITIONS[scale]
    common = {"bench": BENCH, "scale": scale, "alias": alias}

    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        build_ms, world = elapsed_ms(lambda: build(size, alias))
    yield result(
        case="build",
        ms=build_ms,
        baseline_ms=None,
        goal_ratio=None,
        queries=counter.count,
        rows=world.values,
        **common,
    )

    # (contributors, label, queries of one compile_report, its statements)
    growth: list[tuple[int, str, int, Counter]] = []

    def case(name, requirement, receiver, contributors, goal_ratio):
        """The compile case and its -sums and -sql cases for one receiver."""
        compile_report(requirement, receiver)  # makes the receiver's own report
        check_sums(alias, requirement, receiver, size.figures)
        unit = fresh(receiver, alias)  # as a request reads it: its parent not yet loaded
        shapes = statements(lambda: compile_report(requirement, unit), alias)
        queries = sum(shapes.values())
        growth.append((contributors, name, queries, shapes))
        rows = contributors * size.figures

        def baseline():
            return raw_sums(alias, requirement, receiver)

        def measured():
            return compile_report(requirement, receiver)

        ms, baseline_ms = compare(measured, baseline, repetitions)
        check_sums(alias, requirement, receiver, size.figures)
        yield result(
            case=name,
            ms=ms,
            baseline_ms=baseline_ms,
            goal_ratio=goal_ratio,
            queries=queries,
            rows=rows,
            **common,
        )

        def sums():
            return summed_values(requirement, receiver)

        queries = count_queries(sums, alias)
        ms, baseline_ms = compare(sums, baseline, repetitions)
        yield result(
            case=f"{name}-sums",
            ms=ms,
            baseline_ms=baseline_ms,
            goal_ratio=None,
            queries=queries,
            rows=rows,
            **common,
        )

        sql, params = summed_sql(requirement, receiver, alias)
        if {row[0]: tuple(row[1:4]) for row in run_sql(alias, sql, params)} != baseline():
            raise RuntimeError(f"{BENCH}: the SQL of summed_figures sums differently")
        ms, baseline_ms = compare(lambda: run_sql(alias, sql, params), baseline, repetitions)
        yield result(
            case=f"{name}-sql",
            ms=ms,
            baseline_ms=baseline_ms,
            goal_ratio=GOAL_RATIO_SQL,
            queries=1,
            rows=rows,
            **common,
        )

    wards = len(world.wards)
    yield from case(
        f"district-{wards}-wards", world.district_requirement, world.district, wards, GOAL_RATIO
    )
    growth.extend(query_growth(world, alias))

    requirement, lower = world.province_requirement, world.districts[0]
    communes = len(world.communes_of[lower.pk])
    # Measured while its report can still be compiled: accepted, it could not be again.
    yield from case(f"district-{communes}-communes", requirement, lower, communes, None)
    for other in world.districts:
        compile_report(requirement, other)
        check_sums(alias, requirement, other, size.figures)
    accept_compiled(requirement, world.districts, alias)
    analyze(alias)
    districts = len(world.districts)
    yield from case(
        f"province-{districts}-districts", requirement, world.province, districts, GOAL_RATIO
    )
    _report_growth(growth)


def query_growth(world: World, alias: str) -> list[tuple[int, str, int, Counter]]:
    """[(contributors, label, queries of compile_report, its statements)] for the lone
    district with only 1 and only half of its wards' reports accepted (the others put back
    to submitted for the count, then accepted again)."""
    requirement, district, wards = world.district_requirement, world.district, world.wards
    points = []
    for accepted in sorted({1, max(len(wards) // 2, 1)} - {len(wards)}):
        Report.objects.using(alias).filter(
            requirement=requirement, unit__in=wards[accepted:]
        ).update(status=ReportStatus.SUBMITTED)
        receiver = fresh(district, alias)
        # Compiling with wards missing is confirmed, as its secretariat would.
        shapes = statements(
            lambda r=receiver: compile_report(requirement, r, confirm_incomplete=True), alias
        )
        points.append(
            (accepted, f"district-{accepted}-of-{len(wards)}-wards", sum(shapes.values()), shapes)
        )
    Report.objects.using(alias).filter(requirement=requirement, unit__in=wards).update(
        status=ReportStatus.ACCEPTED
    )
    compile_report(requirement, district)
    return points


def _report_growth(points: list[tuple[int, str, int, Counter]]) -> None:
    """One line on stderr: queries of one compile_report by number of contributors; if they
    are not all the same, the statements that the most contributors ran more often than the
    fewest."""
    points = sorted(points, key=lambda point: point[0])
    constant = len({queries for _n, _name, queries, _shapes in points}) == 1
    print(
        f"{BENCH}: queries of one compile_report by contributors: "
        + ", ".join(f"{n} ({name}) → {queries}" for n, name, queries, _shapes in points)
        + (" (constant)" if constant else " (NOT constant)"),
        file=sys.stderr,
    )
    if constant:
        return
    (few, few_name, _q, low), (many, many_name, _q2, high) = points[0], points[-1]
    for shape, count in (high - low).items():
        print(
            f"{BENCH}:   {count} more with {many} contributors ({many_name}) than with {few} "
            f"({few_name}): {shape}",
            file=sys.stderr,
        )
