"""The minutes (biên bản): written from the agenda, the notes and the attendance, signed by
the secretary and the chair, frozen once issued."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from vstb.conftest import vi
from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.issuing import services as issuing
from vstb.issuing.models import DocType, DocumentStatus
from vstb.meetings import services
from vstb.meetings.models import Attendance, Meeting, MeetingStatus
from vstb.meetings.services import Presence

pytestmark = pytest.mark.django_db

MINUTES_ISSUED = (
    "The minutes of this meeting have been issued, so its attendance and notes can no longer "
    "be changed. To correct them, replace the minutes from the document's page."
)


def test_the_minutes_follow_the_meeting_and_are_signed_by_the_secretary_and_the_chair(world, held):
    document = services.draft_minutes(held, by=world.users["district_secretariat"])
    assert document.doc_type == DocType.MINUTES and document.symbol == "BB-BVSTBPN"
    content = document.content
    assert content["countersigner"] == {"lines": ["THƯ KÝ"], "name": "Nguyễn Thị Thư Ký"}
    assert content["signer"] == {"lines": ["CHỦ TỌA"], "name": "Trần Thị Chủ Tịch"}
    lines = layout.document_text_lines(content)
    title = lines.index("BIÊN BẢN")
    body = lines[title + 2 :]
    assert body[:12] == [
        "Thời gian bắt đầu: 08 giờ 00, ngày 15 tháng 7 năm 2025.",
        "Địa điểm: Phòng họp số 2, UBND quận Long Biên.",
        "Thành phần tham dự: 2/3 thành viên Ban VSTBPN quận Long Biên:",
        "- Bà Trần Thị Chủ Tịch, Phòng Lao động – Thương binh và Xã hội quận, Trưởng ban;",
        "- Bà Nguyễn Thị Thư Ký, Chuyên viên Phòng Lao động – Thương binh và Xã hội quận, Thư ký.",
        "Vắng mặt:",
        "- Ông Lê Văn Thành Viên, Phòng Tư pháp quận, Thành viên (lý do: Đi công tác; dự thay: "
        "Ông Đỗ Văn Phó, Phó Trưởng phòng).",
        "Chủ trì: Bà Trần Thị Chủ Tịch, Phòng Lao động – Thương binh và Xã hội quận, Trưởng ban.",
        "Thư ký (người ghi biên bản): Bà Nguyễn Thị Thư Ký, Chuyên viên Phòng Lao động – Thương "
        "binh và Xã hội quận, Thư ký.",
        "Nội dung (theo diễn biến cuộc họp):",
        "1. Báo cáo kết quả công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025",
        "Đồng chí Trưởng ban trình bày báo cáo.",
    ]
    assert "Các thành viên thống nhất số liệu." in body
    assert "Hội LHPN đề nghị tăng cường tuyên truyền tại các phường." in body
    assert "Cuộc họp kết thúc vào 11 giờ 30, ngày 15 tháng 7 năm 2025./." in body
    # The secretary's lines and name come before the chair's (left, then right).
    assert lines.index("THƯ KÝ") < lines.index("Nguyễn Thị Thư Ký") < lines.index("CHỦ TỌA")


def test_the_issued_minutes_open_in_word_with_both_signatures(world, held):
    document = services.draft_minutes(held)
    issuing.issue(document, by=world.users["district_secretariat"], on=date(2025, 7, 16))
    docx = Document(io.BytesIO(render_docx(document.content)))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN" in text and "Thời gian bắt đầu" in text
    assert "THƯ KÝ" in cells and "CHỦ TỌA" in cells
    assert "Nguyễn Thị Thư Ký" in cells and "Trần Thị Chủ Tịch" in cells


def test_a_membership_that_ends_after_the_meeting_changes_neither_the_minutes_nor_the_issued_ones(
    world, held
):
    document = services.draft_minutes(held)
    # The member leaves the committee after the meeting and before the minutes are issued:
    # the minutes still record them as the meeting saw them.
    world.member.end = date(2025, 7, 31)
    world.member.save()
    issuing.issue(document, on=date(2025, 8, 5))
    document.refresh_from_db()
    issued = layout.document_text_lines(document.content)
    assert any(line.startswith("- Ông Lê Văn Thành Viên") for line in issued)
    assert held.attendances.filter(membership=world.member).exists()
    # Afterwards, the chair's record changes (a new name, an end): what was issued does not.
    frozen = dict(document.content)
    world.chair.full_name = "Tên Đã Đổi"
    world.chair.end = date(2025, 9, 1)
    world.chair.save()
    document.refresh_from_db()
    assert document.content == frozen
    assert "Trần Thị Chủ Tịch" in layout.document_text_lines(document.content)


def test_minutes_need_the_meeting_recorded_and_a_secretary(world, meeting):
    with pytest.raises(ValidationError):
        services.draft_minutes(meeting)  # planned: nothing recorded yet
    meeting.hold()
    meeting.secretary = None
    meeting.save()
    with pytest.raises(ValidationError):
        services.draft_minutes(meeting)
    assert Meeting.objects.get(pk=meeting.pk).minutes is None


def test_once_the_minutes_are_issued_attendance_and_notes_are_closed(world, held):
    document = services.draft_minutes(held)
    # While they are a draft, a correction of the record is still possible.
    services.record_notes(held, ["Sửa lại.", ""], held.version)
    held.refresh_from_db()
    issuing.issue(document, on=date(2025, 7, 16))
    held.refresh_from_db()
    assert held.minutes.status == DocumentStatus.ISSUED
    with pytest.raises(ValidationError) as error:
        services.record_attendance(held, [Presence(world.member.pk, True)], held.version)
    assert error.value.messages == [vi(MINUTES_ISSUED)]
    with pytest.raises(ValidationError):
        services.record_notes(held, ["Khác.", ""], held.version)
    assert not Attendance.objects.get(meeting=held, membership=world.member).present
    assert Meeting.objects.get(pk=held.pk).agenda[0]["notes"] == "Sửa lại."


def test_recording_attendance_holds_the_meeting_and_keeps_only_the_absent_s_reasons(world, meeting):
    services.record_attendance(
        meeting,
        [
            Presence(world.chair.pk, True, "bỏ qua", "bỏ qua"),
            Presence(world.member.pk, False, " Ốm "),
        ],
        meeting.version,
    )
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
    chair = Attendance.objects.get(meeting=meeting, membership=world.chair)
    member = Attendance.objects.get(meeting=meeting, membership=world.member)
    assert (chair.present, chair.absent_reason, chair.represented_by) == (True, "", "")
    assert (member.present, member.absent_reason) == (False, "Ốm")


def test_a_stale_attendance_form_is_refused_and_changes_nothing(world, meeting):
    shown = meeting.version
    services.record_attendance(meeting, [Presence(world.chair.pk, True)], shown)
    with pytest.raises(ValidationError) as error:
        services.record_attendance(meeting, [Presence(world.chair.pk, False, "Ốm")], shown)
    assert error.value.messages == [
        vi(
            "Someone else saved this meeting while you were editing it, so your changes were not "
            "saved. Open the meeting again to see what they recorded, then make your changes."
        )
    ]
    assert Attendance.objects.get(meeting=meeting, membership=world.chair).present
