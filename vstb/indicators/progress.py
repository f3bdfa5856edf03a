"""Progress of an indicator towards its targets: trend, projection and status.

Pure functions on numbers, tested with exact arithmetic (fractions): the views fetch the
values (rollup.series) and show what these functions say, with the method and thresholds.

Projection: the least-squares straight line through the values of the last N years that
have data (N = PROJECTION_YEARS = 5, fewer if fewer years have data, at least 2), read at
the target year.

Status against a target of year T, the latest value being of year Y:
- achieved: the latest value already meets the target;
- on track: it does not yet, but the projection to T does;
- at risk: the projection to T misses the target by at most AT_RISK_MARGIN of the target
  value (10 %: e.g. a projected 55 % against a target of at least 60 %);
- off track: the projection misses by more, or there is no projection (one year of data)
  and the latest value misses by more than the margin, or the target year has passed
  unmet.
"Meets" follows the operator: at least / reach (≥, or ≤ where lower is better), under (<),
about (within ABOUT_TOLERANCE of the target, 5 %: 57–63 for "about 60").
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

PROJECTION_YEARS = 5
AT_RISK_MARGIN = Fraction(1, 10)  # a projected miss of at most 10 % of the target: at risk
ABOUT_TOLERANCE = Fraction(1, 20)  # "about 60": within 5 % of 60
# A yearly change smaller than 1 % of the mean value is "stable", not a trend.
STABLE_SLOPE = Fraction(1, 100)

ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = (
    "achieved",
    "on_track",
    "at_risk",
    "off_track",
    "no_data",
)
STATUS_LABELS = {
    ACHIEVED: _("achieved"),
    ON_TRACK: _("on track"),
    AT_RISK: _("at risk"),
    OFF_TRACK: _("off track"),
    NO_DATA: _("not enough data"),
}
IMPROVING, WORSENING, STABLE = "improving", "worsening", "stable"
TREND_LABELS = {
    IMPROVING: _("improving"),
    WORSENING: _("worsening"),
    STABLE: _("stable"),
}

Number = int | Decimal | Fraction


def exact(value: Number) -> Fraction:
    return Fraction(value)


def recent_points(points: dict[int, Number | None], n: int = PROJECTION_YEARS) -> list:
    """The (year, value) pairs of the last `n` years that have a value, oldest first."""
    known = sorted((year, exact(value)) for year, value in points.items() if value is not None)
    return known[-n:]


def least_squares(points: list[tuple[int, Number]]) -> tuple[Fraction, Fraction] | None:
    """(slope, intercept) of the ordinary least-squares line through (year, value) points;
    None with fewer than two distinct years."""
    if len({year for year, _value in points}) < 2:
        return None
    n = len(points)
    mean_x = Fraction(sum(year for year, _value in points), n)
    mean_y = sum(exact(value) for _year, value in points) / n
    sxx = sum((year - mean_x) ** 2 for year, _value in points)
    sxy = sum((year - mean_x) * (exact(value) - mean_y) for year, value in points)
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


def project(points: dict[int, Number | None], year: int) -> Fraction | None:
    """The value the trend of the last PROJECTION_YEARS years reaches in `year`."""
    line = least_squares(recent_points(points))
    if line is None:
        return None
    slope, intercept = line
    return slope * year + intercept


def trend(points: dict[int, Number | None], higher_is_better: bool) -> str | None:
    """Improving, worsening or stable, from the slope of the same line."""
    recent = recent_points(points)
    line = least_squares(recent)
    if line is None:
        return None
    slope = line[0]
    mean = abs(sum(value for _year, value in recent) / len(recent))
    if abs(slope) <= STABLE_SLOPE * mean:
        return STABLE
    return IMPROVING if (slope > 0) == higher_is_better else WORSENING


def meets(value: Number, operator: str, target: Number, higher_is_better: bool) -> bool:
    value, target = exact(value), exact(target)
    if operator == "under":
        return value < target
    if operator == "about":
        return abs(value - target) <= ABOUT_TOLERANCE * abs(target)
    if operator == "at_least":
        return value >= target
    # "reach" and "from this year on": as far as the target, in the good direction.
    return value >= target if higher_is_better else value <= target


def shortfall(value: Number, operator: str, target: Number, higher_is_better: bool) -> Fraction:
    """How far `value` misses the target, as a share of the target (0 when it meets it)."""
    value, target = exact(value), exact(target)
    if meets(value, operator, target, higher_is_better):
        return Fraction(0)
    scale = abs(target) or Fraction(1)
    if operator == "about":
        return (abs(value - target) - ABOUT_TOLERANCE * abs(target)) / scale
    if operator == "under" or (operator != "at_least" and not higher_is_better):
        return (value - target) / scale
    return (target - value) / scale


def status(
    points: dict[int, Number | None],
    operator: str,
    target: Number | None,
    target_year: int,
    higher_is_better: bool,
) -> str:
    """Achieved, on track, at risk or off track (see the module's docstring)."""
    recent = recent_points(points)
    if target is None or not recent:
        return NO_DATA
    latest_year, latest = recent[-1]
    if meets(latest, operator, target, higher_is_better):
        return ACHIEVED
    if latest_year >= target_year:
        return OFF_TRACK
    projected = project(points, target_year)
    reference = latest if projected is None else projected
    if projected is not None and meets(projected, operator, target, higher_is_better):
        return ON_TRACK
    if shortfall(reference, operator, target, higher_is_better) <= AT_RISK_MARGIN:
        return AT_RISK
    return OFF_TRACK


@dataclass
class TargetProgress:
    target: object  # a Target
    projection: Fraction | None
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class IndicatorProgress:
    indicator: object  # an Indicator
    points: dict[int, Decimal | None]
    current_year: int | None
    current: Decimal | None
    trend: str | None
    years_used: list[int]
    targets: list[TargetProgress]

    @property
    def trend_label(self) -> str:
        return TREND_LABELS.get(self.trend, "")


def indicator_progress(indicator, targets, points: dict[int, Decimal | None]) -> IndicatorProgress:
    """The progress of one indicator from its yearly values and its targets."""
    higher = indicator.direction == "higher"
    recent = recent_points(points)
    current_year = recent[-1][0] if recent else None
    rows = []
    for target in targets:
        projection = project(points, target.year)
        rows.append(
            TargetProgress(
                target=target,
                projection=projection,
                status=status(points, target.operator, target.value, target.year, higher),
            )
        )
    return IndicatorProgress(
        indicator=indicator,
        points=points,
        current_year=current_year,
        current=points.get(current_year) if current_year else None,
        trend=trend(points, higher),
        years_used=[year for year, _value in recent] if len(recent) >= 2 else [],
        targets=rows,
    )
