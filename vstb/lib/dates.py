"""Dates as Vietnamese official documents write them."""

from datetime import date


def long_date(day: date) -> str:
    """Decree 30/2020/NĐ-CP, Appendix I, Part I, II.4.b: "ngày 05 tháng 01 năm 2026".

    Days below 10 and months below 3 take a leading zero (months 1 and 2 only, so that
    "tháng 01" and "tháng 02" cannot be misread; "tháng 3" … "tháng 12" are written plain).
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
