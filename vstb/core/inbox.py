"""The home inbox: what waits for one person, unit by unit, read in a bounded number of
queries whatever the number of items (tests/test_inbox.py): one statement asks which of the
parts that are empty on most days have rows (`_present`), then each part with rows is read
once.

Every scope goes through vstb.access: reports to review and returned reports,
the reports the person writes (reporting.services.reporter_rows, as on "My reports"), the
decisions, letters and invitations sent to their units and not opened yet, their
tasks (access.tasks_for_user, as on "My tasks"), the parent plans their units have not yet
implemented (plans.services.tasks_addressing's rule) and, for units receiving reports, the
lower units still missing near or after the deadline (reporting.services.completeness's rule),
and the commendations proposed from below for their units to decide
(access.submissions_to_decide).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, Q, QuerySet, Window
from django.utils import timezone

from vstb import access
from vstb.cases import services as case_services
from vstb.cases.services import Waiting
from vstb.issuing import services as issuing
from vstb.org.models import Unit
from vstb.plans.models import Plan, PlanStatus, Task, TaskStatus, task_overdue, task_text
from vstb.reporting import services as reporting
from vstb.reporting.models import Report, Reporters, ReportStatus, Requirement

# Tasks and missing reports are shown this many days before their deadline.
TASK_HORIZON = timedelta(days=14)
# The most urgent tasks listed, at most this many; the heading counts them all and "My tasks"
# lists the rest (twenty rows made the page twice as long and cost a third of its time).
TASKS_SHOWN = 10
MISSING_HORIZON = timedelta(days=7)
LATEST_NOTIFICATIONS = 5
# Documents received and not opened, at most this many (the Documents page lists them all).
RECEIVED_SHOWN = 20
# Requirements older than last year's no longer wait for anyone.
YEARS_BACK = 1


@dataclass
class MissingReports:
    requirement: Requirement
    receiver: Unit
    due: date
    expected: int
    missing: int
    late: bool


@dataclass
class UnitBlock:
    unit: Unit
    to_review: list = field(default_factory=list)
    returned: list = field(default_factory=list)
    to_send: list = field(default_factory=list)  # reporting.services.ReporterRow
    not_cascaded: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    to_compile: list = field(default_factory=list)  # ToCompile
    documents: list = field(default_factory=list)  # issuing.models.Delivery, not opened yet
    commendations: list = field(default_factory=list)  # commendations.Submission to decide
    # Inspection recommendations the unit (or an agency of it) must act on, and those
    # reported to the unit's inspection team for review.
    recommendations: list = field(default_factory=list)
    recommendations_reported: list = field(default_factory=list)
    overspent: list = field(default_factory=list)  # budget.Estimate passed (or a line of it)

    @property
    def is_empty(self) -> bool:
        return not (
            self.documents
            or self.commendations
            or self.recommendations
            or self.recommendations_reported
            or self.overspent
            or self.to_review
            or self.returned
            or self.to_send
            or self.not_cascaded
            or self.missing
            or self.to_compile
        )


@dataclass
class ToCompile:
    """A requirement the unit set itself, with reports accepted and no synthesis issued yet:
    the unit's own compiled report waits (decision 0007)."""

    requirement: Requirement
    accepted: int


@dataclass
class TaskLine:
    """What the home page shows of a task, read as plain values: twenty tasks built as
    models with their plans, units and sections cost the page more than its queries."""

    pk: int
    text: str
    unit_name: str
    deadline: date | None
    overdue: bool


@dataclass
class Inbox:
    blocks: list[UnitBlock]
    tasks: list[TaskLine]
    unread: int
    latest: list
    cases: Waiting = field(default_factory=Waiting)  # counts only: no case is named here

    @property
    def tasks_shown(self) -> list[TaskLine]:
        return self.tasks[:TASKS_SHOWN]

    @property
    def tasks_not_shown(self) -> int:
        return max(0, len(self.tasks) - TASKS_SHOWN)

    @property
    def is_empty(self) -> bool:
        return not (self.tasks or self.unread or self.cases.any) and all(
            b.is_empty for b in self.blocks
        )


