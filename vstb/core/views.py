from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vstb import access
from vstb.access import authenticated, public
from vstb.core.inbox import inbox_for


@authenticated
def home(request):
    """The inbox: what waits for the user, unit by unit, each item a link to where to act."""
    context = {
        "inbox": inbox_for(request.user),
        "roles": access.roles_of(request.user),
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
