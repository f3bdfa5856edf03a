"""The calendar: national days, plan and task dates, the month grid, the agenda, the ICS feed."""

from datetime import date

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vstb.activities import calendar
from vstb.activities.models import Activity, CalendarToken
from vstb.activities.models_calendar import hash_secret
from vstb.conftest import PERSONAS, queries_of, vi
from vstb.plans import services
from vstb.plans.models import Plan, Section, Task, TaskStatus

pytestmark = pytest.mark.django_db

FAMILY_DAY = "Ngày Gia đình Việt Nam"
GENDER_MONTH = (
    "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"
)
JUSTICE_TASK_TEXT = "Tuyên truyền pháp luật về bình đẳng giới."
WARDS_TASK_TEXT = "Các phường xây dựng kế hoạch gửi về quận"


@pytest.fixture
def today(monkeypatch):
    """Freeze "today" for the views: today(date(...))."""

    def _freeze(day: date) -> date:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)
        return day

    return _freeze


def _feed(client, user) -> icalendar.Calendar:
    _token, secret = CalendarToken.issue(user)
    response = client.get(reverse("activities:calendar_feed", args=[secret]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    return icalendar.Calendar.from_ical(response.content)


def _events(feed: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in feed.walk("VEVENT")}


# The recurring calendar ----------------------------------------------------------------------


def test_2026_holds_the_action_months_and_national_days_on_their_dates():
    entries = calendar.national_days(None, date(2026, 1, 1), date(2026, 12, 31))
    dates = {entry.title: (entry.start, entry.end) for entry in entries}
    assert dates == {
        "Ngày Quốc tế Phụ nữ": (date(2026, 3, 8), date(2026, 3, 8)),
        "Ngày Quốc tế Hạnh phúc": (date(2026, 3, 20), date(2026, 3, 20)),
        "Tháng hành động quốc gia về phòng, chống bạo lực gia đình": (
            date(2026, 6, 1),
            date(2026, 6, 30),
        ),
        FAMILY_DAY: (date(2026, 6, 28), date(2026, 6, 28)),
        "Ngày Phụ nữ Việt Nam": (date(2026, 10, 20), date(2026, 10, 20)),
        GENDER_MONTH: (date(2026, 11, 15), date(2026, 12, 15)),
        "Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ": (date(2026, 11, 25), date(2026, 11, 25)),
    }


def test_every_national_day_cites_its_source_and_says_what_is_unconfirmed():
    for observance in calendar.OBSERVANCES:
        assert observance.source.strip(), observance.key
        assert not observance.to_confirm or observance.to_confirm.startswith("to confirm")
    unconfirmed = {o.key for o in calendar.OBSERVANCES if o.to_confirm}
    assert unconfirmed == {"domestic-violence-action-month", "gender-equality-action-month"}


def test_national_days_are_generated_for_any_year():
    entries = list(calendar.national_days(None, date(2031, 1, 1), date(2032, 12, 31)))
    assert len(entries) == 2 * len(calendar.OBSERVANCES)
    assert {e.uid for e in entries if e.title == FAMILY_DAY} == {
        "vietnamese-family-day-2031@vstb",
        "vietnamese-family-day-2032@vstb",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11", date(2026, 11, 1)),
        ("2026-1", date(2026, 1, 1)),
        ("2026-13", date(2025, 6, 1)),
        ("năm nay", date(2025, 6, 1)),
        ("99999-01", date(2025, 6, 1)),
        ("", date(2025, 6, 1)),
    ],
)
def test_a_month_that_cannot_be_read_falls_back_to_this_month(value, expected):
    assert calendar.parse_month(value, date(2025, 6, 18)) == expected


# The ICS feed ----------------------------------------------------------------------------------


def test_feed_parses_and_holds_national_days_and_my_tasks(world, client, today):
    today(date(2026, 3, 1))  # the feed covers 2025–2027
    events = _events(_feed(client, world.users["district_secretariat"]))

    family = events["vietnamese-family-day-2026@vstb"]
    assert str(family["SUMMARY"]) == FAMILY_DAY
    assert family["DTSTART"].dt == date(2026, 6, 28)
    assert family["DTEND"].dt == date(2026, 6, 29)  # the day after: DTEND is exclusive
    assert "72/2001/QĐ-TTg" in str(family["DESCRIPTION"])
    month = events["gender-equality-action-month-2026@vstb"]
    assert (month["DTSTART"].dt, month["DTEND"].dt) == (date(2026, 11, 15), date(2026, 12, 16))
    june = events["domestic-violence-action-month-2026@vstb"]
    assert (june["DTSTART"].dt, june["DTEND"].dt) == (date(2026, 6, 1), date(2026, 7, 1))
    for key in ("international-womens-day", "international-day-of-happiness"):
        assert f"{key}-2026@vstb" in events
    assert "vietnamese-womens-day-2027@vstb" in events

    task = events[f"task-{world.justice_task.pk}-due@vstb"]
    assert task["DTSTART"].dt == date(2025, 12, 15)
    assert JUSTICE_TASK_TEXT in str(task["SUMMARY"])
    assert str(task["URL"]).endswith(reverse("plans:task_detail", args=[world.justice_task.pk]))
    # All-day events only: DTSTART;VALUE=DATE.
    assert all(type(e["DTSTART"].dt) is date for e in events.values())


def test_feed_summaries_are_vietnamese(world, client, today):
    today(date(2025, 6, 1))
    events = _events(_feed(client, world.users["district_secretariat"]))
    summary = str(events[f"task-{world.justice_task.pk}-due@vstb"]["SUMMARY"])
    assert summary.startswith(f"{vi('Task due')}: ")


def test_feed_uids_are_stable_between_fetches(world, client, today):
    today(date(2025, 6, 1))
    user = world.users["focal_point"]
    _token, secret = CalendarToken.issue(user)
    url = reverse("activities:calendar_feed", args=[secret])
    first = _events(icalendar.Calendar.from_ical(client.get(url).content))
    second = _events(icalendar.Calendar.from_ical(client.get(url).content))
    assert first.keys() == second.keys()
    assert f"task-{world.justice_task.pk}-due@vstb" in first


def test_feed_holds_plan_events_and_deadlines_with_text_escaped_and_lines_folded(
    world, client, today
):
    today(date(2025, 6, 1))
    long_name = "Hội thi “Tìm hiểu Luật Bình đẳng giới”; tuyên truyền, tập huấn\ncho cán bộ " * 3
    Plan.objects.filter(pk=world.district_plan.pk).update(
        events=[{"name": long_name, "start": "2025-11-15", "end": "2025-11-20"}],
        deadlines=[{"what": "Báo cáo sơ kết 6 tháng", "date": "2025-06-10"}],
    )
    _token, secret = CalendarToken.issue(world.users["ward_officer"])
    response = client.get(reverse("activities:calendar_feed", args=[secret]))
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    events = _events(icalendar.Calendar.from_ical(response.content))

    event = events[f"plan-{world.district_plan.pk}-event-0@vstb"]
    assert " ".join(long_name.split())[:100] in str(event["SUMMARY"])
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2025, 11, 15), date(2025, 11, 21))
    deadline = events[f"plan-{world.district_plan.pk}-deadline-0@vstb"]
    assert "Báo cáo sơ kết 6 tháng" in str(deadline["SUMMARY"])
    assert "Quận Long Biên" in str(deadline["DESCRIPTION"])


