"""The documents a unit issues besides its plans and reports: decisions, official letters,
notices, minutes, submissions and invitations (Decree 30/2020/NĐ-CP, Article 7), each
numbered from the issuer's register of outgoing documents and frozen when issued.

A document is built from its purpose (builders.py: the committee's decision from its
memberships on the decision's date, a letter chasing reports from the reports still
missing…) into a `vstb.plan/1` document (`content`), which the clerk may correct while it is
a draft. Issuing takes the number, fixes the date and freezes `content`: what was issued
never changes afterwards, whatever happens to the records it was built from; a correction
is a new document that replaces it (Article 18: content errors are corrected by a document
of the same form).
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vstb.lib.stamps import Stamped
from vstb.lib.text import fold
from vstb.lib.versioning import Versioned
from vstb.org.models import Membership, Unit
from vstb.plans.models import IssuerBody

# Characters of the subject kept in a download's file name.
SUBJECT_IN_FILE_NAME = 80


class DocType(models.TextChoices):
    # Decree 30/2020/NĐ-CP, Appendix III, I: abbreviations of the types (a công văn has
    # none; "CV" is only how VSTB's plan JSON names it).
    DECISION = "QĐ", _("Decision (Quyết định)")
    LETTER = "CV", _("Official letter (Công văn)")
    NOTICE = "TB", _("Notice (Thông báo)")
    MINUTES = "BB", _("Minutes (Biên bản)")
    SUBMISSION = "TTr", _("Submission (Tờ trình)")
    INVITATION = "GM", _("Invitation (Giấy mời)")
    REPORT = "BC", _("Report (Báo cáo)")


# The type name printed above the subject (Appendix III, Mẫu 1.4); a letter has none.
TITLE_OF_TYPE = {
    DocType.DECISION: "QUYẾT ĐỊNH",
    DocType.NOTICE: "THÔNG BÁO",
    DocType.MINUTES: "BIÊN BẢN",
    DocType.SUBMISSION: "TỜ TRÌNH",
    DocType.INVITATION: "GIẤY MỜI",
    DocType.REPORT: "BÁO CÁO",
}


class Purpose(models.TextChoices):
    """What the document does in the committee's work; each has its builder."""

    COMMITTEE = "committee", _("Establishing or reconstituting the committee")
    CHASE = "chase", _("Chasing reports not yet sent")
    REQUIREMENT = "requirement", _("Requesting reports from lower units")
    GUIDANCE = "guidance", _("Guidance or request to lower units")
    MEETING_INVITATION = "meeting_invitation", _("Invitation to a committee meeting")
    MEETING_MINUTES = "meeting_minutes", _("Minutes of a committee meeting")
    MEETING_CONCLUSIONS = "meeting_conclusions", _("Conclusions of a committee meeting")
    REVIEW_OPINION = "review_opinion", _("Opinion on a draft legal document")
    # Inspection and supervision (vstb/inspections): the plan, the team's decision, the
    # conclusions sent to the inspected units.
    INSPECTION_PLAN = "inspection_plan", _("Plan of an inspection")
    INSPECTION_TEAM = "inspection_team", _("Establishing an inspection team")
    INSPECTION_CONCLUSIONS = "inspection_conclusions", _("Conclusions of an inspection")
    # Commendation (vstb/commendations): the proposal sent up, the decision with its list.
    COMMENDATION_PROPOSAL = "commendation_proposal", _("Proposal of commendations")
    COMMENDATION_DECISION = "commendation_decision", _("Decision on commendations")
    # Women in leadership (vstb/leaders): the committee's review of the pipeline.
    LEADERS_REVIEW = "leaders_review", _("Review of women in leadership")
    # Issued on paper before, and brought in from a file (an imported decision that issues a
    # plan): kept with its original number.
    RECORDED = "recorded", _("Issued on paper and recorded from a file")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    REPLACED = "replaced", _("Replaced")


class IssuedDocumentQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status__in=[DocumentStatus.ISSUED, DocumentStatus.REPLACED])


class IssuedDocument(Versioned, Stamped):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="issued_documents"
    )
    issuer_body = models.CharField(
        _("issued by"),
        max_length=12,
        choices=IssuerBody.choices,
        default=IssuerBody.PEOPLES_COMMITTEE,
    )
    doc_type = models.CharField(_("type"), max_length=4, choices=DocType.choices)
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    subject = models.CharField(_("subject"), max_length=500)
    symbol = models.CharField(_("symbol"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    # The year of the register the number was taken from: the year of issue.
    register_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    # The document as a vstb.plan/1 dict (documents/plan_schema.py): rebuilt from its
    # purpose while a draft, frozen once issued.
    content = models.JSONField(default=dict)
    # What the builder was given (the meeting, the requirement, the dates the user chose).
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
        editable=False,
    )
    addressees = models.ManyToManyField(
        Unit,
        verbose_name=_("sent to"),
        through="Delivery",
        related_name="received_documents",
        blank=True,
    )
    # A committee's decision: the memberships it lists, as they were on its date. The
    # committee page links each membership to the decision that first listed it.
    memberships = models.ManyToManyField(
        Membership, verbose_name=_("members listed"), related_name="decisions", blank=True
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["unit", "status"], name="issued_unit_status_idx")]
        constraints = [
            # Decree 30/2020/NĐ-CP, Article 15: one number per issuer and year.
            models.UniqueConstraint(
                fields=["unit", "issuer_body", "register_year", "number"],
                condition=Q(number__isnull=False),
                name="issued_number_unique_per_register",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.number_and_symbol} – {self.subject}".strip()

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    @property
    def number_text(self) -> str | None:
        # Decree 30/2020/NĐ-CP, Appendix I, II.3.c: numbers below 10 take a leading zero.
        if self.number is not None:
            return f"{self.number:02d}"
        # A document recorded from a file, of an issuer whose register is not ours: the
        # number as it was written.
        written = (
            (self.content or {}).get("number") if self.status != DocumentStatus.DRAFT else None
        )
        return str(written) if written else None

    @property
    def number_and_symbol(self) -> str:
        number = self.number_text or ""
        return f"{number}/{self.symbol}" if self.symbol else number

    @property
    def file_stem(self) -> str:
        """ "07-QD-UBND-kien-toan-ban-vi-su-tien-bo-cua-phu-nu", a draft "du-thao-…"."""
        symbol = re.sub(r"[^A-Za-z0-9-]", "", self.symbol.replace("Đ", "D"))
        subject = slugify(fold(self.subject))[:SUBJECT_IN_FILE_NAME].rstrip("-")
        parts = [self.number_text or "du-thao", symbol, subject]
        return "-".join(part for part in parts if part)


class Delivery(models.Model):
    """An issued document sent to a unit through VSTB: it waits in the inbox of the unit's
    managers until one of them opens it."""

    document = models.ForeignKey(
        IssuedDocument, on_delete=models.CASCADE, related_name="deliveries"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="deliveries")
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "unit"], name="delivery_once_per_unit")
        ]
        indexes = [models.Index(fields=["unit", "read_at"], name="delivery_unit_read_idx")]

    def __str__(self) -> str:
        return f"{self.document} → {self.unit}"


class SignedCopy(models.Model):
    """The PDF of an issued document or report as the issuing body signed it digitally
    (Decree 30/2020/NĐ-CP, chapter II; decision 0025). It is what "Download PDF" gives once
    it exists; a signed document is never signed or changed again, only replaced."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    file = models.FileField(upload_to="signed/%Y/")
    sha256 = models.CharField(max_length=64)
    signer = models.CharField(_("certificate holder"), max_length=300)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("signed copy")
        verbose_name_plural = _("signed copies")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="signed_once_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signer} {self.signed_at:%d/%m/%Y}"
