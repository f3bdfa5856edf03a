"""Entering figures: checking them, saving them with their history, and turning the
leadership register into figures. The form, the spreadsheet import and the register all
go through `save_values`, so the rules and the history are the same whichever way a figure
came in."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vstb.indicators.models import (
    Area,
    DataElement,
    DataValue,
    DataValueChange,
    Indicator,
    LeadershipPosition,
    Measure,
    SexSlot,
    Source,
)
from vstb.org.models import Sex, Unit

# A change of more than half the previous year's figure is worth a second look: a warning
# shown after saving, never a refusal (a new shelter can double a count in one year).
JUMP_WARNING = Decimal("0.5")

Cell = tuple[int, str, str]  # (element id, sex, area)


def cell_label(element: DataElement, sex: str, area: str) -> str:
    parts = [element.name_vi]
    if sex:
        parts.append(str(SexSlot(sex).label))
    if area:
        parts.append(str(Area(area).label))
    return " – ".join(parts)


# Numbers as people type them -----------------------------------------------------------------

THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


class FigureError(ValueError):
    pass


def parse_figure(value) -> Decimal | None:
    """A figure typed in a form or a cell: "1500", "1.500" (Vietnamese thousands), "12,5"
    (Vietnamese decimal comma), "1.500,5", or a spreadsheet number. None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise FigureError(_("Type a number here."))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise FigureError(
                _("Type a number here, with no words (for example 1.500 or 12,5).")
            ) from None
        if not number.is_finite():
            raise FigureError(_("Type a number here, with no words (for example 1.500 or 12,5)."))
    if number < 0:
        raise FigureError(_("A figure cannot be negative."))
    if number != number.quantize(Decimal("0.0001")) or number >= Decimal("1e12"):
        raise FigureError(_("Type at most four decimals and fewer than 13 digits."))
    return number


def format_figure(value: Decimal | None) -> str:
    """A stored figure as the form shows it: 1500, 12,5 (no thousands dots, so that it reads
    back the same)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


# Checks ------------------------------------------------------------------------------------------


def check_values(elements: dict[int, DataElement], values: dict[Cell, Decimal | None]) -> dict:
    """Errors by cell for one unit and period: {cell: [message]}. `values` holds every cell
    of the period (what is already stored, with the new figures over it)."""
    errors: dict[Cell, list[str]] = {}

    def add(cell: Cell, message: str) -> None:
        errors.setdefault(cell, []).append(message)

    for (element_id, sex, area), value in values.items():
        element = elements[element_id]
        if value is not None and element.measure == Measure.PERCENT and value > 100:
            add((element_id, sex, area), _("A percentage lies between 0 and 100."))
    for element in elements.values():
        total = values.get((element.pk, "", ""))
        women = values.get((element.pk, SexSlot.WOMEN, ""))
        men = values.get((element.pk, SexSlot.MEN, ""))
        if not element.additive:
            continue  # averages by sex: women's hours may exceed the average of everyone
        if total is not None:
            if women is not None and women > total:
                add(
                    (element.pk, SexSlot.WOMEN, ""),
                    _("The number of women (%(women)s) is larger than the total (%(total)s).")
                    % {"women": format_figure(women), "total": format_figure(total)},
                )
            if men is not None and men > total:
                add(
                    (element.pk, SexSlot.MEN, ""),
                    _("The number of men (%(men)s) is larger than the total (%(total)s).")
                    % {"men": format_figure(men), "total": format_figure(total)},
                )
            if women is not None and men is not None and women <= total and men <= total:
                if women + men > total:
                    add(
                        (element.pk, "", ""),
                        _("Women and men together (%(sum)s) are more than the total (%(total)s).")
                        % {"sum": format_figure(women + men), "total": format_figure(total)},
                    )
            urban = values.get((element.pk, "", Area.URBAN))
            rural = values.get((element.pk, "", Area.RURAL))
            if urban is not None and rural is not None and urban + rural > total:
                add(
                    (element.pk, "", Area.RURAL),
                    _("Urban and rural together (%(sum)s) are more than the total (%(total)s).")
                    % {"sum": format_figure(urban + rural), "total": format_figure(total)},
                )
    for cell, message in share_errors(values):
        if not errors.get(cell):
            add(cell, message)
    return errors


def share_errors(values: dict[Cell, Decimal | None]) -> list[tuple[Cell, str]]:
    """A percentage indicator counts a part of a whole (agencies with a woman leader out of
    all agencies): its numerator cannot be larger than its denominator, or the share passes
    100 % and every roll-up and projection above inherits it. (A ratio such as boys per 100
    girls may pass 1 and is not checked.) The message goes to the numerator's cell."""
    element_ids = {element_id for element_id, _s, _a in values}
    shares = Indicator.objects.filter(
        measure=Measure.PERCENT,
        numerator_id__in=element_ids,
        denominator_id__in=element_ids,
    ).select_related("numerator", "denominator")
    found = []
    for indicator in shares:
        top_cell = (indicator.numerator_id, indicator.numerator_sex, "")
        bottom_cell = (indicator.denominator_id, indicator.denominator_sex, "")
        top, bottom = values.get(top_cell), values.get(bottom_cell)
        if top is None or bottom is None or top <= bottom or top_cell == bottom_cell:
            continue
        found.append(
            (
                top_cell,
                _(
                    "%(part)s (%(value)s) is larger than %(whole)s (%(total)s): it is a part of "
                    "it, so it cannot be larger. Correct one of the two figures."
                )
                % {
                    "part": cell_label(indicator.numerator, indicator.numerator_sex, ""),
                    "value": format_figure(top),
                    "whole": cell_label(indicator.denominator, indicator.denominator_sex, ""),
                    "total": format_figure(bottom),
                },
            )
        )
    return found


