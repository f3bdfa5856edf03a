"""Projection and status: exact arithmetic on small series, every threshold at its edge."""

from decimal import Decimal
from fractions import Fraction

import pytest

from vstb.indicators import progress
from vstb.indicators.progress import (
    ACHIEVED,
    AT_RISK,
    IMPROVING,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    STABLE,
    WORSENING,
)


def test_least_squares_on_a_straight_line_is_exact():
    slope, intercept = progress.least_squares([(2021, 10), (2022, 12), (2023, 14)])
    assert slope == 2
    assert intercept == 12 - 2 * 2022
    assert progress.project({2021: 10, 2022: 12, 2023: 14}, 2025) == 18
    assert progress.project({2021: 10, 2022: 12, 2023: 14}, 2030) == 28


def test_least_squares_on_scattered_points():
    # mean year 2021, mean value 5/3; Sxx = 2, Sxy = 1: slope 1/2.
    points = {2020: 1, 2021: 2, 2022: 2}
    assert progress.least_squares(sorted(points.items())) == (
        Fraction(1, 2),
        Fraction(5, 3) - Fraction(2021, 2),
    )
    assert progress.project(points, 2025) == Fraction(11, 3)


def test_projection_uses_only_the_last_five_years_with_data():
    points = {2015: 1000, 2018: None, 2019: 1, 2020: 2, 2021: 3, 2022: 4, 2023: 5, 2024: None}
    assert [year for year, _value in progress.recent_points(points)] == [
        2019,
        2020,
        2021,
        2022,
        2023,
    ]
    assert progress.project(points, 2025) == 7


def test_decimal_figures_are_projected_exactly():
    points = {2022: Decimal("1.9"), 2023: Decimal("1.8")}
    assert progress.project(points, 2025) == Fraction(16, 10)


def test_no_projection_from_a_single_year():
    assert progress.project({2024: 50}, 2025) is None
    assert progress.project({}, 2025) is None


@pytest.mark.parametrize(
    ("points", "operator", "target", "expected"),
    [
        ({2023: 58, 2024: 61}, "reach", 60, ACHIEVED),
        # 50, 55 → 65 in 2026 ... 60 in 2025: meets "reach 60".
        ({2023: 50, 2024: 55}, "reach", 60, ON_TRACK),
        # 50, 52 → 54 in 2025: misses 60 by 6 = 10 % of 60: at risk at the edge.
        ({2023: 50, 2024: 52}, "reach", 60, AT_RISK),
        # 50, 51.9 → 53.8: misses by 6.2 > 10 %: off track.
        ({2023: 50, 2024: Decimal("51.9")}, "reach", 60, OFF_TRACK),
        # One year only, close to the target: at risk; far from it: off track.
        ({2024: 55}, "reach", 60, AT_RISK),
        ({2024: 40}, "reach", 60, OFF_TRACK),
        ({2023: 40, 2024: 41}, "reach", None, NO_DATA),
        ({}, "reach", 60, NO_DATA),
    ],
)
def test_status_for_a_target_of_2025(points, operator, target, expected):
    assert progress.status(points, operator, target, 2025, higher_is_better=True) == expected


def test_status_after_the_target_year_is_achieved_or_off_track():
    assert progress.status({2025: 59, 2026: 62}, "reach", 60, 2025, True) == ACHIEVED
    assert progress.status({2025: 59, 2026: 59}, "reach", 60, 2025, True) == OFF_TRACK


def test_status_where_lower_is_better_and_the_target_is_under():
    srb = {2022: 113, 2023: Decimal("112.5"), 2024: 112}
    # 2025: projected 111.5, not under 111; missing by 0.5/111 < 10 %: at risk.
    assert progress.status(srb, "under", 111, 2025, higher_is_better=False) == AT_RISK
    # 2030: projected exactly 109, which is not under 109 (at risk); under 110 it is on track.
    assert progress.project(srb, 2030) == 109
    assert progress.status(srb, "under", 109, 2030, higher_is_better=False) == AT_RISK
    assert progress.status(srb, "under", 110, 2030, higher_is_better=False) == ON_TRACK
    assert progress.status({2024: 110}, "under", 111, 2025, False) == ACHIEVED
    assert progress.status({2024: 111}, "under", 111, 2025, False) == AT_RISK  # not under


def test_reach_where_lower_is_better_means_at_most():
    care = {2023: Decimal("1.8"), 2024: Decimal("1.7")}
    assert progress.status(care, "reach", Decimal("1.7"), 2025, False) == ACHIEVED
    assert progress.status(care, "reach", Decimal("1.4"), 2030, False) == ON_TRACK  # → 1.1


@pytest.mark.parametrize(
    ("value", "met"), [(57, True), (63, True), (Decimal("56.9"), False), (64, False)]
)
def test_about_means_within_five_percent(value, met):
    assert progress.meets(value, "about", 60, True) is met


def test_at_least_and_from_year():
    assert progress.meets(27, "at_least", 27, True)
    assert not progress.meets(Decimal("26.99"), "at_least", 27, True)
    assert progress.meets(100, "from_year", 100, True)
    assert not progress.meets(99, "from_year", 100, True)


def test_trend():
    assert progress.trend({2023: 50, 2024: 55}, higher_is_better=True) == IMPROVING
    assert progress.trend({2023: 50, 2024: 55}, higher_is_better=False) == WORSENING
    # A change of 0.5 a year on a mean of 100.25 is under 1 %: stable.
    assert progress.trend({2023: 100, 2024: Decimal("100.5")}, True) == STABLE
    assert progress.trend({2024: 1}, True) is None
