"""A document's PDF is made by the background worker, not by the web request that asked for
it (issue 14): LibreOffice takes 1.5 s of a core for a plan, up to two minutes for a long
document, and a download waiting for it would hold a web worker while everyone else's pages
queue. The download page polls until the file is there (documents.downloads)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django_tasks import task

from vstb.documents import pdf

logger = logging.getLogger(__name__)

# A conversion that fails or runs out of time is tried once more, RETRY_AFTER later (a
# LibreOffice that could not start because the host was short of memory often can then).
ATTEMPTS = 2
RETRY_AFTER = timedelta(seconds=15)


@task()
def convert_pdf(digest: str, attempt: int = 1) -> str:
    """Convert the document waiting under `digest` (documents.pdf.request_pdf) and keep its
    PDF. Safe to run again, by a second worker after the first was killed: a PDF already kept
    is not converted again, and a claim already released means there is nothing to do."""
    _, claim, _ = pdf._paths(digest)
    if not default_storage.exists(claim):
        return "nothing to do"
    retry = attempt < ATTEMPTS and convert_pdf.get_backend().supports_defer
    with translation.override(settings.LANGUAGE_CODE):  # a worker has no request's language
        try:
            pdf.convert_claimed(digest, timeout=pdf.TIMEOUT, last_attempt=not retry)
        except pdf.PdfUnavailable:
            return "failed: no LibreOffice"
        except pdf.PdfFailed as error:
            if not retry:
                logger.warning("PDF %s failed after %s attempts: %s", digest, attempt, error)
                return "failed"
            logger.warning("PDF %s attempt %s failed (%s); again soon", digest, attempt, error)
            convert_pdf.using(run_after=timezone.now() + RETRY_AFTER * attempt).enqueue(
                digest, attempt + 1
            )
            return "retry"
    return "converted"
