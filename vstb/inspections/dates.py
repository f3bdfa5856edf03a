"""Inspection visits on the calendar (vstb/activities/calendar.py, added to its SOURCES in
apps.ready()): the visits of issued plans, on their day (the date visited, else the one
planned), as far as the person may see them (access.visits_on_calendar)."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from vstb import access
from vstb.activities.calendar import INSPECTION_VISIT, Entry
from vstb.org.models import Unit

TITLE_LENGTH = 120


def visit_dates(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    visits = access.visits_on_calendar(user, unit).filter(
        Q(visited_on__range=(first, last))
        | Q(visited_on__isnull=True, target__planned_on__range=(first, last))
    )
    for visit in visits.select_related("target__unit", "target__agency", "target__plan__unit"):
        target = visit.target
        title = _("Inspection of %(target)s") % {"target": target.name}
        yield Entry(
            kind=INSPECTION_VISIT,
            title=title[:TITLE_LENGTH],
            start=visit.day,
            end=visit.day,
            uid=f"inspection-visit-{visit.pk}@vstb",
            url=reverse("inspections:visit", args=[visit.pk]),
            detail=target.plan.unit.name,
        )
