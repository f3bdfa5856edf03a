"""Inspection and supervision (kiểm tra, giám sát) of the plan's implementation (issue 16).

A committee plans its inspections for a period: the criteria it checks, the targets (its
member agencies and its lower units, suggested from data: suggestions.py) each with a planned
visit date, and the team of committee members. The plan is issued as a Decree 30 plan (KH)
with the decision establishing the team (QĐ thành lập đoàn kiểm tra). Each target gets one
visit: findings per criterion, evidence files, and recommendations to the inspected unit or
agency, issued as a notice of conclusions (TB kết luận). Recommendations are then followed
until the team accepts what the addressee did.

    plan:            draft → issued → closed
    recommendation:  (waiting for the conclusions) → open → reported → accepted
                                                      ↑        ↓
                                                      └─ returned
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vstb.issuing.models import IssuedDocument
from vstb.lib.search import Searchable, SearchableQuerySet
from vstb.lib.stamps import Stamped
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Membership, Unit


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    CLOSED = "closed", _("Closed")


class Result(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class TeamRole(models.TextChoices):
    HEAD = "head", _("Head of the team")
    MEMBER = "member", _("Member")


class RecommendationStatus(models.TextChoices):
    # Written during the visit, not yet binding: the conclusions have not been issued.
    PENDING = "pending", _("Awaiting the conclusions")
    OPEN = "open", _("Open")
    REPORTED = "reported", _("Reported")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


# The addressee must act on these; the team must review REPORTED.
TO_ACT = [RecommendationStatus.OPEN, RecommendationStatus.RETURNED]
NOT_DONE = [
    RecommendationStatus.OPEN,
    RecommendationStatus.REPORTED,
    RecommendationStatus.RETURNED,
]

# What committees usually check, drawn from the duties the seeds give member agencies and
# lower units (plan issued, reports on time, tasks done, data by sex, committee kept
# complete). Editable defaults offered with a new plan: not a list from any regulation.
DEFAULT_CRITERIA = [
    "Ban hành kế hoạch hoạt động vì sự tiến bộ của phụ nữ năm đúng thời hạn",
    "Gửi báo cáo 6 tháng, báo cáo năm đúng thời hạn",
    "Thực hiện các nhiệm vụ được giao trong kế hoạch",
    "Thu thập, cập nhật số liệu phân tách theo giới tính",
    "Kiện toàn Ban vì sự tiến bộ của phụ nữ khi có thay đổi nhân sự",
]


class InspectionPlan(Versioned, Searchable, Stamped):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="inspection_plans"
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("E.g. Kiểm tra việc thực hiện công tác vì sự tiến bộ của phụ nữ năm 2026."),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    purpose = models.TextField(
        _("purposes and requirements"),
        blank=True,
        help_text=_("Written into section I of the plan; leave empty for the usual wording."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
        editable=False,
    )
    plan_document = models.ForeignKey(
        IssuedDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    team_decision = models.ForeignKey(
        IssuedDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-period_start", "-pk"]
        indexes = [
            # The unit's list of inspection plans and results_for(unit, year).
            models.Index(fields=["unit", "period_start"], name="inspection_unit_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="inspection_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def searchable_parts(self) -> list:
        return [self.title, self.unit.name, self.period_start.year if self.period_start else None]

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The end of the period comes before its start. Check both dates.")}
            )

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_closed(self) -> bool:
        return self.status == PlanStatus.CLOSED

    # Transitions (STYLE.md, "status is a state machine").

    def plan_issued(self, document: IssuedDocument) -> None:
        """draft → issued when the plan (KH) is issued; a replacing plan is linked instead."""
        if self.status == PlanStatus.CLOSED:
            raise ValidationError(_("This inspection plan is closed."))
        self.status = PlanStatus.ISSUED
        self.plan_document = document
        self.save(update_fields=["status", "plan_document"])

    def team_established(self, document: IssuedDocument) -> None:
        self.team_decision = document
        self.save(update_fields=["team_decision"])

    def close(self) -> None:
        """issued → closed, when every recommendation is accepted."""
        if self.status != PlanStatus.ISSUED:
            raise ValidationError(_("Only an issued inspection plan can be closed."))
        self.status = PlanStatus.CLOSED
        self.save(update_fields=["status"])


class Criterion(models.Model):
    """One point the team checks at every target, in the plan's order."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("criterion"), max_length=300)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Target(models.Model):
    """A member agency of the committee's unit or a lower unit, to be visited on a date.
    `reasons` keeps the suggestion's sentences as they were when the committee chose it."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("lower unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_targets",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("member agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_targets",
    )
    planned_on = models.DateField(_("planned visit date"))
    reasons = models.JSONField(_("why it was suggested"), default=list, blank=True)

    class Meta:
        verbose_name = _("inspection target")
        verbose_name_plural = _("inspection targets")
        ordering = ["plan", "planned_on", "pk"]
        indexes = [
            # suggestions: the last visit of each unit and agency.
            models.Index(fields=["unit", "planned_on"], name="target_unit_planned_idx"),
            models.Index(fields=["agency", "planned_on"], name="target_agency_planned_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=True, agency__isnull=False)
                | Q(unit__isnull=False, agency__isnull=True),
                name="target_is_a_unit_or_an_agency",
            ),
            models.UniqueConstraint(fields=["plan", "unit"], name="target_unit_once_per_plan"),
            models.UniqueConstraint(fields=["plan", "agency"], name="target_agency_once_per_plan"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.agency.name if self.agency_id else self.unit.name  # type: ignore[union-attr]

    @property
    def key(self) -> tuple[str, int]:
        return ("agency", self.agency_id) if self.agency_id else ("unit", self.unit_id)  # type: ignore[return-value]


class TeamMember(models.Model):
    """A committee member on the inspection team; the focal points of the member's agency
    work as the team in VSTB (access/inspections.py)."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="team")
    membership = models.ForeignKey(
        Membership, verbose_name=_("committee member"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=8, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["plan", "-role", "pk"]  # "member" > "head": the head first
        constraints = [
            models.UniqueConstraint(fields=["plan", "membership"], name="team_member_once"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(role="head"), name="team_has_one_head"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.full_name} ({self.get_role_display()})"


class Visit(Versioned, Stamped):
    """The visit to one target: when it took place, what was found, the conclusions."""

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="visit")
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    summary = models.TextField(
        _("general assessment"),
        blank=True,
        help_text=_("Written into the notice of conclusions before the findings."),
    )
    conclusions = models.ForeignKey(
        IssuedDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("inspection visit")
        verbose_name_plural = _("inspection visits")
        ordering = ["target__planned_on", "pk"]
        indexes = [
            # The calendar and suggestions: visits by date.
            models.Index(fields=["visited_on"], name="visit_visited_on_idx"),
        ]

    def __str__(self) -> str:
        return str(self.target)

    @property
    def day(self) -> date:
        return self.visited_on or self.target.planned_on


class Finding(models.Model):
    """What the team found at one target against one criterion."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="findings")
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["visit", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "criterion"], name="finding_once_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_result_display()}"


def _file_path(folder: str, unit_id: int | None, filename: str) -> str:
    # Stored under MEDIA_ROOT, outside the web root; served only by an access-checked view.
    # The name is ours: the extension follows the upload, the rest is random.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"inspections/{unit_id}/{folder}/{uuid.uuid4().hex}.{extension}"


def finding_evidence_path(instance: "FindingEvidence", filename: str) -> str:
    return _file_path("findings", instance.finding.visit.target.plan.unit_id, filename)


def response_evidence_path(instance: "ResponseEvidence", filename: str) -> str:
    unit_id = instance.response.recommendation.visit.target.plan.unit_id
    return _file_path("responses", unit_id, filename)


class EvidenceFile(models.Model):
    file = models.FileField(max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class FindingEvidence(EvidenceFile):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=finding_evidence_path, max_length=300)

    class Meta(EvidenceFile.Meta):
        verbose_name = _("evidence of a finding")
        verbose_name_plural = _("evidence of findings")


class Recommendation(Versioned, Searchable, Stamped):
    """What the team asks the inspected unit or agency to do, by a deadline."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="recommendations")
    order = models.PositiveSmallIntegerField(default=0, editable=False)
    text = models.TextField(_("recommendation"))
    # The inspected unit or agency by default; another unit or agency when the team asks it.
    addressee_unit = models.ForeignKey(
        Unit,
        verbose_name=_("addressed to (unit)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_recommendations",
    )
    addressee_agency = models.ForeignKey(
        Agency,
        verbose_name=_("addressed to (agency)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_recommendations",
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.PENDING,
        editable=False,
    )
    return_reason = models.TextField(_("reason for returning"), blank=True, editable=False)

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["visit", "order", "pk"]
        indexes = [
            # Reminders and the inbox: recommendations to act on by deadline.
            models.Index(fields=["status", "deadline"], name="recommendation_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(addressee_unit__isnull=True, addressee_agency__isnull=False)
                | Q(addressee_unit__isnull=False, addressee_agency__isnull=True),
                name="recommendation_has_one_addressee",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def searchable_parts(self) -> list:
        return [self.text, self.addressee_name, self.visit.target.name]

    @property
    def addressee_name(self) -> str:
        if self.addressee_agency_id:
            return self.addressee_agency.name  # type: ignore[union-attr]
        return self.addressee_unit.name  # type: ignore[union-attr]

    @property
    def addressee_key(self) -> tuple[str, int]:
        if self.addressee_agency_id:
            return ("agency", self.addressee_agency_id)
        return ("unit", self.addressee_unit_id)  # type: ignore[return-value]

    @property
    def awaits_team(self) -> bool:
        return self.status == RecommendationStatus.REPORTED

    # Transitions (STYLE.md, "status is a state machine"); services call them in their
    # transaction and notify.

    def open(self) -> None:
        """pending → open, when the conclusions are issued."""
        if self.status == RecommendationStatus.PENDING:
            self.status = RecommendationStatus.OPEN
            self.save(update_fields=["status"])

    def report(self) -> None:
        """open or returned → reported, when the addressee says what it did."""
        if self.status not in TO_ACT:
            raise ValidationError(_("This recommendation is not waiting for a report."))
        self.status = RecommendationStatus.REPORTED
        self.save(update_fields=["status"])

    def accept(self) -> None:
        """reported → accepted: done."""
        if self.status != RecommendationStatus.REPORTED:
            raise ValidationError(_("Only a reported recommendation can be accepted."))
        self.status = RecommendationStatus.ACCEPTED
        self.return_reason = ""
        self.save(update_fields=["status", "return_reason"])

    def send_back(self, reason: str) -> None:
        """reported → returned, with the reason: the addressee reports again."""
        if self.status != RecommendationStatus.REPORTED:
            raise ValidationError(_("Only a reported recommendation can be returned."))
        if not reason.strip():
            raise ValidationError(
                _("Say why the report is returned, so the addressee knows what to do.")
            )
        self.status = RecommendationStatus.RETURNED
        self.return_reason = reason.strip()
        self.save(update_fields=["status", "return_reason"])


class Response(models.Model):
    """The addressee's report on a recommendation: what it did; and the team's answer."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responses"
    )
    text = models.TextField(_("what was done"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report on a recommendation")
        verbose_name_plural = _("reports on recommendations")
        ordering = ["recommendation", "reported_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ResponseEvidence(EvidenceFile):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=response_evidence_path, max_length=300)

    class Meta(EvidenceFile.Meta):
        verbose_name = _("evidence of a report")
        verbose_name_plural = _("evidence of reports")
