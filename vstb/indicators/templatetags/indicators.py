"""{% load indicators %}: figures and statuses as the indicator pages show them."""

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils import formats

register = template.Library()

DECIMALS = {"count": 0, "percent": 1, "hours": 1, "ratio": 2}


@register.filter
def figure(value, measure: str = "ratio") -> str:
    """A value in the reader's language: 1.234 (count), 56,7 (%), 1,70 (ratio)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    places = DECIMALS.get(measure, 2)
    text = formats.number_format(round(Decimal(value), places), places, force_grouping=True)
    return f"{text} %" if measure == "percent" else text


@register.filter
def status_class(status: str) -> str:
    return {"achieved": "ok", "on_track": "ok", "at_risk": "warn", "off_track": "warn"}.get(
        status, ""
    )


@register.filter
def cell(fields: dict, slot) -> object:
    """The bound field of one (sex, area) slot of an entry row, or None."""
    return fields.get(tuple(slot))
