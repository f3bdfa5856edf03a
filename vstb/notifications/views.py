from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from vstb import access
from vstb.access import authenticated
from vstb.lib.pagination import paginate
from vstb.lib.search import search_q
from vstb.notifications.forms import PreferencesForm, UnitReminderSettingsForm
from vstb.notifications.models import (
    Kind,
    NotificationSettings,
    ReminderPreference,
    UnitReminderSettings,
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
