"""/api/v1/: every operation is a Ninja view; the access rule they all declare is "token"
(the operation itself loads what it touches through the access package)."""

from django.urls import URLPattern, URLResolver

from vstb.api.main import api


def _declare(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _declare(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            # Read by AccessRuleMiddleware, like @authenticated on a page (vstb/access/views.py).
            entry.callback.access_rule = "token"
    return patterns


app_name = "api"
urlpatterns = _declare(api.urls[0])
