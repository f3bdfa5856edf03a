from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated, public
from vstb.access import publication as publication_access
from vstb.indicators import dashboard, progress, public_page, rollup, services, spreadsheets
from vstb.indicators.catalogue import STRATEGY_TARGET_COUNT
from vstb.indicators.forms import (
    COLUMN_LABELS,
    SLOTS,
    EntryForm,
    ImportForm,
    LocalTargetForm,
    PositionForm,
    PublicPageForm,
    YearForm,
)
from vstb.indicators.models import (
    DataValueChange,
    Indicator,
    PeriodKind,
    PublicPage,
    Source,
)
from vstb.lib.files import XLSX
from vstb.org.forms import AsOfForm


def _xlsx_download(content: bytes, stem: str, kind: str) -> HttpResponse:
    """A spreadsheet to download, named `stem` ("-6-thang" added for the first half)."""
    half = "-6-thang" if kind == PeriodKind.FIRST_HALF else ""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(stem + half)}.xlsx"
    return response


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@authenticated
def catalogue(request):
    """The indicators, their formulas and sources, the Strategy's targets and the local
    targets the user may see, each "to confirm" where it has not been checked."""
    targets = access.indicator_targets_visible_to(request.user).select_related("unit")
    indicators = (
        Indicator.objects.select_related("numerator", "denominator")
        .prefetch_related(
            Prefetch("targets", queryset=targets.order_by("unit__name", "year"), to_attr="shown")
        )
        .order_by("order", "code")
    )
    strategy = Indicator.objects.filter(objective__isnull=False)
    context = {
        "indicators": indicators,
        "strategy_target_count": STRATEGY_TARGET_COUNT,
        "strategy_indicators": strategy.count(),
        "strategy_to_confirm": strategy.filter(to_confirm=True).count(),
        # The national administrators complete the catalogue (in the admin site) once a
        # target is checked against the Resolution's text: no new release needed.
        "can_edit_catalogue": request.user.is_staff
        and request.user.has_perm("indicators.change_indicator"),
    }
    return render(request, "indicators/catalogue.html", context)


@authenticated
def unit_progress(request, unit_pk):
    """Each target of the unit: current value, trend, projection to 2025 and 2030, status."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk)
    today = timezone.localdate()
    asked = request.GET.get("mode")
    mode = asked if asked in (rollup.TODAY, rollup.PERIOD) else rollup.TODAY
    used = rollup.effective_mode(unit, mode, today)
    targets = dashboard.targets_by_indicator(unit)
    indicators = dashboard.indicators()
    years = dashboard.headline_years(unit, today)
    values = rollup.series([i for i in indicators if i.computable], unit, years, used, today)
    rows = [
        progress.indicator_progress(
            indicator, targets.get(indicator.pk, []), values.get(indicator, {})
        )
        for indicator in indicators
        if indicator.computable or indicator.pk in targets
    ]
    context = {
        "unit": unit,
        "rows": rows,
        "mode": mode,
        "used_mode": used,
        "modes": rollup.MODES,
        "can_manage": access.can_manage_unit(request.user, unit),
        "this_year": today.year,
        "method": {
            "years": progress.PROJECTION_YEARS,
            "at_risk": int(progress.AT_RISK_MARGIN * 100),
            "about": int(progress.ABOUT_TOLERANCE * 100),
            "stable": int(progress.STABLE_SLOPE * 100),
        },
    }
    return render(request, "indicators/progress.html", context)


@authenticated
def entry(request, unit_pk, year):
    """The unit's own figures for a year: one form, the history of changes below it."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk, write=True)
    year = _year(year)
    kind = _period_kind(request)  # the year, or its first six months (6-month reports)
    elements = services.elements_for(unit)
    stored = services.stored_values(unit, year, kind)
    form = EntryForm(request.POST or None, elements=elements, stored=stored)
    if request.method == "POST" and form.is_valid():
        result = services.save_values(unit, year, kind, form.entries(), request.user, Source.FORM)
        messages.success(
            request,
            ngettext(
                "%(count)s figure has been saved.",
                "%(count)s figures have been saved.",
                result.changed,
            )
            % {"count": result.changed},
        )
        for warning in result.warnings:
            messages.warning(request, warning)
        return redirect(_entry_url(unit, year, kind))
    history = (
        DataValueChange.objects.filter(unit=unit, year=year, period=kind)
        .select_related("element", "changed_by")
        .order_by("-changed_at", "-pk")[:50]
    )
    context = {
        "unit": unit,
        "year": year,
        "form": form,
        "columns": [(slot, COLUMN_LABELS[slot]) for slot in SLOTS],
        "history": history,
        "years": range(year - 2, year + 2),
        "period": kind,
        "periods": PeriodKind.choices,
        "period_label": dashboard.period_label(rollup.Period(year, kind)),
    }
    return render(request, "indicators/entry.html", context)


