"""VSTB's API, version 1 (issue 18, decision 0023): Django Ninja, one router per domain.

Every operation loads what it touches through the access package, exactly as the page that
shows the same thing does (404 outside the person's scope, 403 where they may read but not
change), calls the same services with the same validation, and answers errors as
{"detail": "…"} in the request's language. `vstb/api/tests/test_api_access.py` runs each
operation for every persona of the browser's access walk and expects the browser's outcome.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import HttpBearer

from vstb.api import activities, exchange, indicators, notifications, org, plans, reporting
from vstb.api.lists import json_response
from vstb.api.problems import describe


class TokenAuth(HttpBearer):
    """The token was looked up by ApiTokenMiddleware (before the audit trail, which names
    its owner); here an operation only asks whether there was one."""

    def authenticate(self, request, token):
        return getattr(request, "api_token", None)


api = NinjaAPI(
    title="VSTB API",
    version="1",
    description=(
        "Units, committees, plans, activities, reporting and the indicators of the National "
        "Strategy on Gender Equality 2021–2030, with the same rights as in the browser. "
        "Authenticate with a personal token (`Authorization: Bearer vstb_…`), made on the "
        "page 'API tokens' of your account. Lists take `limit`, `offset` and `updated_since`; "
        'answers carry an ETag for conditional requests. Errors are `{"detail": …}` in the '
        "language of Accept-Language (Vietnamese by default)."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    docs=Swagger(settings={"persistAuthorization": True}),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
for module in (org, plans, activities, reporting, indicators, exchange, notifications):
    api.add_router("", module.router)


def _error(detail, status: int):
    return json_response({"detail": detail}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(_("Not found, or you may not see it."), 404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(_("You may read this but not change it."), 403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    response = _error(
        _("Send a valid API token: Authorization: Bearer followed by the token."), 401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return _error(" ".join(exc.messages), 422)


@api.exception_handler(SchemaError)
def malformed(request, exc):
    problems = "; ".join(describe(error) for error in exc.errors)
    return _error(_("The request is not valid: %(problems)s") % {"problems": problems}, 422)


@api.exception_handler(HttpError)
def unreadable(request, exc):
    """Ninja's own refusals: a body it cannot parse (400), in our words."""
    if exc.status_code == 400:
        return _error(_("The body of the request could not be read: send JSON in UTF-8."), 400)
    return _error(_("The request could not be answered."), exc.status_code)
