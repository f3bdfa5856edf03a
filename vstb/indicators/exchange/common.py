"""What the exchange formats share: partner codes (ExchangeCode), the values an export
reads, figures as text, and the import: every value checked as the entry form checks it,
then all of them stored through `services.save_values`, or none."""

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vstb import access
from vstb.accounts.models import User
from vstb.indicators import services
from vstb.indicators.dashboard import period_label
from vstb.indicators.models import (
    EXCHANGE_DATA_SET,
    Area,
    DataElement,
    DataValue,
    ExchangeCode,
    ExchangeKind,
    SexSlot,
)
from vstb.indicators.rollup import Period
from vstb.org.models import Unit

# The largest payload read. Checked before anything is parsed, so that a large file costs
# nothing. 5 MB holds about 30,000 values of a DHIS2 data value set (some 150 bytes each): a
# province's figures for a year; larger sets are sent in parts.
MAX_PAYLOAD_BYTES = 5 * 1024 * 1024
# Values read from the database at a time by an export, and written out per chunk.
CHUNK_VALUES = 2000
# A payload of thousands of bad values gets the first ones named and a count of the rest.
MAX_CONFLICTS = 100
# The years VSTB keeps figures for (as the entry form's address allows).
FIRST_YEAR, LAST_YEAR = 2000, 2100
DATA_SET = EXCHANGE_DATA_SET


# Partner codes -------------------------------------------------------------------------------


@dataclass
class Codes:
    """The partner's codes of one format (ExchangeCode.dhis2_id, adx_code or sdmx_code): the
    way out (VSTB key → partner code) and back."""

    out: dict[str, dict[str, str]]
    back: dict[str, dict[str, str]]

    def code(self, kind: str, key: str) -> str:
        """The partner's code, or VSTB's own where none is mapped."""
        return self.out[kind].get(key, key)

    def key(self, kind: str, code: str) -> str:
        """The VSTB key of a code read: the mapped code first, else the code taken as VSTB's
        own (so that an import accepts both)."""
        return self.back[kind].get(code, code)

    def mapped(self, kind: str, key: str) -> str | None:
        return self.out[kind].get(key)


def load_codes(column: str) -> Codes:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    back: dict[str, dict[str, str]] = defaultdict(dict)
    rows = ExchangeCode.objects.exclude(**{column: ""}).values_list("kind", "key", column)
    for kind, key, code in rows:
        out[kind][key] = code
        back[kind][code] = key
    return Codes(out, back)


# Export ------------------------------------------------------------------------------------------


class Value(NamedTuple):
    """One stored figure as the formats write it (a tuple: a national export makes
    millions)."""

    element: str  # DataElement.code
    unit: str  # Unit.code
    year: int
    period: str  # a PeriodKind
    sex: str
    area: str
    value: Decimal


def values_under(
    root: Unit, start_year: int, end_year: int, user: User | None = None
) -> Iterator[Value]:
    """The figures of `root` and every unit below it for the years given, unit by unit and
    period by period (what an ADX group holds), read a chunk at a time so that a national
    export never sits in memory. With `user`, only the units whose own figures that user
    reads (a focal point reads its unit, not the units below it)."""
    values = DataValue.objects.filter(
        unit__path__under=root.path,
        year__gte=start_year,
        year__lte=end_year,
        # save_values keeps only the cells without an age group; the formats carry those.
        age_group="",
    )
    if user is not None:
        values = values.filter(access.unit_filter(user))
    rows = values.order_by(
        "unit__path", "year", "period", "element__order", "element__code", "sex", "area"
    ).values_list("element__code", "unit__code", "year", "period", "sex", "area", "value")
    for row in rows.iterator(chunk_size=CHUNK_VALUES):
        yield Value._make(row)


