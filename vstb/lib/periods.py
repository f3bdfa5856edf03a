"""Validity periods: a start date (inclusive, empty = always) and an end date (exclusive)."""

from datetime import date

from django.db.models import Q


def in_force(day: date, start: str = "valid_from", end: str = "valid_to") -> Q:
    """Rows in force on `day`: begun on or before it, and not yet ended on it."""
    begun = Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})
    not_ended = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day})
    return begun & not_ended
