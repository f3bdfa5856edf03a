"""The token owner's own notifications: what waits for them."""

from ninja import Query, Router

from vstb import access
from vstb.api.lists import json_response, page
from vstb.api.schemas import ERRORS, NotificationPage, NotificationRow, Paging

router = Router(tags=["notifications"])

FIELDS = ("id", "kind", "title", "url", "detail", "created_at", "read_at")


@router.get("/notifications", response={200: NotificationPage, **ERRORS}, summary="Notifications")
def notification_list(request, paging: Query[Paging], unread: bool = False):
    notifications = access.notifications_of(request.user)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    rows = notifications.order_by("-created_at", "-pk").values(*FIELDS)
    return page(request, rows, **paging.dict(), stamp="created_at")


@router.get(
    "/notifications/{int:pk}", response={200: NotificationRow, **ERRORS}, summary="A notification"
)
def notification_detail(request, pk: int):
    notification = access.get_notification_for_user(request.user, pk)
    return json_response({field: getattr(notification, field) for field in FIELDS})
