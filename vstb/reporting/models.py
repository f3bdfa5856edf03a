"""Reporting: what a unit requires from those below it, the reports, their review, and the
compilation upward.

One requirement serves the whole chain below the unit that sets it: each unit reports to
its parent (wards to the district by 25/5, the district to the city by 05/6), each
compiling unit's member agencies report to it when the requirement asks for agencies, and
a unit's compiled report is its own submission for the same requirement.
"""

import json
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.lib.search import Searchable
from vstb.lib.stamps import Stamped
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Level, Unit
from vstb.reporting.periods import PeriodRule, cutoff_window


class RequirementKind(models.TextChoices):
    SIX_MONTH_REVIEW = "six_month", _("6-month review (sơ kết)")
    ANNUAL_REVIEW = "annual", _("Annual review (tổng kết)")
    ACTION_MONTH = "action_month", _("Action-month report")
    AD_HOC = "ad_hoc", _("Ad hoc report")


class PeriodRuleChoice(models.TextChoices):
    SIX_MONTH = PeriodRule.SIX_MONTH, _("6 months: 15/12 of the previous year – 14/6")
    NINE_MONTH = PeriodRule.NINE_MONTH, _("9 months: 15/12 of the previous year – 14/9")
    ANNUAL = PeriodRule.ANNUAL, _("Year: 15/12 of the previous year – 14/12")
    QUARTERLY = (
        PeriodRule.QUARTERLY,
        _("Quarter: from the 15th of the month before to the 14th of its last month"),
    )
    CUSTOM = PeriodRule.CUSTOM, _("Custom dates")


class Reporters(models.TextChoices):
    LOWER_UNITS = "units", _("Lower units")
    AGENCIES = "agencies", _("Member agencies")
    BOTH = "both", _("Lower units and member agencies")


class Requirement(Versioned, Searchable, Stamped):
    unit = models.ForeignKey(
        Unit, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="requirements"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=RequirementKind.choices)
    period_rule = models.CharField(_("period"), max_length=12, choices=PeriodRuleChoice.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    # Computed by clean() from the period rule (Decree 09/2019 art. 12), entered for a custom one.
    window_start = models.DateField(_("data from"), blank=True)
    window_end = models.DateField(_("data to"), blank=True)
    reporters = models.CharField(
        _("who reports"), max_length=10, choices=Reporters.choices, default=Reporters.BOTH
    )
    # Due date per level of the reporter, as {"2": "2025-06-05", "3": "2025-05-25"}; "agency"
    # for member agencies.
    due_dates = models.JSONField(_("due dates"), default=dict)
    source_plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requirements",
        help_text=_("The plan whose deadline created this requirement."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporting requirement")
        verbose_name_plural = _("reporting requirements")
        ordering = ["-year", "-window_end", "title"]

    def __str__(self) -> str:
        return self.title

    def searchable_parts(self) -> list:
        return [self.title]

    def clean(self) -> None:
        if self.period_rule != PeriodRule.CUSTOM and self.year:
            try:
                self.window_start, self.window_end = cutoff_window(
                    self.period_rule, self.year, self.quarter
                )
            except ValueError:
                raise ValidationError({"quarter": _("Choose the quarter, from 1 to 4.")}) from None
        if not self.window_start or not self.window_end:
            raise ValidationError(
                {"window_start": _("Enter the first and last day of the data window.")}
            )
        if self.window_end < self.window_start:
            raise ValidationError(
                {"window_end": _("The data window ends before it starts. Check the two dates.")}
            )

    def due_date_warnings(self) -> list[str]:
        """Due dates before the end of the data window, as sentences for the user.

        Decree 09/2019/NĐ-CP, art. 12 cuts a periodic report's data off on the window's last
        day (14/6 for the 6-month report), so a report due earlier cannot cover the window's
        last days. Warned, not refused: the chain this app serves sets lower levels' dates before
        it so that each level above can compile in time (docs/decisions/0007: wards to the
        district by 25/5, the district to the city by 05/6); the user is told what those
        reports will miss and decides."""
        if not self.window_end:
            return []
        warnings = []
        for key in sorted(self.due_dates or {}):
            due = self.due_for(None if key == "agency" else int(key))
            if due and due < self.window_end:
                who = _("Member agencies") if key == "agency" else Level(int(key)).label
                warnings.append(
                    _(
                        "The due date %(due)s (%(who)s) comes before the data cut-off on "
                        "%(end)s (Decree 09/2019/NĐ-CP, art. 12): those reports will not cover "
                        "the days after %(due)s. If that is not intended, choose a due date "
                        "after %(end)s or custom dates for the data window."
                    )
                    % {"who": who, "due": f"{due:%d/%m/%Y}", "end": f"{self.window_end:%d/%m/%Y}"}
                )
        return warnings

    def due_for(self, reporter_level: int | None) -> date | None:
        """The due date of a unit at `reporter_level`, or of an agency (None)."""
        value = self.due_dates.get("agency" if reporter_level is None else str(reporter_level))
        return date.fromisoformat(value) if value else None

    def includes_units(self) -> bool:
        return self.reporters in (Reporters.LOWER_UNITS, Reporters.BOTH)

    def includes_agencies(self) -> bool:
        return self.reporters in (Reporters.AGENCIES, Reporters.BOTH)

    def expected_units(self, receiver: Unit):
        """Lower units expected to report to `receiver`: those existing during the window.

        A unit that ceased before the window began (merged communes) is no longer expected.
        """
        if not self.includes_units():
            return Unit.objects.none()
        return Unit.objects.filter(parent=receiver).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=self.window_start),
            Q(valid_from__isnull=True) | Q(valid_from__lte=self.window_end),
        )

    def expected_agencies(self, receiver: Unit):
        if not self.includes_agencies():
            return Agency.objects.none()
        return Agency.objects.filter(unit=receiver, active=True).exclude(kind="ubnd_cap_duoi")


