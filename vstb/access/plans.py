"""Plans, their tasks and imported documents."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, unit_filter
from vstb.org.models import Unit
from vstb.plans.models import Plan, PlanImport, PlanStatus, Task


def lower_units_user_manages(user: AnyUser, plan: Plan) -> Any:
    """The units below `plan`'s unit that the user manages (those that may implement it)."""
    grants = grants_for(user)
    # The form keeps the units that exist during the plan's year (plans.forms.plan_year_units).
    units = Unit.objects.filter(path__under=plan.unit.path).exclude(pk=plan.unit_id)
    return units if grants.is_admin else units.filter(pk__in=sorted(grants.manage_units))


def plans_over_user(user: AnyUser) -> Any:
    """Issued plans of the user's own units and of the units above them: the plans their work
    answers to (the calendar shows their events and deadlines)."""
    grants = grants_for(user)
    own = Q(unit__path__in=grants.read_paths) | Q(
        unit_id__in=sorted(grants.read_units | grants.context_units)
    )
    return plans_visible_to(user).issued().filter(own)


def tasks_visible_to(user: AnyUser) -> Any:
    """Tasks of the plans the user may read (plans_visible_to): a neighbouring unit's derived
    task, and its draft, stay out."""
    return Task.objects.filter(plan__in=plans_visible_to(user))


def tasks_of_unit(user: AnyUser, unit: Unit) -> Any:
    """Tasks a unit carries out, among the issued plans the user may read: its own plans'
    tasks and those addressed to it from above (by name, or as "every lower unit")."""
    addressed = Q(plan__unit=unit) | Q(units=unit)
    if unit.parent_id:
        addressed |= Q(addresses_all_lower_units=True, plan__unit_id=unit.parent_id)
    return (
        Task.objects.filter(plan__in=plans_visible_to(user).issued()).filter(addressed).distinct()
    )


def get_plan_import_for_user(user: AnyUser, pk: int) -> Any:
    """An uploaded document being read into a plan: the working papers of those who manage
    its unit, and nobody else's business; to anyone else it does not exist (404, not 403,
    which would tell that it does: issue 12, finding 12)."""
    record = PlanImport.objects.select_related("unit").filter(pk=pk).first()
    if record is None or not can_manage_unit(user, record.unit):
        raise Http404
    return record


def plans_visible_to(user: AnyUser) -> Any:
    """Plans of the user's scope, and the issued plans of the units above their own."""
    grants = grants_for(user)
    if grants.is_admin:
        return Plan.objects.all()
    above = Q(
        unit_id__in=sorted(grants.context_units), status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED]
    )
    return Plan.objects.filter(unit_filter(user) | above)


def can_read_plan(user: AnyUser, plan: Plan) -> bool:
    grants = grants_for(user)
    if grants.reads_unit(plan.unit):
        return True
    return plan.unit_id in grants.context_units and plan.status != PlanStatus.DRAFT


def get_plan_for_user(user: AnyUser, pk: int, write: bool = False) -> Plan:
    """A plan; for `write`, only a draft of a unit the user manages (403 otherwise)."""
    plan = Plan.objects.select_related("unit", "parent_plan__unit").filter(pk=pk).first()
    if plan is None or not can_read_plan(user, plan):
        raise Http404
    if write:
        if not can_manage_unit(user, plan.unit):
            raise PermissionDenied
        if not plan.is_editable:
            raise PermissionDenied(
                _(
                    "This plan has been issued and can no longer be changed. To correct it, issue a new document."
                )
            )
    return plan


def can_update_task(user: AnyUser, task: Task) -> bool:
    """Assignees report on a task: the lead or a supporting agency's focal point, or the
    plan's own unit."""
    grants = grants_for(user)
    if grants.is_admin or task.plan.unit_id in grants.manage_units:
        return True
    if task.lead_id in grants.agencies:
        return True
    return bool(grants.agencies & {a.pk for a in task.support.all()})


def get_task_for_user(user: AnyUser, pk: int, write: bool = False) -> Task:
    task = Task.objects.select_related("plan__unit", "section", "lead").filter(pk=pk).first()
    if task is None or not can_read_plan(user, task.plan):
        raise Http404
    if write and not can_update_task(user, task):
        raise PermissionDenied
    return task


def tasks_for_user(user: AnyUser) -> Any:
    """My tasks: tasks of issued plans assigned to the user's agencies or addressed to units
    the user manages (directly, or as "every lower unit"). A task addressed to my unit shows
    until my unit has taken it up in an issued plan of its own: then my unit's task shows
    instead, once, at my level."""
    grants = grants_for(user)
    assigned = Q(lead_id__in=sorted(grants.agencies)) | Q(support__in=sorted(grants.agencies))
    managed = sorted(grants.manage_units)
    taken_up = Exists(
        Task.objects.filter(
            parent_task=OuterRef("pk"),
            plan__unit_id__in=managed,
            plan__status=PlanStatus.ISSUED,
        )
    )
    # "Every lower unit": the plan's unit is the parent of a unit the user manages (asked of
    # the managed units' parents, not of every child of every plan's unit, which at national
    # scale joined each task to a hundred communes before filtering).
    parents = Unit.objects.filter(pk__in=managed, parent__isnull=False).values("parent_id")
    addressed = (
        Q(units__in=managed) | Q(addresses_all_lower_units=True, plan__unit_id__in=parents)
    ) & ~Q(taken_up)
    own = Q(plan__unit_id__in=managed)
    return (
        Task.objects.filter(plan__status=PlanStatus.ISSUED)
        .filter(assigned | addressed | own)
        .distinct()
    )
