"""Inspection workflows across models: plans and their targets, visits and findings, the
recommendations' lifecycle, and what other apps read of the results (results_for)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from vstb.inspections.models import (
    PlanStatus,
    RecommendationStatus,
    Result,
    Target,
)
from vstb.org.models import Unit

Key = tuple[str, int]


@dataclass(frozen=True)
class InspectionResult:
    """What an inspection of the year found at one target, for the commendation round."""

    inspected: bool
    criteria_not_met: int
    open_recommendations: int  # every recommendation not yet accepted


def results_for(unit: Unit, year: int) -> dict[Key, InspectionResult]:
    """The targets of the inspection plans that `unit`'s committee issued for a period in
    `year`, keyed ("unit", id) or ("agency", id). One query, whatever the number of targets.
    A target is inspected once its visit has a date or a finding."""
    rows = (
        Target.objects.filter(
            plan__unit=unit,
            plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED],
            plan__period_start__lte=date(year, 12, 31),
            plan__period_end__gte=date(year, 1, 1),
        )
        .annotate(
            visited=Count("visit", filter=Q(visit__visited_on__isnull=False)),
            findings=Count("visit__findings", distinct=True),
            not_met=Count(
                "visit__findings",
                filter=Q(visit__findings__result=Result.NOT_MET),
                distinct=True,
            ),
            not_accepted=Count(
                "visit__recommendations",
                filter=~Q(visit__recommendations__status=RecommendationStatus.ACCEPTED),
                distinct=True,
            ),
        )
        .values_list("unit_id", "agency_id", "visited", "findings", "not_met", "not_accepted")
    )
    results: dict[Key, InspectionResult] = {}
    for unit_id, agency_id, visited, findings, not_met, not_accepted in rows:
        key: Key = ("agency", agency_id) if agency_id else ("unit", unit_id)
        before = results.get(key, InspectionResult(False, 0, 0))
        results[key] = InspectionResult(
            inspected=before.inspected or bool(visited or findings),
            criteria_not_met=before.criteria_not_met + not_met,
            open_recommendations=before.open_recommendations + not_accepted,
        )
    return results
