"""Commendation (issue 16, item 2): at the year's end a unit's committee opens a round,
VSTB proposes collectives (lower units, member agencies) and individuals (committee members,
the unit's officers) from the year's evidence (evidence.py), the secretariat edits the
proposals and sends them up in a Tờ trình to the unit whose chair decides the form of award
(awards.py), that unit approves or refuses each, and issues the decision (QĐ khen thưởng);
its awards are kept on the collective's or person's history (`Award`).

    Proposal:   draft → sent → approved / refused
    Submission: sent (Tờ trình issued) → decided (QĐ issued)
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vstb.commendations.awards import BY_CODE, CHOICES
from vstb.issuing.models import IssuedDocument
from vstb.lib.search import Searchable
from vstb.lib.stamps import Stamped
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Membership, Unit


class Round(Versioned, Stamped):
    """A unit's committee's commendation round for one year."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="commendation_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    proposals_due = models.DateField(
        _("proposals sent by"),
        null=True,
        blank=True,
        help_text=_("The date by which the proposals go to the deciding unit."),
    )
    # Candidates the secretariat removed: a refresh of the evidence does not propose them again.
    removed_keys = models.JSONField(default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commendation round")
        verbose_name_plural = _("commendation rounds")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="commendation_round_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class Kind(models.TextChoices):
    UNIT = "unit", _("Lower unit")
    AGENCY = "agency", _("Member agency")
    MEMBER = "member", _("Committee member")
    OFFICER = "officer", _("Officer")


COLLECTIVE = [Kind.UNIT, Kind.AGENCY]


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SENT = "sent", _("Sent for decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class Submission(Stamped):
    """The proposals of a round that go to one deciding unit, in one Tờ trình."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    deciding_unit = models.ForeignKey(
        Unit, verbose_name=_("deciding unit"), on_delete=models.PROTECT, related_name="+"
    )
    award = models.CharField(_("form of award"), max_length=20, choices=CHOICES)
    proposal_document = models.OneToOneField(
        IssuedDocument, on_delete=models.PROTECT, related_name="commendation_submission"
    )
    sent = models.BooleanField(default=False, editable=False)
    decision = models.OneToOneField(
        IssuedDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendation_decided",
        editable=False,
    )
    decided = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("proposal sent for decision")
        verbose_name_plural = _("proposals sent for decision")
        ordering = ["round", "pk"]
        indexes = [
            # The deciding unit's inbox: submissions sent to it and not decided yet.
            models.Index(fields=["deciding_unit", "sent", "decided"], name="commend_sub_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.round} → {self.deciding_unit}"

    @property
    def award_form(self):
        return BY_CODE[self.award]

    @property
    def awaits_decision(self) -> bool:
        return self.sent and not self.decided


class Proposal(Versioned, Searchable, Stamped):
    """A collective or a person proposed for an award in a round, with the evidence why."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # An officer: a person holding a role at the unit. Only what the proposal needs is kept
    # (name, position, agency), copied here.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=250)
    position = models.CharField(_("position"), max_length=200, blank=True)
    agency_name = models.CharField(_("agency"), max_length=250, blank=True)
    award = models.CharField(_("form of award"), max_length=20, choices=CHOICES)
    reason = models.TextField(
        _("achievement"),
        help_text=_("What the collective or person is commended for, as the decision will say it."),
    )
    from_evidence = models.BooleanField(default=False, editable=False)
    score = models.IntegerField(default=0, editable=False)
    # Plain sentences (evidence.Evidence.sentences); frozen when the proposal is sent.
    evidence = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        editable=False,
    )
    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        editable=False,
    )
    decision_reason = models.TextField(_("reason"), blank=True, editable=False)

    class Meta:
        verbose_name = _("commendation proposal")
        verbose_name_plural = _("commendation proposals")
        ordering = ["round", "-score", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False)
                | Q(agency__isnull=False)
                | Q(membership__isnull=False)
                | Q(user__isnull=False),
                name="proposal_names_its_candidate",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def searchable_parts(self) -> list:
        return [self.name, self.position, self.agency_name, self.reason]

    @property
    def key(self) -> str:
        """The candidate it proposes: "unit:12", "agency:3", "member:7", "officer:5"."""
        target = {
            Kind.UNIT: self.unit_id,
            Kind.AGENCY: self.agency_id,
            Kind.MEMBER: self.membership_id,
            Kind.OFFICER: self.user_id,
        }[Kind(self.kind)]
        return f"{self.kind}:{target}"

    @property
    def is_collective(self) -> bool:
        return self.kind in COLLECTIVE

    @property
    def award_form(self):
        return BY_CODE[self.award]

    @property
    def is_draft(self) -> bool:
        return self.status == ProposalStatus.DRAFT

    # Transitions (STYLE.md: status is a state machine).

    def send(self, submission: Submission, evidence: list[str], score: int) -> None:
        """draft → sent, with the evidence as it stands that day."""
        if self.status != ProposalStatus.DRAFT:
            raise ValidationError(_("This proposal has already been sent."))
        self.status = ProposalStatus.SENT
        self.submission = submission
        if self.from_evidence or evidence:
            self.evidence, self.score = evidence, score
        self.save(update_fields=["status", "submission", "evidence", "score"])

    def decide(self, approve: bool, reason: str) -> None:
        """sent (or decided, while the decision is not issued) → approved or refused."""
        if self.status not in (
            ProposalStatus.SENT,
            ProposalStatus.APPROVED,
            ProposalStatus.REFUSED,
        ):
            raise ValidationError(
                _("Only a proposal sent for decision can be approved or refused.")
            )
        if not approve and not reason.strip():
            raise ValidationError(
                _("Write why the proposal is refused; the proposing committee is told.")
            )
        self.status = ProposalStatus.APPROVED if approve else ProposalStatus.REFUSED
        self.decision_reason = reason.strip()
        self.save(update_fields=["status", "decision_reason"])


class AwardQuerySet(models.QuerySet):
    def of_unit(self, unit: Unit) -> "AwardQuerySet":
        """What the unit page lists: awards to the unit, to its agencies and to its
        committee's members and officers proposed by it."""
        return self.filter(
            Q(unit=unit)
            | Q(agency__unit=unit)
            | Q(proposal__round__unit=unit, unit__isnull=True, agency__isnull=True)
        )


class Award(models.Model):
    """An award decided and issued: a line of the collective's or person's history."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="award_given")
    decision = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, related_name="+")
    award = models.CharField(_("form of award"), max_length=20, choices=CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    name = models.CharField(_("name"), max_length=250)
    reason = models.TextField(_("achievement"))

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "name"]
        indexes = [
            # The unit page's awards: by the awarded unit, its agencies, its members.
            models.Index(fields=["unit", "year"], name="award_unit_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_award_display()} {self.year}"