def jump_warnings(
    elements: dict[int, DataElement],
    unit: Unit,
    year: int,
    period: str,
    new: dict[Cell, Decimal | None],
) -> list[str]:
    """Warnings for figures that moved by more than JUMP_WARNING from the year before."""
    before = {
        (v.element_id, v.sex, v.area): v.value
        for v in DataValue.objects.filter(
            unit=unit, year=year - 1, period=period, age_group="", element_id__in=list(elements)
        )
    }
    warnings = []
    for cell, value in new.items():
        old = before.get(cell)
        if value is None or not old:
            continue
        change = abs(value - old) / old
        if change > JUMP_WARNING:
            element_id, sex, area = cell
            if value < old:
                message = _(
                    "%(cell)s: %(new)s in %(year)s against %(old)s in %(before)s, a drop of "
                    "%(percent)s %%. Check the figure; it has been saved."
                )
            else:
                message = _(
                    "%(cell)s: %(new)s in %(year)s against %(old)s in %(before)s, a rise of "
                    "%(percent)s %%. Check the figure; it has been saved."
                )
            warnings.append(
                message
                % {
                    "cell": cell_label(elements[element_id], sex, area),
                    "new": format_figure(value),
                    "year": year,
                    "old": format_figure(old),
                    "before": year - 1,
                    "percent": f"{change * 100:.0f}",
                }
            )
    return warnings


# Saving ------------------------------------------------------------------------------------------


@dataclass
class SaveResult:
    changed: int = 0
    warnings: list[str] = field(default_factory=list)


def stored_values(unit: Unit, year: int, period: str) -> dict[Cell, DataValue]:
    return {
        (v.element_id, v.sex, v.area): v
        for v in DataValue.objects.filter(unit=unit, year=year, period=period, age_group="")
    }


