"""Candidates in planning (quy hoạch) for leadership positions, per unit (issue 16, item 4).

A candidate is a person the unit's personnel planning names for a leadership position of
one of the unit's agencies (or its People's Committee) for a planning term (e.g. 2026–2031).
The committee follows the women among them: the training they attended (activities of kind
training) and their appointment; appointing one to a key position (lãnh đạo chủ chốt) also
records it in the register of key leadership positions (vstb/indicators), whose counts feed
the leadership indicators.

    in planning → appointed
    in planning → removed from planning

Personal data is limited to what the committee's work needs: name, sex, current job and
agency. No year of birth, no contact details: the age rules of planning are applied by the
personnel board that makes the planning, not by the committee that reviews its shares.
Who reads a candidate is in vstb/access/leaders.py (the secretariats only).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vstb.activities.models import Activity
from vstb.indicators.models import LeadershipPosition, LeadershipRank
from vstb.lib.search import Searchable
from vstb.lib.stamps import Stamped
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Sex, Unit

# A planning term is written as its two years ("2026–2031"); these bound what anyone types.
FIRST_TERM_YEAR, LAST_TERM_YEAR = 2000, 2100


class CandidateStatus(models.TextChoices):
    IN_PLANNING = "in_planning", _("In planning")
    APPOINTED = "appointed", _("Appointed")
    REMOVED = "removed", _("Removed from planning")


class CandidateQuerySet(models.QuerySet):
    def in_planning_during(self, year: int) -> "CandidateQuerySet":
        """Candidates still in planning whose term covers `year`."""
        return self.filter(
            status=CandidateStatus.IN_PLANNING, term_start__lte=year, term_end__gte=year
        )


class Candidate(Versioned, Stamped, Searchable):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="leader_candidates"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices)
    current_position = models.CharField(
        _("current position"), max_length=200, help_text=_("E.g. Phó Trưởng phòng.")
    )
    current_agency = models.ForeignKey(
        Agency,
        verbose_name=_("current agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The position planned: reuses the register's vocabulary (LeadershipPosition).
    planned_agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency of the planned position"),
        on_delete=models.PROTECT,
        related_name="leader_candidates",
        help_text=_("The state agency, or the People's Committee for the local government."),
    )
    planned_title = models.CharField(
        _("planned position"), max_length=200, help_text=_("E.g. Chủ tịch UBND.")
    )
    planned_rank = models.CharField(_("rank"), max_length=10, choices=LeadershipRank.choices)
    key_position = models.BooleanField(
        _("key leadership position"),
        default=True,
        help_text=_(
            "A key leadership position (lãnh đạo chủ chốt) is counted by the Strategy's target "
            "and recorded in the register when the candidate is appointed."
        ),
    )
    term_start = models.PositiveSmallIntegerField(_("planning term from"))
    term_end = models.PositiveSmallIntegerField(_("planning term to"))
    trainings = models.ManyToManyField(
        Activity, verbose_name=_("training attended"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CandidateStatus.choices,
        default=CandidateStatus.IN_PLANNING,
        editable=False,
    )
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True, editable=False)
    removed_on = models.DateField(_("removed on"), null=True, blank=True, editable=False)
    # The register's entry written at appointment to a key position.
    position = models.ForeignKey(
        LeadershipPosition,
        verbose_name=_("key leadership position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The committee proposes her for training and appointment (công tác cán bộ nữ): her
    # name goes into the review report; the others are counted, not named.
    proposed = models.BooleanField(_("proposed by the committee"), default=False, editable=False)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate in planning")
        verbose_name_plural = _("candidates in planning")
        ordering = ["full_name", "pk"]
        indexes = [
            # The list and the review: one unit's candidates (a subtree's through the unit's
            # path) of a term, by status.
            models.Index(fields=["unit", "status", "term_start"], name="candidate_unit_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")),
                name="candidate_term_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def searchable_parts(self) -> list[object]:
        # By name only: the list is the secretariat's, and it looks people up by name.
        return [self.full_name]

    @property
    def term(self) -> str:
        return f"{self.term_start}–{self.term_end}"

    @property
    def is_woman(self) -> bool:
        return self.sex == Sex.FEMALE

    @property
    def in_planning(self) -> bool:
        return self.status == CandidateStatus.IN_PLANNING

    def clean(self) -> None:
        errors = {}
        for name in ("term_start", "term_end"):
            value = getattr(self, name)
            if value is not None and not FIRST_TERM_YEAR <= value <= LAST_TERM_YEAR:
                errors[name] = _("Type a year between 2000 and 2100, e.g. 2026.")
        if (
            "term_end" not in errors
            and self.term_start
            and self.term_end
            and self.term_end <= self.term_start
        ):
            errors["term_end"] = _(
                "The planning term ends after it starts: type e.g. 2026 and 2031."
            )
        for name in ("planned_agency", "current_agency"):
            agency = getattr(self, name, None) if getattr(self, f"{name}_id") else None
            if agency is not None and self.unit_id and agency.unit_id != self.unit_id:
                errors[name] = _("Choose an agency of this unit.")
        if errors:
            raise ValidationError(errors)

    # Transitions (STYLE.md: "status is a state machine"); services call them.

    def appoint(self, on: date, position: LeadershipPosition | None) -> None:
        """in planning → appointed."""
        if self.status != CandidateStatus.IN_PLANNING:
            raise ValidationError(_("Only a candidate still in planning can be appointed."))
        self.status = CandidateStatus.APPOINTED
        self.appointed_on = on
        self.position = position
        self.version += 1
        self.save(update_fields=["status", "appointed_on", "position", "version"])

    def remove_from_planning(self, on: date) -> None:
        """in planning → removed from planning."""
        if self.status != CandidateStatus.IN_PLANNING:
            raise ValidationError(
                _("Only a candidate still in planning can be removed from planning.")
            )
        self.status = CandidateStatus.REMOVED
        self.removed_on = on
        self.version += 1
        self.save(update_fields=["status", "removed_on", "version"])


class CandidateImport(models.Model):
    """One imported workbook of candidates: the same file is not imported twice."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    candidates = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "digest"], name="candidate_import_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.digest[:8]}"
