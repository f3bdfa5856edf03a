"""Roll-up: sums from the leaves, ratios from sums, merged and split units in both modes,
and a query count that does not grow with the number of lower units."""

from datetime import date
from decimal import Decimal

import pytest

from vstb.conftest import queries_of
from vstb.indicators import rollup
from vstb.indicators.rollup import PERIOD, TODAY
from vstb.indicators.tests.factories import element, indicator, put, succeed, unit

pytestmark = pytest.mark.django_db

REFORM = date(2025, 7, 1)
TODAY_DATE = date(2026, 1, 15)


@pytest.fixture
def reform():
    """A province whose district was abolished on 1/7/2025: wards A and B merged into X,
    ward C split into Y and Z; a neighbouring province Q merged into it, with commune Q1."""
    w = type("Reform", (), {})()
    w.province = unit("Tỉnh P", kind="tinh")
    w.district = unit("Huyện D", w.province, kind="huyen", valid_to=REFORM)
    w.a = unit("Xã A", w.district, kind="xa", valid_to=REFORM)
    w.b = unit("Xã B", w.district, kind="xa", valid_to=REFORM)
    w.c = unit("Xã C", w.district, kind="xa", valid_to=REFORM)
    w.x = unit("Xã X", w.province, kind="xa", valid_from=REFORM)
    w.y = unit("Xã Y", w.province, kind="xa", valid_from=REFORM)
    w.z = unit("Xã Z", w.province, kind="xa", valid_from=REFORM)
    succeed(w.a, w.x)
    succeed(w.b, w.x)
    succeed(w.c, w.y, "split")
    succeed(w.c, w.z, "split")
    w.other = unit("Tỉnh Q", kind="tinh", valid_to=REFORM)
    w.q1 = unit("Xã Q1", w.other, kind="xa", valid_to=REFORM)
    succeed(w.other, w.province)
    # 2024: population and people reached by gender-equality knowledge.
    for ward, reached, population in [
        (w.a, 30, 100),
        (w.b, 30, 300),
        (w.c, 60, 200),
        (w.q1, 50, 100),
    ]:
        put("DAN_SO_TIEP_CAN_BDG", ward, 2024, reached)
        put("DAN_SO", ward, 2024, population)
    return w


def test_counts_are_summed_from_the_leaves(reform):
    population = element("DAN_SO")
    assert rollup.rollup(population, reform.district, 2024) == 600
    assert rollup.rollup(population, reform.a, 2024) == 100
    assert rollup.rollup(population, reform.province, 2024, PERIOD) == 600


def test_ratio_is_computed_from_summed_numerators_and_denominators(reform):
    share = indicator("NQ28-M6-CT1")
    # A: 30/100 = 30 %, B: 30/300 = 10 %: the district is 60/400 = 15 %, not the 20 % an
    # average of the two percentages would give.
    reform.c.indicator_values.all().delete()
    assert rollup.rollup(share, reform.district, 2024) == Decimal(15)


def test_a_missing_figure_gives_no_value_rather_than_zero(reform):
    assert rollup.rollup(indicator("NQ28-M6-CT1"), reform.district, 2023) is None
    put("DAN_SO_TIEP_CAN_BDG", reform.a, 2023, 10)  # no population that year
    assert rollup.rollup(indicator("NQ28-M6-CT1"), reform.district, 2023) is None


def test_period_boundaries_count_the_units_as_they_were(reform):
    share = indicator("NQ28-M6-CT1")
    # Q1 belonged to another province in 2024.
    assert rollup.rollup(share, reform.province, 2024, PERIOD) == Decimal(20)  # 120/600
    # X did not exist in 2024.
    assert rollup.rollup(share, reform.x, 2024, PERIOD) is None


def test_today_boundaries_move_a_merged_unit_wholly_into_its_successor(reform):
    share = indicator("NQ28-M6-CT1")
    population = element("DAN_SO")
    assert rollup.rollup(population, reform.x, 2024, TODAY, TODAY_DATE) == 400  # A + B
    assert rollup.rollup(share, reform.x, 2024, TODAY, TODAY_DATE) == Decimal(15)
    # The merged province Q, and its commune with no successor of its own, come with it.
    assert rollup.rollup(population, reform.province, 2024, TODAY, TODAY_DATE) == 700
    value = rollup.rollup(share, reform.province, 2024, TODAY, TODAY_DATE)
    assert round(value, 12) == round(Decimal(170) / 7, 12)  # 170/700


def test_today_boundaries_share_a_split_unit_equally(reform):
    population = element("DAN_SO")
    assert rollup.rollup(population, reform.y, 2024, TODAY, TODAY_DATE) == 100
    assert rollup.rollup(population, reform.z, 2024, TODAY, TODAY_DATE) == 100
    assert rollup.rollup(indicator("NQ28-M6-CT1"), reform.y, 2024, TODAY, TODAY_DATE) == 30