def _entry_url(unit, year: int, kind: str) -> str:
    url = reverse("indicators:entry", kwargs={"unit_pk": unit.pk, "year": year})
    return url if kind == PeriodKind.YEAR else f"{url}?period={kind}"


@authenticated
def template_xlsx(request, unit_pk, year):
    unit = access.get_indicator_unit_for_user(request.user, unit_pk, write=True)
    kind = _period_kind(request)
    content = spreadsheets.template_workbook(unit, _year(year), kind)
    return _xlsx_download(content, f"so-lieu-{unit.file_stem}-{year}", kind)


@authenticated
def import_xlsx(request, unit_pk):
    unit = access.get_indicator_unit_for_user(request.user, unit_pk, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        result = spreadsheets.import_values(form.cleaned_data["file"], unit, request.user)
        if not result.problems:
            messages.success(
                request,
                ngettext(
                    "%(count)s figure of %(period)s has been imported.",
                    "%(count)s figures of %(period)s have been imported.",
                    result.changed,
                )
                % {
                    "count": result.changed,
                    "period": dashboard.period_label(rollup.Period(result.year, result.period)),
                },
            )
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect(_entry_url(unit, result.year, result.period))
        problems = result.problems
    context = {"unit": unit, "form": form, "problems": problems, "year": timezone.localdate().year}
    return render(request, "indicators/import.html", context)


@authenticated
def leadership(request, unit_pk):
    """The register of key leadership positions of the unit's bodies, as of a date, and
    women's share of key leaders at each level below the unit (from the recorded figures)."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk)
    as_of = AsOfForm(request.GET or None)
    day = as_of.cleaned_data["on"] if as_of.is_valid() and as_of.cleaned_data["on"] else None
    day = day or timezone.localdate()
    positions = list(
        access.leadership_positions_visible_to(request.user)
        .filter(unit=unit)
        .held_on(day)
        .select_related("agency")
        .order_by("agency__name", "rank", "start")
    )
    codes = ["NQ28-M1-CT1", "VSTB-LD-NU"]
    shares = {
        indicator.code: rollup.by_level(indicator, unit, day.year - 1)
        for indicator in Indicator.objects.filter(code__in=codes).select_related(
            "numerator", "denominator"
        )
    }
    levels = sorted({level for values in shares.values() for level in values})
    context = {
        "unit": unit,
        "day": day,
        "as_of_form": as_of,
        "positions": positions,
        "counts": services.counts_of(positions),
        "level_rows": [
            (
                level,
                shares.get("NQ28-M1-CT1", {}).get(level),
                shares.get("VSTB-LD-NU", {}).get(level),
            )
            for level in levels
        ],
        "share_year": day.year - 1,
        "can_manage": access.can_manage_unit(request.user, unit),
        "year_form": YearForm(initial={"year": day.year}),
    }
    return render(request, "indicators/leadership.html", context)


@authenticated
def position_add(request, unit_pk):
    unit = access.get_indicator_unit_for_user(request.user, unit_pk, write=True)
    return _position_form(request, unit, None)


@authenticated
def position_edit(request, pk):
    position = access.get_leadership_position_for_user(request.user, pk, write=True)
    return _position_form(request, position.unit, position)


def _position_form(request, unit, position):
    form = PositionForm(request.POST or None, instance=position, unit=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The position has been saved."))
        return redirect("indicators:leadership", unit_pk=unit.pk)
    return render(
        request, "indicators/position_form.html", {"unit": unit, "form": form, "position": position}
    )


@authenticated
@require_POST
def leadership_record(request, unit_pk):
    """Write the register's counts for a year as the unit's figures."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk, write=True)
    form = YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a year such as 2025."))
        return redirect("indicators:leadership", unit_pk=unit.pk)
    year = form.cleaned_data["year"]
    counts, _result = services.record_leadership(unit, year, request.user)
    messages.success(
        request,
        _(
            "The figures of %(year)s have been recorded from the register: %(with_woman)s of "
            "%(bodies)s bodies have a woman among their key leaders; %(women)s of %(leaders)s "
            "key leaders are women."
        )
        % {
            "year": year,
            "with_woman": counts.bodies_with_woman,
            "bodies": counts.bodies,
            "women": counts.women,
            "leaders": counts.leaders,
        },
    )
    return redirect("indicators:leadership", unit_pk=unit.pk)


@authenticated
def target_add(request, unit_pk):
    """A local target of the unit, from its own plan."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk, write=True)
    form = LocalTargetForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The local target has been saved."))
        return redirect("indicators:progress", unit_pk=unit.pk)
    return render(request, "indicators/target_form.html", {"unit": unit, "form": form})


def _period_kind(request) -> str:
    """The period asked for: the year (default) or its first six months (6-month reports)."""
    asked = request.GET.get("period")
    return asked if asked in PeriodKind.values else PeriodKind.YEAR


def _dashboard_choices(request, unit, all_indicators, today):
    """The indicator, year, period and mode asked for in the query string, with sane
    defaults."""
    computable = [i for i in all_indicators if i.computable]
    if not computable:
        raise Http404
    code = request.GET.get("indicator")
    indicator = next((i for i in computable if i.code == code), computable[0])
    asked = request.GET.get("mode")
    mode = asked if asked in (rollup.TODAY, rollup.PERIOD) else rollup.TODAY
    try:
        year = _year(int(request.GET.get("year", "")))
    except ValueError:
        year = None
    kind = _period_kind(request)
    return indicator, year, kind, mode, rollup.effective_mode(unit, mode, today)


@authenticated
def unit_dashboard(request, unit_pk):
    """The unit's targets and their status, the trend of one indicator with its targets, the
    lower units ranked by it, and how complete their figures are."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk)
    today = timezone.localdate()
    all_indicators = dashboard.indicators()
    indicator, year, kind, mode, used = _dashboard_choices(request, unit, all_indicators, today)
    targets = dashboard.targets_by_indicator(unit)
    computable = [i for i in all_indicators if i.computable]
    years = dashboard.headline_years(unit, today)
    # The targets' status is always read from the years (the Strategy's targets are yearly);
    # the trend, the ranking and the completeness follow the period chosen.
    values = rollup.series(computable, unit, years, used, today)
    chosen_targets = targets.get(indicator.pk, [])
    if kind == PeriodKind.YEAR:
        points = values.get(indicator, {})
    else:
        points = rollup.series([indicator], unit, years, used, today, kind=kind)[indicator]
        chosen_targets = []  # a yearly target is not drawn against half-year figures
    if year is None:
        with_data = [y for y, value in points.items() if value is not None]
        year = max(with_data) if with_data else today.year - 1
    period = rollup.Period(year, kind)
    # One reading for the ranking and the lower units × targets table.
    at_unit, below = rollup.overview(computable, unit, period, used, today)
    rows = dashboard.ranking(indicator, below[indicator])
    context = {
        "unit": unit,
        "indicator": indicator,
        "indicators": computable,
        "year": year,
        "years": range(today.year, today.year - dashboard.YEARS_SHOWN, -1),
        "period": kind,
        "periods": PeriodKind.choices,
        "period_label": dashboard.period_label(period),
        "mode": mode,
        "used_mode": used,
        "modes": rollup.MODES,
        "progress_rows": dashboard.progress_rows(unit, all_indicators, targets, values),
        "ranking": rows,
        "completeness": dashboard.completeness(indicator, below[indicator]),
        "matrix": dashboard.matrix(all_indicators, targets, period, at_unit, below),
        "chart": dashboard.chart_data(indicator, points, chosen_targets, rows),
        "can_manage": access.can_manage_unit(request.user, unit),
        # The lower units' dashboards are linked only where the user may open them.
        "openable": {
            child.pk
            for child in below[indicator]
            if access.can_open_indicators(request.user, child)
        },
    }
    # Switching the indicator, year or boundaries with JavaScript (htmx) swaps only the part
    # that changes; a restore from the browser's history asks for the whole page.
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "indicators/_dashboard.html" if partial else "indicators/dashboard.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@authenticated
def ranking_xlsx(request, unit_pk):
    """The dashboard's ranking table as a spreadsheet."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk)
    today = timezone.localdate()
    indicator, year, kind, _mode, used = _dashboard_choices(
        request, unit, dashboard.indicators(), today
    )
    period = rollup.Period(year or today.year - 1, kind)
    rows = dashboard.ranking(indicator, rollup.by_children(indicator, unit, period, used, today))
    content = dashboard.ranking_workbook(unit, indicator, period, used, rows)
    return _xlsx_download(content, f"xep-hang-{indicator.code}-{unit.code}-{period.year}", kind)


@authenticated
def matrix_xlsx(request, unit_pk):
    """The dashboard's lower units × targets table as a spreadsheet."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk)
    today = timezone.localdate()
    all_indicators = dashboard.indicators()
    _indicator, year, kind, _mode, used = _dashboard_choices(request, unit, all_indicators, today)
    period = rollup.Period(year or today.year - 1, kind)
    targets = dashboard.targets_by_indicator(unit)
    computable = [i for i in all_indicators if i.computable]
    at_unit, below = rollup.overview(computable, unit, period, used, today)
    table = dashboard.matrix(all_indicators, targets, period, at_unit, below)
    content = dashboard.matrix_workbook(unit, period, used, table)
    return _xlsx_download(content, f"chi-tieu-cap-duoi-{unit.file_stem}-{period.year}", kind)


@authenticated
def public_page_settings(request, unit_pk):
    """Which indicators the unit's public page shows, and whether the unit asks for it; a
    secretariat of the unit or above also sees what would be published, to approve it."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk)
    can_publish = publication_access.can_publish_public_page(request.user, unit)
    if not (can_publish or access.can_manage_unit(request.user, unit)):
        raise PermissionDenied
    page = PublicPage.objects.filter(unit=unit).first() or PublicPage(unit=unit)
    # Read before validating: a valid ModelForm has already copied its values onto `page`.
    was_enabled = page.pk is not None and page.enabled
    # Unticking everything sends an empty form, which is still a form.
    form = PublicPageForm(request.POST if request.method == "POST" else None, instance=page)
    if request.method == "POST" and form.is_valid():
        asked = form.cleaned_data["enabled"] and not was_enabled
        if asked and not can_publish:
            public_page.save_and_ask_to_publish(form, request.user)
            messages.success(
                request,
                _("Saved. The secretariat of the level above has been asked to approve the page."),
            )
            return redirect("indicators:public_settings", unit_pk=unit.pk)
        page = form.save()
        if not page.enabled and page.snapshot is not None:
            public_page.withdraw(page)
            messages.success(request, _("The public page has been taken down."))
        else:
            messages.success(request, _("The public page settings have been saved."))
        return redirect("indicators:public_settings", unit_pk=unit.pk)
    preview = public_page.live_rows(page)[0] if can_publish and page.pk else []
    context = {
        "unit": unit,
        "form": form,
        "page": page,
        "can_publish": can_publish,
        "preview": preview,
    }
    return render(request, "indicators/public_settings.html", context)


@authenticated
@require_POST
def public_page_publish(request, unit_pk):
    """A secretariat approves the page: the figures as they are now become what the public
    sees, small counts withheld."""
    unit = access.get_indicator_unit_for_user(request.user, unit_pk)
    if not publication_access.can_publish_public_page(request.user, unit):
        raise PermissionDenied
    page = PublicPage.objects.filter(unit=unit, enabled=True).first()
    if page is None:
        messages.error(request, _("Tick “ask to publish” and save first, then publish."))
        return redirect("indicators:public_settings", unit_pk=unit.pk)
    withheld = public_page.publish(page, request.user)
    messages.success(
        request, _("Published: the public page now shows the figures as they are today.")
    )
    if withheld:
        messages.info(
            request,
            _("%(count)s values rest on fewer than %(minimum)s people and are not shown.")
            % {"count": withheld, "minimum": settings.VSTB_PUBLIC_MIN_CELL},
        )
    return redirect("indicators:public_settings", unit_pk=unit.pk)


@public
def public_indicators(request, key):
    """A unit's published indicators, for anyone: the latest value of a complete year and
    the status against each target. 404 unless the unit has turned its page on."""
    unit = dashboard.public_unit(key)
    page = (
        PublicPage.objects.filter(unit=unit, enabled=True, snapshot__isnull=False).first()
        if unit is not None
        else None
    )
    if page is None:
        raise Http404
    context = {
        "unit": unit,
        "rows": page.snapshot["rows"],
        "chart": page.snapshot["chart"],
        "published_at": page.published_at,
    }
    return render(request, "indicators/public.html", context)
