"""Figures drawn from activities: reach per task."""

from django.db.models import Count, Sum

from vstb.activities.models import Activity


def reach_by_task(tasks) -> dict[int, dict]:
    """Per task id: number of activities and participants (in all, women, men), one query."""
    rows = (
        Activity.tasks.through.objects.filter(task__in=tasks)
        .values("task_id")
        .annotate(
            activities=Count("activity_id"),
            total=Sum("activity__participants_total"),
            women=Sum("activity__participants_women"),
            men=Sum("activity__participants_men"),
        )
    )
    return {row["task_id"]: row for row in rows}
