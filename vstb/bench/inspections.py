"""`vstb bench inspections`: where a province committee should inspect, over its communes.

Data (deterministic): a province with COMMUNES communes directly below it (two-tier local
government since 1/7/2025) and AGENCIES member agencies; for each of YEARS years, two
reporting requirements (6-month and annual, from communes and agencies) with every
reporter's report sent on time, late or not at all; the province's issued plan with tasks
led and supported by agencies and naming communes; each commune's own issued plan with three
tasks; the population and the population reached by gender-equality communication of every
commune (the Strategy's indicator NQ28-M6-CT1 and its 2025 target); one closed inspection
plan a year visiting a rotating share of the communes. At national scale: 3,300 communes,
33,200 reports, 49,500 of the communes' tasks, 33,000 values.

Case `suggest-targets`: `suggest_targets(province, as_of)` against the raw SQL of the same
ranking (hand-written queries for the same counts, combined and sorted in Python the same
way). Both sides must give the same ranking, counts and scores before timing. `queries` is
what the measured side runs; that it does not grow with the number of communes is printed
on stderr and checked by the smoke test.
"""

import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connections
from django.db.models import Q
from django.utils import timezone

from vstb.bench.common import (
    REPETITIONS,
    UnitBatch,
    analyze,
    compare,
    count_queries,
    result,
)
from vstb.indicators import progress, rollup
from vstb.indicators.models import DataElement, DataValue, Indicator, PeriodKind, Source
from vstb.indicators.models import Target as IndicatorTarget
from vstb.inspections.models import InspectionPlan, Target, Visit
from vstb.inspections.models import PlanStatus as InspectionStatus
from vstb.inspections.suggestions import (
    MISSING_REPORT_WEIGHT,
    NEVER_INSPECTED_YEARS,
    WINDOW_YEARS,
    suggest_targets,
)
from vstb.org.models import Agency, AgencyKind, Unit, UnitKind
from vstb.plans.models import Plan, PlanStatus, Section, SectionKind, Task, TaskStatus
from vstb.reporting.models import Report, ReportStatus, Requirement

BENCH = "inspections"
GOAL_RATIO = 1.5
LAST_YEAR = 2025
AS_OF = date(LAST_YEAR, 12, 15)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Scale:
    communes: int
    agencies: int
    years: int


SCALES = {
    "small": Scale(communes=40, agencies=8, years=5),
    "national": Scale(communes=3300, agencies=20, years=5),
}


def build(scale: Scale, alias: str) -> Unit:
    """Everything the ranking reads; returns the province."""
    rng = random.Random(20261206)
    batch = UnitBatch()
    nation = batch.add(UnitKind.NATION, "VN", "Việt Nam (thử tải)", None)
    province = batch.add(UnitKind.PROVINCE, "01", "Tỉnh Thử Kiểm Tra", nation)
    communes = batch.spread(UnitKind.COMMUNE, [province], scale.communes, "{:05d}", "Xã {:05d}")[
        province.pk
    ]
    batch.save(alias)
    agencies = Agency.objects.using(alias).bulk_create(
        [
            Agency(unit_id=province.pk, name=f"Sở Thử {n:02d}", kind=AgencyKind.OTHER)
            for n in range(1, scale.agencies + 1)
        ]
    )
    years = range(LAST_YEAR - scale.years + 1, LAST_YEAR + 1)
    _reports(alias, rng, province, communes, agencies, years)
    _tasks(alias, rng, province, communes, agencies, years)
    _values(alias, rng, communes, years)
    _inspections(alias, province, communes, years)
    analyze(alias)
    return province


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=VIETNAM)


