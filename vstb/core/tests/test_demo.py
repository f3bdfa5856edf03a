"""The demo loads real units once, with users for every role, and never duplicates data."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from vstb.accounts.models import Role, RoleKind, User
from vstb.budget.models import Estimate, EstimateLine
from vstb.commendations.models import Proposal, Round
from vstb.core.demo import load_demo, load_demo_figures
from vstb.core.demo_data import DEMO_USERS
from vstb.indicators import rollup
from vstb.indicators.models import DataValue, DataValueChange, Indicator, Source
from vstb.indicators.tests.factories import ensure_catalogue
from vstb.inspections.models import InspectionPlan, Recommendation, Response
from vstb.leaders.models import Candidate
from vstb.org.models import Agency, Committee, Membership, Succession, Unit

pytestmark = pytest.mark.django_db

COUNTED = [
    *[Unit, Agency, Committee, Membership, Succession, User, Role],
    *[InspectionPlan, Recommendation, Response, Round, Proposal, Estimate, EstimateLine, Candidate],
]


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loading_twice_changes_nothing():
    assert load_demo() is True
    first = _counts()
    assert load_demo() is False
    assert _counts() == first


def test_demo_command_sets_up_and_prints_every_login(capsys):
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    for username, *_ in DEMO_USERS:
        assert username in out
    call_command("demo", "--no-serve")
    assert "đã có sẵn" in capsys.readouterr().out


def test_demo_has_a_user_for_every_role():
    load_demo()
    assert {kind for kind in Role.objects.values_list("kind", flat=True)} == set(RoleKind.values)


def test_demo_has_two_ward_officers_of_long_bien_and_two_secretariats():
    load_demo()
    officers = Role.objects.filter(kind=RoleKind.UNIT_OFFICER, unit__parent__name="Quận Long Biên")
    assert officers.values("unit").distinct().count() == 2
    secretariats = set(
        Role.objects.filter(kind=RoleKind.SECRETARIAT).values_list("unit__name", flat=True)
    )
    assert {"Quận Long Biên", "Thành phố Hải Phòng"} <= secretariats


def test_long_bien_wards_point_to_their_2025_successors():
    load_demo()
    old_bo_de = Unit.objects.get(name="Phường Bồ Đề", parent__name="Quận Long Biên")
    successors = old_bo_de.current_successors()
    # The official list's: the former ward went, in parts, to three wards of the city.
    assert "Phường Bồ Đề" in [u.name for u in successors]
    assert {u.parent.name for u in successors} == {"Thành phố Hà Nội"}
    assert not any(u.code.startswith("TAM-") for u in successors)
    ceased = Unit.objects.filter(parent__name="Quận Long Biên")
    assert ceased.count() == 13 and all(not w.is_valid_on(w.valid_to) for w in ceased)
    assert all(ward.successions.exists() for ward in ceased)


def test_hanoi_is_the_official_list_before_and_after_the_reform():
    load_demo()
    hanoi = Unit.objects.get(code="01")
    before = Unit.objects.filter(parent=hanoi, valid_to__isnull=False)  # its 30 districts
    after = Unit.objects.filter(parent=hanoi, valid_to__isnull=True)  # its 126 communes and wards
    assert (before.count(), after.count()) == (30, 126)
    assert Unit.objects.filter(parent__in=before).count() == 526  # on 30/6/2025
    assert not Unit.objects.filter(path__startswith=hanoi.path, code__startswith="TAM-").exists()


def test_every_demo_member_is_marked_fictitious_and_unconfirmed_codes_say_so():
    load_demo()
    assert not Membership.objects.filter(fictitious=False).exists()
    for unit in Unit.objects.filter(code_confirmed=False):
        assert unit.note, f"{unit} has an unconfirmed code but no note saying so"


def test_seed_agencies_exist():
    load_demo()
    long_bien = Unit.objects.get(code="004")
    names = set(long_bien.agencies.values_list("short_name", flat=True))
    assert {
        "Phòng LĐTBXH quận",
        "Phòng Tư pháp",
        "Phòng Nội vụ",
        "Hội LHPN quận",
        "LĐLĐ quận",
        "Công an quận",
    } <= names
    assert long_bien.committee.standing_agency.short_name == "Phòng LĐTBXH quận"


def test_demo_holds_the_three_seed_plans_issued_and_one_cascade():
    from vstb.plans.models import Plan, PlanStatus

    load_demo()
    haiphong = Plan.objects.get(unit__code="31")
    assert haiphong.status == PlanStatus.ISSUED and haiphong.number_and_symbol == "02/CTr-BVSTBPN"
    long_bien = Plan.objects.get(unit__code="004")
    assert long_bien.tasks.count() == 56 and long_bien.number is None
    assert long_bien.tasks.filter(lead__isnull=False).exists()
    assert Plan.objects.get(unit__code="381").issued_on.isoformat() == "2017-05-23"
    derived = Plan.objects.get(parent_plan=long_bien)
    assert derived.unit.name == "Phường Bồ Đề" and derived.tasks.exists()


def test_seed_task_leads_resolve_to_the_units_agencies():
    from vstb.plans.models import Plan

    load_demo()
    long_bien = Plan.objects.get(unit__code="004")
    leads = {
        t.lead.short_name for t in long_bien.tasks.filter(lead__isnull=False).select_related("lead")
    }
    assert {
        "Phòng LĐTBXH quận",
        "Phòng Tư pháp",
        "Phòng Nội vụ",
        "Hội LHPN quận",
        "LĐLĐ quận",
    } <= leads
    unresolved = set(
        long_bien.tasks.filter(lead__isnull=True)
        .exclude(lead_name="")
        .values_list("lead_name", flat=True)
    )
    # Only bodies that are not agencies of the district stay as written.
    assert unresolved <= {"UBND các phường", "Phòng Y tế, Trung tâm Y tế quận"}, unresolved


def test_demo_sets_up_the_long_bien_6_month_report_for_its_wards():
    from vstb.reporting.models import Requirement

    load_demo()
    requirement = Requirement.objects.get(unit__code="004")
    assert requirement.kind == "six_month"
    assert requirement.due_dates["3"] == "2025-05-25"
    assert requirement.expected_units(requirement.unit).count() == 13


def test_demo_figures_are_marked_illustrative_and_fill_the_dashboard(client):
    ensure_catalogue()
    load_demo()
    written = DataValue.objects.count()
    assert written > 0
    assert set(DataValue.objects.values_list("source", flat=True)) == {Source.DEMO}
    assert DataValueChange.objects.filter(source=Source.DEMO).count() == written
    assert load_demo_figures() == 0  # once only
    # The old wards' years roll into the new wards by today's boundaries, not by the period's.
    hanoi, share = Unit.objects.get(code="01"), Indicator.objects.get(code="NQ28-M6-CT1")
    today = rollup.by_children(share, hanoi, 2023, rollup.TODAY)
    period = rollup.by_children(share, hanoi, 2023, rollup.PERIOD)
    long_bien = Unit.objects.get(code="004")
    assert {u.name for u, v in today.items() if v is not None} == set(
        Unit.objects.filter(predecessions__predecessor__parent=long_bien).values_list(
            "name", flat=True
        )
    )
    assert [u.code for u, v in period.items() if v is not None] == ["004"]
    # Hà Nội's public page shows them, and every page then says they are made up.
    page = client.get(reverse("public_indicators", args=["01"]))
    assert page.status_code == 200 and len(page.context["rows"]) == 2
    with override_settings(VSTB_DEMO=True):
        html = client.get(reverse("public_indicators", args=["01"])).content.decode()
    assert "Bản demo: người dùng và số liệu chỉ tiêu là giả định" in html
    assert "Bản demo" not in page.content.decode()


def test_demo_inspection_has_an_open_recommendation_the_ward_officer_sees(client):
    from vstb.inspections.models import InspectionPlan, PlanStatus, RecommendationStatus

    load_demo()
    plan = InspectionPlan.objects.get(unit__code="004")
    assert plan.status == PlanStatus.ISSUED and plan.team.count() == 2
    assert {t.unit.name for t in plan.targets.all()} == {"Phường Bồ Đề", "Phường Ngọc Lâm"}
    assert all(t.reasons for t in plan.targets.all())  # as suggest_targets gave them
    [visit] = [t.visit for t in plan.targets.all() if t.visit.visited_on]
    assert visit.findings.exists() and visit.conclusions.status == "issued"
    statuses = sorted(visit.recommendations.values_list("status", flat=True))
    assert statuses == sorted([RecommendationStatus.OPEN, RecommendationStatus.REPORTED])
    client.force_login(User.objects.get(username="bode.canbo"))
    page = client.get(reverse("inspections:recommendations"))
    open_one = visit.recommendations.get(status=RecommendationStatus.OPEN)
    assert page.status_code == 200 and open_one.text in page.content.decode()


def test_demo_commendation_round_shows_proposals_and_left_out_candidates(client):
    load_demo()
    round_ = Round.objects.get(unit__code="004", year=2025)
    proposals = round_.proposals.all()
    assert proposals.exists() and all(p.is_draft and p.from_evidence for p in proposals)
    assert not round_.submissions.exists()
    client.force_login(User.objects.get(username="longbien.thuongtruc"))
    page = client.get(reverse("commendations:detail", args=[round_.pk]))
    assert page.status_code == 200 and page.context["not_proposed"]
    assert proposals[0].name in page.content.decode()


def test_demo_estimate_is_approved_with_its_lines_in_the_ledger(client):
    from vstb.budget import services as budget
    from vstb.budget.models import EstimateStatus

    load_demo()
    estimate = Estimate.objects.get(plan__unit__code="004")
    assert estimate.status == EstimateStatus.APPROVED and estimate.lines.count() == 3
    ledger = budget.ledger(estimate)
    # The demo records no activities: the ledger shows the estimate and nothing spent yet.
    assert ledger.estimated == 50_000_000 and ledger.spent == 0
    client.force_login(User.objects.get(username="longbien.thuongtruc"))
    page = client.get(reverse("budget:estimate", args=[estimate.plan_id]))
    assert page.status_code == 200 and "50.000.000" in page.content.decode()


def test_demo_leaders_has_women_and_men_in_planning_one_appointed(client):
    from vstb.leaders import services as leaders
    from vstb.leaders.models import CandidateStatus

    load_demo()
    long_bien = Unit.objects.get(code="004")
    candidates = Candidate.objects.filter(unit=long_bien)
    assert set(candidates.values_list("sex", flat=True)) == {"nu", "nam"}
    assert candidates.filter(status=CandidateStatus.APPOINTED).count() == 1
    shares = leaders.shares(long_bien, 2025)
    assert (shares.planned, shares.planned_women) == (3, 1)
    assert (shares.appointed, shares.appointed_women) == (1, 1)
    client.force_login(User.objects.get(username="longbien.thuongtruc"))
    page = client.get(reverse("leaders:list", args=[long_bien.pk]))
    assert page.status_code == 200 and candidates[0].full_name in page.content.decode()
