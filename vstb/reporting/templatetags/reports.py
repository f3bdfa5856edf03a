"""{% load reports %}: a report's state as the lists show it."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def report_state(state: str, late: bool) -> SafeString:
    """The state's badge, and whether it came on time once sent. Built here, not by an
    included template: a province's completeness table has a row per commune (issue 14)."""
    badges = {
        "accepted": ("badge ok", _("Accepted")),
        "submitted": ("badge", _("Submitted")),
        "returned": ("badge warn", _("Returned")),
        "late": ("badge warn", _("Late")),
        "draft": ("badge", _("Being written")),
    }
    css, label = badges.get(state, ("badge warn", _("Missing")))
    html = f'<span class="{css}">{escape(label)}</span>'
    if state in ("accepted", "submitted"):
        css, label = ("badge warn", _("late")) if late else ("badge ok", _("on time"))
        html += f' <span class="{css}">{escape(label)}</span>'
    return mark_safe(html)  # noqa: S308 - the labels are escaped above
