"""Who approves what a unit shows the public (issue 12, finding 14: a ward officer switched a
ward's public page on alone, and it showed live, unreviewed small counts)."""

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.accounts.models import Role, RoleKind
from vstb.org.models import Unit


def can_publish_public_page(user: AnyUser, unit: Unit) -> bool:
    """A secretariat of the unit or of a unit above it, or an administrator, approves the
    figures a public page shows. A unit officer may ask for it (can_manage_unit), not publish."""
    if not user.is_authenticated:
        return False
    if grants_for(user).is_admin:
        return True
    return (
        Role.objects.active()
        .filter(user=user, kind=RoleKind.SECRETARIAT, user__is_active=True)
        .filter(unit_id__in=[unit.pk, *unit.ancestor_ids])
        .exists()
    )
