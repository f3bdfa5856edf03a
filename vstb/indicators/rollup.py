"""Roll-up: an element or indicator for any unit, at any level, for any period.

Rules (docs/decisions/0006-indicator-rollup.md):
- Values are each unit's own figures; a unit's roll-up sums the values of the unit and of
  every unit below it. Counts are summed; a ratio is Σ numerator / Σ denominator × scale,
  never an average of the lower units' ratios.
- Survey averages (elements that are not additive, such as hours a week) are never summed:
  a unit's value is the one it entered itself.
- One GROUP BY query reads the values, whatever the number of lower units: the database
  groups them by the child of the unit they fall under. Loading the unit's children, and in
  today's boundaries the successions and the validity of a few ancestors, adds a fixed
  number of queries.

Two ways to draw the boundaries when units have merged or split:
- PERIOD: as the units were in the period. A unit's figure is what was recorded for it and
  the units below it then; a unit created later has no figure for earlier periods.
- TODAY: by today's boundaries. The figures of a unit that has ceased go to the units that
  carry it on today, following successions across reforms. A merge gives all of it to its
  successor. A split shares it equally among the successors: no population or area weights
  are recorded, so an equal share is the one rule that needs none (the page says so). A
  ceased unit without a recorded successor goes with the nearest unit above it that carries
  on (a commune of an abolished district goes with its district's successor, or its
  province). A unit that has ceased has no boundaries today: it is shown as in the period.
"""

import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import reduce

from django.db.models import Case, CharField, F, Q, Sum, Value, When
from django.db.models.functions import Concat, StrIndex, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.indicators.models import DataElement, DataValue, Indicator, PeriodKind
from vstb.lib.periods import in_force
from vstb.org.models import Succession, Unit

TODAY = "today"
PERIOD = "period"
MODES = [
    (TODAY, _("today's boundaries")),
    (PERIOD, _("boundaries of the period")),
]


@dataclass(frozen=True)
class Period:
    year: int
    kind: str = PeriodKind.YEAR

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return (
            date(self.year, 6, 30)
            if self.kind == PeriodKind.FIRST_HALF
            else date(self.year, 12, 31)
        )


def as_period(period: "Period | int") -> Period:
    return period if isinstance(period, Period) else Period(int(period))


Term = tuple[int, str]  # (element id, sex slot)
Sums = dict[Term, Decimal]


def terms_of(subject: DataElement | Indicator) -> list[tuple[DataElement, str]]:
    """The (element, sex) figures a subject is computed from: an element's total, or an
    indicator's numerator and denominator."""
    if isinstance(subject, DataElement):
        return [(subject, "")]
    if not subject.computable:
        return []
    terms = [(subject.numerator, subject.numerator_sex)]
    if subject.is_ratio:
        terms.append((subject.denominator, subject.denominator_sex))
    return terms


def value_of(subject: DataElement | Indicator, sums: Sums | None) -> Decimal | None:
    """The subject's value from summed figures: a sum, or Σ numerator / Σ denominator × scale.
    None where a figure is missing or the denominator is zero. (Read by key, without building
    the terms: a dashboard calls it for every subject and every lower unit.)"""
    if not sums:
        return None
    if isinstance(subject, DataElement):
        return sums.get((subject.pk, ""))
    if not subject.computable:
        return None
    top = sums.get((subject.numerator_id, subject.numerator_sex))
    if top is None or not subject.is_ratio:
        return top
    bottom = sums.get((subject.denominator_id, subject.denominator_sex))
    if not bottom:
        return None
    return top / bottom * subject.scale


def rollup(
    subject: DataElement | Indicator,
    unit: Unit,
    period: "Period | int",
    mode: str = PERIOD,
    today: date | None = None,
) -> Decimal | None:
    """The value of an element or indicator for `unit`, computed from the units below it."""
    return rollup_many([subject], unit, period, mode, today)[subject]


def rollup_many(
    subjects: Iterable[DataElement | Indicator],
    unit: Unit,
    period: "Period | int",
    mode: str = PERIOD,
    today: date | None = None,
) -> dict:
    """Several subjects for one unit and period, in the same fixed number of queries."""
    period = as_period(period)
    subjects = list(subjects)
    grouped = _grouped(subjects, unit, [period.year], period.kind, mode, today, children=False)
    return {
        subject: value_of(subject, grouped.get((unit.path, period.year))) for subject in subjects
    }


def series(
    subjects: Iterable[DataElement | Indicator],
    unit: Unit,
    years: Iterable[int],
    mode: str = PERIOD,
    today: date | None = None,
    kind: str = PeriodKind.YEAR,
) -> dict:
    """{subject: {year: value}} over several years, in the same fixed number of queries
    (the progress page's trend and projection)."""
    subjects, years = list(subjects), sorted(years)
    grouped = _grouped(subjects, unit, years, kind, mode, today, children=False)
    return {
        subject: {year: value_of(subject, grouped.get((unit.path, year))) for year in years}
        for subject in subjects
    }


