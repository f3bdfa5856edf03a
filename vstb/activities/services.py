"""Recording what was done: saving an activity moves the tasks it carries out forward."""

from django.db import transaction
from django.utils import timezone

from vstb.activities.models import Activity
from vstb.plans.models import Task


@transaction.atomic
def save_activity(form, user=None) -> Activity:
    """Save a valid ActivityForm (a new activity is recorded by `user`). The tasks it carries
    out that had not started, and the tasks above them that they implement, move to in
    progress (Task.work_recorded)."""
    activity = form.save(commit=False)
    if activity.pk is None:
        activity.created_by = user
    activity.save()
    form.save_m2m()
    # As of the day the work began, when it has (an activity held in March, recorded in May).
    on = min(activity.start, timezone.localdate())
    Task.work_recorded([task.pk for task in form.cleaned_data.get("tasks") or []], on)
    return activity
