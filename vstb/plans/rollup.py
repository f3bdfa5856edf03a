"""Work below shows up above: a task's derived tasks at every level below with the work
recorded on them, and a plan's tasks with the work of the lower units that implement them.

A derived task points at the task it implements (Task.parent_task, set by services.cascade);
a chain is at most DERIVATION_DEPTH links long, so "every task below T" is one query with one
condition per depth, whatever the number of lower units. Everything is read inside the
reader's scope (vstb.access): a ward officer sees its own ward's work under the
district's task, never the neighbouring ward's task, its status or its activities.
"""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Q

from vstb import access
from vstb.plans.models import DERIVATION_DEPTH, Plan, Task, derived_chain

# Figures of one activity: (women, men, in all, cost).
Figures = tuple[int | None, int | None, int | None, int | None]


def _sum(values) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


@dataclass
class Reach:
    """Activities and what they reached; unknown figures (None) are left out of the sums,
    and a sum of nothing known stays unknown."""

    activities: int = 0
    women: int | None = None
    men: int | None = None
    total: int | None = None
    cost: int | None = None

    @classmethod
    def of(cls, activity_ids, figures: dict[int, Figures]) -> "Reach":
        rows = [figures[pk] for pk in set(activity_ids)]
        return cls(
            activities=len(rows),
            women=_sum(row[0] for row in rows),
            men=_sum(row[1] for row in rows),
            total=_sum(row[2] for row in rows),
            cost=_sum(row[3] for row in rows),
        )


FIGURES = (
    "activity__participants_women",
    "activity__participants_men",
    "activity__participants_total",
    "activity__cost",
)


def _visible(links, user):
    """Links to the activities `user` may see (all of them when no reader is given: commands,
    tests)."""
    if user is None:
        return links
    return links.filter(activity__in=access.activities_visible_to(user))


def work_on_plan(plan: Plan, user, *fields: str):
    """(task of `plan`, activity id, *fields) for every activity the reader may see that was
    recorded on a task of `plan` or on a task below implementing it; the task is the plan's
    own one that the work answers to. One query."""
    chain = ["task"] + [f"task__{derived_chain(d)}" for d in range(1, DERIVATION_DEPTH + 1)]
    condition = reduce(operator.or_, (Q(**{f"{link}__plan": plan}) for link in chain))
    links = _visible(Task.activities.through.objects.filter(condition), user)
    if user is not None:
        links = links.filter(task__in=access.tasks_visible_to(user))
    size = len(chain)
    lookups = [f"{link}_id" for link in chain] + [f"{link}__plan_id" for link in chain]
    for row in links.values_list(*lookups, "activity_id", *fields):
        ids, plan_ids, rest = row[:size], row[size : 2 * size], row[2 * size :]
        root = next(pk for pk, plan_id in zip(ids, plan_ids, strict=True) if plan_id == plan.pk)
        yield (root, *rest)


def below(task: Task) -> Q:
    """Tasks one to DERIVATION_DEPTH links below `task`: those implementing it, those
    implementing them, …"""
    return reduce(
        operator.or_,
        (Q(**{derived_chain(d): task}) for d in range(1, DERIVATION_DEPTH + 1)),
    )


# One task and every task below it ------------------------------------------------------------


@dataclass
class DerivedRow:
    task: Task  # with plan__unit loaded
    depth: int  # levels below the parent task's unit
    reach: Reach  # work recorded on this task itself
    with_below: Reach  # … and on the tasks below it that the reader sees


@dataclass
class TaskRollup:
    own: Reach  # work recorded on the task itself
    rows: list[DerivedRow] = field(default_factory=list)
    total: Reach = field(default_factory=Reach)  # the task and every row, each activity once


def task_rollup(task: Task, user) -> TaskRollup:
    """The task's derived tasks at every level below, as the reader may see them, each with
    its own work and its work with the levels below it; and the sums. Three queries."""
    derived = list(
        access.tasks_visible_to(user).filter(below(task)).select_related("plan__unit", "section")
    )
    activity_ids: dict[int, set[int]] = defaultdict(set)
    figures: dict[int, Figures] = {}
    task_ids = [task.pk, *(d.pk for d in derived)]
    links = _visible(Task.activities.through.objects.filter(task_id__in=task_ids), user)
    for task_id, activity_id, *values in links.values_list("task_id", "activity_id", *FIGURES):
        activity_ids[task_id].add(activity_id)
        figures[activity_id] = tuple(values)

    # A derived task hangs under the task it implements, or, when the reader cannot see that
    # one (a district's draft, for a ward officer), directly under the parent task.
    known = set(task_ids)
    children: dict[int, list[Task]] = defaultdict(list)
    for row in derived:
        above = row.parent_task_id if row.parent_task_id in known else task.pk
        children[above].append(row)

    rows: list[DerivedRow] = []

    def visit(parent_id: int) -> set[int]:
        found: set[int] = set()
        for child in sorted(children[parent_id], key=lambda t: t.plan.unit.search_name):
            row = DerivedRow(
                task=child,
                depth=child.plan.unit.level - task.plan.unit.level,
                reach=Reach.of(activity_ids[child.pk], figures),
                with_below=Reach(),
            )
            rows.append(row)
            seen = activity_ids[child.pk] | visit(child.pk)
            row.with_below = Reach.of(seen, figures)
            found |= seen
        return found

    everything = activity_ids[task.pk] | visit(task.pk)
    return TaskRollup(
        own=Reach.of(activity_ids[task.pk], figures),
        rows=rows,
        total=Reach.of(everything, figures),
    )


# A plan's tasks with the work below them -------------------------------------------------------


def reach_with_work_below(plan: Plan, user) -> dict[int, Reach]:
    """Per task of `plan`: the activities the reader may see recorded on it or on any task
    below it that implements it, each activity counted once. One query."""
    activity_ids: dict[int, set[int]] = defaultdict(set)
    figures: dict[int, Figures] = {}
    for task_id, activity_id, *values in work_on_plan(plan, user, *FIGURES):
        activity_ids[task_id].add(activity_id)
        figures[activity_id] = tuple(values)
    return {pk: Reach.of(found, figures) for pk, found in activity_ids.items()}