class Figure(models.Model):
    """One figure of a requirement's template, by sex where that applies."""

    class Source(models.TextChoices):
        NONE = "", _("Entered by hand")
        ACTIVITIES_BY_KIND = "activities", _("Number of activities of a type")
        PARTICIPANTS_BY_KIND = "participants", _("Participants in activities of a type")
        OUTPUTS = "outputs", _("Communication outputs")
        # Counted from the case register (vstb/cases/statistics.py): anonymised, consented.
        CASES_DETECTED = "cases_detected", _("Victims of violence detected (case register)")
        CASES_SUPPORTED = "cases_supported", _("Victims of violence supported (case register)")
        TRAFFICKING_DETECTED = (
            "trafficking_detected",
            _("Victims of trafficking detected (case register)"),
        )
        TRAFFICKING_SUPPORTED = (
            "trafficking_supported",
            _("Victims of trafficking supported (case register)"),
        )
        # Counted from the gender reviews of draft legal documents (vstb/reviews).
        DRAFTS_REVIEWED = "drafts_reviewed", _("Draft legal documents received for review")
        OPINIONS_ISSUED = "opinions_issued", _("Opinions on drafts issued")
        OPINIONS_TAKEN_UP = "opinions_taken_up", _("Opinions taken up in the adopted texts")

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="figures")
    order = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("code"), max_length=30)
    label = models.CharField(_("label"), max_length=300)
    by_sex = models.BooleanField(_("by sex"), default=False)
    required = models.BooleanField(_("required"), default=True)
    source = models.CharField(
        _("pre-filled from"), max_length=24, choices=Source.choices, blank=True
    )
    source_kind = models.CharField(_("activity type"), max_length=20, blank=True)
    # An accepted report's figure becomes the reporting unit's indicator figure
    # (reporting.services.accept_report): the Strategy's data without typing it twice.
    element = models.ForeignKey(
        "indicators.DataElement",
        verbose_name=_("indicator figure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_figures",
        help_text=_(
            "When a unit's own 6-month or annual report is accepted, this figure is written "
            "into its indicator figures for the year."
        ),
    )

    class Meta:
        ordering = ["requirement", "order"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "code"], name="figure_code_unique")
        ]

    def __str__(self) -> str:
        return self.label


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


