from django.shortcuts import render

from vstb.accounts.access import authenticated
from vstb.accounts.models import Role
from vstb.core.inbox import inbox_for


@authenticated
def home(request):
    """The inbox: what waits for the user, unit by unit, each item a link to where to act."""
    roles = (
        Role.objects.active()
        .filter(user=request.user)
        .select_related("unit__parent", "agency")
        .order_by("unit__level", "unit__name")
    )
    context = {"inbox": inbox_for(request.user), "roles": roles}
    return render(request, "core/home.html", context)
