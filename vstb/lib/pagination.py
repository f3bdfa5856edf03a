"""Pages of a list: one COUNT and one page of rows, whatever the list's length."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 25


def paginate(
    request: HttpRequest, items: Sequence[Any] | QuerySet[Any], per_page: int = PER_PAGE
) -> Page[Any]:
    """The page named by ?page= (the first when missing or not a number, the last when past
    the end), so a bad link never fails."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
