"""DOCX to PDF through LibreOffice in headless mode (Debian `libreoffice-writer-nogui`).

Each conversion runs with a user profile of its own in a fresh temporary folder: two
LibreOffice processes sharing a profile make the second one hand its work to the first and
exit, and its output is silently lost. The Vietnamese glyphs come from Debian's
`fonts-liberation2` (Liberation Serif stands in for Times New Roman, with the same widths).
"""

import hashlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

from django.utils import timezone

TIMEOUT = 120  # seconds; a first start of LibreOffice builds its profile (a few seconds)
# Within a web request: under gunicorn's 30 s worker timeout, so that a hung conversion ends
# with a message and its soffice process killed, not with the worker killed mid-request.
REQUEST_TIMEOUT = 25


class ConversionUnavailable(Exception):
    """LibreOffice is not installed on the server (or cannot be started)."""


class ConversionFailed(Exception):
    """LibreOffice ran but produced no file, or ran out of time."""


class PdfUnavailable(ConversionUnavailable):
    """LibreOffice is not installed on the server."""


class PdfFailed(ConversionFailed):
    """LibreOffice ran but produced no PDF."""


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT) -> bytes:
    try:
        data = convert(docx, "docx", "pdf", timeout)
    except ConversionUnavailable as error:
        raise PdfUnavailable(
            "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX "
            "(quản trị viên cài gói libreoffice-writer-nogui và fonts-liberation2)."
            if not str(error)
            else f"{error} Chưa xuất được PDF; hãy tải bản DOCX."
        ) from None
    except ConversionFailed as error:
        raise PdfFailed(f"{error} Hãy thử lại hoặc tải bản DOCX.") from None
    if not data.startswith(b"%PDF"):
        raise PdfFailed("LibreOffice tạo ra một tệp không phải PDF; hãy tải bản DOCX.")
    return data


def convert(data: bytes, suffix: str, target: str, timeout: float = TIMEOUT) -> bytes:
    """`data`, a document of type `suffix` ("docx", "doc", "odt", "rtf"), converted by
    LibreOffice to `target` ("pdf", "docx"); raises ConversionUnavailable or
    ConversionFailed with a Vietnamese sentence."""
    program = soffice()
    if program is None:
        raise ConversionUnavailable("")
    with tempfile.TemporaryDirectory(prefix="vstb-convert-") as folder:
        folder = Path(folder)
        source, output = folder / f"document.{suffix}", folder / "out"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(output),
            str(source),
        ]
        # HOME too, so that nothing of LibreOffice's is written outside the folder.
        environment = {**os.environ, "HOME": str(folder)}
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=environment,
                start_new_session=True,
            )
        except OSError as error:
            raise ConversionUnavailable(
                f"Không chạy được LibreOffice ({program}: {error.strerror})."
            ) from None
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # soffice is a launcher: end the whole process group it started.
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionFailed(
                f"LibreOffice chưa chuyển xong tệp sau {timeout:g} giây nên đã bị dừng."
            ) from None
        result = output / f"document.{target}"
        if process.returncode != 0 or not result.is_file():
            detail = errors.decode(errors="replace").strip().splitlines()[-1:] or ["không rõ"]
            raise ConversionFailed(
                f"LibreOffice không chuyển được tệp (mã thoát {process.returncode}, "
                f"thông báo: {detail[0]})."
            )
        return result.read_bytes()


def pdf_once(docx: bytes) -> bytes:
    """The PDF of `docx`, converted once per distinct document: the PDF is kept in the storage
    every app host shares under the digest of the document's content, so an issued plan or
    report downloaded by many people at once costs one LibreOffice run (1.5 s of a core), not
    one per download, and an edited draft is a new document, converted anew. Downloads that
    arrive together before the PDF exists start one conversion too: the first claims it
    (`_claim`), the others wait for its file."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    digest = _content_digest(docx)
    path, claim = f"pdf/{digest}.pdf", f"pdf/{digest}.converting"
    deadline = time.monotonic() + REQUEST_TIMEOUT
    while True:
        if default_storage.exists(path):
            with default_storage.open(path, "rb") as kept:
                return kept.read()
        if _claim(claim):
            break
        # Someone else converts this document now (twenty people opening a plan the moment it
        # is issued): wait for their file rather than start LibreOffice twenty times.
        if time.monotonic() > deadline:
            raise PdfFailed(
                "Tệp PDF của văn bản này đang được tạo nhưng chưa xong. Hãy thử tải lại sau ít phút."
            )
        time.sleep(CLAIM_POLL)
    try:
        pdf = docx_to_pdf(docx, timeout=REQUEST_TIMEOUT)
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(pdf))
    finally:
        default_storage.delete(claim)
    return pdf


# How often a download waits for another's conversion, and how old a claim may be before it
# is taken as left by a process that died (a conversion is stopped after REQUEST_TIMEOUT).
CLAIM_POLL = 0.25
CLAIM_STALE = REQUEST_TIMEOUT + 10


def _claim(name: str) -> bool:
    """Whether this process may convert: it made the claim file `name`. The storage creates a
    file only if the name is free (O_EXCL on the shared filesystem) and otherwise saves under
    another name, which is removed at once. A claim older than CLAIM_STALE is removed first."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    try:
        age = (timezone.now() - default_storage.get_modified_time(name)).total_seconds()
    except (FileNotFoundError, OSError):
        age = None
    if age is not None and age > CLAIM_STALE:
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(b""))
    if saved == name:
        return True
    default_storage.delete(saved)
    return False


def _content_digest(docx: bytes) -> str:
    """SHA-256 of the parts of a DOCX (a ZIP whose entries carry the time they were written,
    so two renderings of one document differ in their bytes but not in their parts)."""
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            for name in sorted(archive.namelist()):
                digest.update(name.encode() + b"\0" + archive.read(name) + b"\0")
    except zipfile.BadZipFile:
        digest.update(docx)
    return digest.hexdigest()
