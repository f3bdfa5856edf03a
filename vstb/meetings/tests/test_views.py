"""The meeting pages: planning, editing, recording, drafting, concluding; who may do what."""

import pytest
from django.urls import reverse

from vstb.conftest import queries_of, vi
from vstb.issuing.models import IssuedDocument, Purpose
from vstb.meetings.models import Attendance, Conclusion, Meeting, MeetingStatus
from vstb.meetings.tests.conftest import DAY, plan_meeting
from vstb.plans.models import Task

pytestmark = pytest.mark.django_db

STALE = (
    "Someone saved this while you were editing it, so your changes were not saved. Both "
    "versions are shown below: copy what you need into the form, then save again."
)


def _form(world, **changes) -> dict:
    data = {
        "kind": "regular",
        "title": "Họp Ban quý III năm 2025",
        "day": "20/08/2025",
        "starts_at": "14:00",
        "ends_at": "16:30",
        "place": "Phòng họp tầng 3, UBND quận",
        "agenda_titles": "Đánh giá công tác quý III\nKế hoạch Tháng hành động",
        "chair": "",
        "secretary": "",
    }
    data.update(changes)
    return data


def test_the_secretariat_plans_a_meeting_that_invites_the_members_in_force(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("meetings:create", args=[world.district.pk]), _form(world))
    meeting = Meeting.objects.get(title="Họp Ban quý III năm 2025")
    assert response.status_code == 302
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.day.isoformat() == "2025-08-20" and meeting.chair == world.chair
    assert meeting.agenda_titles == ["Đánh giá công tác quý III", "Kế hoạch Tháng hành động"]
    assert meeting.attendances.count() == 2
    page = client.get(response.url).content.decode()
    assert "Phòng họp tầng 3, UBND quận" in page and "14:00 – 16:30, 20/08/2025" in page


def test_a_chair_who_had_left_is_refused_with_a_sentence_and_nothing_is_saved(world, login):
    world.chair.end = DAY
    world.chair.save()
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("meetings:create", args=[world.district.pk]),
        _form(world, chair=world.chair.pk, starts_at="8h"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert vi("Enter a time as hh:mm, for example 08:00.") in page
    response = client.post(
        reverse("meetings:create", args=[world.district.pk]), _form(world, chair=world.chair.pk)
    )
    page = response.content.decode()
    assert (
        vi(
            "%(name)s is not a member of %(committee)s on %(day)s. Choose a member in force on "
            "the day of the meeting."
        )
        % {
            "name": "Trần Thị Chủ Tịch",
            "committee": "Ban VSTBPN quận Long Biên",
            "day": "20/08/2025",
        }
        in page
    )
    assert not Meeting.objects.exists()


def test_a_stale_edit_is_refused_and_both_versions_are_shown(world, meeting, login):
    client = login(world.users["district_secretariat"])
    url = reverse("meetings:edit", args=[meeting.pk])
    shown = meeting.version
    first = _form(world, title="Họp đã sửa lần một", day="15/07/2025", version=shown)
    assert client.post(url, first).status_code == 302
    second = _form(world, title="Họp đã sửa lần hai", day="15/07/2025", version=shown)
    response = client.post(url, second)
    assert response.status_code == 200
    assert vi(STALE) in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).title == "Họp đã sửa lần một"


def test_an_agenda_item_with_notes_is_not_dropped_silently(world, held, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("meetings:edit", args=[held.pk]),
        _form(world, day="15/07/2025", agenda_titles="Một mục mới", version=held.version),
    )
    assert response.status_code == 200
    item = "Báo cáo kết quả công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025"
    assert (
        vi(
            "The item “%(item)s” already has notes. Keep it on the agenda as it was, or clear "
            "its notes first."
        )
        % {"item": item}
        in response.content.decode()
    )
    assert Meeting.objects.get(pk=held.pk).agenda == held.agenda


def test_attendance_and_notes_are_recorded_from_the_page(world, meeting, login):
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert f'name="present_{world.chair.pk}"' in page
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {
            "version": meeting.version,
            f"present_{world.chair.pk}": "on",
            f"reason_{world.member.pk}": "Đi công tác",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    member = Attendance.objects.get(meeting=meeting, membership=world.member)
    assert (member.present, member.absent_reason) == (False, "Đi công tác")
    response = client.post(
        reverse("meetings:notes", args=[meeting.pk]),
        {"version": meeting.version, "notes_0": "Đã thống nhất báo cáo.", "notes_1": ""},
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).agenda[0]["notes"] == "Đã thống nhất báo cáo."
    # The same form sent again, from a tab left open: refused with a sentence, nothing saved.
    response = client.post(
        reverse("meetings:notes", args=[meeting.pk]),
        {"version": meeting.version, "notes_0": "Cũ.", "notes_1": ""},
    )
    assert response.status_code == 200
    assert (
        vi(
            "Someone else saved this meeting while you were editing it, so your changes were not "
            "saved. Open the meeting again to see what they recorded, then make your changes."
        )
        in response.content.decode()
    )
    assert Meeting.objects.get(pk=meeting.pk).agenda[0]["notes"] == "Đã thống nhất báo cáo."


def test_drafting_the_documents_opens_them_on_their_page(world, held, login):
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("meetings:minutes", args=[held.pk]))
    minutes = IssuedDocument.objects.get(purpose=Purpose.MEETING_MINUTES)
    assert response.url == reverse("issuing:detail", args=[minutes.pk])
    # A held meeting is not invited to: the page says so and nothing is drafted.
    response = client.post(reverse("meetings:invitation", args=[held.pk]), follow=True)
    assert not IssuedDocument.objects.filter(purpose=Purpose.MEETING_INVITATION).exists()
    assert (
        vi("Only a planned meeting is invited to. This one has taken place or was cancelled.")
        in response.content.decode()
    )