def chunks_under(
    root: Unit, start_year: int, end_year: int, user: User | None = None
) -> Iterator[list[Value]]:
    """values_under() in lists of CHUNK_VALUES, for a writer that encodes a list at once."""
    values = values_under(root, start_year, end_year, user)
    while chunk := list(islice(values, CHUNK_VALUES)):
        yield chunk


def chunked(pieces: Iterator[str]) -> Iterator[bytes]:
    """Text pieces joined into chunks of about CHUNK_VALUES pieces, as UTF-8 bytes."""
    buffer: list[str] = []
    for piece in pieces:
        buffer.append(piece)
        if len(buffer) >= CHUNK_VALUES:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()


def figure_text(value: Decimal) -> str:
    """A stored figure as the formats write numbers: a decimal point, no exponent, no
    trailing zeros ("1500", "12.5")."""
    return f"{value.normalize():f}"


# Reading ------------------------------------------------------------------------------------------

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")


def read_figure(raw) -> Decimal:
    """A value as a program writes it: a number, or a text with a decimal point. Not
    `parse_figure`'s reading of typed text, where "1.500" is 1500: here it is one and a half.
    Then the entry form's limits (not negative, at most four decimals, under 10^12)."""
    if raw is None or raw == "":
        raise services.FigureError(_("The figure is missing."))
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        number = Decimal(raw)
    elif isinstance(raw, str) and NUMBER.fullmatch(raw.strip()):
        number = Decimal(raw.strip())
    else:
        shown = raw if isinstance(raw, str) else str(raw)
        raise services.FigureError(_("“%(value)s” is not a number.") % {"value": shown[:40]})
    figure = services.parse_figure(number)
    assert figure is not None
    return figure


