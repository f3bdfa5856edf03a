"""Women in leadership: the register of key positions, its counts as figures, and the
shares that roll up from them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from vstb.indicators import rollup, services
from vstb.indicators.models import DataValue, LeadershipPosition
from vstb.indicators.tests.factories import indicator, put
from vstb.org.models import Agency

pytestmark = pytest.mark.django_db


def _position(world, agency, sex, start=date(2024, 1, 1), end=None, rank="head"):
    return LeadershipPosition.objects.create(
        unit=agency.unit,
        agency=agency,
        title="Trưởng phòng" if rank == "head" else "Phó trưởng phòng",
        rank=rank,
        holder_sex=sex,
        start=start,
        end=end,
    )


@pytest.fixture
def register(world):
    _position(world, world.labour, "nam")
    _position(world, world.labour, "nu", rank="deputy")
    _position(world, world.justice, "nam")
    _position(world, world.justice, "nu", end=date(2024, 6, 30))  # left before the year's end
    return world


def test_counts_from_the_register_on_a_day(register):
    counts = services.leadership_counts(register.district, date(2024, 12, 31))
    assert (counts.bodies, counts.bodies_with_woman, counts.leaders, counts.women) == (2, 1, 3, 1)
    counts = services.leadership_counts(register.district, date(2024, 3, 1))
    assert (counts.bodies, counts.bodies_with_woman, counts.leaders, counts.women) == (2, 2, 4, 2)


def test_recording_the_register_gives_figures_that_roll_up(register, login):
    client = login(register.users["district_secretariat"])
    response = client.post(
        reverse("indicators:leadership_record", args=[register.district.pk]), {"year": "2024"}
    )
    assert response.status_code == 302
    figures = {
        (v.element.code, v.sex): v.value
        for v in DataValue.objects.filter(unit=register.district).select_related("element")
    }
    assert figures == {
        ("LD_CO_QUAN", ""): 2,
        ("LD_CO_QUAN_CO_NU", ""): 1,
        ("LD_LANH_DAO", ""): 3,
        ("LD_LANH_DAO", "f"): 1,
        ("LD_LANH_DAO", "m"): 2,
    }
    assert set(DataValue.objects.values_list("source", flat=True)) == {"register"}
    # A ward that gives counts instead of a register: 1 body, with a woman.
    put("LD_CO_QUAN", register.ward, 2024, 1)
    put("LD_CO_QUAN_CO_NU", register.ward, 2024, 1)
    put("LD_LANH_DAO", register.ward, 2024, 2)
    put("LD_LANH_DAO", register.ward, 2024, 1, sex="f")
    bodies = indicator("NQ28-M1-CT1")
    assert rollup.rollup(bodies, register.district, 2024) == Decimal(200) / 3  # 2 of 3
    shares = rollup.by_level(indicator("VSTB-LD-NU"), register.district, 2024)
    assert shares == {2: Decimal(100) / 3, 3: Decimal(50)}


def test_register_page_lists_the_positions_held_on_the_day(register, login):
    client = login(register.users["district_viewer"])
    url = reverse("indicators:leadership", args=[register.district.pk])
    page = client.get(url, {"on": "01/03/2024"}).content.decode()
    assert page.count("Phó trưởng phòng") == 1 and page.count("Trưởng phòng") >= 3
    assert (
        "Record" not in page
        and reverse("indicators:position_add", args=[register.district.pk]) not in page
    )


def test_a_position_must_belong_to_an_agency_of_the_unit(world, login):
    client = login(world.users["district_secretariat"])
    other = Agency.objects.create(unit=world.ward, name="Công an phường", kind="cong_an")
    data = {
        "agency": other.pk,
        "title": "Trưởng",
        "rank": "head",
        "holder_sex": "nu",
        "start": "01/01/2025",
    }
    response = client.post(reverse("indicators:position_add", args=[world.district.pk]), data)
    assert response.status_code == 200
    assert not LeadershipPosition.objects.exists()
    data["agency"] = world.labour.pk
    response = client.post(reverse("indicators:position_add", args=[world.district.pk]), data)
    assert response.status_code == 302
    assert LeadershipPosition.objects.get().unit == world.district
