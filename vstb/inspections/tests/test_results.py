"""results_for: what the commendation round reads of a year's inspections."""

from datetime import date

from vstb.conftest import queries_of
from vstb.inspections.models import Finding, Recommendation, RecommendationStatus, Result
from vstb.inspections.services import InspectionResult, results_for
from vstb.inspections.tests.helpers import make_plan


def test_results_count_criteria_not_met_and_recommendations_not_accepted(world):
    plan = make_plan(world, status="issued")
    visit = world.ward_target.visit
    visit.visited_on = date(2025, 9, 15)
    visit.save()
    criteria = list(plan.criteria.all())
    Finding.objects.create(visit=visit, criterion=criteria[0], result=Result.NOT_MET)
    Finding.objects.create(visit=visit, criterion=criteria[1], result=Result.NOT_MET)
    Finding.objects.create(visit=visit, criterion=criteria[2], result=Result.MET)
    for status in (RecommendationStatus.OPEN, RecommendationStatus.ACCEPTED):
        Recommendation.objects.create(
            visit=visit,
            text="Ban hành kế hoạch",
            addressee_unit=world.ward,
            deadline=date(2025, 12, 1),
            status=status,
        )

    results = results_for(world.district, 2025)

    assert results == {
        ("unit", world.ward.pk): InspectionResult(True, 2, 1),
        ("agency", world.justice.pk): InspectionResult(False, 0, 0),
    }
    assert results_for(world.district, 2024) == {}
    assert results_for(world.other_district, 2025) == {}


def test_a_draft_plan_has_no_results(world):
    make_plan(world)
    assert results_for(world.district, 2025) == {}


def test_results_take_one_query(world):
    make_plan(world, status="issued")
    assert queries_of(lambda: results_for(world.district, 2025)) == 1
