"""Who manages whose account (issue 11, item 10): a unit's secretariat creates users,
assigns and ends roles and deactivates accounts at its unit and the units below it; never a
role above its scope, nor a system administrator's; a system administrator manages all.
(docs/decisions/0016-user-management.md)"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import is_secretariat_over, secretariat_paths
from vstb.accounts.models import Role, RoleKind, User
from vstb.org.models import Unit


def _in_paths(paths: list[str], field: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def manages_users(user: AnyUser) -> bool:
    return grants_for(user).is_admin or bool(secretariat_paths(user))


def units_to_grant_at(user: AnyUser) -> Any:
    """The units where the user may give roles: their secretariat units and everything below."""
    if grants_for(user).is_admin:
        return Unit.objects.all()
    return Unit.objects.filter(_in_paths(secretariat_paths(user), "path"))


def kinds_to_grant(user: AnyUser) -> list[tuple[str, Any]]:
    """Role kinds the user may give: all but system administrator, which only an
    administrator gives (in the Django admin)."""
    return [(k, label) for k, label in RoleKind.choices if k != RoleKind.ADMIN]


def can_grant(user: AnyUser, unit: Unit, kind: str) -> bool:
    return kind != RoleKind.ADMIN and is_secretariat_over(user, unit)


def users_visible_to(user: AnyUser) -> Any:
    """The accounts the user manages: those holding (or having held) a role at a unit in
    their scope, and accounts they created that hold no role yet; all for an administrator."""
    if grants_for(user).is_admin:
        return User.objects.all()
    paths = secretariat_paths(user)
    if not paths:
        return User.objects.none()
    return User.objects.filter(_in_paths(paths, "roles__unit__path")).distinct()


def get_user_for_manager(user: AnyUser, pk: int, write: bool = False) -> User:
    """An account the user manages; 404 otherwise. For `write` (deactivate, reactivate), 403
    when the account also holds roles outside the user's scope, or is an administrator: those
    are changed by whoever manages all of them."""
    other = users_visible_to(user).filter(pk=pk).first()
    if other is None:
        raise Http404
    if write and not can_change_account(user, other):
        raise PermissionDenied
    return other


def can_change_account(user: AnyUser, other: User) -> bool:
    if grants_for(user).is_admin:
        return other.pk != user.pk
    if other.is_superuser or other.pk == user.pk:
        return False
    paths = secretariat_paths(user)
    outside = Role.objects.filter(user=other).exclude(_in_paths(paths, "unit__path"))
    return not outside.exists()


def get_role_for_manager(user: AnyUser, pk: int) -> Role:
    """A role the user may end: one at a unit in their scope, not an administrator's."""
    role = Role.objects.select_related("unit", "user").filter(pk=pk).first()
    if role is None or role.user_id not in set(users_visible_to(user).values_list("pk", flat=True)):
        raise Http404
    if not can_grant(user, role.unit, role.kind):
        raise PermissionDenied
    return role


def roles_in_force_after(unit: Unit, day: date) -> Any:
    """The roles at `unit` of active people that have not ended by `day` (what the reform
    assistant moves when the unit ceased that day)."""
    return (
        Role.objects.filter(unit=unit, user__is_active=True)
        .exclude(valid_to__lte=day)
        .select_related("user", "agency")
        .order_by("user__full_name", "pk")
    )
