"""Who calls the API: a program with a personal token, never a browser's session.

Placed after Django's authentication and before the second-factor check and the audit trail:
for a path under /api/ the session is set aside (a page's cookie must not let a script on
another site act for the person: no CSRF exposure) and the person is the token's owner, so
the audit trail records what the program changed in its owner's name. The language is the
request's Accept-Language (Vietnamese unless it asks for English), since a program has no
language menu. A GET answered 200 carries an ETag, and a request whose If-None-Match names
it gets 304 without the body.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext as _

from vstb import access
from vstb.api.lists import json_response

PREFIX = "/api/"


def is_api_request(request) -> bool:
    return request.path.startswith(PREFIX)


class ApiTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        supported = {code for code, _name in settings.LANGUAGES}
        asked = translation.get_language_from_request(request)
        translation.activate(asked if asked in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        request.user = AnonymousUser()
        request.api_token = None
        # PostgreSQL's text holds no NUL character: a parameter with one is refused here
        # rather than failing inside a query.
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            detail = _("A parameter of the request holds a character that is not text.")
            return json_response({"detail": detail}, status=422)
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and secret:
            token = access.program_token(secret.strip())
            if token is not None:
                if not token.count_request(settings.VSTB_API_RATE_PER_MINUTE):
                    return _too_many()
                request.user, request.api_token = token.user, token
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            # Django's own answers (an address no operation has, a method it does not take)
            # are pages; a program gets JSON like every other answer of the API.
            response = _as_json(response)
        response.setdefault("Content-Language", request.LANGUAGE_CODE)
        response.setdefault("Vary", "Authorization, Accept-Language")
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if not response.streaming:
                set_response_etag(response)
                # The response depends on the token's owner: no shared cache may keep it.
                response.setdefault("Cache-Control", "private, no-cache")
                return get_conditional_response(
                    request, etag=response.get("ETag"), response=response
                )
        return response


def _as_json(page: HttpResponse) -> HttpResponse:
    if page.status_code == 404:
        detail = _("There is no such address in the API. Its documentation: /api/v1/docs")
    elif page.status_code == 405:
        detail = _("This address does not take this method.")
    else:
        detail = _("The request could not be answered.")
    response = json_response({"detail": detail}, status=page.status_code)
    if page.has_header("Allow"):
        response["Allow"] = page["Allow"]
    return response


def _too_many() -> HttpResponse:
    detail = _("Too many requests with this token in one minute. Wait a minute, then try again.")
    response = json_response({"detail": detail}, status=429)
    response["Retry-After"] = "60"
    return response
