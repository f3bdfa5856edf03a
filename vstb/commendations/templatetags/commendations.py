"""The awards on a unit's page (org/unit_detail.html), which org cannot query itself: it
lies below commendations in the layers (vstb/access/tests/test_layers.py)."""

from django import template

from vstb.commendations.models import Award
from vstb.org.models import Unit

register = template.Library()

SHOWN = 20


@register.inclusion_tag("commendations/_unit_awards.html")
def unit_awards(unit: Unit) -> dict:
    """The latest awards of the unit, its agencies and the people its rounds proposed."""
    awards = Award.objects.of_unit(unit).select_related("decision")
    return {"awards": list(awards[:SHOWN]), "unit": unit}
