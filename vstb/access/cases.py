"""The case register (issue 15; decision 0020): need-to-know, deny by default.

- case worker (at a commune): the cases they own or are assigned to there, and recording new
  ones there;
- case supervisor (at a commune or above): every case of their unit and below, with names
  hidden until they open one (the views log it); assigns, approves closures, overrides a
  missing consent to referral with a reason, reads a case's access log;
- trusted address (at a commune): records a report there, and sees nothing after;
- referral recipient (the accounts of a provider): what an open referral to their provider
  shares, while it is open.
Nobody else sees any case: not secretariats, viewers, focal points, nor system
administrators; they see the anonymised figures (`can_read_case_figures`). Every case role
acts only in a session that passed the second factor: otherwise it holds nothing.
A case one may not see is 404; one that may be seen but not changed, 403.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_read_unit
from vstb.accounts.models import Role, RoleKind, User
from vstb.cases.models import (
    OPEN_REFERRAL,
    Case,
    CaseExport,
    ExportState,
    Provider,
    Referral,
)
from vstb.lib.periods import in_force
from vstb.org.models import Level, Unit


@dataclass
class CaseGrants:
    worker_units: set[int] = field(default_factory=set)
    supervisor_paths: list[str] = field(default_factory=list)
    trusted_units: set[int] = field(default_factory=set)
    recipient: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.worker_units or self.supervisor_paths or self.trusted_units or self.recipient
        )

    def supervises(self, unit: Unit) -> bool:
        return any(unit.path.startswith(path) for path in self.supervisor_paths)


def _case_grants(user: AnyUser) -> CaseGrants:
    if not user.is_authenticated or not user.is_active:
        return CaseGrants()
    verified = getattr(user, "is_verified", None)
    if verified is None or not verified():
        return CaseGrants()  # no second factor in this session: no case
    cached: CaseGrants | None = getattr(user, "_vstb_case_grants", None)
    if cached is not None:
        return cached
    grants = CaseGrants()
    for kind, unit_id, path in grants_for(user).case_roles:  # read with the other roles
        if kind == RoleKind.CASE_WORKER:
            grants.worker_units.add(unit_id)
        elif kind == RoleKind.CASE_SUPERVISOR:
            grants.supervisor_paths.append(path)
        elif kind == RoleKind.TRUSTED_ADDRESS:
            grants.trusted_units.add(unit_id)
        else:
            grants.recipient = True
    setattr(user, "_vstb_case_grants", grants)  # noqa: B010 - cached for the request
    return grants


def opens_case_register(user: AnyUser) -> bool:
    """Whether the case register's pages are the user's at all (workers and supervisors)."""
    grants = _case_grants(user)
    return bool(grants.worker_units or grants.supervisor_paths)


def records_cases(user: AnyUser) -> bool:
    grants = _case_grants(user)
    return bool(grants.worker_units or grants.supervisor_paths or grants.trusted_units)


def receives_referrals(user: AnyUser) -> bool:
    return _case_grants(user).recipient


def supervises_cases(user: AnyUser) -> bool:
    return bool(_case_grants(user).supervisor_paths)


def _supervised(grants: CaseGrants, field_name: str = "unit") -> Q:
    prefix = f"{field_name}__" if field_name else ""
    query = Q(pk__in=[])
    for path in grants.supervisor_paths:
        query |= Q(**{f"{prefix}path__under": path})
    return query


def cases_visible_to(user: AnyUser) -> Any:
    grants = _case_grants(user)
    query = _supervised(grants)
    if grants.worker_units:
        helped = Case.helpers.through.objects.filter(user=user).values("case")
        mine = Q(worker=user) | Q(pk__in=helped)
        query |= Q(unit__in=sorted(grants.worker_units)) & mine
    return Case.objects.filter(query)


def get_case_for_user(user: AnyUser, pk: int, write: bool = False) -> Case:
    """A case the user may see (404 otherwise); with `write`, one they may change: an open
    case (403 once closed; a supervisor reopens it)."""
    case = cases_visible_to(user).select_related("unit", "worker").filter(pk=pk).first()
    if case is None:
        raise Http404
    if write and not case.is_open:
        raise PermissionDenied
    return case


def can_supervise_case(user: AnyUser, case: Case) -> bool:
    return _case_grants(user).supervises(case.unit)


def require_supervisor(user: AnyUser, case: Case) -> None:
    """403 for a worker who may see the case but not decide for it."""
    if not can_supervise_case(user, case):
        raise PermissionDenied


def units_to_record_cases(user: AnyUser) -> Any:
    """Communes where the user records a new case: a worker's and a trusted address's own
    communes, a supervisor's communes (current ones)."""
    grants = _case_grants(user)
    if not records_cases(user):
        return Unit.objects.none()
    query = Q(pk__in=sorted(grants.worker_units | grants.trusted_units)) | _supervised(
        grants, field_name=""
    )
    return Unit.objects.current().filter(query, level=Level.COMMUNE).order_by("name")


def can_record_case_at(user: AnyUser, unit: Unit) -> bool:
    return units_to_record_cases(user).filter(pk=unit.pk).exists()


def only_reports_cases(user: AnyUser) -> bool:
    """A trusted address: records a report and sees nothing after."""
    grants = _case_grants(user)
    return bool(grants.trusted_units) and not (grants.worker_units or grants.supervisor_paths)


def workers_for(case: Case) -> Any:
    """Accounts a case may be assigned to: case workers of its commune."""
    return User.objects.filter(
        pk__in=Role.objects.active()
        .filter(kind=RoleKind.CASE_WORKER, unit=case.unit_id, user__is_active=True)
        .values("user")
    ).order_by("full_name", "username")


