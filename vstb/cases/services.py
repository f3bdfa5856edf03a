"""What happens to a case, each step checked and logged in the case's access log in the same
transaction (issue 15). Views call these after access has decided who may do it; these
decide what may happen next (the state of the case, of a referral, the consent)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connections, router, transaction
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb import access
from vstb.access import case_supervisors_over
from vstb.audit.recorder import current_actor
from vstb.cases.catalogue import ConsentScope, Measure
from vstb.cases.crypto import blind_index
from vstb.cases.models import (
    OPEN_REFERRAL,
    AccessAction,
    AccessEntry,
    Case,
    CaseStatus,
    Consent,
    FollowUp,
    Provider,
    Referral,
    ReferralState,
    Service,
)
from vstb.notifications.models import Kind
from vstb.notifications.services import in_vietnamese, notify

# A referral is answered within two working days or shows as late to whoever sent it.
ANSWER_DAYS = 2

NEW_REPORT = _("A new report of violence or trafficking waits to be assigned to a case worker.")
ASSIGNED = _("A case has been assigned to you.")
REFERRAL_SENT = _("A request for support has been sent to %(provider)s.")
REFERRAL_ANSWERED = _("A referral you sent has been answered.")
CLOSURE_ASKED = _("A case worker asks you to approve the closure of a case.")
CLOSURE_DECIDED = _("The closure of a case you asked for has been decided.")


class CaseRefused(Exception):
    """A step the case's state or the survivor's consent does not allow; the message says
    what to do instead (Vietnamese)."""


# --------------------------------------------------------------------------- the access log


def log(case: Case | None, action: str, what: str = "") -> AccessEntry:
    """One line of the access log, written now, in the caller's transaction: if it cannot
    be written, the caller's response fails with it (no entry, no data)."""
    actor_id, actor_name, address = current_actor()
    return AccessEntry.objects.create(
        actor_id=actor_id,
        actor_name=actor_name[:150],
        address=address,
        case_id=case.pk if case is not None else None,
        case_code=case.code if case is not None else "",
        action=action,
        what=what[:120],
    )


