"""The estimates list: every estimate the user reads, found by its plan's subject, number and
symbol and its unit's name, with or without diacritics."""

import pytest
from django.urls import reverse

from vstb.budget import services
from vstb.budget.models import EstimateLine
from vstb.budget.tests.helpers import estimate_with_lines
from vstb.conftest import queries_of
from vstb.plans.models import Plan

pytestmark = pytest.mark.django_db

URL = reverse("budget:estimates")


def _two_estimates(w):
    """Long Biên's issued plan (number 180/KH-UBND) and Hoàn Kiếm's draft, each estimated."""
    Plan.objects.filter(pk=w.district_plan.pk).update(number=180)
    estimate_with_lines(w)
    other = services.open_estimate(w.other_district_draft)
    services.add_line(other, EstimateLine(item="4", source="district", amount=7_000_000))


def _found(client, query: str) -> list[int]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return [row.plan.pk for row in response.context["rows"]]


def test_estimates_are_found_by_subject_unit_and_number(world, login):
    _two_estimates(world)
    client = login(world.users["province_secretariat"])  # reads both districts
    district, other = world.district_plan.pk, world.other_district_draft.pk
    assert sorted(_found(client, "")) == sorted([district, other])
    assert _found(client, "binh dang gioi 2025") == [district]  # the subject, unaccented
    assert _found(client, "Hoàn Kiếm") == [other]  # the unit's name
    assert _found(client, "long bien") == [district]
    assert _found(client, "180") == [district]  # the plan's number
    assert _found(client, "180/KH-UBND") == [district]  # as a document cites it
    assert _found(client, "181/KH-UBND") == []
    assert _found(client, "long bien hoan kiem") == []  # every word must match
    page = client.get(URL, {"q": "hoan kiem"}).content.decode()
    assert reverse("budget:estimate", args=[other]) in page
    assert reverse("budget:estimate", args=[district]) not in page


@pytest.mark.parametrize(
    "persona,seen",
    [
        ("district_secretariat", ["district"]),
        ("district_viewer", ["district"]),
        ("focal_point", ["district"]),
        ("ward_officer", []),  # reads the issued plan, not its money
        ("other_district_officer", ["other"]),
        ("other_province_secretariat", []),
    ],
)
def test_an_estimate_is_listed_exactly_when_its_plans_funding_is_read(world, login, persona, seen):
    _two_estimates(world)
    plans = {"district": world.district_plan.pk, "other": world.other_district_draft.pk}
    client = login(world.users[persona])
    expected = sorted(plans[name] for name in seen)
    assert sorted(_found(client, "")) == expected
    assert sorted(_found(client, "quan")) == expected  # both units are a "Quận"


def test_anonymous_is_sent_to_sign_in(world, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_list_reads_a_fixed_number_of_queries(world, login):
    _two_estimates(world)
    client = login(world.users["province_secretariat"])
    few = queries_of(lambda: client.get(URL, {"q": "quan"}))
    for number in range(30):
        plan = Plan.objects.create(
            unit=world.district, year=2024, subject=f"Kế hoạch quận {number}"
        )
        estimate = services.open_estimate(plan)
        services.add_line(estimate, EstimateLine(item="4", source="district", amount=1_000))
    response = client.get(URL, {"q": "quan"})
    assert len(response.context["rows"]) == 25
    assert queries_of(lambda: client.get(URL, {"q": "quan"})) == few
