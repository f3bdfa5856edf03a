"""Candidates in planning for leadership positions (vstb/leaders).

Personnel planning is personal data that only the committee's secretariat works with
(issue 16, item 4: "visible only to the unit's secretariat and above"). So, unlike most of a
unit's work, its viewers (leaders who read the unit's scope) and its agencies' focal points
do not see it at all, nor do the units below or beside it:

- read a unit's candidates, its review page and its workbook: the unit's managers (its
  secretariat and unit officers, the roles that act for the unit) and the managers of every
  unit above it (a province's secretariat reviews its communes' pipelines and rolls them up);
- add, change, appoint, remove, import, draft the review report: the unit's managers only;
  the secretariats above read, and are refused (403) a change;
- everyone else, viewers and focal points included: 404, the candidates do not exist for them;
- system administrators: everything.

The documents the review produces are issued documents of the unit (access/issuing.py); they
hold counts and the names of the women proposed, which the committee chose to publish.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.leaders.models import Candidate
from vstb.org.models import Level, Unit


def _manages_at_or_above(user: AnyUser, unit: Unit) -> bool:
    grants = grants_for(user)
    if grants.is_admin:
        return True
    return any(pk in grants.manage_units for pk in [unit.pk, *unit.ancestor_ids])


def reads_candidates_of(user: AnyUser, unit: Unit) -> bool:
    """Whether the user opens `unit`'s candidates: its managers and those above it."""
    return _manages_at_or_above(user, unit)


def changes_candidates_of(user: AnyUser, unit: Unit) -> bool:
    """Whether the user keeps `unit`'s candidates: its own managers."""
    grants = grants_for(user)
    return grants.is_admin or unit.pk in grants.manage_units


def candidates_visible_to(user: AnyUser) -> Any:
    """The candidates the user may open: those of the units they manage and below."""
    grants = grants_for(user)
    if grants.is_admin:
        return Candidate.objects.all()
    paths = Unit.objects.filter(pk__in=sorted(grants.manage_units)).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit__path__under=path)
    return Candidate.objects.filter(condition)


def leader_units_of(user: AnyUser) -> Any:
    """The units whose pipeline the user opens from the index: the units they manage; for a
    system administrator, the nation and the provinces (each opens its units below)."""
    grants = grants_for(user)
    if grants.is_admin and not grants.manage_units:
        return Unit.objects.current().filter(level__lte=Level.PROVINCE).order_by("level", "name")
    return Unit.objects.filter(pk__in=sorted(grants.manage_units)).order_by("level", "name")


def get_leaders_unit_for_user(user: AnyUser, pk: int, write: bool = False) -> Unit:
    """A unit whose candidates the user reads: 404 otherwise; 403 for `write` when the user
    reads them from above and does not manage the unit."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not reads_candidates_of(user, unit):
        raise Http404
    if write and not changes_candidates_of(user, unit):
        raise PermissionDenied
    return unit


def get_candidate_for_user(user: AnyUser, pk: int, write: bool = False) -> Candidate:
    candidate = (
        Candidate.objects.select_related(
            "unit", "current_agency", "planned_agency", "position", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if candidate is None or not reads_candidates_of(user, candidate.unit):
        raise Http404
    if write and not changes_candidates_of(user, candidate.unit):
        raise PermissionDenied
    return candidate