def public_series(
    indicators: Iterable[Indicator],
    unit: Unit,
    years: Iterable[int],
    minimum: int,
    mode: str = PERIOD,
    today: date | None = None,
) -> tuple[dict, set]:
    """`series` for a public page, with small counts suppressed: a year's value is None where
    its numerator, its denominator or what the numerator leaves of the denominator is a count
    above zero and below `minimum` ("7 of 9" tells who the 2 are in a ward). Also returns the
    (indicator, year) pairs suppressed. Same queries as `series`."""
    indicators, years = list(indicators), sorted(years)
    grouped = _grouped(indicators, unit, years, PeriodKind.YEAR, mode, today, children=False)
    values, suppressed = {}, set()
    for indicator in indicators:
        values[indicator] = {}
        for year in years:
            sums = grouped.get((unit.path, year))
            small = _has_small_count(indicator, sums, minimum)
            values[indicator][year] = None if small else value_of(indicator, sums)
            if small:
                suppressed.add((indicator, year))
    return values, suppressed


def _has_small_count(indicator: Indicator, sums: Sums | None, minimum: int) -> bool:
    if not sums or not indicator.computable:
        return False

    def small(count) -> bool:
        return count is not None and 0 < count < minimum

    top = sums.get((indicator.numerator_id, indicator.numerator_sex))
    if not indicator.numerator.additive:
        return False  # an average (a rate entered as such) is not a count of people
    if not indicator.is_ratio:
        return small(top)
    bottom = sums.get((indicator.denominator_id, indicator.denominator_sex))
    rest = bottom - top if top is not None and bottom is not None else None
    return small(top) or small(bottom) or small(rest)


def sums_by_children(
    subjects: Iterable[DataElement | Indicator],
    unit: Unit,
    years: Iterable[int],
    mode: str = PERIOD,
    today: date | None = None,
) -> dict:
    """{(child path, year): summed figures} for several subjects and years from one reading
    of the values, for a caller that computes `value_of` itself over many lower units
    (inspections.suggestions, over a province's 3,300 communes): no Unit instances and no
    dictionary per subject, which `overview` builds for a dashboard."""
    return _grouped(
        list(subjects), unit, sorted(years), PeriodKind.YEAR, mode, today, children=True
    )


def by_children(
    subject: DataElement | Indicator,
    unit: Unit,
    period: "Period | int",
    mode: str = PERIOD,
    today: date | None = None,
) -> dict[Unit, Decimal | None]:
    """The value for each child of `unit` (those of today, or those of the period), for a
    ranking. A child without data maps to None."""
    return by_children_many([subject], unit, period, mode, today)[subject]


def by_children_many(
    subjects: Iterable[DataElement | Indicator],
    unit: Unit,
    period: "Period | int",
    mode: str = PERIOD,
    today: date | None = None,
) -> dict:
    """{subject: {child: value}} for several subjects in the same fixed number of queries
    as one: a dashboard of every indicator over the lower units reads the values once."""
    return overview(subjects, unit, period, mode, today)[1]


def overview(
    subjects: Iterable[DataElement | Indicator],
    unit: Unit,
    period: "Period | int",
    mode: str = PERIOD,
    today: date | None = None,
) -> tuple[dict, dict]:
    """({subject: value at unit}, {subject: {child: value}}): several subjects for a unit
    and for each of its children, from one reading of the values (three queries: the
    children, the summed figures grouped by child, the survey averages).

    The unit's sums are the sums of its children's and of what it entered itself: the same
    rows `rollup_many` sums, grouped one level finer. Survey averages are the unit's own."""
    period = as_period(period)
    today = today or timezone.localdate()
    subjects = list(subjects)
    mode = _effective_mode(unit, mode, today)
    children = Unit.objects.filter(parent=unit).order_by("name")
    if mode == TODAY:
        children = children.filter(in_force(today))
    else:  # every child that existed at some time in the period
        children = children.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.last_day))
        children = children.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=period.first_day))
    children = list(children)
    grouped = _grouped(subjects, unit, [period.year], period.kind, mode, today, children=True)
    additive = {
        element.pk
        for subject in subjects
        for element, _sex in terms_of(subject)
        if element.additive
    }
    total: Sums = {}
    for (path, _year), sums in grouped.items():
        for term, amount in sums.items():
            if term[0] in additive:
                total[term] = total.get(term, Decimal(0)) + amount
            elif path == unit.path:
                total[term] = amount
    at_unit = {subject: value_of(subject, total) for subject in subjects}
    below = {
        subject: {
            child: value_of(subject, grouped.get((child.path, period.year))) for child in children
        }
        for subject in subjects
    }
    return at_unit, below


