"""Activities: read in the unit's scope, recorded by its managers and its agencies' focal
points, through the activity form and service the browser uses."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Query, Router

from vstb import access
from vstb.activities import services
from vstb.activities.forms import ActivityForm
from vstb.api.lists import json_response, page, refuse_form
from vstb.api.schemas import ERRORS, ActivityDetail, ActivityIn, ActivityPage, Paging

router = Router(tags=["activities"])

ACTIVITY_FIELDS = (
    "id", "unit_id", "agency_id", "kind", "title", "start", "end", "place", "participants_total",
    "participants_women", "participants_men", "participants_ethnic_minority",
    "participants_leaders", "articles", "broadcasts", "leaflets", "social_posts", "cost",
    "funding_source", "updated_at",
)  # fmt: skip


def _detail(activity) -> dict:
    body = {field: getattr(activity, field) for field in ACTIVITY_FIELDS}
    body["task_ids"] = sorted(activity.tasks.values_list("pk", flat=True))
    return body


@router.get(
    "/units/{int:pk}/activities",
    response={200: ActivityPage, **ERRORS},
    summary="A unit's activities",
)
def activity_list(request, pk: int, paging: Query[Paging], year: int | None = None):
    unit = access.get_unit_for_user(request.user, pk)
    if not access.reads_within_scope(request.user, unit):
        raise Http404
    activities = access.activities_visible_to(request.user).filter(unit=unit)
    if year is not None:
        activities = activities.filter(start__year=year)
    rows = activities.order_by("-start", "pk").values(*ACTIVITY_FIELDS)
    return page(request, rows, **paging.dict())


@router.post(
    "/units/{int:pk}/activities",
    response={201: ActivityDetail, **ERRORS},
    summary="Record an activity",
)
def activity_create(request, pk: int, payload: ActivityIn):
    """As the form 'Record an activity': the tasks it carries out move forward."""
    access.require_writing_token(request.api_token)
    unit = access.get_unit_for_user(request.user, pk)
    if not access.can_record_activity(request.user, unit):
        raise PermissionDenied
    data = {
        key: value
        for key, value in payload.dict().items()
        if value is not None and key not in ("agency_id", "task_ids")
    }
    if payload.agency_id is not None:
        data["agency"] = payload.agency_id
    data["tasks"] = payload.task_ids
    form = ActivityForm(data, unit=unit, agencies=access.agencies_to_record_for(request.user, unit))
    if not form.is_valid():
        refuse_form(form)
    activity = services.save_activity(form, request.user)
    return json_response(_detail(activity), status=201)


@router.get("/activities/{int:pk}", response={200: ActivityDetail, **ERRORS}, summary="An activity")
def activity_detail(request, pk: int):
    return json_response(_detail(access.get_activity_for_user(request.user, pk)))
