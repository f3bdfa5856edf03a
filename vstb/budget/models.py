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
from django.db import models
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


STALE_ESTIMATE = _(
    "Someone changed this estimate while you were looking at it. Check its lines below, then "
    "approve it again."
)


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
