"""Template filters available in every template (registered as a builtin in settings)."""

from datetime import date

from django import template

from vstb.lib.dates import long_date

register = template.Library()


@register.filter
def longdate(value: date | None) -> str:
    """{{ plan.date|longdate }} -> "ngày 05 tháng 01 năm 2026" (Decree 30 layout)."""
    return long_date(value) if value else ""
