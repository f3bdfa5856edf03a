"""A round's date on the calendar (vstb/activities/calendar.py, added to its SOURCES in
apps.ready): the day its proposals must go up, for the people of the round's unit (and on the
unit's calendar for those who read it). The ICS feed carries only the round's year and unit."""

from collections.abc import Iterable
from datetime import date

from django.urls import reverse

from vstb import access
from vstb.activities.calendar import COMMENDATION_DUE, Entry
from vstb.org.models import Unit


def proposal_deadlines(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    rounds = access.rounds_on_calendar(user, unit).filter(
        proposals_due__gte=first, proposals_due__lte=last
    )
    for round_ in rounds.select_related("unit"):
        yield Entry(
            kind=COMMENDATION_DUE,
            title=f"Khen thưởng năm {round_.year}",
            start=round_.proposals_due,
            end=round_.proposals_due,
            uid=f"commendation-round-{round_.pk}@vstb",
            url=reverse("commendations:detail", args=[round_.pk]),
            detail=round_.unit.name,
        )