def by_level(
    subject: DataElement | Indicator, unit: Unit, period: "Period | int"
) -> dict[int, Decimal | None]:
    """The value for each level under `unit` (itself included), as the units were in the
    period: e.g. women's share of key leaders at province, district and commune level."""
    period = as_period(period)
    terms = terms_of(subject)
    if not terms:
        return {}
    rows = (
        _values(terms, [period.year], period.kind)
        .filter(unit__path__under=unit.path)
        .values("unit__level", "element_id", "sex")
        .annotate(total=Sum("value"))
    )
    grouped: dict[int, Sums] = defaultdict(dict)
    for row in rows:
        grouped[row["unit__level"]][(row["element_id"], row["sex"])] = row["total"]
    return {level: value_of(subject, sums) for level, sums in sorted(grouped.items())}


def effective_mode(unit: Unit, mode: str, today: date | None = None) -> str:
    """The mode actually used: a unit that has ceased is always seen as in the period."""
    return _effective_mode(unit, mode, today or timezone.localdate())


def _effective_mode(unit: Unit, mode: str, today: date) -> str:
    if mode == TODAY and not unit.is_valid_on(today):
        return PERIOD
    return mode


# Reading and grouping -----------------------------------------------------------------------


def _values(terms: list[tuple[DataElement, str]], years: list[int], kind: str):
    """Totals (all ages, urban and rural) of the given (element, sex) figures in the periods.
    One condition per sex slot (`sex = … AND element_id IN (…)`), not one per figure: the
    same rows, a much shorter query to build."""
    by_sex: dict[str, list[int]] = defaultdict(list)
    for element, sex in terms:
        by_sex[sex].append(element.pk)
    wanted = reduce(
        operator.or_,
        (Q(sex=sex, element_id__in=ids) for sex, ids in sorted(by_sex.items())),
        Q(pk__in=[]),
    )
    return DataValue.objects.filter(wanted, year__in=years, period=kind, age_group="", area="")


def _grouped(
    subjects, unit: Unit, years: list[int], kind: str, mode: str, today, children: bool
) -> dict:
    """Summed figures by (unit path, year): `unit.path` for the unit's own roll-up, or each
    child's path when `children` (plus the unit's own path for what it entered itself)."""
    today = today or timezone.localdate()
    mode = _effective_mode(unit, mode, today)
    terms: dict[Term, tuple[DataElement, str]] = {}  # by key: no model comparisons
    for subject in subjects:
        for element, sex in terms_of(subject):
            terms.setdefault((element.pk, sex), (element, sex))
    additive = [term for term in terms.values() if term[0].additive]
    averages = [term for term in terms.values() if not term[0].additive]
    grouped: dict[tuple[str, int], Sums] = defaultdict(dict)
    if additive:
        values = _values(additive, years, kind)
        if mode == TODAY:
            _add_today(grouped, values, unit, today, children)
        else:
            _add_period(grouped, values, unit, children)
    if averages:
        _add_own(grouped, _values(averages, years, kind), unit, children)
    return grouped


def _child_path(unit: Unit):
    """SQL: the path of the child of `unit` that a row's unit lies under (or the unit's own
    path for the unit itself): the path cut at the first "/" after the unit's path."""
    length = len(unit.path)
    rest = Substr("unit__path", length + 1)
    return Substr("unit__path", 1, length + StrIndex(rest, Value("/")), output_field=CharField())


def _add(grouped: dict, key: tuple[str, int], term: Term, amount: Decimal) -> None:
    sums = grouped[key]
    sums[term] = sums.get(term, Decimal(0)) + amount


def _add_period(grouped, values, unit: Unit, children: bool) -> None:
    rows = values.filter(unit__path__under=unit.path)
    if children:
        rows = rows.annotate(key=_child_path(unit)).values("key", "year", "element_id", "sex")
    else:
        rows = rows.values("year", "element_id", "sex")
    for row in rows.annotate(total=Sum("value")):
        key = (row.get("key", unit.path), row["year"])
        _add(grouped, key, (row["element_id"], row["sex"]), row["total"])


def _add_own(grouped, values, unit: Unit, children: bool) -> None:
    """Survey averages: each unit's own value, never a sum."""
    units = Q(unit=unit) | Q(unit__parent=unit) if children else Q(unit=unit)
    for row in values.filter(units).values("unit__path", "year", "element_id", "sex", "value"):
        grouped[(row["unit__path"], row["year"])][(row["element_id"], row["sex"])] = row["value"]


