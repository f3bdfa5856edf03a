"""The rule every view declares: @public or @authenticated (AccessRuleMiddleware refuses any other)."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required

View = TypeVar("View", bound=Callable[..., Any])


def public(view: View) -> View:
    """Anyone may open this view, signed in or not."""
    setattr(view, "access_rule", "public")  # noqa: B010 - read by AccessRuleMiddleware
    return view


def authenticated(view: View) -> View:
    """Signed-in users only; the view itself loads objects through the access rules."""
    wrapped = login_required(view)
    setattr(wrapped, "access_rule", "authenticated")  # noqa: B010
    return wrapped
