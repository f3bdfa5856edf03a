"""Reading an uploaded document into a plan is a background job: a scanned PDF takes minutes
of OCR, a converted .doc tens of seconds, and a hostile file may bring its process down;
none of that may hold or kill a web request (issues 13 and 14). The review page polls until
the job is done.

An issued plan's PDF is prepared as soon as it is issued (`prepare_pdf`), so that the lower
units told of it find the PDF ready when they open it."""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from vstb.documents import pdf
from vstb.documents.importer.api import import_with_text
from vstb.documents.importer.read import ImportRefused
from vstb.plans.models import ImportStatus, Plan, PlanImport, PlanStatus

logger = logging.getLogger(__name__)

# A file whose reading brought the worker down this many times is refused.
MAX_ATTEMPTS = 2


@task()
def read_import(pk: int) -> str:
    """Read the uploaded file of PlanImport `pk`; its status says how it ended. Safe to run
    again: only a record still being read is touched."""
    with translation.override(settings.LANGUAGE_CODE):  # a worker has no request's language
        return _read(pk)


def _read(pk: int) -> str:
    record = PlanImport.objects.filter(pk=pk, status=ImportStatus.READING).first()
    if record is None:
        return "nothing to do"
    PlanImport.objects.filter(pk=pk).update(attempts=record.attempts + 1)
    if record.attempts + 1 > MAX_ATTEMPTS:
        record.refuse(
            _(
                "This file could not be read: reading it stopped twice. Open it in Word, save "
                "it again (or as PDF) and upload it again."
            )
        )
        return "refused: attempts"
    try:
        with record.file.open("rb") as handle:
            raw = handle.read()
        data, text = import_with_text(raw, record.original_name)
    except ImportRefused as refused:
        record.refuse(refused.message)
        return "refused"
    except Exception:  # a reader's bug must end the job with a message, not leave it reading
        logger.exception("Reading plan import %s failed", pk)
        record.refuse(
            _(
                "This file could not be read because of an error in VSTB. The administrators "
                "have been told; meanwhile, save the file again in Word and upload it again."
            )
        )
        return "refused: error"
    record.finish_reading(data, text)
    return "read"


@task()
def prepare_pdf(pk: int) -> str:
    """Hand the content of issued plan `pk` to the job that renders and converts it
    (documents.tasks), unless its PDF is kept already. Safe to run again: a document is
    converted once."""
    from vstb.plans import services  # the services import the models' layer above this one

    plan = Plan.objects.filter(pk=pk, status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED]).first()
    if plan is None:
        return "nothing to do"
    return pdf.prepare(lambda: services.plan_document(plan))
