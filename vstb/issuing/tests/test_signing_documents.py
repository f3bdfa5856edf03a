"""Signing an issued document's PDF with the issuing body's certificate (issue 17, item 7)."""

from datetime import date

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from django.urls import reverse

from vstb.conftest import sign_in
from vstb.documents.signing import verify_pdf
from vstb.documents.tests import certificates
from vstb.issuing import services, signing
from vstb.issuing.models import DocType, Purpose, SignedCopy

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(tmp_path, settings):
    """The district People's Committee's certificate installed on the server."""
    settings.VSTB_SIGNING_DIR = tmp_path
    (tmp_path / "units").mkdir()
    (tmp_path / "trust").mkdir()
    (tmp_path / "units" / "004-ubnd.p12").write_bytes(certificates.p12())
    (tmp_path / "units" / "004-ubnd.pass").write_text(certificates.PASSPHRASE.decode())
    (tmp_path / "trust" / "root.pem").write_bytes(
        certificates.root_certificate().public_bytes(Encoding.PEM)
    )
    return tmp_path


@pytest.fixture
def letter(world):
    w = world
    document = services.create(
        w.district,
        purpose=Purpose.GUIDANCE,
        doc_type=DocType.LETTER,
        subject="triển khai Tháng hành động vì bình đẳng giới",
        params={"body": "Đề nghị các phường triển khai."},
        addressees=[w.ward],
    )
    services.issue(document, on=date(2025, 10, 1))
    return document


def fake_pdf(monkeypatch):
    """LibreOffice is not needed to test signing: a three-page PDF stands for the rendering."""
    monkeypatch.setattr("vstb.issuing.views.pdf_once", lambda content: certificates.sample_pdf(3))


def test_the_secretariat_signs_and_every_download_is_the_signed_copy(
    world, letter, keys, client, monkeypatch
):
    fake_pdf(monkeypatch)
    sign_in(client, world.users["district_secretariat"])
    page = client.get(reverse("issuing:detail", args=[letter.pk])).content.decode()
    assert reverse("issuing:sign", args=[letter.pk]) in page
    client.post(reverse("issuing:sign", args=[letter.pk]))
    copy = SignedCopy.objects.get()
    assert copy.signer == certificates.HOLDERS["valid"]
    # The ward it was sent to downloads the signed PDF, and the signature holds.
    sign_in(client, world.users["ward_officer"])
    pdf = client.get(reverse("issuing:pdf", args=[letter.pk])).content
    (report,) = verify_pdf(pdf, [certificates.root_certificate()])
    assert report.intact and report.trusted and report.covers_whole_file
    page = client.get(reverse("issuing:detail", args=[letter.pk])).content.decode()
    assert report.summary in page
    # Signed once: a second signing is refused, and the ward may not sign at all.
    assert client.post(reverse("issuing:sign", args=[letter.pk])).status_code == 403
    sign_in(client, world.users["district_secretariat"])
    response = client.post(reverse("issuing:sign", args=[letter.pk]), follow=True)
    assert "đã được ký số" in response.content.decode()
    assert SignedCopy.objects.count() == 1


def test_without_a_certificate_the_page_says_whom_to_ask(world, letter, client, settings, tmp_path):
    settings.VSTB_SIGNING_DIR = tmp_path
    sign_in(client, world.users["district_secretariat"])
    page = client.get(reverse("issuing:detail", args=[letter.pk])).content.decode()
    assert reverse("issuing:sign", args=[letter.pk]) not in page
    assert not signing.can_sign_as(world.district, "ubnd")
    response = client.post(reverse("issuing:sign", args=[letter.pk]), follow=True)
    assert "chưa có chứng thư số" in response.content.decode()
    assert not SignedCopy.objects.exists()


def test_a_draft_is_not_signed(world, keys, client):
    draft = services.create(
        world.district,
        purpose=Purpose.GUIDANCE,
        doc_type=DocType.LETTER,
        subject="x",
        params={"body": "y"},
    )
    sign_in(client, world.users["district_secretariat"])
    assert client.post(reverse("issuing:sign", args=[draft.pk])).status_code == 403


def test_an_accepted_report_is_signed_and_its_pdf_is_the_signed_copy(
    world, keys, client, monkeypatch
):
    from vstb.conftest import six_month_requirement
    from vstb.reporting import services as reporting
    from vstb.reporting.models import ReportStatus

    monkeypatch.setattr("vstb.reporting.views.pdf_once", lambda content: certificates.sample_pdf(2))
    w = world
    requirement = six_month_requirement(w, default_figures=False)
    report = reporting.compile_report(requirement, w.district, confirm_incomplete=True)
    secretariat = w.users["district_secretariat"]
    sign_in(client, secretariat)
    # Not issued yet: nothing to sign.
    assert client.post(reverse("reporting:sign", args=[report.pk])).status_code == 403
    reporting.issue_report(
        report, secretariat, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Thị Chủ Tịch",
        confirm_incomplete=True,
    )  # fmt: skip
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.number
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert reverse("reporting:sign", args=[report.pk]) in page
    client.post(reverse("reporting:sign", args=[report.pk]))
    pdf = client.get(reverse("reporting:pdf", args=[report.pk])).content
    (signature,) = verify_pdf(pdf, [certificates.root_certificate()])
    assert signature.intact and signature.trusted
    # A viewer of the district reads it and may not sign.
    sign_in(client, w.users["district_viewer"])
    assert client.post(reverse("reporting:sign", args=[report.pk])).status_code == 403


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="needs LibreOffice")
def test_importing_a_signed_pdf_shows_who_signed_it_and_whether_it_holds(world, keys, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vstb.documents.docx import render_docx
    from vstb.documents.pdf import docx_to_pdf
    from vstb.documents.plan_schema import SEEDS_DIR, load
    from vstb.documents.signing import sign_pdf
    from vstb.plans.models import PlanImport

    plan = load(SEEDS_DIR / "longbien-2025-ke-hoach.json")
    signed = sign_pdf(
        docx_to_pdf(render_docx(plan)),
        certificates.identity(),
        reason="Kế hoạch",
        location="Long Biên",
        trust_roots=[certificates.root_certificate()],
    )
    sign_in(client, world.users["district_secretariat"])
    for name, data, expected in (
        ("ke-hoach-da-ky.pdf", signed, certificates.HOLDERS["valid"]),
        # One byte changed inside the signed range: the page says the document was altered.
        ("ke-hoach-bi-sua.pdf", signed.replace(b"/Producer", b"/Producex", 1), "bị thay đổi"),
    ):
        client.post(
            reverse("plans:import_upload", args=[world.district.pk]),
            {"file": SimpleUploadedFile(name, data)},
        )
        record = PlanImport.objects.latest("pk")
        client.post(reverse("plans:import_read", args=[record.pk]))
        page = client.get(reverse("plans:import_review", args=[record.pk])).content.decode()
        assert 'id="signatures"' in page and expected in page, name
