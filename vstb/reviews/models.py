"""Gender review of draft legal documents (issue 17, item 6).

A drafting agency sends the committee a draft (a People's Council resolution, a decision, a
plan) and a date for opinions. The committee's reviewer (its secretariat, or a member agency
such as the justice division) answers the checklist (criteria.py), writes findings article
by article, and the committee issues its opinion as an official letter (vstb/issuing). When
the adopted text comes back, the review records how far the opinion was taken up, overall
and finding by finding; reports count them (services.reviews_in_period).

    received → in review → opinion issued → outcome recorded
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vstb.issuing.models import IssuedDocument
from vstb.lib.stamps import Stamped
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Unit
from vstb.reviews.criteria import CODES, Answer


class DraftKind(models.TextChoices):
    COUNCIL_RESOLUTION = "council_resolution", _("Resolution of the People's Council")
    DECISION = "decision", _("Decision")
    PLAN = "plan", _("Plan")
    OTHER = "other", _("Other document")


# The draft as named in the letter ("dự thảo Nghị quyết …"): the kind's word is part of the
# title the reviewer types, so only a title typed without it gets one.
KIND_WORD = {
    DraftKind.COUNCIL_RESOLUTION: "Nghị quyết",
    DraftKind.DECISION: "Quyết định",
    DraftKind.PLAN: "Kế hoạch",
}


class ReviewStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("In review")
    OPINION_ISSUED = "opinion_issued", _("Opinion issued")
    OUTCOME_RECORDED = "outcome_recorded", _("Outcome recorded")


class Outcome(models.TextChoices):
    TAKEN_UP = "taken_up", _("Taken up")
    PARTLY = "partly", _("Partly taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


# While the review is open its checklist and findings change; once the opinion is issued
# they are what the letter said.
OPEN = [ReviewStatus.RECEIVED, ReviewStatus.IN_REVIEW]
ANSWERED = [ReviewStatus.OPINION_ISSUED, ReviewStatus.OUTCOME_RECORDED]


def draft_path(instance: "DraftReview", filename: str) -> str:
    # Stored under MEDIA_ROOT, outside the web root; served only by an access-checked view.
    # The name is ours: the extension follows the content, never the upload's name.
    extension = filename.rsplit(".", 1)[-1]
    return f"reviews/{instance.unit_id}/{uuid.uuid4().hex}.{extension}"


class DraftReviewQuerySet(models.QuerySet):
    def open(self) -> "DraftReviewQuerySet":
        return self.filter(status__in=OPEN)


class DraftReview(Versioned, Stamped):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="draft_reviews"
    )
    # An agency of the unit or of a unit above it (a provincial department drafting a
    # provincial resolution asks the communes too); or, for a body not in VSTB, its name.
    drafting_agency = models.ForeignKey(
        Agency,
        verbose_name=_("drafting agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="draft_reviews",
    )
    drafting_body = models.CharField(
        _("drafting body not in VSTB"),
        max_length=200,
        blank=True,
        help_text=_("Only when the drafting agency is not in the list."),
    )
    draft_kind = models.CharField(_("kind of draft"), max_length=24, choices=DraftKind.choices)
    draft_title = models.CharField(
        _("title of the draft"),
        max_length=500,
        help_text=_(
            "As the draft names itself, e.g. Nghị quyết quy định chính sách hỗ trợ phụ nữ khởi nghiệp."
        ),
    )
    received_on = models.DateField(_("received on"))
    opinion_due = models.DateField(_("opinions due by"), null=True, blank=True)
    draft_file = models.FileField(upload_to=draft_path, max_length=300)
    draft_file_name = models.CharField(max_length=255)
    draft_content_type = models.CharField(max_length=100)
    draft_size = models.PositiveIntegerField()
    # The member agency doing the review (its focal points read and write it); none: the
    # committee's secretariat.
    reviewer_agency = models.ForeignKey(
        Agency,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty when the secretariat reviews the draft itself."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.RECEIVED,
        editable=False,
    )
    opinion = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("opinion letter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    adopted_reference = models.CharField(
        _("adopted text"),
        max_length=300,
        blank=True,
        help_text=_("Its number and symbol, e.g. Nghị quyết số 12/2026/NQ-HĐND."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DraftReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("gender review of a draft")
        verbose_name_plural = _("gender reviews of drafts")
        ordering = ["-received_on", "-pk"]
        indexes = [
            # The reviews list and reviews_in_period: one unit's reviews by date received.
            models.Index(fields=["unit", "received_on"], name="review_unit_received_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(drafting_agency__isnull=True, drafting_body=""),
                name="review_names_its_drafting_body",
            )
        ]

    def __str__(self) -> str:
        return self.draft_name

    def clean(self) -> None:
        errors = {}
        if self.drafting_agency_id is None and not self.drafting_body.strip():
            errors["drafting_agency"] = _(
                "Choose the drafting agency, or type its name when it is not in the list."
            )
        if (
            self.unit_id
            and self.reviewer_agency_id
            and self.reviewer_agency.unit_id != self.unit_id
        ):
            errors["reviewer_agency"] = _("Choose an agency of this unit as the reviewer.")
        if (
            self.unit_id
            and self.drafting_agency_id
            and self.drafting_agency.unit_id not in [self.unit_id, *self.unit.ancestor_ids]
        ):
            errors["drafting_agency"] = _(
                "Choose an agency of this unit or of a unit above it as the drafting agency."
            )
        if self.received_on and self.opinion_due and self.opinion_due < self.received_on:
            errors["opinion_due"] = _(
                "The date opinions are due comes before the date the draft was received. Check both dates."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def drafting_name(self) -> str:
        """Who drafted it, as the letter's "Kính gửi" names it."""
        return self.drafting_agency.name if self.drafting_agency_id else self.drafting_body

    @property
    def draft_name(self) -> str:
        """ "dự thảo Nghị quyết quy định …" with the kind's word when the title lacks it."""
        title = self.draft_title.strip()
        word = KIND_WORD.get(DraftKind(self.draft_kind)) if self.draft_kind else None
        if word and not title.lower().startswith(word.lower()):
            title = f"{word} {title[:1].lower()}{title[1:]}"
        return f"dự thảo {title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def has_opinion_issued(self) -> bool:
        return self.status in ANSWERED

    # Transitions (docs: STYLE.md, "status is a state machine"). Each names the states it
    # starts from; services call them inside their transaction.

    def start_review(self) -> None:
        """received → in review, when the first answer or finding is saved."""
        if self.status == ReviewStatus.RECEIVED:
            self.status = ReviewStatus.IN_REVIEW
            self.save(update_fields=["status"])

    def opinion_issued(self, document: IssuedDocument) -> None:
        """received or in review → opinion issued; a replacing letter is linked instead of the
        one it replaces, whatever the review's state."""
        if self.status in OPEN or (self.status in ANSWERED and self.opinion_id != document.pk):
            if self.status in OPEN:
                self.status = ReviewStatus.OPINION_ISSUED
            self.opinion = document
            self.save(update_fields=["status", "opinion"])
            return
        raise ValidationError(_("This review's opinion has already been issued."))

    def record_outcome(self, outcome: str, reference: str, adopted_on) -> None:
        """opinion issued (or outcome recorded, to correct it) → outcome recorded."""
        if self.status not in ANSWERED:
            raise ValidationError(
                _(
                    "Issue the opinion letter first; the outcome is recorded when the adopted text comes back."
                )
            )
        self.status = ReviewStatus.OUTCOME_RECORDED
        self.outcome = outcome
        self.adopted_reference = reference
        self.adopted_on = adopted_on
        self.save(update_fields=["status", "outcome", "adopted_reference", "adopted_on"])


class CriterionAnswer(models.Model):
    """The reviewer's answer to one question of the checklist (criteria.py)."""

    review = models.ForeignKey(DraftReview, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(_("criterion"), max_length=40, choices=CODES)
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="one_answer_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.answer}"


class Finding(Versioned, Stamped):
    """What the reviewer found in one article or clause of the draft, and what they ask."""

    review = models.ForeignKey(DraftReview, on_delete=models.CASCADE, related_name="findings")
    order = models.PositiveSmallIntegerField(default=0, editable=False)
    reference = models.CharField(
        _("article or clause"),
        max_length=120,
        help_text=_("E.g. Điều 5, khoản 2; leave empty for the draft as a whole."),
        blank=True,
    )
    finding = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"), blank=True)
    # Follow-up: how the adopted text took this finding up.
    taken_up = models.CharField(
        _("taken up in the adopted text"), max_length=16, choices=Outcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["review", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.finding[:60]}" if self.reference else self.finding[:60]
