"""The rule every view declares: @public or @authenticated (AccessRuleMiddleware refuses any other)."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required


def public(view: Callable) -> Callable:
    """Anyone may open this view, signed in or not."""
    view.access_rule = "public"
    return view


def authenticated(view: Callable) -> Callable:
    """Signed-in users only; the view itself loads objects through the helpers above."""
    wrapped = login_required(view)
    wrapped.access_rule = "authenticated"
    return wrapped
