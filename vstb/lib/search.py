"""Search that ignores case and diacritics, the same way on SQLite and PostgreSQL.

Rows that lists search carry a stored `search_text`: their words folded by `fold` ("Phường
Bồ Đề" -> "phuong bo de"), written on save (docs/decisions/0008-search.md). A query is
folded the same way and each of its words must appear in one of the searched columns, so
"bo de 2026" finds "Kế hoạch … phường Bồ Đề năm 2026".
"""

import operator
from collections.abc import Iterable
from functools import reduce
from typing import Any

from django.db import models
from django.db.models import Q

from vstb.lib.text import fold

MAX_WORDS = 8  # a pasted paragraph is not a query: its first words are enough


def search_text(*parts: object) -> str:
    """The folded words of `parts` (None and empty parts left out), for a `search_text`."""
    return fold(" ".join(str(part) for part in parts if part))


def search_words(query: str) -> list[str]:
    return fold(query or "").split()[:MAX_WORDS]


def search_q(query: str, *fields: str) -> Q:
    """Rows where every word of `query` is in one of `fields` (folded columns); Q() when the
    query has no word."""
    conditions = [
        reduce(operator.or_, [Q(**{f"{field}__contains": word}) for field in fields])
        for word in search_words(query)
    ]
    return reduce(operator.and_, conditions, Q())


class SearchableQuerySet(models.QuerySet[Any]):
    """bulk_create writes `search_text` too, as save() does (bulk_create skips save)."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        for obj in objs:
            obj.search_text = obj.searchable_text()
        return super().bulk_create(objs, *args, **kwargs)


class Searchable(models.Model):
    """A model whose lists search it: `search_text` holds the folded words of
    `searchable_parts()`, rewritten on every save."""

    # Not indexed: a "contains" search cannot use a B-tree index; lists filter by their unit
    # and year (indexed) first and search the rows that remain (docs/decisions/0008-search.md).
    search_text = models.TextField(editable=False, default="")

    objects = SearchableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.searchable_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def searchable_parts(self) -> list[object]:
        raise NotImplementedError

    def searchable_text(self) -> str:
        return search_text(*self.searchable_parts())
