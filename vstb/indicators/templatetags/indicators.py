"""{% load indicators %}: figures and statuses as the indicator pages show them."""

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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


@register.simple_tag
def matrix_cells(cells) -> SafeString:
    """A row of the lower units × targets table, its cells built here rather than by an
    included template each: a province's table has a thousand cells or more, and an include
    per cell was a third of the dashboard's time (issue 14)."""
    label = _("meets the target")
    meets = f' <span aria-label="{escape(label)}">✓</span>'
    parts = []
    for cell in cells:
        if cell.value is None:
            inner = '<span class="muted">–</span>'
        else:
            inner = escape(figure(cell.value, cell.measure)) + (meets if cell.meets else "")
        css = "meets" if cell.meets else "misses" if cell.meets is False else ""
        parts.append(f'<td class="{css}">{inner}</td>')
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
