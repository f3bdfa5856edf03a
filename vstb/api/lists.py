"""Lists of the API: pages, `updated_since`, and rows written straight from `.values()`.

A list is read with one `.values()` query and written with the standard json module: at
national scale (10,600 units, 4.24 M values) building a model instance and a schema object
per row costs several times the query (vstb bench api). The schema of each list is still
declared on its operation, and schemathesis checks every answer against it in CI.
"""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Figures are exact decimals; a program reads them as JSON numbers.
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value).__name__)


def json_response(body: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, default=encode, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json",
    )


def refuse_form(form) -> None:
    """A page's form that did not validate, as the API's 422: each message with the label of
    the field it belongs to (as the page shows it beside the field)."""
    raise ValidationError(
        [
            f"{form.fields[name].label}: {message}" if name in form.fields else message
            for name, messages in form.errors.items()
            for message in messages
        ]
    )


def since(moment: datetime | None) -> datetime | None:
    """`updated_since` as an aware time (one sent without an offset is in VSTB's zone)."""
    if moment is not None and moment.tzinfo is None:
        return timezone.make_aware(moment)
    return moment


def page(
    request: HttpRequest,
    rows: Any,
    limit: int,
    offset: int,
    updated_since: datetime | None = None,
    stamp: str = "updated_at",
) -> HttpResponse:
    """One page of `rows` (a `.values()` queryset in a stable order): {"count", "next",
    "results"}; `next` is the address of the following page, or null."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise ValidationError(
            _("limit must be between 1 and %(max)s, and offset 0 or more.") % {"max": MAX_LIMIT}
        )
    moment = since(updated_since)
    if moment is not None:
        rows = rows.filter(**{f"{stamp}__gte": moment})
    count = rows.count()
    results = list(rows[offset : offset + limit])
    following = None
    if offset + limit < count:
        query = request.GET.copy()
        query["offset"], query["limit"] = str(offset + limit), str(limit)
        following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return json_response({"count": count, "next": following, "results": results})
