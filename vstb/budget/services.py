"""The estimate's workflow and its ledger: what a plan was to cost and what it has cost.

Spending is the sum of the costs of the activities linked to an estimate's lines (Allocation),
read in a fixed number of queries whatever the number of lines and activities (`ledger`).
The first time spending passes a line's amount, or the whole estimate, the plan's unit's
managers are told once (`tell_overspend`): after a link, after a line's amount changes, and
after an activity's cost changes (apps.py connects Activity's post_save).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from vstb import access
from vstb.activities.models import Activity
from vstb.budget.items import BY_CODE, ITEMS, item_name
from vstb.budget.models import (
    SOURCE_WORDS,
    Allocation,
    Estimate,
    EstimateLine,
    EstimateReopening,
    EstimateStatus,
    Source,
)
from vstb.lib.search import search_words
from vstb.notifications.models import Kind
from vstb.notifications.services import in_vietnamese, notify
from vstb.plans.models import Plan, Section, SectionKind, Task

APPROVED = _("This estimate has been approved and its lines can no longer be changed.")
LINE_OVER = _(
    "Spending on the line “%(line)s” of the estimate of %(plan)s has passed its amount "
    "(%(spent)s of %(amount)s đồng)"
)
PLAN_OVER = _("Spending on %(plan)s has passed its estimate (%(spent)s of %(amount)s đồng)")


def plan_words(plan: Plan) -> str:
    """The plan as the documents and notifications name it, in Vietnamese."""
    with translation.override("vi"):
        return str(plan)


def money(value: int | None) -> str:
    """An amount as Vietnamese write it: 1.250.000."""
    return f"{value or 0:,}".replace(",", ".")


# Estimate and lines -------------------------------------------------------------------------


def estimate_of(plan: Plan) -> Estimate | None:
    return Estimate.objects.filter(plan=plan).first()


def open_estimate(plan: Plan) -> Estimate:
    """The plan's estimate, started empty the first time."""
    estimate, _created = Estimate.objects.get_or_create(plan=plan)
    return estimate


def activity_groups(plan: Plan) -> Any:
    """The parts of the plan's body that hold its tasks: an estimate's activity groups."""
    return Section.objects.filter(plan=plan, kind=SectionKind.TASKS).order_by("order")


