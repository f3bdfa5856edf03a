"""Who sees and changes what of an inspection (vstb/access/inspections.py), beyond the
walk's statuses: an inspected unit sees its own findings and recommendations, not another
target's; the team edits; viewers read; outsiders see nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from vstb import access
from vstb.inspections import services
from vstb.inspections.models import Recommendation, Visit
from vstb.inspections.tests.helpers import issue, planned, visited


@pytest.fixture
def two_wards(world):
    """The ward and the other ward both inspected, both concluded with a recommendation."""
    plan = planned(world)
    services.add_target(plan, unit=world.other_ward, planned_on=date(2025, 9, 29))
    issue(services.draft_plan_document(plan))
    plan.refresh_from_db()
    ward_visit = visited(world, plan)
    other_visit = Visit.objects.get(target__plan=plan, target__unit=world.other_ward)
    from vstb.inspections.models import Result
    from vstb.inspections.services import FindingInput

    services.record_visit(
        other_visit,
        date(2025, 9, 29),
        "",
        [FindingInput(c.pk, Result.PARTLY) for c in plan.criteria.all()],
        other_visit.version,
    )
    services.add_recommendation(
        other_visit,
        Recommendation(
            text="Kiện toàn Ban", addressee_unit=world.other_ward, deadline=date(2025, 12, 1)
        ),
    )
    for visit in (ward_visit, other_visit):
        issue(services.draft_conclusions(visit), on=date(2025, 10, 1))
    return plan, ward_visit, other_visit


def test_an_inspected_ward_sees_its_visit_and_recommendation_and_not_the_others(world, two_wards):
    plan, ward_visit, other_visit = two_wards
    officer = world.users["ward_officer"]
    assert list(access.visits_visible_to(officer)) == [ward_visit]
    assert {r.visit_id for r in access.recommendations_visible_to(officer)} == {ward_visit.pk}
    with pytest.raises(Http404):
        access.get_visit_for_user(officer, other_visit.pk)
    with pytest.raises(Http404):
        access.get_inspection_plan_for_user(officer, plan.pk)
    other = world.users["other_ward_officer"]
    assert list(access.visits_visible_to(other)) == [other_visit]


def test_the_team_records_the_viewer_reads_outsiders_see_nothing(world, two_wards):
    plan, ward_visit, _other = two_wards
    # Phòng Tư pháp's focal point: its agency's member is on the team.
    assert access.get_visit_for_user(world.users["focal_point"], ward_visit.pk, write=True)
    viewer = world.users["district_viewer"]
    assert access.get_visit_for_user(viewer, ward_visit.pk) == ward_visit
    with pytest.raises(PermissionDenied):
        access.get_visit_for_user(viewer, ward_visit.pk, write=True)
    with pytest.raises(PermissionDenied):
        # The team records visits but does not set the plan up.
        access.get_inspection_plan_for_user(world.users["focal_point"], plan.pk, write=True)
    for outsider in ("other_district_officer", "other_province_secretariat"):
        assert not access.visits_visible_to(world.users[outsider]).exists()
        assert not access.recommendations_visible_to(world.users[outsider]).exists()
        assert not access.inspection_plans_visible_to(world.users[outsider]).exists()


def test_a_focal_point_not_on_the_team_does_not_read_the_plan(world, two_wards):
    from vstb.accounts.models import RoleKind
    from vstb.conftest import make_user

    plan, ward_visit, _other = two_wards
    union = make_user(
        "union_focal", RoleKind.FOCAL_POINT, world.district, agency=world.womens_union
    )
    # The Women's Union is inspected: it sees its own visit only.
    visits = list(access.visits_visible_to(union))
    assert [v.target.agency for v in visits] == [world.womens_union]
    with pytest.raises(Http404):
        access.get_inspection_plan_for_user(union, plan.pk)


def test_a_draft_plan_is_not_the_inspected_units_business(world):
    planned(world)
    assert not access.visits_visible_to(world.users["ward_officer"]).exists()


def test_only_the_addressee_reports_and_only_the_team_reviews(world, two_wards):
    _plan, ward_visit, _other = two_wards
    recommendation = ward_visit.recommendations.get()
    assert access.can_report_on(world.users["ward_officer"], recommendation)
    assert not access.can_report_on(world.users["district_secretariat"], recommendation)
    with pytest.raises(PermissionDenied):
        access.get_recommendation_for_user(
            world.users["ward_officer"], recommendation.pk, "inspect"
        )
    assert access.get_recommendation_for_user(
        world.users["focal_point"], recommendation.pk, "inspect"
    )


def test_the_inbox_lists_what_each_side_must_act_on(world, two_wards):
    _plan, ward_visit, _other = two_wards
    recommendation = ward_visit.recommendations.get()
    assert list(access.recommendations_to_act_on(world.users["ward_officer"])) == [recommendation]
    assert not access.recommendations_to_review(world.users["district_secretariat"]).exists()
    services.report_on(recommendation, "Đã làm.", [], recommendation.version)
    assert not access.recommendations_to_act_on(world.users["ward_officer"]).exists()
    assert list(access.recommendations_to_review(world.users["district_secretariat"])) == [
        recommendation
    ]
    assert list(access.recommendations_to_review(world.users["focal_point"])) == [recommendation]
    assert not access.recommendations_to_review(world.users["other_ward_officer"]).exists()
