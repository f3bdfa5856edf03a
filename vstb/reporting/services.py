"""Reporting workflows: open a report with its pre-filled content, save it safely, measure
completeness, chase, and compile upward."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vstb import access
from vstb.activities.models import Activity
from vstb.cases import statistics as case_statistics
from vstb.indicators import services as indicator_services
from vstb.indicators.models import Area, DataElement, PeriodKind, SexSlot, Source
from vstb.indicators.services import SaveResult
from vstb.notifications import handoffs
from vstb.notifications.models import Kind
from vstb.notifications.services import Told, fit, in_vietnamese, notify
from vstb.org.models import Agency, Level, Unit
from vstb.plans.models import IssuerBody, NumberRegister, Task
from vstb.reporting import tasks
from vstb.reporting.models import (
    NARRATIVE_SECTIONS,
    Chase,
    Figure,
    FigureValue,
    Report,
    ReportEvent,
    ReportStatus,
    Requirement,
    RequirementKind,
)
from vstb.reporting.narrative import merge as merge_narratives
from vstb.reporting.periods import PeriodRule

# Lazy: built at import time, it must still speak the language of the request.
STALE = gettext_lazy(
    "Someone else saved this report after you opened it. Your changes were not saved: "
    "reload the page to see theirs, then make your changes again."
)


# Opening a report ---------------------------------------------------------------------------


def receiver_of(reporter) -> Unit:
    return reporter.unit if isinstance(reporter, Agency) else reporter.parent


@transaction.atomic
def open_report(requirement: Requirement, reporter, user=None) -> Report:
    """The reporter's report for the requirement, created with its pre-filled content."""
    lookup = {"agency": reporter} if isinstance(reporter, Agency) else {"unit": reporter}
    report, created = Report.objects.get_or_create(
        requirement=requirement, **lookup, defaults={"receiver": receiver_of(reporter)}
    )
    if created:
        prefill(report)
        ReportEvent.objects.create(report=report, by=user, action="created")
    return report


def _held_in_window(requirement: Requirement, today: date | None = None) -> Q:
    """Activities of the data window already held: one dated after today is planned, not
    done, and a report counts what was done (its window may still be running)."""
    last = min(requirement.window_end, today or timezone.localdate())
    return Q(start__gte=requirement.window_start, start__lte=last)


def _activities_of(report: Report):
    activities = Activity.objects.filter(_held_in_window(report.requirement))
    if report.agency_id:
        return activities.filter(agency=report.agency)
    return activities.filter(unit=report.unit)