def moved_on(estimate: Estimate) -> None:
    """Any change of the lines moves the estimate's version: an exported file, or an approval
    from a page shown before it, is then refused."""
    Estimate.objects.filter(pk=estimate.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    estimate.version += 1


def _check_draft(estimate: Estimate) -> None:
    if estimate.status != EstimateStatus.DRAFT:
        raise ValidationError(APPROVED)


@transaction.atomic
def add_line(estimate: Estimate, line: EstimateLine) -> EstimateLine:
    _check_draft(estimate)
    last = estimate.lines.aggregate(last=Max("order"))["last"] or 0
    line.estimate = estimate
    line.order = last + 1
    line.save()
    moved_on(estimate)
    return line


def save_line(form: Any) -> EstimateLine:
    """Save a line's form (inside save_unless_stale); the spending is checked again, as a
    smaller amount may now be passed."""
    line = form.instance
    _check_draft(line.estimate)
    saved: EstimateLine = form.save()
    moved_on(line.estimate)
    tell_overspend(line.estimate)
    return saved


@transaction.atomic
def delete_line(line: EstimateLine) -> None:
    _check_draft(line.estimate)
    if line.allocations.exists():
        raise ValidationError(
            _("Activities are spent on this line. Link them to another line first, then remove it.")
        )
    line.delete()
    moved_on(line.estimate)


def approve(estimate: Estimate, version: int, by: Any = None) -> None:
    estimate.approve(version, by=by)


def reopen(estimate: Estimate, version: int, reason: str, by: Any = None) -> EstimateReopening:
    """Send an approved estimate back to draft. An issued plan's document is not changed: the
    first time, the funding part it states is kept on the estimate (plan_funding_paragraphs
    then reads it), whatever the revised estimate becomes."""
    plan = estimate.plan
    as_issued = None
    if not plan.is_editable and estimate.issued_funding is None:
        as_issued = plan_funding_paragraphs(plan)
    return estimate.reopen(version, reason, by=by, issued_funding=as_issued)


# Links of activities ------------------------------------------------------------------------


def activities_to_link(plan: Plan) -> Any:
    """Activities of the plan's unit in the plan's year: those whose cost the plan may carry."""
    return Activity.objects.filter(unit=plan.unit, start__year=plan.year).order_by("start", "pk")


@transaction.atomic
def link(line: EstimateLine, activity: Activity) -> Allocation:
    """Spend `activity`'s cost on `line` (moving it from another line if it had one)."""
    plan = line.estimate.plan
    if activity.unit_id != plan.unit_id or activity.start.year != plan.year:
        raise ValidationError(
            _("Only an activity of %(unit)s held in %(year)s can be spent on this plan.")
            % {"unit": plan.unit.name, "year": plan.year}
        )
    allocation, _created = Allocation.objects.update_or_create(
        activity=activity, defaults={"line": line}
    )
    tell_overspend(line.estimate)
    return allocation


def unlink(allocation: Allocation) -> None:
    allocation.delete()


# The ledger ---------------------------------------------------------------------------------


@dataclass
class LineFigures:
    line: EstimateLine
    spent: int = 0
    activities: list[Activity] = field(default_factory=list)

    @property
    def over(self) -> bool:
        return self.spent > self.line.amount


@dataclass
class Total:
    """An item's, a source's or a task's estimate and spending."""

    key: str
    label: str
    estimated: int = 0
    spent: int = 0

    @property
    def over(self) -> bool:
        return self.spent > self.estimated


@dataclass
class Ledger:
    estimate: Estimate
    lines: list[LineFigures]
    by_item: list[Total]
    by_source: list[Total]
    by_task: list[Total]
    # Spending on activities linked to no task of this plan.
    spent_outside_tasks: int = 0

    @property
    def estimated(self) -> int:
        return sum(figures.line.amount for figures in self.lines)

    @property
    def spent(self) -> int:
        return sum(figures.spent for figures in self.lines)

    @property
    def over(self) -> bool:
        return self.spent > self.estimated

    @property
    def lines_over(self) -> list[LineFigures]:
        return [figures for figures in self.lines if figures.over]


def ledger(estimate: Estimate, start: date | None = None, end: date | None = None) -> Ledger:
    """The estimate against its spending (activities held from `start` to `end` when given):
    by line, by budget item, by source and by task. Four queries, whatever the size."""
    lines = list(estimate.lines.select_related("section"))
    figures = {line.pk: LineFigures(line) for line in lines}
    allocations = Allocation.objects.filter(line__estimate=estimate).select_related("activity")
    if start:
        allocations = allocations.filter(activity__start__gte=start)
    if end:
        allocations = allocations.filter(activity__start__lte=end)
    spent_by_activity: dict[int, int] = {}
    for allocation in allocations.order_by("activity__start", "activity_id"):
        cost = allocation.activity.cost or 0
        figures[allocation.line_id].spent += cost
        figures[allocation.line_id].activities.append(allocation.activity)
        spent_by_activity[allocation.activity_id] = cost

    by_item: dict[str, Total] = {}
    by_source: dict[str, Total] = {}
    for line in lines:
        item = by_item.setdefault(line.item, Total(line.item, item_name(line.item)))
        source = by_source.setdefault(
            line.source, Total(line.source, str(Source(line.source).label))
        )
        for total in (item, source):
            total.estimated += line.amount
            total.spent += figures[line.pk].spent
    order = {item.code: index for index, item in enumerate(ITEMS)}
    sources = list(Source.values)

    by_task, outside = _by_task(estimate.plan_id, spent_by_activity)
    return Ledger(
        estimate=estimate,
        lines=list(figures.values()),
        by_item=sorted(by_item.values(), key=lambda t: order.get(t.key, len(order))),
        by_source=sorted(by_source.values(), key=lambda t: sources.index(t.key)),
        by_task=by_task,
        spent_outside_tasks=outside,
    )


def _by_task(plan_id: int, spent_by_activity: dict[int, int]) -> tuple[list[Total], int]:
    """Spending per task of the plan: an activity done for several of its tasks counts for
    each (a task's spending is what was spent on work for it), so tasks do not add up to the
    plan's spending; the plan's total is the lines'."""
    links = Activity.tasks.through.objects.filter(
        activity_id__in=list(spent_by_activity), task__plan_id=plan_id
    ).values_list("activity_id", "task_id")
    spent: dict[int, int] = defaultdict(int)
    with_task = set()
    for activity_id, task_id in links:
        spent[task_id] += spent_by_activity[activity_id]
        with_task.add(activity_id)
    tasks = (
        Task.objects.filter(plan_id=plan_id)
        .select_related("section")
        .order_by("section__order", "paragraph")
    )
    totals = [Total(str(task.pk), task.text[:200], spent=spent.get(task.pk, 0)) for task in tasks]
    outside = sum(cost for pk, cost in spent_by_activity.items() if pk not in with_task)
    return totals, outside


# Over-spend ---------------------------------------------------------------------------------


def tell_overspend(estimate: Estimate) -> int:
    """Tell the plan's unit's managers, once each, that a line or the whole estimate is
    overspent; how many things were told. The flag is claimed by a conditional UPDATE, so
    two saves at once tell once."""
    book = ledger(estimate)
    plan = Plan.objects.select_related("unit").get(pk=estimate.plan_id)
    link = reverse("budget:spending", args=[plan.pk])
    told = 0
    for figures in book.lines_over:
        line = figures.line
        claimed = EstimateLine.objects.filter(pk=line.pk, overspend_told=False).update(
            overspend_told=True
        )
        if claimed:
            told += 1
            _tell(
                plan, link, LINE_OVER, line=str(line)[:80], spent=figures.spent, amount=line.amount
            )
    if book.over:
        claimed = Estimate.objects.filter(pk=estimate.pk, overspend_told=False).update(
            overspend_told=True
        )
        if claimed:
            told += 1
            _tell(plan, link, PLAN_OVER, spent=book.spent, amount=book.estimated)
    return told


def _tell(plan: Plan, link: str, message: Any, *, spent: int, amount: int, **params: Any) -> None:
    notify(
        access.people_to_tell([plan.unit]),
        Kind.OVERSPEND,
        in_vietnamese(
            message, plan=plan_words(plan), spent=money(spent), amount=money(amount), **params
        ),
        link,
    )


def on_activity_saved(sender: Any, instance: Activity, created: bool, **kwargs: Any) -> None:
    """An activity's cost changed: its line's plan may now be overspent."""
    update_fields = kwargs.get("update_fields")
    if created or (update_fields is not None and "cost" not in update_fields):
        return
    allocation = Allocation.objects.filter(activity=instance).select_related("line__estimate")
    found = allocation.first()
    if found is not None:
        tell_overspend(found.line.estimate)


# Search -------------------------------------------------------------------------------------


def search_estimates(estimates: Any, query: str) -> Any:
    """Estimates whose plan or unit holds every word of `query`, with or without diacritics.

    The words are the plan's and the unit's own folded columns (Plan.search_text: subject,
    symbol, place; Unit.search_name), read through the join as the task list reads its
    plan's (plans.views.my_tasks), so they follow every change of a plan or a unit; a copy on
    the estimate would go stale when a plan is renamed or issued. The plan's number is not in
    its words: a word of digits, or one typed as "180/KH-…", also finds it by number."""
    condition = Q()
    for word in search_words(query):
        found = Q(plan__search_text__contains=word) | Q(plan__unit__search_name__contains=word)
        number, slash, symbol = word.partition("/")
        if number.isdigit() and len(number) < 10:
            numbered = Q(plan__number=int(number))
            if slash and symbol:
                numbered &= Q(plan__search_text__contains=symbol)
            found |= numbered
        condition &= found
    return estimates.filter(condition)


# Units --------------------------------------------------------------------------------------


@dataclass
class PlanFunding:
    plan: Plan
    estimate: Estimate | None
    estimated: int
    spent: int

    @property
    def over(self) -> bool:
        return self.estimate is not None and self.spent > self.estimated


def funding_of_plans(plans: Iterable[Plan]) -> list[PlanFunding]:
    """Estimate against spending for each plan of a list (a page of it): three queries."""
    from django.db.models import Sum

    plans = list(plans)
    estimates = {e.plan_id: e for e in Estimate.objects.filter(plan__in=plans)}
    estimated = dict(
        EstimateLine.objects.filter(estimate__plan__in=plans)
        .values("estimate__plan")
        .annotate(total=Sum("amount"))
        .values_list("estimate__plan", "total")
    )
    spent = dict(
        Allocation.objects.filter(line__estimate__plan__in=plans)
        .values("line__estimate__plan")
        .annotate(total=Sum("activity__cost"))
        .values_list("line__estimate__plan", "total")
    )
    return [
        PlanFunding(
            plan, estimates.get(plan.pk), estimated.get(plan.pk) or 0, spent.get(plan.pk) or 0
        )
        for plan in plans
    ]


# The documents ------------------------------------------------------------------------------


def _source_words(totals: list[Total]) -> str:
    return "; ".join(f"{SOURCE_WORDS[Source(t.key)]}: {money(t.estimated)} đồng" for t in totals)


def plan_funding_paragraphs(plan: Plan) -> list[str]:
    """The funding part of the plan's document (plans.FUNDING_PARAGRAPHS): the approved
    estimate, by source and by budget item. Nothing while the estimate is a draft, nor in a
    plan issued before its estimate was approved: an issued plan's text is what was issued
    (once its estimate is reopened, the paragraphs kept then: `reopen`)."""
    estimate = Estimate.objects.filter(plan=plan).first()
    if estimate is None:
        return []
    if not plan.is_editable and estimate.issued_funding is not None:
        return list(estimate.issued_funding)
    if estimate.status != EstimateStatus.APPROVED:
        return []
    if not plan.is_editable and (
        plan.issued_on is None
        or estimate.approved_on is None
        or estimate.approved_on > plan.issued_on
    ):
        return []
    book = ledger(estimate)
    paragraphs = [
        f"Tổng dự toán kinh phí thực hiện Kế hoạch: {money(book.estimated)} đồng "
        f"({_source_words(book.by_source)})."
    ]
    paragraphs += [f"- {total.label}: {money(total.estimated)} đồng." for total in book.by_item]
    return paragraphs


def report_funding_lines(report: Any) -> list[str]:
    """The budget part of a unit's 6-month or annual report (reporting.FUNDING_LINES): for each
    of the unit's plans of the report's year with an estimate, the estimate and what its
    activities held in the report's window (up to today) cost, by source."""
    if report.unit_id is None:
        return []
    requirement = report.requirement
    last = min(requirement.window_end, timezone.localdate())
    lines = []
    estimates = Estimate.objects.filter(
        plan__unit_id=report.unit_id, plan__year=requirement.year
    ).select_related("plan")
    for estimate in estimates.order_by("plan__issued_on", "plan_id"):
        book = ledger(estimate, requirement.window_start, last)
        lines.append(
            f"{plan_words(estimate.plan)}: dự toán {money(book.estimated)} đồng; "
            f"đã chi đến ngày {last:%d/%m/%Y}: {money(book.spent)} đồng"
            + (f" ({_percent(book.spent, book.estimated)} dự toán)" if book.estimated else "")
            + "."
        )
        for total in book.by_source:
            lines.append(
                f"- {SOURCE_WORDS[Source(total.key)].capitalize()}: dự toán "
                f"{money(total.estimated)} đồng, đã chi {money(total.spent)} đồng."
            )
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%".replace(".", ",")


def known_item(code: str) -> bool:
    return code in BY_CODE