def _reports(alias, rng, province, communes, agencies, years) -> None:
    reports = []
    for year in years:
        for kind, due in (("six_month", date(year, 5, 25)), ("annual", date(year, 11, 25))):
            requirement = Requirement(
                unit_id=province.pk,
                title=f"Báo cáo {kind} năm {year}",
                kind=kind,
                period_rule=kind,
                year=year,
                reporters="both",
                due_dates={"3": due.isoformat(), "agency": due.isoformat()},
                window_start=date(year, 1, 1),
                window_end=due,
            )
            requirement.save(using=alias)
            for reporter in [*communes, *agencies]:
                roll = rng.random()
                if roll < 0.15:
                    continue  # not sent
                sent = due - timedelta(days=rng.randint(0, 10))
                if roll < 0.35:
                    sent = due + timedelta(days=rng.randint(1, 20))
                is_agency = isinstance(reporter, Agency)
                reports.append(
                    Report(
                        requirement=requirement,
                        unit_id=None if is_agency else reporter.pk,
                        agency_id=reporter.pk if is_agency else None,
                        receiver_id=province.pk,
                        status=ReportStatus.SUBMITTED,
                        submitted_at=_moment(sent),
                    )
                )
    Report.objects.using(alias).bulk_create(reports, batch_size=2000)


