"""In Chromium: the national level works like any other. The national secretariat follows
links from its menu to the report Hà Nội sent up; a system administrator without a unit role
is asked which unit to work for, and finds it by a name typed without diacritics."""

import pytest

from vstb.conftest import build_world
from vstb.plans.models import Plan
from vstb.reporting.models import Report, ReportStatus, Requirement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_national_secretariat_reaches_the_report_a_province_sent_up(
    live_server, new_page, log_in
):
    world = build_world()
    requirement = Requirement(
        unit=world.nation,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025 toàn quốc",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters="units",
        due_dates={"1": "2025-07-05", "2": "2025-06-05", "3": "2025-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    sent = Report.objects.create(
        requirement=requirement, unit=world.province, receiver=world.nation, compiled=True
    )
    sent.submit(world.users["province_secretariat"])
    assert sent.status == ReportStatus.SUBMITTED

    page = new_page()
    log_in(page, "national_secretariat")
    with page.expect_navigation():
        page.locator("nav a[href='/reporting/']").click()
    assert "Bạn chưa được phân vai trò" not in page.content()
    assert page.locator("main").get_by_text(requirement.title).count() == 1
    with page.expect_navigation():
        page.get_by_role("link", name="Báo cáo gửi đến đơn vị").click()
    page.locator("input[name=q]").fill("ha noi")
    with page.expect_navigation():
        page.locator("main form.searchbar button[type=submit]").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Thành phố Hà Nội").click()
    assert page.url.endswith(f"/reporting/{sent.pk}/")


def test_an_administrator_without_a_unit_role_chooses_one(live_server, new_page, log_in):
    world = build_world()
    plan = Plan.objects.create(
        unit=world.ward, year=2025, subject="Thực hiện bình đẳng giới trên địa bàn phường Bồ Đề"
    )
    page = new_page()
    log_in(page, "admin")
    with page.expect_navigation():
        page.locator("nav a[href='/plans/']").click()
    assert page.get_by_text("Chọn đơn vị làm việc").count() == 1
    page.locator("input[name=q]").fill("bo de")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Phường Bồ Đề").click()
    page.locator("select[name=year]").select_option("2025")
    with page.expect_navigation():
        page.locator("main form.searchbar button[type=submit]").click()
    assert page.get_by_role("link", name=plan.subject).count() == 1
    # The choice is remembered: the reporting page opens on the same ward.
    with page.expect_navigation():
        page.locator("nav a[href='/reporting/']").click()
    assert page.locator("main h2").first.inner_text().startswith("Yêu cầu báo cáo do Phường Bồ Đề")
