"""DOCX to PDF through LibreOffice in headless mode (Debian `libreoffice-writer-nogui`).

Each conversion runs with a user profile of its own in a fresh temporary folder: two
LibreOffice processes sharing a profile make the second one hand its work to the first and
exit, and its output is silently lost. The Vietnamese glyphs come from Debian's
`fonts-liberation2` (Liberation Serif stands in for Times New Roman, with the same widths).
"""

import functools
import hashlib
import importlib
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from vstb.lib.programs import when_idle

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
                when_idle(command),
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


# A document's PDF is kept in the storage every app host shares, under the digest of the
# document's content (an issued document never changes: converted once, downloaded by many).
# The content is the document as a vstb.plan/1 dict, not its DOCX: a web request that asks
# for a PDF only builds that dict (a few queries) and renders nothing; the worker renders the
# DOCX (30-50 ms of a core for a plan) and converts it. Three files per digest tell where its
# conversion stands:
#   pdf/<digest>.pdf     the PDF;
#   pdf/<digest>.json    the document waiting for LibreOffice or being converted: the claim of
#                        whoever started the conversion, made only if no one else holds it;
#   pdf/<digest>.failed  the last conversion failed: its message, in Vietnamese.
PREFIX = "pdf"
CLAIM = ".json"

# What the DOCX of a content depends on besides the content: these modules' code and
# python-docx's. They go into the digest, so that a release that changes the layout makes
# new PDFs instead of serving ones drawn by the previous layout. The modules are the renderer
# (documents.docx) and everything of VSTB it imports (a test checks the list).
RENDERER_MODULES = (
    "vstb.documents.docx",
    "vstb.documents.layout",
    "vstb.documents.metrics",
    "vstb.documents.plan_schema",
    "vstb.lib.dates",
)


@dataclass(frozen=True)
class PdfState:
    """Where the PDF of one document stands: `pdf` once it exists, `failure` if the last
    conversion failed, else being prepared for `waited` seconds (None: nobody asked)."""

    digest: str
    pdf: bytes | None = None
    failure: str = ""
    waited: float | None = None

    @property
    def ready(self) -> bool:
        return self.pdf is not None

    @property
    def failed(self) -> bool:
        return bool(self.failure)


def _paths(digest: str) -> tuple[str, str, str]:
    return f"{PREFIX}/{digest}.pdf", f"{PREFIX}/{digest}{CLAIM}", f"{PREFIX}/{digest}.failed"


