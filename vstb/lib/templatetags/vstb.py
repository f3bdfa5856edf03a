"""Template filters available in every template (registered as a builtin in settings)."""

from datetime import date

from django import template

from vstb.lib.dates import long_date

register = template.Library()


@register.filter
def longdate(value: date | None) -> str:
    """{{ plan.date|longdate }} -> "ngày 05 tháng 01 năm 2026" (Decree 30 layout)."""
    return long_date(value) if value else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with `changes` applied ("?q=bo+de&page=2"): page links and
    filter links keep the other parameters. A change to None removes the parameter."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None and value != "":
            params[name] = value
    return "?" + params.urlencode() if params else "?"
