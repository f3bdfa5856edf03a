"""The case register: one survivor (or presumed victim) at one commune, from intake to
closure (issue 15; decision 0020). Identifying fields are sealed (crypto.SealedField): they
read back as dots and give their text only through `reveal()`, which the views log.

Nothing here is in the general audit trail (vstb/audit): a case's every read and change is in
its own append-only access log (AccessEntry), which holds no value of any field."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.cases.catalogue import (
    AgeBand,
    CaseKind,
    Channel,
    ClosureReason,
    ConsentScope,
    GbvType,
    LegalBasis,
    Measure,
    ProviderKind,
    Relation,
    Risk,
    Sex,
)
from vstb.cases.crypto import SealedField
from vstb.lib.versioning import Versioned

USER = settings.AUTH_USER_MODEL
# Survivor codes: no letter that reads as another (0/O, 1/I/L).
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    body = "".join(secrets.choice(CODE_LETTERS) for _ in range(8))
    return f"VV-{body[:4]}-{body[4:]}"


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSING = "closing", _("Closure awaiting approval")
    CLOSED = "closed", _("Closed")


class CaseQuerySet(models.QuerySet):
    def open(self) -> "CaseQuerySet":
        return self.exclude(status=CaseStatus.CLOSED)


class Case(Versioned):
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="cases"
    )
    code = models.CharField(_("survivor code"), max_length=14, unique=True, default=new_code)
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    # Law 53/2024/QH15: a person still being identified as a victim of trafficking.
    presumed = models.BooleanField(_("presumed victim, being identified"), default=False)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    age_band = models.CharField(
        _("age"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    full_name = SealedField(_("full name"), blank=True)
    name_index = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    contact = SealedField(_("how to reach them safely"), blank=True)
    id_number = SealedField(_("identity card number"), blank=True)
    id_index = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    address = SealedField(_("address"), blank=True)
    channel = models.CharField(_("received through"), max_length=20, choices=Channel.choices)
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    received_by = models.ForeignKey(
        USER, verbose_name=_("received by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # Who reported it, if they said: restricted apart from the survivor's own identity.
    informant = SealedField(_("informant"), blank=True)
    worker = models.ForeignKey(
        USER, verbose_name=_("case worker"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="cases_owned",
    )  # fmt: skip
    helpers = models.ManyToManyField(
        USER, verbose_name=_("also assigned"), blank=True, related_name="cases_assigned"
    )
    risk = models.CharField(_("risk"), max_length=10, choices=Risk.choices, default=Risk.MEDIUM)
    safety_plan = SealedField(_("safety plan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    closure_reason = models.CharField(
        _("reason for closure"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_requested_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("Never erased while the hold lasts.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["unit", "status"], name="case_unit_status")]

    def __str__(self) -> str:
        return self.code  # never a name

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class Provider(models.Model):
    """A support provider of the directory, serving its unit and the units below (Law
    13/2022/QH15 art. 35). `people`: the accounts that receive its referrals."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("serves"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    # A shelter's place is kept secret (Law 13/2022/QH15; 2007 law art. 5 gave the right).
    location = SealedField(_("location"), blank=True)
    people = models.ManyToManyField(
        USER, verbose_name=_("accounts receiving referrals"), blank=True, related_name="+"
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("support provider")
        verbose_name_plural = _("support providers")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Consent(models.Model):
    """One decision of the survivor about one scope; the latest per scope is in force.
    Withdrawing is a new row that refuses. A legal basis stands in for consent where the law
    lets the commune act without it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(_("consent to"), max_length=12, choices=ConsentScope.choices)
    given = models.BooleanField(_("given"))
    legal_basis = models.CharField(
        _("acting without consent because"), max_length=20, choices=LegalBasis.choices,
        blank=True,
    )  # fmt: skip
    providers = models.ManyToManyField(
        Provider, verbose_name=_("agencies named"), blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "scope", "-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_scope_display()}: {self.given}"

    @property
    def allows(self) -> bool:
        return self.given or bool(self.legal_basis)


class Incident(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    place = models.ForeignKey(
        "org.Unit", verbose_name=_("commune where it happened"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    forms = models.JSONField(_("forms of violence"), default=list, blank=True)
    gbv_type = models.CharField(_("GBV type"), max_length=20, choices=GbvType.choices, blank=True)
    trafficking = models.BooleanField(_("trafficking"), default=False)
    brokerage = models.BooleanField(_("illegal marriage brokerage"), default=False)
    relation = models.CharField(
        _("perpetrator's relation"), max_length=20, choices=Relation.choices,
        default=Relation.UNKNOWN,
    )  # fmt: skip
    perpetrator_sex = models.CharField(
        _("perpetrator's sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN
    )
    account = SealedField(_("what happened"), blank=True)

    class Meta:
        ordering = ["case", "occurred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.occurred_on or ''}"

    @property
    def reporting_delay(self) -> int | None:
        """Days from the incident to the report (GBVIMS counts it in buckets)."""
        if self.occurred_on is None:
            return None
        return max((self.case.reported_on - self.occurred_on).days, 0)


class ProtectiveOrder(models.Model):
    """A protective order (cấm tiếp xúc; Law 13/2022/QH15)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="orders")
    issued_on = models.DateField(_("issued on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)

    class Meta:
        ordering = ["case", "-issued_on"]

    def __str__(self) -> str:
        return str(self.case)


class ShelterStay(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shelter_stays")
    provider = models.ForeignKey(
        Provider, verbose_name=_("shelter"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    location = SealedField(_("location"), blank=True)

    class Meta:
        ordering = ["case", "-start"]

    def __str__(self) -> str:
        return str(self.case)


class Service(models.Model):
    """Support given by the commune itself (counselling, essentials…)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["case", "given_on", "pk"]

    def __str__(self) -> str:
        return str(self.case)


class ReferralState(models.TextChoices):
    SENT = "sent", _("Sent, awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Service given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_REFERRAL = (ReferralState.SENT, ReferralState.ACCEPTED)


class Referral(models.Model):
    """A service asked of a provider. sent → accepted / declined (with a reason) → done, or
    withdrawn. The recipient sees only what it shares, and only while it is open."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="referrals")
    measure = models.CharField(_("service"), max_length=20, choices=Measure.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=ReferralState.choices, default=ReferralState.SENT
    )
    # What the recipient needs to know, written for them; and whether they see how to reach
    # the survivor (only where the survivor agreed to this referral).
    shared_note = SealedField(_("what the provider needs to know"), blank=True)
    share_contact = models.BooleanField(_("share how to reach the survivor"), default=False)
    answer_due = models.DateField(_("answer expected by"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    override_reason = models.CharField(
        _("sent without consent because"), max_length=300, blank=True
    )
    overridden_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case", "-sent_at"]

    def __str__(self) -> str:
        return f"{self.case} → {self.provider}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_REFERRAL


class FollowUp(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = SealedField(_("note"), blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["case", "due_on", "pk"]

    def __str__(self) -> str:
        return str(self.case)


class AccessAction(models.TextChoices):
    LIST = "list", _("listed")
    SEARCH = "search", _("searched")
    OPEN = "open", _("opened")
    REVEAL = "reveal", _("revealed identity")
    CREATE = "create", _("recorded")
    CHANGE = "change", _("changed")
    REFERRAL = "referral", _("referral")
    EXPORT = "export", _("exported")
    PRINT = "print", _("printed")
    ERASE = "erase", _("erased")


class AppendOnly(Exception):
    """An access entry is never changed or deleted through the application."""


class AccessQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("case access entries are never changed")

    def delete(self):
        raise AppendOnly("case access entries are never deleted")


class AccessEntry(models.Model):
    """Who read or changed which case, when, from where: written in the same transaction as
    the response (no entry, no data). Holds no value of any field; a search's terms only as
    a keyed digest. Outlives the case (`case_id` is not a foreign key): an erased case leaves
    its tombstone here."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    actor_name = models.CharField(max_length=150, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    case_id = models.IntegerField(null=True, db_index=True)
    case_code = models.CharField(max_length=14, blank=True)
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    what = models.CharField(max_length=120, blank=True)  # a field's name, an event's name

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_code} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("case access entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("case access entries are never deleted")


class ExportState(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting a supervisor's approval")
    READY = "ready", _("Ready to download once")
    DOWNLOADED = "downloaded", _("Downloaded")
    REFUSED = "refused", _("Refused")
    EXPIRED = "expired", _("Expired")


class CaseExport(models.Model):
    """A list of cases carried out of VSTB: an Excel file encrypted with a passphrase shown
    once to whoever asked for it (Office agile encryption, AES-256), downloadable once before
    it expires; with names and numbers only after another supervisor approves the reason.
    The file is wiped when downloaded, refused or expired."""

    requested_by = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    identifiable = models.BooleanField(_("with names and numbers"), default=False)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    cases = models.PositiveIntegerField(_("cases"), default=0)
    state = models.CharField(max_length=10, choices=ExportState.choices)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    downloaded_at = models.DateTimeField(null=True, blank=True)
    # The encrypted file; emptied once downloaded, refused or expired.
    content = models.BinaryField(default=b"", editable=False)
    # The communes whose cases are in it: who may approve it (supervisors over them).
    units = models.ManyToManyField("org.Unit", related_name="+")

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.requested_by} {self.requested_at:%d/%m/%Y %H:%M}"
