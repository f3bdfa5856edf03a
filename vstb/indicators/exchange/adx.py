"""ADX, the IHE Aggregate Data Exchange profile (IHE QRPH ADX, Trial Implementation, 2015),
which DHIS2 also reads (/api/dataValueSets with Content-Type application/adx+xml):

    <adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-01-05T08:00:00+00:00">
      <group orgUnit="00139" period="2025-01-01/P1Y" dataSet="VSTB">
        <dataValue dataElement="DAN_SO" value="10000"/>
        <dataValue dataElement="DAN_SO" SEX="f" value="5100"/>
      </group>
    </adx>

A group holds one unit's values for one period. A breakdown is an attribute named by its
category's code (SEX, AREA) whose value is the category option's code; the total has none.
Codes: ExchangeCode.adx_code where mapped, else VSTB's own."""

import re
from collections.abc import Iterator
from xml.etree import ElementTree
from xml.sax.saxutils import quoteattr

from django.utils import timezone
from django.utils.translation import gettext as _

from vstb.accounts.models import User
from vstb.indicators.exchange import common
from vstb.indicators.models import Area, ExchangeKind, PeriodKind, SexSlot, Source
from vstb.indicators.rollup import Period
from vstb.indicators.services import FigureError
from vstb.org.models import Unit

NAMESPACE = "urn:ihe:qrph:adx:2015"
ADX = f"{{{NAMESPACE}}}adx"
GROUP = f"{{{NAMESPACE}}}group"
DATA_VALUE = f"{{{NAMESPACE}}}dataValue"
# The categories' codes, as attribute names of a dataValue.
SEX, AREA = "SEX", "AREA"
GROUP_ATTRIBUTES = {"orgUnit", "period", "dataSet", "completeDate"}
VALUE_ATTRIBUTES = {"dataElement", "value", SEX, AREA}
# ADX periods are ISO 8601 intervals, a start date and a duration: "2025-01-01/P1Y" is the
# year 2025, "2025-01-01/P6M" its first six months.
PERIOD = re.compile(r"(\d{4})-(\d{2})-(\d{2})/P(\d+)([YMWD])")
DURATIONS: dict[str, str] = {PeriodKind.YEAR: "P1Y", PeriodKind.FIRST_HALF: "P6M"}


def adx_xml(
    root: Unit, start_year: int, end_year: int, *, user: User | None = None
) -> Iterator[bytes]:
    """The figures of `root` and the units below it, `start_year` to `end_year`, as an ADX
    message, in chunks (for a streaming response). `root` is access-checked by the caller;
    `user` narrows to the units whose own figures the user reads."""
    codes = common.load_codes("adx_code")
    data_set = quoteattr(codes.code(ExchangeKind.DATA_SET, common.DATA_SET))
    exported = quoteattr(timezone.now().isoformat(timespec="seconds"))
    yield (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="{NAMESPACE}" exported={exported}>\n'
    ).encode()

    def pieces() -> Iterator[str]:
        group = None
        for value in common.values_under(root, start_year, end_year, user):
            if (value.unit, value.year, value.period) != group:
                if group is not None:
                    yield "</group>\n"
                group = (value.unit, value.year, value.period)
                unit = quoteattr(codes.code(ExchangeKind.UNIT, value.unit))
                period = quoteattr(period_text(value.year, value.period))
                yield f"<group orgUnit={unit} period={period} dataSet={data_set}>\n"
            breakdown = ""
            if value.sex:
                breakdown = f" {SEX}={quoteattr(codes.code(ExchangeKind.SEX, value.sex))}"
            if value.area:
                breakdown += f" {AREA}={quoteattr(codes.code(ExchangeKind.AREA, value.area))}"
            element = quoteattr(codes.code(ExchangeKind.ELEMENT, value.element))
            figure = quoteattr(common.figure_text(value.value))
            yield f"<dataValue dataElement={element}{breakdown} value={figure}/>\n"
        if group is not None:
            yield "</group>\n"

    yield from common.chunked(pieces())
    yield b"</adx>\n"


def period_text(year: int, kind: str) -> str:
    return f"{year}-01-01/{DURATIONS[kind]}"


