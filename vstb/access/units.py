"""Units, committees and memberships: which units a person reads and manages."""

import operator
from functools import reduce
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.accounts.models import Role
from vstb.lib.query import whole_number
from vstb.org.models import Agency, Committee, Level, Membership, Unit


def unit_filter(user: AnyUser, field: str = "unit") -> Q:
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


def visible_units(user: AnyUser) -> Any:
    """Units the user may open: their scope, plus the units above their own."""
    grants = grants_for(user)
    if grants.is_admin:
        return Unit.objects.all()
    return Unit.objects.filter(unit_filter(user, field="") | Q(pk__in=sorted(grants.context_units)))


ACTING_UNIT = "vstb_acting_unit"  # session key: the unit a user without unit roles chose


CHOOSER_LIMIT = 30


def acting_unit(request: HttpRequest) -> Unit | None:
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
    found = Unit.objects.select_related("parent").filter(pk=chosen).first() if chosen else None
    return found if found is not None and can_read_unit(request.user, found) else None


def chooses_unit(user: AnyUser) -> bool:
    """Whether the user picks the unit they act for (a system administrator holding no unit
    role) rather than working for their own."""
    grants = grants_for(user)
    return grants.is_admin and not grants.role_units


def units_to_choose(user: AnyUser, query: str = "") -> Any:
    """Units offered by the chooser of a user with no unit role: those matching `query` (any
    level), or the nation and the provinces; current units only."""
    units = visible_units(user).current().select_related("parent")
    if query.strip():
        return units.search(query).order_by("level", "search_name")[:CHOOSER_LIMIT]
    return units.filter(level__lte=Level.PROVINCE).order_by("level", "search_name")


def can_read_unit(user: AnyUser, unit: Unit) -> bool:
    grants = grants_for(user)
    return grants.reads_unit(unit) or unit.pk in grants.context_units


def reads_within_scope(user: AnyUser, unit: Unit) -> bool:
    """Whether `unit` is in the user's own scope (their units and below), not merely one of
    the units above them that everyone reads."""
    return grants_for(user).reads_unit(unit)


def units_above_own(user: AnyUser) -> set[int]:
    """The units above the user's own units: the unit tree opens down to them."""
    return set(grants_for(user).context_units)


def own_agency_ids(user: AnyUser) -> set[int]:
    """The agencies whose focal point the user is."""
    return set(grants_for(user).agencies)


def can_manage_unit(user: AnyUser, unit: Unit) -> bool:
    grants = grants_for(user)
    return grants.is_admin or unit.pk in grants.manage_units


def units_in_scope(user: AnyUser) -> Any:
    """Units whose own work the user reads (their scope, not the units above it): what a
    roll-up of lower units' work may show them, unit by unit."""
    return Unit.objects.filter(unit_filter(user, field=""))


def managed_unit_ids(user: AnyUser) -> list[int]:
    """The units whose own plans and tasks the user keeps (their calendar's own level)."""
    return sorted(grants_for(user).manage_units)


def sees_internal_notes(user: AnyUser) -> bool:
    """Notes about our own sources still to check (“to confirm …”) are for system
    administrators; everyone else sees the status of things, not our working notes."""
    return user is not None and grants_for(user).is_admin


def can_hand_over(user: AnyUser, unit: Unit, successor: Unit) -> bool:
    """Who moves a ceased unit's open work to its successor (the reform assistant): an
    administrator, or a secretariat over both (the province, for a commune merged into
    another of the same province)."""
    return is_secretariat_over(user, unit) and is_secretariat_over(user, successor)


def get_ceased_unit_to_hand_over(user: AnyUser, pk: int) -> Unit:
    """A ceased unit whose open work the user may move: 404 outside what the user reads, 403
    for one who reads it but is not a secretariat over it."""
    unit = get_unit_for_user(user, pk)
    if not is_secretariat_over(user, unit):
        raise PermissionDenied
    return unit


def get_unit_for_user(user: AnyUser, pk: int, write: bool = False) -> Unit:
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not can_read_unit(user, unit):
        raise Http404
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied
    return unit


def get_committee_for_user(user: AnyUser, unit_pk: int, write: bool = False) -> Committee:
    unit = get_unit_for_user(user, unit_pk, write=write)
    committee = (
        Committee.objects.select_related("unit", "standing_agency").filter(unit=unit).first()
    )
    if committee is None:
        raise Http404
    return committee


def get_membership_for_user(user: AnyUser, pk: int, write: bool = False) -> Membership:
    membership = (
        Membership.objects.select_related("committee__unit", "agency").filter(pk=pk).first()
    )
    if membership is None:
        raise Http404
    get_unit_for_user(user, membership.committee.unit_id, write=write)
    return membership


def units_managed_by(user: AnyUser) -> Any:
    """The units whose own work the user carries (secretariat, unit officer)."""
    return Unit.objects.filter(pk__in=sorted(grants_for(user).manage_units))


def managed_units_listed(user: AnyUser) -> list[Unit]:
    """The units the user manages, top level first then by name (the roles' order): the
    blocks of their home inbox, taken from `roles_listed` (no query of their own)."""
    managed = grants_for(user).manage_units
    units = {role.unit_id: role.unit for role in roles_listed(user) if role.unit_id in managed}
    return list(units.values())


def agencies_of(user: AnyUser) -> Any:
    """The agencies whose focal point the user is."""
    return Agency.objects.filter(pk__in=sorted(grants_for(user).agencies))


def agencies_listed(user: AnyUser) -> list[Agency]:
    """The agencies whose focal point the user is, with their units, taken from
    `roles_listed` (no query of their own)."""
    focal = grants_for(user).agencies
    agencies: dict[int, Agency] = {
        role.agency.pk: role.agency
        for role in roles_listed(user)
        if role.agency is not None and role.agency.pk in focal
    }
    return list(agencies.values())


def roles_of(user: AnyUser) -> Any:
    """The person's roles in force, with their units and agencies, top level first (what
    their calendar and the API list as theirs)."""
    return (
        Role.objects.active()
        .filter(user=user)
        .select_related("unit__parent", "agency__unit")
        .order_by("unit__level", "unit__name")
    )


def roles_listed(user: AnyUser) -> list[Role]:
    """The same roles as `roles_of`, read once for the request (the home page lists them and
    its inbox takes the units managed from them)."""
    grants = grants_for(user)
    if grants.roles is None:
        grants.roles = list(roles_of(user))
    return grants.roles


def secretariat_paths(user: AnyUser) -> list[str]:
    """The paths of the units where the user holds a secretariat role in force (read with the
    user's other roles, once per request)."""
    return list(grants_for(user).secretariat_paths)


def is_secretariat_over(user: AnyUser, unit: Unit) -> bool:
    """Whether the user is a system administrator or holds a secretariat role at `unit` or a
    unit above it: who approves what a unit publishes, reads a record's history, gives roles."""
    if grants_for(user).is_admin:
        return True
    return any(unit.path.startswith(path) for path in secretariat_paths(user))
