"""In Chromium: a ward sends its report; the district returns it; the ward sends it again; the
district accepts it, compiles its own report (confirming the ward still missing) and downloads
it as DOCX."""

import pytest
from docx import Document

from vstb.conftest import build_world, six_month_requirement
from vstb.reporting.models import Report, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_and_send(page, requirement, detected: str) -> None:
    figures = {f.code: f.pk for f in requirement.figures.all()}
    page.locator(f"[name=f{figures['BL_PHAT_HIEN']}_total]").fill(detected)
    page.locator(f"[name=f{figures['BL_HO_TRO']}_total]").fill("1")
    page.locator(f"[name=f{figures['LD_NU']}_total]").fill("2")
    page.locator("[name=difficulties]").fill("Thiếu kinh phí cho truyền thông.")
    with page.expect_navigation():
        page.locator("#report-form button[formaction]").click()
    # The confirmation names the district the report goes to.
    assert page.locator("#confirm", has_text="Quận Long Biên").count() == 1
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()


def test_a_report_goes_up_returned_corrected_accepted_and_compiled(
    live_server, new_page, log_in, tmp_path
):
    world = build_world()
    requirement = six_month_requirement(world, default_figures=True)
    ward, district = new_page(), new_page()
    log_in(ward, "ward_officer")
    log_in(district, "district_secretariat")

    ward.goto(f"{live_server.url}/reporting/mine/")
    with ward.expect_navigation():
        ward.locator("main form[method=post] button[type=submit]").click()
    report = Report.objects.get(requirement=requirement, unit=world.ward)
    assert ward.url.endswith(f"/reporting/{report.pk}/")
    _fill_and_send(ward, requirement, "3")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    district.goto(
        f"{live_server.url}/reporting/requirements/{requirement.pk}/units/{world.district.pk}/"
    )
    with district.expect_navigation():
        district.locator("#completeness a", has_text="Phường Bồ Đề").click()
    district.locator("#review [name=comment]").fill("Kiểm tra lại số vụ bạo lực được phát hiện.")
    with district.expect_navigation():
        district.locator("#review form[action$='/return/'] button").click()
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    ward.reload()
    assert ward.locator(".warn-box", has_text="Kiểm tra lại số vụ bạo lực").count() == 1
    _fill_and_send(ward, requirement, "4")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    district.reload()
    with district.expect_navigation():
        district.locator("#review form[action$='/accept/'] button").click()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED

    district.goto(
        f"{live_server.url}/reporting/requirements/{requirement.pk}/units/{world.district.pk}/"
    )
    # Ngọc Lâm has not reported: the page says so, and compiling without it is confirmed.
    assert district.locator("#coverage", has_text="1/2").count() == 1
    assert district.locator("#coverage", has_text="Phường Ngọc Lâm").count() == 1
    district.locator("#compile-form [name=confirm_incomplete]").check()
    with district.expect_navigation():
        district.locator("form[action$='/compile/'] button").click()
    compiled = Report.objects.get(requirement=requirement, unit=world.district)
    assert compiled.compiled and district.url.endswith(f"/reporting/{compiled.pk}/")

    with district.expect_download() as download:
        district.locator(f"a[href='/reporting/{compiled.pk}/docx/']").click()
    path = tmp_path / "bao-cao.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "BÁO CÁO" in text and "II. SỐ LIỆU" in text
    assert "- Số người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện: 4" in text
    assert "Phường Bồ Đề: Thiếu kinh phí cho truyền thông." in text
