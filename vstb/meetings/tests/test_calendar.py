"""Meetings on the calendar: the committee's people see them, on their day and with their time;
the units below and the neighbours do not; a cancelled meeting leaves it."""

from datetime import date

import icalendar
import pytest
from django.urls import reverse

from vstb.activities import calendar
from vstb.activities.models_calendar import CalendarToken
from vstb.conftest import vi
from vstb.meetings.tests.conftest import at, plan_meeting

pytestmark = pytest.mark.django_db

JULY = (date(2025, 7, 1), date(2025, 7, 31))


def _uids(user, unit=None) -> set[str]:
    return {
        e.uid for e in calendar.entries_for(user, *JULY, unit=unit) if e.kind == calendar.MEETING
    }


def test_a_meeting_is_on_the_calendars_of_its_committee_s_people_only(world):
    meeting = plan_meeting(world)
    uid = f"meeting-{meeting.pk}@vstb"
    for persona in ("district_secretariat", "district_viewer", "focal_point"):
        assert uid in _uids(world.users[persona]), persona
    for persona in ("ward_officer", "other_district_officer", "other_province_secretariat"):
        assert uid not in _uids(world.users[persona]), persona
    # The city reads the district's meetings on the district's calendar, not on its own.
    city = world.users["province_secretariat"]
    assert uid not in _uids(city) and uid in _uids(city, unit=world.district)
    entry = next(e for e in calendar.entries_for(world.users["focal_point"], *JULY) if e.uid == uid)
    assert (entry.start, entry.end) == (date(2025, 7, 15), date(2025, 7, 15))
    assert entry.detail == "08:00 · Phòng họp số 2, UBND quận Long Biên · Quận Long Biên"
    assert entry.url == reverse("meetings:detail", args=[meeting.pk])


def test_an_early_meeting_is_on_its_own_day_and_a_cancelled_one_is_gone(world):
    # 07:00 in Hà Nội on 1 August is 31 July in UTC: the calendar shows Vietnam's day.
    early = plan_meeting(world, starts_at=at(date(2025, 8, 1), 7), ends_at=None)
    user = world.users["district_secretariat"]
    assert f"meeting-{early.pk}@vstb" not in _uids(user)
    august = calendar.entries_for(user, date(2025, 8, 1), date(2025, 8, 31))
    assert f"meeting-{early.pk}@vstb" in {e.uid for e in august}
    early.cancel()
    august = calendar.entries_for(user, date(2025, 8, 1), date(2025, 8, 31))
    assert f"meeting-{early.pk}@vstb" not in {e.uid for e in august}


def test_the_month_page_and_the_feed_show_the_meeting(world, login, client):
    meeting = plan_meeting(world)
    page = login(world.users["focal_point"]).get(
        reverse("activities:calendar"), {"month": "2025-07"}
    )
    html = page.content.decode()
    assert meeting.title in html and vi("Committee meeting") in html
    assert "Committee meetings are not recorded yet" not in html
    _token, secret = CalendarToken.issue(world.users["focal_point"])
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("activities:calendar_feed", args=[secret])).content
    )
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    event = events[f"meeting-{meeting.pk}@vstb"]
    assert str(event["SUMMARY"]) == f"{vi('Committee meeting')}: {meeting.title}"
    # The feed leaves VSTB: the time and the place, never the people.
    assert "Trần Thị Chủ Tịch" not in feed.to_ical().decode()
