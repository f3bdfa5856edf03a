"""An issued report's PDF is prepared as soon as it is issued, by the background worker, so
that the unit above finds it ready when it opens the report, and signing it after acceptance
converts nothing within the leader's request (issue 14)."""

from django_tasks import task

from vstb.documents import pdf
from vstb.reporting import document
from vstb.reporting.models import Report


@task()
def prepare_pdf(pk: int) -> str:
    """Hand the content of issued report `pk` to the job that renders and converts it
    (documents.tasks), unless its PDF is kept already. Safe to run again: a document is
    converted once."""
    report = Report.objects.filter(pk=pk, number__isnull=False).first()
    if report is None:
        return "nothing to do"
    return pdf.prepare(lambda: document.report_document(report))
