"""A unit's webhooks and their deliveries: the unit's managers' own (they hold the secret
that signs the calls), as its reminder days are."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, can_read_unit
from vstb.notifications.models import Webhook, WebhookDelivery
from vstb.org.models import Unit


def _check(user: AnyUser, unit: Unit, write: bool) -> None:
    """404 outside what the user reads; 403 to those who read the unit but do not manage
    it (`write`), the readers whose page lists no webhooks."""
    if not can_read_unit(user, unit):
        raise Http404
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied


def get_webhook_for_user(user: AnyUser, pk: int, write: bool = False) -> Webhook:
    webhook = Webhook.objects.select_related("unit").filter(pk=pk).first()
    if webhook is None:
        raise Http404
    _check(user, webhook.unit, write)
    return webhook


def get_delivery_for_user(user: AnyUser, pk: int, write: bool = False) -> WebhookDelivery:
    delivery = WebhookDelivery.objects.select_related("webhook__unit").filter(pk=pk).first()
    if delivery is None:
        raise Http404
    _check(user, delivery.webhook.unit, write)
    return delivery
