"""Units (with their validity and successions), agencies, committees and their members."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from vstb import access
from vstb.api.lists import json_response, page
from vstb.api.schemas import ERRORS, AgencyRow, CommitteeDetail, Me, Paging, UnitDetail, UnitPage
from vstb.org.models import Committee

router = Router(tags=["units"])

UNIT_FIELDS = (
    "id", "code", "name", "kind", "level", "parent_id", "valid_from", "valid_to", "updated_at",
)  # fmt: skip


@router.get("/me", response={200: Me, **ERRORS}, summary="The token's owner and roles")
def me(request):
    user, token = request.user, request.api_token
    roles = access.roles_of(user).select_related("unit")
    return json_response(
        {
            "id": user.pk,
            "username": user.username,
            "full_name": user.get_full_name(),
            "read_only": token.read_only,
            "token_expires_at": token.expires_at,
            "roles": [
                {
                    "kind": role.kind,
                    "unit_id": role.unit_id,
                    "unit_name": str(role.unit),
                    "agency_id": role.agency_id,
                    "valid_from": role.valid_from,
                    "valid_to": role.valid_to,
                }
                for role in roles
            ],
        }
    )


@router.get("/units", response={200: UnitPage, **ERRORS}, summary="Units the token may open")
def unit_list(
    request,
    paging: Query[Paging],
    parent: int | None = None,
    level: int | None = None,
    on: date | None = None,
):
    """Its owner's scope and the units above it, ceased units included unless `on` asks for
    the units in force on a day (the 2025 reform: `on=2025-07-01`)."""
    units = access.visible_units(request.user)
    if parent is not None:
        units = units.filter(parent_id=parent)
    if level is not None:
        units = units.filter(level=level)
    if on is not None:
        units = units.valid_on(on)
    return page(request, units.order_by("pk").values(*UNIT_FIELDS), **paging.dict())


def _links(links, other: str) -> list[dict]:
    return [
        {
            "unit_id": getattr(link, f"{other}_id"),
            "code": getattr(link, other).code,
            "name": getattr(link, other).name,
            "kind": link.kind,
            "date": link.date,
        }
        for link in links.select_related(other)
    ]


@router.get("/units/{int:pk}", response={200: UnitDetail, **ERRORS}, summary="A unit")
def unit_detail(request, pk: int):
    unit = access.get_unit_for_user(request.user, pk)
    body = {field: getattr(unit, field) for field in UNIT_FIELDS}
    body["predecessors"] = _links(unit.predecessions, "predecessor")
    body["successors"] = _links(unit.successions, "successor")
    return json_response(body)


@router.get(
    "/units/{int:pk}/agencies", response={200: list[AgencyRow], **ERRORS}, summary="Its agencies"
)
def agency_list(request, pk: int):
    unit = access.get_unit_for_user(request.user, pk)
    rows = unit.agencies.order_by("kind", "name").values(
        "id", "unit_id", "name", "short_name", "kind", "represents_unit_id", "active", "updated_at"
    )
    return json_response(list(rows))


@router.get(
    "/units/{int:pk}/committee",
    response={200: CommitteeDetail, **ERRORS},
    summary="Its committee and the members in force",
)
def committee_detail(request, pk: int, on: date | None = None):
    unit = access.get_unit_for_user(request.user, pk)
    committee = Committee.objects.filter(unit=unit).first()
    if committee is None:
        return json_response({"detail": _("This unit has no committee recorded yet.")}, status=404)
    day = on or timezone.localdate()
    members = (
        committee.memberships.active_on(day)
        .order_by("start", "pk")
        .values(
            "id", "full_name", "sex", "job_title", "agency_id", "position", "start", "end",
            "updated_at",
        )
    )  # fmt: skip
    body = {
        "id": committee.pk,
        "unit_id": unit.pk,
        "name": committee.name,
        "standing_agency_id": committee.standing_agency_id,
        "established_by": committee.established_by,
        "updated_at": committee.updated_at,
        "members": list(members),
    }
    return json_response(body)
