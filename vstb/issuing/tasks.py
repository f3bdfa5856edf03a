"""An issued document's PDF is prepared as soon as it is issued, by the background worker, so
that the units it is sent to find it ready when they open it (issue 14)."""

from django_tasks import task

from vstb.documents import pdf
from vstb.documents.docx import render_docx
from vstb.issuing.models import DocumentStatus, IssuedDocument


@task()
def prepare_pdf(pk: int) -> str:
    """Render issued document `pk` and hand its PDF to the conversion job (documents.tasks),
    unless it is kept already. Safe to run again: a document is converted once."""
    document = IssuedDocument.objects.filter(pk=pk, status=DocumentStatus.ISSUED).first()
    if document is None:
        return "nothing to do"
    return pdf.prepare(lambda: render_docx(document.content))
