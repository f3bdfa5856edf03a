"""Where to inspect: the lower units and member agencies of a unit ranked from its data.

`suggest_targets(unit, as_of)` weighs four things, each explained in a sentence:
(a) reports late or not sent, for the unit's reporting requirements due in the window
    (vstb/reporting);
(b) overdue tasks: the tasks a member agency leads or supports in the unit's plans, and for
    a lower unit the tasks of its own plans and those the unit's plans name it for
    (vstb/plans);
(c) indicators of a lower unit missing the target that applies to it (the Strategy's or the
    unit's own) in the last full year, or moved the wrong way since the year before
    (vstb/indicators, the same roll-up as the dashboards);
(d) how long since it was last inspected (the visits of this app; never, first).
The committee picks from the list; nothing here decides for it.

The window (the year of `as_of` and the year before) and the weights below are VSTB's
choices, not a regulation's: they rank, they do not judge. Every count is aggregated in the
database; the number of queries does not depend on the number of units, tasks or reports
(tests/test_suggestions.py, and `vstb bench inspections`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Case, Count, DateTimeField, F, Max, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vstb.indicators import progress, rollup
from vstb.indicators.models import Indicator
from vstb.indicators.models import Target as IndicatorTarget
from vstb.inspections.models import PlanStatus as InspectionPlanStatus
from vstb.inspections.models import Target
from vstb.lib.periods import in_force
from vstb.org.models import Agency, AgencyKind, Unit
from vstb.plans.models import PlanStatus, Task, TaskStatus
from vstb.reporting.models import Report, Requirement

Key = tuple[str, int]


class LowerUnit(NamedTuple):
    """A lower unit as the ranking needs it: thousands of them are read for a province, so
    not as model instances (each would be built, hashed and snapshotted by the audit trail)."""

    pk: int
    name: str
    level: int
    path: str
    valid_from: date | None
    valid_to: date | None


WINDOW_YEARS = 2  # the year of as_of and the one before
# Weights of the score (VSTB's choice): a report never sent counts twice a late one; each
# year without an inspection counts as one overdue task, up to NEVER_INSPECTED_YEARS.
MISSING_REPORT_WEIGHT = 2
NEVER_INSPECTED_YEARS = 5

CLOSED_TASK = [TaskStatus.DONE, TaskStatus.CANNOT_DO]
ISSUED_PLAN = [PlanStatus.ISSUED, PlanStatus.CLOSED]


@dataclass
class Suggestion:
    """One lower unit or member agency, with what the data say about it."""

    unit: LowerUnit | None = None
    agency: Agency | None = None
    late_reports: int = 0
    missing_reports: int = 0
    overdue_tasks: int = 0
    # (indicator, value, year, target's year, target's value) for each indicator short of
    # its target; (indicator, value before, year before, value, year) for each that moved
    # the wrong way. Sentences are written only for the suggestions shown (`reasons`).
    off_target: list[tuple] = field(default_factory=list)
    worsened: list[tuple] = field(default_factory=list)
    last_inspected: date | None = None
    as_of: date | None = None

    @property
    def key(self) -> Key:
        return ("agency", self.agency.pk) if self.agency else ("unit", self.unit.pk)  # type: ignore[union-attr]

    @property
    def name(self) -> str:
        return self.agency.name if self.agency else self.unit.name  # type: ignore[union-attr]

    @property
    def years_without_inspection(self) -> int:
        if self.last_inspected is None or self.as_of is None:
            return NEVER_INSPECTED_YEARS
        return min(NEVER_INSPECTED_YEARS, (self.as_of - self.last_inspected).days // 365)

    @property
    def score(self) -> int:
        return (
            self.late_reports
            + MISSING_REPORT_WEIGHT * self.missing_reports
            + self.overdue_tasks
            + len(self.off_target)
            + len(self.worsened)
            + self.years_without_inspection
        )

    @property
    def reasons(self) -> list[str]:
        """Why it is suggested: one sentence per criterion that counts against it."""
        sentences = []
        if self.late_reports or self.missing_reports:
            sentences.append(
                _("Reports: %(late)s sent late and %(missing)s not sent.")
                % {"late": self.late_reports, "missing": self.missing_reports}
            )
        if self.overdue_tasks:
            sentences.append(
                ngettext(
                    "%(count)s task is overdue.",
                    "%(count)s tasks are overdue.",
                    self.overdue_tasks,
                )
                % {"count": self.overdue_tasks}
            )
        for name, value, year, target_year, target in self.off_target:
            sentences.append(
                _(
                    "%(indicator)s: %(value)s in %(year)s, short of the target for %(target_year)s (%(target)s)."
                )
                % {
                    "indicator": name,
                    "value": _number(value),
                    "year": year,
                    "target_year": target_year,
                    "target": _number(target),
                }
            )
        for name, previous, before, value, year in self.worsened:
            sentences.append(
                _(
                    "%(indicator)s moved the wrong way: %(previous)s in %(before)s, %(value)s in %(year)s."
                )
                % {
                    "indicator": name,
                    "previous": _number(previous),
                    "before": before,
                    "value": _number(value),
                    "year": year,
                }
            )
        if self.last_inspected is None:
            sentences.append(_("Never inspected in VSTB."))
        elif self.years_without_inspection:
            sentences.append(
                _("Last inspected on %(day)s.") % {"day": f"{self.last_inspected:%d/%m/%Y}"}
            )
        return sentences


def suggest_targets(unit: Unit, as_of: date) -> list[Suggestion]:
    """The unit's lower units (in force on `as_of`) and active member agencies, the most
    in need of an inspection first."""
    children = [
        LowerUnit(*row)
        for row in Unit.objects.filter(parent=unit)
        .filter(in_force(as_of))
        .order_by("name")
        .values_list("pk", "name", "level", "path", "valid_from", "valid_to")
    ]
    agencies = list(
        Agency.objects.filter(unit=unit, active=True)
        # A lower People's Committee is its lower unit, suggested as such (as reporting's
        # expected_agencies leaves it out).
        .exclude(kind=AgencyKind.LOWER_PEOPLES_COMMITTEE)
        .order_by("name")
    )
    suggestions: dict[Key, Suggestion] = {}
    for child in children:
        suggestions[("unit", child.pk)] = Suggestion(unit=child, as_of=as_of)
    for agency in agencies:
        suggestions[("agency", agency.pk)] = Suggestion(agency=agency, as_of=as_of)

    _count_reports(unit, as_of, children, agencies, suggestions)
    _count_overdue_tasks(unit, as_of, suggestions)
    _check_indicators(unit, as_of, children, suggestions)
    _last_inspections(unit, as_of, suggestions)
    return sorted(suggestions.values(), key=lambda s: (-s.score, s.name))


def _first_years(as_of: date) -> range:
    return range(as_of.year - WINDOW_YEARS + 1, as_of.year + 1)


def _deadline_passed(due: date) -> datetime:
    """The first moment a report due on `due` is late: the next day, local time."""
    return timezone.make_aware(datetime.combine(due + timedelta(days=1), time.min))


def _count_reports(unit, as_of, children, agencies, suggestions) -> None:
    """(a) For each requirement of the window already due, a reporter expected to report
    either sent it on time, late, or not yet (missing). Two queries."""
    years = _first_years(as_of)
    requirements = list(
        Requirement.objects.filter(unit=unit, year__gte=years.start, year__lt=years.stop)
    )
    levels = sorted({child.level for child in children})
    owed: dict[int, list[Requirement]] = defaultdict(list)  # by level: the reports due
    whens = []
    for requirement in requirements:
        if requirement.includes_units():
            for level in levels:
                due = requirement.due_for(level)
                if due and due < as_of:
                    whens.append(
                        When(
                            requirement_id=requirement.pk,
                            unit__level=level,
                            then=Value(_deadline_passed(due)),
                        )
                    )
                    owed[level].append(requirement)
        if requirement.includes_agencies():
            due = requirement.due_for(None)
            if due and due < as_of:
                whens.append(
                    When(
                        requirement_id=requirement.pk,
                        agency__isnull=False,
                        then=Value(_deadline_passed(due)),
                    )
                )
                for agency in agencies:
                    suggestions[("agency", agency.pk)].missing_reports += 1
    for child in children:
        due = owed.get(child.level, [])
        if child.valid_from is None and child.valid_to is None:
            count = len(due)  # existed all along: owes every one
        else:
            count = sum(1 for requirement in due if _existed(child, requirement))
        suggestions[("unit", child.pk)].missing_reports += count
    if not whens:
        return
    sent_by = timezone.make_aware(datetime.combine(as_of, time.max))
    rows = (
        Report.objects.filter(
            requirement__in=requirements,
            receiver=unit,
            submitted_at__isnull=False,
            submitted_at__lte=sent_by,
        )
        .annotate(late_from=Case(*whens, default=None, output_field=DateTimeField()))
        .filter(late_from__isnull=False)
        .values("unit_id", "agency_id")
        .annotate(
            sent=Count("pk"),
            late=Count("pk", filter=Q(submitted_at__gte=F("late_from"))),
        )
        .order_by()
    )
    for row in rows:
        key: Key = ("agency", row["agency_id"]) if row["agency_id"] else ("unit", row["unit_id"])
        suggestion = suggestions.get(key)
        if suggestion is not None:
            suggestion.missing_reports = max(0, suggestion.missing_reports - row["sent"])
            suggestion.late_reports += row["late"]


def _existed(child: LowerUnit, requirement: Requirement) -> bool:
    """A unit created after the requirement's data window, or gone before it, owes nothing."""
    if child.valid_from and requirement.window_end and child.valid_from > requirement.window_end:
        return False
    return not (
        child.valid_to and requirement.window_start and child.valid_to <= requirement.window_start
    )


