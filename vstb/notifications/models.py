"""Notifications shown in the app, the log that makes each reminder go out once, and the
settings that decide which reminders go out (docs/decisions/0005-reminders.md)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.lib.search import Searchable, SearchableQuerySet

# Days before a task's deadline on which its reminders go out, unless the plan's unit sets
# its own.
DEFAULT_DAYS_BEFORE = [7, 1]
MAX_DAYS_BEFORE = 60
MAX_REMINDER_DAYS = 4


def default_days_before() -> list[int]:
    return list(DEFAULT_DAYS_BEFORE)


class Kind(models.TextChoices):
    TASK_DUE = "task_due", _("A task is due soon")
    TASK_OVERDUE = "task_overdue", _("A task is overdue")
    ACTION_MONTH = "action_month", _("An action month is coming")
    # A receiving unit chased a report it is still waiting for (đôn đốc, reporting app).
    REPORT_CHASE = "report_chase", _("A report is awaited")
    # Hand-offs of the cycle (vstb/notifications/handoffs.py): each tells who acts next.
    PLAN_ISSUED = "plan_issued", _("A plan gives you tasks")
    PLAN_DERIVED = "plan_derived", _("A lower unit implements your plan")
    REQUIREMENT = "requirement", _("A report is requested from you")
    REPORT_RECEIVED = "report_received", _("A report has been sent to you")
    REPORT_REVIEWED = "report_reviewed", _("Your report has been returned or accepted")
    REPORT_DUE = "report_due", _("A report is due soon")
    REPORT_OVERDUE = "report_overdue", _("A report is overdue")
    # A unit asks the level above to approve its public page (indicators/public_page.py).
    PUBLICATION = "publication", _("A unit asks to publish its public page")
    # The case register (vstb/cases): a sentence and a link, never a name nor a code.
    CASE = "case", _("A case of violence or trafficking needs you")


class NotificationQuerySet(SearchableQuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(Searchable):
    """One line in a user's notification list. The title is short and never sensitive: a
    task's first words or an action month's name, nothing about people or cases."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    url = models.CharField(max_length=300)
    # Shown in the app only, never e-mailed: a reviewer's comment on a returned report.
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    # Waiting for the user's daily digest (NotificationSettings.daily_digest) instead of an
    # e-mail of its own; `digest_run` marks the digest run that took it.
    digest_pending = models.BooleanField(default=False)
    digest_run = models.UUIDField(null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The unread badge on every page: COUNT(*) WHERE user_id = %s AND read_at IS NULL.
            models.Index(
                fields=["user"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            # The notification list: one user's newest first.
            models.Index(fields=["user", "-created_at"], name="notification_user_recent_idx"),
            # The digest: UPDATE … WHERE digest_pending, then SELECT … WHERE digest_run = %s.
            models.Index(
                fields=["user"],
                condition=Q(digest_pending=True),
                name="notification_digest_idx",
            ),
            models.Index(
                fields=["digest_run"],
                condition=Q(digest_run__isnull=False),
                name="notification_digest_run_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def searchable_parts(self) -> list:
        return [self.title]

    def mark_read(self) -> None:
        if self.read_at is None:
            self.read_at = timezone.now()
            Notification.objects.filter(pk=self.pk, read_at__isnull=True).update(
                read_at=self.read_at
            )


class ReminderSent(models.Model):
    """A reminder that has gone out: the unique key is what makes it go out once.

    `occasion` names which reminder of the object it was: "7d" and "1d" before a task's
    deadline, "overdue:2026-11-21" for the week of overdue reminders starting that day,
    "month:2026-11-15" for the action month starting that day. `run` marks the rows one run
    inserted, so that a run sends only what it claimed, even when another runs at once.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()  # the task's id; 0 for an action month
    occasion = models.CharField(max_length=40)
    sent_at = models.DateTimeField(default=timezone.now)
    run = models.UUIDField()

    class Meta:
        constraints = [
            # Object first: its index also answers send_reminders' "already sent" query
            # (WHERE object_id IN (the open tasks) AND kind IN … AND occasion IN …).
            models.UniqueConstraint(
                fields=["object_id", "kind", "occasion", "user"], name="reminder_sent_once"
            )
        ]
        indexes = [
            # send_reminders: read back the keys this run claimed (WHERE run = %s).
            models.Index(fields=["run"], name="reminder_sent_run_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.object_id} {self.occasion}"


class ReminderPreference(models.Model):
    """A user's choice for one kind of notification: whether it is also e-mailed. No row
    means it is. The notification itself always appears in the app (notifications.services)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    enabled = models.BooleanField(_("e-mail me"), default=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminder_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {'on' if self.enabled else 'off'}"

    @classmethod
    def save_choices(cls, user, enabled: dict[str, bool]) -> None:
        """Store the user's choice for every kind, in one statement."""
        cls.objects.bulk_create(
            [cls(user=user, kind=kind, enabled=bool(enabled.get(kind))) for kind in Kind.values],
            update_conflicts=True,
            unique_fields=["user", "kind"],
            update_fields=["enabled"],
        )


class NotificationSettings(models.Model):
    """A user's delivery choice: one e-mail a day listing the day's notifications (the
    digest, sent by `vstb send-reminders`) instead of one e-mail per notification."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    daily_digest = models.BooleanField(
        _("one e-mail a day"),
        default=False,
        help_text=_(
            "Receive one e-mail a day listing your notifications instead of one e-mail each."
        ),
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id} {'digest' if self.daily_digest else 'each'}"


def validate_days_before(value) -> None:
    if (
        not isinstance(value, list)
        or not value
        or len(value) > MAX_REMINDER_DAYS
        or len(set(value)) != len(value)
        or not all(isinstance(n, int) and 0 < n <= MAX_DAYS_BEFORE for n in value)
    ):
        raise ValidationError(
            _(
                "Enter up to %(count)s different numbers of days between 1 and %(max)s, "
                "separated by commas, e.g. 7, 1."
            ),
            params={"count": MAX_REMINDER_DAYS, "max": MAX_DAYS_BEFORE},
        )


class UnitReminderSettings(models.Model):
    """How many days before a deadline the tasks of a unit's plans are reminded."""

    unit = models.OneToOneField(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="reminder_settings",
    )
    days_before = models.JSONField(
        _("days before the deadline"),
        default=default_days_before,
        validators=[validate_days_before],
    )

    class Meta:
        verbose_name = _("reminder settings of a unit")
        verbose_name_plural = _("reminder settings of units")

    def __str__(self) -> str:
        return f"{self.unit}: {self.days_before}"
