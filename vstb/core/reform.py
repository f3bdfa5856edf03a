"""The reform assistant: a ceased unit's open work moves to the unit that took it over, after
a preview, keeping its history (issue 14, item 5; decision 0021).

What moves, and how the past stays readable:
- roles in force at the ceased unit (secretariat, officer, viewer) end on the day it ceased
  and begin at the successor that day; roles tied to one of its agencies or to its case
  register stay as they are, to be given again at the successor by its managers;
- open tasks of issued plans addressed to the ceased unit by name are addressed to the
  successor too (the ceased unit stays on them, so reports of the past still find them);
- requirements the ceased unit set that still have a deadline on or after the day it ceased
  are set by the successor from then on;
- a public page: the successor's is prepared with the same indicators, off until it is asked
  for and approved with the successor's own figures; the ceased unit's page stays as it was
  published (it names the ceased unit and its figures of the time).
Every change goes through the models, so the audit trail records who did it and when. Once
it is done, the people who act for the successor and those whose roles moved are told, once,
after the transaction commits (notifications.notify).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from vstb import access
from vstb.access import Audience
from vstb.accounts import services as accounts
from vstb.accounts.models import Role, RoleKind
from vstb.indicators.models import PublicPage
from vstb.notifications.models import Kind
from vstb.notifications.services import in_vietnamese, notify
from vstb.org.models import Unit
from vstb.plans.models import PlanStatus, Task, TaskStatus
from vstb.reporting.models import Requirement

MOVED_ROLES = [RoleKind.SECRETARIAT, RoleKind.UNIT_OFFICER, RoleKind.VIEWER]
# The notification's one sentence (the link opens the successor's page).
HANDED_OVER = gettext_lazy(
    "The open work of %(unit)s, which has ceased, now belongs to %(successor)s: "
    "%(roles)s roles, %(tasks)s tasks and %(requirements)s report requirements"
)


@dataclass
class Handover:
    unit: Unit
    successor: Unit
    roles: list[Role] = field(default_factory=list)
    roles_left: list[Role] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    public_page: PublicPage | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.roles or self.tasks or self.requirements or self.public_page)


def successors_of(unit: Unit) -> list[Unit]:
    """The units that took the ceased unit over, in order of name."""
    if unit.valid_to is None:
        return []
    return sorted(
        (link.successor for link in unit.successions.select_related("successor")),
        key=lambda successor: successor.search_name,
    )


def handover_for(unit: Unit, successor: Unit) -> Handover:
    """What would move from `unit` (ceased) to `successor`."""
    ceased = unit.valid_to
    assert ceased is not None, "only a ceased unit hands its work over"
    handover = Handover(unit, successor)
    for role in access.roles_in_force_after(unit, ceased):
        (handover.roles if role.kind in MOVED_ROLES else handover.roles_left).append(role)
    handover.tasks = list(
        Task.objects.filter(units=unit, plan__status=PlanStatus.ISSUED)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANNOT_DO])
        .exclude(units=successor)
        .select_related("plan__unit", "section")
        .order_by("plan__year", "plan_id", "pk")
    )
    handover.requirements = [
        requirement
        for requirement in Requirement.objects.filter(unit=unit).order_by("-year", "pk")
        if any(due >= ceased.isoformat() for due in (requirement.due_dates or {}).values())
    ]
    page = PublicPage.objects.filter(unit=unit).first()
    if page is not None and not PublicPage.objects.filter(unit=successor).exists():
        handover.public_page = page
    return handover


def hand_over(unit: Unit, successor: Unit) -> Handover:
    """Move what is open, in one transaction, and return what moved. The two units are
    locked first and what moves is read again inside the transaction, so two people moving
    the same work at once move it once (the second finds nothing left)."""
    ceased = unit.valid_to
    assert ceased is not None, "only a ceased unit hands its work over"
    with transaction.atomic():
        list(Unit.objects.select_for_update().filter(pk__in=[unit.pk, successor.pk]).order_by("pk"))
        handover = handover_for(unit, successor)
        for role in handover.roles:
            accounts.move_role(role, successor, ceased)
        for task in handover.tasks:
            task.units.add(successor)
        for requirement in handover.requirements:
            requirement.unit = successor
            requirement.save()
        if handover.public_page is not None:
            new = PublicPage.objects.create(unit=successor, enabled=False)
            new.indicators.set(handover.public_page.indicators.all())
        if not handover.is_empty:
            tell_handover(handover)
    return handover


def tell_handover(handover: Handover) -> None:
    """Tell who acts next: the successor's secretariat and officers (its roles in force, the
    moved ones included), and everyone whose role moved, viewers too (their role changed
    under them). One notification each."""
    audience = access.people_to_tell(units=[handover.successor]) | Audience(
        {role.user_id: role.user.email or "" for role in handover.roles}
    )
    title = in_vietnamese(
        HANDED_OVER,
        unit=handover.unit.name,
        successor=handover.successor.name,
        roles=len(handover.roles),
        tasks=len(handover.tasks),
        requirements=len(handover.requirements),
    )
    notify(audience, Kind.HANDOVER, title, reverse("org:unit_detail", args=[handover.successor.pk]))