def inbox_for(user, today: date | None = None) -> Inbox:
    today = today or timezone.localdate()
    managed = access.managed_units_listed(user)
    # The requirements of this year and last the user sees, read once for the reports they
    # write, the lower units' missing reports and the syntheses to compile.
    requirements = list(
        access.requirements_visible_to(user)
        .filter(year__gte=today.year - YEARS_BACK)
        .select_related("unit")
        .order_by("pk")
    )
    children = _Children()
    blocks: dict[int, UnitBlock] = {unit.pk: UnitBlock(unit) for unit in managed}

    def block(unit: Unit) -> UnitBlock:
        return blocks.setdefault(unit.pk, UnitBlock(unit))

    notifications = access.notifications_of(user).unread()
    # What most people have nothing of on most days, asked in one statement; only what has
    # rows is then read with what the page shows of it.
    reads = {
        "to_review": access.reports_to_review(user),
        "returned": access.returned_reports_of(user),
        "documents": issuing.unread_for(user),
        "commendations": access.submissions_to_decide(user),
        "recommendations": access.recommendations_to_act_on(user),
        "recommendations_reported": access.recommendations_to_review(user),
        "overspent": access.overspent_estimates_for(user, today.year - YEARS_BACK),
        "notifications": notifications,
    }
    present = _present(**reads)
    if "to_review" in present:
        for report in (
            reads["to_review"]
            .select_related("requirement", "unit", "agency", "receiver")
            .order_by("submitted_at", "pk")
        ):
            report.late = report.is_late(today)
            block(report.receiver).to_review.append(report)
    if "returned" in present:
        for report in (
            reads["returned"]
            .select_related("requirement", "unit", "agency__unit", "receiver")
            .order_by("pk")
        ):
            block(report.unit or report.agency.unit).returned.append(report)
    for row in _reports_to_send(user, managed, requirements, children, today):
        row.late = row.due < today
        reporter = row.reporter
        block(reporter if isinstance(reporter, Unit) else reporter.unit).to_send.append(row)
    for unit, plan in _not_cascaded(user, managed):
        blocks[unit.pk].not_cascaded.append(plan)
    for row in _missing_reports(managed, requirements, children, today):
        blocks[row.receiver.pk].missing.append(row)
    for unit_id, row in _to_compile(managed, requirements):
        blocks[unit_id].to_compile.append(row)
    # Decisions, letters and invitations sent to the units: until someone there opens them.
    if "documents" in present:
        for delivery in reads["documents"][:RECEIVED_SHOWN]:
            block(delivery.unit).documents.append(delivery)
    # Commendations proposed from below for the unit's chair to decide, until decided.
    if "commendations" in present:
        for submission in (
            reads["commendations"].select_related("round__unit", "deciding_unit").order_by("pk")
        ):
            block(submission.deciding_unit).commendations.append(submission)
    # Inspection recommendations: open or returned ones addressed to the user's units and
    # agencies, and reported ones for the inspecting unit's team to accept or return.
    if "recommendations" in present:
        for recommendation in (
            reads["recommendations"]
            .select_related("addressee_unit", "addressee_agency__unit", "visit__target__plan__unit")
            .order_by("deadline", "pk")
        ):
            recommendation.late = recommendation.deadline < today
            addressee = recommendation.addressee_unit or recommendation.addressee_agency.unit
            block(addressee).recommendations.append(recommendation)
    if "recommendations_reported" in present:
        for recommendation in (
            reads["recommendations_reported"]
            .select_related(
                "addressee_unit",
                "addressee_agency",
                "visit__target__plan__unit",
                "visit__target__unit",
                "visit__target__agency",
            )
            .order_by("pk")
        ):
            plan_unit = recommendation.visit.target.plan.unit
            block(plan_unit).recommendations_reported.append(recommendation)
    # Plans of this year and last whose spending passed their estimate or one of its lines
    # (budget.services.tell_overspend), for the unit's managers to act on.
    if "overspent" in present:
        for estimate in (
            reads["overspent"].select_related("plan__unit").order_by("plan__year", "pk")
        ):
            block(estimate.plan.unit).overspent.append(estimate)

    unread, latest = 0, []
    if "notifications" in present:
        # The latest few with the count of all unread beside each, in one statement.
        latest = list(
            notifications.annotate(unread_total=Window(Count("pk"))).order_by("-created_at", "-pk")[
                :LATEST_NOTIFICATIONS
            ]
        )
        unread = latest[0].unread_total if latest else 0
    return Inbox(
        blocks=list(blocks.values()),
        tasks=_tasks(user, today),
        unread=unread,
        latest=list(latest),
        cases=case_services.waiting_for(user, today),
    )


