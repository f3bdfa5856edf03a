"""A unit's public page of indicators: asked for by the unit, approved by a secretariat, and
shown to the public as the snapshot taken at approval (issue 12, finding 14).

Before, a ward officer could switch a ward's page on alone, and it showed live, unreviewed
figures: "7 of 9" and "3 of 7" on violence indicators, changing the moment a figure was typed.
Now the page shows what a secretariat looked at and approved, and a value resting on a small
count (fewer than settings.VSTB_PUBLIC_MIN_CELL people, on either side of a ratio) is
withheld."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from vstb import access
from vstb.indicators import dashboard, progress, rollup
from vstb.indicators.models import PublicPage
from vstb.notifications.models import Kind
from vstb.notifications.services import notify


def live_rows(page: PublicPage, today=None) -> tuple[list, int]:
    """What the page would show now, small counts withheld; and how many values were."""
    today = today or timezone.localdate()
    unit = page.unit
    chosen = list(
        page.indicators.filter(numerator__isnull=False)
        .select_related("numerator", "denominator")
        .order_by("order", "code")
    )
    targets = dashboard.targets_by_indicator(unit)
    used = rollup.effective_mode(unit, rollup.TODAY, today)
    values, withheld = rollup.public_series(
        chosen, unit, dashboard.latest_years(today), settings.VSTB_PUBLIC_MIN_CELL, used, today
    )
    rows = [
        progress.indicator_progress(i, targets.get(i.pk, []), values.get(i, {})) for i in chosen
    ]
    return rows, len(withheld)


def publish(page: PublicPage, by, today=None) -> int:
    """Take the snapshot the public will see; how many values were withheld as small."""
    rows, withheld = live_rows(page, today)
    with translation.override("vi"):
        page.snapshot = {
            "rows": [_row_data(row) for row in rows],
            "chart": _plain(dashboard.public_chart_data(rows)),
            "withheld": withheld,
        }
    page.published_at, page.published_by = timezone.now(), by
    page.save(update_fields=["snapshot", "published_at", "published_by"])
    return withheld


def withdraw(page: PublicPage) -> None:
    page.snapshot, page.published_at, page.published_by = None, None, None
    page.save(update_fields=["snapshot", "published_at", "published_by"])


@transaction.atomic  # the page asked for and its notification: both or neither
def save_and_ask_to_publish(form: Any, by) -> PublicPage:
    """Save the page's settings (PublicPageForm: switched on) and ask the level above to
    publish it. Had the notification failed after the page was saved, the page would wait,
    switched on, for an approval nobody was asked for."""
    page: PublicPage = form.save()
    ask_to_publish(page, by)
    return page


def ask_to_publish(page: PublicPage, by) -> None:
    """Tell the level above (whose secretariat approves) that the unit asks to publish."""
    parent = page.unit.parent
    if parent is None:
        return
    audience = access.people_to_tell([parent])
    notify(
        audience,
        Kind.PUBLICATION,
        _("%(unit)s asks to publish its public page of indicators") % {"unit": page.unit.name},
        reverse("indicators:public_settings", args=[page.unit.pk]),
    )


def _row_data(row) -> dict:
    indicator = row.indicator
    return {
        "indicator": {
            "code": indicator.code,
            "name_vi": indicator.name_vi,
            "measure": indicator.measure,
        },
        "current": _text(row.current),
        "current_year": row.current_year,
        "targets": [
            {
                "target": {
                    "year": t.target.year,
                    "get_operator_display": str(t.target.get_operator_display()),
                    "value": _text(t.target.value),
                },
                "status": t.status,
                "status_label": str(t.status_label),
            }
            for t in row.targets
        ],
    }


def _text(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, Decimal):
        value = Decimal(value.numerator) / Decimal(value.denominator)  # a Fraction
    return str(value)


def _plain(data):
    """JSON-ready: lazy translations and numbers as plain text and floats."""
    if isinstance(data, dict):
        return {str(key): _plain(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(value) for value in data]
    if isinstance(data, Decimal):
        return float(data)
    if data is None or isinstance(data, bool | int | float | str):
        return data
    return str(data)
