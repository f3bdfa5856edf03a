"""SDMX-CSV 2.0 (SDMX 3.0 Technical Notes, "SDMX-CSV format", version 2.0.0): one
observation a line, for programs that read SDMX (statistical offices, sdmx1, .Stat).

    STRUCTURE,STRUCTURE_ID,ACTION,DATA_ELEMENT,REF_AREA,SEX,URBANISATION,TIME_PERIOD,OBS_VALUE
    dataflow,VSTB:DF_VSTB_FIGURES(1.0),I,DAN_SO,00139,f,_T,2025,5100

The dataflow's dimensions are those of DIMENSIONS; a reader brings its own copy of the
structure (VSTB publishes no SDMX registry). Codes: ExchangeCode.sdmx_code where mapped,
else VSTB's own."""

import csv
import io
from collections.abc import Iterator

from vstb.accounts.models import User
from vstb.indicators.exchange import common
from vstb.indicators.models import ExchangeKind, PeriodKind
from vstb.org.models import Unit

AGENCY, DATAFLOW, VERSION = "VSTB", "DF_VSTB_FIGURES", "1.0"
STRUCTURE_ID = f"{AGENCY}:{DATAFLOW}({VERSION})"
# REF_AREA, SEX, URBANISATION and TIME_PERIOD are concepts of the SDMX Content-Oriented
# Guidelines (cross-domain concepts); DATA_ELEMENT is VSTB's own.
DIMENSIONS = ["DATA_ELEMENT", "REF_AREA", "SEX", "URBANISATION", "TIME_PERIOD"]
HEADER = ["STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, "OBS_VALUE"]
# "_T", the total, is the code of the Guidelines' cross-domain code lists (CL_SEX,
# CL_URBANISATION) for "no breakdown".
TOTAL = "_T"
# ACTION "I": information, the data as they stand, not an instruction to the receiver.
INFORMATION = "I"


def sdmx_csv(
    root: Unit, start_year: int, end_year: int, *, user: User | None = None
) -> Iterator[bytes]:
    """The figures of `root` and the units below it, `start_year` to `end_year`, as
    SDMX-CSV 2.0, in chunks (for a streaming response). `root` is access-checked by the
    caller; `user` narrows to the units whose own figures the user reads."""
    codes = common.load_codes("sdmx_code")
    yield _line(HEADER).encode()

    def pieces() -> Iterator[str]:
        for value in common.values_under(root, start_year, end_year, user):
            sex = codes.code(ExchangeKind.SEX, value.sex) if value.sex else TOTAL
            area = codes.code(ExchangeKind.AREA, value.area) if value.area else TOTAL
            yield _line(
                [
                    "dataflow",
                    STRUCTURE_ID,
                    INFORMATION,
                    codes.code(ExchangeKind.ELEMENT, value.element),
                    codes.code(ExchangeKind.UNIT, value.unit),
                    sex,
                    area,
                    period_text(value.year, value.period),
                    common.figure_text(value.value),
                ]
            )

    yield from common.chunked(pieces())


def period_text(year: int, kind: str) -> str:
    """SDMX time periods (SDMX 2.1 Technical Notes, "Time and time period"): "2025" is the
    year, "2025-S1" its first semester (a reporting period)."""
    return f"{year}-S1" if kind == PeriodKind.FIRST_HALF else f"{year}"


def _line(fields: list[str]) -> str:
    """One CSV record (RFC 4180, as SDMX-CSV asks): quoted where needed, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(fields)
    return buffer.getvalue()
