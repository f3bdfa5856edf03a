"""Downloading a document as PDF without holding a web worker (issue 14). The first download
of a document hands its conversion to the background worker and shows a page that waits for
it; the page asks every two seconds (one look at the shared storage, no LibreOffice, no
rendering) and starts the download when the file is there. Every later download, by anyone,
gets the kept PDF at once."""

import hashlib
from collections.abc import Callable

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render

from vstb.documents.pdf import PREFIX, PdfState, is_digest, pdf_state, request_pdf

# After this many seconds the waiting page says the PDF is slower than usual and points to
# the DOCX (a plan takes 1.5 s of LibreOffice; a queue of long documents, a minute or two).
SLOW_SECONDS = 60
# htmx stops a poll when its answer has this status (htmx's own convention).
STOP_POLLING = 286


def pdf_download(
    request,
    make_content: Callable[[], dict],
    *,
    filename: str,
    title: str,
    back: str,
    docx_url: str,
) -> HttpResponse:
    """The PDF of the document whose content (a vstb.plan/1 dict) `make_content` builds, as an
    attachment named `filename` if it has been converted; else the page that waits for it.
    `back`: the document's page, where a failed conversion's message is shown; `docx_url`: its
    DOCX, offered meanwhile. The caller has checked that the person may read the document."""
    wait = request.GET.get("wait", "")
    if request.htmx and is_digest(wait):
        return _poll(request, pdf_state(wait), docx_url, back)
    # The download the waiting page starts names the PDF it waited for: served without
    # building the document again, if that PDF was made for this very address.
    waited = request.GET.get("pdf", "")
    if is_digest(waited) and _waited_here(request.path, waited):
        state = pdf_state(waited)
    else:
        state = request_pdf(make_content())
    if state.ready:
        response = HttpResponse(state.pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if state.failed:
        messages.error(request, state.failure)
        return redirect(back)
    _wait_here(request.path, state.digest)
    context = {"state": state, "title": title, "back": back, "docx_url": docx_url}
    return render(request, "documents/pdf_preparing.html", context, status=202)


def _marker(path: str, digest: str) -> str:
    return f"{PREFIX}/waited/{hashlib.sha256(f'{path} {digest}'.encode()).hexdigest()}"


def _wait_here(path: str, digest: str) -> None:
    """Note that the document at `path` rendered to `digest` when its waiting page was shown."""
    name = _marker(path, digest)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b""))


def _waited_here(path: str, digest: str) -> bool:
    return default_storage.exists(_marker(path, digest))


def _poll(request, state: PdfState, docx_url: str, back: str) -> HttpResponse:
    """The waiting page's question: nothing to change (204) while the PDF is being prepared,
    a note once it is slower than usual, and the end of the wait when it is ready or failed."""
    if state.ready or state.failed or state.waited is None:
        status = STOP_POLLING
    elif state.waited >= SLOW_SECONDS:
        status = 200
    else:
        return HttpResponse(status=204)
    context = {
        "state": state,
        "download": f"{request.path}?pdf={state.digest}",
        "again": request.path,
        "docx_url": docx_url,
        "back": back,
        "slow": status == 200,
    }
    return render(request, "documents/_pdf_poll.html", context, status=status)
