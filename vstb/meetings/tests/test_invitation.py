"""The invitation (giấy mời): its words, and who is told when it is issued."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from vstb.conftest import vi
from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.issuing import services as issuing
from vstb.issuing.models import DocType, DocumentStatus, Purpose
from vstb.meetings import services
from vstb.meetings.models import Meeting
from vstb.notifications.models import Kind, Notification
from vstb.notifications.services import fit

pytestmark = pytest.mark.django_db

INVITED = "%(committee)s invites your agency's member to a meeting on %(day)s: %(meeting)s"


def _text(content: dict) -> list[str]:
    return layout.document_text_lines(content)


def test_the_invitation_names_the_members_the_time_the_place_and_the_agenda(world, meeting):
    document = services.draft_invitation(meeting, by=world.users["district_secretariat"])
    assert (document.purpose, document.doc_type) == (Purpose.MEETING_INVITATION, DocType.INVITATION)
    assert document.symbol == "GM-BVSTBPN" and document.status == DocumentStatus.DRAFT
    lines = _text(document.content)
    assert "GIẤY MỜI" in lines
    assert "BAN VSTBPN QUẬN LONG BIÊN" in lines  # the committee issues it, under the UBND
    assert lines[lines.index("GIẤY MỜI") + 1] == (
        "Dự hội nghị sơ kết công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025"
    )
    start = lines.index("Trân trọng kính mời:")
    assert lines[start + 1 : start + 4] == [
        "- Bà Trần Thị Chủ Tịch, Phòng Lao động – Thương binh và Xã hội quận, Trưởng ban;",
        "- Ông Lê Văn Thành Viên, Phòng Tư pháp quận, Thành viên;",
        "- Bà Nguyễn Thị Thư Ký, Chuyên viên Phòng Lao động – Thương binh và Xã hội quận, Thư ký.",
    ]
    assert "Thời gian: từ 08 giờ 00 đến 11 giờ 30, thứ Ba, ngày 15 tháng 7 năm 2025." in lines
    assert "Địa điểm: Phòng họp số 2, UBND quận Long Biên." in lines
    contents = lines.index("Nội dung:")
    assert lines[contents + 1 : contents + 3] == [
        "1. Báo cáo kết quả công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025;",
        "2. Thảo luận nhiệm vụ trọng tâm 6 tháng cuối năm.",
    ]
    assert lines[-3:] == ["TM. BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ", "TRƯỞNG BAN", "Trần Thị Chủ Tịch"]
    meeting.refresh_from_db()
    assert meeting.invitation == document
    # Drafting again opens the same draft.
    assert services.draft_invitation(meeting) == document


def test_the_issued_invitation_renders_as_a_giay_moi(world, meeting):
    document = services.draft_invitation(meeting)
    issuing.issue(document, on=date(2025, 7, 8))
    docx = Document(io.BytesIO(render_docx(document.content)))
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert "GIẤY MỜI" in text and "Trân trọng kính mời:" in text
    assert "Số: 01/GM-BVSTBPN" in cells and "ngày 08 tháng 7 năm 2025" in cells


def test_issuing_the_invitation_tells_the_focal_points_of_the_members_agencies(world, meeting):
    document = services.draft_invitation(meeting)
    assert Notification.objects.count() == 0  # a draft tells nobody
    issuing.issue(document, by=world.users["district_secretariat"], on=date(2025, 7, 8))
    told = Notification.objects.filter(kind=Kind.DOCUMENT_RECEIVED)
    # Phòng Tư pháp (the member's agency) has a focal point; Phòng LĐTBXH and Hội LHPN have
    # none, and the district's own managers drafted it: nobody else is told.
    assert [n.user.username for n in told] == ["focal_point"]
    notification = told.get()
    assert notification.url == reverse("issuing:detail", args=[document.pk])
    assert notification.title == fit(
        vi(INVITED)
        % {"committee": "Ban VSTBPN quận Long Biên", "day": "15/07/2025", "meeting": meeting.title}
    )
    assert {a.name for a in services.invited_agencies_without_focal_point(meeting)} == {
        world.labour.name,
        world.womens_union.name,
    }


def test_a_replacement_invitation_becomes_the_meeting_s_and_is_sent_again(world, meeting):
    first = services.draft_invitation(meeting)
    issuing.issue(first, on=date(2025, 7, 8))
    second = issuing.replace(first)
    assert Meeting.objects.get(pk=meeting.pk).invitation == first  # until it is issued
    issuing.issue(second, on=date(2025, 7, 9))
    assert Meeting.objects.get(pk=meeting.pk).invitation == second
    assert Notification.objects.filter(user=world.users["focal_point"]).count() == 2


def test_a_held_meeting_is_not_invited_to(world, held):
    with pytest.raises(Exception) as error:
        services.draft_invitation(held)
    assert "invited" in str(error.value) or "mời" in str(error.value)
    assert Meeting.objects.get(pk=held.pk).invitation is None