def _count_overdue_tasks(unit, as_of, suggestions) -> None:
    """(b) Open tasks past their deadline on `as_of`, of issued plans of the window. Four
    grouped queries: agencies leading, agencies supporting, lower units named in the unit's
    plans, lower units' own plans."""
    years = _first_years(as_of)
    overdue = (
        Task.objects.filter(plan__status__in=ISSUED_PLAN, plan__year__in=list(years))
        .exclude(status__in=CLOSED_TASK)
        .filter(Q(due__lt=as_of) | Q(due__isnull=True, period_end__lt=as_of))
    )
    counts: dict[Key, int] = defaultdict(int)
    for lead_id, count in (
        overdue.filter(plan__unit=unit, lead__isnull=False)
        .values_list("lead_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[("agency", lead_id)] += count
    support = Task.support.through.objects.filter(task__in=overdue.filter(plan__unit=unit))
    for agency_id, count in support.values_list("agency_id").annotate(n=Count("pk")).order_by():
        counts[("agency", agency_id)] += count
    named = Task.units.through.objects.filter(task__in=overdue.filter(plan__unit=unit))
    for unit_id, count in named.values_list("unit_id").annotate(n=Count("pk")).order_by():
        counts[("unit", unit_id)] += count
    for unit_id, count in (
        overdue.filter(plan__unit__parent=unit)
        .values_list("plan__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[("unit", unit_id)] += count
    for key, count in counts.items():
        if key in suggestions:
            suggestions[key].overdue_tasks += count


def _check_indicators(unit, as_of, children, suggestions) -> None:
    """(c) Each lower unit's indicators in the last full year against the target that
    applies (the nearest year's, the Strategy's or the unit's own; one whose value is not
    confirmed is never used), and against the year before. A fixed number of queries: the
    roll-up groups every child's values at once."""
    if not children:
        return
    year = as_of.year - 1
    targets: dict[int, IndicatorTarget] = {}
    for target in (
        IndicatorTarget.objects.for_unit(unit)
        .filter(value__isnull=False, to_confirm=False)
        .order_by("year", "unit_id")
    ):
        # The first target year at or after `year`, a local target over the Strategy's.
        chosen = targets.get(target.indicator_id)
        if target.year < year and chosen is None:
            targets[target.indicator_id] = target
        elif target.year >= year and (chosen is None or chosen.year < year):
            targets[target.indicator_id] = target
        elif chosen is not None and chosen.year == target.year and target.unit_id:
            targets[target.indicator_id] = target
    indicators = [
        indicator
        for indicator in Indicator.objects.select_related("numerator", "denominator")
        if indicator.computable
    ]
    if not indicators:
        return
    grouped = rollup.sums_by_children(indicators, unit, [year - 1, year], today=as_of)
    # Each indicator with what it needs, read once: over thousands of communes, most
    # indicators have no figure for most of them and are passed over on a dictionary look-up.
    checks = [
        (
            indicator,
            (indicator.numerator_id, indicator.numerator_sex),
            indicator.direction == "higher",
            targets.get(indicator.pk),
        )
        for indicator in indicators
    ]
    for child in children:
        now_sums = grouped.get((child.path, year))
        if not now_sums:
            continue
        before_sums = grouped.get((child.path, year - 1))
        suggestion = suggestions[("unit", child.pk)]
        for indicator, numerator, higher, target in checks:
            if numerator not in now_sums:
                continue
            value = rollup.value_of(indicator, now_sums)
            if value is None:
                continue
            if target is not None and not progress.meets(
                value, target.operator, target.value, higher
            ):
                suggestion.off_target.append(
                    (indicator.name_vi, value, year, target.year, target.value)
                )
            previous = rollup.value_of(indicator, before_sums)
            if previous is not None and (value < previous if higher else value > previous):
                suggestion.worsened.append((indicator.name_vi, previous, year - 1, value, year))


def _number(value: Decimal) -> str:
    text = f"{round(value, 2):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return number_format(Decimal(text), use_l10n=True)


def _last_inspections(unit, as_of, suggestions) -> None:
    """(d) The last visit to each (its date, or the planned date of an issued plan's
    target). One grouped query."""
    rows = (
        Target.objects.filter(
            Q(unit__parent=unit) | Q(agency__unit=unit),
            plan__status__in=[InspectionPlanStatus.ISSUED, InspectionPlanStatus.CLOSED],
        )
        .annotate(day=Coalesce("visit__visited_on", "planned_on"))
        .filter(day__lte=as_of)
        .values("unit_id", "agency_id")
        .annotate(last=Max("day"))
        .order_by()
    )
    for row in rows:
        key: Key = ("agency", row["agency_id"]) if row["agency_id"] else ("unit", row["unit_id"])
        if key in suggestions:
            suggestions[key].last_inspected = row["last"]
