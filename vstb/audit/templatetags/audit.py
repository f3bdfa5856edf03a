from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from vstb.access.audit import can_read_history

register = template.Library()


@register.simple_tag(takes_context=True)
def history_link(context, obj) -> str:
    """A link to `obj`'s history of changes, for those who may read it (access.audit)."""
    request = context.get("request")
    if request is None or obj is None or not can_read_history(request.user, obj):
        return ""
    meta = obj._meta
    url = reverse("audit:history", args=[meta.app_label, meta.model_name, obj.pk])
    return format_html('<a class="history-link" href="{}">{}</a>', url, _("History of changes"))
