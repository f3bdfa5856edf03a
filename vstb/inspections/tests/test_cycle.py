"""Inspections in the cycle: the home inbox, the unit's page and the calendar."""

from datetime import date

from django.urls import reverse

from vstb.activities.calendar import INSPECTION_VISIT, entries_for
from vstb.conftest import queries_of
from vstb.core.inbox import inbox_for
from vstb.inspections import services
from vstb.inspections.models import Recommendation, RecommendationStatus, Visit
from vstb.inspections.tests.helpers import issue, planned, visited


def _open(world) -> Recommendation:
    visit = visited(world)
    issue(services.draft_conclusions(visit), on=date(2025, 9, 25))
    return visit.recommendations.get()


def _block(inbox, unit):
    return next(b for b in inbox.blocks if b.unit == unit)


def test_the_inbox_shows_the_addressee_what_to_do_and_the_team_what_to_review(world):
    recommendation = _open(world)
    ward = _block(inbox_for(world.users["ward_officer"], date(2025, 11, 3)), world.ward)
    assert ward.recommendations == [recommendation]
    assert ward.recommendations[0].late
    assert not _block(
        inbox_for(world.users["district_secretariat"], date(2025, 11, 3)), world.district
    ).recommendations_reported

    services.report_on(recommendation, "Đã làm.", [], recommendation.version)
    assert not any(
        b.recommendations for b in inbox_for(world.users["ward_officer"], date(2025, 11, 3)).blocks
    )
    district = _block(
        inbox_for(world.users["district_secretariat"], date(2025, 11, 3)), world.district
    )
    assert district.recommendations_reported == [recommendation]


def test_the_inbox_reads_recommendations_in_a_fixed_number_of_queries(world):
    recommendation = _open(world)
    user = world.users["ward_officer"]

    def count():
        user.__dict__.pop("_vstb_grants", None)
        return queries_of(lambda: inbox_for(user, date(2025, 11, 3)))

    few = count()
    for number in range(4):
        Recommendation.objects.create(
            visit=recommendation.visit, text=f"Việc {number}", addressee_unit=world.ward,
            deadline=date(2025, 12, 1), status=RecommendationStatus.OPEN,
        )  # fmt: skip
    assert count() == few


def test_the_unit_page_shows_its_open_recommendations(world, login):
    recommendation = _open(world)
    page = login(world.users["ward_officer"]).get(reverse("org:unit_detail", args=[world.ward.pk]))
    assert reverse("inspections:recommendation", args=[recommendation.pk]) in page.content.decode()
    other = login(world.users["other_ward_officer"]).get(
        reverse("org:unit_detail", args=[world.other_ward.pk])
    )
    assert reverse("inspections:recommendation", args=[recommendation.pk]) not in (
        other.content.decode()
    )


def test_visits_of_issued_plans_are_on_the_calendar(world):
    plan = planned(world)
    first, last = date(2025, 9, 1), date(2025, 9, 30)
    kinds = lambda user: [e for e in entries_for(user, first, last) if e.kind == INSPECTION_VISIT]  # noqa: E731
    assert kinds(world.users["ward_officer"]) == []  # a draft plan
    issue(services.draft_plan_document(plan))
    ward_entries = kinds(world.users["ward_officer"])
    assert [(e.start, e.url) for e in ward_entries] == [
        (
            date(2025, 9, 15),
            reverse("inspections:visit", args=[Visit.objects.get(target__unit=world.ward).pk]),
        )
    ]
    district = kinds(world.users["district_secretariat"])
    assert sorted(e.start for e in district) == [date(2025, 9, 15), date(2025, 9, 22)]
    assert kinds(world.users["other_ward_officer"]) == []
