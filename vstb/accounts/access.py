"""Who may see and change what: the one module every scoped query goes through.

Rules (docs/decisions/0003-access.md):
- secretariat and unit officer: read their unit and everything below it; change their unit's
  own things (committee, plans, reports);
- viewer: read their unit and everything below it; change nothing;
- agency focal point: read their unit; change what is assigned to their agency;
- system administrator: read and change everything.
Every signed-in person also sees the units above their own (the parent's committee and,
later, its issued plans), because each level works to its parent's plan.

Outcomes: what a person may not see is 404 (it does not exist for them); what they may see
but not change is 403. Views declare a rule with @public or @authenticated; the middleware
refuses any view that declares none.
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from vstb.accounts.models import Role, RoleKind
from vstb.org.models import Committee, Membership, Unit
from vstb.plans.models import Plan, PlanStatus, Task

# Scopes a role reads in and changes in.
SUBTREE = "subtree"  # the role's unit and everything below it
UNIT = "unit"  # the role's unit only
AGENCY = "agency"  # what is assigned to the role's agency
NOTHING = "nothing"


@dataclass(frozen=True)
class RoleRule:
    read: str
    write: str


RULES: dict[str, RoleRule] = {
    RoleKind.SECRETARIAT: RoleRule(read=SUBTREE, write=UNIT),
    RoleKind.UNIT_OFFICER: RoleRule(read=SUBTREE, write=UNIT),
    RoleKind.VIEWER: RoleRule(read=SUBTREE, write=NOTHING),
    RoleKind.FOCAL_POINT: RoleRule(read=UNIT, write=AGENCY),
}


@dataclass
class Grants:
    """What one user may reach, computed once per request from their active roles."""

    is_admin: bool = False
    read_paths: list[str] = field(default_factory=list)  # subtree roots
    read_units: set[int] = field(default_factory=set)  # single units
    context_units: set[int] = field(default_factory=set)  # units above the user's own
    manage_units: set[int] = field(default_factory=set)
    agencies: set[int] = field(default_factory=set)

    def reads_unit(self, unit: Unit) -> bool:
        return (
            self.is_admin
            or unit.pk in self.read_units
            or any(unit.path.startswith(path) for path in self.read_paths)
        )


def grants_for(user) -> Grants:
    if not user.is_authenticated or not user.is_active:
        return Grants()
    cached = getattr(user, "_vstb_grants", None)
    if cached is not None:
        return cached
    grants = Grants(is_admin=user.is_superuser)
    for role in Role.objects.active().filter(user=user).select_related("unit"):
        if role.kind == RoleKind.ADMIN:
            grants.is_admin = True
            continue
        rule = RULES[role.kind]
        if rule.read == SUBTREE:
            grants.read_paths.append(role.unit.path)
        else:
            grants.read_units.add(role.unit_id)
        if rule.write == UNIT:
            grants.manage_units.add(role.unit_id)
        elif rule.write == AGENCY and role.agency_id:
            grants.agencies.add(role.agency_id)
        grants.context_units.update(role.unit.ancestor_ids)
    user._vstb_grants = grants
    return grants


# Querysets ---------------------------------------------------------------------------------


def unit_filter(user, field: str = "unit") -> Q:
    """A Q that keeps the rows whose unit (reached through `field`) the user may read."""
    grants = grants_for(user)
    if grants.is_admin:
        return Q()
    prefix = f"{field}__" if field else ""
    conditions = [Q(**{f"{prefix}path__under": path}) for path in grants.read_paths]
    if grants.read_units:
        conditions.append(Q(**{f"{prefix}pk__in": sorted(grants.read_units)}))
    if not conditions:
        return Q(pk__in=[])  # no role: nothing
    return reduce(operator.or_, conditions)


def visible_units(user):
    """Units the user may open: their scope, plus the units above their own."""
    grants = grants_for(user)
    if grants.is_admin:
        return Unit.objects.all()
    return Unit.objects.filter(unit_filter(user, field="") | Q(pk__in=sorted(grants.context_units)))


def can_read_unit(user, unit: Unit) -> bool:
    grants = grants_for(user)
    return grants.reads_unit(unit) or unit.pk in grants.context_units


def can_manage_unit(user, unit: Unit) -> bool:
    grants = grants_for(user)
    return grants.is_admin or unit.pk in grants.manage_units


def plans_over_user(user):
    """Issued plans of the user's own units and of the units above them: the plans their work
    answers to (the calendar shows their events and deadlines)."""
    grants = grants_for(user)
    own = Q(unit__path__in=grants.read_paths) | Q(
        unit_id__in=sorted(grants.read_units | grants.context_units)
    )
    return plans_visible_to(user).issued().filter(own)


def tasks_of_unit(user, unit: Unit):
    """Tasks a unit carries out, among the issued plans the user may read: its own plans'
    tasks and those addressed to it from above (by name, or as "every lower unit")."""
    addressed = Q(plan__unit=unit) | Q(units=unit)
    if unit.parent_id:
        addressed |= Q(addresses_all_lower_units=True, plan__unit_id=unit.parent_id)
    return (
        Task.objects.filter(plan__in=plans_visible_to(user).issued()).filter(addressed).distinct()
    )


# Object helpers: 404 for what the user may not see, 403 for what they may not change --------


def get_unit_for_user(user, pk: int, write: bool = False) -> Unit:
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not can_read_unit(user, unit):
        raise Http404
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied
    return unit


def get_committee_for_user(user, unit_pk: int, write: bool = False) -> Committee:
    unit = get_unit_for_user(user, unit_pk, write=write)
    committee = (
        Committee.objects.select_related("unit", "standing_agency").filter(unit=unit).first()
    )
    if committee is None:
        raise Http404
    return committee


def get_membership_for_user(user, pk: int, write: bool = False) -> Membership:
    membership = (
        Membership.objects.select_related("committee__unit", "agency").filter(pk=pk).first()
    )
    if membership is None:
        raise Http404
    get_unit_for_user(user, membership.committee.unit_id, write=write)
    return membership


def plans_visible_to(user):
    """Plans of the user's scope, and the issued plans of the units above their own."""
    grants = grants_for(user)
    if grants.is_admin:
        return Plan.objects.all()
    above = Q(
        unit_id__in=sorted(grants.context_units), status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED]
    )
    return Plan.objects.filter(unit_filter(user) | above)


