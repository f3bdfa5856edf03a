"""Activities and their evidence files."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, own_agency_ids, unit_filter
from vstb.activities.models import Activity, Evidence
from vstb.org.models import Agency, Unit


def activities_at_own_units(user: AnyUser) -> Any:
    """Activities of the units the user holds a role at, not of the units below them (the
    user's own calendar: a city does not get every ward's activities; it opens a ward's)."""
    grants = grants_for(user)
    own = set(grants.read_units) | {
        int(path.strip("/").split("/")[-1]) for path in grants.read_paths
    }
    return activities_visible_to(user).filter(unit_id__in=sorted(own))


def activities_visible_to(user: AnyUser) -> Any:
    return Activity.objects.filter(unit_filter(user))


def can_record_activity(user: AnyUser, unit: Unit) -> bool:
    """Who may record what was done at a unit: those who manage it, and its agencies' focal
    points (for their own agency)."""
    grants = grants_for(user)
    if can_manage_unit(user, unit):
        return True
    return unit.agencies.filter(pk__in=sorted(grants.agencies)).exists()


def can_change_activity(user: AnyUser, activity: Any) -> bool:
    grants = grants_for(user)
    return can_manage_unit(user, activity.unit) or activity.agency_id in grants.agencies


def get_activity_for_user(user: AnyUser, pk: int, write: bool = False) -> Any:
    activity = Activity.objects.select_related("unit", "agency").filter(pk=pk).first()
    if activity is None or not grants_for(user).reads_unit(activity.unit):
        raise Http404
    if write and not can_change_activity(user, activity):
        raise PermissionDenied
    return activity


def get_evidence_for_user(user: AnyUser, pk: int, write: bool = False) -> Any:
    evidence = Evidence.objects.select_related("activity__unit").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    get_activity_for_user(user, evidence.activity_id, write=write)
    return evidence


def agencies_to_record_for(user: AnyUser, unit: Unit) -> Any:
    """The agencies a user may record an activity for: all of the unit's active agencies if
    they manage it, else their own."""
    agencies = Agency.objects.filter(unit=unit, active=True).order_by("kind", "name")
    if can_manage_unit(user, unit):
        return agencies
    return agencies.filter(pk__in=sorted(own_agency_ids(user)))
