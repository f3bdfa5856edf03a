"""Who is told of what, and whose notifications are whose."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from vstb.access._grants import AGENCY_KINDS, MANAGER_KINDS, active_role
from vstb.access._types import AnyUser
from vstb.accounts.models import Role, RoleKind
from vstb.notifications.models import Notification
from vstb.plans.models import PlanStatus, Task


@dataclass
class Audience:
    """The people to tell about something that concerns some units and agencies."""

    people: dict[int, str] = field(default_factory=dict)  # user id → e-mail ("" if none)
    # The units and agencies concerned where nobody holds a role to be told, by name.
    nobody: list[Any] = field(default_factory=list)
    # How many people each unit ("unit", pk) and agency ("agency", pk) has to tell.
    counts: dict[tuple[str, int], int] = field(default_factory=dict)
    # The units and agencies concerned where someone is told.
    reached: list[Any] = field(default_factory=list)

    def __or__(self, other: "Audience") -> "Audience":
        return Audience(
            {**self.people, **other.people},
            [*self.nobody, *other.nobody],
            {**self.counts, **other.counts},
            [*self.reached, *other.reached],
        )


def people_to_tell(units: Any = (), agencies: Any = (), today: date | None = None) -> Audience:
    """Who is told of what concerns a unit or an agency: the people who act for it, that is
    those who manage a unit (its secretariat and unit officers) and an agency's focal points,
    with roles in force today and active accounts. Viewers (leaders) and administrators
    follow but do not act: they are not told.

    `units` and `agencies` are lists or querysets (a queryset stays a subquery, so a
    requirement to every commune of the nation is three queries, not one per commune)."""
    day = today or timezone.localdate()
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
        (active_role("", MANAGER_KINDS, day) & Q(unit_id__in=unit_match))
        | (active_role("", AGENCY_KINDS, day) & Q(agency_id__in=agency_match))
    ).values_list("user", "user__email", "kind", "unit", "agency")
    people: dict[int, str] = {}
    reached: dict[tuple[str, int], Any] = {}
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
def _not_taken_up(unit: str) -> Any:
    """The task is not yet taken up in an issued plan of the unit at `unit` (a path from the
    task): until then the unit's people have the parent's task, afterwards their own."""
    return ~Exists(
        Task.objects.filter(
            parent_task=OuterRef("pk"), plan__unit=OuterRef(unit), plan__status=PlanStatus.ISSUED
        )
    )


RECIPIENT_PATHS = [
    ("lead__roles", AGENCY_KINDS, Q()),
    ("support__roles", AGENCY_KINDS, Q()),
    ("plan__unit__roles", MANAGER_KINDS, Q()),
    ("units__roles", MANAGER_KINDS, Q(_not_taken_up("units"))),
    (
        "plan__unit__children__roles",
        MANAGER_KINDS,
        Q(addresses_all_lower_units=True) & Q(_not_taken_up("plan__unit__children")),
    ),
]


def task_recipients(tasks: Any, today: date) -> Any:
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


def action_month_recipients(today: date) -> Any:
    """(user id, e-mail) of everyone with a role other than system administrator."""
    kinds = [kind for kind in RoleKind.values if kind != RoleKind.ADMIN]
    return (
        Role.objects.filter(active_role("", kinds, today))
        .values_list("user", "user__email")
        .order_by()
        .distinct()
    )


def notifications_of(user: AnyUser) -> Any:
    """A user's own notifications: nobody else's, whatever their role."""
    if user.pk is None:  # nobody signed in
        return Notification.objects.none()
    return Notification.objects.filter(user_id=user.pk)


def get_notification_for_user(user: AnyUser, pk: int) -> Any:
    notification = notifications_of(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def report_reminder_recipients(owing_units: Any, owing_agencies: Any, today: date) -> Any:
    """Who is reminded of a report still owed: the people who act for the owing units (their
    managers) and agencies (their focal points), with roles in force; as rows (user, e-mail,
    agency, unit level). None for either means none of that kind is owed."""
    condition = Q(pk__in=[])
    if owing_units is not None:
        condition |= active_role("", MANAGER_KINDS, today) & Q(unit__in=owing_units)
    if owing_agencies is not None:
        condition |= active_role("", AGENCY_KINDS, today) & Q(agency__in=owing_agencies)
    return Role.objects.filter(condition).values_list(
        "user", "user__email", "agency", "unit__level"
    )
