"""Deny by default: a view with no declared access rule is refused."""

import logging
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied

from vstb.accounts.sessions import end_if_past_lifetime

logger = logging.getLogger(__name__)

# Django's admin checks staff status and model permissions itself.
SELF_GUARDED_APPS = {"admin"}


class AccessRuleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.app_name in SELF_GUARDED_APPS:
            return None
        if getattr(view_func, "access_rule", None) is None:
            logger.error("View %s declares no access rule; refused.", match and match.view_name)
            raise PermissionDenied
        return None


class IdleSessionMiddleware:
    """Ends a session past its absolute lifetime; pushes a signed-in session's expiry forward,
    writing the session row at most once every SESSION_TOUCH_SECONDS: the idle timeout stays
    right to the minute without a database write on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A program with an API token has no session: none to end, none to keep alive (and
        # none to make: recording a lifetime would store a new session on every call).
        if getattr(request, "api_token", None) is not None:
            return self.get_response(request)
        # However active, a session ends VSTB_SESSION_MAX_HOURS after signing in.
        end_if_past_lifetime(request)
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(SESSION_KEY_SEEN, 0) >= settings.SESSION_TOUCH_SECONDS:
                request.session[SESSION_KEY_SEEN] = now  # modified: saved with a new expiry
        return self.get_response(request)


SESSION_KEY_SEEN = "vstb_seen"
