"""The opinion letter: drafted from the review, issued through vstb/issuing, and what
issuing it does to the review."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vstb.documents import layout
from vstb.issuing import services as issuing
from vstb.issuing.models import Delivery, DocType, DocumentStatus, Purpose
from vstb.notifications.models import Notification
from vstb.org.models import Agency
from vstb.reviews import services
from vstb.reviews.models import DraftKind, ReviewStatus
from vstb.reviews.tests.helpers import TITLE, pdf_upload, receive, shown

pytestmark = pytest.mark.django_db


def _reviewed(world, **kwargs):
    review = receive(world, **kwargs)
    services.save_checklist(
        review,
        {
            "gender_issue": ("yes", ""),
            "gender_impact": ("no", "Tờ trình chưa có nội dung này"),
            "principles": ("na", ""),
        },
        review.version,
    )
    services.add_finding(
        review,
        "Điều 5, khoản 2",
        "Điều kiện hỗ trợ chưa tính đến phụ nữ đang nghỉ thai sản.",
        "Bổ sung thời gian nghỉ thai sản vào thời gian hoạt động được tính.",
    )
    services.add_finding(review, "Điều 9", "Chỉ tiêu chưa tách theo giới tính.", "")
    review.refresh_from_db()
    return review


def test_the_letter_says_vv_kinh_gui_the_assessment_and_each_finding(world):
    review = _reviewed(world)
    document = services.draft_opinion(review)
    assert document.purpose == Purpose.REVIEW_OPINION and document.doc_type == DocType.LETTER
    assert document.unit == world.district and document.symbol == "BVSTBPN"
    lines = layout.document_text_lines(document.content)
    subject = f"V/v góp ý dự thảo {TITLE}"
    assert subject in lines and "Kính gửi: Phòng Tư pháp quận" in lines
    body = lines[lines.index("Kính gửi: Phòng Tư pháp quận") + 1 :]
    assert body[0].startswith(
        f"Ban VSTBPN quận Long Biên nhận được dự thảo {TITLE} do Phòng Tư pháp quận gửi xin ý "
        "kiến ngày 02/03/2026."
    )
    assert body[1:9] == [
        "1. Đánh giá chung",
        "Dự thảo đã xác định vấn đề giới trong lĩnh vực mà văn bản điều chỉnh.",
        "Hồ sơ dự thảo chưa đánh giá, dự báo tác động của các quy định đối với nữ và nam. "
        "Tờ trình chưa có nội dung này.",
        "2. Ý kiến cụ thể",
        "- Điều 5, khoản 2: Điều kiện hỗ trợ chưa tính đến phụ nữ đang nghỉ thai sản.",
        "Đề nghị: Bổ sung thời gian nghỉ thai sản vào thời gian hoạt động được tính.",
        "- Điều 9: Chỉ tiêu chưa tách theo giới tính.",
        body[8],
    ]
    assert body[8].startswith("Trên đây là ý kiến góp ý của Ban VSTBPN quận Long Biên")
    assert body[9] == "Trân trọng./."
    assert body[10:13] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    # "Not applicable" says nothing, and the reviewer's working notes on the law stay out.
    text = "\n".join(lines)
    assert "nguyên tắc cơ bản" not in text and "Điều 21" not in text and "đối chiếu" not in text


def test_drafting_needs_an_answer_or_a_finding_and_twice_opens_the_same_draft(world):
    review = receive(world)
    with pytest.raises(ValidationError):
        services.draft_opinion(review)
    services.add_finding(review, "", "Dự thảo chưa lồng ghép vấn đề bình đẳng giới.", "")
    first = services.draft_opinion(review)
    assert services.draft_opinion(review) == first
    review.refresh_from_db()
    assert review.opinion == first and first.status == DocumentStatus.DRAFT


def test_the_button_drafts_the_letter_and_opens_it_in_the_documents(world, login):
    review = _reviewed(world)
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("reviews:opinion", args=[review.pk]))
    review.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("issuing:detail", args=[review.opinion_id])
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert reverse("issuing:detail", args=[review.opinion_id]) in page


def test_the_button_without_any_work_says_what_to_do(world, login):
    review = receive(world)
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("reviews:opinion", args=[review.pk]), follow=True)
    assert (
        shown("Answer the checklist or write a finding before drafting the opinion letter.")
        in response.content.decode()
    )
    review.refresh_from_db()
    assert review.opinion is None


def test_issuing_the_letter_moves_the_review_and_tells_the_drafting_agency(world):
    review = _reviewed(world)
    document = services.draft_opinion(review)
    issuing.issue(document, by=world.users["district_secretariat"], on=date(2026, 3, 18))
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPINION_ISSUED and review.opinion == document
    assert document.number_and_symbol == "01/BVSTBPN"
    told = Notification.objects.get(user=world.users["focal_point"])
    assert told.url == reverse("issuing:detail", args=[document.pk])
    assert TITLE[:20] in told.title
    # Its own unit's inbox does not receive its own letter.
    assert not Delivery.objects.filter(document=document).exists()


def test_what_was_written_after_drafting_is_in_the_letter_issued(world):
    review = _reviewed(world)
    document = services.draft_opinion(review)
    services.add_finding(review, "Điều 12", "Thiếu trách nhiệm báo cáo theo giới.", "")
    issuing.issue(document, on=date(2026, 3, 18))
    document.refresh_from_db()
    assert "- Điều 12: Thiếu trách nhiệm báo cáo theo giới." in layout.document_text_lines(
        document.content
    )


def test_a_letter_to_a_department_of_the_city_goes_to_the_city_inbox(world):
    department = Agency.objects.create(
        unit=world.province, name="Sở Tư pháp thành phố Hà Nội", kind="tu_phap"
    )
    review = _reviewed(world, agency=department)
    document = services.draft_opinion(review)
    assert "Kính gửi: Sở Tư pháp thành phố Hà Nội" in layout.document_text_lines(document.content)
    issuing.issue(document, on=date(2026, 3, 18))
    assert list(Delivery.objects.filter(document=document).values_list("unit", flat=True)) == [
        world.province.pk
    ]


def test_a_unit_without_a_committee_answers_in_its_peoples_committee_name(world):
    review = services.receive(
        world.other_ward,
        {
            "draft_kind": DraftKind.PLAN,
            "draft_title": "thực hiện công tác bình đẳng giới năm 2026",
            "drafting_agency": None,
            "drafting_body": "Công an phường Ngọc Lâm",
            "received_on": date(2026, 3, 2),
            "opinion_due": None,
            "reviewer_agency": None,
        },
        pdf_upload(),
        ("application/pdf", "pdf"),
        "ke-hoach.pdf",
    )
    world.other_ward_committee.delete()
    services.add_finding(review, "", "Chưa có chỉ tiêu về bình đẳng giới.", "")
    document = services.draft_opinion(review)
    assert document.symbol == "UBND"
    lines = layout.document_text_lines(document.content)
    assert "V/v góp ý dự thảo Kế hoạch thực hiện công tác bình đẳng giới năm 2026" in lines
    assert "Kính gửi: Công an phường Ngọc Lâm" in lines
    # Nobody chairs a committee there: the clerk is asked for the signer before issuing.
    assert shown("Enter the signer's position and name before issuing.") in (
        issuing.issue_problems(document)
    )
