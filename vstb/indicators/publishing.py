"""What a unit shows the public besides its indicators: the issued plans and the issued
compiled reports its secretariat chooses, one by one, and can take down again. A published
report's counts are shown only from a minimum cell size (settings.VSTB_PUBLIC_MIN_CELL)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from vstb.indicators.models import PublicPage, PublishedDocument
from vstb.org.models import Unit
from vstb.plans.models import Plan, PlanStatus


def publish_plan(plan: Plan, user) -> PublishedDocument:
    if plan.status not in (PlanStatus.ISSUED, PlanStatus.CLOSED):
        raise ValidationError(_("Only an issued plan can be published. Issue it first."))
    publication, _created = PublishedDocument.objects.get_or_create(
        plan=plan,
        defaults={"unit": plan.unit, "published_by": user, "published_at": timezone.now()},
    )
    return publication


def publish_report(report, user) -> PublishedDocument:
    if not report.compiled or report.issued_on is None:
        raise ValidationError(
            _("Only a compiled report that has been issued can be published. Issue it first.")
        )
    publication, _created = PublishedDocument.objects.get_or_create(
        report=report,
        defaults={"unit": report.unit, "published_by": user, "published_at": timezone.now()},
    )
    return publication


def unpublish(document) -> bool:
    """Take a plan or report off the public page; False when it was not on it."""
    field = "plan" if isinstance(document, Plan) else "report"
    deleted, _rows = PublishedDocument.objects.filter(**{field: document}).delete()
    return bool(deleted)


# The public index ------------------------------------------------------------------------


@dataclass
class PublicEntry:
    unit: Unit
    indicators: bool  # the unit's public page of indicators is on
    documents: list[PublishedDocument]


def public_index() -> list[PublicEntry]:
    """Every unit with something public, by level then name: two queries."""
    documents = list(
        PublishedDocument.objects.select_related("plan", "report__requirement", "unit").order_by(
            "-published_at", "-pk"
        )
    )
    shown = PublicPage.objects.filter(enabled=True, snapshot__isnull=False)
    with_page = set(shown.values_list("unit_id", flat=True))
    units = {d.unit_id: d.unit for d in documents}
    missing = with_page - set(units)
    if missing:
        units.update(Unit.objects.in_bulk(sorted(missing)))
    entries = [
        PublicEntry(unit, unit.pk in with_page, [d for d in documents if d.unit_id == unit.pk])
        for unit in units.values()
    ]
    return sorted(entries, key=lambda e: (e.unit.level, e.unit.search_name or e.unit.name))


# Small cells ------------------------------------------------------------------------------


def suppressed(value: int | None, minimum: int | None = None) -> str | None:
    """A published count as the public sees it: None when unknown, the number from the
    minimum cell size up (and zero), else "fewer than N" (settings.VSTB_PUBLIC_MIN_CELL)."""
    minimum = settings.VSTB_PUBLIC_MIN_CELL if minimum is None else minimum
    if value is None:
        return None
    if 0 < value < minimum:
        return _("fewer than %(minimum)s") % {"minimum": minimum}
    return f"{value:,d}".replace(",", ".")


def minimum_cell() -> int:
    return settings.VSTB_PUBLIC_MIN_CELL


@dataclass
class PublicFigure:
    label: str
    total: str | None
    women: str | None
    men: str | None


def public_figures(report) -> list[PublicFigure]:
    """A published report's figures with small cells hidden. When women or men is hidden,
    both are: the other one and the total would give it back (12 in all, 9 men: 3 women)."""
    rows = []
    for value in report.values.select_related("figure").order_by("figure__order", "figure__pk"):
        women, men = suppressed(value.women), suppressed(value.men)
        hidden = [v for v in (value.women, value.men) if v is not None and 0 < v < minimum_cell()]
        if hidden:
            women = men = _("not shown")
        rows.append(PublicFigure(value.figure.label, suppressed(value.total), women, men))
    return rows