def is_digest(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def pdf_state(digest: str) -> PdfState:
    """What the storage holds for `digest`; reads files only, converts nothing."""
    from django.core.files.storage import default_storage

    path, claim, failed = _paths(digest)
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as kept:
            return PdfState(digest, pdf=kept.read())
    if default_storage.exists(failed):
        with default_storage.open(failed, "rb") as note:
            return PdfState(digest, failure=note.read().decode())
    return PdfState(digest, waited=_age(claim))


def request_pdf(content: dict) -> PdfState:
    """The PDF of the document `content` (a vstb.plan/1 dict, as `render_docx` takes) if it
    exists; else its rendering and conversion are handed to the background worker
    (`vstb.documents.tasks.convert_pdf`) unless someone already did, and the state says it
    is being prepared. Asking again after a failure tries again. A web request never runs
    LibreOffice: a conversion takes 1.5 s of a core, and twenty people waiting for it would
    hold every web worker while the others' pages queue (issue 14)."""
    from django.core.files.storage import default_storage

    from vstb.documents import tasks

    data = _canonical(content)
    digest = _digest(data)
    state = pdf_state(digest)
    if state.ready:
        return state
    path, claim, failed = _paths(digest)
    if state.failed:
        default_storage.delete(failed)
    if _claim(claim, data, stale=JOB_STALE):
        tasks.convert_pdf.enqueue(digest)
        return pdf_state(digest)  # the immediate backend (tests) has converted it already
    return PdfState(digest, waited=_age(claim) or 0.0)


def prepare(make_content: Callable[[], dict]) -> str:
    """For the jobs that prepare an issued document's PDF before anyone asks for it: build its
    content in the site's language (a worker has no request's) and hand it to the conversion
    job, unless its PDF is kept already. "ready" or "asked"."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        state = request_pdf(make_content())
    return "ready" if state.ready else "asked"


def pdf_once(content: dict) -> bytes:
    """The PDF of the document `content`, converted within this request if no one has: for the
    few actions that need the PDF itself before they can answer (signing it). Downloads use
    `request_pdf`. A conversion that someone else started (a download's background job) is
    waited for rather than run twice."""
    data = _canonical(content)
    digest = _digest(data)
    _, claim, failed = _paths(digest)
    deadline = time.monotonic() + REQUEST_TIMEOUT
    while True:
        state = pdf_state(digest)
        if state.ready:
            return state.pdf
        if _claim(claim, data, stale=CLAIM_STALE):
            break
        if time.monotonic() > deadline:
            raise PdfFailed(
                "Tệp PDF của văn bản này đang được tạo nhưng chưa xong. Hãy thử lại sau ít phút."
            )
        time.sleep(CLAIM_POLL)
    return convert_claimed(digest, timeout=REQUEST_TIMEOUT)


def convert_claimed(digest: str, timeout: float = TIMEOUT, last_attempt: bool = True) -> bytes:
    """Render and convert the document waiting under `digest`'s claim, keep its PDF and
    release the claim. A failure on the last attempt is kept for those waiting and the claim
    released; before it, the claim stays for the next attempt (not when LibreOffice is
    missing). Safe to run again: a PDF already kept is returned and nothing is converted."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    path, claim, failed = _paths(digest)
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as kept:
            pdf = kept.read()
    else:
        from vstb.documents.docx import render_docx

        with default_storage.open(claim, "rb") as waiting:
            content = json.loads(waiting.read())
        try:
            pdf = docx_to_pdf(render_docx(content), timeout=timeout)
        except (PdfUnavailable, PdfFailed) as error:
            if last_attempt or isinstance(error, PdfUnavailable):  # no use trying again
                default_storage.delete(failed)
                default_storage.save(failed, ContentFile(str(error).encode()))
                default_storage.delete(claim)
            raise
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(pdf))
    default_storage.delete(failed)
    default_storage.delete(claim)
    return pdf


# How often a download waits for another's conversion, and how old a claim may be before it
# is taken as left by a process that died: within a request, a conversion is stopped after
# REQUEST_TIMEOUT; in the background, after TIMEOUT, and tried twice (documents.tasks).
CLAIM_POLL = 0.25
CLAIM_STALE = REQUEST_TIMEOUT + 10
JOB_STALE = 2 * TIMEOUT + 60


def prune(keep_days: int) -> int:
    """Delete what the PDF store holds that is older than `keep_days`: PDFs (an issued
    document's is made again at its next download), failures, the waiting pages' notes, and
    claims left by conversions that never ended. Each edit of a draft downloaded as PDF keeps a
    PDF of its own, so without this the store only grows. How many files were deleted."""
    from django.core.files.storage import default_storage

    deleted = 0
    for folder in (PREFIX, f"{PREFIX}/waited"):
        try:
            _, names = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in names:
            path = f"{folder}/{name}"
            age = _age(path)
            limit = JOB_STALE if name.endswith(CLAIM) else max(keep_days * 86400, JOB_STALE)
            if age is not None and age > limit:
                default_storage.delete(path)
                deleted += 1
    return deleted


def _age(name: str) -> float | None:
    from django.core.files.storage import default_storage

    try:
        return (timezone.now() - default_storage.get_modified_time(name)).total_seconds()
    except (FileNotFoundError, OSError):
        return None


def _claim(name: str, content: bytes, stale: float) -> bool:
    """Whether this process may convert: it made the claim file `name` (holding `content`).
    The storage creates a file only if the name is free (O_EXCL on the shared filesystem) and
    otherwise saves under another name, which is removed at once. A claim older than `stale`
    seconds was left by a process that died, and is removed first."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    age = _age(name)
    if age is not None and age > stale:
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved == name:
        return True
    default_storage.delete(saved)
    return False


def digest_of(content: dict) -> str:
    """The name the PDF of the document `content` is kept under (see PREFIX)."""
    return _digest(_canonical(content))


def _canonical(content: dict) -> bytes:
    """`content` as JSON written one way only (keys sorted), as it waits for the worker."""
    from django.core.serializers.json import DjangoJSONEncoder

    text = json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    return text.encode()


def _digest(data: bytes) -> str:
    return hashlib.sha256(_renderer() + b"\0" + data).hexdigest()


@functools.cache
def _renderer() -> bytes:
    """The fingerprint of the renderer: its modules' code and python-docx's version."""
    digest = hashlib.sha256(importlib.metadata.version("python-docx").encode())
    for name in RENDERER_MODULES:
        digest.update(Path(importlib.import_module(name).__file__).read_bytes())
    return digest.hexdigest().encode()
