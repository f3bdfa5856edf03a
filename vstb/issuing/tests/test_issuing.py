"""Drafting, issuing, sending and replacing the committees' own documents (issue 17)."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from docx import Document

from vstb.conftest import sign_in, vi
from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.documents.readback import docx_text_lines
from vstb.issuing import builders, services
from vstb.issuing.forms import sections_text, text_sections
from vstb.issuing.models import DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.notifications.models import Kind, Notification
from vstb.org.models import Membership, Position, Sex
from vstb.plans.models import IssuerBody, Plan

pytestmark = pytest.mark.django_db


def committee_decision(w, on=date(2025, 3, 2), **params):
    return services.create(
        w.district,
        purpose=Purpose.COMMITTEE,
        doc_type=DocType.DECISION,
        subject="Về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ quận Long Biên",
        by=w.users["district_secretariat"],
        params={"kind": "reconstitute", "on": on.isoformat(), **params},
    )


def article_1_lines(content) -> list[str]:
    lines = [p.text for p in layout.body_paragraphs(content)]
    start = next(i for i, line in enumerate(lines) if line.startswith("Điều 1."))
    end = next(i for i, line in enumerate(lines) if line.startswith("Điều 2."))
    return lines[start + 1 : end]


def test_committee_decision_lists_the_members_of_its_date(world):
    w = world
    Membership.objects.create(
        committee=w.committee,
        full_name="Nguyễn Thị Phó",
        sex=Sex.FEMALE,
        position=Position.VICE_CHAIR,
        job_title="Trưởng phòng Lao động quận",
        start=date(2025, 6, 1),
    )
    march = committee_decision(w)
    assert article_1_lines(march.content) == [
        "1. Bà Trần Thị Chủ Tịch, Phòng Lao động – Thương binh và Xã hội quận, Trưởng ban;",
        "2. Ông Lê Văn Thành Viên, Phòng Tư pháp quận, Thành viên.",
    ]
    july = committee_decision(w, on=date(2025, 7, 1))
    assert [line.split(",")[0] for line in article_1_lines(july.content)] == [
        "1. Bà Trần Thị Chủ Tịch",
        "2. Bà Nguyễn Thị Phó",
        "3. Ông Lê Văn Thành Viên",
    ]
    content = march.content
    assert content["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"
    assert content["preamble"][-1].endswith(".") and content["preamble"][0].endswith(";")
    assert content["signer"]["lines"][0] != "TM. ỦY BAN NHÂN DÂN"  # the Chair's own decision


def test_issued_decision_never_changes_when_memberships_change(world):
    w = world
    decision = committee_decision(w)
    services.issue(decision, by=w.users["district_secretariat"], on=date(2025, 3, 2))
    decision.refresh_from_db()
    frozen = decision.content
    assert decision.status == DocumentStatus.ISSUED and decision.number is not None
    assert set(decision.memberships.all()) == {w.chair, w.member}
    w.member.end = date(2025, 3, 31)
    w.member.save()
    Membership.objects.create(
        committee=w.committee,
        full_name="Đỗ Văn Mới",
        sex=Sex.MALE,
        position=Position.MEMBER,
        start=date(2025, 4, 1),
    )
    decision.refresh_from_db()
    assert decision.content == frozen
    lines = docx_text_lines(render_docx(decision.content))
    assert any("Lê Văn Thành Viên" in line for line in lines)
    assert not any("Đỗ Văn Mới" in line for line in lines)
    # The next decision replaces this one by number and date.
    later = committee_decision(w, on=date(2025, 4, 2))
    effect = [p for p in later.content["sections"] if p["label"] == "Điều 3"][0]["paragraphs"][0]
    assert f"thay thế Quyết định số {decision.number_and_symbol} ngày 02/03/2025" in effect


def test_issuing_rebuilds_on_the_day_of_issue_unless_corrected(world):
    w = world
    draft = committee_decision(w, on=date(2025, 3, 2))
    Membership.objects.create(
        committee=w.committee,
        full_name="Đỗ Văn Mới",
        sex=Sex.MALE,
        position=Position.MEMBER,
        start=date(2025, 4, 1),
    )
    services.issue(draft, on=date(2025, 4, 5))
    draft.refresh_from_db()
    assert any("Đỗ Văn Mới" in line for line in article_1_lines(draft.content))
    assert draft.content["date"] == "2025-04-05" and draft.content["number"] == draft.number_text


def test_numbers_come_from_the_register_shared_with_plans(world):
    w = world
    plan = Plan.objects.get(pk=w.district_plan.pk)
    year = plan.register_year
    decision = committee_decision(w)
    services.issue(decision, on=date(year, 12, 30))
    assert decision.number == plan.number + 1
    letter = committee_decision(w)
    with pytest.raises(ValidationError) as refused:
        services.issue(letter, on=date(year, 12, 30), number=plan.number)
    assert "đã" in " ".join(refused.value.messages)  # "Số … đã được dùng trong năm nay"
    letter.refresh_from_db()
    assert letter.status == DocumentStatus.DRAFT and letter.number is None


def test_a_letter_reaches_the_inbox_of_the_units_it_is_sent_to(world, client):
    w = world
    letter = services.create(
        w.district,
        purpose=Purpose.GUIDANCE,
        doc_type=DocType.LETTER,
        subject="triển khai Tháng hành động vì bình đẳng giới năm 2025",
        by=w.users["district_secretariat"],
        params={"addressees": "Ủy ban nhân dân phường Bồ Đề", "body": "Đề nghị triển khai."},
        addressees=[w.ward],
    )
    assert letter.symbol == "UBND"  # a letter has no type abbreviation
    assert letter.content["title"] is None
    services.issue(letter, by=w.users["district_secretariat"], on=date(2025, 10, 1))
    told = Notification.objects.filter(kind=Kind.DOCUMENT_RECEIVED)
    assert set(told.values_list("user__username", flat=True)) == {"ward_officer"}
    officer = w.users["ward_officer"]
    assert [d.document for d in services.unread_for(officer)] == [letter]
    sign_in(client, officer)
    page = client.get(reverse("issuing:detail", args=[letter.pk]))
    assert page.status_code == 200
    assert "V/v triển khai Tháng hành động" in page.content.decode()
    assert list(services.unread_for(officer)) == []
    # The neighbouring ward never learns of it.
    sign_in(client, w.users["other_ward_officer"])
    assert client.get(reverse("issuing:detail", args=[letter.pk])).status_code == 404


def test_replacing_takes_a_new_number_and_marks_the_old_one(world):
    w = world
    decision = committee_decision(w)
    services.issue(decision, on=date(2025, 3, 2))
    draft = services.replace(decision)
    assert draft.is_draft and draft.content["number"] is None
    with pytest.raises(ValidationError):
        services.replace(decision)
    services.issue(draft, on=date(2025, 3, 3))
    decision.refresh_from_db()
    assert decision.status == DocumentStatus.REPLACED
    assert draft.number == decision.number + 1


def test_stale_correction_is_refused_and_changes_nothing(world):
    w = world
    draft = committee_decision(w)
    content = dict(draft.content, subject="Về việc kiện toàn Ban (sửa lần 1)")
    services.save_content(draft, content, draft.version)
    with pytest.raises(ValidationError):
        services.save_content(draft, dict(content, subject="Sửa lần 2"), draft.version - 1)
    draft.refresh_from_db()
    assert draft.subject == "Về việc kiện toàn Ban (sửa lần 1)"
    with pytest.raises(ValidationError):
        services.save_content(draft, dict(content, sections="không phải danh sách"), draft.version)


def test_body_text_round_trip_of_built_documents(world):
    w = world
    decision = committee_decision(
        w, regulation="Chương I\nĐiều 1. Phạm vi điều chỉnh\nQuy chế này quy định."
    )
    lines = sections_text(decision.content["sections"])
    assert sections_text(text_sections("\n".join(lines))) == lines
    letter = builders.letter(
        IssuedDocument(
            unit=w.district,
            doc_type=DocType.LETTER,
            purpose=Purpose.GUIDANCE,
            subject="x",
            params={"body": "Một.\nHai."},
        )
    )
    lines = sections_text(letter["sections"])
    assert (
        sections_text(text_sections("\n".join(lines))) == lines == ["Một.", "Hai.", "Trân trọng./."]
    )
    annex = decision.content["annexes"][0]
    assert annex["title"] == "QUY CHẾ" and annex["sections"][1]["label"] == "Điều 1"


def test_committee_issuer_header_and_signer(world):
    w = world
    notice = services.create(
        w.district,
        purpose=Purpose.GUIDANCE,
        doc_type=DocType.NOTICE,
        subject="Kết luận phiên họp",
        issuer_body=IssuerBody.COMMITTEE,
        params={"body": "Nội dung."},
    )
    assert notice.symbol == "TB-BVSTBPN"
    assert notice.content["issuer"] == {
        "parent": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "name": "BAN VSTBPN QUẬN LONG BIÊN",
    }
    assert notice.content["signer"]["lines"] == ["TM. BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ", "TRƯỞNG BAN"]


def test_pages_draft_correct_issue_and_download(world, client):
    w = world
    sign_in(client, w.users["district_secretariat"])
    response = client.post(
        reverse("issuing:committee_decision", args=[w.district.pk]),
        {"kind": "reconstitute", "on": "02/03/2025", "proposed_by": "Trưởng phòng Nội vụ"},
    )
    document = IssuedDocument.objects.get()
    assert response.url == reverse("issuing:detail", args=[document.pk])
    page = client.get(response.url).content.decode()
    assert "Trần Thị Chủ Tịch" in page and "QUYẾT ĐỊNH:" in page
    body = "\n".join(sections_text(document.content["sections"])) + "\nĐiều 5. Điều thêm."
    form = {
        "subject": document.subject,
        "addressees": "",
        "authority": document.content["authority"],
        "preamble": "\n".join(document.content["preamble"]),
        "body": body,
        "recipients": "Như Điều 4\nLưu: VT",
        "signer_lines": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "signer_name": "Trần Thị Chủ Tịch",
        "version": document.version,
    }
    client.post(reverse("issuing:edit", args=[document.pk]), form)
    document.refresh_from_db()
    assert document.content["sections"][-1]["label"] == "Điều 5"
    client.post(reverse("issuing:issue", args=[document.pk]), {"on": "02/03/2025", "confirm": "1"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED
    # Corrections were kept at issue: not rebuilt from the records.
    assert document.content["sections"][-1]["label"] == "Điều 5"
    download = client.get(reverse("issuing:docx", args=[document.pk]))
    text = [p.text for p in Document(io.BytesIO(download.content)).paragraphs]
    assert "QUYẾT ĐỊNH:" in text and "Điều 5. Điều thêm." in text
    # Issued: no longer changed by anyone.
    assert client.post(reverse("issuing:edit", args=[document.pk]), form).status_code == 403
    sign_in(client, w.users["district_viewer"])
    assert client.post(reverse("issuing:edit", args=[document.pk]), form).status_code == 403


def test_home_page_shows_the_letter_until_it_is_opened(world, client):
    w = world
    letter = services.create(
        w.district,
        purpose=Purpose.GUIDANCE,
        doc_type=DocType.LETTER,
        subject="triển khai Tháng hành động vì bình đẳng giới",
        params={"body": "Đề nghị triển khai."},
        addressees=[w.ward],
    )
    services.issue(letter, on=date(2025, 10, 1))
    sign_in(client, w.users["ward_officer"])
    link = reverse("issuing:detail", args=[letter.pk])
    assert link in client.get(reverse("home")).content.decode()
    client.get(link)
    assert link not in client.get(reverse("home")).content.decode()


def test_committee_page_links_each_membership_to_its_decision(world, client):
    w = world
    decision = committee_decision(w)
    services.issue(decision, on=date(2025, 3, 2))
    newcomer = Membership.objects.create(
        committee=w.committee,
        full_name="Đỗ Văn Mới",
        sex=Sex.MALE,
        position=Position.MEMBER,
        start=date(2025, 4, 1),
    )
    sign_in(client, w.users["district_secretariat"])
    page = client.get(reverse("org:unit_detail", args=[w.district.pk]) + "?on=02/04/2025")
    html = page.content.decode()
    link = reverse("issuing:detail", args=[decision.pk])
    assert html.count(f'href="{link}"') == 3  # "established by", the chair, the member
    assert newcomer.full_name in html
    # A ward reads the district's page but not its correspondence: no link to follow.
    sign_in(client, w.users["ward_officer"])
    html = client.get(reverse("org:unit_detail", args=[w.district.pk])).content.decode()
    assert link not in html


def test_a_requirement_goes_down_as_a_letter_to_the_units_that_report(world, client):
    from vstb.conftest import six_month_requirement

    w = world
    requirement = six_month_requirement(w)
    sign_in(client, w.users["district_secretariat"])
    response = client.post(reverse("issuing:requirement_letter", args=[requirement.pk]))
    letter = IssuedDocument.objects.get(purpose=Purpose.REQUIREMENT)
    assert response.url == reverse("issuing:detail", args=[letter.pk])
    assert set(letter.addressees.all()) == {w.ward, w.other_ward}
    content = letter.content
    assert content["recipients_to"] == [
        "Ủy ban nhân dân phường Bồ Đề",
        "Ủy ban nhân dân phường Ngọc Lâm",
    ]
    text = " ".join(content["sections"][0]["paragraphs"])
    window = (
        f"từ ngày {requirement.window_start:%d/%m/%Y} đến ngày {requirement.window_end:%d/%m/%Y}"
    )
    assert window in text
    assert "trước ngày 25/05/2025" in text
    assert "kết quả" in text.lower() and "khó khăn" in text.lower()  # the report's parts
    assert layout.letter_subject(content) == "V/v báo cáo sơ kết 6 tháng đầu năm 2025"
    # A viewer reads the requirement and may not send it.
    sign_in(client, w.users["district_viewer"])
    assert (
        client.post(reverse("issuing:requirement_letter", args=[requirement.pk])).status_code == 403
    )


def test_the_missing_reports_are_chased_by_letter(world, client):
    from vstb.conftest import six_month_requirement
    from vstb.reporting import services as reporting

    w = world
    requirement = six_month_requirement(w)
    report = reporting.open_report(requirement, w.ward, w.users["ward_officer"])
    reporting.save_report(report, None, report.version, {}, {})
    report.submit(w.users["ward_officer"])
    sign_in(client, w.users["district_secretariat"])
    client.post(reverse("issuing:chase_letter", args=[requirement.pk, w.district.pk]))
    letter = IssuedDocument.objects.get(purpose=Purpose.CHASE)
    # Only the ward that has not sent its report is chased.
    assert list(letter.addressees.all()) == [w.other_ward]
    assert letter.content["recipients_to"] == ["Ủy ban nhân dân phường Ngọc Lâm"]
    assert "hạn gửi ngày 25/05/2025" in letter.content["sections"][0]["paragraphs"][0]


def test_an_imported_plan_keeps_the_decision_that_issued_it(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vstb.documents.corpus import CORPUS_DIR
    from vstb.plans.models import PlanImport

    w = world
    raw = (CORPUS_DIR / "a11-qd-kh-chien-luoc-bdg-long-an.txt").read_bytes()
    sign_in(client, w.users["district_secretariat"])
    client.post(
        reverse("plans:import_upload", args=[w.district.pk]),
        {"file": SimpleUploadedFile("qd-kh.txt", raw)},
    )
    record = PlanImport.objects.latest("pk")
    client.post(reverse("plans:import_read", args=[record.pk]))
    record.refresh_from_db()
    decision = record.data["issued_by"]
    page = client.get(reverse("plans:import_review", args=[record.pk])).content.decode()
    assert 'name="record_decision"' in page
    from vstb.plans.views_import import ReviewForm

    data = {k: v for k, v in ReviewForm.initial_from(record.data).items() if v not in (None, [])}
    for key in ("preamble", "recipients", "signer_lines"):
        if key in data:
            data[key] = "\n".join(data[key])
    if data.get("date"):
        data["date"] = data["date"].strftime("%d/%m/%Y")
    data.update(save_as="draft", record_decision="on")
    client.post(reverse("plans:import_review", args=[record.pk]), data)
    kept = IssuedDocument.objects.get(purpose=Purpose.RECORDED)
    assert kept.status == DocumentStatus.ISSUED and kept.doc_type == "QĐ"
    assert kept.number_and_symbol.endswith(decision["symbol"])
    assert str(kept.number) == decision["number"].lstrip("0")
    assert kept.issued_on.isoformat() == decision["date"]
    assert kept.params["plan"] == Plan.objects.latest("pk").pk


def test_a_decision_of_another_issuer_is_kept_with_its_number_outside_our_register(world):
    content = {
        "schema": "vstb.plan/1",
        "doc_type": "QĐ",
        "number": "1209",
        "symbol": "QĐ-TTg",
        "date": "2025-06-20",
        "title": "QUYẾT ĐỊNH",
        "subject": "Ban hành Kế hoạch thực hiện Chương trình phòng, chống mua bán người",
    }
    kept = services.record_issued(world.district, content)
    assert kept.number is None and kept.register_year is None
    assert kept.number_and_symbol == "1209/QĐ-TTg"
    own = services.record_issued(world.district, dict(content, number="7", symbol="QĐ-UBND"))
    assert own.number == 7 and own.number_and_symbol == "07/QĐ-UBND"
    with pytest.raises(ValidationError):  # the register refuses a number taken that year
        services.record_issued(world.district, dict(content, number="7", symbol="QĐ-UBND"))


def test_a_unit_whose_committee_has_no_chair_drafts_and_is_asked_for_the_signer(world):
    draft = services.create(
        world.other_ward,
        purpose=Purpose.GUIDANCE,
        doc_type=DocType.LETTER,
        subject="triển khai",
        params={"body": "Nội dung."},
    )
    assert draft.content["signer"]["name"] is None
    assert vi("Enter the signer's position and name before issuing.") in services.issue_problems(
        draft
    )


def test_the_page_of_a_requirement_letter_links_back_to_the_requirement(world, client):
    from vstb.conftest import six_month_requirement

    requirement = six_month_requirement(world)
    sign_in(client, world.users["district_secretariat"])
    client.post(reverse("issuing:requirement_letter", args=[requirement.pk]))
    letter = IssuedDocument.objects.get(purpose=Purpose.REQUIREMENT)
    page = client.get(reverse("issuing:detail", args=[letter.pk])).content.decode()
    assert f'href="{reverse("reporting:requirement", args=[requirement.pk])}"' in page


def test_the_preview_sets_an_articles_label_in_bold_before_its_text(world, client):
    w = world
    decision = committee_decision(w)
    sign_in(client, w.users["district_secretariat"])
    page = client.get(reverse("issuing:detail", args=[decision.pk])).content.decode()
    article = next(
        p for p in layout.body_paragraphs(decision.content) if p.text.startswith("Điều 2.")
    )
    assert f"<strong>{article.lead}</strong>{escape(article.rest)}</p>" in page
    assert article.rest.strip() and not article.rest.strip().isdigit()