def test_feed_carries_no_status_notes(world, client, today):
    today(date(2025, 6, 1))
    Task.objects.filter(pk=world.justice_task.pk).update(
        status=TaskStatus.IN_PROGRESS, status_note="Nạn nhân Nguyễn Thị A cần hỗ trợ"
    )
    _token, secret = CalendarToken.issue(world.users["focal_point"])
    body = client.get(reverse("activities:calendar_feed", args=[secret])).content.decode()
    assert "Nguyễn Thị A" not in body


def test_another_users_tasks_never_appear_in_my_feed(world, client, today):
    today(date(2025, 6, 1))
    Plan.objects.filter(pk=world.district_plan.pk).update(
        events=[{"name": "Mít tinh hưởng ứng Tháng hành động", "start": "2025-11-15"}]
    )
    mine = _events(_feed(client, world.users["other_district_officer"]))
    theirs = _events(_feed(client, world.users["district_secretariat"]))
    long_bien = {uid for uid in theirs if uid.startswith(("task-", "plan-"))}
    assert long_bien  # the district's tasks and plan event are in the district's feed …
    assert not long_bien & mine.keys()  # … and none of them in Hoàn Kiếm's
    # The focal point sees the task their agency leads, not the one addressed to the wards.
    focal = _events(_feed(client, world.users["focal_point"]))
    assert f"task-{world.justice_task.pk}-due@vstb" in focal
    assert f"task-{world.wards_task.pk}-due@vstb" not in focal


