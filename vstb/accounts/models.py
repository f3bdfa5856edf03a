"""Users and the roles they hold at units. What a role allows is decided in access.py."""

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
