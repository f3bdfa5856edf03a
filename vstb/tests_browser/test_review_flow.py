"""In Chromium: the city's committee gives its opinion on a draft city resolution. Its
secretariat receives the draft from the city's justice department, fills the checklist,
writes two findings, drafts and issues the opinion letter; the department's focal point
then reads the opinion."""

from datetime import date

import pytest

from vstb.accounts.models import RoleKind
from vstb.conftest import build_world, make_user
from vstb.issuing.models import DocumentStatus
from vstb.org.models import Agency, Committee, Membership, Position, Sex
from vstb.reviews.models import DraftReview, ReviewStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A plain one-page PDF, as a scanner or a word processor writes it.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
TITLE = "Nghị quyết quy định chính sách hỗ trợ phụ nữ khởi nghiệp trên địa bàn thành phố"


def _city(world):
    """The city's committee, chaired by a Vice-chair, and its justice department with a
    focal point."""
    committee = Committee.objects.create(
        unit=world.province, name="Ban Vì sự tiến bộ của phụ nữ thành phố Hà Nội"
    )
    Membership.objects.create(
        committee=committee,
        full_name="Nguyễn Thị Hà",
        sex=Sex.FEMALE,
        job_title="Phó Chủ tịch UBND thành phố",
        position=Position.CHAIR,
        start=date(2024, 1, 1),
    )
    department = Agency.objects.create(
        unit=world.province, name="Sở Tư pháp thành phố Hà Nội", kind="tu_phap"
    )
    make_user("so_tu_phap", RoleKind.FOCAL_POINT, world.province, agency=department)
    return department


def test_the_city_committee_gives_its_opinion_on_a_draft_resolution(live_server, new_page, log_in):
    world = build_world()
    department = _city(world)
    page = new_page()
    log_in(page, "province_secretariat")

    page.goto(f"{live_server.url}/units/{world.province.pk}/")
    with page.expect_navigation():
        page.locator(f"a[href='/reviews/?unit={world.province.pk}']").click()
    with page.expect_navigation():
        page.locator(f"a[href='/reviews/units/{world.province.pk}/receive/']").click()
    page.locator("[name=draft_kind]").select_option("council_resolution")
    page.locator("[name=draft_title]").fill(TITLE)
    page.locator("[name=drafting_agency]").select_option(str(department.pk))
    page.locator("[name=received_on]").fill("02/03/2026")
    page.locator("[name=opinion_due]").fill("20/03/2026")
    page.locator("[name=file]").set_input_files(
        files=[{"name": "du-thao-nghi-quyet.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    review = DraftReview.objects.get(draft_title=TITLE)
    assert page.url.endswith(f"/reviews/{review.pk}/")

    checklist = page.locator("#checklist form")
    for code, answer in [
        ("gender_issue", "yes"),
        ("gender_impact", "no"),
        ("equality_measures", "partly"),
        ("sex_disaggregated", "no"),
    ]:
        checklist.locator(f"input[name={code}][value={answer}]").check()
    checklist.locator("[name=gender_impact_note]").fill("Tờ trình chưa đánh giá tác động giới")
    with page.expect_navigation():
        checklist.locator("button[type=submit]").click()

    for reference, finding, recommendation in [
        (
            "Điều 4, khoản 1",
            "Điều kiện hỗ trợ chưa tính đến phụ nữ đang nghỉ thai sản.",
            "Bổ sung thời gian nghỉ thai sản vào thời gian hoạt động được tính.",
        ),
        (
            "Điều 8",
            "Chỉ tiêu số người được hỗ trợ chưa tách theo giới tính.",
            "Tách chỉ tiêu theo nam, nữ.",
        ),
    ]:
        form = page.locator("#add-finding")
        form.locator("[name=reference]").fill(reference)
        form.locator("[name=finding]").fill(finding)
        form.locator("[name=recommendation]").fill(recommendation)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    assert list(review.findings.values_list("reference", flat=True)) == [
        "Điều 4, khoản 1",
        "Điều 8",
    ]
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW and review.answers.count() == 4

    with page.expect_navigation():
        page.locator("#opinion button[type=submit]").click()
    review.refresh_from_db()
    letter = review.opinion
    assert page.url.endswith(f"/documents/{letter.pk}/")
    preview = page.locator("main").inner_text()
    assert f"V/v góp ý dự thảo {TITLE}" in preview
    assert "Kính gửi: Sở Tư pháp thành phố Hà Nội" in preview
    assert "- Điều 4, khoản 1: Điều kiện hỗ trợ chưa tính đến phụ nữ đang nghỉ thai sản." in preview
    assert "Trân trọng./." in preview

    issue = page.locator("#issue form")
    issue.locator("[name=on]").fill("18/03/2026")
    with page.expect_navigation():
        issue.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()
    letter.refresh_from_db()
    review.refresh_from_db()
    assert letter.status == DocumentStatus.ISSUED and letter.number_and_symbol == "01/BVSTBPN"
    assert review.status == ReviewStatus.OPINION_ISSUED

    # The drafting department's focal point finds the review of its draft and the opinion.
    reader = new_page()
    log_in(reader, "so_tu_phap")
    reader.goto(f"{live_server.url}/reviews/{review.pk}/")
    assert "Điều 8" in reader.locator("#findings").inner_text()
    assert reader.locator("#checklist form").count() == 0  # it reads, it does not write
    with reader.expect_navigation():
        reader.locator(f"#opinion a[href='/documents/{letter.pk}/']").click()
    opinion = reader.locator("main").inner_text()
    assert "01/BVSTBPN" in opinion and "Kính gửi: Sở Tư pháp thành phố Hà Nội" in opinion
    assert "Tách chỉ tiêu theo nam, nữ." in opinion