def can_read_plan(user, plan: Plan) -> bool:
    grants = grants_for(user)
    if grants.reads_unit(plan.unit):
        return True
    return plan.unit_id in grants.context_units and plan.status != PlanStatus.DRAFT


def get_plan_for_user(user, pk: int, write: bool = False) -> Plan:
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


def can_update_task(user, task: Task) -> bool:
    """Assignees report on a task: the lead or a supporting agency's focal point, or the
    plan's own unit."""
    grants = grants_for(user)
    if grants.is_admin or task.plan.unit_id in grants.manage_units:
        return True
    if task.lead_id in grants.agencies:
        return True
    return bool(grants.agencies & {a.pk for a in task.support.all()})


def get_task_for_user(user, pk: int, write: bool = False) -> Task:
    task = Task.objects.select_related("plan__unit", "section", "lead").filter(pk=pk).first()
    if task is None or not can_read_plan(user, task.plan):
        raise Http404
    if write and not can_update_task(user, task):
        raise PermissionDenied
    return task


def tasks_for_user(user):
    """My tasks: tasks of issued plans assigned to the user's agencies or addressed to units
    the user manages (directly, or as "every lower unit")."""
    grants = grants_for(user)
    assigned = Q(lead_id__in=sorted(grants.agencies)) | Q(support__in=sorted(grants.agencies))
    managed = sorted(grants.manage_units)
    addressed = Q(units__in=managed) | Q(
        addresses_all_lower_units=True, plan__unit__children__in=managed
    )
    own = Q(plan__unit_id__in=managed)
    return (
        Task.objects.filter(plan__status=PlanStatus.ISSUED)
        .filter(assigned | addressed | own)
        .distinct()
    )


def activities_visible_to(user):
    from vstb.activities.models import Activity

    return Activity.objects.filter(unit_filter(user))


def can_record_activity(user, unit: Unit) -> bool:
    """Who may record what was done at a unit: those who manage it, and its agencies' focal
    points (for their own agency)."""
    grants = grants_for(user)
    if can_manage_unit(user, unit):
        return True
    return unit.agencies.filter(pk__in=sorted(grants.agencies)).exists()


def can_change_activity(user, activity) -> bool:
    grants = grants_for(user)
    return can_manage_unit(user, activity.unit) or activity.agency_id in grants.agencies


def get_activity_for_user(user, pk: int, write: bool = False):
    from vstb.activities.models import Activity

    activity = Activity.objects.select_related("unit", "agency").filter(pk=pk).first()
    if activity is None or not grants_for(user).reads_unit(activity.unit):
        raise Http404
    if write and not can_change_activity(user, activity):
        raise PermissionDenied
    return activity


def get_evidence_for_user(user, pk: int, write: bool = False):
    from vstb.activities.models import Evidence

    evidence = Evidence.objects.select_related("activity__unit").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    get_activity_for_user(user, evidence.activity_id, write=write)
    return evidence


def notifications_of(user):
    """A user's own notifications: nobody else's, whatever their role."""
    from vstb.notifications.models import Notification

    return Notification.objects.filter(user=user)


def get_notification_for_user(user, pk: int):
    notification = notifications_of(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


# View rules ----------------------------------------------------------------------------------


def public(view: Callable) -> Callable:
    """Anyone may open this view, signed in or not."""
    view.access_rule = "public"
    return view


def authenticated(view: Callable) -> Callable:
    """Signed-in users only; the view itself loads objects through the helpers above."""
    wrapped = login_required(view)
    wrapped.access_rule = "authenticated"
    return wrapped
