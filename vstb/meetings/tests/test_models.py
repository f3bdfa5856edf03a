"""A meeting's rules: its chair and secretary, its times, who is invited, its status."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from vstb.conftest import vi
from vstb.meetings import services
from vstb.meetings.models import Meeting, MeetingStatus
from vstb.meetings.tests.conftest import DAY, add_secretary, at, plan_meeting
from vstb.org.models import Membership, Position

pytestmark = pytest.mark.django_db

NOT_IN_FORCE = (
    "%(name)s is not a member of %(committee)s on %(day)s. Choose a member in force on the day "
    "of the meeting."
)


def _messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict[field]


def test_members_in_force_on_the_day_are_invited_with_the_committee_s_chair_and_secretary(world):
    secretary = add_secretary(world)
    left = Membership.objects.create(
        committee=world.committee, full_name="Đã Nghỉ", position=Position.MEMBER,
        start=date(2024, 1, 1), end=date(2025, 6, 30),
    )  # fmt: skip
    later = Membership.objects.create(
        committee=world.committee, full_name="Mới Vào", position=Position.MEMBER,
        start=date(2025, 8, 1),
    )  # fmt: skip
    meeting = plan_meeting(world)
    invited = set(meeting.attendances.values_list("membership_id", flat=True))
    assert invited == {world.chair.pk, world.member.pk, secretary.pk}
    assert left.pk not in invited and later.pk not in invited
    assert meeting.chair == world.chair and meeting.secretary == secretary
    assert meeting.status == MeetingStatus.PLANNED


def test_moving_a_planned_meeting_s_day_invites_those_in_force_on_the_new_day(world):
    add_secretary(world)
    world.member.end = date(2025, 9, 30)
    world.member.save()
    meeting = plan_meeting(world)
    assert meeting.attendances.filter(membership=world.member).exists()
    meeting.starts_at = meeting.ends_at = at(date(2025, 10, 20))
    meeting.ends_at = None
    meeting.save()
    services.invite_members(meeting)
    assert not meeting.attendances.filter(membership=world.member).exists()


def test_a_chair_whose_membership_ended_before_the_meeting_is_refused_in_vietnamese(world):
    world.chair.end = DAY - timedelta(days=1)
    world.chair.save()
    meeting = Meeting(
        committee=world.committee, title="Họp", starts_at=at(DAY), place="UBND", chair=world.chair
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    expected = vi(NOT_IN_FORCE) % {
        "name": world.chair.full_name,
        "committee": world.committee.name,
        "day": "15/07/2025",
    }
    assert _messages(error, "chair") == [expected]


def test_a_member_of_another_committee_cannot_take_the_minutes(world):
    meeting = Meeting(
        committee=world.committee,
        title="Họp",
        starts_at=at(DAY),
        place="UBND",
        secretary=world.ward_member,
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "Phạm Thị Phường" in _messages(error, "secretary")[0]


def test_the_chair_does_not_take_the_minutes_and_a_meeting_ends_after_it_starts(world):
    meeting = Meeting(
        committee=world.committee,
        title="Họp",
        starts_at=at(DAY, 14),
        ends_at=at(DAY, 8),
        place="UBND",
        chair=world.chair,
        secretary=world.chair,
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert _messages(error, "ends_at") == [
        vi(
            "The meeting must end after it starts. Enter an end time later than the start "
            "time, or leave it empty."
        )
    ]
    assert _messages(error, "secretary") == [
        vi("The chair cannot also take the minutes. Choose another member as secretary.")
    ]


def test_a_meeting_is_held_from_its_day_on_and_a_cancelled_one_stays_cancelled(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    meeting = plan_meeting(world, starts_at=at(tomorrow), ends_at=None)
    with pytest.raises(ValidationError):
        meeting.hold()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    meeting.cancel()
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED
    with pytest.raises(ValidationError):
        meeting.cancel()
    past = plan_meeting(world)
    past.hold()
    assert Meeting.objects.get(pk=past.pk).status == MeetingStatus.HELD
