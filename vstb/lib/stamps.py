"""When a record last changed, for programs that copy VSTB's data and ask only for what
changed since their last pass (the API's `updated_since`, issue 18)."""

from typing import Any

from django.db import models
from django.db.models.functions import Now


class Stamped(models.Model):
    """`updated_at` moves at every save, including saves of a few fields: Django leaves an
    auto_now field alone when `update_fields` does not name it, and most of VSTB saves that
    way. Bulk statements (QuerySet.update) set it themselves. Rows written outside Django
    (the benchmarks' bulk loads) get the database's clock."""

    # API: `?updated_since=` on every list.
    updated_at = models.DateTimeField(auto_now=True, db_default=Now(), db_index=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)
