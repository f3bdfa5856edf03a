"""Evidence files that could act when opened, or mislead by their name, are refused or made
safe (issue 12, finding 13)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vstb.activities.models import Evidence
from vstb.conftest import PNG
from vstb.lib.files import pdf_active_content, safe_filename

pytestmark = pytest.mark.django_db

PLAIN_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
SCRIPTED_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"3 0 obj << /S /JavaScript /JS (app.alert\\(1\\)) >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _attach(client, world, name, data):
    url = reverse("activities:evidence_upload", args=[world.activity.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_a_pdf_that_runs_javascript_when_opened_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    before = Evidence.objects.count()
    page = _attach(client, world, "bao-cao.pdf", SCRIPTED_PDF).content.decode()
    assert Evidence.objects.count() == before
    assert "JavaScript" not in page  # the message speaks to a clerk, not of PDF internals
    assert pdf_active_content(SCRIPTED_PDF) >= {"JavaScript", "JS"}
    assert pdf_active_content(PLAIN_PDF) == set()


def test_a_plain_pdf_is_attached_and_downloaded_as_a_file(world, login):
    client = login(world.users["district_secretariat"])
    _attach(client, world, "bao-cao.pdf", PLAIN_PDF)
    evidence = Evidence.objects.latest("pk")
    response = client.get(reverse("activities:evidence_download", args=[evidence.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_name_with_a_right_to_left_override_is_kept_as_what_it_is(world, login):
    client = login(world.users["district_secretariat"])
    _attach(client, world, "photo\u202egnp.exe", PNG)  # shows as "photoexe.png"
    evidence = Evidence.objects.latest("pk")
    assert evidence.original_name == "photognp.png"
    response = client.get(reverse("activities:evidence_download", args=[evidence.pk]))
    assert "\u202e" not in response["Content-Disposition"]
    assert "photognp.png" in response["Content-Disposition"]


def test_a_docx_bomb_is_refused(world, login):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:p/>" * (80 * 1024 * 1024 // 6))
    client = login(world.users["district_secretariat"])
    before = Evidence.objects.count()
    _attach(client, world, "bien-ban.docx", out.getvalue())
    assert Evidence.objects.count() == before


@pytest.mark.parametrize(
    ("name", "extension", "safe"),
    [
        ("Biên bản hội nghị.pdf", "pdf", "Biên bản hội nghị.pdf"),
        ("báo cáo.pdf.exe", "pdf", "báo cáo.pdf"),
        ("../../etc/passwd", "png", "_.._etc_passwd.png"),
        ("a" * 400 + ".jpg", "jpg", "a" * 146 + ".jpg"),
        ("", "pdf", "tep.pdf"),
    ],
)
def test_safe_filename(name, extension, safe):
    assert safe_filename(name, extension) == safe