def test_by_children_in_both_modes(reform):
    share = indicator("NQ28-M6-CT1")
    today = rollup.by_children(share, reform.province, 2024, TODAY, TODAY_DATE)
    assert {u.name: v for u, v in today.items()} == {
        "Xã X": Decimal(15),
        "Xã Y": Decimal(30),
        "Xã Z": Decimal(30),
    }
    period = rollup.by_children(share, reform.province, 2024, PERIOD, TODAY_DATE)
    assert {u.name: v for u, v in period.items()} == {"Huyện D": Decimal(20)}
    # In 2025 both the district (until July) and the new communes existed.
    names = {u.name for u in rollup.by_children(share, reform.province, 2025, PERIOD)}
    assert names == {"Huyện D", "Xã X", "Xã Y", "Xã Z"}


@pytest.mark.parametrize("mode", [PERIOD, TODAY])
def test_overview_gives_the_unit_and_its_children_from_one_reading(reform, mode):
    share, care, population = indicator("NQ28-M6-CT1"), indicator("NQ28-M3-CT1"), element("DAN_SO")
    put("GIO_CHAM_SOC", reform.province, 2024, "20.2", sex="f")
    put("GIO_CHAM_SOC", reform.province, 2024, "10.1", sex="m")
    put("GIO_CHAM_SOC", reform.x, 2024, "30", sex="f")  # a child's own survey figure
    subjects = [share, care, population]
    at_unit, below = rollup.overview(subjects, reform.province, 2024, mode, TODAY_DATE)
    assert at_unit == {
        subject: rollup.rollup(subject, reform.province, 2024, mode, TODAY_DATE)
        for subject in subjects
    }
    assert at_unit[care] == 2  # the province's own average, not a sum with its child's
    for subject in subjects:
        assert below[subject] == rollup.by_children(
            subject, reform.province, 2024, mode, TODAY_DATE
        )
    assert queries_of(
        lambda: rollup.overview(subjects, reform.province, 2024, mode, TODAY_DATE)
    ) == queries_of(
        lambda: rollup.by_children_many(subjects, reform.province, 2024, mode, TODAY_DATE)
    )


def test_a_ceased_unit_is_seen_as_in_the_period_even_in_today_mode(reform):
    population = element("DAN_SO")
    assert rollup.effective_mode(reform.a, TODAY, TODAY_DATE) == PERIOD
    assert rollup.rollup(population, reform.a, 2024, TODAY, TODAY_DATE) == 100


def test_survey_averages_are_never_summed(reform):
    care = indicator("NQ28-M3-CT1")
    put("GIO_CHAM_SOC", reform.province, 2024, "20.2", sex="f")
    put("GIO_CHAM_SOC", reform.province, 2024, "10.1", sex="m")
    put("GIO_CHAM_SOC", reform.a, 2024, "30", sex="f")  # a stray lower figure: not added
    assert rollup.rollup(care, reform.province, 2024) == 2
    assert rollup.rollup(element("GIO_CHAM_SOC"), reform.province, 2024) is None  # no total


def test_women_and_sex_ratio_use_the_figures_by_sex(reform):
    put("TRE_SINH", reform.a, 2024, 56, sex="m")
    put("TRE_SINH", reform.a, 2024, 50, sex="f")
    put("TRE_SINH", reform.b, 2024, 60, sex="m")
    put("TRE_SINH", reform.b, 2024, 50, sex="f")
    assert rollup.rollup(indicator("NQ28-M4-TSGTKS"), reform.district, 2024) == Decimal(116)


def test_series_reads_several_years_in_one_query(reform):
    share = indicator("NQ28-M6-CT1")
    put("DAN_SO_TIEP_CAN_BDG", reform.a, 2023, 10)
    put("DAN_SO", reform.a, 2023, 100)
    values = {}
    assert (
        queries_of(lambda: values.update(rollup.series([share], reform.district, [2023, 2024])))
        == 1
    )
    assert values[share] == {2023: Decimal(10), 2024: Decimal(20)}


@pytest.mark.parametrize("mode", [PERIOD, TODAY])
def test_query_count_does_not_grow_with_the_number_of_lower_units(reform, mode):
    share = indicator("NQ28-M6-CT1")
    before_rollup = queries_of(
        lambda: rollup.rollup(share, reform.province, 2024, mode, TODAY_DATE)
    )
    before_children = queries_of(
        lambda: rollup.by_children(share, reform.province, 2024, mode, TODAY_DATE)
    )
    for index in range(25):
        old = unit(f"Xã cũ {index}", reform.district, kind="xa", valid_to=REFORM)
        new = unit(f"Xã mới {index}", reform.province, kind="xa", valid_from=REFORM)
        succeed(old, new)
        put("DAN_SO", old, 2024, 100)
        put("DAN_SO_TIEP_CAN_BDG", old, 2024, 50)
    assert queries_of(lambda: rollup.rollup(share, reform.province, 2024, mode, TODAY_DATE)) == (
        before_rollup
    )
    assert (
        queries_of(lambda: rollup.by_children(share, reform.province, 2024, mode, TODAY_DATE))
        == before_children
    )
    assert before_rollup <= 4 and before_children <= 5
