"""Reporting periods and their data cut-off windows.

Decree 09/2019/NĐ-CP on the reporting regime of state administrative agencies, art. 12
(thời gian chốt số liệu báo cáo định kỳ):
- quarterly: from the 15th of the month before the quarter to the 14th of its last month;
- 6-month: from 15 December of the previous year to 14 June;
- 9-month: from 15 December of the previous year to 14 September;
- annual: from 15 December of the previous year to 14 December.
"""

from datetime import date


class PeriodRule:
    SIX_MONTH = "six_month"
    NINE_MONTH = "nine_month"
    ANNUAL = "annual"
    QUARTERLY = "quarterly"
    CUSTOM = "custom"


def cutoff_window(rule: str, year: int, quarter: int | None = None) -> tuple[date, date]:
    """The first and last day whose data a periodic report covers (Decree 09/2019 art. 12)."""
    if rule == PeriodRule.SIX_MONTH:
        return date(year - 1, 12, 15), date(year, 6, 14)
    if rule == PeriodRule.NINE_MONTH:
        return date(year - 1, 12, 15), date(year, 9, 14)
    if rule == PeriodRule.ANNUAL:
        return date(year - 1, 12, 15), date(year, 12, 14)
    if rule == PeriodRule.QUARTERLY:
        if quarter not in (1, 2, 3, 4):
            raise ValueError("a quarterly window needs a quarter from 1 to 4")
        first_month = 3 * quarter - 2
        start = date(year - 1, 12, 15) if first_month == 1 else date(year, first_month - 1, 15)
        return start, date(year, first_month + 2, 14)
    raise ValueError(f"no cut-off rule for {rule!r}: give the window's dates")
