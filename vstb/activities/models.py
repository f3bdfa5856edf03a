"""What was done: activities against plan tasks, with reach by sex, outputs, cost, evidence."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vstb.lib.search import Searchable
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Unit
from vstb.plans.models import Task


class ActivityKind(models.TextChoices):
    COMMUNICATION = "communication", _("Communication event")
    TRAINING = "training", _("Training or refresher course")
    SEMINAR = "seminar", _("Seminar or talk")
    CONTEST = "contest", _("Contest")
    EXCHANGE = "exchange", _("Exchange visit")
    COMMEMORATION = "commemoration", _("Commemorative event")
    MEDIA = "media", _("Media product")
    # Counts only: survivors' personal data never enters an activity (it belongs to `cases`).
    VICTIM_SUPPORT = "victim_support", _("Support given to victims (counts only)")
    INSPECTION = "inspection", _("Inspection or supervision visit")
    OTHER = "other", _("Other")


class FundingSource(models.TextChoices):
    STATE_BUDGET = "state_budget", _("State budget")
    PROGRAMME = "programme", _("National programme or project")
    SOCIALISED = "socialised", _("Contributions (xã hội hóa)")
    INTERNATIONAL = "international", _("International sponsor")
    OTHER = "other", _("Other")


# Age groups of participants, as the reporting forms count them.
AGE_GROUPS = ["under_16", "16_30", "31_60", "over_60"]


class Activity(Versioned, Searchable):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="activities"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("organising agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    tasks = models.ManyToManyField(
        Task, verbose_name=_("tasks carried out"), blank=True, related_name="activities"
    )
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    place = models.CharField(_("venue"), max_length=200, blank=True)
    # Participants: unknown is allowed (null); women + men never exceed the total.
    participants_total = models.PositiveIntegerField(
        _("participants in all"), null=True, blank=True
    )
    participants_women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("of whom men"), null=True, blank=True)
    participants_ethnic_minority = models.PositiveIntegerField(
        _("of whom ethnic minority"), null=True, blank=True
    )
    participants_leaders = models.PositiveIntegerField(_("of whom leaders"), null=True, blank=True)
    age_groups = models.JSONField(_("by age group"), default=dict, blank=True)
    articles = models.PositiveIntegerField(_("articles"), default=0)
    broadcasts = models.PositiveIntegerField(_("radio or TV broadcasts"), default=0)
    leaflets = models.PositiveIntegerField(_("leaflets or posters"), default=0)
    social_posts = models.PositiveIntegerField(_("social-media posts"), default=0)
    cost = models.PositiveBigIntegerField(_("cost (VND)"), null=True, blank=True)
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start", "-pk"]
        indexes = [
            # A unit's activities by date; reports take those inside a cut-off window.
            models.Index(fields=["unit", "start"], name="activity_unit_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="activity_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def searchable_parts(self) -> list:
        return [self.title, self.place]

    def clean(self) -> None:
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The activity ends before it starts. Check the two dates.")
        women, men, total = self.participants_women, self.participants_men, self.participants_total
        if total is not None and (women or 0) + (men or 0) > total:
            errors["participants_total"] = _(
                "Women and men add up to more than the total number of participants. "
                "Correct the numbers, or leave the total empty if it is not known."
            )
        for name in ("participants_ethnic_minority", "participants_leaders"):
            value = getattr(self, name)
            if total is not None and value is not None and value > total:
                errors[name] = _("This number is larger than the total number of participants.")
        unknown = set(self.age_groups or {}) - set(AGE_GROUPS)
        if unknown:
            errors[NON_FIELD_ERRORS] = _("Unknown age group: %(groups)s.") % {
                "groups": ", ".join(sorted(unknown))
            }
        elif total is not None and sum((self.age_groups or {}).values()) > total:
            errors[NON_FIELD_ERRORS] = _(
                "The age groups add up to more than the total number of participants."
            )
        if self.agency_id and self.unit_id and self.agency.unit_id != self.unit_id:
            errors["agency"] = _("Choose an agency of the activity's unit.")
        if errors:
            raise ValidationError(errors)


def evidence_path(instance: "Evidence", filename: str) -> str:
    # Stored under MEDIA_ROOT, outside the web root; served only by an access-checked view.
    return f"evidence/{instance.activity.unit_id}/{instance.activity_id}/{filename}"


class Evidence(models.Model):
    """A photo, PDF or DOCX showing that an activity took place."""

    # Photos of people: each opening is recorded in the audit trail (record_read).
    audit_sensitive_reads = True

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ActivityImport(models.Model):
    """A workbook of activities imported into a unit, by its content: the same file sent
    twice (a double click, two tabs, a second try after a slow answer) is imported once
    (issue 12, finding 5: two copies of every activity)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)  # SHA-256 of the file
    activities = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "digest"], name="one_import_per_workbook")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.digest[:12]}"


from vstb.activities.models_calendar import CalendarToken  # noqa: E402,F401