def _tasks(alias, rng, province, communes, agencies, years) -> None:
    plans = []
    for year in years:
        plans.append(Plan(unit_id=province.pk, year=year, subject=f"Kế hoạch tỉnh {year}"))
        plans += [Plan(unit_id=c.pk, year=year, subject=f"Kế hoạch xã {year}") for c in communes]
    for plan in plans:
        plan.status = PlanStatus.ISSUED
    Plan.objects.using(alias).bulk_create(plans, batch_size=2000)
    sections = [
        Section(
            plan=plan, order=1, label="II", kind=SectionKind.TASKS, paragraphs=["Nhiệm vụ"] * 30
        )
        for plan in plans
    ]
    Section.objects.using(alias).bulk_create(sections, batch_size=2000)
    tasks = []
    for plan, section in zip(plans, sections, strict=True):
        count = 30 if plan.unit_id == province.pk else 3
        for paragraph in range(count):
            due = date(plan.year, rng.randint(1, 12), rng.randint(1, 28))
            status = rng.choice([TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED])
            lead = rng.choice(agencies).pk if plan.unit_id == province.pk else None
            tasks.append(
                Task(
                    plan=plan,
                    section=section,
                    paragraph=paragraph,
                    lead_id=lead,
                    due=due,
                    status=status,
                )
            )
    Task.objects.using(alias).bulk_create(tasks, batch_size=2000)
    province_tasks = [t for t in tasks if t.lead_id is not None]
    Task.support.through.objects.using(alias).bulk_create(
        [
            Task.support.through(task_id=task.pk, agency_id=rng.choice(agencies).pk)
            for task in province_tasks
        ],
        batch_size=2000,
    )
    Task.units.through.objects.using(alias).bulk_create(
        [
            Task.units.through(task_id=task.pk, unit_id=commune.pk)
            for task in province_tasks
            for commune in rng.sample(communes, min(5, len(communes)))
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )


def _values(alias, rng, communes, years) -> None:
    elements = dict(
        DataElement.objects.using(alias)
        .filter(code__in=["DAN_SO", "DAN_SO_TIEP_CAN_BDG"])
        .values_list("code", "pk")
    )
    entered_at = datetime(LAST_YEAR, 12, 31, tzinfo=VIETNAM)
    values = []
    for commune in communes:
        for year in years:
            population = rng.randint(5000, 30000)
            reached = population * rng.randint(30, 90) // 100
            for code, amount in (("DAN_SO", population), ("DAN_SO_TIEP_CAN_BDG", reached)):
                values.append(
                    DataValue(
                        element_id=elements[code],
                        unit_id=commune.pk,
                        year=year,
                        period=PeriodKind.YEAR,
                        value=Decimal(amount),
                        source=Source.IMPORT,
                        entered_at=entered_at,
                    )
                )
    DataValue.objects.using(alias).bulk_create(values, batch_size=2000)


def _inspections(alias, province, communes, years) -> None:
    share = max(1, len(communes) // len(years))
    for index, year in enumerate(years):
        plan = InspectionPlan(
            unit_id=province.pk,
            title=f"Kiểm tra năm {year}",
            period_start=date(year, 9, 1),
            period_end=date(year, 11, 30),
            status=InspectionStatus.CLOSED,
        )
        plan.save(using=alias)
        chosen = communes[index * share : (index + 1) * share]
        targets = Target.objects.using(alias).bulk_create(
            [
                Target(plan=plan, unit_id=c.pk, planned_on=date(year, 9, 1 + n % 28))
                for n, c in enumerate(chosen)
            ]
        )
        Visit.objects.using(alias).bulk_create(
            [Visit(target=t, visited_on=t.planned_on) for t in targets], batch_size=2000
        )


# The raw SQL of the same ranking ---------------------------------------------------------------


def _fetch(alias, sql: str, params: list) -> list[tuple]:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def raw_ranking(province_id: int, as_of: date, alias: str) -> list[tuple]:
    """(kind, id, late, missing, overdue, off target, worsened, years without inspection,
    score), best candidate first: the same counts as suggest_targets, by hand."""
    q = connections[alias].ops.quote_name
    unit, agency = q(Unit._meta.db_table), q(Agency._meta.db_table)
    first_year, last_year = as_of.year - WINDOW_YEARS + 1, as_of.year
    children = _fetch(
        alias,
        f"SELECT id, name, level, valid_from, valid_to FROM {unit} WHERE parent_id = %s "
        "AND (valid_from IS NULL OR valid_from <= %s) AND (valid_to IS NULL OR valid_to > %s)",
        [province_id, as_of, as_of],
    )
    agencies = _fetch(
        alias,
        f"SELECT id, name FROM {agency} WHERE unit_id = %s AND active AND kind <> %s",
        [province_id, AgencyKind.LOWER_PEOPLES_COMMITTEE],
    )
    rows: dict[tuple[str, int], dict] = {}
    for pk, name, *_rest in children:
        rows[("unit", pk)] = {"name": name, "late": 0, "missing": 0, "overdue": 0, "off": 0,
                              "worse": 0, "last": None}  # fmt: skip
    for pk, name in agencies:
        rows[("agency", pk)] = {"name": name, "late": 0, "missing": 0, "overdue": 0, "off": 0,
                                "worse": 0, "last": None}  # fmt: skip

    # (a) Reports.
    requirements = list(
        Requirement.objects.using(alias)
        .filter(unit_id=province_id, year__gte=first_year, year__lte=last_year)
        .values_list("pk", "reporters", "due_dates", "window_start", "window_end")
    )
    cases, params = [], []
    levels = sorted({level for _pk, _n, level, *_r in children})
    for pk, reporters, due_dates, window_start, window_end in requirements:
        if reporters in ("units", "both"):
            for level in levels:
                due = _date(due_dates.get(str(level)))
                if due and due < as_of:
                    cases.append("WHEN r.requirement_id = %s AND u.level = %s THEN %s")
                    params += [pk, level, _late_from(due)]
                    for child_pk, _n, child_level, valid_from, valid_to in children:
                        valid_from, valid_to = _date(valid_from), _date(valid_to)
                        if child_level == level and not (
                            (valid_from and valid_from > window_end)
                            or (valid_to and valid_to <= window_start)
                        ):
                            rows[("unit", child_pk)]["missing"] += 1
        if reporters in ("agencies", "both"):
            due = _date(due_dates.get("agency"))
            if due and due < as_of:
                cases.append("WHEN r.requirement_id = %s AND r.agency_id IS NOT NULL THEN %s")
                params += [pk, _late_from(due)]
                for agency_pk, _n in agencies:
                    rows[("agency", agency_pk)]["missing"] += 1
    if cases:
        report = q(Report._meta.db_table)
        late_from = f"CASE {' '.join(cases)} END"
        ids = [pk for pk, *_r in requirements]
        marks = ", ".join(["%s"] * len(ids))
        for unit_id, agency_id, sent, late in _fetch(
            alias,
            f"SELECT unit_id, agency_id, COUNT(*), SUM(CASE WHEN submitted_at >= late_from "
            f"THEN 1 ELSE 0 END) FROM (SELECT r.unit_id, r.agency_id, r.submitted_at, "
            f"{late_from} AS late_from FROM {report} r LEFT JOIN {unit} u ON u.id = r.unit_id "
            f"WHERE r.requirement_id IN ({marks}) AND r.receiver_id = %s "
            f"AND r.submitted_at IS NOT NULL AND r.submitted_at <= %s) s "
            "WHERE late_from IS NOT NULL GROUP BY unit_id, agency_id",
            [*params, *ids, province_id, timezone.make_aware(datetime.combine(as_of, time.max))],
        ):
            key = ("agency", agency_id) if agency_id else ("unit", unit_id)
            if key in rows:
                rows[key]["missing"] = max(0, rows[key]["missing"] - sent)
                rows[key]["late"] += late

    # (b) Overdue tasks.
    task, plan = q(Task._meta.db_table), q(Plan._meta.db_table)
    support, named = q(Task.support.through._meta.db_table), q(Task.units.through._meta.db_table)
    overdue = (
        f"FROM {task} t JOIN {plan} p ON p.id = t.plan_id WHERE p.status IN ('issued', 'closed') "
        "AND p.year BETWEEN %s AND %s AND t.status NOT IN ('done', 'cannot_do') "
        "AND (t.due < %s OR (t.due IS NULL AND t.period_end < %s))"
    )
    window = [first_year, last_year, as_of, as_of]
    for kind, sql, extra in (
        ("agency", f"SELECT t.lead_id, COUNT(*) {overdue} AND p.unit_id = %s "
         "AND t.lead_id IS NOT NULL GROUP BY t.lead_id", [province_id]),
        ("agency", f"SELECT s.agency_id, COUNT(*) FROM {support} s WHERE s.task_id IN "
         f"(SELECT t.id {overdue} AND p.unit_id = %s) GROUP BY s.agency_id", [province_id]),
        ("unit", f"SELECT n.unit_id, COUNT(*) FROM {named} n WHERE n.task_id IN "
         f"(SELECT t.id {overdue} AND p.unit_id = %s) GROUP BY n.unit_id", [province_id]),
        ("unit", f"SELECT p.unit_id, COUNT(*) {overdue} AND p.unit_id IN "
         f"(SELECT id FROM {unit} WHERE parent_id = %s) GROUP BY p.unit_id", [province_id]),
    ):  # fmt: skip
        for pk, count in _fetch(alias, sql, [*window, *extra]):
            if (kind, pk) in rows:
                rows[(kind, pk)]["overdue"] += count

    # (c) Indicators: each commune's sums by element, sex and year, for every computable
    # indicator's terms; the target that applies, as suggestions chooses it.
    indicators = [i for i in Indicator.objects.using(alias).all() if i.computable]
    terms = {(i.numerator_id, i.numerator_sex) for i in indicators}
    terms |= {(i.denominator_id, i.denominator_sex) for i in indicators if i.is_ratio}
    year = as_of.year - 1
    value = q(DataValue._meta.db_table)
    element_ids = sorted({element for element, _sex in terms})
    marks = ", ".join(["%s"] * len(element_ids))
    # The child of the province a value's unit lies under: its path cut at the next "/",
    # grouped by the database (as rollup's hand-written side does).
    province_path = _fetch(alias, f"SELECT path FROM {unit} WHERE id = %s", [province_id])[0][0]
    length = len(province_path)
    strpos = "instr" if connections[alias].vendor == "sqlite" else "strpos"
    child_key = f"substr(u.path, 1, {length} + {strpos}(substr(u.path, {length + 1}), '/'))"
    operator, wildcard = ("GLOB", "*") if connections[alias].vendor == "sqlite" else ("LIKE", "%")
    child_of = {path: pk for pk, path in _fetch(
        alias, f"SELECT id, path FROM {unit} WHERE parent_id = %s", [province_id]
    )}  # fmt: skip
    sums: dict[tuple[int, int], dict] = defaultdict(dict)
    for key, element, sex, value_year, total in _fetch(
        alias,
        f"SELECT {child_key}, v.element_id, v.sex, v.year, SUM(v.value) FROM {value} v "
        f"JOIN {unit} u ON u.id = v.unit_id WHERE u.path {operator} %s AND u.id <> %s "
        f"AND v.year IN (%s, %s) AND v.period = %s AND v.age_group = '' AND v.area = '' "
        f"AND v.element_id IN ({marks}) GROUP BY 1, 2, 3, 4",
        [province_path + wildcard, province_id, year, year - 1, PeriodKind.YEAR, *element_ids],
    ):
        if key in child_of:
            sums[(child_of[key], value_year)][(element, sex)] = Decimal(total)
    targets: dict[int, IndicatorTarget] = {}
    for target in (
        IndicatorTarget.objects.using(alias)
        .filter(Q(unit__isnull=True) | Q(unit_id=province_id))
        .filter(value__isnull=False, to_confirm=False)
        .order_by("year", "unit_id")
    ):
        chosen = targets.get(target.indicator_id)
        if target.year < year and chosen is None:
            targets[target.indicator_id] = target
        elif target.year >= year and (chosen is None or chosen.year < year):
            targets[target.indicator_id] = target
        elif chosen is not None and chosen.year == target.year and target.unit_id:
            targets[target.indicator_id] = target
    for child_pk, *_rest in children:
        row = rows[("unit", child_pk)]
        for indicator in indicators:
            now = rollup.value_of(indicator, sums.get((child_pk, year)))
            if now is None:
                continue
            target = targets.get(indicator.pk)
            higher = indicator.direction == "higher"
            if target is not None and not progress.meets(
                now, target.operator, target.value, higher
            ):
                row["off"] += 1
            before = rollup.value_of(indicator, sums.get((child_pk, year - 1)))
            if before is not None and (now < before if higher else now > before):
                row["worse"] += 1

    # (d) Last inspection.
    target_table, plan_table = q(Target._meta.db_table), q(InspectionPlan._meta.db_table)
    visit = q(Visit._meta.db_table)
    for unit_id, agency_id, last in _fetch(
        alias,
        "SELECT unit_id, agency_id, MAX(day) FROM (SELECT t.unit_id, t.agency_id, "
        f"COALESCE(v.visited_on, t.planned_on) AS day FROM {target_table} t "
        f"JOIN {plan_table} p ON p.id = t.plan_id LEFT JOIN {visit} v ON v.target_id = t.id "
        "WHERE p.status IN ('issued', 'closed') AND (t.unit_id IN (SELECT id FROM "
        f"{unit} WHERE parent_id = %s) OR t.agency_id IN (SELECT id FROM {agency} "
        "WHERE unit_id = %s))) d WHERE day <= %s GROUP BY unit_id, agency_id",
        [province_id, province_id, as_of],
    ):
        key = ("agency", agency_id) if agency_id else ("unit", unit_id)
        if key in rows:
            rows[key]["last"] = _date(last)

    ranked = []
    for (kind, pk), row in rows.items():
        years = (
            NEVER_INSPECTED_YEARS
            if row["last"] is None
            else min(NEVER_INSPECTED_YEARS, (as_of - row["last"]).days // 365)
        )
        score = (
            row["late"] + MISSING_REPORT_WEIGHT * row["missing"] + row["overdue"]
            + row["off"] + row["worse"] + years
        )  # fmt: skip
        ranked.append((kind, pk, row["late"], row["missing"], row["overdue"], row["off"],
                       row["worse"], years, score, row["name"]))  # fmt: skip
    ranked.sort(key=lambda r: (-r[8], r[9]))
    return [r[:9] for r in ranked]


def _late_from(due: date) -> datetime:
    return timezone.make_aware(datetime.combine(due + timedelta(days=1), time.min))


def measured_ranking(province: Unit, as_of: date) -> list[tuple]:
    return [
        (*s.key, s.late_reports, s.missing_reports, s.overdue_tasks, len(s.off_target),
         len(s.worsened), s.years_without_inspection, s.score)
        for s in suggest_targets(province, as_of)
    ]  # fmt: skip


def run(scale: str, alias: str) -> Iterator[dict]:
    chosen = SCALES[scale]
    province = build(chosen, alias)
    province = Unit.objects.using(alias).get(pk=province.pk)
    measured = measured_ranking(province, AS_OF)
    baseline = raw_ranking(province.pk, AS_OF, alias)
    if not measured or measured != baseline:
        raise RuntimeError("the ranking differs from the raw SQL's")
    queries = count_queries(lambda: suggest_targets(province, AS_OF), alias)
    print(
        f"inspections: {len(measured)} candidates, {queries} queries "
        f"(top: {measured[0][:2]} score {measured[0][-1]})",
        file=sys.stderr,
    )
    ms, baseline_ms = compare(
        lambda: suggest_targets(province, AS_OF),
        lambda: raw_ranking(province.pk, AS_OF, alias),
        REPETITIONS[scale],
    )
    yield result(
        bench=BENCH,
        case="suggest-targets",
        scale=scale,
        alias=alias,
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=GOAL_RATIO,
        queries=queries,
        rows=len(measured),
    )
