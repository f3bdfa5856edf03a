"""Commendation rounds, their proposals and what is sent for decision (vstb/commendations).

A round is its unit's working paper, as a meeting is: read in the unit's scope (its own
people, its focal points, the units above it that read it), not by the units below it nor by
a neighbour (404); changed by the unit's managers, refused to those who only read it (403).
What is sent for decision is read by the round's readers and by the deciding unit's scope;
approving, refusing and drafting the decision are the deciding unit's managers' work.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, unit_filter
from vstb.accounts.models import Role, RoleKind
from vstb.commendations.models import Proposal, Round, Submission
from vstb.org.models import Unit

# The people whose work at a unit makes them its officers, as candidates of its round: the
# secretariat, unit officers and focal points (viewers are its leaders, who follow the work).
OFFICER_KINDS = [RoleKind.SECRETARIAT, RoleKind.UNIT_OFFICER, RoleKind.FOCAL_POINT]


def officers_of(unit: Unit, first: Any, last: Any) -> Any:
    """The roles of the unit's officers in force at some time from `first` to `last`, with
    their person and agency (only their name, role and agency are read)."""
    return (
        Role.objects.filter(unit=unit, kind__in=OFFICER_KINDS, user__is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("user", "agency")
        .order_by("user__full_name", "pk")
    )


def rounds_visible_to(user: AnyUser) -> Any:
    """The rounds of the units in the user's scope."""
    return Round.objects.filter(unit_filter(user, field="unit"))


def rounds_on_calendar(user: AnyUser, unit: Unit | None = None) -> Any:
    """The rounds a calendar shows: those of the units the user holds a role at (not of the
    units below them), or `unit`'s (a unit's calendar)."""
    if unit is not None:
        return rounds_visible_to(user).filter(unit=unit)
    grants = grants_for(user)
    own = set(grants.read_units) | {
        int(path.strip("/").split("/")[-1]) for path in grants.read_paths
    }
    return rounds_visible_to(user).filter(unit_id__in=sorted(own))


def reads_rounds_of(user: AnyUser, unit: Unit) -> bool:
    return grants_for(user).reads_unit(unit)


def can_open_round(user: AnyUser, unit: Unit) -> bool:
    """Opening a round and preparing its proposals is the unit's managers' work."""
    return can_manage_unit(user, unit)


def get_rounds_unit_for_user(user: AnyUser, unit_pk: int, write: bool = False) -> Unit:
    """The unit whose round is opened: 404 outside its scope (a unit above one's own is not
    enough), 403 to those who only read it."""
    unit = Unit.objects.filter(pk=unit_pk).first()
    if unit is None or not reads_rounds_of(user, unit):
        raise Http404
    if write and not can_open_round(user, unit):
        raise PermissionDenied
    return unit


def get_round_for_user(user: AnyUser, pk: int, write: bool = False) -> Round:
    """A round: 404 outside the unit's scope, 403 to those who only read it."""
    round_ = rounds_visible_to(user).select_related("unit__parent").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    if write and not can_manage_unit(user, round_.unit):
        raise PermissionDenied
    return round_


def get_proposal_for_user(user: AnyUser, pk: int, write: bool = False) -> Proposal:
    """A proposal of a round the user reads (and, for `write`, prepares)."""
    proposal = Proposal.objects.filter(pk=pk).first()
    if proposal is None:
        raise Http404
    proposal.round = get_round_for_user(user, proposal.round_id, write=write)
    return proposal


def submissions_visible_to(user: AnyUser) -> Any:
    """What was sent for decision: by the units in the user's scope, or to them."""
    return Submission.objects.filter(
        unit_filter(user, field="round__unit") | unit_filter(user, field="deciding_unit")
    )


def submissions_to_decide(user: AnyUser) -> Any:
    """Sent to the units the user manages and not decided yet (the home inbox)."""
    grants = grants_for(user)
    # An administrator decides for any unit but waits for none: only managers' inboxes.
    managed = Q(deciding_unit_id__in=sorted(grants.manage_units))
    return Submission.objects.filter(managed, sent=True, decided=False)


def can_decide(user: AnyUser, submission: Submission) -> bool:
    return can_manage_unit(user, submission.deciding_unit)


def get_submission_for_user(user: AnyUser, pk: int, decide: bool = False) -> Submission:
    """What was sent for decision: 404 to those who read neither the proposing nor the
    deciding unit, 403 to those who may not decide it (`decide`)."""
    submission = (
        submissions_visible_to(user)
        .select_related("round__unit", "deciding_unit", "proposal_document", "decision")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404
    if decide and not can_decide(user, submission):
        raise PermissionDenied
    return submission


def get_proposal_to_decide(user: AnyUser, pk: int) -> Proposal:
    """A proposal sent for decision, for the deciding unit's managers."""
    proposal = Proposal.objects.filter(pk=pk, submission__isnull=False).first()
    if proposal is None:
        raise Http404
    proposal.submission = get_submission_for_user(user, proposal.submission_id, decide=True)
    return proposal
