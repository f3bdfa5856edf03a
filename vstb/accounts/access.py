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
from django.utils import timezone
from django.utils.translation import gettext as _

from vstb.accounts.models import Role, RoleKind
from vstb.activities.models import Activity, Evidence
from vstb.indicators.models import LeadershipPosition, PublishedDocument, Target
from vstb.lib.periods import in_force
from vstb.lib.query import whole_number
from vstb.notifications.models import Notification
from vstb.org.models import Agency, Committee, Level, Membership, Unit
from vstb.plans.models import Plan, PlanImport, PlanStatus, Task
from vstb.reporting.models import Report, ReportStatus, Requirement

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
    # Units where the user holds a role other than administrator, those they manage first:
    # the unit their lists open on.
    role_units: list[int] = field(default_factory=list)

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
        if role.unit_id not in grants.role_units:
            grants.role_units.append(role.unit_id)
    # A viewer (leader) reads a whole subtree and manages nothing: their lists open on their
    # own unit all the same, after the units someone manages.
    grants.role_units.sort(key=lambda pk: pk not in grants.manage_units)
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


ACTING_UNIT = "vstb_acting_unit"  # session key: the unit a user without unit roles chose
CHOOSER_LIMIT = 30


def acting_unit(request) -> Unit | None:
    """The unit a list page (plans, requirements, reports received) works for: ?unit= when
    given (404 outside the user's reach), else the user's first role unit. A system
    administrator holding no unit role chooses one (units_to_choose); the choice is kept in
    the session for the other pages. None: the page shows the chooser."""
    grants = grants_for(request.user)
    if "choose" in request.GET:  # "change unit": show the chooser again
        request.session.pop(ACTING_UNIT, None)
        return None
    wanted = request.GET.get("unit", "")
    if wanted:
        if (pk := whole_number(wanted, minimum=1)) is None:
            raise Http404
        unit = get_unit_for_user(request.user, pk)
        if not grants.role_units:
            request.session[ACTING_UNIT] = unit.pk
        return unit
    if grants.role_units:
        return Unit.objects.select_related("parent").get(pk=grants.role_units[0])
    chosen = request.session.get(ACTING_UNIT)
    unit = Unit.objects.select_related("parent").filter(pk=chosen).first() if chosen else None
    return unit if unit is not None and can_read_unit(request.user, unit) else None


def chooses_unit(user) -> bool:
    """Whether the user picks the unit they act for (a system administrator holding no unit
    role) rather than working for their own."""
    grants = grants_for(user)
    return grants.is_admin and not grants.role_units


def units_to_choose(user, query: str = ""):
    """Units offered by the chooser of a user with no unit role: those matching `query` (any
    level), or the nation and the provinces; current units only."""
    units = visible_units(user).current().select_related("parent")
    if query.strip():
        return units.search(query).order_by("level", "search_name")[:CHOOSER_LIMIT]
    return units.filter(level__lte=Level.PROVINCE).order_by("level", "search_name")


def can_read_unit(user, unit: Unit) -> bool:
    grants = grants_for(user)
    return grants.reads_unit(unit) or unit.pk in grants.context_units


def reads_within_scope(user, unit: Unit) -> bool:
    """Whether `unit` is in the user's own scope (their units and below), not merely one of
    the units above them that everyone reads."""
    return grants_for(user).reads_unit(unit)


def units_above_own(user) -> set[int]:
    """The units above the user's own units: the unit tree opens down to them."""
    return set(grants_for(user).context_units)


def own_agency_ids(user) -> set[int]:
    """The agencies whose focal point the user is."""
    return set(grants_for(user).agencies)


def lower_units_user_manages(user, plan: Plan):
    """The units below `plan`'s unit that the user manages (those that may implement it)."""
    grants = grants_for(user)
    # The form keeps the units that exist during the plan's year (plans.forms.plan_year_units).
    units = Unit.objects.filter(path__under=plan.unit.path).exclude(pk=plan.unit_id)
    return units if grants.is_admin else units.filter(pk__in=sorted(grants.manage_units))


def receivers_for(user, requirement) -> list[Unit]:
    """Units whose incoming reports of `requirement` the user follows: the requirement's unit,
    and their own units below it that receive reports (all but communes)."""
    grants = grants_for(user)
    own = Unit.objects.filter(pk__in=sorted(grants.manage_units | grants.read_units)).filter(
        path__under=requirement.unit.path, level__lt=Level.COMMUNE
    )
    units = [requirement.unit] if grants.reads_unit(requirement.unit) else []
    return units + [unit for unit in own.order_by("level", "name") if unit != requirement.unit]


