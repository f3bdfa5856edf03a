"""A user's grants, computed once per request from their roles in force: private to the access package (nothing outside vstb/access reads them; a test checks)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from vstb.access._types import AnyUser
from vstb.accounts.models import CASE_KINDS, Role, RoleKind
from vstb.lib.periods import in_force
from vstb.org.models import Unit

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
    # (kind, unit id, unit path) of the case roles, which open nothing above (access/cases.py).
    case_roles: list[tuple[str, int, str]] = field(default_factory=list)
    # The paths of the units where the user is the secretariat: who gives roles there and
    # approves what the units below publish (access/units.py, is_secretariat_over).
    secretariat_paths: list[str] = field(default_factory=list)
    # Every role in force with its unit, the unit's parent and the agency, top level first,
    # read when first asked for (access.roles_listed), then kept for the request.
    roles: list[Role] | None = None

    def reads_unit(self, unit: Unit) -> bool:
        return (
            self.is_admin
            or unit.pk in self.read_units
            or any(unit.path.startswith(path) for path in self.read_paths)
        )


def grants_for(user: AnyUser) -> Grants:
    if not user.is_authenticated or not user.is_active:
        return Grants()
    cached: Grants | None = getattr(user, "_vstb_grants", None)
    if cached is not None:
        return cached
    grants = Grants(is_admin=user.is_superuser)
    for role in Role.objects.active().filter(user=user).select_related("unit"):
        if role.kind == RoleKind.ADMIN:
            grants.is_admin = True
            continue
        if role.kind in CASE_KINDS:
            # The case register's own rules (access/cases.py); nothing else of VSTB.
            grants.case_roles.append((role.kind, role.unit_id, role.unit.path))
            continue
        if role.kind == RoleKind.SECRETARIAT:
            grants.secretariat_paths.append(role.unit.path)
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
    setattr(user, "_vstb_grants", grants)  # noqa: B010 - cached for the request
    return grants


# The role kinds that manage a unit (act for it: issue, cascade, report, review), and those
# that act for an agency.
MANAGER_KINDS = sorted(k for k, rule in RULES.items() if rule.write == UNIT)


AGENCY_KINDS = sorted(k for k, rule in RULES.items() if rule.write == AGENCY)


def active_role(path: str, kinds: list[str], today: date) -> Q:
    """Roles of `kinds`, in force on `today`, of active users (grants_for ignores the rest),
    reached through `path` ("" for Role itself)."""
    prefix = f"{path}__" if path else ""
    return in_force(today, f"{prefix}valid_from", f"{prefix}valid_to") & Q(
        **{f"{prefix}kind__in": kinds, f"{prefix}user__is_active": True}
    )
