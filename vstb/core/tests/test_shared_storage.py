"""The shared storage: a saved file's name appears only once its content is whole, a save
never overwrites, and nothing of the writing is left behind."""

import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import TemporaryUploadedFile

from vstb.core.storage import INCOMING, SharedFileSystemStorage


class SlowContent(ContentFile):
    """Content written in many chunks, with a pause after the first, as a large file is."""

    def __init__(self, data, started):
        super().__init__(data)
        self.started = started

    def chunks(self, chunk_size=None):
        for index, start in enumerate(range(0, len(self.file.getvalue()), 1024)):
            yield self.file.getvalue()[start : start + 1024]
            if index == 0:
                self.started.set()
                threading.Event().wait(0.3)


@pytest.fixture
def storage(tmp_path):
    return SharedFileSystemStorage(location=tmp_path)


def test_a_file_being_written_is_not_seen_until_whole(storage):
    data = b"%PDF" + b"x" * 50_000
    started = threading.Event()
    writer = threading.Thread(target=storage.save, args=("pdf/a.pdf", SlowContent(data, started)))
    writer.start()
    started.wait(5)
    assert not storage.exists("pdf/a.pdf")  # half written: not there yet
    writer.join()
    with storage.open("pdf/a.pdf", "rb") as saved:
        assert saved.read() == data


def test_a_save_under_a_taken_name_takes_another_and_keeps_the_first(storage):
    assert storage.save("pdf/claim.docx", ContentFile(b"first")) == "pdf/claim.docx"
    second = storage.save("pdf/claim.docx", ContentFile(b"second"))
    assert second != "pdf/claim.docx" and second.startswith("pdf/claim")
    with storage.open("pdf/claim.docx", "rb") as first:
        assert first.read() == b"first"


def test_of_many_saving_one_name_at_once_exactly_one_gets_it(storage):
    names = []
    savers = [
        threading.Thread(target=lambda: names.append(storage.save("c.docx", ContentFile(b"x"))))
        for _ in range(20)
    ]
    for saver in savers:
        saver.start()
    for saver in savers:
        saver.join()
    assert names.count("c.docx") == 1 and len(set(names)) == 20


def test_text_content_and_large_uploads_are_saved_and_nothing_is_left_behind(storage, tmp_path):
    assert storage.save("note.txt", ContentFile("Đã xong")) == "note.txt"
    with storage.open("note.txt", "rb") as note:
        assert note.read() == "Đã xong".encode()
    upload = TemporaryUploadedFile("big.xlsx", "application/octet-stream", 5, "utf-8")
    upload.write(b"large")
    upload.flush()
    assert storage.save("imports/big.xlsx", upload) == "imports/big.xlsx"
    with storage.open("imports/big.xlsx", "rb") as saved:
        assert saved.read() == b"large"
    upload.close()
    assert [p.name for p in tmp_path.rglob(f"{INCOMING}*")] == []


def test_a_deployment_on_the_shared_filesystem_never_loads_boto3():
    """The S3 storage lives in a module of its own (core.storage_s3): boto3 takes 0.2 s to load
    in every process, and only a deployment that names a bucket needs it."""
    import os
    import subprocess
    import sys

    show = (
        "import sys, django; django.setup()\n"
        "from django.core.files.storage import default_storage\n"
        "default_storage.exists('pdf/x.pdf')\n"
        "print(type(default_storage._wrapped).__name__, 'boto3' in sys.modules)"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "vstb.settings_test"}
    environment.pop("VSTB_S3_BUCKET", None)
    shown = subprocess.run(
        [sys.executable, "-c", show], env=environment, capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["SharedFileSystemStorage", "False"]
