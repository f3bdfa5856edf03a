from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vstb import access
from vstb.access import authenticated, public
from vstb.core import reform
from vstb.core.inbox import inbox_for
from vstb.lib.query import whole_number


@authenticated
def home(request):
    """The inbox: what waits for the user, unit by unit, each item a link to where to act."""
    inbox = inbox_for(request.user)
    context = {
        "inbox": inbox,
        # The top bar's badge: counted once with the inbox, not again by the context processor.
        "unread_notifications": inbox.unread,
        "roles": access.roles_listed(request.user),
        "manages_users": access.manages_users(request.user),
    }
    return render(request, "core/home.html", context)


@public
@require_safe
@never_cache
def health(request):
    """For load balancers and monitoring: 200 when this process answers and its database
    does, 503 otherwise. Says nothing else (no versions, no counts)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@authenticated
def hand_over(request, pk):
    """The reform assistant: what of a ceased unit's work would move to a successor (GET),
    then moving it (POST, confirmed on the page)."""
    unit = access.get_ceased_unit_to_hand_over(request.user, pk)
    successors = [
        successor
        for successor in reform.successors_of(unit)
        if access.can_hand_over(request.user, unit, successor)
    ]
    if not successors:
        raise PermissionDenied(_("This unit has no successor you manage to move its work to."))
    chosen_pk = whole_number(request.POST.get("successor") or request.GET.get("successor"))
    successor = next((s for s in successors if s.pk == chosen_pk), successors[0])
    if request.method == "POST":
        moved = reform.hand_over(unit, successor)
        if moved.is_empty:
            messages.info(request, _("Nothing is left to move."))
        else:
            messages.success(
                request,
                _(
                    "Moved to %(successor)s: %(roles)d roles, %(tasks)d tasks, "
                    "%(requirements)d reporting requirements%(page)s."
                )
                % {
                    "successor": successor.name,
                    "roles": len(moved.roles),
                    "tasks": len(moved.tasks),
                    "requirements": len(moved.requirements),
                    "page": _(", and a public page to be approved") if moved.public_page else "",
                },
            )
        return redirect("org:unit_detail", pk=successor.pk)
    handover = reform.handover_for(unit, successor)
    context = {"unit": unit, "successor": successor, "successors": successors, "handover": handover}
    return render(request, "core/hand_over.html", context)
