"""DHIS2 data value sets in JSON (DHIS2 Web API, "Data values": /api/dataValueSets).

    {"dataValues": [{"dataElement": "DAN_SO", "period": "2025", "orgUnit": "00139",
                     "categoryOptionCombo": "f", "value": "5100"}, …]}

Codes: a mapped DHIS2 identifier (ExchangeCode.dhis2_id), else VSTB's own code. DHIS2 reads
UIDs by default and codes when asked with idScheme=CODE (or dataElementIdScheme,
orgUnitIdScheme, categoryOptionComboIdScheme): one scheme per kind in a request, so map all
the elements (or units) of a data set or none of them."""

import json
import re
from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from vstb.accounts.models import User
from vstb.indicators.exchange import common
from vstb.indicators.models import Area, ExchangeKind, PeriodKind, SexSlot, Source
from vstb.indicators.rollup import Period
from vstb.indicators.services import FigureError
from vstb.org.models import Unit

# DHIS2 period formats ("Date and period format"): "2025" is the year (Yearly), "2025S1" its
# first six months (SixMonthly). VSTB keeps no other period: a monthly "202501", a quarterly
# "2025Q1", a second half "2025S2" or a financial year "2025April" is refused by name.
YEAR = re.compile(r"(\d{4})")
FIRST_HALF = re.compile(r"(\d{4})S1")
DHIS2_PERIOD = re.compile(
    r"\d{4}(\d{2}|\d{2}B|\d{4}|W\d{1,2}|(Wed|Thu|Sat|Sun|Bi)W\d{1,2}|Q[1-4]|S[12]|"
    r"(April|July|Oct|Nov)(S[12])?)"
)
# DHIS2's default category option combination (no breakdown) is named "default"; a value
# without categoryOptionCombo takes it.
DEFAULT_COMBO = "default"


def datavaluesets_json(
    root: Unit, start_year: int, end_year: int, *, user: User | None = None
) -> Iterator[bytes]:
    """The figures of `root` and the units below it, `start_year` to `end_year`, as a DHIS2
    data value set, in chunks (for a streaming response). `root` is access-checked by the
    caller; `user` narrows to the units whose own figures the user reads."""
    codes = common.load_codes("dhis2_id")
    data_set = codes.mapped(ExchangeKind.DATA_SET, common.DATA_SET)
    # DHIS2 checks the values against a data set only when one is named.
    head = f'"dataSet": {json.dumps(data_set)}, ' if data_set else ""
    yield ("{" + head + '"dataValues": [\n').encode()

    # A chunk of values is encoded with one call of the json module (its C encoder), not
    # one call per value: a national export holds millions of them (vstb bench api).
    separator = ""
    for chunk in common.chunks_under(root, start_year, end_year, user):
        items = [_item(codes, value) for value in chunk]
        text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
        yield (separator + text[1:-1]).encode()
        separator = ",\n"
    yield b"\n]}\n"


def _item(codes: common.Codes, value: common.Value) -> dict:
    item = {
        "dataElement": codes.code(ExchangeKind.ELEMENT, value.element),
        "period": period_text(value.year, value.period),
        "orgUnit": codes.code(ExchangeKind.UNIT, value.unit),
        "value": common.figure_text(value.value),
    }
    combo = _combo(codes, value.sex, value.area)
    if combo:
        item["categoryOptionCombo"] = combo
    return item


def period_text(year: int, kind: str) -> str:
    return f"{year}S1" if kind == PeriodKind.FIRST_HALF else f"{year}"


def _combo(codes: common.Codes, sex: str, area: str) -> str | None:
    """The categoryOptionCombo of a cell: its area's, else its sex's; the total has none
    (DHIS2's default) unless mapped."""
    if area:
        return codes.code(ExchangeKind.AREA, area)
    if sex:
        return codes.code(ExchangeKind.SEX, sex)
    return codes.mapped(ExchangeKind.SEX, SexSlot.TOTAL)