def test_a_conclusion_recorded_on_the_page_becomes_a_task(world, held, login):
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    assert f'<option value="{world.district_plan.pk}" selected>' in page  # the year's only plan
    response = client.post(
        reverse("meetings:conclusion_add", args=[held.pk]),
        {
            "text": "Rà soát kế hoạch của các phường.",
            "lead": world.justice.pk,
            "deadline": "30/09/2025",
            "plan": world.district_plan.pk,
        },
    )
    assert response.status_code == 302
    conclusion = Conclusion.objects.get()
    assert conclusion.task.lead == world.justice and conclusion.task.plan == world.district_plan
    tasks = login(world.users["focal_point"]).get(reverse("plans:my_tasks")).content.decode()
    assert "Rà soát kế hoạch của các phường." in tasks


def test_a_bad_conclusion_is_shown_again_with_its_error(world, held, login):
    client = login(world.users["district_secretariat"])
    tasks = Task.objects.count()
    response = client.post(
        reverse("meetings:conclusion_add", args=[held.pk]),
        {"text": "Việc gì đó.", "lead": world.justice.pk, "deadline": "01/01/2025"},
    )
    assert response.status_code == 200
    assert (
        vi("The deadline comes before the meeting. Enter a date on or after %(day)s.")
        % {"day": "15/07/2025"}
        in response.content.decode()
    )
    assert not Conclusion.objects.exists() and Task.objects.count() == tasks


def test_the_list_of_a_committee_s_meetings_takes_a_constant_number_of_queries(world, login):
    plan_meeting(world)
    client = login(world.users["district_secretariat"])
    url = reverse("meetings:list", args=[world.district.pk])
    client.get(url)
    one = queries_of(lambda: client.get(url))
    for number in range(5):
        plan_meeting(world, title=f"Họp số {number}")
    page = client.get(url).content.decode()
    assert "Họp số 4" in page
    assert queries_of(lambda: client.get(url)) == one


def test_the_committee_page_links_to_its_meetings_for_those_who_read_them(world, login):
    link = reverse("meetings:list", args=[world.district.pk])
    page = login(world.users["focal_point"]).get(
        reverse("org:unit_detail", args=[world.district.pk])
    )
    assert link in page.content.decode()
    # A ward reads its district's page for context, not its meetings.
    page = login(world.users["ward_officer"]).get(
        reverse("org:unit_detail", args=[world.district.pk])
    )
    assert link not in page.content.decode()
    assert login(world.users["ward_officer"]).get(link).status_code == 404


POSTS = [
    "meetings:attendance",
    "meetings:notes",
    "meetings:cancel",
    "meetings:invitation",
    "meetings:minutes",
    "meetings:notice",
    "meetings:conclusion_add",
]


@pytest.mark.parametrize("name", POSTS)
def test_every_change_is_posted_by_those_who_manage_the_unit(world, meeting, login, name):
    url = reverse(name, args=[meeting.pk])
    version = Meeting.objects.get(pk=meeting.pk).version
    assert login(world.users["district_secretariat"]).get(url).status_code == 405
    anonymous = login(None).post(url)
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("accounts:login"))
    assert login(world.users["other_district_officer"]).post(url).status_code == 404
    assert login(world.users["ward_officer"]).post(url).status_code == 404
    assert login(world.users["district_viewer"]).post(url).status_code == 403
    assert login(world.users["focal_point"]).post(url).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).version == version
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("name", ["meetings:conclusion_task", "meetings:conclusion_delete"])
def test_a_conclusion_is_changed_by_those_who_manage_the_unit(world, held, login, name):
    conclusion = Conclusion.objects.create(
        meeting=held, text="Việc.", lead=world.justice, deadline=DAY
    )
    url = reverse(name, args=[conclusion.pk])
    assert login(world.users["district_secretariat"]).get(url).status_code == 405
    assert login(None).post(url).status_code == 302
    assert login(world.users["other_district_officer"]).post(url).status_code == 404
    assert login(world.users["district_viewer"]).post(url).status_code == 403
    assert Conclusion.objects.get(pk=conclusion.pk).task is None
    data = {"plan": world.district_plan.pk}
    assert login(world.users["district_secretariat"]).post(url, data).status_code == 302
    if name == "meetings:conclusion_task":
        assert Conclusion.objects.get(pk=conclusion.pk).task.plan == world.district_plan
    else:
        assert not Conclusion.objects.filter(pk=conclusion.pk).exists()


def test_a_cancelled_meeting_is_read_only(world, meeting, login):
    client = login(world.users["district_secretariat"])
    assert client.post(reverse("meetings:cancel", args=[meeting.pk])).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED
    assert client.get(reverse("meetings:edit", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
