"""Recommendations due soon or overdue, reminded as tasks are (vstb/notifications/reminders.py
runs this collector with its own, and its log makes each reminder go out once).

Occasions, once per recommendation, stage and person: "7d" from 7 days before the deadline
to the deadline itself, "overdue" after it, while the addressee has still to act (open, or
returned to it). A reported recommendation waits for the team, not for the addressee: no
reminder. Two queries, whatever the number of recommendations or people.
"""

from datetime import date, timedelta

from django.urls import reverse

from vstb import access
from vstb.inspections.models import TO_ACT, Recommendation
from vstb.notifications.models import Kind
from vstb.notifications.reminders import Reminder, short_title

DUE_SOON_DAYS = 7


def occasion(deadline: date, today: date) -> str | None:
    if deadline < today:
        return "overdue"
    if deadline - today <= timedelta(days=DUE_SOON_DAYS):
        return "7d"
    return None


def recommendation_reminders(today: date, emails: dict[int, str]) -> list[Reminder]:
    candidates = Recommendation.objects.filter(
        status__in=TO_ACT, deadline__lte=today + timedelta(days=DUE_SOON_DAYS)
    )
    due = [
        (recommendation, found)
        for recommendation in candidates.only(
            "pk", "text", "deadline", "addressee_unit_id", "addressee_agency_id"
        )
        if (found := occasion(recommendation.deadline, today))
    ]
    if not due:
        return []
    people = access.recommendation_reminder_recipients(candidates, today)
    reminders = []
    for recommendation, stage in due:
        url = reverse("inspections:recommendation", args=[recommendation.pk])
        for user_id, email in people.get(recommendation.addressee_key, []):
            emails[user_id] = email
            reminders.append(
                Reminder(
                    user_id,
                    Kind.RECOMMENDATION,
                    recommendation.pk,
                    stage,
                    short_title(recommendation.text),
                    url,
                    recommendation.deadline,
                )
            )
    return reminders
