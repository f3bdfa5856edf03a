"""Changes to people's accounts and roles, as a secretariat makes them (views_users)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from vstb.accounts.models import Role, User
from vstb.org.models import Agency, Unit


def give_role(
    user: User, unit: Unit, kind: str, agency: Agency | None = None, valid_to: date | None = None
) -> Role:
    role = Role(user=user, unit=unit, kind=kind, agency=agency, valid_to=valid_to)
    role.full_clean()
    role.save()
    return role


def end_role(role: Role) -> None:
    """The role no longer applies from today (kept, for the record)."""
    role.valid_to = timezone.localdate()
    role.save(update_fields=["valid_to"])


def move_role(role: Role, successor: Unit, on: date) -> None:
    """The role ends at its unit on `on` (the day the unit ceased) and the same person holds
    the same role at `successor` from that day, unless they already hold it there."""
    role.valid_to = on
    role.save(update_fields=["valid_to"])
    held = Role.objects.filter(
        user=role.user, kind=role.kind, unit=successor, valid_to__isnull=True
    )
    if not held.exists():
        start = max(role.valid_from, on) if role.valid_from else on
        Role.objects.create(user=role.user, kind=role.kind, unit=successor, valid_from=start)


@transaction.atomic
def create_person(username: str, email: str, full_name: str) -> User:
    """An account without a usable password: the person chooses it from the invitation."""
    return User.objects.create_user(username, email, None, full_name=full_name)
