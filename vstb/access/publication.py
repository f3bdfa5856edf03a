"""Who approves what a unit shows the public (issue 12, finding 14: a ward officer switched a
ward's public page on alone, and it showed live, unreviewed small counts)."""

from vstb.access._types import AnyUser
from vstb.access.units import is_secretariat_over
from vstb.org.models import Unit


def can_publish_public_page(user: AnyUser, unit: Unit) -> bool:
    """A secretariat of the unit or of a unit above it, or an administrator, approves the
    figures a public page shows. A unit officer may ask for it (can_manage_unit), not publish."""
    return is_secretariat_over(user, unit)
