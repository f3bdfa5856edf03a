"""In Chromium (issue 17, "done when"): the district reconstitutes its committee by a
generated decision and signs it, sends a letter that the ward finds on its home page, and
signs its issued report; each document downloads as DOCX that python-docx opens and as the
PDF LibreOffice makes of it, the signed ones verified."""

import io
import shutil

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from docx import Document
from pdfminer.high_level import extract_text

from vstb.conftest import build_world, six_month_requirement
from vstb.documents.signing import verify_pdf
from vstb.documents.tests import certificates
from vstb.issuing.models import DocumentStatus, IssuedDocument, Purpose
from vstb.reporting import services as reporting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice for the PDFs"),
]


@pytest.fixture
def certificate(tmp_path, settings):
    """Quận Long Biên's People's Committee has its certificate on the server."""
    folder = tmp_path / "signing"
    (folder / "units").mkdir(parents=True)
    (folder / "trust").mkdir()
    (folder / "units" / "004-ubnd.p12").write_bytes(certificates.p12())
    (folder / "units" / "004-ubnd.pass").write_text(certificates.PASSPHRASE.decode())
    (folder / "trust" / "root.pem").write_bytes(
        certificates.root_certificate().public_bytes(Encoding.PEM)
    )
    settings.VSTB_SIGNING_DIR = folder


def download(page, link_selector, path):
    with page.expect_download() as event:
        page.locator(link_selector).first.click()
    event.value.save_as(path)
    return path.read_bytes()


def issue_on(page, day):
    form = page.locator("#issue form")
    form.locator("[name=on]").fill(day)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()


def sign(page):
    with page.expect_navigation():
        page.locator("#signature form button[type=submit]").click()


def test_decision_letter_and_report_issued_signed_and_received(
    live_server, new_page, log_in, tmp_path, certificate
):
    world = build_world()
    page = new_page()
    log_in(page, "district_secretariat")

    # The committee's page drafts the decision, listing the members on the chosen day.
    page.goto(f"{live_server.url}/units/{world.district.pk}/")
    page.locator(f"a[href^='/documents/units/{world.district.pk}/committee-decision/']").click()
    page.locator("[name=on]").fill("02/03/2026")
    page.locator("[name=proposed_by]").fill("Trưởng phòng Nội vụ quận")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    decision = IssuedDocument.objects.get(purpose=Purpose.COMMITTEE)
    preview = page.locator("article.document").inner_text()
    assert "QUYẾT ĐỊNH:" in preview and "Trần Thị Chủ Tịch" in preview
    assert (
        "Lê Văn Thành Viên" in preview and "Theo đề nghị của Trưởng phòng Nội vụ quận." in preview
    )
    issue_on(page, "02/03/2026")
    decision.refresh_from_db()
    assert decision.status == DocumentStatus.ISSUED and decision.number == 1
    sign(page)

    docx = Document(io.BytesIO(download(page, "a[href$='/docx/']", tmp_path / "qd.docx")))
    texts = [p.text for p in docx.paragraphs]
    assert "QUYẾT ĐỊNH:" in texts
    article = next(p for p in docx.paragraphs if p.text.startswith("Điều 1."))
    assert article.runs[0].text == "Điều 1." and article.runs[0].font.bold
    pdf = download(page, "a[href$='/pdf/']", tmp_path / "qd.pdf")
    (signature,) = verify_pdf(pdf, [certificates.root_certificate()])
    assert signature.intact and signature.trusted and signature.covers_whole_file
    assert "QUYẾT ĐỊNH" in extract_text(io.BytesIO(pdf))
    assert signature.summary in page.locator("#signature").inner_text()
    # The committee page now says which decision established it and lists each member's.
    page.goto(f"{live_server.url}/units/{world.district.pk}/?on=02/03/2026")
    assert page.locator(f"#committee a[href='/documents/{decision.pk}/']").count() == 3

    # A letter to the ward, issued.
    page.goto(f"{live_server.url}/documents/?unit={world.district.pk}")
    page.locator(f"a[href='/documents/units/{world.district.pk}/letter/']").click()
    page.locator("[name=subject]").fill("triển khai Tháng hành động vì bình đẳng giới năm 2026")
    page.locator(f"[name=units][value='{world.ward.pk}']").check()
    page.locator("[name=body]").fill("Đề nghị Ủy ban nhân dân phường triển khai các hoạt động.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    letter = IssuedDocument.objects.get(purpose=Purpose.GUIDANCE)
    issue_on(page, "10/03/2026")
    letter_docx = Document(io.BytesIO(download(page, "a[href$='/docx/']", tmp_path / "cv.docx")))
    header = letter_docx.tables[0].rows[0].cells[0].text
    assert "V/v triển khai Tháng hành động vì bình đẳng giới năm 2026" in header

    # The ward finds the letter on its home page, and opens it.
    ward = new_page()
    log_in(ward, "ward_officer")
    ward.goto(f"{live_server.url}/")
    ward.locator(f"main a[href='/documents/{letter.pk}/']").first.click()
    assert "V/v triển khai Tháng hành động" in ward.locator("article.document").inner_text()
    ward.goto(f"{live_server.url}/")
    assert ward.locator(f"main a[href='/documents/{letter.pk}/']").count() == 0

    # The district's own 6-month report, issued: signed on its page.
    requirement = six_month_requirement(world)
    report = reporting.compile_report(requirement, world.district, confirm_incomplete=True)
    reporting.issue_report(
        report,
        world.users["district_secretariat"],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "Trần Thị Chủ Tịch",
        confirm_incomplete=True,
    )
    page.goto(f"{live_server.url}/reporting/{report.pk}/")
    sign(page)
    pdf = download(page, f"a[href='/reporting/{report.pk}/pdf/']", tmp_path / "bc.pdf")
    (signature,) = verify_pdf(pdf, [certificates.root_certificate()])
    assert signature.intact and signature.trusted