def log_list(cases: list[Case], action: str, what: str = "") -> None:
    """A list or a search shown: one line per case shown (so each case's log says who saw it
    in a list), or one line for an empty result; one INSERT statement, no model built per
    line (a page of 50 cases is the hot path of the register)."""
    actor_id, actor_name, address = current_actor()
    now = timezone.now()
    rows = [(case.pk, case.code) for case in cases] or [(None, "")]
    connection = connections[router.db_for_write(AccessEntry)]
    fields = [AccessEntry._meta.get_field(name) for name in LOG_COLUMNS]
    at = fields[0].get_db_prep_save(now, connection)
    table = connection.ops.quote_name(AccessEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(rows))
    params = [
        value
        for case_id, code in rows
        for value in (at, actor_id, actor_name[:150], address, case_id, code, action, what[:120])
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608


LOG_COLUMNS = ("at", "actor", "actor_name", "address", "case_id", "case_code", "action", "what")


# What a list of cases shows: never a sealed column (the tokens are not even read).
LISTED = (
    "code", "kind", "presumed", "reported_on", "risk", "status", "unit__name",
    "worker__full_name", "worker__username",
)  # fmt: skip


def listed(cases):
    """A list's rows: the columns it shows, each case's next follow-up due and its open
    referrals, newest first; one query for a page. The two figures are subqueries of each
    row shown, so the database works out only the page's (a join and GROUP BY would compute
    them for every case of a province before taking 50)."""
    next_due = (
        FollowUp.objects.filter(case=OuterRef("pk"), done_on__isnull=True)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    open_referrals = (
        Referral.objects.filter(case=OuterRef("pk"), state__in=OPEN_REFERRAL)
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        cases.select_related("unit", "worker")
        .only(*LISTED)
        .annotate(
            next_due=Subquery(next_due),
            open_referrals=Coalesce(Subquery(open_referrals), 0),
        )
        .order_by("-reported_on", "-pk")
    )


def overdue(cases, today: date):
    """Of `cases`, those with a follow-up not done and past its day."""
    late = FollowUp.objects.filter(case=OuterRef("pk"), done_on__isnull=True, due_on__lt=today)
    return cases.filter(Exists(late))


def search_digest(term: str) -> str:
    """What the log keeps of a search: a keyed digest, never the words."""
    return "q:" + blind_index(term, "search")[:16]


# --------------------------------------------------------------------------- intake


def set_identity(case: Case, full_name: str | None = None, id_number: str | None = None) -> None:
    if full_name is not None:
        case.full_name = full_name
        case.name_index = blind_index(full_name, "name") if full_name.strip() else ""
    if id_number is not None:
        case.id_number = id_number
        case.id_index = blind_index(id_number, "id") if id_number.strip() else ""


def matching(cases, term: str):
    """Cases whose survivor code, full name or identity number is exactly `term` (names by
    their blind index: never a partial match, never a scan of decrypted values)."""
    term = term.strip()
    return (
        cases.filter(code__iexact=term)
        | cases.filter(name_index=blind_index(term, "name"))
        | cases.filter(id_index=blind_index(term, "id"))
    )


@transaction.atomic
def open_case(case: Case, user, consents: dict[str, bool | None], worker=None) -> Case:
    """Record a new case (intake). `case` is unsaved, with its fields set (identity through
    set_identity). A case worker who records it owns it; a report from a trusted address
    waits for a supervisor to assign it."""
    case.received_by = user
    case.worker = worker
    case.save()
    for scope, given in consents.items():
        if given is not None:
            Consent.objects.create(case=case, scope=scope, given=given, recorded_by=user)
    log(case, AccessAction.CREATE)
    if worker is None:
        notify(
            case_supervisors_over(case.unit),
            Kind.CASE,
            in_vietnamese(NEW_REPORT),
            reverse("cases:list") + "?status=unassigned",
        )
    return case


@transaction.atomic
def assign(case: Case, worker, user) -> None:
    Case.objects.filter(pk=case.pk).update(worker=worker, version=F("version") + 1)
    case.worker = worker
    log(case, AccessAction.CHANGE, "worker")
    if worker is not None and worker != user:
        notify(
            [worker], Kind.CASE, in_vietnamese(ASSIGNED), reverse("cases:detail", args=[case.pk])
        )


# --------------------------------------------------------------------------- consent


def consents_of(case: Case) -> dict[str, Consent | None]:
    """The consent in force for each scope: the latest recorded."""
    latest: dict[str, Consent | None] = {scope: None for scope in ConsentScope.values}
    for consent in case.consents.order_by("scope", "-recorded_at", "-pk").prefetch_related(
        "providers"
    ):
        if latest[consent.scope] is None:
            latest[consent.scope] = consent
    return latest


@transaction.atomic
def record_consent(
    case: Case, scope: str, given: bool, user, legal_basis: str = "", providers=()
) -> Consent:
    consent = Consent.objects.create(
        case=case, scope=scope, given=given, legal_basis=legal_basis, recorded_by=user
    )
    if providers:
        consent.providers.set(providers)
    log(case, AccessAction.CHANGE, f"consent:{scope}:{'given' if given else 'refused'}")
    return consent


def referral_allowed(case: Case, provider: Provider) -> bool:
    """The survivor agreed to be referred to this provider (named in the consent to referral,
    or the consent names none), or a legal basis stands in for consent."""
    consent = consents_of(case)[ConsentScope.REFERRAL]
    if consent is None or not consent.allows:
        return False
    named = list(consent.providers.all())
    return not named or provider in named or bool(consent.legal_basis)


# --------------------------------------------------------------------------- referrals


@transaction.atomic
def refer(
    case: Case,
    provider: Provider,
    measure: str,
    user,
    note: str = "",
    share_contact: bool = False,
    override_reason: str = "",
    may_override: bool = False,
) -> Referral:
    if not case.is_open:
        raise CaseRefused(_("This case is closed. Reopen it before referring the survivor."))
    allowed = referral_allowed(case, provider)
    if not allowed:
        if not may_override:
            raise CaseRefused(
                _(
                    "The survivor has not agreed to be referred to this provider. Record "
                    "their consent first, or ask a supervisor to send it with a reason."
                )
            )
        if not override_reason.strip():
            raise CaseRefused(_("Write why the referral is sent without the survivor's consent."))
    referral = Referral.objects.create(
        case=case,
        provider=provider,
        measure=measure,
        shared_note=note,
        share_contact=share_contact and allowed,
        answer_due=timezone.localdate() + timedelta(days=ANSWER_DAYS),
        override_reason="" if allowed else override_reason.strip(),
        overridden_by=None if allowed else user,
        sent_by=user,
    )
    log(case, AccessAction.REFERRAL, f"sent:{referral.pk}" + ("" if allowed else ":override"))
    notify(
        provider.people.filter(is_active=True),
        Kind.CASE,
        in_vietnamese(REFERRAL_SENT, provider=provider.name),
        reverse("cases:referral", args=[referral.pk]),
    )
    return referral


# From each state, the states a referral may go to, and who moves it there.
MOVES = {
    "accept": (ReferralState.SENT, ReferralState.ACCEPTED),
    "decline": (ReferralState.SENT, ReferralState.DECLINED),
    "done": (ReferralState.ACCEPTED, ReferralState.DONE),
}


@transaction.atomic
def answer_referral(referral: Referral, move: str, user, reason: str = "") -> None:
    """The provider accepts, declines (with a reason) or says the service was given. A
    conditional UPDATE: of two answers sent at once, one wins and the other is told."""
    if move not in MOVES:
        raise CaseRefused(_("Choose what to answer."))
    source, target = MOVES[move]
    if move == "decline" and not reason.strip():
        raise CaseRefused(_("Write why the referral is declined."))
    now = timezone.now()
    changes = {"state": target}
    if move in ("accept", "decline"):
        changes["answered_at"] = now
        changes["reason"] = reason.strip()[:300]
    if target in (ReferralState.DECLINED, ReferralState.DONE):
        changes["closed_at"] = now
    if target == ReferralState.DONE:
        changes["done_on"] = timezone.localdate()
    if not Referral.objects.filter(pk=referral.pk, state=source).update(**changes):
        raise CaseRefused(_("This referral has already been answered or withdrawn."))
    log(referral.case, AccessAction.REFERRAL, f"{target}:{referral.pk}")
    notify(
        [person for person in [referral.case.worker, referral.sent_by] if person is not None],
        Kind.CASE,
        in_vietnamese(REFERRAL_ANSWERED),
        reverse("cases:detail", args=[referral.case_id]),
    )


@transaction.atomic
def withdraw_referral(referral: Referral, user, reason: str = "") -> None:
    updated = Referral.objects.filter(pk=referral.pk, state__in=OPEN_REFERRAL).update(
        state=ReferralState.WITHDRAWN, closed_at=timezone.now(), reason=reason.strip()[:300]
    )
    if not updated:
        raise CaseRefused(_("This referral is no longer open."))
    log(referral.case, AccessAction.REFERRAL, f"withdrawn:{referral.pk}")


@transaction.atomic
def give_service(case: Case, measure: str, given_on: date, user) -> Service:
    if measure not in Measure.values:
        raise CaseRefused(_("Choose a measure from the list."))
    service = Service.objects.create(case=case, measure=measure, given_on=given_on, by=user)
    log(case, AccessAction.CHANGE, f"service:{measure}")
    return service


# --------------------------------------------------------------------------- follow-ups


@transaction.atomic
def add_follow_up(case: Case, due_on: date, note: str, user) -> FollowUp:
    follow_up = FollowUp.objects.create(case=case, due_on=due_on, note=note, created_by=user)
    log(case, AccessAction.CHANGE, "follow_up:planned")
    return follow_up


@transaction.atomic
def complete_follow_up(follow_up: FollowUp, done_on: date, note: str = "") -> None:
    changes: dict = {"done_on": done_on}
    if note.strip():
        follow_up.note = note
        changes["note"] = FollowUp._meta.get_field("note").get_prep_value(note)
    if not FollowUp.objects.filter(pk=follow_up.pk, done_on__isnull=True).update(**changes):
        raise CaseRefused(_("This follow-up is already marked done."))
    log(follow_up.case, AccessAction.CHANGE, "follow_up:done")


@dataclass
class Waiting:
    """A case person's home: what waits for them, in counts (no case named on the home)."""

    overdue_follow_ups: int = 0
    unassigned: int = 0
    closures: int = 0
    late_referrals: int = 0
    referrals_to_answer: int = 0
    exports_to_approve: int = 0

    @property
    def any(self) -> bool:
        return bool(
            self.exports_to_approve
            or self.overdue_follow_ups
            or self.unassigned
            or self.closures
            or self.late_referrals
            or self.referrals_to_answer
        )


def waiting_for(user, today: date | None = None) -> Waiting:
    """What waits for a case person, counted (five COUNTs at most, none per case)."""
    today = today or timezone.localdate()
    waiting = Waiting()
    if access.opens_case_register(user):
        cases = access.cases_visible_to(user).open()
        waiting.overdue_follow_ups = FollowUp.objects.filter(
            case__in=cases, done_on__isnull=True, due_on__lt=today
        ).count()
        waiting.late_referrals = Referral.objects.filter(
            case__in=cases, state=ReferralState.SENT, answer_due__lt=today
        ).count()
        if access.supervises_cases(user):
            waiting.unassigned = cases.filter(worker__isnull=True).count()
            waiting.closures = (
                cases.filter(status=CaseStatus.CLOSING).exclude(closure_requested_by=user).count()
            )
    if access.receives_referrals(user):
        waiting.referrals_to_answer = (
            access.referrals_for_recipient(user).filter(state=ReferralState.SENT).count()
        )
    return waiting


# --------------------------------------------------------------------------- closure


@transaction.atomic
def request_closure(case: Case, reason: str, user) -> None:
    if not Case.objects.filter(pk=case.pk, status=CaseStatus.OPEN).update(
        status=CaseStatus.CLOSING,
        closure_reason=reason,
        closure_requested_by=user,
        version=F("version") + 1,
    ):
        raise CaseRefused(_("Only an open case can be proposed for closure."))
    log(case, AccessAction.CHANGE, "closure:requested")
    notify(
        case_supervisors_over(case.unit).exclude(pk=user.pk),
        Kind.CASE,
        in_vietnamese(CLOSURE_ASKED),
        reverse("cases:detail", args=[case.pk]),
    )


@transaction.atomic
def decide_closure(case: Case, approve: bool, user) -> None:
    """A supervisor approves the closure (the case is closed today) or sends it back open.
    Nobody approves the closure they asked for."""
    if case.closure_requested_by_id == user.pk and approve:
        raise CaseRefused(_("Another supervisor must approve the closure you asked for."))
    changes: dict = (
        {
            "status": CaseStatus.CLOSED,
            "closed_on": timezone.localdate(),
            "closure_approved_by": user,
        }
        if approve
        else {"status": CaseStatus.OPEN, "closure_reason": ""}
    )
    if not Case.objects.filter(pk=case.pk, status=CaseStatus.CLOSING).update(
        version=F("version") + 1, **changes
    ):
        raise CaseRefused(_("This case is not waiting for a decision on its closure."))
    log(case, AccessAction.CHANGE, "closure:approved" if approve else "closure:returned")
    if case.closure_requested_by is not None:
        notify(
            [case.closure_requested_by],
            Kind.CASE,
            in_vietnamese(CLOSURE_DECIDED),
            reverse("cases:detail", args=[case.pk]),
        )


@transaction.atomic
def reopen(case: Case, user) -> None:
    if not Case.objects.filter(pk=case.pk, status=CaseStatus.CLOSED).update(
        status=CaseStatus.OPEN,
        closed_on=None,
        closure_reason="",
        closure_approved_by=None,
        version=F("version") + 1,
    ):
        raise CaseRefused(_("Only a closed case can be reopened."))
    log(case, AccessAction.CHANGE, "reopened")
