"""Plans and work programmes, with their sections and tasks."""

from django.db.models import Q
from ninja import Query, Router

from vstb import access
from vstb.api.lists import json_response, page, since
from vstb.api.schemas import ERRORS, Paging, PlanDetail, PlanPage, TaskRow
from vstb.plans.models import Task

router = Router(tags=["plans"])

PLAN_FIELDS = (
    "id", "unit_id", "kind", "year", "number", "symbol", "issued_on", "subject", "status",
    "parent_plan_id", "updated_at",
)  # fmt: skip
TASK_FIELDS = (
    "id", "plan_id", "section_id", "paragraph", "lead_id", "lead_name", "support_names",
    "unit_names", "due", "period_start", "period_end", "themes", "parent_task_id", "status",
    "status_note", "status_on", "updated_at",
)  # fmt: skip
SECTION_FIELDS = ("id", "parent_id", "order", "label", "title", "kind", "paragraphs")


@router.get("/plans", response={200: PlanPage, **ERRORS}, summary="Plans the token may read")
def plan_list(
    request,
    paging: Query[Paging],
    unit: int | None = None,
    year: int | None = None,
    status: str | None = None,
):
    """A plan counts as changed when it or one of its tasks changed (a task's status moves
    without the plan being edited)."""
    plans = access.plans_visible_to(request.user)
    if unit is not None:
        plans = plans.filter(unit_id=unit)
    if year is not None:
        plans = plans.filter(year=year)
    if status:
        plans = plans.filter(status=status)
    moment = since(paging.updated_since)
    if moment is not None:
        plans = plans.filter(
            Q(updated_at__gte=moment)
            | Q(pk__in=Task.objects.filter(updated_at__gte=moment).values("plan_id"))
        )
    rows = plans.order_by("pk").values(*PLAN_FIELDS)
    return page(request, rows, paging.limit, paging.offset)


@router.get("/plans/{int:pk}", response={200: PlanDetail, **ERRORS}, summary="A plan")
def plan_detail(request, pk: int):
    plan = access.get_plan_for_user(request.user, pk)
    body = {field: getattr(plan, field) for field in PLAN_FIELDS}
    body.update(
        issuer_name=plan.issuer_name,
        place=plan.place,
        recipients=plan.recipients or [],
        deadlines=plan.deadlines or [],
        sections=list(plan.sections.order_by("order", "pk").values(*SECTION_FIELDS)),
        tasks=list(plan.tasks.order_by("pk").values(*TASK_FIELDS)),
    )
    return json_response(body)


@router.get("/tasks/{int:pk}", response={200: TaskRow, **ERRORS}, summary="A task")
def task_detail(request, pk: int):
    task = access.get_task_for_user(request.user, pk)
    return json_response({field: getattr(task, field) for field in TASK_FIELDS})
