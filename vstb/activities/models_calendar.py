"""The secret address of a user's calendar feed (ICS), for phone and desktop calendar apps.

Calendar apps fetch the feed without a session, so a random secret in the URL authenticates
them. Only its SHA-256 is stored: a copy of the database does not give anyone a working feed
address. The secret has 256 bits of randomness, so a plain hash (no salt, no slow hash) is
enough; the user sees the full address once, when it is made.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    # The feed looks the token up by this hash on every fetch (unique, hence indexed).
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")
        ordering = ["-created_at"]
        constraints = [
            # One working address per user: making a new one revokes the old.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%d/%m/%Y}"

    @classmethod
    def issue(cls, user) -> tuple["CalendarToken", str]:
        """A new address for the user, revoking the one they had; returns the secret, which
        is not stored and cannot be shown again."""
        secret = secrets.token_urlsafe(32)
        with transaction.atomic():
            cls.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
            token = cls.objects.create(user=user, token_hash=hash_secret(secret))
        return token, secret

    @classmethod
    def find(cls, secret: str) -> "CalendarToken | None":
        """The working token with this secret, or None (unknown, revoked, or user disabled)."""
        return (
            cls.objects.active()
            .select_related("user")
            .filter(token_hash=hash_secret(secret))
            .first()
        )

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def mark_used(self) -> None:
        # Lets the user see whether a calendar app still reads the address.
        self.last_used_at = timezone.now()
        CalendarToken.objects.filter(pk=self.pk).update(last_used_at=self.last_used_at)
