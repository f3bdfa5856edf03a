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


@transaction.atomic
def create_person(username: str, email: str, full_name: str) -> User:
    """An account without a usable password: the person chooses it from the invitation."""
    return User.objects.create_user(username, email, None, full_name=full_name)
