"""A person's API tokens: made, shown once, listed and revoked here (issue 18)."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.accounts.forms import ApiTokenForm
from vstb.accounts.models import ApiToken


@authenticated
def token_list(request):
    """The person's tokens and the form to make one; a token just made is shown once, here."""
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        expires_at = timezone.now() + timedelta(days=form.cleaned_data["days"])
        _token, secret = ApiToken.issue(
            request.user, form.cleaned_data["name"], expires_at, form.cleaned_data["read_only"]
        )
        form = ApiTokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": access.api_tokens_of(request.user),
        "now": timezone.now(),
    }
    return render(request, "accounts/api_tokens.html", context)


@authenticated
@require_POST
def token_revoke(request, pk):
    token = access.get_api_token_for_user(request.user, pk)
    token.revoke()
    messages.success(
        request,
        _("The token “%(name)s” has been revoked: programs using it are refused from now on.")
        % {"name": token.name},
    )
    return redirect("accounts:api_tokens")
