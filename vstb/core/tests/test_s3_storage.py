"""The S3 storage (decision 0022) against a real S3 server process: moto's, started once for
this module on a free loopback port, spoken to over HTTP by boto3 as AWS or MinIO would be.
A save never overwrites, also when twenty hosts save one name at once, and the PDF claim
(documents.pdf) starts one conversion however many ask.

moto checks a conditional put and then stores the object, two steps that its threaded server
(`moto_server`) could interleave between two requests; AWS and MinIO make them one. The server
here handles one request at a time, as atomic as they are, so that a test that fails means
the storage raced, not the stand-in. The race it guards against is between a storage's own
requests (asking, then writing), which a one-request-at-a-time server does not hide: plain
S3Storage with file_overwrite=False loses it here."""

import os
import subprocess
import sys
import threading
import time
import uuid

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from vstb.core.storage_s3 import SharedS3Storage
from vstb.documents import pdf
from vstb.documents.tests.test_document_types import decision
from vstb.documents.tests.test_pdf_once import slow_conversions, twenty_at_once

pytest.importorskip("moto", reason="moto (requirements-dev.txt) runs the S3 server these tests use")

# moto's S3 application under werkzeug's single-threaded server (see above), on a port the
# system picks; the port is printed for the fixture to read.
SERVE = """
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication, MotoRequestHandler, create_backend_app)
from werkzeug.serving import make_server

server = make_server("127.0.0.1", 0, DomainDispatcherApplication(create_backend_app),
                     request_handler=MotoRequestHandler)
print(server.port, flush=True)
server.serve_forever()
"""
OPTIONS = {"region_name": "us-east-1", "access_key": "testing", "secret_key": "testing"}


@pytest.fixture(scope="module")
def endpoint():
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        port = server.stdout.readline().strip()
        assert port, "the S3 server did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(endpoint):
    name = f"vstb-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=OPTIONS["region_name"],
        aws_access_key_id=OPTIONS["access_key"],
        aws_secret_access_key=OPTIONS["secret_key"],
    )
    client.create_bucket(Bucket=name)
    return {"bucket_name": name, "endpoint_url": endpoint, **OPTIONS}


@pytest.fixture
def storage(bucket):
    return SharedS3Storage(**bucket)


def test_a_saved_file_is_read_listed_dated_and_deleted(storage):
    before = time.time()
    assert storage.save("pdf/a.pdf", ContentFile(b"%PDF-1.7 a")) == "pdf/a.pdf"
    storage.save("pdf/waited/b.json", ContentFile(b"{}"))
    assert storage.exists("pdf/a.pdf")
    with storage.open("pdf/a.pdf", "rb") as file:
        assert file.read() == b"%PDF-1.7 a"
    assert storage.listdir("pdf") == (["waited"], ["a.pdf"])
    # documents.pdf takes a claim's age from it: an aware time, now
    modified = storage.get_modified_time("pdf/a.pdf")
    assert modified.tzinfo is not None
    assert before - 2 < modified.timestamp() < time.time() + 2
    storage.delete("pdf/a.pdf")
    assert not storage.exists("pdf/a.pdf")
    storage.delete("pdf/a.pdf")  # deleting what is gone is no error, as on the filesystem
    with pytest.raises(FileNotFoundError):
        storage.open("pdf/a.pdf", "rb")
    with pytest.raises(FileNotFoundError):  # documents.pdf reads it as "no claim"
        storage.get_modified_time("pdf/a.pdf")


def test_a_taken_name_keeps_the_first_file(storage):
    assert storage.save("imports/2026/plan.docx", ContentFile(b"first")) == "imports/2026/plan.docx"
    second = storage.save("imports/2026/plan.docx", ContentFile(b"second"))
    assert second != "imports/2026/plan.docx"
    assert second.startswith("imports/2026/plan_") and second.endswith(".docx")
    with storage.open("imports/2026/plan.docx", "rb") as file:
        assert file.read() == b"first"
    with storage.open(second, "rb") as file:
        assert file.read() == b"second"


def test_of_twenty_hosts_saving_one_name_at_once_exactly_one_gets_it(bucket):
    # A storage each, as each host has its own; the barrier lines their saves up. (Plain
    # S3Storage(file_overwrite=False) fails here: every host gets the name, the last write kept.)
    hosts = [SharedS3Storage(**bucket) for _ in range(20)]
    start = threading.Barrier(len(hosts), timeout=60)
    names, errors = {}, []

    def save(index):
        try:
            assert hosts[index].connection  # its client made first, so that the saves meet
            start.wait()
            names[index] = hosts[index].save("pdf/claim.json", ContentFile(b"%d" % index))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(index,)) for index in range(len(hosts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    winners = [index for index, name in names.items() if name == "pdf/claim.json"]
    assert len(winners) == 1
    assert len(set(names.values())) == len(hosts)  # the others each got a name of their own
    with hosts[0].open("pdf/claim.json", "rb") as file:
        assert file.read() == b"%d" % winners[0]  # and nobody wrote over the winner


def test_text_content_is_kept_as_utf8(storage):
    name = storage.save("pdf/note.failed", ContentFile("Chưa xuất được PDF."))
    with storage.open(name, "rb") as file:
        assert file.read() == "Chưa xuất được PDF.".encode()


def test_no_signed_url_is_given_out(storage):
    storage.save("imports/2026/plan.docx", ContentFile(b"x"))
    url = storage.url("imports/2026/plan.docx")
    assert "Signature" not in url and "127.0.0.1" not in url


def test_twenty_pdf_once_at_once_start_one_conversion(bucket, settings, monkeypatch):
    """documents/tests/test_pdf_once.py's first test, with the default storage on S3."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "vstb.core.storage_s3.SharedS3Storage", "OPTIONS": bucket},
    }
    runs = slow_conversions(monkeypatch)
    content = decision()
    got, errors = twenty_at_once(content)
    assert errors == []
    assert got == [b"%PDF-1.7 one conversion"] * 20
    assert len(runs) == 1
    assert isinstance(storages["default"], SharedS3Storage)
    _, names = default_storage.listdir("pdf")
    assert names == [f"{pdf.digest_of(content)}.pdf"]  # no claim left, no stray names


def test_the_settings_choose_the_bucket_when_one_is_named():
    show = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.region_name,"
        " s.access_key, s.file_overwrite, s.default_acl)"
    )
    environment = {
        "DJANGO_SETTINGS_MODULE": "vstb.settings_test",
        "VSTB_S3_BUCKET": "vstb-files",
        "VSTB_S3_ENDPOINT_URL": "https://s3.example.gov.vn",
        "VSTB_S3_REGION": "hn-1",
        "VSTB_S3_ACCESS_KEY": "key",
        "VSTB_S3_SECRET_KEY": "secret",
    }
    shown = subprocess.run(
        [sys.executable, "-c", show],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown == [
        "SharedS3Storage",
        "vstb-files",
        "https://s3.example.gov.vn",
        "hn-1",
        "key",
        "False",
        "None",
    ]
