"""Receiving a draft for the committee's opinion: the form, the file, bad files refused."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from vstb.org.models import Agency
from vstb.reviews.forms import ACTIVE_PDF as ACTIVE_PDF_MESSAGE
from vstb.reviews.forms import DOCX_BOMB, NOT_A_DRAFT, TOO_LARGE
from vstb.reviews.models import DraftReview, ReviewStatus
from vstb.reviews.tests.helpers import ACTIVE_PDF, PDF, TITLE, docx_bytes, pdf_upload, shown

pytestmark = pytest.mark.django_db


def _form(world, **changes):
    data = {
        "draft_kind": "council_resolution",
        "draft_title": TITLE,
        "drafting_agency": world.justice.pk,
        "drafting_body": "",
        "received_on": "02/03/2026",
        "opinion_due": "20/03/2026",
        "reviewer_agency": "",
        "file": pdf_upload(),
    }
    data.update(changes)
    return data


def _stored_files() -> set[Path]:
    """The draft files stored (the test run's data folder keeps those of earlier tests)."""
    root = Path(settings.MEDIA_ROOT) / "reviews"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_secretariat_receives_a_draft_with_its_file(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("reviews:receive", args=[world.district.pk]), _form(world))
    review = DraftReview.objects.get(draft_title=TITLE)
    assert response.status_code == 302
    assert response.url == reverse("reviews:detail", args=[review.pk])
    assert review.unit == world.district and review.drafting_agency == world.justice
    assert review.status == ReviewStatus.RECEIVED and review.reviewer_agency is None
    assert review.draft_content_type == "application/pdf" and review.draft_size == len(PDF)
    # The stored name is ours; the name shown is the sender's, ending in what the file is.
    assert review.draft_file.name.endswith(".pdf") and "du-thao" not in review.draft_file.name
    assert review.draft_file_name == "du-thao-nghi-quyet.pdf"
    download = client.get(reverse("reviews:draft_file", args=[review.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_a_docx_draft_named_pdf_is_kept_as_docx(world, login):
    client = login(world.users["district_secretariat"])
    upload = pdf_upload("du-thao.pdf", docx_bytes())
    client.post(reverse("reviews:receive", args=[world.district.pk]), _form(world, file=upload))
    review = DraftReview.objects.get()
    assert review.draft_file_name == "du-thao.docx" and review.draft_file.name.endswith(".docx")


def test_a_drafting_body_outside_vstb_is_named_by_hand(world, login):
    client = login(world.users["district_secretariat"])
    client.post(
        reverse("reviews:receive", args=[world.district.pk]),
        _form(world, drafting_agency="", drafting_body="Ban Pháp chế HĐND quận"),
    )
    assert DraftReview.objects.get().drafting_name == "Ban Pháp chế HĐND quận"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, NOT_A_DRAFT),  # a program named .pdf
        (ACTIVE_PDF, ACTIVE_PDF_MESSAGE),
        (b"", "The submitted file is empty."),  # Django's own sentence
    ],
    ids=["program", "active-pdf", "empty"],
)
def test_a_bad_file_is_refused_with_a_sentence_and_nothing_is_kept(world, login, data, message):
    before = _stored_files()
    client = login(world.users["district_secretariat"])
    upload = pdf_upload("du-thao.pdf", data)
    response = client.post(
        reverse("reviews:receive", args=[world.district.pk]), _form(world, file=upload)
    )
    assert response.status_code == 200
    assert shown(str(message)) in response.content.decode()
    assert not DraftReview.objects.exists() and _stored_files() == before


def test_a_zip_named_docx_and_a_docx_bomb_are_refused(world, login):
    before = _stored_files()
    client = login(world.users["district_secretariat"])
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "không phải văn bản Word")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(docx_bytes())) as real:
            for item in real.infolist():
                archive.writestr(item, real.read(item.filename))
        archive.writestr("word/media/huge.bin", b"\x00" * (70 * 1024 * 1024))
    url = reverse("reviews:receive", args=[world.district.pk])
    for data, message in ((plain_zip.getvalue(), NOT_A_DRAFT), (bomb.getvalue(), DOCX_BOMB)):
        response = client.post(url, _form(world, file=pdf_upload("du-thao.docx", data)))
        assert shown(str(message)) in response.content.decode()
    assert not DraftReview.objects.exists() and _stored_files() == before


def test_a_file_over_the_limit_is_refused(world, login, settings):
    settings.VSTB_IMPORT_MAX_MB = 0
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("reviews:receive", args=[world.district.pk]), _form(world))
    assert shown(str(TOO_LARGE)) % {"limit": 0} in response.content.decode()
    assert not DraftReview.objects.exists()


def test_a_draft_needs_who_sent_it_and_dates_in_order(world, login):
    before = _stored_files()
    client = login(world.users["district_secretariat"])
    url = reverse("reviews:receive", args=[world.district.pk])
    response = client.post(url, _form(world, drafting_agency="", drafting_body=""))
    assert (
        shown("Choose the drafting agency, or type its name when it is not in the list.")
        in response.content.decode()
    )
    response = client.post(url, _form(world, opinion_due="01/03/2026"))
    assert (
        shown(
            "The date opinions are due comes before the date the draft was received. Check both dates."
        )
        in response.content.decode()
    )
    assert not DraftReview.objects.exists() and _stored_files() == before


def test_an_agency_of_another_district_cannot_be_the_drafting_agency(world, login):
    elsewhere = Agency.objects.create(
        unit=world.other_district, name="Phòng Tư pháp quận Hoàn Kiếm", kind="tu_phap"
    )
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("reviews:receive", args=[world.district.pk]),
        _form(world, drafting_agency=elsewhere.pk),
    )
    assert response.status_code == 200 and not DraftReview.objects.exists()


def test_an_agency_of_the_city_above_may_send_a_draft(world, login):
    department = Agency.objects.create(
        unit=world.province, name="Sở Tư pháp thành phố Hà Nội", kind="tu_phap"
    )
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("reviews:receive", args=[world.district.pk])).content.decode()
    assert "Sở Tư pháp thành phố Hà Nội · Thành phố Hà Nội" in page
    client.post(
        reverse("reviews:receive", args=[world.district.pk]),
        _form(world, drafting_agency=department.pk),
    )
    assert DraftReview.objects.get().drafting_agency == department


def test_the_draft_is_downloaded_by_readers_only(world, login):
    from vstb.reviews.tests.helpers import receive

    review = receive(world)
    url = reverse("reviews:draft_file", args=[review.pk])
    assert login(world.users["district_viewer"]).get(url).status_code == 200
    assert login(world.users["focal_point"]).get(url).status_code == 200  # the drafting agency
    assert login(world.users["ward_officer"]).get(url).status_code == 404
    assert login(world.users["other_district_officer"]).get(url).status_code == 404
