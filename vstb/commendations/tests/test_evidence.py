from datetime import date

import pytest

from vstb.commendations import evidence, services
from vstb.commendations.models import Proposal
from vstb.commendations.tests.helpers import sent, ward_plan, year_of_evidence
from vstb.conftest import queries_of
from vstb.org.models import Agency, Unit

pytestmark = pytest.mark.django_db

TODAY = date(2025, 12, 20)


def by_key(candidates):
    return {c.key: c for c in candidates}


def test_a_unit_that_reported_on_time_and_did_its_tasks_is_proposed_with_its_evidence(world):
    year_of_evidence(world)
    found = by_key(evidence.candidates(world.district, 2025, TODAY))
    ward = found[f"unit:{world.ward.pk}"]
    assert ward.eligible
    assert ward.sentences == ["Gửi đúng hạn 1/1 báo cáo.", "Hoàn thành 1 nhiệm vụ."]
    assert ward.score == 4


def test_a_unit_that_reported_late_is_not_proposed_and_says_why(world):
    year_of_evidence(world)
    found = by_key(evidence.candidates(world.district, 2025, TODAY))
    late = found[f"unit:{world.other_ward.pk}"]
    assert not late.eligible
    assert late.sentences == ["Gửi đúng hạn 0/1 báo cáo (1 báo cáo gửi muộn)."]
    assert late.score == -3


def test_agencies_carry_reports_tasks_and_activities_and_missing_reports_count_against(world):
    year_of_evidence(world)
    found = by_key(evidence.candidates(world.district, 2025, TODAY))
    justice = found[f"agency:{world.justice.pk}"]
    assert justice.eligible
    assert justice.sentences == [
        "Gửi đúng hạn 1/1 báo cáo.",
        "Hoàn thành 1 nhiệm vụ.",
        "Tổ chức 1 hoạt động, thu hút 80 lượt nữ và 40 lượt nam tham gia.",
    ]
    labour = found[f"agency:{world.labour.pk}"]
    assert not labour.eligible
    assert labour.sentences == ["Gửi đúng hạn 0/1 báo cáo (1 báo cáo chưa gửi)."]


def test_an_overdue_task_keeps_a_unit_out(world):
    year_of_evidence(world)
    ward_plan(world.ward, status="in_progress", due=date(2025, 11, 1))
    ward = by_key(evidence.candidates(world.district, 2025, TODAY))[f"unit:{world.ward.pk}"]
    assert not ward.eligible
    assert "1 nhiệm vụ quá hạn chưa hoàn thành" in ward.sentences[1]


def test_members_and_officers_carry_their_agencys_evidence(world):
    year_of_evidence(world)
    found = by_key(evidence.candidates(world.district, 2025, TODAY))
    member = found[f"member:{world.member.pk}"]
    assert member.eligible and member.agency_name == world.justice.name
    assert member.sentences[0] == f"Kết quả của {world.justice.name}:"
    assert not found[f"member:{world.chair.pk}"].eligible  # Phòng LĐTBXH did not report
    focal = found[f"officer:{world.users['focal_point'].pk}"]
    assert focal.eligible and focal.name == "focal_point"
    # A viewer (a leader) is not an officer of the unit's work.
    assert f"officer:{world.users['district_viewer'].pk}" not in found


def test_the_evidence_is_read_in_the_same_number_of_queries_whatever_the_candidates(world):
    requirement = year_of_evidence(world)
    first = queries_of(lambda: evidence.candidates(world.district, 2025, TODAY))
    for n in range(4):
        ward = Unit.objects.create(
            code=f"0099{n}", name=f"Phường {n}", kind="phuong", parent=world.district
        )
        sent(requirement, date(2025, 5, 20), unit=ward)
        ward_plan(ward)
        agency = Agency.objects.create(unit=world.district, name=f"Phòng {n}", kind="khac")
        sent(requirement, date(2025, 5, 30), agency=agency)
    assert queries_of(lambda: evidence.candidates(world.district, 2025, TODAY)) == first
    assert len(evidence.candidates(world.district, 2025, TODAY)) > 10


def test_opening_a_round_proposes_the_eligible_best_first(world):
    year_of_evidence(world)
    round_ = services.open_round(world.district, 2025, date(2025, 12, 25))
    names = list(round_.proposals.values_list("name", flat=True))
    assert world.ward.name in names and world.justice.name in names
    assert world.other_ward.name not in names and world.labour.name not in names
    assert all(p.from_evidence and p.award == "giay_khen_huyen" for p in round_.proposals.all())
    scores = [p.score for p in Proposal.objects.filter(round=round_)]
    assert scores == sorted(scores, reverse=True)


def test_an_inspection_with_recommendations_still_open_keeps_a_unit_out(world):
    from vstb.inspections.models import Recommendation, Visit
    from vstb.inspections.tests.helpers import make_plan

    year_of_evidence(world)
    make_plan(world, status="issued")
    Visit.objects.filter(target__in=[world.ward_target, world.justice_target]).update(
        visited_on=date(2025, 9, 15)
    )
    Recommendation.objects.create(
        visit=world.ward_target.visit,
        text="Bổ sung hồ sơ.",
        addressee_unit=world.ward,
        deadline=date(2025, 10, 30),
    )
    found = by_key(evidence.candidates(world.district, 2025, TODAY))
    ward = found[f"unit:{world.ward.pk}"]
    assert not ward.eligible
    assert ward.sentences[-1] == "Được kiểm tra trong năm; còn 1 kiến nghị chưa thực hiện xong."
    justice = found[f"agency:{world.justice.pk}"]
    assert justice.eligible and justice.score == 2 + 2 + 1 + 3
    assert (
        justice.sentences[-1]
        == "Được kiểm tra trong năm; đạt các tiêu chí, không còn kiến nghị tồn đọng."
    )


def test_the_indicator_targets_of_the_year_a_lower_unit_meets_count_for_it(world):
    from vstb.indicators.tests.factories import ensure_catalogue, put

    ensure_catalogue()
    year_of_evidence(world)
    # NQ28-M1-CT1: the share of agencies with women leaders reaches 60 % by 2025.
    put("LD_CO_QUAN", world.ward, 2025, 10)
    put("LD_CO_QUAN_CO_NU", world.ward, 2025, 7)
    put("LD_CO_QUAN", world.other_ward, 2025, 10)
    put("LD_CO_QUAN_CO_NU", world.other_ward, 2025, 5)
    found = by_key(evidence.candidates(world.district, 2025, TODAY))
    ward, other = found[f"unit:{world.ward.pk}"], found[f"unit:{world.other_ward.pk}"]
    assert "Đạt 1/1 chỉ tiêu của năm." in ward.sentences and ward.score == 4 + 2
    assert "Đạt 0/1 chỉ tiêu của năm." in other.sentences
