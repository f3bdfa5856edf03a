"""Funding of plans (vstb/budget): a plan's estimate and its spending.

The money of a plan is its unit's working matter: read by those who read the unit's scope
(its secretariat, unit officers, viewers and focal points, and those above them), changed
by its managers. The units below, which read an issued plan of their parent to carry it
out, do not see its funding (404), nor does anyone outside the unit's scope.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, reads_within_scope, unit_filter
from vstb.budget.models import Estimate, EstimateLine
from vstb.org.models import Unit
from vstb.plans.models import Plan


def reads_budget_of(user: AnyUser, unit: Unit) -> bool:
    """Whether the user reads the funding of `unit`'s plans: `unit` is in their own scope
    (units.reads_within_scope, which the plan and unit pages ask to show their links)."""
    return reads_within_scope(user, unit)


def can_change_budget(user: AnyUser, plan: Plan) -> bool:
    """Every change of a plan's funding: its lines, linking activities, approving the
    estimate and reopening an approved one (those who may approve it now may reopen it)."""
    return can_manage_unit(user, plan.unit)


def budget_plans_visible_to(user: AnyUser) -> Any:
    """Plans whose funding the user reads: those of the units in their scope."""
    return Plan.objects.filter(unit_filter(user))


def estimates_visible_to(user: AnyUser) -> Any:
    """Estimates the user reads: an estimate is visible exactly when its plan's funding is."""
    return Estimate.objects.filter(plan__in=budget_plans_visible_to(user))


def get_budget_plan_for_user(user: AnyUser, pk: int, write: bool = False) -> Plan:
    """A plan, for its funding: 404 outside the unit's scope, 403 for a reader who may not
    change it (for `write`)."""
    plan = Plan.objects.select_related("unit").filter(pk=pk).first()
    if plan is None or not reads_budget_of(user, plan.unit):
        raise Http404
    if write and not can_change_budget(user, plan):
        raise PermissionDenied
    return plan


def get_budget_unit_for_user(user: AnyUser, pk: int) -> Unit:
    """A unit whose plans' funding the user reads."""
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not reads_budget_of(user, unit):
        raise Http404
    return unit


def get_estimate_for_user(user: AnyUser, pk: int, write: bool = False) -> Estimate:
    estimate = Estimate.objects.select_related("plan__unit").filter(pk=pk).first()
    if estimate is None:
        raise Http404
    get_budget_plan_for_user(user, estimate.plan_id, write=write)
    return estimate


def get_estimate_line_for_user(user: AnyUser, pk: int, write: bool = False) -> EstimateLine:
    line = EstimateLine.objects.select_related("estimate__plan__unit", "section").filter(pk=pk)
    found = line.first()
    if found is None:
        raise Http404
    get_budget_plan_for_user(user, found.estimate.plan_id, write=write)
    return found


def overspent_estimates_for(user: AnyUser, since_year: int) -> Any:
    """Estimates of the plans (of `since_year` or later) of the units the user manages whose
    spending has passed the whole estimate or one of its lines (the home inbox)."""
    managed = sorted(grants_for(user).manage_units)
    line_passed = EstimateLine.objects.filter(estimate=OuterRef("pk"), overspend_told=True)
    return Estimate.objects.filter(
        Q(overspend_told=True) | Exists(line_passed),
        plan__unit_id__in=managed,
        plan__year__gte=since_year,
    )
