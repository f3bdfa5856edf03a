"""Committee meetings, their attendance and conclusions (vstb/meetings).

A committee's meetings are its unit's working papers, as a plan's drafts are: read in the
unit's scope (its own people, its focal points, the units above it that read it), not by the
units below it nor by a neighbour (404). They are changed by those who manage the unit;
those who only read them are refused (403), and so is anyone once a meeting is cancelled.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.plans import plans_visible_to
from vstb.access.units import can_manage_unit, get_committee_for_user, unit_filter
from vstb.meetings.models import Conclusion, Meeting, MeetingStatus
from vstb.org.models import Committee, Unit
from vstb.plans.models import PlanStatus


def meetings_visible_to(user: AnyUser) -> Any:
    """The meetings of the committees of the user's scope."""
    return Meeting.objects.filter(unit_filter(user, field="committee__unit"))


def meetings_at_own_units(user: AnyUser) -> Any:
    """Meetings of the committees of the units the user holds a role at, not of the units
    below them (the user's own calendar; a unit's calendar shows a lower unit's)."""
    grants = grants_for(user)
    own = set(grants.read_units) | {
        int(path.strip("/").split("/")[-1]) for path in grants.read_paths
    }
    return meetings_visible_to(user).filter(committee__unit_id__in=sorted(own))


def meetings_on_calendar(user: AnyUser, unit: Unit | None = None) -> Any:
    """The meetings a calendar shows, cancelled ones left out: those of the user's own units'
    committees, or of `unit`'s committee (a unit's calendar)."""
    if unit is None:
        meetings = meetings_at_own_units(user)
    else:
        meetings = meetings_visible_to(user).filter(committee__unit=unit)
    return meetings.exclude(status=MeetingStatus.CANCELLED)


def reads_meetings_of(user: AnyUser, unit: Unit) -> bool:
    return grants_for(user).reads_unit(unit)


def can_manage_meetings(user: AnyUser, committee: Committee) -> bool:
    """Calling, recording and following up a committee's meetings is its unit's managers'
    work (its secretariat's, as the committee's standing agency)."""
    return can_manage_unit(user, committee.unit)


def get_meetings_committee_for_user(user: AnyUser, unit_pk: int, write: bool = False) -> Committee:
    """The committee whose meetings are listed or called: 404 outside the unit's scope (a
    unit above one's own is not enough), 403 to those who only read it."""
    committee = get_committee_for_user(user, unit_pk)
    if not reads_meetings_of(user, committee.unit):
        raise Http404
    if write and not can_manage_meetings(user, committee):
        raise PermissionDenied
    return committee


def get_meeting_for_user(user: AnyUser, pk: int, write: bool = False) -> Meeting:
    meeting = (
        Meeting.objects.select_related(
            "committee__unit",
            "chair__agency",
            "secretary__agency",
            "invitation",
            "minutes",
            "notice",
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not reads_meetings_of(user, meeting.committee.unit):
        raise Http404
    if write:
        if not can_manage_meetings(user, meeting.committee):
            raise PermissionDenied
        if meeting.is_cancelled:
            raise PermissionDenied(
                _("This meeting has been cancelled and can no longer be changed.")
            )
    return meeting


def get_conclusion_for_user(user: AnyUser, pk: int, write: bool = False) -> Conclusion:
    conclusion = Conclusion.objects.select_related("lead", "task__plan").filter(pk=pk).first()
    if conclusion is None:
        raise Http404
    conclusion.meeting = get_meeting_for_user(user, conclusion.meeting_id, write=write)
    return conclusion


def plans_for_conclusions(user: AnyUser, meeting: Meeting) -> Any:
    """The plans a meeting's conclusions may join: its unit's issued plans of its year."""
    return plans_visible_to(user).filter(
        unit=meeting.committee.unit, year=meeting.day.year, status=PlanStatus.ISSUED
    )