def _add_today(grouped, values, unit: Unit, today: date, children: bool) -> None:
    """By today's boundaries: current units are grouped by the database under the child of
    `unit` they belong to; each ceased unit comes back on its own row and is handed to the
    units that carry it on today (few rows: the ceased units that recorded data)."""
    homes = _Homes(today)
    outside = [path for path in homes.roots_moving_into(unit) if not path.startswith(unit.path)]
    where = Q(unit__path__under=unit.path)
    for path in outside:
        where |= Q(unit__path__under=path)
    current = in_force(today, "unit__valid_from", "unit__valid_to")
    own_key = _child_path(unit) if children else Value(unit.path, output_field=CharField())
    key = Case(
        When(current & Q(unit__path__under=unit.path), then=own_key),
        default=Concat(Value("ceased:"), F("unit__path"), output_field=CharField()),
        output_field=CharField(),
    )
    rows = (
        values.filter(where)
        .annotate(key=key)
        .values("key", "year", "element_id", "sex")
        .annotate(total=Sum("value"))
    )
    ceased = []
    for row in rows:
        if row["key"].startswith("ceased:"):
            ceased.append(row)
        else:
            _add(grouped, (row["key"], row["year"]), (row["element_id"], row["sex"]), row["total"])
    if not ceased:
        return
    homes.load_ancestors({row["key"].removeprefix("ceased:") for row in ceased})
    for row in ceased:
        path = row["key"].removeprefix("ceased:")
        for home_path, share in homes.of(path):
            if not home_path.startswith(unit.path):
                continue
            target = unit.path
            if children and home_path != unit.path:
                target = home_path[: home_path.index("/", len(unit.path)) + 1]
            term = (row["element_id"], row["sex"])
            _add(grouped, (target, row["year"]), term, row["total"] * share)


class _Homes:
    """Where the figures of a ceased unit go today: successions followed across reforms,
    shared equally among the successors of a split, else the nearest unit above."""

    def __init__(self, today: date):
        self.today = today
        self.successors: dict[int, list[int]] = defaultdict(list)
        self.paths: dict[int, str] = {}
        self.current: dict[int, bool] = {}
        links = Succession.objects.values(
            "predecessor_id",
            "predecessor__path",
            "predecessor__valid_from",
            "predecessor__valid_to",
            "successor_id",
            "successor__path",
            "successor__valid_from",
            "successor__valid_to",
        ).order_by("successor_id")
        for link in links:
            for side in ("predecessor", "successor"):
                pk = link[f"{side}_id"]
                self.paths[pk] = link[f"{side}__path"]
                self.current[pk] = _valid(
                    link[f"{side}__valid_from"], link[f"{side}__valid_to"], today
                )
            self.successors[link["predecessor_id"]].append(link["successor_id"])
        if self.paths:
            # A successor that ceased in turn without a successor goes with the unit above it.
            self.load_ancestors(set(self.paths.values()))

    def roots_moving_into(self, unit: Unit) -> list[str]:
        """Paths of ceased units whose figures go (at least partly) to `unit`'s subtree."""
        roots = []
        for pk in self.successors:
            if self.current.get(pk):
                continue
            if any(path.startswith(unit.path) for path, _share in self._follow(pk, set())):
                roots.append(self.paths[pk])
        return roots

    def load_ancestors(self, paths: set[str]) -> None:
        """The validity of the units on these paths not known yet: one query."""
        wanted = {int(part) for path in paths for part in path.strip("/").split("/")}
        wanted -= set(self.current)
        for pk, path, start, end in Unit.objects.filter(pk__in=sorted(wanted)).values_list(
            "pk", "path", "valid_from", "valid_to"
        ):
            self.paths[pk] = path
            self.current[pk] = _valid(start, end, self.today)

    def of(self, path: str) -> list[tuple[str, Decimal]]:
        pk = int(path.strip("/").split("/")[-1])
        self.paths.setdefault(pk, path)
        return self._follow(pk, set())

    def _follow(self, pk: int, seen: set[int]) -> list[tuple[str, Decimal]]:
        if pk in seen:
            return []
        seen = seen | {pk}
        if self.current.get(pk, False):
            return [(self.paths[pk], Decimal(1))]
        successors = self.successors.get(pk)
        if successors:
            share = Decimal(1) / len(successors)
            return [
                (path, part * share)
                for successor in successors
                for path, part in self._follow(successor, seen)
            ]
        parent = _parent_id(self.paths.get(pk, ""))
        if parent is None or parent not in self.paths:
            return []
        return self._follow(parent, seen)


def _parent_id(path: str) -> int | None:
    parts = path.strip("/").split("/")
    return int(parts[-2]) if len(parts) >= 2 else None


def _valid(start: date | None, end: date | None, day: date) -> bool:
    return (start is None or start <= day) and (end is None or end > day)
