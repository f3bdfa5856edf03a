"""In Chromium: the first download of a plan's PDF shows the page that waits for the
background worker, which starts the download by itself once the PDF is made (site.js,
data-download-now). The queue is django-tasks' dummy backend (nothing runs); the test plays the worker."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from vstb.conftest import build_world
from vstb.documents import pdf, tasks
from vstb.plans import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_waiting_page_starts_the_download_when_the_worker_is_done(
    live_server, page, log_in, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda docx, timeout: b"%PDF-1.7 made by the worker")
    world = build_world()
    # Nothing kept from another test for this document: its first download.
    digest = pdf.digest_of(services.plan_document(world.district_plan))
    for suffix in ("pdf", "json", "failed"):
        default_storage.delete(f"pdf/{digest}.{suffix}")
    log_in(page, "district_viewer")

    page.goto(live_server.url + reverse("plans:pdf", args=[world.district_plan.pk]))
    assert page.locator("h1").inner_text() == "Đang chuẩn bị tệp PDF"
    assert page.get_by_role("link", name="Tải ngay bản DOCX").is_visible()
    page.wait_for_timeout(2500)  # a poll or more while the worker has not started
    assert "Tệp PDF của văn bản này đang được tạo" in page.locator("#pdf-wait").inner_text()

    # The job the page's request queued (in the live server's thread, whose dummy queue this
    # test cannot see): its document waits in the storage under the digest the page polls.
    poll = page.locator("#pdf-wait").get_attribute("hx-get")
    assert poll.endswith(f"?wait={digest}")
    assert default_storage.exists(f"pdf/{digest}.json")
    with page.expect_download() as download:
        assert tasks.convert_pdf.call(digest) == "converted"
    assert download.value.suggested_filename.endswith(".pdf")
    assert open(download.value.path(), "rb").read() == b"%PDF-1.7 made by the worker"
    assert "đang được tải về" in page.locator("#pdf-wait").inner_text()
