"""An issued document's PDF is prepared as soon as it is issued, by the background worker, so
that the units it is sent to find it ready when they open it (issue 14)."""

from django_tasks import task

from vstb.documents import pdf
from vstb.issuing.models import DocumentStatus, IssuedDocument


@task()
def prepare_pdf(pk: int) -> str:
    """Hand the content of issued document `pk` to the job that renders and converts it
    (documents.tasks), unless its PDF is kept already. Safe to run again: a document is
    converted once."""
    document = IssuedDocument.objects.filter(pk=pk, status=DocumentStatus.ISSUED).first()
    if document is None:
        return "nothing to do"
    return pdf.prepare(lambda: document.content)