NARRATIVE_SECTIONS = [
    ("results", _("Results")),
    ("difficulties", _("Difficulties and shortcomings")),
    ("recommendations", _("Recommendations")),
    ("next_period", _("Direction for the next period")),
]


class UnescapedJSONEncoder(json.JSONEncoder):
    """JSON with non-ASCII characters written as themselves, not as \\u escapes: a
    Vietnamese narrative is then about 1.6 times smaller on disk and decodes 4 to 5 times
    faster, which a province's compilation of every district's text feels (docs/benchmarks.md,
    compile)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


class Report(Stamped):
    """One reporter's report (a lower unit or a member agency) for one requirement."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    # Where the report goes: the reporting unit's parent, or the agency's own unit.
    receiver = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="received_reports")
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False
    )
    narrative = models.JSONField(default=dict, blank=True, encoder=UnescapedJSONEncoder)
    compiled = models.BooleanField(default=False, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Issued as a Decree 30 report (BC) when compiled: number from the issuer's register.
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    issued_on = models.DateField(null=True, blank=True, editable=False)
    signer_lines = models.JSONField(default=list, blank=True)
    signer_name = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "unit"],
                condition=Q(unit__isnull=False),
                name="report_one_per_unit",
            ),
            models.UniqueConstraint(
                fields=["requirement", "agency"],
                condition=Q(agency__isnull=False),
                name="report_one_per_agency",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False, agency__isnull=True)
                | Q(unit__isnull=True, agency__isnull=False),
                name="report_unit_xor_agency",
            ),
        ]
        indexes = [
            # Completeness table: the reports a receiver gets for one requirement. The unit
            # last makes it covering for the compiled sums, which leave out the receiver's
            # own report: SQLite then never reads the reports' rows and their narratives
            # (docs/benchmarks.md, compile).
            models.Index(
                fields=["requirement", "receiver", "status", "unit"], name="report_receiver_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} – {self.reporter}"

    @property
    def reporter(self):
        return self.unit or self.agency

    @property
    def due(self) -> date | None:
        return self.requirement.due_for(self.unit.level if self.unit_id else None)

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def _transition(self, user, allowed: tuple, new: str, action: str, comment: str = "") -> None:
        """Change the status under a row lock. The public transitions below run it and their
        hand-off in one transaction: a process killed between the two (a web host lost
        mid-request) must leave both undone, never a report sent and its receiver not told
        (tests: core/tests/test_web_processes.py)."""
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=self.pk)
            if locked.status not in allowed:
                raise ValidationError(
                    _("This report is “%(status)s”; it cannot be %(action)s now.")
                    % {"status": locked.get_status_display(), "action": ACTION_WORDS[action]}
                )
            self.status = new
            self.version = locked.version + 1
            fields = ["status", "version"]
            if new == ReportStatus.SUBMITTED:
                self.submitted_at = timezone.now()
                fields.append("submitted_at")
            if new == ReportStatus.RETURNED:
                self.returned_comment = comment
                fields.append("returned_comment")
            self.save(update_fields=fields)
            ReportEvent.objects.create(report=self, by=user, action=action, comment=comment)

    @transaction.atomic
    def submit(self, user) -> None:
        """Draft or returned → submitted, once its required figures are present and valid."""
        problems = self.problems()
        if problems:
            raise ValidationError(problems)
        self._transition(
            user, (ReportStatus.DRAFT, ReportStatus.RETURNED), ReportStatus.SUBMITTED, "submitted"
        )
        return _handoffs().report_submitted(self, by=user)

    @transaction.atomic
    def return_to_reporter(self, user, comment: str):
        if not comment.strip():
            raise ValidationError(_("Say what must be corrected before returning the report."))
        self._transition(
            user, (ReportStatus.SUBMITTED,), ReportStatus.RETURNED, "returned", comment
        )
        return _handoffs().report_returned(self, by=user)

    @transaction.atomic
    def accept(self, user):
        """Submitted → accepted: the report is locked from then on."""
        self._transition(user, (ReportStatus.SUBMITTED,), ReportStatus.ACCEPTED, "accepted")
        return _handoffs().report_accepted(self, by=user)

    @transaction.atomic
    def conclude(self, user) -> None:
        """Draft or returned → accepted, with nobody to review it: the synthesis of the unit
        that set the requirement, final once issued (its document goes wherever the unit
        addresses it; no unit above asked for it here)."""
        problems = self.problems()
        if problems:
            raise ValidationError(problems)
        self._transition(
            user, (ReportStatus.DRAFT, ReportStatus.RETURNED), ReportStatus.ACCEPTED, "issued"
        )
        _handoffs().report_concluded(self, by=user)

    @property
    def answers_own_requirement(self) -> bool:
        """The report of the unit that set the requirement: its synthesis, sent to nobody."""
        return self.unit_id is not None and self.unit_id == self.requirement.unit_id

    def problems(self) -> list[str]:
        """What stops the report from being submitted, as sentences for the user."""
        values = {v.figure_id: v for v in self.values.all()}
        problems = []
        for figure in self.requirement.figures.all():
            value = values.get(figure.pk)
            if figure.required and (value is None or value.total is None):
                problems.append(str(_("Enter “%(label)s”.") % {"label": figure.label}))
        return problems

    def is_late(self, today: date | None = None) -> bool:
        due = self.due
        if due is None:
            return False
        if self.submitted_at:
            return timezone.localtime(self.submitted_at).date() > due
        return (today or timezone.localdate()) > due


def _handoffs():
    """Each transition tells who acts next (notifications.handoffs, which reads this module)."""
    from vstb.notifications import handoffs

    return handoffs


ACTION_WORDS = {
    "submitted": _("submitted"),
    "returned": _("returned"),
    "accepted": _("accepted"),
    "issued": _("issued"),
}


class FigureValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="values")
    total = models.PositiveIntegerField(null=True, blank=True)
    women = models.PositiveIntegerField(null=True, blank=True)
    men = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "figure"], name="figure_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.figure}: {self.total}"

    def clean(self) -> None:
        if self.total is not None and (self.women or 0) + (self.men or 0) > self.total:
            raise ValidationError(
                _("Women and men add up to more than the total. Correct the numbers.")
            )
        if self.total is None and (self.women is not None or self.men is not None):
            raise ValidationError(_("Enter the total as well as the women and men."))

    # Women and men adding up to less than the total are accepted, with a note: a total may
    # count people whose sex nobody recorded (an attendance count, a broadcast's listeners),
    # and refusing it would make the reporter invent a split. Above the total is refused
    # (clean). With only one of the two entered, the other is unknown, not "unspecified".
    @property
    def unspecified_sex(self) -> int:
        """People of the total counted neither as women nor as men (0 when none are, or when
        women or men are not entered)."""
        if self.total is None or self.women is None or self.men is None:
            return 0
        return max(self.total - self.women - self.men, 0)

    def sex_note(self) -> str:
        """The note shown beside a figure whose women and men fall short of its total."""
        if not self.unspecified_sex:
            return ""
        return _(
            "Women and men add up to %(known)s of %(total)s: %(rest)s not given by sex. "
            "Check the numbers if that is not intended."
        ) % {
            "known": self.women + self.men,
            "total": self.total,
            "rest": self.unspecified_sex,
        }


class ReportEvent(models.Model):
    """Every change of a report: who, when, what. Kept, never edited."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"


class Chase(models.Model):
    """One đôn đốc: the receiving unit chased a reporter that had not reported."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="chases")
    receiver = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y} {self.unit or self.agency}"
