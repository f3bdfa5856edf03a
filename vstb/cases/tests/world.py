"""The case register's world for tests: the shared unit tree (vstb/conftest.py) with case
personas and one case in each situation the permission matrix distinguishes.

Personas: worker and worker2 (case workers of Bồ Đề), other_worker (case worker of Ngọc
Lâm), ward_supervisor (Bồ Đề), city_supervisor (Hà Nội), other_province_supervisor (Hải
Phòng), trusted (a trusted address of Bồ Đề), recipient (receives the referrals of the
district's legal-aid centre), other_recipient (a recipient of another provider); and from
the shared world: anonymous, admin, district_secretariat, ward_officer, district_viewer.

Cases (seen from `worker`): own, assigned (worker2's, worker helps), same_commune (worker2's),
other_commune (Ngọc Lâm's), referral_open and referral_closed (worker2's, referred to the
legal-aid centre), closed (worker's, closed)."""

from datetime import date, timedelta

from django.utils import timezone

from vstb.accounts.models import RoleKind
from vstb.cases import services
from vstb.cases.catalogue import CaseKind, ConsentScope, Measure, ProviderKind, ViolenceForm
from vstb.cases.models import Case, CaseStatus, FollowUp, Incident, Provider
from vstb.conftest import build_world, make_user

CASE_PERSONAS = [
    "worker",
    "worker2",
    "other_worker",
    "ward_supervisor",
    "city_supervisor",
    "other_province_supervisor",
    "trusted",
    "recipient",
    "other_recipient",
]
SHARED_PERSONAS = ["anonymous", "admin", "district_secretariat", "ward_officer", "district_viewer"]
SITUATIONS = [
    "own",
    "assigned",
    "same_commune",
    "other_commune",
    "referral_open",
    "referral_closed",
    "closed",
]


def new_case(unit, worker=None, *, name="", statistics=True, kind=CaseKind.DOMESTIC, **fields):
    case = Case(unit=unit, kind=kind, channel="commune", **fields)
    if name:
        services.set_identity(case, full_name=name)
    consents = {ConsentScope.STATISTICS: statistics, ConsentScope.REFERRAL: True}
    return services.open_case(case, worker, consents, worker=worker)


def build_case_world():
    w = build_world()
    people = {
        "worker": (RoleKind.CASE_WORKER, w.ward),
        "worker2": (RoleKind.CASE_WORKER, w.ward),
        "other_worker": (RoleKind.CASE_WORKER, w.other_ward),
        "ward_supervisor": (RoleKind.CASE_SUPERVISOR, w.ward),
        "city_supervisor": (RoleKind.CASE_SUPERVISOR, w.province),
        "other_province_supervisor": (RoleKind.CASE_SUPERVISOR, w.other_province),
        "trusted": (RoleKind.TRUSTED_ADDRESS, w.ward),
        "recipient": (RoleKind.CASE_RECIPIENT, w.district),
        "other_recipient": (RoleKind.CASE_RECIPIENT, w.district),
    }
    for name, (kind, unit) in people.items():
        w.users[name] = make_user(name, kind, unit)
    u = w.users
    w.legal_aid = Provider.objects.create(
        unit=w.district, kind=ProviderKind.LEGAL_AID, name="Trung tâm trợ giúp pháp lý"
    )
    w.legal_aid.people.set([u["recipient"]])
    w.health = Provider.objects.create(unit=w.ward, kind=ProviderKind.HEALTH, name="Trạm y tế")
    w.health.people.set([u["other_recipient"]])
    w.cases = {
        "own": new_case(w.ward, u["worker"]),
        "assigned": new_case(w.ward, u["worker2"]),
        "same_commune": new_case(w.ward, u["worker2"]),
        "other_commune": new_case(w.other_ward, u["other_worker"]),
        "referral_open": new_case(w.ward, u["worker2"]),
        "referral_closed": new_case(w.ward, u["worker2"]),
        "closed": new_case(w.ward, u["worker"]),
    }
    w.cases["assigned"].helpers.add(u["worker"])
    w.referrals = {
        key: services.refer(w.cases[key], w.legal_aid, Measure.LEGAL_AID, u["worker2"])
        for key in ("referral_open", "referral_closed")
    }
    services.answer_referral(w.referrals["referral_closed"], "accept", u["recipient"])
    services.answer_referral(w.referrals["referral_closed"], "done", u["recipient"])
    Case.objects.filter(pk=w.cases["closed"].pk).update(
        status=CaseStatus.CLOSED, closed_on=timezone.localdate(), closure_reason="needs_met"
    )
    w.follow_ups = {
        key: FollowUp.objects.create(case=case, due_on=date(2026, 1, 1))
        for key, case in w.cases.items()
    }
    for case in w.cases.values():
        Incident.objects.create(
            case=case, occurred_on=date(2025, 12, 1), forms=[ViolenceForm.PHYSICAL]
        )
        case.refresh_from_db()
    return w


def recent() -> date:
    return timezone.localdate() - timedelta(days=1)
