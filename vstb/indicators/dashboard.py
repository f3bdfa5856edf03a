"""The unit dashboard and the public page: what they show, computed in a fixed number of
queries whatever the number of lower units (rollup.series, one rollup.overview and two
counts for the completeness of the data).

- Targets: every indicator of the unit with a Strategy or local target, with its status
  (progress.indicator_progress), as on the progress page.
- Trend: the chosen indicator's yearly values and its targets as lines.
- Ranking: the chosen indicator for each lower unit, best first by the indicator's
  direction; units without a value last.
- Lower units × targets: every indicator with a target, at the unit and at each lower unit,
  against its next target. The ranking and this table read the same rollup.overview.
- Completeness: of the units below that enter the indicator's elements (their level does)
  and exist at the end of the period, how many entered at least one of those figures.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from vstb.indicators import progress, rollup
from vstb.indicators.models import Direction, Indicator, PeriodKind, Target
from vstb.lib.query import whole_number
from vstb.lib.workbooks import to_bytes
from vstb.org.models import Level, Unit

# The dashboard and the progress page read this many years back (enough for the last five
# years with data, which the projection uses).
YEARS_SHOWN = 10
TARGET_YEARS = (2025, 2030)


@dataclass
class RankRow:
    rank: int | None
    unit: Unit
    value: Decimal | None


@dataclass
class Completeness:
    entered: int
    expected: int

    @property
    def percent(self) -> int | None:
        return round(self.entered * 100 / self.expected) if self.expected else None


def indicators() -> list[Indicator]:
    return list(
        Indicator.objects.select_related("numerator", "denominator").order_by("order", "code")
    )


def targets_by_indicator(unit: Unit) -> dict[int, list[Target]]:
    targets: dict[int, list[Target]] = {}
    for target in Target.objects.for_unit(unit).select_related("unit").order_by("year", "unit"):
        targets.setdefault(target.indicator_id, []).append(target)
    return targets


def progress_rows(unit: Unit, all_indicators, targets, values) -> list:
    """The progress of every indicator that has a target for the unit."""
    return [
        progress.indicator_progress(indicator, targets[indicator.pk], values.get(indicator, {}))
        for indicator in all_indicators
        if indicator.pk in targets
    ]


def period_label(period: rollup.Period) -> str:
    """ "year 2025" or "first half of 2025" ("năm 2025", "6 tháng đầu năm 2025"): how the
    pages and files name a period."""
    if period.kind == PeriodKind.FIRST_HALF:
        return _("first half of %(year)s") % {"year": period.year}
    return _("year %(year)s") % {"year": period.year}


def ranking(indicator: Indicator, values: dict) -> list:
    """The lower units ({child: value}) by the indicator's value, best first; those without a
    value last."""
    known = [(child, value) for child, value in values.items() if value is not None]
    known.sort(key=lambda pair: pair[1], reverse=indicator.direction == Direction.HIGHER)
    rows = [RankRow(rank, child, value) for rank, (child, value) in enumerate(known, start=1)]
    rows += [RankRow(None, child, None) for child, value in values.items() if value is None]
    return rows


@dataclass
class MatrixColumn:
    indicator: Indicator
    target: Target | None  # the first target of the period's year or after


@dataclass
class MatrixCell:
    value: Decimal | None
    meets: bool | None  # None: no value, or no target value to compare with
    measure: str


@dataclass
class Matrix:
    """Every indicator with a target, at the unit and at each lower unit: where each stands
    against its next target (the first of the period's year or after)."""

    columns: list[MatrixColumn]
    total: list[MatrixCell]
    rows: list[tuple[Unit, list[MatrixCell]]]


def _cell(column: MatrixColumn, value) -> MatrixCell:
    target, measure = column.target, column.indicator.measure
    if value is None or target is None or target.value is None:
        return MatrixCell(value, None, measure)
    higher = column.indicator.direction == Direction.HIGHER
    meets = progress.meets(value, target.operator, target.value, higher)
    return MatrixCell(value, meets, measure)


def matrix(all_indicators, targets, period, at_unit: dict, below: dict) -> Matrix:
    """The lower units × the indicators with a target, from what rollup.overview read for
    them (`at_unit`, `below`)."""
    period = rollup.as_period(period)
    columns = []
    for indicator in all_indicators:
        if not indicator.computable or indicator.pk not in targets:
            continue
        ahead = [t for t in targets[indicator.pk] if t.year >= period.year]
        if ahead:
            # The nearest year; there, the unit's own (local) target before the Strategy's.
            year = min(t.year for t in ahead)
            ahead = sorted((t for t in ahead if t.year == year), key=lambda t: t.unit_id is None)
        columns.append(MatrixColumn(indicator, ahead[0] if ahead else None))
    if not columns:
        return Matrix([], [], [])
    children = list(below[columns[0].indicator])
    return Matrix(
        columns=columns,
        total=[_cell(c, at_unit[c.indicator]) for c in columns],
        rows=[
            (child, [_cell(c, below[c.indicator][child]) for c in columns]) for child in children
        ],
    )


def matrix_workbook(unit: Unit, period, mode: str, table: Matrix) -> bytes:
    """The lower units × targets table as an XLSX file: one column per indicator, its target
    in the heading, "đạt" beside a value that meets it."""
    period = rollup.as_period(period)
    with translation.override("vi"):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Lower units")[:31]
        title = _("Where each lower unit stands, %(period_label)s") % {
            "period_label": period_label(period)
        }
        sheet.append([f"{unit.name} – {title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([str(dict(rollup.MODES)[mode])])
        sheet.append([])
        headings = [_("Code"), _("Unit")]
        for column in table.columns:
            heading = f"{column.indicator.code} – {column.indicator.name_vi}"
            target = column.target
            if target is not None and target.value is not None:
                heading += " (%s)" % (
                    _("Target %(year)s: %(operator)s %(value)s")
                    % {
                        "year": target.year,
                        "operator": target.get_operator_display(),
                        "value": f"{target.value.normalize():f}",
                    }
                )
            headings += [heading, _("Meets the target")]
        sheet.append(headings)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        rows = [(unit, table.total), *table.rows]
        for row_unit, cells in rows:
            line = [row_unit.shown_code, row_unit.name]
            for cell in cells:
                value = None if cell.value is None else float(round(cell.value, 4))
                line += [value, {True: _("met"), False: _("not yet met"), None: ""}[cell.meets]]
            sheet.append(line)
        sheet.column_dimensions["A"].width = 12
        sheet.column_dimensions["B"].width = 32
        sheet.freeze_panes = "C5"
        return to_bytes(book)


def completeness(indicator: Indicator, below: dict) -> Completeness:
    """Of the lower units listed under the ranking (`below`: {child: value}, those the
    dashboard shows), how many have the indicator's figures for the period. The count is of
    the same units as the list: a nation with four provinces reads "n of 4", never a count of
    every commune below. A child counts where its level or a level under it enters the
    indicator."""
    levels = indicator.levels
    expected = [child for child in below if any(level >= child.level for level in levels)]
    entered = sum(1 for child in expected if below[child] is not None)
    return Completeness(entered=entered, expected=len(expected))


def _number(value) -> float | None:
    return None if value is None else round(float(value), 4)


def trend_data(indicator: Indicator, points: dict, targets: list) -> dict:
    """The trend chart: the yearly values, and each target drawn flat up to its year."""
    # From the first year with a value (the years before it would be an empty stretch) to
    # the last target year.
    years = sorted(year for year, value in points.items() if value is not None)
    last = max([*years, *TARGET_YEARS, *(t.year for t in targets)])
    labels = list(range(years[0], last + 1)) if years else list(TARGET_YEARS)
    lines = []
    for target in targets:
        if target.value is None:
            continue
        label = _("Target %(year)s: %(operator)s %(value)s") % {
            "year": target.year,
            "operator": target.get_operator_display(),
            "value": f"{target.value.normalize():f}",
        }
        if target.unit_id:
            label = f"{label} ({_('local')})"
        lines.append(
            {
                "label": label,
                "data": [_number(target.value) if y <= target.year else None for y in labels],
            }
        )
    return {
        "labels": labels,
        "label": indicator.name_vi,
        "data": [_number(points.get(year)) for year in labels],
        "targets": lines,
    }


def chart_data(indicator: Indicator, points: dict, targets: list, rows: list) -> dict:
    """What the dashboard's two charts draw, as JSON for json_script."""
    return {
        "measure": indicator.measure,
        "trend": trend_data(indicator, points, targets),
        "ranking": {
            "labels": [row.unit.name for row in rows if row.value is not None],
            "data": [_number(row.value) for row in rows if row.value is not None],
        },
    }


def public_chart_data(rows: list) -> dict:
    """The public page's trend charts, one per published indicator, keyed by its code."""
    return {
        row.indicator.code: {
            "trend": trend_data(row.indicator, row.points, [t.target for t in row.targets])
        }
        for row in rows
    }


def ranking_workbook(unit: Unit, indicator: Indicator, period, mode: str, rows) -> bytes:
    """The ranking table as an XLSX file, headed in Vietnamese as the files officials send."""
    with translation.override("vi"):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Ranking")[:31]
        sheet.append([f"{indicator.code} – {indicator.name_vi}"])
        sheet["A1"].font = Font(bold=True, size=13)
        mode_label = dict(rollup.MODES)[mode]
        sheet.append([f"{unit.name} · {period_label(rollup.as_period(period))} · {mode_label}"])
        sheet.append([])
        headings = [_("Place in the ranking"), _("Code"), _("Unit"), _("Value")]
        sheet.append(headings)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            value = None if row.value is None else float(round(row.value, 4))
            sheet.append([row.rank, row.unit.shown_code, row.unit.name, value])
        for letter, width in zip("ABCD", (8, 12, 40, 14), strict=True):
            sheet.column_dimensions[letter].width = width
        return to_bytes(book)


def public_unit(key: str) -> Unit:
    """A unit by its code, else by its primary key; None when there is none."""
    unit = Unit.objects.filter(code=key).first()
    if unit is None and (pk := whole_number(key, minimum=1)) is not None:
        unit = Unit.objects.filter(pk=pk).first()
    return unit


def headline_years(unit: Unit, today: date) -> range:
    """The years a unit's current value, trend and projections read. Above a commune the
    year under way is left out, as on the public page: its figures are still coming in, and
    the first lower unit to enter them would stand for the whole unit (one ward's figure
    became the nation's value). A commune's own figures count as soon as it enters them."""
    last = today.year if unit.level >= Level.COMMUNE else today.year - 1
    return range(last - YEARS_SHOWN + 1, last + 1)


def latest_years(today: date) -> range:
    """The years a public page reads: the last YEARS_SHOWN complete years. The year under
    way is left out: its figures are still being entered and checked."""
    return range(today.year - YEARS_SHOWN, today.year)