def prefill(report: Report) -> None:
    """Narrative and figures drawn from the reporter's activities inside the cut-off window."""
    activities = list(
        _activities_of(report).prefetch_related("tasks__section__parent").order_by("start", "pk")
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for activity in activities:
        line = _activity_line(activity)
        headings = {_group_of(task) for task in activity.tasks.all()} or {_("Other activities")}
        for heading in sorted(headings):
            groups[heading].append(line)
    results = "\n\n".join(
        heading + "\n" + "\n".join(f"- {line}" for line in lines)
        for heading, lines in groups.items()
    )
    report.narrative = {key: "" for key, _label in NARRATIVE_SECTIONS}
    report.narrative["results"] = results
    report.save(update_fields=["narrative"])
    counted = _case_counts(report)
    for counter in COUNTERS:
        counted.update(counter(report))
    derived = derive_figures(report.requirement, activities, counted)
    FigureValue.objects.bulk_create(
        [
            FigureValue(report=report, figure_id=figure_id, **value)
            for figure_id, value in derived.items()
        ]
    )


def _group_of(task) -> str:
    """The heading of the plan part a task belongs to ("1. Công tác tuyên truyền…")."""
    section = task.section
    heading = section.parent if section.label == "-" and section.parent_id else section
    if heading.title:
        return f"{heading.label}. {heading.title}" if heading.label else heading.title
    return _("Other activities")


def _activity_line(activity: Activity) -> str:
    day = activity.start.strftime("%d/%m/%Y")
    reach = ""
    if activity.participants_total is not None:
        reach = _(" (%(total)s participants, of whom %(women)s women)") % {
            "total": activity.participants_total,
            "women": activity.participants_women
            if activity.participants_women is not None
            else "?",
        }
    return f"{day}: {activity.title}{reach}"


# Counts of a report's figures kept by apps above reporting, each a function of the report
# giving {figure source: count}; they add theirs when they load (the gender reviews:
# reviews.apps), since reporting may not import them.
COUNTERS: list = []


def _case_counts(report: Report) -> dict[str, int]:
    """A commune's own report counts its cases from the case register; a report of an agency
    or of a level above does not (the levels above add up their communes' reports)."""
    if report.unit_id is None or report.unit.level != Level.COMMUNE:
        return {}
    last = min(report.requirement.window_end, timezone.localdate())
    return case_statistics.report_counts([report.unit_id], report.requirement.window_start, last)


def derive_figures(
    requirement: Requirement, activities: list[Activity], cases: dict[str, int] | None = None
) -> dict[int, dict]:
    """Figure values that activities and the case register give, by figure id; hand-entered
    figures are left out, and so are case figures where the register gives none."""
    values = {}
    for figure in requirement.figures.exclude(source=""):
        if figure.source in (cases or {}):
            values[figure.pk] = {"total": (cases or {})[figure.source], "women": None, "men": None}
            continue
        chosen = [a for a in activities if not figure.source_kind or a.kind == figure.source_kind]
        if figure.source == Figure.Source.ACTIVITIES_BY_KIND:
            values[figure.pk] = {"total": len(chosen), "women": None, "men": None}
        elif figure.source == Figure.Source.PARTICIPANTS_BY_KIND:
            values[figure.pk] = {
                "total": sum(a.participants_total or 0 for a in chosen),
                "women": sum(a.participants_women or 0 for a in chosen) if figure.by_sex else None,
                "men": sum(a.participants_men or 0 for a in chosen) if figure.by_sex else None,
            }
        elif figure.source == Figure.Source.OUTPUTS:
            values[figure.pk] = {
                "total": sum(
                    a.articles + a.broadcasts + a.leaflets + a.social_posts for a in chosen
                ),
                "women": None,
                "men": None,
            }
    return values


# Saving -------------------------------------------------------------------------------------


@transaction.atomic
def save_report(
    report: Report, user, version: int, narrative: dict, figures: dict[int, dict]
) -> list[str]:
    """Save narrative and figures, refusing a stale version; every change is recorded.
    Returns the notes on what was saved (women and men below a total: FigureValue.sex_note)."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.version != version:
        raise ValidationError(STALE, code="stale")
    if not locked.is_editable:
        raise ValidationError(
            _("This report has been submitted or accepted and can no longer be changed.")
        )
    changes = {}
    for key, text in narrative.items():
        if (locked.narrative or {}).get(key, "") != text:
            changes[f"narrative.{key}"] = True
    current = {v.figure_id: v for v in locked.values.all()}
    problems, notes, created, changed = [], [], [], []
    for figure in locked.requirement.figures.all():
        if figure.pk not in figures:
            continue
        value = current.get(figure.pk) or FigureValue(report=locked, figure=figure)
        new = figures[figure.pk]
        before = (value.total, value.women, value.men)
        value.total, value.women, value.men = new.get("total"), new.get("women"), new.get("men")
        try:
            value.full_clean(exclude=["report", "figure"])
        except ValidationError as error:
            problems.extend(f"{figure.label}: {message}" for message in error.messages)
            continue
        if value.sex_note():
            notes.append(f"{figure.label}: {value.sex_note()}")
        if before != (value.total, value.women, value.men):
            changes[figure.code] = {
                "from": list(before),
                "to": [value.total, value.women, value.men],
            }
            (changed if value.pk else created).append(value)
    if problems:
        raise ValidationError(problems)
    # Two statements whatever the number of figures (a save once ran one UPDATE per figure).
    FigureValue.objects.bulk_create(created)
    FigureValue.objects.bulk_update(changed, ["total", "women", "men"])
    locked.narrative = {**(locked.narrative or {}), **narrative}
    locked.version += 1
    locked.save(update_fields=["narrative", "version"])
    report.narrative, report.version = locked.narrative, locked.version
    if changes:
        ReportEvent.objects.create(report=locked, by=user, action="edited", changes=changes)
    return notes


# Completeness -------------------------------------------------------------------------------


@dataclass
class ExpectedReporter:
    reporter: object  # Unit or Agency
    report: Report | None
    state: str  # "accepted", "submitted", "returned", "late", "missing", "draft"
    late: bool


def completeness(
    requirement: Requirement, receiver: Unit, today: date | None = None
) -> list[ExpectedReporter]:
    """Each expected reporter of `receiver`, with where its report stands."""
    today = today or timezone.localdate()
    received = Report.objects.filter(
        requirement=requirement, receiver=receiver, compiled=False
    ) | Report.objects.filter(requirement=requirement, unit__parent=receiver)
    # The narratives are not needed here, and a province's can be large.
    reports = {(r.unit_id, r.agency_id): r for r in received.defer("narrative")}
    rows = []
    reporters = [
        *requirement.expected_units(receiver).order_by("search_name"),
        *requirement.expected_agencies(receiver).order_by("name"),
    ]
    for reporter in reporters:
        key = (None, reporter.pk) if isinstance(reporter, Agency) else (reporter.pk, None)
        report = reports.get(key)
        if report is not None:  # what is_late reads, known already: no query per report
            report.requirement = requirement
            if not isinstance(reporter, Agency):
                report.unit = reporter
        due = requirement.due_for(None if isinstance(reporter, Agency) else reporter.level)
        if report is None or report.status == ReportStatus.DRAFT:
            late = bool(due and today > due)
            state = "late" if late else ("draft" if report else "missing")
        else:
            late = report.is_late(today)
            state = report.status
        rows.append(ExpectedReporter(reporter, report, state, late))
    return rows


def rates(rows: list[ExpectedReporter]) -> dict[str, float]:
    """Shares of the expected reporters only, so never above 100 %."""
    expected = len(rows)
    if not expected:
        return {"submitted": 0.0, "on_time": 0.0, "accepted": 0.0}
    submitted = [r for r in rows if r.state in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)]
    return {
        "submitted": 100 * len(submitted) / expected,
        "on_time": 100 * len([r for r in submitted if not r.late]) / expected,
        "accepted": 100 * len([r for r in rows if r.state == ReportStatus.ACCEPTED]) / expected,
    }


# Compilation --------------------------------------------------------------------------------


@dataclass
class Coverage:
    """How many of the reporters expected by a receiver a compilation includes."""

    expected: int
    included: list[str]  # names of the reporters whose accepted report is summed
    not_accepted: list[str]  # sent (submitted or returned) but not accepted
    missing: list[str]  # not sent: never opened, still a draft, or late

    @property
    def complete(self) -> bool:
        return not (self.not_accepted or self.missing)

    def warning(self) -> str:
        """The sentence recorded in the report's history when an incomplete compilation is
        confirmed (in the language of the request)."""
        parts = [
            _("%(included)s of %(expected)s expected reporters included.")
            % {"included": len(self.included), "expected": self.expected}
        ]
        if self.missing:
            parts.append(_("Not sent: %(names)s.") % {"names": ", ".join(map(str, self.missing))})
        if self.not_accepted:
            parts.append(
                _("Sent but not accepted: %(names)s.") % {"names": ", ".join(self.not_accepted)}
            )
        return " ".join(parts)


def coverage_of(rows: list[ExpectedReporter]) -> Coverage:
    """The coverage of a compilation, from the completeness rows of its receiver."""
    return Coverage(
        expected=len(rows),
        included=[str(r.reporter) for r in rows if r.state == ReportStatus.ACCEPTED],
        not_accepted=[
            str(r.reporter)
            for r in rows
            if r.state in (ReportStatus.SUBMITTED, ReportStatus.RETURNED)
        ],
        missing=[str(r.reporter) for r in rows if r.state in CHASED_STATES],
    )


def coverage(requirement: Requirement, receiver: Unit) -> Coverage:
    """What `coverage_of(completeness(...))` gives, read lean (names and statuses only, no
    model rows): compiling checks it every time, at a province over a hundred reporters."""
    units = list(
        requirement.expected_units(receiver).order_by("search_name").values_list("pk", "name")
    )
    agencies = list(
        requirement.expected_agencies(receiver).order_by("name").values_list("pk", "name")
    )
    # One read for both kinds of reporter: a report is a unit's or an agency's, never both
    # (constraint report_unit_xor_agency).
    status = (
        {
            (("unit", unit_id) if unit_id else ("agency", agency_id)): state
            for unit_id, agency_id, state in Report.objects.filter(
                Q(unit__in=[pk for pk, _name in units])
                | Q(agency__in=[pk for pk, _name in agencies]),
                requirement=requirement,
            ).values_list("unit_id", "agency_id", "status")
        }
        if units or agencies
        else {}
    )
    found = Coverage(expected=len(units) + len(agencies), included=[], not_accepted=[], missing=[])
    for kind, rows in (("unit", units), ("agency", agencies)):
        for pk, name in rows:
            state = status.get((kind, pk))
            if state == ReportStatus.ACCEPTED:
                found.included.append(name)
            elif state in (ReportStatus.SUBMITTED, ReportStatus.RETURNED):
                found.not_accepted.append(name)
            else:
                found.missing.append(name)
    return found


class IncompleteCompilation(ValidationError):
    """Compiling or issuing a compilation that leaves expected reporters out, unconfirmed."""


def _refuse_unconfirmed(found: Coverage, confirmed: bool) -> None:
    if not found.complete and not confirmed:
        raise IncompleteCompilation(
            _(
                "The compilation would include %(included)s of %(expected)s expected "
                "reporters. Check the list of missing reports, then confirm that you want to "
                "go on without them."
            )
            % {"included": len(found.included), "expected": found.expected},
            code="incomplete",
        )


def accepted_contributions(requirement: Requirement, receiver: Unit):
    return Report.objects.filter(
        requirement=requirement, receiver=receiver, status=ReportStatus.ACCEPTED
    ).exclude(unit=receiver)


def summed_figures(requirement: Requirement, receiver: Unit) -> dict[int, dict]:
    """The figures of the accepted reports to `receiver`, summed in one query."""
    rows = (
        FigureValue.objects.filter(report__in=accepted_contributions(requirement, receiver))
        .values("figure_id")
        .annotate(
            total=Sum("total"), women=Sum("women"), men=Sum("men"), reports=Count("report_id")
        )
    )
    return {row["figure_id"]: row for row in rows}


def narrative_template(requirement: Requirement) -> dict[str, list[str]]:
    """The headings a compiled results text follows, in order: the parts of the plan the
    requirement was created from (those holding tasks), as reports pre-fill them."""
    if not requirement.source_plan_id:
        return {}
    tasks = (
        Task.objects.filter(plan_id=requirement.source_plan_id)
        .select_related("section__parent")
        .order_by("section__parent__order", "section__order", "paragraph", "pk")
    )
    headings = dict.fromkeys(_group_of(task) for task in tasks if task.section_id)
    return {"results": list(headings)}


def _own_activities(requirement: Requirement, receiver: Unit) -> dict[str, str]:
    """The receiver's own activities held in the window, as a pre-filled results text."""
    own = Activity.objects.filter(_held_in_window(requirement), unit=receiver)
    own = own.prefetch_related("tasks__section__parent").order_by("start", "pk")
    groups: dict[str, list[str]] = defaultdict(list)
    for activity in own:
        headings = {_group_of(task) for task in activity.tasks.all()} or {_("Other activities")}
        for heading in sorted(headings):
            groups[heading].append(_activity_line(activity))
    text = "\n".join(line for heading, lines in groups.items() for line in (heading, *lines))
    return {"results": text}


@transaction.atomic
def compile_report(
    requirement: Requirement, receiver: Unit, user=None, confirm_incomplete: bool = False
) -> Report:
    """The receiver's own report, drafted from the accepted reports it received.

    Figures are the sums (drill-down: `contributions`); narratives are merged section by
    section under their headings, each contributor's text attributed once (narrative.merge),
    the receiver's own activities first. A compilation that leaves expected reporters out is
    refused unless `confirm_incomplete`; the confirmed warning is kept in the history.
    """
    found = coverage(requirement, receiver)
    _refuse_unconfirmed(found, confirm_incomplete)
    # The old narrative is about to be replaced: never load it (it can be large at a province).
    report, _created = Report.objects.defer("narrative").get_or_create(
        requirement=requirement,
        unit=receiver,
        defaults={"receiver_id": receiver.parent_id or receiver.pk, "compiled": True},
    )
    if not report.is_editable:
        raise ValidationError(
            _("This report has been submitted or accepted and can no longer be changed.")
        )
    # Rows, not models: a province reads a hundred large narratives here.
    contributions = list(
        accepted_contributions(requirement, receiver).values_list(
            "pk", "unit__name", "agency__name", "narrative"
        )
    )
    keys = [key for key, _label in NARRATIVE_SECTIONS]
    # The narrative is the document's text, in Vietnamese whatever the site's language.
    with translation.override("vi"):
        parts = [(str(receiver), _own_activities(requirement, receiver))]
        parts += [(unit or agency, text or {}) for _pk, unit, agency, text in contributions]
        report.narrative = merge_narratives(parts, keys, narrative_template(requirement))
    report.compiled = True
    report.version += 1
    report.save(update_fields=["narrative", "compiled", "version"])
    sums = summed_figures(requirement, receiver)
    FigureValue.objects.filter(report=report).delete()
    FigureValue.objects.bulk_create(
        [
            FigureValue(
                report=report,
                figure_id=figure_id,
                total=row["total"],
                women=row["women"],
                men=row["men"],
            )
            for figure_id, row in sums.items()
        ]
    )
    changes = {
        "contributors": len(contributions),
        "reports": sorted(pk for pk, *_rest in contributions),
        "expected": found.expected,
    }
    if not found.complete:
        changes.update(
            missing=found.missing, not_accepted=found.not_accepted, confirmed_incomplete=True
        )
    ReportEvent.objects.create(
        report=report,
        by=user,
        action="compiled",
        comment="" if found.complete else found.warning(),
        changes=changes,
    )
    return report


def contributions(report: Report, figure: Figure) -> list[tuple[object, FigureValue]]:
    """Drill-down: each accepted report's value that a compiled figure sums."""
    values = FigureValue.objects.filter(
        figure=figure, report__in=accepted_contributions(report.requirement, report.unit)
    ).select_related("report__unit", "report__agency")
    return [(value.report.reporter, value) for value in values]


def may_report_for(requirement: Requirement, reporter) -> bool:
    """Whether `reporter` (a unit or an agency) reports for this requirement: a unit below
    the requirement's unit when lower units report (the requirement's own unit sends its
    compiled report instead), an agency of that unit or of a unit below it when agencies do."""
    if isinstance(reporter, Agency):
        return requirement.includes_agencies() and reporter.unit.path.startswith(
            requirement.unit.path
        )
    return (
        requirement.includes_units()
        and reporter.path.startswith(requirement.unit.path)
        and reporter.pk != requirement.unit_id
    )


def _reporters_of(user) -> tuple[list[Unit], list[Agency]]:
    """The units the user manages and the agencies whose focal point they are: what they
    write reports for."""
    units = list(access.units_managed_by(user).order_by("level", "name"))
    agencies = list(access.agencies_of(user).select_related("unit"))
    return units, agencies


@dataclass
class ReporterRow:
    requirement: Requirement
    reporter: object  # Unit or Agency
    report: Report | None
    due: date | None

    @property
    def reporter_kind(self) -> str:
        return "agency" if isinstance(self.reporter, Agency) else "unit"


def reporter_rows(requirements, user, reporters=None) -> list[ReporterRow]:
    """ "My reports": for each requirement (a queryset, or requirements already read with
    their unit), each reporter the user writes for, with its report if opened. Three queries
    whatever the number of requirements, two when they are already read, one when the
    reporters are given too (`reporters`: `_reporters_of`'s answer, as the home page has it)."""
    units, agencies = reporters if reporters is not None else _reporters_of(user)
    if isinstance(requirements, QuerySet):
        requirements = requirements.select_related("unit")
    requirements = list(requirements)
    reports = {
        (r.requirement_id, r.unit_id, r.agency_id): r
        for r in Report.objects.filter(requirement__in=requirements).filter(
            Q(unit__in=units) | Q(agency__in=agencies)
        )
    }
    rows = []
    for requirement in requirements:
        for reporter in [*units, *agencies]:
            if may_report_for(requirement, reporter):
                is_agency = isinstance(reporter, Agency)
                key = (
                    (requirement.pk, None, reporter.pk)
                    if is_agency
                    else (requirement.pk, reporter.pk, None)
                )
                due = requirement.due_for(None if is_agency else reporter.level)
                rows.append(ReporterRow(requirement, reporter, reports.get(key), due))
    return rows


def received_by(reports, unit: Unit):
    """The reports sent to `unit` among `reports` (a draft is not sent yet), the latest sent
    first: a unit's inbox."""
    return (
        reports.filter(receiver=unit)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("requirement__unit", "unit", "agency")
        .order_by("-submitted_at", "-pk")
    )


# Accepting: the figures become indicator data --------------------------------------------------

# The indicator period a report's figures are written into, by the requirement's period
# (Decree 09/2019/NĐ-CP art. 12: the 6-month report covers the first half, the annual one the
# year). Other periods (9 months, a quarter, custom dates) match no indicator period.
INDICATOR_PERIODS = {
    PeriodRule.SIX_MONTH: PeriodKind.FIRST_HALF,
    PeriodRule.ANNUAL: PeriodKind.YEAR,
}


def flows_into_indicators(report: Report) -> bool:
    """Whether accepting the report writes its figures into the unit's indicator figures:
    a unit's own report, not an agency's (a unit has one figure, not one per agency) and not
    a compiled one (its sums are the lower units' figures, which roll up already)."""
    return (
        not report.compiled
        and report.agency_id is None
        and report.requirement.period_rule in INDICATOR_PERIODS
    )


def indicator_entries(report: Report) -> dict:
    """{(element id, sex, area): value} from the report's figures that name an indicator
    figure collected at the reporting unit's level. An empty box writes nothing."""
    entries = {}
    values = report.values.select_related("figure__element").filter(figure__element__isnull=False)
    for value in values:
        element = value.figure.element
        if not element.entered_at(report.unit.level):
            continue
        slots = [(SexSlot.TOTAL, value.total)]
        if element.by_sex:
            slots += [(SexSlot.WOMEN, value.women), (SexSlot.MEN, value.men)]
        for sex, number in slots:
            if number is not None:
                entries[(element.pk, sex, Area.ALL)] = Decimal(number)
    return entries


@transaction.atomic
def accept_report(report: Report, user) -> SaveResult | None:
    """Accept a submitted report and, for a unit's own 6-month or annual report, write its
    figures into the unit's indicator figures with their history. Checked first with the
    rules of data entry: a figure that breaks them stops the acceptance and nothing changes."""
    report.accept(user)
    if not flows_into_indicators(report):
        return None
    entries = indicator_entries(report)
    if not entries:
        return None
    year = report.requirement.year
    period = INDICATOR_PERIODS[report.requirement.period_rule]
    # The rules compare a figure with the other cells of its element (women ≤ total…) and
    # with the other figures of its indicator (a part ≤ its whole), so all stored cells count.
    stored = {
        cell: v.value
        for cell, v in indicator_services.stored_values(report.unit, year, period).items()
    }
    values = {**stored, **entries}
    elements = DataElement.objects.in_bulk({element_id for element_id, _s, _a in values})
    errors = indicator_services.check_values(elements, values)
    if errors:
        raise ValidationError(
            [
                _("%(cell)s: %(error)s Return the report so that the unit corrects it.")
                % {
                    "cell": indicator_services.cell_label(elements[cell[0]], cell[1], cell[2]),
                    "error": error,
                }
                for cell, messages in errors.items()
                for error in messages
            ]
        )
    return indicator_services.save_values(report.unit, year, period, entries, user, Source.REPORT)


# Requirements -------------------------------------------------------------------------------

# The usual figures of a women's-advancement report; the labels are data (they go into the
# Vietnamese document), so they are written in Vietnamese. Violence is counted only: no
# personal data of survivors enters a report. The two violence figures count people, as the
# Strategy's objective 3 target 1 does, and feed its indicator figures (Figure.element).
DEFAULT_FIGURES = [
    # (code, label, by sex, pre-filled from, activity type, indicator figure)
    ("TT_SO", "Số cuộc truyền thông", False, Figure.Source.ACTIVITIES_BY_KIND, "communication", ""),
    (
        "TT_NGUOI",
        "Số lượt người tham dự truyền thông",
        True,
        Figure.Source.PARTICIPANTS_BY_KIND,
        "communication",
        "",
    ),
    ("TH_SO", "Số lớp tập huấn", False, Figure.Source.ACTIVITIES_BY_KIND, "training", ""),
    (
        "TH_NGUOI",
        "Số lượt người tham dự tập huấn",
        True,
        Figure.Source.PARTICIPANTS_BY_KIND,
        "training",
        "",
    ),
    (
        "BL_PHAT_HIEN",
        "Số người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện",
        False,
        Figure.Source.CASES_DETECTED,
        "",
        "BLG_NAN_NHAN",
    ),
    (
        "BL_HO_TRO",
        "Số người bị bạo lực được phát hiện đã được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản",
        False,
        Figure.Source.CASES_SUPPORTED,
        "",
        "BLG_NAN_NHAN_HO_TRO",
    ),
    ("LD_NU", "Số nữ giữ vị trí lãnh đạo chủ chốt", False, "", "", ""),
]


def add_default_figures(requirement: Requirement) -> None:
    """Add the usual figures to a requirement's template, keeping those it already has. The
    link to an indicator figure is kept only where the requirement's period has one and the
    reporting units' level enters it (as the figures form checks)."""
    existing = set(requirement.figures.values_list("code", flat=True))
    start = requirement.figures.count()
    elements = DataElement.objects.in_bulk(
        [row[5] for row in DEFAULT_FIGURES if row[5]], field_name="code"
    )
    if requirement.period_rule in INDICATOR_PERIODS:
        levels = levels_below(requirement.unit, requirement.window_end)
        elements = {
            code: element
            for code, element in elements.items()
            if any(element.entered_at(level) for level in levels)
        }
    else:
        elements = {}
    Figure.objects.bulk_create(
        [
            Figure(
                requirement=requirement,
                order=start + index,
                code=code,
                label=label,
                by_sex=by_sex,
                source=source,
                source_kind=kind,
                element=elements.get(element),
            )
            for index, (code, label, by_sex, source, kind, element) in enumerate(
                [row for row in DEFAULT_FIGURES if row[0] not in existing], start=1
            )
        ]
    )


def levels_below(unit: Unit, on: date | None = None) -> list[int]:
    """The levels of the units existing below `unit` on a day (today by default), each of
    which gets its own due date: districts and communes under a province (communes only
    since the 2025 reform), communes under a district."""
    levels = (
        Unit.objects.valid_on(on or timezone.localdate())
        .filter(path__under=unit.path)
        .exclude(pk=unit.pk)
        .order_by()
        .values_list("level", flat=True)
        .distinct()
    )
    return sorted(set(levels))


def guess_kind(what: str) -> tuple[str, str]:
    """(kind, period rule) of a plan's deadline, from its words: "6 tháng" is the 6-month
    review, "năm" the annual one; anything else is an ad hoc report with its own dates."""
    text = unicodedata.normalize("NFC", what).lower()
    if "6 tháng" in text:
        return RequirementKind.SIX_MONTH_REVIEW, PeriodRule.SIX_MONTH
    if "năm" in text:
        return RequirementKind.ANNUAL_REVIEW, PeriodRule.ANNUAL
    return RequirementKind.AD_HOC, PeriodRule.CUSTOM


@transaction.atomic
def requirement_from_deadline(plan, index: int, user=None) -> Requirement:
    """A requirement for one of a plan's deadlines ({"what", "date"}), with the usual figures:
    the deadline is the due date of every level below and of the agencies."""
    deadline = plan.deadlines[index]
    what = (deadline.get("what") or "").strip() or "Báo cáo"  # a title is document data
    due = date.fromisoformat(deadline["date"]) if deadline.get("date") else None
    kind, rule = guess_kind(what)
    requirement = Requirement(
        unit=plan.unit,
        title=what[:300],
        kind=kind,
        period_rule=rule,
        year=plan.year,
        source_plan=plan,
        created_by=user,
    )
    if rule == PeriodRule.CUSTOM:
        requirement.window_start = date(plan.year, 1, 1)
        requirement.window_end = max(
            requirement.window_start, min(due or date.max, date(plan.year, 12, 31))
        )
    if due:
        # The levels below as they were when the report falls due (a 2025 plan of a district
        # that has since been abolished still has its wards).
        keys = [str(level) for level in levels_below(plan.unit, on=due)] + ["agency"]
        requirement.due_dates = {key: due.isoformat() for key in keys}
    requirement.full_clean()
    requirement.save()
    add_default_figures(requirement)
    # Every expected reporter hears of it; who had nobody to tell rides on it for the page.
    requirement.told = handoffs.requirement_published(requirement, by=user)
    return requirement


# A change of these is announced to the reporters (a figure added to the template is not).
ANNOUNCED_FIELDS = (
    "title",
    "kind",
    "period_rule",
    "year",
    "quarter",
    "window_start",
    "window_end",
    "reporters",
    "due_dates",
)


@transaction.atomic
def save_requirement(form, user=None) -> tuple[Requirement, Told]:
    """Save a requirement's form (RequirementForm): a new one gets the usual figures; every
    expected reporter is told of a new requirement, and of a change to what they see of a
    saved one (not of a form saved unchanged, so that saving twice tells once)."""
    created = form.instance.pk is None
    # What reporters see of it, read back from the database: the form has already put its
    # values on the instance while validating.
    fields = list(ANNOUNCED_FIELDS)
    before = None if created else Requirement.objects.filter(pk=form.instance.pk).values(*fields)[0]
    requirement = form.save()
    if created:
        add_default_figures(requirement)
    elif before == {name: getattr(requirement, name) for name in fields}:
        return requirement, Told()
    return requirement, handoffs.requirement_published(requirement, by=user, changed=not created)


# Chasing ------------------------------------------------------------------------------------

# Reporters still owing their report: never opened, opened but not submitted, or late.
CHASED_STATES = ("missing", "draft", "late")


@dataclass
class ChaseResult:
    reporters: int
    people: int
    told: Told | None = None


def owing_reporters(requirement: Requirement, receiver: Unit, today: date | None = None) -> list:
    """The expected reporters of `receiver` still owing their report."""
    rows = completeness(requirement, receiver, today or timezone.localdate())
    return [row.reporter for row in rows if row.state in CHASED_STATES]


def chase_audience(owing: list, today: date | None = None):
    """Those who write the owing reporters' reports (the confirmation page names them)."""
    return access.people_to_tell(
        units=[r for r in owing if isinstance(r, Unit)],
        agencies=[r for r in owing if isinstance(r, Agency)],
        today=today,
    )


def chase_missing(
    requirement: Requirement, receiver: Unit, user, today: date | None = None
) -> ChaseResult:
    """Đôn đốc: remind those who report for each reporter still owing its report, in the app
    and by e-mail (Vietnamese, a sentence and a link; not to those who opted out of this
    kind); one Chase row per reporter chased.

    Who is reminded is who can write the report (access.people_to_tell): the managers
    (secretariat, unit officers) of a unit, the focal points of an agency.
    """
    today = today or timezone.localdate()
    owing = owing_reporters(requirement, receiver, today)
    if not owing:
        return ChaseResult(0, 0)
    audience = chase_audience(owing, today)
    with transaction.atomic():
        Chase.objects.bulk_create(
            [
                Chase(
                    requirement=requirement,
                    receiver=receiver,
                    by=user,
                    unit=None if isinstance(r, Agency) else r,
                    agency=r if isinstance(r, Agency) else None,
                    recipients=audience.counts.get(
                        ("agency" if isinstance(r, Agency) else "unit", r.pk), 0
                    ),
                )
                for r in owing
            ]
        )
        told = notify(
            audience,
            Kind.REPORT_CHASE,
            in_vietnamese(
                gettext_lazy("%(receiver)s is waiting for your report “%(title)s”."),
                receiver=receiver,
                title=fit(requirement.title, 80),
            ),
            reverse("reporting:my_reports"),
            subject=in_vietnamese(
                gettext_lazy("Reminder: the report “%(title)s”"), title=fit(requirement.title, 80)
            ),
        )
    return ChaseResult(len(owing), told.people, told)


# Issuing ------------------------------------------------------------------------------------


def check_compilation(report: Report, confirm_incomplete: bool = False) -> Coverage:
    """Before a compiled report is issued: it must sum every report accepted so far (compile
    again otherwise), and leaving expected reporters out must be confirmed."""
    receiver = report.unit
    last = report.events.filter(action="compiled").order_by("-at", "-pk").first()
    summed = set((last.changes or {}).get("reports", [])) if last else set()
    accepted = set(
        accepted_contributions(report.requirement, receiver).values_list("pk", flat=True)
    )
    if last is None or not accepted <= summed:
        raise ValidationError(
            _(
                "Reports have been accepted since this report was compiled. Compile it again "
                "from the reports received, check it, then issue it."
            ),
            code="stale_compilation",
        )
    found = coverage(report.requirement, receiver)
    _refuse_unconfirmed(found, confirm_incomplete)
    return found


@transaction.atomic
def issue_report(
    report: Report,
    user,
    signer_lines: list[str],
    signer_name: str,
    on: date | None = None,
    confirm_incomplete: bool = False,
) -> Told:
    """Issue a unit's report as a Decree 30 report (BC) and send it up: the next number of the
    unit's People's Committee register (shared with its plans: one register of outgoing
    documents per issuer and year), then submitted to the parent, or, for the unit that set
    the requirement, final as it is (nobody above asked for it). A report returned and sent
    again keeps its number. Returns who was told (the parent's managers)."""
    if not report.unit_id:
        raise ValidationError(
            _("Only a unit's report is issued with a number; an agency submits its report.")
        )
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not locked.is_editable:
        raise ValidationError(
            _("This report has been submitted or accepted and can no longer be changed.")
        )
    problems = locked.problems()
    # Decree 30/2020/NĐ-CP, Appendix I, II.7: an issued report names who signs it.
    if not signer_name.strip() or not any(line.strip() for line in signer_lines):
        problems.append(str(_("Enter the signer's position and name before issuing.")))
    if problems:
        raise ValidationError(problems)
    found = check_compilation(locked, confirm_incomplete) if locked.compiled else None
    if locked.number is None:
        report.issued_on = on or timezone.localdate()
        report.number = NumberRegister.take(
            report.unit, IssuerBody.PEOPLES_COMMITTEE, report.issued_on.year
        )
    report.signer_lines, report.signer_name = signer_lines, signer_name
    Report.objects.filter(pk=report.pk).update(
        number=report.number,
        issued_on=report.issued_on,
        signer_lines=signer_lines,
        signer_name=signer_name,
        updated_at=timezone.now(),
    )
    if settings.VSTB_PDF_WHEN_ISSUED:  # ready when the unit above opens it, and to sign
        pk = report.pk
        transaction.on_commit(lambda: tasks.prepare_pdf.enqueue(pk))
    if found is not None and not found.complete:
        ReportEvent.objects.create(
            report=report,
            by=user,
            action="issued_incomplete",
            comment=found.warning(),
            changes={
                "expected": found.expected,
                "included": len(found.included),
                "missing": found.missing,
                "not_accepted": found.not_accepted,
            },
        )
    if report.answers_own_requirement:
        report.conclude(user)  # no unit above asked for it: issued is final
        return Told()
    return report.submit(user)
