"""The person's own sessions: where they are signed in, and signing out everywhere else."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vstb.access import authenticated
from vstb.accounts.sessions import current_sign_ins, sign_out_elsewhere


@authenticated
def session_list(request):
    context = {"sign_ins": current_sign_ins(request.user), "current": request.session.session_key}
    return render(request, "accounts/sessions.html", context)


@authenticated
@require_POST
def sign_out_others(request):
    ended = sign_out_elsewhere(request.user, request.session.session_key)
    if ended:
        messages.success(
            request,
            ngettext(
                "Signed out of %(count)s other session.",
                "Signed out of %(count)s other sessions.",
                ended,
            )
            % {"count": ended},
        )
    else:
        messages.info(request, _("You were not signed in anywhere else."))
    return redirect("accounts:sessions")
