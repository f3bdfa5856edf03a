"""Indicator figures, targets, leadership positions and what a unit publishes."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.plans import get_plan_for_user
from vstb.access.reporting import get_report_for_user
from vstb.access.units import can_manage_unit, unit_filter
from vstb.indicators.models import LeadershipPosition, PublishedDocument, Target
from vstb.org.models import Unit
from vstb.plans.models import Plan


def get_indicator_unit_for_user(user: AnyUser, pk: int, write: bool = False) -> Unit:
    """A unit whose figures and progress the user may see: their own scope only, not the
    units above it (a commune does not see its district's totals, which hold the other
    communes' figures). For `write`, a unit they manage."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not can_open_indicators(user, unit):
        raise Http404
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied
    return unit


def can_open_indicators(user: AnyUser, unit: Unit) -> bool:
    """Whether get_indicator_unit_for_user opens this unit's figures, progress and dashboard:
    pages link to them only then (a focal point reads its own unit, not the units below)."""
    return grants_for(user).reads_unit(unit)


def indicator_targets_visible_to(user: AnyUser) -> Any:
    """The Strategy's targets (everyone's) and the local targets of the user's scope."""
    return Target.objects.filter(Q(unit__isnull=True) | unit_filter(user))


def leadership_positions_visible_to(user: AnyUser) -> Any:
    return LeadershipPosition.objects.filter(unit_filter(user))


def get_leadership_position_for_user(user: AnyUser, pk: int, write: bool = False) -> Any:
    position = LeadershipPosition.objects.select_related("unit", "agency").filter(pk=pk).first()
    if position is None:
        raise Http404
    get_indicator_unit_for_user(user, position.unit_id, write=write)
    return position


def get_plan_to_publish(user: AnyUser, pk: int) -> Plan:
    """A plan whose place on the public page the user decides: its unit's managers only."""
    plan = get_plan_for_user(user, pk)
    if not can_manage_unit(user, plan.unit):
        raise PermissionDenied
    return plan


def get_report_to_publish(user: AnyUser, pk: int) -> Any:
    """A unit's own (compiled) report whose place on the public page the user decides."""
    report = get_report_for_user(user, pk)
    if report.unit_id is None or not can_manage_unit(user, report.unit):
        raise PermissionDenied
    return report


def get_published_document(pk: int) -> Any:
    """A published plan or report, for anyone; 404 for what is not (or no longer) public."""
    publication = (
        PublishedDocument.objects.select_related(
            "unit", "plan__unit", "report__requirement", "report__unit"
        )
        .filter(pk=pk)
        .first()
    )
    if publication is None:
        raise Http404
    return publication