def too_large() -> str:
    return _(
        "The file is larger than %(limit)s MB and has not been read. Send the figures in "
        "parts, for example one province or one year at a time."
    ) % {"limit": MAX_PAYLOAD_BYTES // (1024 * 1024)}


def not_a_period(text: str, year_example: str, half_example: str) -> str:
    return _(
        "“%(period)s” is not a period. Write a year (%(year)s) or its first six months (%(half)s)."
    ) % {"period": text[:40], "year": year_example, "half": half_example}


def period_not_kept(text: str) -> str:
    return _(
        "VSTB keeps figures for a year or its first six months, not for the period “%(period)s”."
    ) % {"period": text[:40]}


def unknown_breakdown(code: str) -> str:
    return _("“%(code)s” is not a breakdown VSTB knows: women, men, urban, rural or the total.") % {
        "code": code[:50]
    }


def year_problem(year: int) -> str | None:
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return _("The year %(year)s is outside %(first)s–%(last)s.") % {
        "year": year,
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


@dataclass
class Row:
    """One value as the payload gives it: the partner's codes, the period and breakdown as
    far as they could be read, and what was wrong in reading them."""

    number: int  # its place among the payload's values, from 1
    element: str
    unit: str
    period_text: str
    period: Period | None  # None where it could not be read
    sex: str = SexSlot.TOTAL
    area: str = Area.ALL
    value: Decimal | None = None  # None: clear the cell
    problems: list[tuple[str, str]] = field(default_factory=list)  # (code at fault, what)


@dataclass
class Payload:
    """What a format module read: the rows, the problems of what is not a value at all, and
    how many values there were."""

    rows: list[Row] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    count: int = 0


def conflict(code: str, where: str, problem: str) -> dict:
    """A conflict in DHIS2's shape: the partner's code at fault and a sentence naming it."""
    return {"object": code, "value": f"{where}: {problem}" if where else problem}


def refused(message: str, code: str = "payload") -> dict:
    """A payload refused as a whole (too large, not the format)."""
    return summary([conflict(code, "", message)], Counts(), ignored=0)


# Import ------------------------------------------------------------------------------------------


@dataclass
class Counts:
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0


def summary(
    conflicts: list[dict], counts: Counts, ignored: int, warnings=(), dry_run: bool = False
) -> dict:
    """An import summary in DHIS2's shape (Web API, "Import summaries"): a status, the
    counts, the conflicts; and VSTB's warnings on figures that jumped from the year before,
    which are stored all the same (status WARNING). A dry run gives the counts of what would
    be stored, and no warnings (they say the figure has been saved)."""
    if conflicts:
        status = "ERROR"
        description = _("The import was refused: nothing was stored. Correct the values below.")
        counts = Counts(ignored=ignored)
        if len(conflicts) > MAX_CONFLICTS:
            more = len(conflicts) - MAX_CONFLICTS
            conflicts = conflicts[:MAX_CONFLICTS] + [
                conflict(
                    "payload",
                    "",
                    _("%(count)s more problems are not listed: correct those above first.")
                    % {"count": more},
                )
            ]
    else:
        status = "WARNING" if warnings else "SUCCESS"
        description = (
            _("Dry run: the values were checked and counted; nothing was stored.")
            if dry_run
            else _("The import is complete.")
        )
    return {
        "responseType": "ImportSummary",
        "status": status,
        "description": description,
        "importCount": {
            "imported": counts.imported,
            "updated": counts.updated,
            "ignored": counts.ignored,
            "deleted": counts.deleted,
        },
        "conflicts": conflicts,
        "warnings": list(warnings),
    }


Group = tuple[Unit, Period]


def import_rows(user: User, codes: Codes, payload: Payload, source: str, dry_run: bool) -> dict:
    """Check every row, then store all of them (one `save_values` per unit and period, so
    that the history records each change), or none when anything is wrong. A dry run checks
    and counts, and stores nothing."""
    checker = _Checker(user, codes, {row.unit for row in payload.rows})
    conflicts = list(payload.conflicts)
    groups: dict[Group, dict[services.Cell, Decimal | None]] = defaultdict(dict)
    numbers: dict[tuple[Group, services.Cell], int] = {}
    for row in payload.rows:
        found = checker.check(row)
        if isinstance(found, list):
            conflicts += found
            continue
        unit, element = found
        assert row.period is not None
        group, cell = (unit, row.period), (element.pk, row.sex, row.area)
        if (group, cell) in numbers:
            where = checker.place(row, element, unit)
            problem = _("The same figure is already given as value %(first)s: keep one.")
            conflicts.append(
                conflict(element.code, where, problem % {"first": numbers[group, cell]})
            )
            continue
        numbers[group, cell] = row.number
        groups[group][cell] = row.value
    # The rules run on the values that could be read, so that one pass names every bad value.
    counts = Counts()
    for (unit, period), entries in groups.items():
        stored: dict[services.Cell, Decimal | None] = {
            cell: value.value
            for cell, value in services.stored_values(unit, period.year, period.kind).items()
        }
        for cell, messages in services.check_values(checker.elements, stored | entries).items():
            element = checker.elements[cell[0]]
            where = checker.cell_place(numbers.get(((unit, period), cell)), cell, unit, period)
            conflicts += [conflict(element.code, where, message) for message in messages]
        _count(entries, stored, counts)
    if conflicts:
        return summary(conflicts, counts, ignored=payload.count)
    if dry_run:
        return summary([], counts, ignored=0, dry_run=True)
    warnings: list[str] = []
    with transaction.atomic():
        for (unit, period), entries in groups.items():
            result = services.save_values(unit, period.year, period.kind, entries, user, source)
            warnings += result.warnings
    return summary([], counts, ignored=0, warnings=warnings)


def _count(entries: dict, stored: dict, counts: Counts) -> None:
    """Add one group's outcome to `counts`."""
    for cell, value in entries.items():
        old = stored.get(cell)
        if old == value:
            counts.ignored += 1  # the same figure again, or clearing an empty cell
        elif value is None:
            counts.deleted += 1
        elif old is None:
            counts.imported += 1
        else:
            counts.updated += 1


class _Checker:
    """Reads a row's codes back to an element and a unit the user may change, loading each
    unit and its rights once."""

    def __init__(self, user: User, codes: Codes, unit_codes: set[str]) -> None:
        self.user = user
        self.codes = codes
        self.elements = DataElement.objects.in_bulk()
        self.by_code = {element.code: element for element in self.elements.values()}
        # Every unit the payload names, in one query.
        self.units: dict[str, list[Unit]] = {}
        keys = {codes.key(ExchangeKind.UNIT, code) for code in unit_codes}
        for unit in Unit.objects.filter(code__in=sorted(keys)):
            self.units.setdefault(unit.code, []).append(unit)

    def check(self, row: Row) -> tuple[Unit, DataElement] | list[dict]:
        """The row's unit and element, or its conflicts: what was wrong in reading it, and
        codes that mean nothing or a unit the user may not change."""
        element = self.by_code.get(self.codes.key(ExchangeKind.ELEMENT, row.element))
        unit = self._unit(row.unit, row.period)
        # A unit outside the user's scope is unknown to them, as the pages answer 404.
        if unit is not None and not access.can_open_indicators(self.user, unit):
            unit = None
        problems = list(row.problems)
        if element is None and row.element:
            problem = _("There is no data element with the code “%(code)s”.")
            problems.append((row.element, problem % {"code": row.element[:50]}))
        if unit is None and row.unit:
            problem = _("There is no unit with the code “%(code)s”.")
            problems.append((row.unit, problem % {"code": row.unit[:50]}))
        if unit is not None and not access.can_manage_unit(self.user, unit):
            problem = _("You may not change the figures of %(unit)s.")
            problems.append((row.unit, problem % {"unit": unit.name}))
        elif unit is not None and element is not None:
            if not element.entered_at(unit.level):
                problem = _(
                    "%(unit)s does not enter this figure: it is entered at another level. "
                    "Leave the value out."
                )
                problems.append((element.code, problem % {"unit": unit.name}))
            elif (row.sex, row.area) not in element.slots():
                problem = _("This figure is not entered with this breakdown.")
                problems.append((element.code, problem))
        if problems:
            where = self.place(row, element, unit)
            return [conflict(code, where, problem) for code, problem in problems]
        assert unit is not None and element is not None
        return unit, element

    def _unit(self, code: str, period: Period | None) -> Unit | None:
        """The unit of a code: a code passes to another unit after a reform, so the one that
        exists on the period's last day, or the only unit ever given it."""
        candidates = self.units.get(self.codes.key(ExchangeKind.UNIT, code), [])
        day = period.last_day if period else timezone.localdate()
        existing = [unit for unit in candidates if unit.is_valid_on(day)]
        if len(existing) == 1:
            return existing[0]
        return candidates[0] if len(candidates) == 1 else None

    def place(self, row: Row, element: DataElement | None, unit: Unit | None) -> str:
        """Where a value of the payload stands, in words: its number, the figure, the unit
        and the period, or the codes given where they mean nothing."""
        return _("Value %(number)s (%(cell)s, %(unit)s, %(period)s)") % {
            "number": row.number,
            "cell": services.cell_label(element, row.sex, row.area)
            if element
            else row.element or "?",
            "unit": unit.name if unit else row.unit or "?",
            "period": period_label(row.period) if row.period else row.period_text or "?",
        }

    def cell_place(
        self, number: int | None, cell: services.Cell, unit: Unit, period: Period
    ) -> str:
        """Where a cell the rules name stands: a value of the payload, or a figure already
        stored that the payload's values contradict."""
        element_id, sex, area = cell
        names = {
            "number": number,
            "cell": services.cell_label(self.elements[element_id], sex, area),
            "unit": unit.name,
            "period": period_label(period),
        }
        if number is None:
            return _("%(cell)s, %(unit)s, %(period)s (already stored)") % names
        return _("Value %(number)s (%(cell)s, %(unit)s, %(period)s)") % names
