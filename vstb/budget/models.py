"""A plan's funding: its estimate (dự toán), the estimate's lines, and the activities whose
cost is spent against a line (issue 16, item 3).

    Estimate (one per plan, draft → approved)
      └ EstimateLine: activity group (a section of the plan), budget item (items.py),
        source, amount in VND
          └ Allocation: an activity (vstb/activities) whose `cost` is spent on the line

Activities sit below this app, so the link is ours (Allocation, one per activity), not a
field on Activity. Spending is never stored: it is the sum of the linked activities' costs
(services.ledger), so it follows every change of a cost.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.activities.models import Activity
from vstb.budget.items import CHOICES, item_name
from vstb.lib.stamps import Stamped
from vstb.lib.versioning import Versioned
from vstb.plans.models import Plan, Section


class Source(models.TextChoices):
    """Where the money comes from. Luật Bình đẳng giới 2006 Điều 24 and Thông tư
    191/2009/TT-BTC Điều 2: the state budget, voluntary contributions and other lawful
    sources; the state budget at the level that spends it (district level: plans before the
    two-tier reform of 1/7/2025)."""

    CENTRAL = "central", _("Central budget")
    PROVINCE = "province", _("Provincial budget")
    DISTRICT = "district", _("District budget")
    COMMUNE = "commune", _("Commune budget")
    MOBILISED = "mobilised", _("Mobilised contributions (xã hội hóa)")
    PROGRAMME = "programme", _("Programmes and projects")


# Words of the documents (plan, report), which are Vietnamese whatever the reader's language.
SOURCE_WORDS = {
    Source.CENTRAL: "ngân sách trung ương",
    Source.PROVINCE: "ngân sách tỉnh",
    Source.DISTRICT: "ngân sách huyện",
    Source.COMMUNE: "ngân sách xã",
    Source.MOBILISED: "xã hội hóa",
    Source.PROGRAMME: "chương trình, dự án",
}


# Far above any plan's money (a thousand billion đồng), far below what the column holds: a
# mistyped amount is refused with a sentence, not by the database.
MAX_AMOUNT = 10**15
TOO_LARGE = _("This amount is too large. Check the number of zeros.")


class EstimateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Estimate(Versioned, Stamped):
    plan = models.OneToOneField(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="estimate"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EstimateStatus.choices, default=EstimateStatus.DRAFT
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The unit's managers are told once, the first time spending passes the whole estimate.
    overspend_told = models.BooleanField(default=False, editable=False)
    # The paragraphs the issued plan's funding part stated when the estimate was first
    # reopened (services.reopen): an issued plan's text stays as issued whatever the estimate
    # becomes. None: never reopened after issue, the part follows the approved estimate.
    issued_funding = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("estimate")

    def __str__(self) -> str:
        return f"Dự toán – {self.plan}"

    @property
    def is_draft(self) -> bool:
        return self.status == EstimateStatus.DRAFT

    def approve(self, version: int, by=None) -> None:
        """Draft → approved, from the version the person saw; its lines are then fixed (the
        figures the plan's funding part states)."""
        if self.status != EstimateStatus.DRAFT:
            raise ValidationError(_("This estimate has already been approved."))
        if not self.lines.exists():
            raise ValidationError(_("Add at least one line to the estimate before approving it."))
        claimed = Estimate.objects.filter(
            pk=self.pk, version=version, status=EstimateStatus.DRAFT
        ).update(
            status=EstimateStatus.APPROVED,
            approved_on=timezone.localdate(),
            approved_by=by,
            version=models.F("version") + 1,
            updated_at=timezone.now(),
        )
        if not claimed:
            raise ValidationError(STALE_ESTIMATE)
        self.refresh_from_db()

    def reopen(
        self, version: int, reason: str, by=None, issued_funding: list[str] | None = None
    ) -> "EstimateReopening":
        """Approved → draft, from the version the person saw, with why (a unit revises its
        estimate after a budget revision); its lines can then be changed and approved again.
        `issued_funding`: what the issued plan's funding part states now, kept so that the
        plan's text stays as issued (services.reopen)."""
        if self.status != EstimateStatus.APPROVED:
            raise ValidationError(_("This estimate is a draft already: its lines can be changed."))
        kept = {"issued_funding": issued_funding} if issued_funding is not None else {}
        with transaction.atomic():
            claimed = Estimate.objects.filter(
                pk=self.pk, version=version, status=EstimateStatus.APPROVED
            ).update(
                status=EstimateStatus.DRAFT,
                approved_on=None,
                approved_by=None,
                version=models.F("version") + 1,
                updated_at=timezone.now(),
                **kept,
            )
            if not claimed:
                raise ValidationError(STALE_REOPEN)
            reopening = EstimateReopening.objects.create(
                estimate=self, reason=reason, reopened_by=by, approved_on=self.approved_on
            )
        self.refresh_from_db()
        return reopening


STALE_ESTIMATE = _(
    "Someone changed this estimate while you were looking at it. Check its lines below, then "
    "approve it again."
)
STALE_REOPEN = _(
    "Someone changed this estimate while you were looking at it. Check it below, then reopen "
    "it again if it is still needed."
)


class EstimateReopening(models.Model):
    """An approved estimate sent back to draft, with why: a unit revises its estimate mid-year
    after a budget revision. The approval it undid is kept here, as the estimate's own
    approval fields are cleared."""

    estimate = models.ForeignKey(Estimate, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField(_("reason"))
    reopened_at = models.DateTimeField(_("reopened at"), default=timezone.now)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    # The estimate page lists an estimate's reopenings: `estimate` is a foreign key (indexed).

    class Meta:
        ordering = ["reopened_at", "pk"]
        verbose_name = _("reopening of an estimate")

    def __str__(self) -> str:
        return f"{self.estimate} – {self.reopened_at:%d/%m/%Y}"


class EstimateLine(Versioned, Stamped):
    estimate = models.ForeignKey(Estimate, on_delete=models.CASCADE, related_name="lines")
    # The activity group: a part of the plan's body (its tasks' section or their heading).
    section = models.ForeignKey(
        Section,
        verbose_name=_("activity group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item = models.CharField(_("budget item"), max_length=4, choices=CHOICES)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    description = models.CharField(_("content"), max_length=300, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    order = models.PositiveIntegerField(default=0)
    # Told once, the first time spending on the line passes its amount.
    overspend_told = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["estimate", "order", "pk"]
        verbose_name = _("estimate line")

    def __str__(self) -> str:
        return self.description or item_name(self.item)

    @property
    def item_label(self) -> str:
        return item_name(self.item)


class Allocation(models.Model):
    """An activity's cost spent on an estimate line."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="allocation")
    # A line with activities is not removed by hand (services.delete_line); with its plan,
    # the links go too, never the activities.
    line = models.ForeignKey(EstimateLine, on_delete=models.CASCADE, related_name="allocations")
    linked_at = models.DateTimeField(auto_now_add=True)

    # services.ledger reads an estimate's allocations through `line` (a foreign key: indexed).

    def __str__(self) -> str:
        return f"{self.activity} → {self.line}"
