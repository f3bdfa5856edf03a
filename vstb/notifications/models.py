"""Notifications shown in the app, the log that makes each reminder go out once, the settings
that decide which reminders go out (docs/decisions/0005-reminders.md), and the webhooks that
call a unit's own systems, with their delivery log (webhooks.py)."""

import secrets

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
    # A decision, letter, notice or invitation sent to the unit (vstb/issuing).
    DOCUMENT_RECEIVED = "document_received", _("A document has been sent to you")
    # Inspections (vstb/inspections): a unit is to be inspected; a recommendation is
    # addressed to it, returned to it, due or overdue; an addressee reported on one.
    INSPECTION = "inspection", _("Your unit is to be inspected")
    RECOMMENDATION = "recommendation", _("An inspection recommendation needs you")
    # Commendation (vstb/commendations): proposals wait for the level that decides.
    COMMENDATION = "commendation", _("Commendation proposals need you")
    # Funding (vstb/budget): spending passed a plan's estimate.
    OVERSPEND = "overspend", _("Spending is over the estimate")
    # The 2025 reform (vstb/core/reform.py): a ceased unit's open work moved to its successor.
    HANDOVER = "handover", _("A ceased unit's work has moved to yours")


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


# Webhooks (issue 18): a unit's own systems are called when something happens ------------------


class WebhookEvent(models.TextChoices):
    REPORT_ACCEPTED = "report.accepted", _("A report is accepted")
    PLAN_ISSUED = "plan.issued", _("A plan is issued")


def new_webhook_secret() -> str:
    # 256 bits, the size of the HMAC-SHA256 key it signs with.
    return secrets.token_hex(32)


class Webhook(models.Model):
    """An address of a unit's own system that VSTB calls when one of `events` happens at the
    unit (vstb/notifications/webhooks.py says what is sent and how it is signed)."""

    # The unit's page and the hand-offs (WHERE unit_id IN …) use the foreign key's index.
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(_("address"), max_length=500)
    # Generated by VSTB, never typed: the unit's system checks each call's signature with it.
    secret = models.CharField(_("secret"), max_length=64, default=new_webhook_secret)
    events = models.JSONField(_("events"), default=list)
    # A province's system may want the events of every district and commune below it without
    # each of them registering (most communes have nobody to run a system); a unit's managers
    # read everything below it anyway, and the calls carry nothing they could not read.
    include_lower_units = models.BooleanField(_("also for the units below"), default=False)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.url}"

    def get_events_display(self) -> list[str]:
        labels = dict(WebhookEvent.choices)
        return [str(labels.get(event, event)) for event in self.events]

    def set_active(self, active: bool) -> None:
        self.active = active
        self.save(update_fields=["active"])

    def renew_secret(self) -> None:
        """A new secret (the old one leaked, or is due to change): calls are signed with it
        from now on, retries of earlier deliveries included."""
        self.secret = new_webhook_secret()
        self.save(update_fields=["secret"])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event sent to one webhook, and how its attempts went: the delivery log."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=30, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        editable=False,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The unit's page: the newest deliveries of its webhooks (WHERE webhook_id IN …
            # ORDER BY created_at DESC).
            models.Index(fields=["webhook", "-created_at"], name="webhook_delivery_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook_id} ({self.status})"

    def awaits(self, attempt: int) -> bool:
        """Whether attempt number `attempt` is the one still to make: not when the delivery
        is done, nor for a job run twice (a worker killed mid-job runs it again)."""
        return self.status == DeliveryStatus.PENDING and self.attempts == attempt - 1

    def record_attempt(self, code: int | None, error: str = "", retry_at=None) -> None:
        """Pending → delivered (no error), pending again until `retry_at`, or failed."""
        if self.status != DeliveryStatus.PENDING:
            raise ValidationError(_("Only a pending delivery can be attempted."))
        self.attempts += 1
        self.response_code = code
        self.error = error[:300]
        self.next_attempt_at = retry_at if error else None
        if not error:
            self.status = DeliveryStatus.DELIVERED
            self.delivered_at = timezone.now()
        elif retry_at is None:
            self.status = DeliveryStatus.FAILED
        self.save(
            update_fields=[
                "attempts",
                "response_code",
                "error",
                "next_attempt_at",
                "status",
                "delivered_at",
            ]
        )

    def send_again(self) -> None:
        """Failed → pending, for a new round of attempts (webhooks.send_again enqueues it)."""
        if self.status != DeliveryStatus.FAILED:
            raise ValidationError(_("Only a failed delivery can be sent again."))
        self.status = DeliveryStatus.PENDING
        self.attempts = 0
        self.next_attempt_at = timezone.now()
        self.save(update_fields=["status", "attempts", "next_attempt_at"])
