"""In Chromium: a secretariat calls the committee's meeting, issues the invitation, records who
came and what was said, issues the minutes (read back from the DOCX) and records a conclusion
that becomes a task of the district's plan, in the justice division's tasks."""

import pytest
from docx import Document

from vstb import access
from vstb.conftest import build_world
from vstb.issuing.models import DocumentStatus, Purpose
from vstb.meetings.models import Meeting, MeetingStatus
from vstb.meetings.tests.conftest import add_secretary
from vstb.notifications.models import Kind, Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Hội nghị sơ kết công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025"
CONCLUSION = "Phòng Tư pháp tổ chức tuyên truyền Luật Bình đẳng giới tại các phường."


def _issue(page, on: str) -> None:
    """On a document's page: issue it on `on`, through the confirmation."""
    issue = page.locator("#issue form")
    issue.locator("[name=on]").fill(on)
    with page.expect_navigation():
        issue.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()


def test_secretariat_holds_a_meeting_from_invitation_to_tasks(
    live_server, page, new_page, log_in, tmp_path
):
    world = build_world()
    add_secretary(world)
    log_in(page, "district_secretariat")

    # From the committee's page to its meetings, and a new one.
    page.goto(f"{live_server.url}/units/{world.district.pk}/")
    with page.expect_navigation():
        page.locator(f"#committee a[href='/meetings/units/{world.district.pk}/']").click()
    with page.expect_navigation():
        page.locator(f"main a[href='/meetings/units/{world.district.pk}/new/']").click()
    page.locator("[name=kind]").select_option("six_month_review")
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=day]").fill("15/07/2025")
    page.locator("[name=starts_at]").fill("08:00")
    page.locator("[name=ends_at]").fill("11:30")
    page.locator("[name=place]").fill("Phòng họp số 2, UBND quận Long Biên")
    page.locator("[name=agenda_titles]").fill(
        "Báo cáo kết quả 6 tháng đầu năm\nNhiệm vụ 6 tháng cuối năm"
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    meeting = Meeting.objects.get(title=TITLE)
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    assert meeting.chair == world.chair and meeting.secretary == world.secretary

    # The invitation: drafted from the meeting, issued; the member's agency is told.
    with page.expect_navigation():
        page.locator(f"form[action='/meetings/{meeting.pk}/invitation/'] button").click()
    meeting.refresh_from_db()
    assert page.url.endswith(f"/documents/{meeting.invitation_id}/")
    assert page.locator("main", has_text="GIẤY MỜI").count() == 1
    _issue(page, "08/07/2025")
    meeting.refresh_from_db()
    assert meeting.invitation.status == DocumentStatus.ISSUED
    told = Notification.objects.get(user=world.users["focal_point"], kind=Kind.DOCUMENT_RECEIVED)
    assert told.url == f"/documents/{meeting.invitation_id}/"

    # The meeting's day: who came, what was said.
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    attendance = page.locator("#attendance form")
    attendance.locator(f"[name=present_{world.chair.pk}]").check()
    attendance.locator(f"[name=present_{world.secretary.pk}]").check()
    attendance.locator(f"[name=reason_{world.member.pk}]").fill("Đi công tác")
    with page.expect_navigation():
        attendance.locator("button[type=submit]").click()
    notes = page.locator("#agenda form")
    notes.locator("[name=notes_0]").fill("Đồng chí Trưởng ban trình bày báo cáo.")
    notes.locator("[name=notes_1]").fill("Thống nhất tăng cường tuyên truyền.")
    with page.expect_navigation():
        notes.locator("button[type=submit]").click()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.agenda[1]["notes"] == "Thống nhất tăng cường tuyên truyền."

    # The minutes: drafted from the record, issued, downloaded and opened in Word's format.
    with page.expect_navigation():
        page.locator(f"form[action='/meetings/{meeting.pk}/minutes/'] button").click()
    meeting.refresh_from_db()
    assert meeting.minutes.purpose == Purpose.MEETING_MINUTES
    _issue(page, "16/07/2025")
    meeting.refresh_from_db()
    assert meeting.minutes.status == DocumentStatus.ISSUED
    with page.expect_download() as download:
        page.locator(f"a[href='/documents/{meeting.minutes_id}/docx/']").click()
    path = tmp_path / "bien-ban.docx"
    download.value.save_as(path)
    document = Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN" in text and "Đồng chí Trưởng ban trình bày báo cáo." in text
    assert "Trần Thị Chủ Tịch" in cells and "CHỦ TỌA" in cells and "THƯ KÝ" in cells

    # A conclusion: it becomes a task of the district's 2025 plan, led by Phòng Tư pháp.
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    form = page.locator(f"form[action='/meetings/{meeting.pk}/conclusions/']")
    form.locator("[name=text]").fill(CONCLUSION)
    form.locator("[name=lead]").select_option(str(world.justice.pk))
    form.locator("[name=deadline]").fill("30/09/2025")
    assert form.locator("[name=plan]").input_value() == str(world.district_plan.pk)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    conclusion = meeting.conclusions.get()
    assert conclusion.task.plan == world.district_plan and conclusion.task.lead == world.justice
    assert page.locator("#conclusions a[href*='/plans/tasks/']").count() == 1
    assert conclusion.task in access.tasks_for_user(world.users["focal_point"])

    # The justice division's focal point finds it among its tasks.
    focal_point = new_page()
    log_in(focal_point, "focal_point")
    focal_point.goto(f"{live_server.url}/plans/tasks/mine/")
    assert focal_point.locator("main", has_text=CONCLUSION).count() == 1
