"""The open inspection recommendations on a unit's page (org/unit_detail.html), which org
cannot query itself: it lies below inspections in the layers (access/tests/test_layers.py)."""

from django import template
from django.db.models import Q
from django.utils import timezone

from vstb import access
from vstb.inspections.models import NOT_DONE
from vstb.org.models import Unit

register = template.Library()

SHOWN = 20


@register.inclusion_tag("inspections/_unit_recommendations.html", takes_context=True)
def unit_recommendations(context, unit: Unit) -> dict:
    """The recommendations addressed to the unit or its agencies and not yet accepted, as
    far as the person reads them; the oldest deadline first."""
    user = context["request"].user
    recommendations = (
        access.recommendations_visible_to(user)
        .filter(Q(addressee_unit=unit) | Q(addressee_agency__unit=unit), status__in=NOT_DONE)
        .select_related("addressee_unit", "addressee_agency", "visit__target__plan__unit")
        .order_by("deadline", "pk")
    )
    return {
        "recommendations": list(recommendations[:SHOWN]),
        "unit": unit,
        "today": timezone.localdate(),
    }