def _present(**reads: QuerySet) -> set[str]:
    """The names of the reads that would return at least one row, asked in one statement
    (SELECT EXISTS(…), EXISTS(…), …): building a read with its joins costs Django more than
    the database takes to answer it, and most of an inbox is empty on most days."""
    names, parts, params = [], [], []
    databases = {read.db for read in reads.values()}
    if len(databases) != 1:
        raise ValueError(f"one statement reads one database, not {sorted(databases)}")
    for name, read in reads.items():
        try:
            sql, read_params = read.order_by().values("pk")[:1].query.sql_with_params()
        except EmptyResultSet:  # a read that cannot have rows (no unit, no agency)
            continue
        names.append(name)
        parts.append(f"EXISTS({sql})")
        params.extend(read_params)
    if not parts:
        return set()
    with connections[databases.pop()].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        answers = cursor.fetchone()
    return {name for name, answer in zip(names, answers, strict=True) if answer}


def _reports_to_send(
    user, managed: list[Unit], requirements: list[Requirement], children: "_Children", today: date
):
    """The reports the user writes that are not sent yet (none, or a draft), with a due date:
    for the units they manage (read already) and the agencies they are the focal point of."""
    rows = reporting.reporter_rows(requirements, user, (managed, access.agencies_listed(user)))
    waiting = [
        row
        for row in rows
        if row.due and (row.report is None or row.report.status == ReportStatus.DRAFT)
    ]
    # A unit that receives its lower units' reports for the requirement writes its own by
    # compiling theirs: until it has, its row leads to the compilation, not to an empty report.
    children.read({row.reporter.pk for row in waiting if isinstance(row.reporter, Unit)})
    for row in waiting:
        requirement = row.requirement
        row.compiles = (
            isinstance(row.reporter, Unit)
            and not (row.report and row.report.compiled)
            and requirement.reporters in (Reporters.LOWER_UNITS, Reporters.BOTH)
            and any(
                child.exists_during(requirement.window_start, requirement.window_end)
                for child in children.of(row.reporter.pk)
            )
        )
    return sorted(waiting, key=lambda row: row.due)


def _tasks(user, today: date) -> list[TaskLine]:
    """My open tasks whose deadline falls within TASK_HORIZON or has passed."""
    limit = today + TASK_HORIZON
    rows = (
        access.tasks_for_user(user)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANNOT_DO])
        .filter(Q(due__lte=limit) | Q(due__isnull=True, period_end__lte=limit))
        .order_by("due", "period_end", "pk")
        .values_list(
            "pk",
            "paragraph",
            "section__paragraphs",
            "section__title",
            "plan__unit__name",
            "due",
            "period_end",
            "status",
        )  # fmt: skip
    )
    lines = []
    for pk, paragraph, paragraphs, title, unit_name, due, period_end, status in rows:
        deadline = due or period_end
        lines.append(
            TaskLine(
                pk,
                task_text(paragraphs, paragraph, title),
                unit_name,
                deadline,
                task_overdue(deadline, status, today),
            )
        )
    return lines


def _not_cascaded(user, managed: list[Unit]) -> list[tuple[Unit, Plan]]:
    """Issued plans of a managed unit's parent with tasks addressed to it, which the unit has
    not yet implemented in a plan of its own (plans.services.tasks_addressing's rule)."""
    by_parent: dict[int, list[Unit]] = {}
    for unit in managed:
        if unit.parent_id:
            by_parent.setdefault(unit.parent_id, []).append(unit)
    if not by_parent:
        return []
    plans = {
        plan.pk: plan
        for plan in access.plans_visible_to(user)
        .filter(status=PlanStatus.ISSUED, unit_id__in=sorted(by_parent))
        .select_related("unit")
    }
    if not plans:
        return []
    managed_ids = [unit.pk for unit in managed]
    addressed: set[tuple[int, int]] = set()
    # Tasks addressed to a managed unit by name, or to every lower unit, in one statement;
    # order_by(): the default ordering would join the plan and the section for nothing.
    for plan_id, unit_id, every_lower_unit in (
        Task.objects.filter(plan_id__in=sorted(plans))
        .filter(Q(units__in=managed_ids) | Q(addresses_all_lower_units=True))
        .order_by()
        .values_list("plan_id", "units", "addresses_all_lower_units")
        .distinct()
    ):
        if every_lower_unit:
            addressed.update((plan_id, unit.pk) for unit in by_parent[plans[plan_id].unit_id])
        if unit_id is not None:
            addressed.add((plan_id, unit_id))
    derived = set(
        Plan.objects.filter(parent_plan_id__in=sorted(plans), unit_id__in=managed_ids).values_list(
            "parent_plan_id", "unit_id"
        )
    )
    units = {unit.pk: unit for unit in managed}
    return [
        (units[unit_id], plans[plan_id])
        for plan_id, unit_id in sorted(addressed - derived)
        if unit_id in units
    ]


