"""Template filters available in every template (registered as a builtin in settings)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.template import Context

from vstb.lib.dates import long_date

register = template.Library()


@register.filter
def longdate(value: date | None) -> str:
    """{{ plan.date|longdate }} -> "ngày 05 tháng 01 năm 2026" (Decree 30 layout)."""
    return long_date(value) if value else ""


@register.simple_tag(takes_context=True)
def query_with(context: Context, **changes: object) -> str:
    """The current query string with `changes` applied ("?q=bo+de&page=2"): page links and
    filter links keep the other parameters. A change to None removes the parameter."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None and value != "":
            params[name] = value
    return "?" + params.urlencode() if params else "?"


@register.filter
def money(value: object) -> str:
    """{{ activity.cost|money }} -> "3.500.000 đ": whole đồng, thousands grouped with dots
    as Vietnamese writes them, in every language (the amount is in đồng either way)."""
    if value is None or value == "":
        return ""
    try:
        amount = round(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{amount:,d}".replace(",", ".") + "\u00a0đ"


@register.simple_tag
def public_min_cell() -> int:
    """The smallest count a public page shows (settings.VSTB_PUBLIC_MIN_CELL)."""
    return settings.VSTB_PUBLIC_MIN_CELL