def import_datavaluesets(user: User, payload: bytes, dry_run: bool = False) -> dict:
    """Read a DHIS2 data value set (JSON) and store its values for `user`: all of them, or
    none and the summary names every bad value. Returns a DHIS2 import summary."""
    if len(payload) > common.MAX_PAYLOAD_BYTES:
        return common.refused(common.too_large())
    try:
        document = json.loads(payload, parse_float=Decimal)
    except RecursionError:  # arrays nested thousands deep
        return common.refused(_("The file is not a DHIS2 data value set."))
    except ValueError as error:  # JSONDecodeError, and UnicodeDecodeError on bytes not text
        where = {"line": getattr(error, "lineno", 1), "column": getattr(error, "colno", 1)}
        return common.refused(
            _("The file is not valid JSON (line %(line)s, column %(column)s).") % where
        )
    items = document.get("dataValues") if isinstance(document, dict) else None
    if not isinstance(items, list):
        return common.refused(
            _("The file is not a DHIS2 data value set: it has no list of “dataValues”.")
        )
    codes = common.load_codes("dhis2_id")
    read = common.Payload(count=len(items))
    for number, item in enumerate(items, 1):
        _read_value(number, item, document, codes, read)
    return common.import_rows(user, codes, read, Source.DHIS2, dry_run)


def _read_value(
    number: int, item, document: dict, codes: common.Codes, read: common.Payload
) -> None:
    """Add the value to `read`, with what is wrong in it."""
    if not isinstance(item, dict):
        place = _("Value %(number)s") % {"number": number}
        read.conflicts.append(common.conflict("dataValues", place, _("It is not an object.")))
        return
    # A data value set may give the period and the unit once for all its values.
    period_text = _text(item.get("period", document.get("period")))
    row = common.Row(
        number,
        element=_text(item.get("dataElement")),
        unit=_text(item.get("orgUnit", document.get("orgUnit"))),
        period_text=period_text,
        period=None,
    )
    for name, given in (
        ("dataElement", row.element),
        ("orgUnit", row.unit),
        ("period", period_text),
    ):
        if not given:
            row.problems.append((name, _("The value has no %(field)s.") % {"field": name}))
    if period_text:
        period = read_period(period_text)
        if isinstance(period, str):
            row.problems.append((period_text, period))
        else:
            row.period = period
    combo = _text(item.get("categoryOptionCombo"))
    slot = _slot(codes, combo)
    if slot is None:
        row.problems.append((combo, common.unknown_breakdown(combo)))
    else:
        row.sex, row.area = slot
    option = _text(item.get("attributeOptionCombo"))
    if option not in ("", DEFAULT_COMBO):
        problem = _("VSTB keeps no attribute option combination: “%(code)s” cannot be stored.")
        row.problems.append((option, problem % {"code": option[:50]}))
    if item.get("deleted") is not True:  # DHIS2 marks a value to remove with "deleted": true
        try:
            row.value = common.read_figure(item.get("value"))
        except FigureError as error:
            row.problems.append((row.element, str(error)))
    read.rows.append(row)


def _text(value) -> str:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value)


def read_period(text: str) -> Period | str:
    """The period of a DHIS2 period text, or why it cannot be one of VSTB's."""
    if match := YEAR.fullmatch(text):
        period = Period(int(match[1]), PeriodKind.YEAR)
    elif match := FIRST_HALF.fullmatch(text):
        period = Period(int(match[1]), PeriodKind.FIRST_HALF)
    elif DHIS2_PERIOD.fullmatch(text):
        return common.period_not_kept(text)
    else:
        return common.not_a_period(text, "2025", "2025S1")
    return common.year_problem(period.year) or period


def _slot(codes: common.Codes, combo: str) -> tuple[str, str] | None:
    """The (sex, area) of a categoryOptionCombo: a mapped identifier or VSTB's key."""
    if combo in ("", DEFAULT_COMBO):
        return SexSlot.TOTAL, Area.ALL
    sex = codes.key(ExchangeKind.SEX, combo)
    if sex in SexSlot.values and (sex or combo in codes.back[ExchangeKind.SEX]):
        return sex, Area.ALL
    area = codes.key(ExchangeKind.AREA, combo)
    if area in (Area.URBAN, Area.RURAL):
        return SexSlot.TOTAL, area
    return None