def reporters_of(user) -> tuple[list[int], list[int]]:
    """(unit ids, agency ids) the user writes reports for: the units they manage and the
    agencies whose focal point they are."""
    grants = grants_for(user)
    return sorted(grants.manage_units), sorted(grants.agencies)


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


def units_in_scope(user):
    """Units whose own work the user reads (their scope, not the units above it): what a
    roll-up of lower units' work may show them, unit by unit."""
    return Unit.objects.filter(unit_filter(user, field=""))


def managed_unit_ids(user) -> list[int]:
    """The units whose own plans and tasks the user keeps (their calendar's own level)."""
    return sorted(grants_for(user).manage_units)


def activities_at_own_units(user):
    """Activities of the units the user holds a role at, not of the units below them (the
    user's own calendar: a city does not get every ward's activities; it opens a ward's)."""
    grants = grants_for(user)
    own = set(grants.read_units) | {
        int(path.strip("/").split("/")[-1]) for path in grants.read_paths
    }
    return activities_visible_to(user).filter(unit_id__in=sorted(own))


def sees_internal_notes(user) -> bool:
    """Notes about our own sources still to check (“to confirm …”) are for system
    administrators; everyone else sees the status of things, not our working notes."""
    return user is not None and grants_for(user).is_admin


def tasks_visible_to(user):
    """Tasks of the plans the user may read (plans_visible_to): a neighbouring unit's derived
    task, and its draft, stay out."""
    return Task.objects.filter(plan__in=plans_visible_to(user))


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


def get_plan_import_for_user(user, pk: int):
    """An uploaded document being read into a plan: the working papers of those who manage
    its unit, and nobody else's business; to anyone else it does not exist (404, not 403,
    which would tell that it does: issue 12, finding 12)."""
    record = PlanImport.objects.select_related("unit").filter(pk=pk).first()
    if record is None or not can_manage_unit(user, record.unit):
        raise Http404
    return record


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
    activity = Activity.objects.select_related("unit", "agency").filter(pk=pk).first()
    if activity is None or not grants_for(user).reads_unit(activity.unit):
        raise Http404
    if write and not can_change_activity(user, activity):
        raise PermissionDenied
    return activity


def get_evidence_for_user(user, pk: int, write: bool = False):
    evidence = Evidence.objects.select_related("activity__unit").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    get_activity_for_user(user, evidence.activity_id, write=write)
    return evidence


def requirements_visible_to(user):
    """Requirements set by units of the user's scope, or by the units above their own (which
    is what they report against)."""
    grants = grants_for(user)
    if grants.is_admin:
        return Requirement.objects.all()
    return Requirement.objects.filter(
        unit_filter(user) | Q(unit_id__in=sorted(grants.context_units))
    )


def get_requirement_for_user(user, pk: int, write: bool = False):
    requirement = requirements_visible_to(user).select_related("unit").filter(pk=pk).first()
    if requirement is None:
        raise Http404
    if write and not can_manage_unit(user, requirement.unit):
        raise PermissionDenied
    return requirement


def reports_visible_to(user):
    """A report is seen by its reporter's people, by the unit it goes to and those above
    it, and by the focal points of the reporting agency."""
    grants = grants_for(user)
    if grants.is_admin:
        return Report.objects.all()
    # Reports received are read by those who read the receiving unit's whole subtree
    # (secretariat, officers, leaders), not by an agency's focal point, who sees its own.
    received = [Q(receiver__path__under=path) for path in grants.read_paths]
    return Report.objects.filter(
        reduce(operator.or_, received, unit_filter(user, "unit"))
        | Q(agency_id__in=sorted(grants.agencies))
    )


def reports_to_review(user):
    """Submitted reports waiting for the user's decision: received by a unit they manage."""
    return Report.objects.filter(
        status=ReportStatus.SUBMITTED, receiver_id__in=sorted(grants_for(user).manage_units)
    )


def returned_reports_of(user):
    """Reports returned to the user to correct: those of units they manage or of their
    agencies (can_edit_report's rule)."""
    grants = grants_for(user)
    return Report.objects.filter(status=ReportStatus.RETURNED).filter(
        Q(unit_id__in=sorted(grants.manage_units)) | Q(agency_id__in=sorted(grants.agencies))
    )


def units_managed_by(user):
    """The units whose own work the user carries (secretariat, unit officer): the blocks of
    their home inbox."""
    return Unit.objects.filter(pk__in=sorted(grants_for(user).manage_units))


def agencies_of(user):
    """The agencies whose focal point the user is."""
    return Agency.objects.filter(pk__in=sorted(grants_for(user).agencies))


