"""From the plan to done recommendations: documents issued, people told, reports accepted
or returned, overdue ones reminded once."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from vstb.inspections import services
from vstb.inspections.models import PlanStatus, Recommendation, RecommendationStatus
from vstb.inspections.tests.helpers import issue, issued, planned, visited
from vstb.notifications.models import Kind, Notification, ReminderSent
from vstb.notifications.reminders import send_reminders


def titles(user, kind):
    return list(Notification.objects.filter(user=user, kind=kind).values_list("title", flat=True))


def test_issuing_the_plan_tells_the_targets_and_freezes_the_plan(world):
    plan = planned(world)
    document = services.draft_plan_document(plan, by=world.users["district_secretariat"])
    issue(document)
    plan.refresh_from_db()

    assert plan.status == PlanStatus.ISSUED and plan.plan_document == document
    [told] = titles(world.users["ward_officer"], Kind.INSPECTION)
    assert "Phường Bồ Đề" in told and "15/09/2025" in told
    assert titles(world.users["other_ward_officer"], Kind.INSPECTION) == []
    with pytest.raises(ValidationError):
        services.add_target(plan, unit=world.other_ward, planned_on=date(2025, 10, 1))


def test_a_plan_without_a_head_or_targets_is_not_drafted(world):
    from vstb.inspections.models import InspectionPlan

    plan = services.create_plan(
        InspectionPlan(
            unit=world.district,
            title="Kiểm tra",
            period_start=date(2025, 9, 1),
            period_end=date(2025, 9, 30),
        )
    )
    with pytest.raises(ValidationError) as refused:
        services.draft_plan_document(plan)
    assert len(refused.value.messages) == 2  # no target, no head (the default criteria are there)


def test_targets_must_be_lower_units_or_member_agencies_within_the_period(world):
    plan = planned(world)
    with pytest.raises(ValidationError):
        services.add_target(plan, unit=world.far_ward, planned_on=date(2025, 9, 10))
    with pytest.raises(ValidationError):
        services.add_target(plan, unit=world.other_ward, planned_on=date(2026, 1, 10))
    with pytest.raises(ValidationError):
        services.add_target(plan, unit=world.ward, planned_on=date(2025, 9, 10))  # twice


def test_the_team_has_one_head_from_the_committee(world):
    plan = planned(world)
    with pytest.raises(ValidationError):
        services.add_team_member(plan, world.ward_member, "member")  # another committee


def test_conclusions_open_the_recommendations_and_tell_the_addressee(world):
    visit = visited(world)
    [recommendation] = visit.recommendations.all()
    assert recommendation.status == RecommendationStatus.PENDING
    # A pending recommendation is the team's draft: the ward does not see it yet.
    assert titles(world.users["ward_officer"], Kind.RECOMMENDATION) == []

    issue(services.draft_conclusions(visit), on=date(2025, 9, 25))

    recommendation.refresh_from_db()
    visit.refresh_from_db()
    assert recommendation.status == RecommendationStatus.OPEN
    assert visit.conclusions is not None
    [told] = titles(world.users["ward_officer"], Kind.RECOMMENDATION)
    assert "Phường Bồ Đề" in told
    with pytest.raises(ValidationError):
        services.record_visit(visit, date(2025, 9, 15), "", [], visit.version)


def test_conclusions_wait_for_every_finding(world):
    plan = issued(world)
    visit = plan.targets.get(unit=world.ward).visit
    with pytest.raises(ValidationError):
        services.draft_conclusions(visit)


def open_recommendation(world) -> Recommendation:
    visit = visited(world)
    issue(services.draft_conclusions(visit), on=date(2025, 9, 25))
    return visit.recommendations.get()


def test_the_addressee_reports_the_team_returns_then_accepts(world):
    recommendation = open_recommendation(world)
    ward, secretariat = world.users["ward_officer"], world.users["district_secretariat"]

    services.report_on(recommendation, "Đã ban hành kế hoạch.", [], recommendation.version, by=ward)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.REPORTED
    # The team is told: the district's secretariat, and Phòng Tư pháp's focal point (the
    # agency of a member of the team); the one who reported is not.
    assert titles(secretariat, Kind.RECOMMENDATION)
    assert titles(world.users["focal_point"], Kind.RECOMMENDATION)

    services.send_back(
        recommendation, "Chưa gửi kèm kế hoạch.", recommendation.version, by=secretariat
    )
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.RETURNED
    assert recommendation.return_reason == "Chưa gửi kèm kế hoạch."
    assert len(titles(ward, Kind.RECOMMENDATION)) == 2  # opened, returned

    services.report_on(
        recommendation, "Gửi kèm kế hoạch số 12.", [], recommendation.version, by=ward
    )
    recommendation.refresh_from_db()
    services.accept(recommendation, recommendation.version, by=secretariat)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.ACCEPTED
    assert recommendation.responses.count() == 2


def test_returning_needs_a_reason_and_only_a_reported_one_is_reviewed(world):
    recommendation = open_recommendation(world)
    with pytest.raises(ValidationError):
        services.accept(recommendation, recommendation.version)
    recommendation.refresh_from_db()
    services.report_on(recommendation, "Đã làm.", [], recommendation.version)
    recommendation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.send_back(recommendation, "  ", recommendation.version)


def test_a_stale_report_is_refused(world):
    recommendation = open_recommendation(world)
    stale = recommendation.version
    services.report_on(recommendation, "Lần một.", [], stale)
    recommendation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.accept(recommendation, stale)
    assert Recommendation.objects.get(pk=recommendation.pk).status == RecommendationStatus.REPORTED


def test_the_plan_closes_once_every_visit_is_concluded_and_every_recommendation_done(world):
    recommendation = open_recommendation(world)
    plan = recommendation.visit.target.plan
    with pytest.raises(ValidationError):
        services.close_plan(plan)  # the agency's visit has no conclusions
    visit = plan.targets.get(agency=world.womens_union).visit
    from vstb.inspections.models import Result
    from vstb.inspections.services import FindingInput

    services.record_visit(
        visit,
        date(2025, 9, 22),
        "",
        [FindingInput(c.pk, Result.MET) for c in plan.criteria.all()],
        visit.version,
    )
    issue(services.draft_conclusions(visit), on=date(2025, 9, 26))
    with pytest.raises(ValidationError):
        services.close_plan(plan)  # the ward's recommendation is open
    services.report_on(recommendation, "Đã làm.", [], recommendation.version)
    recommendation.refresh_from_db()
    services.accept(recommendation, recommendation.version)
    plan.refresh_from_db()
    services.close_plan(plan)
    assert plan.status == PlanStatus.CLOSED


def test_an_overdue_recommendation_is_reminded_once(world):
    recommendation = open_recommendation(world)  # due 31/10/2025
    ward = world.users["ward_officer"]

    send_reminders(today=date(2025, 10, 20))  # more than 7 days before: nothing
    assert not ReminderSent.objects.filter(kind=Kind.RECOMMENDATION).exists()
    send_reminders(today=date(2025, 10, 25))  # due soon
    send_reminders(today=date(2025, 10, 26))  # again: nothing new
    send_reminders(today=date(2025, 11, 3))  # overdue
    send_reminders(today=date(2025, 11, 10))  # still overdue: not again

    sent = ReminderSent.objects.filter(kind=Kind.RECOMMENDATION, object_id=recommendation.pk)
    assert sorted(sent.filter(user=ward).values_list("occasion", flat=True)) == ["7d", "overdue"]
    # The ward's officer: the opening notification and the two reminders.
    assert len(titles(ward, Kind.RECOMMENDATION)) == 3
    # The other ward is not the addressee.
    assert titles(world.users["other_ward_officer"], Kind.RECOMMENDATION) == []


def test_a_reported_recommendation_is_not_chased(world):
    recommendation = open_recommendation(world)
    services.report_on(recommendation, "Đã làm.", [], recommendation.version)
    send_reminders(today=date(2025, 11, 3))
    assert not ReminderSent.objects.filter(kind=Kind.RECOMMENDATION).exists()
