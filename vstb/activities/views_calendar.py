"""Calendar pages: the month grid, the agenda, the ICS feed and its secret address."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vstb import access
from vstb.access import authenticated, public
from vstb.activities import calendar
from vstb.activities.models_calendar import CalendarToken
from vstb.lib.query import whole_number

AGENDA_DAYS = 60


def _unit_from(request):
    """The unit of `?unit=<pk>`, or None for the user's own calendar; 404 if not visible."""
    value = request.GET.get("unit", "")
    if not value:
        return None
    pk = whole_number(value, minimum=1)
    if pk is None:
        raise Http404
    return access.get_unit_for_user(request.user, pk)


def _scopes(user):
    """The calendars offered in the page header: the user's own, and their units'."""
    return list({role.unit_id: role.unit for role in access.roles_of(user)}.values())


@authenticated
def calendar_month(request):
    unit = _unit_from(request)
    today = timezone.localdate()
    first = calendar.parse_month(request.GET.get("month", ""), today)
    month = calendar.month_for(request.user, first, today, unit=unit)
    context = {
        "month": month,
        "unit": unit,
        "units": _scopes(request.user),
        "today": today,
        "agenda_days": AGENDA_DAYS,
    }
    return render(request, "activities/calendar_month.html", context)


@authenticated
def calendar_agenda(request):
    unit = _unit_from(request)
    today = timezone.localdate()
    days = calendar.agenda_for(request.user, today, AGENDA_DAYS, unit=unit)
    context = {
        "days": days,
        "unit": unit,
        "units": _scopes(request.user),
        "today": today,
        "agenda_days": AGENDA_DAYS,
    }
    return render(request, "activities/calendar_agenda.html", context)


@public  # the secret in the address authenticates the calendar app
@require_safe
def calendar_feed(request, token):
    found = CalendarToken.find(token)
    if found is None:
        raise Http404
    found.mark_used()
    first, last = calendar.feed_window(timezone.localdate())
    entries = calendar.entries_for(found.user, first, last)
    with translation.override("vi"):
        body = calendar.ics_feed(
            entries, _("VSTB work calendar"), base_url=request.build_absolute_uri("/")
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vstb.ics"'
    # A person's tasks and their units' activities: no shared cache or proxy may keep them
    # (issue 12, finding 10).
    response["Cache-Control"] = "private, no-store"
    return response


@authenticated
def calendar_token(request):
    """Make (or replace) and revoke the secret address of the user's feed. The full address
    is shown once, in the response to making it: only its hash is kept."""
    token = CalendarToken.objects.active().filter(user=request.user).first()
    feed_url = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            token, secret = CalendarToken.issue(request.user)
            feed_url = request.build_absolute_uri(
                reverse("activities:calendar_feed", args=[secret])
            )
        else:
            if action == "revoke" and token is not None:
                token.revoke()
                messages.success(request, _("The feed address has been revoked."))
            return redirect("activities:calendar_token")
    response = render(
        request, "activities/calendar_token.html", {"token": token, "feed_url": feed_url}
    )
    add_never_cache_headers(response)  # keep the secret out of browser caches
    return response
