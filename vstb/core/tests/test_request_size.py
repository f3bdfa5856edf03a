"""Too large a request is refused before it is read, and nothing is kept (issue 12,
finding 2: a 300 MB upload was read into memory, and refused files stayed on disk)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.test import RequestFactory
from django.urls import reverse

from vstb.conftest import vi
from vstb.lib.uploads import LimitedUploadHandler
from vstb.plans.models import PlanImport

pytestmark = pytest.mark.django_db


def test_a_request_larger_than_any_upload_is_refused_unread(world, login, settings):
    client = login(world.users["district_secretariat"])
    before = PlanImport.objects.count()
    url = reverse("plans:import_upload", args=[world.district.pk])
    too_large = (settings.VSTB_REQUEST_MAX_MB + 1) * 1024 * 1024
    # The length is declared, the body never sent: the refusal does not read it.
    response = client.generic("POST", url, b"", CONTENT_LENGTH=str(too_large),
                              CONTENT_TYPE="multipart/form-data; boundary=x")  # fmt: skip
    assert response.status_code == 413
    assert vi("The file is too large") in response.content.decode()
    assert PlanImport.objects.count() == before


def test_an_import_above_its_limit_is_refused_and_nothing_is_stored(world, login, settings):
    settings.VSTB_IMPORT_MAX_MB = 1
    client = login(world.users["district_secretariat"])
    before = PlanImport.objects.count()
    response = client.post(
        reverse("plans:import_upload", args=[world.district.pk]),
        {"file": SimpleUploadedFile("ke-hoach.txt", b"a" * (1024 * 1024 + 1))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert PlanImport.objects.count() == before


def test_an_upload_without_a_declared_length_is_cut_off_while_it_streams(settings):
    settings.VSTB_REQUEST_MAX_MB = 1
    request = RequestFactory().post("/")
    handler = LimitedUploadHandler(request)
    handler.new_file("file", "big.txt", "text/plain", None)
    chunk = b"a" * (64 * 1024)
    with pytest.raises(StopUpload):
        for start in range(0, 2 * 1024 * 1024, len(chunk)):
            handler.receive_data_chunk(chunk, start)
