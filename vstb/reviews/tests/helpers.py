"""What the reviews tests share: draft files, a review received by the district, and the
text users see for a message."""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext
from docx import Document

from vstb.reviews import services
from vstb.reviews.models import DraftKind

# A plain PDF: a page and nothing that runs.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# The same with a script run when it opens.
ACTIVE_PDF = PDF.replace(
    b"<</Type/Catalog/Pages 2 0 R>>",
    b"<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>",
)
TITLE = "Nghị quyết quy định chính sách hỗ trợ phụ nữ khởi nghiệp giai đoạn 2026–2030"


def shown(message: str) -> str:
    """The text users see for an English msgid: its Vietnamese translation once the
    catalogue has it, the msgid itself until then."""
    with translation.override("vi"):
        return gettext(message)


def docx_bytes(text: str = "Dự thảo nghị quyết") -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_upload(name: str = "du-thao-nghi-quyet.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def receive(world, *, agency=None, reviewer=None, received_on=date(2026, 3, 2), **fields):
    """The district's review of a draft resolution sent by `agency` (its justice division by
    default), as the receive form records it."""
    upload = pdf_upload()
    values = {
        "draft_kind": DraftKind.COUNCIL_RESOLUTION,
        "draft_title": TITLE,
        "drafting_agency": agency if agency is not None else world.justice,
        "drafting_body": "",
        "received_on": received_on,
        "opinion_due": received_on + timedelta(days=18),
        "reviewer_agency": reviewer,
        **fields,
    }
    return services.receive(
        world.district, values, upload, ("application/pdf", "pdf"), "du-thao-nghi-quyet.pdf"
    )


def answer_all(review, answer: str = "partly", **answers) -> None:
    from vstb.reviews.criteria import CRITERIA

    given = {c.code: (answers.get(c.code, answer), "") for c in CRITERIA}
    services.save_checklist(review, given, review.version)
