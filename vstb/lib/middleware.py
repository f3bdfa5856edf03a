from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese first: the language is the one chosen in the language menu (a cookie),
    else LANGUAGE_CODE. Browsers set to English, common in offices, still get Vietnamese."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# Scripts only from VSTB's own files: no inline script, no eval, no other origin; nothing
# may frame VSTB. Inline style attributes remain allowed (templates still carry some; they
# run no code). Issue 12, finding 11.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# No page of VSTB uses the camera, microphone, location, payment or USB.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set: Content-Security-Policy and
    Permissions-Policy, on every response (error pages and files included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuses, before reading it, a request whose body is larger than any form or upload of
    VSTB can be (settings.VSTB_REQUEST_MAX_MB): a 300 MB upload was read into memory before
    being refused (issue 12, finding 2). A body sent without its length is bounded while it
    streams (vstb.lib.uploads.LimitedUploadHandler)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.VSTB_REQUEST_MAX_MB * 1024 * 1024:
            return render(
                request,
                "413.html",
                {"limit": settings.VSTB_REQUEST_MAX_MB},
                status=413,
            )
        return self.get_response(request)
