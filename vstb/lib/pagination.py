"""Pages of a list: one COUNT and one page of rows, whatever the list's length."""

from django.core.paginator import Page, Paginator

PER_PAGE = 25


def paginate(request, items, per_page: int = PER_PAGE) -> Page:
    """The page named by ?page= (the first when missing or not a number, the last when past
    the end), so a bad link never fails."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