def case_supervisors_over(unit: Unit) -> Any:
    """Who is told a new report waits to be assigned: supervisors at the commune and above."""
    today = timezone.localdate()
    return User.objects.filter(
        is_active=True,
        pk__in=Role.objects.filter(
            in_force(today),
            kind=RoleKind.CASE_SUPERVISOR,
            unit__in=[unit.pk, *unit.ancestor_ids],
        ).values("user"),
    )


def providers_for(case: Case) -> Any:
    """The directory's providers serving the case's commune (theirs or a unit above)."""
    return Provider.objects.filter(active=True, unit__in=[case.unit_id, *case.unit.ancestor_ids])


def providers_visible_to(user: AnyUser) -> Any:
    """The directory a worker or supervisor refers to: providers of their units, of the units
    above them, and (for a supervisor) of the units below."""
    grants = _case_grants(user)
    if not (grants.worker_units or grants.supervisor_paths):
        return Provider.objects.none()
    own = Unit.objects.filter(
        Q(pk__in=sorted(grants.worker_units)) | Q(path__in=grants.supervisor_paths)
    )
    units = {pk for unit in own for pk in [unit.pk, *unit.ancestor_ids]}
    return Provider.objects.filter(Q(unit__in=sorted(units)) | _supervised(grants))


def can_manage_provider(user: AnyUser, provider: Provider) -> bool:
    """Supervisors keep the directory of their unit and below."""
    return _case_grants(user).supervises(provider.unit)


def get_provider_for_user(user: AnyUser, pk: int, write: bool = False) -> Provider:
    provider = providers_visible_to(user).select_related("unit").filter(pk=pk).first()
    if provider is None:
        raise Http404
    if write and not can_manage_provider(user, provider):
        raise PermissionDenied
    return provider


def referrals_for_recipient(user: AnyUser) -> Any:
    """Open referrals to the providers the user receives for."""
    if not receives_referrals(user):
        return Referral.objects.none()
    return Referral.objects.filter(state__in=OPEN_REFERRAL, provider__people=user.pk)


def get_referral_for_recipient(user: AnyUser, pk: int) -> Referral:
    referral = (
        referrals_for_recipient(user).select_related("case", "provider").filter(pk=pk).first()
    )
    if referral is None:
        raise Http404
    return referral


def can_read_case_figures(user: AnyUser, unit: Unit) -> bool:
    """The anonymised figures of a unit: whoever reads the unit, and case supervisors over it."""
    return can_read_unit(user, unit) or _case_grants(user).supervises(unit)


def works_cases_at(user: AnyUser, unit: Unit) -> bool:
    """A case worker of this commune: owns the cases they record there."""
    return unit.pk in _case_grants(user).worker_units


def referral_recipients_for(user: AnyUser) -> Any:
    """Accounts a supervisor may list as a provider's receivers: those holding a recipient
    role at a unit they supervise or above it."""
    grants = _case_grants(user)
    if not grants.supervisor_paths:
        return User.objects.none()
    roots = Unit.objects.filter(path__in=grants.supervisor_paths)
    above = {pk for unit in roots for pk in unit.ancestor_ids}
    roles = Role.objects.active().filter(
        Q(unit__in=sorted(above)) | _supervised(grants), kind=RoleKind.CASE_RECIPIENT
    )
    return User.objects.filter(is_active=True, pk__in=roles.values("user")).order_by("username")


def units_supervised(user: AnyUser) -> Any:
    """The units a supervisor keeps the directory for: theirs and below, current ones."""
    grants = _case_grants(user)
    if not grants.supervisor_paths:
        return Unit.objects.none()
    return Unit.objects.current().filter(_supervised(grants, "")).order_by("level", "name")


def case_figure_units(user: AnyUser) -> Any:
    """The units whose anonymised figures the user opens first: their role units, or the
    units they supervise cases at."""
    grants, general = _case_grants(user), grants_for(user)
    units = Q(pk__in=general.role_units) | Q(path__in=grants.supervisor_paths)
    if general.is_admin:
        units |= Q(parent__isnull=True)  # the nation
    return Unit.objects.filter(units).order_by("level", "name")


def get_figures_unit_for_user(user: AnyUser, pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not can_read_case_figures(user, unit):
        raise Http404
    return unit


def exports_visible_to(user: AnyUser) -> Any:
    """A person's own exports, and for a supervisor those awaiting approval that hold cases
    of their communes."""
    grants = _case_grants(user)
    if not (grants.worker_units or grants.supervisor_paths):
        return CaseExport.objects.none()
    query = Q(requested_by=user.pk)
    if grants.supervisor_paths:
        query |= Q(state=ExportState.AWAITING) & Q(
            pk__in=CaseExport.units.through.objects.filter(_supervised(grants, "unit")).values(
                "caseexport"
            )
        )
    return CaseExport.objects.filter(query).distinct()


def get_export_for_user(user: AnyUser, pk: int, decide: bool = False) -> CaseExport:
    """An export the user sees (404 otherwise); to `decide`, one whose every commune they
    supervise and which someone else asked for (403 otherwise); else their own (403)."""
    export = exports_visible_to(user).filter(pk=pk).first()
    if export is None:
        raise Http404
    grants = _case_grants(user)
    if decide:
        units = list(export.units.all())
        if export.requested_by_id == user.pk or not all(grants.supervises(u) for u in units):
            raise PermissionDenied
    elif export.requested_by_id != user.pk:
        raise PermissionDenied
    return export