class _Children:
    """The units directly under some units, whatever their dates, read at most once per unit
    for the whole inbox (the reports to send and the missing reports ask for the same)."""

    def __init__(self) -> None:
        self.by_parent: dict[int, list[Unit]] = {}

    def read(self, unit_ids) -> None:
        wanted = sorted(set(unit_ids) - set(self.by_parent))
        if not wanted:
            return
        self.by_parent.update({pk: [] for pk in wanted})
        for child in Unit.objects.filter(parent_id__in=wanted).order_by():
            self.by_parent[child.parent_id].append(child)

    def of(self, unit_id: int) -> list[Unit]:
        return self.by_parent.get(unit_id, [])


def _for_lower_units(requirements: list[Requirement]) -> list[Requirement]:
    return [r for r in requirements if r.reporters in (Reporters.LOWER_UNITS, Reporters.BOTH)]


def _to_compile(
    managed: list[Unit], requirements: list[Requirement]
) -> list[tuple[int, ToCompile]]:
    """The requirements set by a unit the user manages, for its lower units, where reports
    have been accepted and the unit's own synthesis is not issued yet: one query."""
    managed_ids = {unit.pk for unit in managed}
    set_here = {r.pk: r for r in _for_lower_units(requirements) if r.unit_id in managed_ids}
    if not set_here:
        return []
    rows = (
        Report.objects.filter(requirement_id__in=sorted(set_here))
        .filter(
            Q(receiver_id=F("requirement__unit_id"), status=ReportStatus.ACCEPTED)
            | Q(unit_id=F("requirement__unit_id"), compiled=True, issued_on__isnull=False)
        )
        .order_by()
        .values_list("requirement_id", "unit_id", "requirement__unit_id")
    )
    accepted: dict[int, int] = {}
    issued = set()
    for requirement_id, unit_id, setter_id in rows:
        if unit_id == setter_id:  # the setter's own synthesis, issued
            issued.add(requirement_id)
        else:
            accepted[requirement_id] = accepted.get(requirement_id, 0) + 1
    return [
        (set_here[pk].unit_id, ToCompile(set_here[pk], accepted[pk]))
        for pk in sorted(set(accepted) - issued)
    ]


def _missing_reports(
    managed: list[Unit], requirements: list[Requirement], children: _Children, today: date
) -> list[MissingReports]:
    """For each unit the user manages that receives lower units' reports: the requirements
    whose deadline for those units is within MISSING_HORIZON or past, with how many expected
    lower units have not submitted (reporting.services.completeness's rule, counted)."""
    receivers = {unit.pk: unit for unit in managed}
    chain = {pk for unit in managed for pk in [unit.pk, *unit.ancestor_ids]}
    if not receivers:
        return []
    requirements = [r for r in _for_lower_units(requirements) if r.unit_id in chain]
    if not requirements:
        return []
    children.read(receivers)
    sent = set(
        Report.objects.filter(
            requirement__in=requirements,
            receiver_id__in=sorted(receivers),
            unit__isnull=False,
            status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        ).values_list("requirement_id", "unit_id")
    )
    rows = []
    for requirement in requirements:
        for receiver in receivers.values():
            if requirement.unit_id not in (receiver.pk, *receiver.ancestor_ids):
                continue
            expected = [
                child
                for child in children.of(receiver.pk)
                if child.exists_during(requirement.window_start, requirement.window_end)
            ]
            # By the lower units' own level: after the 2025 reform communes sit directly
            # under their province.
            dues = [d for d in {requirement.due_for(c.level) for c in expected} if d]
            if not dues:
                continue
            due = min(dues)
            if due - today > MISSING_HORIZON:
                continue
            missing = [c for c in expected if (requirement.pk, c.pk) not in sent]
            if missing:
                rows.append(
                    MissingReports(
                        requirement, receiver, due, len(expected), len(missing), due < today
                    )
                )
    return sorted(rows, key=lambda row: row.due)
