"""In Chromium: the district's secretariat keeps its planning list of leaders. It adds two
women and a man, links one woman to the city's training course and appoints her (her key
position goes into the register), reads the shares of women on the yearly review, proposes
the other woman, and drafts and issues the review report sent to the city."""

from datetime import date

import pytest

from vstb.activities.models import Activity
from vstb.conftest import build_world
from vstb.indicators.models import LeadershipPosition
from vstb.indicators.tests.factories import ensure_catalogue
from vstb.issuing.models import DocumentStatus, Purpose
from vstb.leaders.models import Candidate, CandidateStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add(page, url, name, sex, agency, title, trainings=()):
    page.goto(url)
    page.locator("[name=full_name]").fill(name)
    page.locator("[name=sex]").select_option(sex)
    page.locator("[name=current_position]").fill("Phó Trưởng phòng")
    page.locator("[name=planned_agency]").select_option(str(agency.pk))
    page.locator("[name=planned_title]").fill(title)
    page.locator("[name=planned_rank]").select_option("head")
    page.locator("[name=term_start]").fill("2026")
    page.locator("[name=term_end]").fill("2031")
    for training in trainings:
        page.locator(f"input[name=trainings][value='{training.pk}']").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_the_district_plans_appoints_reviews_and_reports_its_women_leaders(
    live_server, new_page, log_in
):
    ensure_catalogue()  # a data migration's, flushed by the browser tests run before this one
    world = build_world()
    course = Activity.objects.create(
        unit=world.province,
        kind="training",
        title="Lớp bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ",
        start=date(2026, 5, 4),
    )
    page = new_page()
    log_in(page, "district_secretariat")

    page.goto(f"{live_server.url}/units/{world.district.pk}/")
    with page.expect_navigation():
        page.locator(f"a[href='/leaders/units/{world.district.pk}/']").click()
    add_url = f"{live_server.url}/leaders/units/{world.district.pk}/add/"
    _add(page, add_url, "Nguyễn Thị Hoa", "nu", world.labour, "Trưởng phòng LĐTBXH", [course])
    hoa = Candidate.objects.get(full_name="Nguyễn Thị Hoa")
    assert page.url.endswith(f"/leaders/{hoa.pk}/")
    assert "Lớp bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ" in page.locator("#trainings").inner_text()
    _add(page, add_url, "Lê Văn Bình", "nam", world.justice, "Trưởng phòng Tư pháp")
    _add(page, add_url, "Trần Thị Lan", "nu", world.justice, "Trưởng phòng Tư pháp")
    lan = Candidate.objects.get(full_name="Trần Thị Lan")

    page.goto(f"{live_server.url}/leaders/{hoa.pk}/")
    appoint = page.locator("#appoint form")
    appoint.locator("[name=appointed_on]").fill("01/03/2026")
    with page.expect_navigation():
        appoint.locator("button[type=submit]").click()
    hoa.refresh_from_db()
    assert hoa.status == CandidateStatus.APPOINTED and hoa.appointed_on == date(2026, 3, 1)
    position = LeadershipPosition.objects.get()
    assert (position.agency, position.holder_sex) == (world.labour, "nu")
    assert "Trưởng phòng LĐTBXH" in page.locator("#position").inner_text()

    page.goto(f"{live_server.url}/leaders/units/{world.district.pk}/review/?year=2026")
    # A man and a woman in planning, one woman appointed in 2026.
    assert page.locator("#planned-share").inner_text().strip() in ("50.0%", "50,0%")
    assert page.locator("#appointed-share").inner_text().strip() in ("100.0%", "100,0%")
    assert "Phòng Tư pháp quận" in page.locator("#by-agency").inner_text()
    # The committee proposes Lan: the report will name her.
    page.locator(f"#proposed input[name=proposed][value='{lan.pk}']").check()
    with page.expect_navigation():
        page.locator("#proposed button[type=submit]").click()
    lan.refresh_from_db()
    assert lan.proposed

    with page.expect_navigation():
        page.locator(
            f"form[action='/leaders/units/{world.district.pk}/review/report/'] button"
        ).click()
    document = world.district.issued_documents.get(purpose=Purpose.LEADERS_REVIEW)
    assert page.url.endswith(f"/documents/{document.pk}/")
    preview = page.locator("main").inner_text()
    assert "Kết quả rà soát công tác cán bộ nữ trong quy hoạch năm 2026" in preview
    assert "Trong năm đã bổ nhiệm 1 người từ nguồn quy hoạch, trong đó 1 người là nữ" in preview
    assert "- Trần Thị Lan, Phó Trưởng phòng: quy hoạch chức danh Trưởng phòng Tư pháp" in preview
    assert "Lê Văn Bình" not in preview

    issue = page.locator("#issue form")
    issue.locator("[name=on]").fill("04/12/2026")
    with page.expect_navigation():
        issue.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED
    assert list(document.addressees.all()) == [world.province]
