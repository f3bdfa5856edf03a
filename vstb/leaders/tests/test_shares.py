"""The shares of women among candidates in planning and among appointments, per unit and
rolled up (counts summed, never shares averaged)."""

from datetime import date
from decimal import Decimal

import pytest

from vstb.leaders import services
from vstb.leaders.tests.helpers import candidate
from vstb.org.models import Sex

pytestmark = pytest.mark.django_db


def test_shares_of_a_unit_count_its_own_candidates_of_the_year(world):
    candidate(world.district, world.labour, "Bà A")
    candidate(world.district, world.justice, "Ông B", sex=Sex.MALE)
    candidate(world.district, world.justice, "Ông C", sex=Sex.MALE)
    candidate(world.district, world.labour, "Bà cũ", term_start=2020, term_end=2025)
    shares = services.shares(world.district, 2026, subtree=False)
    assert (shares.planned, shares.planned_women) == (3, 1)
    assert shares.planned_share == Decimal("33.3")
    assert shares.appointed_share is None  # no appointment: no share, not 0 %


def test_appointments_of_the_year_count_and_leave_planning(world):
    hoa = candidate(world.district, world.labour, "Bà Hoa")
    nam = candidate(world.district, world.justice, "Ông Nam", sex=Sex.MALE)
    services.appoint(hoa, date(2026, 3, 1), hoa.version)
    services.appoint(nam, date(2026, 4, 1), nam.version, record_position=False)
    shares = services.shares(world.district, 2026)
    assert (shares.planned, shares.appointed, shares.appointed_women) == (0, 2, 1)
    assert shares.appointed_share == Decimal("50.0")
    assert services.shares(world.district, 2027).appointed == 0


def test_the_rollup_sums_the_wards_into_the_district_and_the_province(world):
    candidate(world.district, world.labour, "Bà Quận")
    candidate(world.ward, world.ward_committee_agency, "Bà Phường 1")
    candidate(world.ward, world.ward_committee_agency, "Ông Phường", sex=Sex.MALE)
    candidate(world.ward, world.ward_committee_agency, "Bà Phường 2")
    candidate(world.far_ward, _far_agency(world), "Ông Xa", sex=Sex.MALE)

    total, rows = services.rollup(world.district, 2026)
    assert (total.planned, total.planned_women) == (4, 3)
    assert total.planned_share == Decimal("75.0")
    by_unit = {
        row.unit.name: (row.own, row.shares.planned, row.shares.planned_women) for row in rows
    }
    assert by_unit == {
        "Quận Long Biên": (True, 1, 1),
        "Phường Bồ Đề": (False, 3, 2),
        "Phường Ngọc Lâm": (False, 0, 0),
    }
    province, rows = services.rollup(world.province, 2026)
    assert (province.planned, province.planned_women) == (5, 3)
    by_unit = {row.unit.name: row.shares.planned for row in rows}
    assert by_unit == {"Thành phố Hà Nội": 0, "Quận Hoàn Kiếm": 1, "Quận Long Biên": 4}
    # Shares from the summed counts: 3 of 5, not the mean of 75 % and 0 %.
    assert province.planned_share == Decimal("60.0")


def _far_agency(world):
    from vstb.org.models import Agency

    return Agency.objects.create(unit=world.far_ward, name="Ủy ban nhân dân phường Hàng Trống")