def test_revoked_unknown_and_disabled_tokens_get_404(world, client):
    user = world.users["district_secretariat"]
    token, secret = CalendarToken.issue(user)
    url = reverse("activities:calendar_feed", args=[secret])
    assert client.get(url).status_code == 200
    token.revoke()
    assert client.get(url).status_code == 404
    assert client.get(reverse("activities:calendar_feed", args=["khong-co"])).status_code == 404

    _token, secret = CalendarToken.issue(user)
    user.is_active = False
    user.save()
    assert client.get(reverse("activities:calendar_feed", args=[secret])).status_code == 404


def test_feed_refuses_post(world, client):
    _token, secret = CalendarToken.issue(world.users["ward_officer"])
    response = client.post(reverse("activities:calendar_feed", args=[secret]))
    assert response.status_code == 405


# The feed address page -----------------------------------------------------------------------


def test_user_sees_the_feed_address_once_and_only_its_hash_is_stored(world, login):
    user = world.users["ward_officer"]
    client = login(user)
    page = reverse("activities:calendar_token")
    response = client.post(page, {"action": "create"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = CalendarToken.objects.get(user=user)
    feed_url = response.context["feed_url"]
    secret = feed_url.rstrip("/").rsplit("/", 1)[1]
    assert feed_url in response.content.decode()
    assert len(secret) >= 43  # secrets.token_urlsafe(32)
    assert token.token_hash == hash_secret(secret) != secret
    assert secret not in str(CalendarToken.objects.values().get())
    assert secret not in client.get(page).content.decode()  # not shown again

    client.logout()
    assert client.get(feed_url).status_code == 200
    assert CalendarToken.objects.get().last_used_at is not None


def test_a_new_address_revokes_the_old_one(world, login):
    client = login(world.users["district_viewer"])
    page = reverse("activities:calendar_token")
    first = client.post(page, {"action": "create"}).context["feed_url"]
    second = client.post(page, {"action": "create"}).context["feed_url"]
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert CalendarToken.objects.active().count() == 1


def test_user_revokes_the_address(world, login):
    client = login(world.users["district_viewer"])
    page = reverse("activities:calendar_token")
    feed_url = client.post(page, {"action": "create"}).context["feed_url"]
    response = client.post(page, {"action": "revoke"})
    assert response.status_code == 302
    assert client.get(feed_url).status_code == 404


def test_anonymous_cannot_make_an_address(world, client):
    response = client.post(reverse("activities:calendar_token"), {"action": "create"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not CalendarToken.objects.exists()


# The month grid and the agenda ---------------------------------------------------------------


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_month_grid_and_agenda_render_for_every_persona(world, login, today, persona):
    today(date(2026, 6, 20))
    client = login(world.users[persona])
    month = client.get(reverse("activities:calendar"), {"month": "2026-06"})
    assert month.status_code == 200
    page = month.content.decode()
    assert FAMILY_DAY in page
    assert "Quyết định số 72/2001/QĐ-TTg" in page
    agenda = client.get(reverse("activities:calendar_agenda"))
    assert agenda.status_code == 200
    assert FAMILY_DAY in agenda.content.decode()


def test_month_grid_shows_my_tasks_and_plan_dates(world, login, today):
    today(date(2025, 12, 1))
    Plan.objects.filter(pk=world.district_plan.pk).update(
        deadlines=[{"what": "Gửi báo cáo năm về quận", "date": "2025-12-10"}]
    )
    client = login(world.users["district_secretariat"])
    response = client.get(reverse("activities:calendar"), {"month": "2025-12"})
    page = response.content.decode()
    assert JUSTICE_TASK_TEXT in page
    assert "Gửi báo cáo năm về quận" in page
    assert GENDER_MONTH in page  # under way in December
    weeks = response.context["month"].weeks
    assert weeks[0][0].date == date(2025, 12, 1)  # a Monday: weeks start on Monday
    assert weeks[-1][-1].date == date(2026, 1, 4)


def test_an_outsider_never_sees_another_units_tasks(world, login, today):
    today(date(2025, 12, 1))
    client = login(world.users["other_district_officer"])
    month = client.get(reverse("activities:calendar"), {"month": "2025-12"}).content.decode()
    agenda = client.get(reverse("activities:calendar_agenda")).content.decode()
    for page in (month, agenda):
        assert GENDER_MONTH in page
        assert JUSTICE_TASK_TEXT not in page
    response = client.get(reverse("activities:calendar"), {"unit": world.district.pk})
    assert response.status_code == 404
    response = client.get(reverse("activities:calendar_agenda"), {"unit": world.ward.pk})
    assert response.status_code == 404


def test_a_ward_officer_cannot_open_another_wards_calendar(world, login):
    client = login(world.users["ward_officer"])
    response = client.get(reverse("activities:calendar"), {"unit": world.other_ward.pk})
    assert response.status_code == 404
    assert client.get(reverse("activities:calendar"), {"unit": "x"}).status_code == 404


def test_a_wards_calendar_holds_the_tasks_addressed_to_it_from_above(world, login, today):
    today(date(2025, 2, 1))
    client = login(world.users["district_secretariat"])
    url = reverse("activities:calendar")
    ward = client.get(url, {"unit": world.ward.pk, "month": "2025-02"}).content.decode()
    assert WARDS_TASK_TEXT in ward
    district = client.get(url, {"unit": world.district.pk, "month": "2025-12"}).content.decode()
    assert JUSTICE_TASK_TEXT in district
    # A ward's calendar does not hold the district's own tasks.
    ward_december = client.get(url, {"unit": world.ward.pk, "month": "2025-12"}).content.decode()
    assert JUSTICE_TASK_TEXT not in ward_december


def test_agenda_lists_the_next_60_days_and_what_is_under_way(world, login, today):
    today(date(2025, 11, 20))
    client = login(world.users["focal_point"])
    response = client.get(reverse("activities:calendar_agenda"))
    days = dict(response.context["days"])
    assert [e.title for e in days[date(2025, 11, 20)]] == [GENDER_MONTH]  # started 15/11
    assert date(2025, 11, 25) in days
    assert JUSTICE_TASK_TEXT in [e.title for e in days[date(2025, 12, 15)]]
    assert max(days) <= date(2026, 1, 18)  # 60 days, today included


def test_month_grid_queries_do_not_grow_with_the_tasks(world, login, today):
    today(date(2025, 12, 1))
    client = login(world.users["district_secretariat"])
    url = reverse("activities:calendar")
    client.get(url, {"month": "2025-12"})  # warm the session and caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"month": "2025-12"}).status_code == 200
        return len(queries)

    before = count()
    parent = world.justice_task.section.parent
    for order in range(5):
        section = Section.objects.create(
            plan=world.district_plan,
            parent=parent,
            order=10 + order,
            label="-",
            kind="tasks",
            paragraphs=[f"Nhiệm vụ thêm {order}"],
        )
        Task.objects.create(
            plan=world.district_plan, section=section, lead=world.justice, due=date(2025, 12, 3)
        )
    assert count() == before


# Due in the next 14 days ---------------------------------------------------------------------


def test_due_soon_holds_open_tasks_due_and_national_days_starting_within_14_days(world):
    user = world.users["district_secretariat"]
    soon = calendar.due_soon(user, today=date(2025, 12, 5))
    assert [(e.kind, e.start) for e in soon] == [(calendar.TASK_DUE, date(2025, 12, 15))]

    soon = calendar.due_soon(user, today=date(2025, 11, 14))
    assert [(e.title, e.start) for e in soon] == [
        (GENDER_MONTH, date(2025, 11, 15)),
        ("Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ", date(2025, 11, 25)),
    ]
    assert calendar.due_soon(user, today=date(2025, 12, 16)) == []

    Task.objects.filter(pk=world.justice_task.pk).update(status=TaskStatus.DONE)
    assert calendar.due_soon(user, today=date(2025, 12, 5)) == []


def test_due_soon_holds_tasks_whose_period_ends(world):
    Task.objects.filter(pk=world.wards_task.pk).update(
        due=None, period_start=date(2025, 3, 1), period_end=date(2025, 3, 31)
    )
    soon = calendar.due_soon(world.users["ward_officer"], today=date(2025, 3, 25))
    assert [(e.kind, e.start) for e in soon] == [(calendar.TASK_END, date(2025, 3, 31))]


def test_home_page_shows_what_is_due_in_the_next_14_days(world, login, today):
    today(date(2025, 12, 5))
    page = login(world.users["focal_point"]).get(reverse("home")).content.decode()
    assert JUSTICE_TASK_TEXT in page
    page = login(world.users["other_district_officer"]).get(reverse("home")).content.decode()
    assert JUSTICE_TASK_TEXT not in page


# Activities, one task per level, no internal notes ----------------------------------------------


def _activity(unit, title: str, start: date, **fields) -> Activity:
    return Activity.objects.create(
        unit=unit, kind="communication", title=title, start=start, **fields
    )


def test_calendar_and_feed_hold_the_units_activities_planned_and_held(world, login, client, today):
    today(date(2025, 3, 10))
    held = world.activity  # 08/03/2025, Long Biên
    planned = _activity(
        world.district, "Tọa đàm về bình đẳng giới", date(2025, 3, 20), place="Nhà văn hóa"
    )
    _activity(world.other_district, "Hoạt động của Hoàn Kiếm", date(2025, 3, 21))

    login(world.users["district_secretariat"])
    page = client.get(reverse("activities:calendar"), {"month": "2025-03"}).content.decode()
    assert held.title in page and planned.title in page
    assert vi("Planned activity") in page and vi("Activity held") in page
    assert "Hoạt động của Hoàn Kiếm" not in page

    events = _events(_feed(client, world.users["district_secretariat"]))
    event = events[f"activity-{planned.pk}@vstb"]
    assert str(event["SUMMARY"]) == f"{vi('Planned activity')}: Tọa đàm về bình đẳng giới"
    assert event["DTSTART"].dt == date(2025, 3, 20)
    assert "Nhà văn hóa" in str(event["DESCRIPTION"])
    assert str(events[f"activity-{held.pk}@vstb"]["SUMMARY"]).startswith(vi("Activity held"))
    theirs = _events(_feed(client, world.users["other_district_officer"]))
    assert f"activity-{planned.pk}@vstb" not in theirs


def test_a_wards_activities_are_on_the_wards_calendar_not_its_neighbours(world, login, today):
    today(date(2025, 3, 10))
    _activity(world.ward, "Sinh hoạt chuyên đề ở Bồ Đề", date(2025, 3, 12))
    url = reverse("activities:calendar")
    mine = login(world.users["ward_officer"]).get(url, {"month": "2025-03"}).content.decode()
    assert "Sinh hoạt chuyên đề ở Bồ Đề" in mine
    theirs = login(world.users["other_ward_officer"]).get(url, {"month": "2025-03"})
    assert "Sinh hoạt chuyên đề ở Bồ Đề" not in theirs.content.decode()
    # The district opens the ward's calendar to see its activities.
    district = login(world.users["district_secretariat"])
    ward = district.get(url, {"month": "2025-03", "unit": world.ward.pk}).content.decode()
    assert "Sinh hoạt chuyên đề ở Bồ Đề" in ward


def test_a_support_to_victims_shows_as_its_type_only_in_the_feed(world, client, today):
    today(date(2025, 3, 10))
    support = _activity(world.district, "Hỗ trợ chị Nguyễn Thị B", date(2025, 3, 11))
    Activity.objects.filter(pk=support.pk).update(kind="victim_support")
    body = client.get(
        reverse(
            "activities:calendar_feed", args=[CalendarToken.issue(world.users["focal_point"])[1]]
        )
    ).content.decode()
    assert "Nguyễn Thị B" not in body and f"activity-{support.pk}@vstb" in body


def test_no_internal_note_in_the_calendar_or_the_feed_but_administrators_see_it(
    world, login, client, today
):
    today(date(2026, 6, 10))
    note = vi("source to confirm")
    body = client.get(
        reverse(
            "activities:calendar_feed",
            args=[CalendarToken.issue(world.users["district_secretariat"])[1]],
        )
    ).content.decode()
    assert "to confirm" not in body and "đối chiếu" not in body
    events = _events(icalendar.Calendar.from_ical(body))
    assert "363/QĐ-TTg" in str(events["domestic-violence-action-month-2026@vstb"]["DESCRIPTION"])
    for persona in ("district_secretariat", "ward_officer", "focal_point"):
        page = login(world.users[persona]).get(reverse("activities:calendar"), {"month": "2026-06"})
        assert note not in page.content.decode() and "to confirm" not in page.content.decode()
    admin = login(world.users["admin"]).get(reverse("activities:calendar"), {"month": "2026-06"})
    assert note in admin.content.decode()


def test_a_derived_task_and_its_parent_show_once_at_the_readers_level(world, client, login, today):
    today(date(2025, 2, 1))
    ward_plan = services.cascade(world.district_plan, world.ward)
    ward_task = ward_plan.tasks.get()
    # While the ward's plan is a draft, the ward follows the district's task.
    draft = _events(_feed(client, world.users["ward_officer"]))
    assert f"task-{world.wards_task.pk}-due@vstb" in draft
    assert f"task-{ward_task.pk}-due@vstb" not in draft
    ward_plan.signer_lines, ward_plan.signer_name = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Lê Văn C"
    ward_plan.save()
    ward_plan.issue(on=date(2025, 1, 20))

    ward = _events(_feed(client, world.users["ward_officer"]))
    assert f"task-{ward_task.pk}-due@vstb" in ward
    assert f"task-{world.wards_task.pk}-due@vstb" not in ward
    assert [str(e["SUMMARY"]) for e in ward.values()].count(
        f"{vi('Task due')}: Các phường xây dựng kế hoạch gửi về quận trước ngày 15/02/2025."
    ) == 1
    page = login(world.users["ward_officer"]).get(
        reverse("activities:calendar"), {"month": "2025-02"}
    )
    assert page.content.decode().count(WARDS_TASK_TEXT) == 2  # the link's title and its text
    unit_page = login(world.users["district_secretariat"]).get(
        reverse("activities:calendar"), {"month": "2025-02", "unit": world.ward.pk}
    )
    assert unit_page.content.decode().count(WARDS_TASK_TEXT) == 2
    # The district keeps its own task: the ward's is not at its level.
    district = _events(_feed(client, world.users["district_secretariat"]))
    assert f"task-{world.wards_task.pk}-due@vstb" in district
    assert f"task-{ward_task.pk}-due@vstb" not in district
    soon = calendar.due_soon(world.users["ward_officer"], today=date(2025, 2, 10))
    assert [entry.uid for entry in soon] == [f"task-{ward_task.pk}-due@vstb"]


def test_month_grid_queries_do_not_grow_with_the_activities(world, login, today):
    today(date(2025, 3, 1))
    client = login(world.users["district_secretariat"])
    url = reverse("activities:calendar")
    client.get(url, {"month": "2025-03"})
    before = queries_of(lambda: client.get(url, {"month": "2025-03"}))
    for day in range(1, 21):
        _activity(world.district, f"Hoạt động {day}", date(2025, 3, day)).tasks.add(
            world.justice_task
        )
    page = client.get(url, {"month": "2025-03"}).content.decode()
    assert "Hoạt động 20" in page
    assert queries_of(lambda: client.get(url, {"month": "2025-03"})) == before


@pytest.mark.parametrize("count", [1, 15])
def test_calendar_entries_take_a_constant_number_of_queries(
    world, count, django_assert_num_queries
):
    from vstb import access

    for day in range(count):
        _activity(world.district, f"Hoạt động {day}", date(2025, 3, 1 + day))
    user = world.users["district_secretariat"]
    access.visible_units(user)  # the reader's roles, read once per request
    # plans, tasks, requirements, activities, meetings, rounds, inspection visits
    with django_assert_num_queries(7):
        entries = calendar.entries_for(user, date(2025, 3, 1), date(2025, 3, 31))
    assert (
        len([e for e in entries if e.kind == calendar.ACTIVITY_HELD]) == count + 1
    )  # + the world's
