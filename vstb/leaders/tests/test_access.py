"""Who sees the candidates (vstb/access/leaders.py): the unit's secretariat keeps them, the
secretariats above read them, viewers, focal points and every other unit get 404."""

import pytest
from django.urls import reverse

from vstb.leaders.models import CandidateStatus
from vstb.leaders.tests.helpers import candidate

pytestmark = pytest.mark.django_db


def test_the_district_secretariat_keeps_its_candidates_and_the_city_reads_them(world, login):
    hoa = candidate(world.district, world.labour)
    for persona in ("district_secretariat", "province_secretariat", "national_secretariat"):
        client = login(world.users[persona])
        assert client.get(reverse("leaders:detail", args=[hoa.pk])).status_code == 200, persona
        page = client.get(reverse("leaders:list", args=[world.district.pk])).content.decode()
        assert "Nguyễn Thị Hoa" in page, persona
    client = login(world.users["province_secretariat"])
    assert client.get(reverse("leaders:edit", args=[hoa.pk])).status_code == 403
    response = client.post(reverse("leaders:remove", args=[hoa.pk]), {"removed_on": "01/01/2026"})
    assert response.status_code == 403
    hoa.refresh_from_db()
    assert hoa.status == CandidateStatus.IN_PLANNING


@pytest.mark.parametrize(
    "persona",
    ["district_viewer", "focal_point", "ward_officer", "other_ward_officer", "other_district_officer",
     "other_province_secretariat"],
)  # fmt: skip
def test_viewers_focal_points_and_other_units_do_not_see_the_candidates(world, login, persona):
    hoa = candidate(world.district, world.labour)
    client = login(world.users[persona])
    assert client.get(reverse("leaders:detail", args=[hoa.pk])).status_code == 404
    assert client.get(reverse("leaders:list", args=[world.district.pk])).status_code == 404
    assert client.get(reverse("leaders:review", args=[world.district.pk])).status_code == 404
    assert client.get(reverse("leaders:export", args=[world.district.pk])).status_code == 404


def test_a_ward_keeps_its_own_and_does_not_see_the_districts(world, login):
    own = candidate(world.ward, world.ward_committee_agency, "Phạm Thị Phường")
    district = candidate(world.district, world.labour)
    client = login(world.users["ward_officer"])
    assert client.get(reverse("leaders:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("leaders:detail", args=[district.pk])).status_code == 404
    # The district's secretariat reads the ward's, and may not change them.
    client = login(world.users["district_secretariat"])
    assert client.get(reverse("leaders:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("leaders:edit", args=[own.pk])).status_code == 403


def test_the_list_searches_by_name_and_pages(world, login):
    for index in range(27):
        candidate(world.district, world.labour, f"Nguyễn Văn Số {index:02d}")
    candidate(world.district, world.labour, "Đỗ Thị Ánh")
    client = login(world.users["district_secretariat"])
    url = reverse("leaders:list", args=[world.district.pk])
    response = client.get(url, {"q": "do thi anh"})
    assert [c.full_name for c in response.context["page_obj"]] == ["Đỗ Thị Ánh"]
    response = client.get(url)
    assert response.context["page_obj"].paginator.count == 28
    assert len(response.context["page_obj"]) == 25
    response = client.get(url, {"page": "2"})
    assert len(response.context["page_obj"]) == 3


def test_the_list_and_the_review_read_a_fixed_number_of_queries(world, login):
    from vstb.conftest import queries_of

    client = login(world.users["district_secretariat"])
    urls = [
        reverse("leaders:list", args=[world.district.pk]),
        reverse("leaders:review", args=[world.district.pk]) + "?year=2026",
    ]
    candidate(world.district, world.labour, "Bà Một")
    candidate(world.ward, world.ward_committee_agency, "Bà Phường")
    before = [queries_of(lambda url=url: client.get(url)) for url in urls]
    for index in range(6):
        candidate(world.district, world.justice, f"Ông Số {index}", sex="nam")
        candidate(world.other_ward, _agency(world), f"Bà {index}")
    assert [queries_of(lambda url=url: client.get(url)) for url in urls] == before


def _agency(world):
    from vstb.org.models import Agency

    agency, _created = Agency.objects.get_or_create(
        unit=world.other_ward, name="Ủy ban nhân dân phường Ngọc Lâm"
    )
    return agency
