"""In Chromium: Long Biên's committee proposes its 2025 commendations and the city decides
them. The district's secretariat opens the round (VSTB proposes from the year's evidence),
puts Phường Bồ Đề up for the city's Bằng khen, adds Phường Ngọc Lâm by hand, removes Phòng
Tư pháp, sends the proposals and issues the Tờ trình to the city; the city's secretariat
finds them on its home page, approves one, refuses the other with a reason, drafts and issues
the decision (QĐ khen thưởng); the award shows on the ward's page."""

from datetime import date

import pytest
from docx import Document

from vstb.commendations.models import Award, Proposal, ProposalStatus, Round, Submission
from vstb.commendations.tests.helpers import year_of_evidence
from vstb.conftest import build_world
from vstb.issuing.models import DocumentStatus
from vstb.org.models import Committee, Membership, Position, Sex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh"


def _city_chair(world):
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


def _issue(page, on: str):
    issue = page.locator("#issue form")
    issue.locator("[name=on]").fill(on)
    with page.expect_navigation():
        issue.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()


def test_a_commendation_round_from_its_opening_to_the_citys_decision(
    live_server, new_page, log_in, tmp_path
):
    world = build_world()
    year_of_evidence(world)
    _city_chair(world)
    page = new_page()
    log_in(page, "district_secretariat")

    # From the district's page to its rounds, and a new round for 2025.
    page.goto(f"{live_server.url}/units/{world.district.pk}/")
    with page.expect_navigation():
        page.locator(f"#awards a[href='/commendations/?unit={world.district.pk}']").click()
    with page.expect_navigation():
        page.locator(f"a[href='/commendations/units/{world.district.pk}/open/']").click()
    page.locator("[name=year]").fill("2025")
    page.locator("[name=proposals_due]").fill("25/12/2025")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    round_ = Round.objects.get(unit=world.district, year=2025)
    assert page.url.endswith(f"/commendations/{round_.pk}/")
    ward = round_.proposals.get(unit=world.ward)
    row = page.locator(f"#proposal-{ward.pk}").inner_text()
    assert "Gửi đúng hạn 1/1 báo cáo." in row and "Hoàn thành 1 nhiệm vụ." in row
    assert not round_.proposals.filter(unit=world.other_ward).exists()  # it reported late

    # Phường Bồ Đề goes up for the city's Bằng khen.
    with page.expect_navigation():
        page.locator(f"#proposal-{ward.pk} a").click()
    page.locator("[name=award]").select_option("bang_khen_tinh")
    page.locator("[name=reason]").fill(
        "Dẫn đầu phong trào thi đua vì sự tiến bộ của phụ nữ năm 2025"
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    # Phường Ngọc Lâm added by hand, for the same Bằng khen.
    add = page.locator("#add")
    add.locator("[name=candidate]").select_option(f"unit:{world.other_ward.pk}")
    add.locator("[name=award]").select_option("bang_khen_tinh")
    add.locator("[name=reason]").fill("Có nhiều mô hình hỗ trợ phụ nữ khởi nghiệp")
    with page.expect_navigation():
        add.locator("button[type=submit]").click()
    other = round_.proposals.get(unit=world.other_ward)
    assert "1 báo cáo gửi muộn" in page.locator(f"#proposal-{other.pk}").inner_text()

    # Phòng Tư pháp removed.
    justice = round_.proposals.get(agency=world.justice)
    with page.expect_navigation():
        page.locator(f"#proposal-{justice.pk} form button[type=submit]").click()
    assert not Proposal.objects.filter(pk=justice.pk).exists()

    # Sent: one Tờ trình to the city (Bằng khen), one to the district's own chair (Giấy khen).
    with page.expect_navigation():
        page.locator("form[action$='/send/'] button[type=submit]").click()
    up = Submission.objects.get(round=round_, award="bang_khen_tinh")
    assert up.deciding_unit == world.province
    with page.expect_navigation():
        page.locator(f"#submissions a[href='/documents/{up.proposal_document_id}/']").click()
    preview = page.locator("main").inner_text()
    assert (
        "TỜ TRÌNH" in preview and "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Hà Nội" in preview
    )
    assert "Phường Ngọc Lâm: Có nhiều mô hình hỗ trợ phụ nữ khởi nghiệp." in preview
    _issue(page, "22/12/2025")
    up.refresh_from_db()
    assert up.sent and up.proposal_document.status == DocumentStatus.ISSUED

    # The city's secretariat decides.
    city = new_page()
    log_in(city, "province_secretariat")
    with city.expect_navigation():
        city.locator(f"main a[href='/commendations/submissions/{up.pk}/']").click()
    refuse = city.locator(f"#p{other.pk} form")
    refuse.locator(f"input[name=p{other.pk}-approve][value=no]").check()
    with city.expect_navigation():
        refuse.locator("button[type=submit]").click()
    assert city.locator(f"#p{other.pk} .errorlist").count() == 1  # no reason: asked for one
    assert Proposal.objects.get(pk=other.pk).status == ProposalStatus.SENT
    refuse = city.locator(f"#p{other.pk} form")
    refuse.locator(f"input[name=p{other.pk}-approve][value=no]").check()
    refuse.locator(f"[name=p{other.pk}-reason]").fill("Còn báo cáo gửi muộn trong năm.")
    with city.expect_navigation():
        refuse.locator("button[type=submit]").click()
    approve = city.locator(f"#p{ward.pk} form")
    approve.locator(f"input[name=p{ward.pk}-approve][value=yes]").check()
    with city.expect_navigation():
        approve.locator("button[type=submit]").click()
    with city.expect_navigation():
        city.locator("form[action$='/decision/'] button[type=submit]").click()
    up.refresh_from_db()
    decision = up.decision
    assert city.url.endswith(f"/documents/{decision.pk}/")
    preview = city.locator("main").inner_text()
    assert "QUYẾT ĐỊNH" in preview and "Phường Bồ Đề: Dẫn đầu phong trào thi đua" in preview
    assert "Phường Ngọc Lâm" not in preview
    _issue(city, "28/12/2025")
    decision.refresh_from_db()
    assert decision.status == DocumentStatus.ISSUED

    # The decision downloaded and opened in Word's format: its article and its list.
    with city.expect_download() as download:
        city.locator(f"a[href='/documents/{decision.pk}/docx/']").click()
    path = tmp_path / "quyet-dinh.docx"
    download.value.save_as(path)
    docx = Document(str(path))
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in docx.paragraphs] + cells)
    assert f"Tặng {BANG_KHEN} cho 1 tập thể và 0 cá nhân" in text
    assert "1. Phường Bồ Đề: Dẫn đầu phong trào thi đua" in text and "Phường Ngọc Lâm" not in text
    assert decision.number_and_symbol in text
    assert list(Award.objects.values_list("unit", "award")) == [(world.ward.pk, "bang_khen_tinh")]

    # The district is told, and the award is on the ward's page.
    page.goto(f"{live_server.url}/units/{world.ward.pk}/")
    awards = page.locator("#awards").inner_text()
    assert BANG_KHEN in awards and "2025" in awards
    page.goto(f"{live_server.url}/commendations/{round_.pk}/")
    assert "Còn báo cáo gửi muộn trong năm." in page.locator("#proposals").inner_text()
