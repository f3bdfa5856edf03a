"""Who must pass a second factor when signing in (issue 12, item 5)."""

from django.conf import settings

from vstb.access._types import AnyUser
from vstb.accounts.models import CASE_KINDS, Role, User


def second_factor_required(user: AnyUser) -> bool:
    """System administrators, and anyone holding a role in force of a kind listed in
    settings.VSTB_SECOND_FACTOR_ROLES, sign in with a second factor; others may choose to."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Survivors' data: every case role signs in with a second factor, whatever the
    # settings say (issue 15, item 2).
    kinds = [*settings.VSTB_SECOND_FACTOR_ROLES, *CASE_KINDS]
    return Role.objects.active().filter(user=user, kind__in=kinds).exists()


def can_reset_second_factor(user: AnyUser, other: User) -> bool:
    """A lost phone: a system administrator removes another person's second factor."""
    return bool(user.is_authenticated and user.is_superuser and other.pk != user.pk)