def import_adx(user: User, payload: bytes, dry_run: bool = False) -> dict:
    """Read an ADX message and store its values for `user`: all of them, or none and the
    summary names every bad value. Returns a DHIS2 import summary."""
    if len(payload) > common.MAX_PAYLOAD_BYTES:
        return common.refused(common.too_large())
    # ADX declares no document type. Python's parser expands no external entity and caps
    # entity growth (expat ≥ 2.4.1, "XML vulnerabilities" in Python's documentation);
    # refusing any DOCTYPE leaves no entity to expand at all.
    if b"<!DOCTYPE" in payload:
        return common.refused(
            _("The file declares a document type (DOCTYPE), which ADX does not use.")
        )
    try:
        document = ElementTree.fromstring(payload)
    except ElementTree.ParseError as error:
        line, column = error.position
        return common.refused(
            _("The file is not valid XML (line %(line)s, column %(column)s).")
            % {"line": line, "column": column}
        )
    if document.tag != ADX:
        return common.refused(
            _("The file is not ADX: its root element should be “adx” in the namespace %(ns)s.")
            % {"ns": NAMESPACE}
        )
    codes = common.load_codes("adx_code")
    read = common.Payload()
    for group in document.iter(GROUP):
        _read_group(group, codes, read)
    return common.import_rows(user, codes, read, Source.ADX, dry_run)


def _read_group(group: ElementTree.Element, codes: common.Codes, read: common.Payload) -> None:
    """Add the group's values to `read`, each with what is wrong in it or in its group."""
    unit = group.get("orgUnit", "").strip()
    period_text = group.get("period", "").strip()
    group_problems = [
        (name, _("The group has no %(field)s.") % {"field": name})
        for name, given in (("orgUnit", unit), ("period", period_text))
        if not given
    ]
    period = read_period(period_text) if period_text else None
    if isinstance(period, str):
        group_problems.append((period_text, period))
        period = None
    for name in sorted(set(group.keys()) - GROUP_ATTRIBUTES):
        group_problems.append((name, _unknown_attribute(name)))
    for value in group.iter(DATA_VALUE):
        read.count += 1
        row = common.Row(
            read.count,
            element=value.get("dataElement", "").strip(),
            unit=unit,
            period_text=period_text,
            period=period,
            problems=list(group_problems),
        )
        if not row.element:
            problem = _("The value has no %(field)s.") % {"field": "dataElement"}
            row.problems.append(("dataElement", problem))
        for name in sorted(set(value.keys()) - VALUE_ATTRIBUTES):
            row.problems.append((name, _unknown_attribute(name)))
        slot = _slot(codes, value.get(SEX), value.get(AREA))
        if isinstance(slot, str):
            row.problems.append((slot, common.unknown_breakdown(slot)))
        else:
            row.sex, row.area = slot
        try:
            row.value = common.read_figure(value.get("value"))
        except FigureError as error:
            row.problems.append((row.element, str(error)))
        read.rows.append(row)


def _unknown_attribute(name: str) -> str:
    return _("VSTB keeps no breakdown “%(name)s”: only %(sex)s and %(area)s.") % {
        "name": name[:50],
        "sex": SEX,
        "area": AREA,
    }


def read_period(text: str) -> Period | str:
    """The period of an ADX interval, or why it cannot be one of VSTB's."""
    match = PERIOD.fullmatch(text)
    if match is None:
        return common.not_a_period(text, "2025-01-01/P1Y", "2025-01-01/P6M")
    year, month, day, count, unit = match.groups()
    duration = f"P{int(count)}{unit}"
    kinds = {value: kind for kind, value in DURATIONS.items()}
    if (month, day) != ("01", "01") or duration not in kinds:
        return common.period_not_kept(text)
    return common.year_problem(int(year)) or Period(int(year), kinds[duration])


def _slot(
    codes: common.Codes, sex_code: str | None, area_code: str | None
) -> tuple[str, str] | str:
    """The (sex, area) of a value's attributes, or the code that is not VSTB's."""
    sex: str = SexSlot.TOTAL
    area: str = Area.ALL
    if sex_code is not None:
        sex = codes.key(ExchangeKind.SEX, sex_code.strip())
        if sex not in SexSlot.values:
            return sex_code
    if area_code is not None:
        area = codes.key(ExchangeKind.AREA, area_code.strip())
        if area not in (Area.URBAN, Area.RURAL):
            return area_code
    return sex, area
