"""A document's PDF is converted once, also when many ask for it at the same moment within
requests (signing it, documents.pdf.pdf_once): the first claims the conversion, the others
wait for its file. Downloads go through the worker (test_pdf_downloads).
LibreOffice is replaced by a slow stand-in that counts its runs."""

import json
import os
import threading
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from vstb.documents import pdf
from vstb.documents.tests.test_document_types import decision


def slow_conversions(monkeypatch) -> list[int]:
    """LibreOffice replaced by a stand-in that takes half a second; the threads it ran in."""
    runs = []

    def slow_conversion(docx, timeout):
        runs.append(threading.get_ident())
        time.sleep(0.5)
        return b"%PDF-1.7 one conversion"

    monkeypatch.setattr(pdf, "docx_to_pdf", slow_conversion)
    monkeypatch.setattr(pdf, "CLAIM_POLL", 0.02)
    return runs


def twenty_at_once(content: dict) -> tuple[list[bytes], list[Exception]]:
    """Twenty requests asking for the PDF of `content` at the same moment: what each got, and
    the errors raised."""
    got, errors = [], []

    def download():
        try:
            got.append(pdf.pdf_once(content))
        except Exception as error:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(error)

    people = [threading.Thread(target=download) for _ in range(20)]
    for person in people:
        person.start()
    for person in people:
        person.join()
    return got, errors


@pytest.fixture
def conversions(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return slow_conversions(monkeypatch)


def test_twenty_downloads_at_once_start_one_conversion(conversions):
    got, errors = twenty_at_once(decision())
    assert errors == []
    assert got == [b"%PDF-1.7 one conversion"] * 20
    assert len(conversions) == 1
    assert not [name for name in default_storage.listdir("pdf")[1] if name.endswith(".json")]


def test_a_claim_left_by_a_process_that_died_is_taken_over(conversions):
    content = decision()
    claim = f"pdf/{pdf.digest_of(content)}.json"
    default_storage.save(claim, ContentFile(b""))
    old = time.time() - pdf.CLAIM_STALE - 5
    os.utime(default_storage.path(claim), (old, old))
    assert pdf.pdf_once(content) == b"%PDF-1.7 one conversion"
    assert len(conversions) == 1
    assert not default_storage.exists(claim)


def test_a_download_waiting_too_long_gets_a_message(conversions, monkeypatch):
    content = decision()
    default_storage.save(f"pdf/{pdf.digest_of(content)}.json", ContentFile(json.dumps(content)))
    monkeypatch.setattr(pdf, "REQUEST_TIMEOUT", 0.1)
    with pytest.raises(pdf.PdfFailed, match="chưa xong"):
        pdf.pdf_once(content)
    assert conversions == []