def can_edit_report(user, report) -> bool:
    """The reporter writes and submits: the reporting unit's managers, or the agency's focal
    points (and the agency's unit's managers)."""
    grants = grants_for(user)
    if grants.is_admin:
        return True
    if report.unit_id:
        return report.unit_id in grants.manage_units
    return report.agency_id in grants.agencies or report.receiver_id in grants.manage_units


def can_review_report(user, report) -> bool:
    """The receiving unit returns or accepts."""
    return can_manage_unit(user, report.receiver)


def get_report_for_user(user, pk: int, write: bool = False, review: bool = False):
    report = (
        reports_visible_to(user)
        .select_related("requirement__unit", "unit", "agency", "receiver")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    if write and not can_edit_report(user, report):
        raise PermissionDenied
    if review and not can_review_report(user, report):
        raise PermissionDenied
    return report


def get_reporter_for_user(user, kind: str, pk: int):
    """A unit ("unit") or a member agency ("agency") a report is written for; 404 for what the
    user may not read. Whether they may write for it is can_report_for."""
    if kind == "unit":
        reporter = Unit.objects.filter(pk=pk).first()
        unit = reporter
    elif kind == "agency":
        reporter = Agency.objects.select_related("unit").filter(pk=pk).first()
        unit = reporter.unit if reporter else None
    else:
        raise Http404
    if reporter is None or not can_read_unit(user, unit):
        raise Http404
    return reporter


def can_report_for(user, reporter) -> bool:
    """Whether the user writes the reports of a unit or an agency: can_edit_report's rule,
    before the report exists."""
    if isinstance(reporter, Agency):
        return can_edit_report(user, Report(agency=reporter, receiver_id=reporter.unit_id))
    return can_edit_report(user, Report(unit=reporter))


def get_receiver_for_user(user, requirement, unit_pk: int, write: bool = False) -> Unit:
    """A unit receiving reports for `requirement` (its own unit or one below): its table of who
    has reported is read inside the user's scope only, not from a unit below (the units above
    one's own are context, not theirs to follow); chasing and compiling need `write`."""
    unit = (
        Unit.objects.select_related("parent")
        .filter(pk=unit_pk, path__under=requirement.unit.path)
        .first()
    )
    if unit is None or not grants_for(user).reads_unit(unit):
        raise Http404
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied
    return unit


# Who is told ----------------------------------------------------------------------------------

# The role kinds that manage a unit (act for it: issue, cascade, report, review), and those
# that act for an agency.
MANAGER_KINDS = sorted(k for k, rule in RULES.items() if rule.write == UNIT)
AGENCY_KINDS = sorted(k for k, rule in RULES.items() if rule.write == AGENCY)


def active_role(path: str, kinds: list[str], today) -> Q:
    """Roles of `kinds`, in force on `today`, of active users (grants_for ignores the rest),
    reached through `path` ("" for Role itself)."""
    prefix = f"{path}__" if path else ""
    return in_force(today, f"{prefix}valid_from", f"{prefix}valid_to") & Q(
        **{f"{prefix}kind__in": kinds, f"{prefix}user__is_active": True}
    )


@dataclass
class Audience:
    """The people to tell about something that concerns some units and agencies."""

    people: dict[int, str] = field(default_factory=dict)  # user id → e-mail ("" if none)
    # The units and agencies concerned where nobody holds a role to be told, by name.
    nobody: list = field(default_factory=list)
    # How many people each unit ("unit", pk) and agency ("agency", pk) has to tell.
    counts: dict = field(default_factory=dict)
    # The units and agencies concerned where someone is told.
    reached: list = field(default_factory=list)

    def __or__(self, other: "Audience") -> "Audience":
        return Audience(
            {**self.people, **other.people},
            [*self.nobody, *other.nobody],
            {**self.counts, **other.counts},
            [*self.reached, *other.reached],
        )


def people_to_tell(units=(), agencies=(), today=None) -> Audience:
    """Who is told of what concerns a unit or an agency: the people who act for it, that is
    those who manage a unit (its secretariat and unit officers) and an agency's focal points,
    with roles in force today and active accounts. Viewers (leaders) and administrators
    follow but do not act: they are not told.

    `units` and `agencies` are lists or querysets (a queryset stays a subquery, so a
    requirement to every commune of the nation is three queries, not one per commune)."""
    today = today or timezone.localdate()
    # A queryset is used as a subquery (no list of ids as parameters), a list as ids.
    unit_match = units.values("pk") if hasattr(units, "values") else [u.pk for u in units]
    agency_match = (
        agencies.values("pk") if hasattr(agencies, "values") else [a.pk for a in agencies]
    )
    units = list(units.order_by("path") if hasattr(units, "order_by") else units)
    agencies = list(agencies.order_by("name") if hasattr(agencies, "order_by") else agencies)
    if not units and not agencies:
        return Audience()
    unit_ids = {unit.pk for unit in units}
    agency_ids = {agency.pk for agency in agencies}
    roles = Role.objects.filter(
        (active_role("", MANAGER_KINDS, today) & Q(unit_id__in=unit_match))
        | (active_role("", AGENCY_KINDS, today) & Q(agency_id__in=agency_match))
    ).values_list("user", "user__email", "kind", "unit", "agency")
    people, reached = {}, {}
    for user_id, email, kind, unit_id, agency_id in roles.order_by():
        if kind in AGENCY_KINDS:
            if agency_id not in agency_ids:
                continue
            key = ("agency", agency_id)
        elif unit_id in unit_ids:
            key = ("unit", unit_id)
        else:
            continue
        reached.setdefault(key, set()).add(user_id)
        people[user_id] = email or ""
    concerned = [("unit", u) for u in units] + [("agency", a) for a in agencies]
    return Audience(
        people,
        nobody=[item for kind, item in concerned if (kind, item.pk) not in reached],
        counts={key: len(users) for key, users in reached.items()},
        reached=[item for kind, item in concerned if (kind, item.pk) in reached],
    )


# Each way tasks_for_user lets a task reach a user, as a path from the task to a role:
# (path, role kinds, condition on the task). Keep in step with tasks_for_user (a test in
# notifications/tests/test_reminders.py compares them persona by persona).
RECIPIENT_PATHS = [
    ("lead__roles", AGENCY_KINDS, Q()),
    ("support__roles", AGENCY_KINDS, Q()),
    ("plan__unit__roles", MANAGER_KINDS, Q()),
    ("units__roles", MANAGER_KINDS, Q()),
    ("plan__unit__children__roles", MANAGER_KINDS, Q(addresses_all_lower_units=True)),
]


def task_recipients(tasks, today):
    """(task id, user id, e-mail) for every user who has each of `tasks` in "my tasks", in one
    query: a UNION of one join per recipient path. Each path's conditions go in a single
    filter() so that they apply to the same role row."""
    branches = [
        tasks.filter(condition, active_role(path, kinds, today))
        .values_list("pk", f"{path}__user", f"{path}__user__email")
        .order_by()
        for path, kinds, condition in RECIPIENT_PATHS
    ]
    return branches[0].union(*branches[1:])


def action_month_recipients(today):
    """(user id, e-mail) of everyone with a role other than system administrator."""
    kinds = [kind for kind in RoleKind.values if kind != RoleKind.ADMIN]
    return (
        Role.objects.filter(active_role("", kinds, today))
        .values_list("user", "user__email")
        .order_by()
        .distinct()
    )


def notifications_of(user):
    """A user's own notifications: nobody else's, whatever their role."""
    return Notification.objects.filter(user=user)


def get_notification_for_user(user, pk: int):
    notification = notifications_of(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def get_indicator_unit_for_user(user, pk: int, write: bool = False) -> Unit:
    """A unit whose figures and progress the user may see: their own scope only, not the
    units above it (a commune does not see its district's totals, which hold the other
    communes' figures). For `write`, a unit they manage."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not can_open_indicators(user, unit):
        raise Http404
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied
    return unit


def can_open_indicators(user, unit: Unit) -> bool:
    """Whether get_indicator_unit_for_user opens this unit's figures, progress and dashboard:
    pages link to them only then (a focal point reads its own unit, not the units below)."""
    return grants_for(user).reads_unit(unit)


def indicator_targets_visible_to(user):
    """The Strategy's targets (everyone's) and the local targets of the user's scope."""
    return Target.objects.filter(Q(unit__isnull=True) | unit_filter(user))


def leadership_positions_visible_to(user):
    return LeadershipPosition.objects.filter(unit_filter(user))


def get_leadership_position_for_user(user, pk: int, write: bool = False):
    position = LeadershipPosition.objects.select_related("unit", "agency").filter(pk=pk).first()
    if position is None:
        raise Http404
    get_indicator_unit_for_user(user, position.unit_id, write=write)
    return position


# Public pages: a unit's secretariat publishes its own issued plans and compiled reports ----


def get_plan_to_publish(user, pk: int) -> Plan:
    """A plan whose place on the public page the user decides: its unit's managers only."""
    plan = get_plan_for_user(user, pk)
    if not can_manage_unit(user, plan.unit):
        raise PermissionDenied
    return plan


def get_report_to_publish(user, pk: int):
    """A unit's own (compiled) report whose place on the public page the user decides."""
    report = get_report_for_user(user, pk)
    if report.unit_id is None or not can_manage_unit(user, report.unit):
        raise PermissionDenied
    return report


def get_published_document(pk: int):
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
