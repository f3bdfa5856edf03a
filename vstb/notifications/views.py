from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.lib.pagination import paginate
from vstb.lib.search import search_q
from vstb.notifications import webhooks as webhook_calls
from vstb.notifications.forms import PreferencesForm, UnitReminderSettingsForm, WebhookForm
from vstb.notifications.models import (
    Kind,
    NotificationSettings,
    ReminderPreference,
    UnitReminderSettings,
    Webhook,
    WebhookDelivery,
)
from vstb.org.models import Unit


@authenticated
def notification_list(request):
    """The user's notifications, newest first, searched by title without diacritics and
    filtered by kind and unread; POST marks them all read."""
    notifications = access.notifications_of(request.user)
    if request.method == "POST":
        notifications.unread().update(read_at=timezone.now())
        messages.success(request, _("All notifications are marked as read."))
        return redirect("notifications:list")
    query, kind, unread = (request.GET.get(name, "") for name in ("q", "kind", "unread"))
    shown = notifications.filter(search_q(query, "search_text"))
    if kind in Kind.values:
        shown = shown.filter(kind=kind)
    if unread:
        shown = shown.unread()
    context = {
        "page_obj": paginate(request, shown),
        "query": query,
        "kind": kind,
        "unread": unread,
        "kinds": Kind.choices,
        # Also the badge's value: given here, the context processor does not count again.
        "unread_notifications": notifications.unread().count(),
    }
    return render(request, "notifications/notification_list.html", context)


@authenticated
def notification_open(request, pk):
    notification = access.get_notification_for_user(request.user, pk)
    notification.mark_read()
    # The address was written by send_reminders; still, only ever to a page of this site.
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.url)


@authenticated
def preferences(request):
    user = request.user
    enabled = dict(ReminderPreference.objects.filter(user=user).values_list("kind", "enabled"))
    digest = NotificationSettings.objects.filter(user=user, daily_digest=True).exists()
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, enabled=enabled, daily_digest=digest
    )
    if form.is_bound and form.is_valid():
        ReminderPreference.save_choices(user, form.cleaned_data)
        NotificationSettings.objects.update_or_create(
            user=user, defaults={"daily_digest": form.cleaned_data["daily_digest"]}
        )
        messages.success(request, _("Your reminder preferences have been saved."))
        return redirect("notifications:preferences")
    managed = Unit.objects.filter(pk__in=access.managed_unit_ids(user))
    return render(
        request, "notifications/preferences.html", {"form": form, "managed_units": managed}
    )


@authenticated
def unit_settings(request, pk):
    """How many days before a deadline the tasks of the unit's plans are reminded."""
    unit = access.get_unit_for_user(request.user, pk, write=True)
    instance = UnitReminderSettings.objects.filter(unit=unit).first()
    form = UnitReminderSettingsForm(
        request.POST if request.method == "POST" else None,
        instance=instance or UnitReminderSettings(unit=unit),
    )
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("The reminder days of this unit have been saved."))
        return redirect("notifications:unit_settings", pk=unit.pk)
    return render(request, "notifications/unit_settings.html", {"form": form, "unit": unit})


# The deliveries a unit's webhooks page lists, newest first.
RECENT_DELIVERIES = 50


@authenticated
def webhooks(request, pk):
    """The unit's webhooks, their secrets and the log of recent deliveries; POST adds one."""
    unit = access.get_unit_for_user(request.user, pk, write=True)
    form = WebhookForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        form.instance.unit, form.instance.created_by = unit, request.user
        form.save()
        messages.success(
            request,
            _("The webhook has been added. Give its secret to your system to check the calls."),
        )
        return redirect("notifications:webhooks", pk=unit.pk)
    deliveries = WebhookDelivery.objects.filter(webhook__unit=unit).select_related("webhook")
    context = {
        "unit": unit,
        "form": form,
        "webhooks": Webhook.objects.filter(unit=unit),
        "deliveries": deliveries[:RECENT_DELIVERIES],
        "log_days": settings.VSTB_WEBHOOK_LOG_DAYS,
    }
    return render(request, "notifications/webhooks.html", context)


@authenticated
@require_POST
def webhook_active(request, pk):
    """Turn a webhook off (active=0, the default) or on again (active=1)."""
    webhook = access.get_webhook_for_user(request.user, pk, write=True)
    webhook.set_active(request.POST.get("active") == "1")
    if webhook.active:
        messages.success(request, _("The webhook is on again."))
    else:
        messages.success(request, _("The webhook is off: VSTB no longer calls it."))
    return redirect("notifications:webhooks", pk=webhook.unit_id)


@authenticated
@require_POST
def webhook_secret(request, pk):
    """A new secret for the webhook; the old one no longer signs anything."""
    webhook = access.get_webhook_for_user(request.user, pk, write=True)
    webhook.renew_secret()
    messages.success(
        request,
        _(
            "The webhook has a new secret: give it to your system now, since the next calls "
            "are signed with it."
        ),
    )
    return redirect("notifications:webhooks", pk=webhook.unit_id)


@authenticated
@require_POST
def webhook_delete(request, pk):
    """Delete a webhook with its delivery log."""
    webhook = access.get_webhook_for_user(request.user, pk, write=True)
    webhook.delete()
    messages.success(request, _("The webhook and its delivery log have been deleted."))
    return redirect("notifications:webhooks", pk=webhook.unit_id)


@authenticated
@require_POST
def delivery_again(request, pk):
    """Send a failed delivery again, for a new round of attempts."""
    delivery = access.get_delivery_for_user(request.user, pk, write=True)
    try:
        webhook_calls.send_again(delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The delivery will be sent again."))
    return redirect("notifications:webhooks", pk=delivery.webhook.unit_id)