@transaction.atomic
def save_values(
    unit: Unit,
    year: int,
    period: str,
    entries: dict[Cell, Decimal | None],
    user,
    source: str,
) -> SaveResult:
    """Store the figures given (None clears a cell), recording who changed what, when, from
    what to what. Cells not given are left as they are. Checked beforehand by the caller
    (check_values); the warnings are worked out here."""
    elements = DataElement.objects.in_bulk({element_id for element_id, _s, _a in entries})
    # One writer at a time for a unit's figures (the form, an import and an accepted report
    # may meet): the second reads what the first stored, so no cell is created twice and
    # each change records the value it really replaced.
    list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True))
    now = timezone.now()
    stored = stored_values(unit, year, period)
    changes = []
    changed_cells = {}
    for cell, value in entries.items():
        element_id, sex, area = cell
        current = stored.get(cell)
        old = current.value if current else None
        if old == value:
            continue
        if value is None:
            current.delete()
        elif current:
            current.value, current.source = value, source
            current.entered_by, current.entered_at = user, now
            current.save(update_fields=["value", "source", "entered_by", "entered_at"])
        else:
            DataValue.objects.create(
                element_id=element_id,
                unit=unit,
                year=year,
                period=period,
                sex=sex,
                area=area,
                value=value,
                source=source,
                entered_by=user,
                entered_at=now,
            )
        changed_cells[cell] = value
        changes.append(
            DataValueChange(
                element_id=element_id,
                unit=unit,
                year=year,
                period=period,
                sex=sex,
                area=area,
                old_value=old,
                new_value=value,
                source=source,
                changed_by=user,
                changed_at=now,
            )
        )
    DataValueChange.objects.bulk_create(changes)
    warnings = jump_warnings(elements, unit, year, period, changed_cells) if changed_cells else []
    return SaveResult(changed=len(changes), warnings=warnings)


def elements_for(unit: Unit) -> list[DataElement]:
    """The elements a unit enters: those collected at its level."""
    return [e for e in DataElement.objects.order_by("order", "code") if e.entered_at(unit.level)]


# Women in leadership -------------------------------------------------------------------------

LEADERSHIP_ELEMENTS = ("LD_CO_QUAN", "LD_CO_QUAN_CO_NU", "LD_LANH_DAO")


@dataclass
class LeadershipCounts:
    bodies: int
    bodies_with_woman: int
    leaders: int
    women: int
    men: int


def leadership_counts(unit: Unit, day: date) -> LeadershipCounts:
    """From the register, on `day`: the bodies (state agencies and the People's Committee)
    with a key position held, those where a woman holds one, and the key leaders by sex."""
    return counts_of(LeadershipPosition.objects.filter(unit=unit).held_on(day))


def counts_of(positions) -> LeadershipCounts:
    """The counts of a list of positions held on one day."""
    held = [(position.agency_id, position.holder_sex) for position in positions]
    bodies = {agency for agency, _sex in held}
    with_woman = {agency for agency, sex in held if sex == Sex.FEMALE}
    women = sum(1 for _agency, sex in held if sex == Sex.FEMALE)
    return LeadershipCounts(
        bodies=len(bodies),
        bodies_with_woman=len(with_woman),
        leaders=len(held),
        women=women,
        men=len(held) - women,
    )


def record_leadership(unit: Unit, year: int, user) -> tuple[LeadershipCounts, SaveResult]:
    """Write the register's counts for `year` (as on 31/12, or today in the current year)
    as the unit's figures, so that they roll up like any figure."""
    day = min(date(year, 12, 31), timezone.localdate())
    counts = leadership_counts(unit, day)
    codes = DataElement.objects.in_bulk(list(LEADERSHIP_ELEMENTS), field_name="code")
    entries = {
        (codes["LD_CO_QUAN"].pk, "", ""): Decimal(counts.bodies),
        (codes["LD_CO_QUAN_CO_NU"].pk, "", ""): Decimal(counts.bodies_with_woman),
        (codes["LD_LANH_DAO"].pk, "", ""): Decimal(counts.leaders),
        (codes["LD_LANH_DAO"].pk, SexSlot.WOMEN, ""): Decimal(counts.women),
        (codes["LD_LANH_DAO"].pk, SexSlot.MEN, ""): Decimal(counts.men),
    }
    return counts, save_values(unit, year, "year", entries, user, Source.REGISTER)
