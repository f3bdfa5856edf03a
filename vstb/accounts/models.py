"""Users and the roles they hold at units. What a role allows is decided in access.py."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.lib.periods import in_force


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    SECRETARIAT = "secretariat", _("Secretariat (standing agency)")
    FOCAL_POINT = "focal_point", _("Agency focal point")
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    VIEWER = "viewer", _("Viewer (leader)")
    # Cases of violence and trafficking (vstb/cases, issue 15). These roles open the case
    # register and nothing else of VSTB; the other roles never open it (access/cases.py).
    CASE_WORKER = "case_worker", _("Case worker")
    CASE_SUPERVISOR = "case_supervisor", _("Case supervisor")
    TRUSTED_ADDRESS = "trusted_address", _("Trusted address (reports cases)")
    CASE_RECIPIENT = "case_recipient", _("Service provider receiving referrals")
    # Later areas add their roles here (inspector) and a rule in access.RULES.


# The role kinds of the case register: a second factor is always required for them.
CASE_KINDS = (
    RoleKind.CASE_WORKER,
    RoleKind.CASE_SUPERVISOR,
    RoleKind.TRUSTED_ADDRESS,
    RoleKind.CASE_RECIPIENT,
)


class RoleQuerySet(models.QuerySet):
    def active(self) -> "RoleQuerySet":
        today = timezone.localdate()
        return self.filter(in_force(today))


class Role(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="roles"
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
        help_text=_("Required for an agency focal point."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("The first day on which the role no longer applies."),
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["user", "unit__path"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.unit}"

    def clean(self) -> None:
        if self.kind == RoleKind.FOCAL_POINT and not self.agency_id:
            raise ValidationError({"agency": _("Choose the agency this focal point works for.")})
        if self.agency_id and self.unit_id and self.agency.unit_id != self.unit_id:
            raise ValidationError({"agency": _("The agency must belong to the role's unit.")})


class SignIn(models.Model):
    """A session a person signed in with, so that they can see where they are signed in and
    end the others ("sign out everywhere else"). Removed when the session ends by signing
    out; a session that expired is not listed (its Session row has expired)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="sign_ins"
    )
    session_key = models.CharField(_("session"), max_length=40, unique=True)
    started = models.DateTimeField(_("signed in at"), default=timezone.now)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    browser = models.CharField(_("browser"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        ordering = ["-started"]

    def __str__(self) -> str:
        return f"{self.user} {self.started:%d/%m/%Y %H:%M}"


class RecoveryCode(models.Model):
    """One of the ten single-use codes that stand in for a lost phone at sign-in, kept as a
    SHA-256 digest (vstb/accounts/two_factor.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "digest"], name="recovery_code_lookup")]

    def __str__(self) -> str:
        return f"{self.user} {self.digest[:8]}"


def _token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def working(self, now=None):
        """Tokens that still let a program in: not revoked, not expired, owner active."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


class ApiToken(models.Model):
    """A personal key for programs that use the API (issue 18): it acts with its owner's roles
    as they are at each request, never more; read-only if asked; it expires. Only a SHA-256
    digest of the secret is kept, so the secret is shown once, when made."""

    # A secret starts with this, so that a leaked one is recognisable in logs and by scanners.
    PREFIX = "vstb_"
    # Longest life a person may choose; an expired token is refused, not renewed.
    MAX_DAYS = 365

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # Looked up on every API request (unique, hence indexed).
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the secret, shown in the list so that the person knows which.
    hint = models.CharField(max_length=12, editable=False)
    read_only = models.BooleanField(_("read only"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Requests in the current minute, for the rate limit (one row to update, any host).
    window_start = models.DateTimeField(null=True, blank=True, editable=False)
    window_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.name}"

    @classmethod
    def issue(cls, user, name: str, expires_at, read_only: bool) -> tuple["ApiToken", str]:
        """A new token; returns it with its secret, which is not stored."""
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            digest=_token_digest(secret),
            hint=secret[: len(cls.PREFIX) + 4],
            expires_at=expires_at,
            read_only=read_only,
        )
        return token, secret

    @classmethod
    def find(cls, secret: str) -> "ApiToken | None":
        """The working token with this secret, with its owner, or None."""
        if not secret.startswith(cls.PREFIX) or len(secret) > 100:
            return None
        return (
            cls.objects.working()
            .select_related("user")
            .filter(digest=_token_digest(secret))
            .first()
        )

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def count_request(self, limit: int, now=None) -> bool:
        """Count a request in the current minute; False when it goes over `limit`. One
        conditional UPDATE, so that hosts and workers sharing the database share the count:
        a new minute starts the count at 1, and within a minute the row is counted only
        while under the limit (no row updated: refused)."""
        now = now or timezone.now()
        minute = now.replace(second=0, microsecond=0)
        same_minute = models.Q(window_start=minute)
        counted = (
            ApiToken.objects.filter(pk=self.pk)
            .filter(~same_minute | models.Q(window_count__lt=limit))
            .update(
                window_count=models.Case(
                    models.When(same_minute, then=models.F("window_count") + 1),
                    default=models.Value(1),
                ),
                window_start=minute,
                last_used_at=now,
            )
        )
        return counted == 1
