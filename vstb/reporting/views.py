from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.activities.models import ActivityKind
from vstb.documents.downloads import pdf_download
from vstb.documents.pdf import PdfFailed, PdfUnavailable, pdf_once
from vstb.documents.signing import SigningError
from vstb.issuing import signing
from vstb.lib.pagination import paginate
from vstb.lib.query import query_year
from vstb.lib.search import search_q
from vstb.lib.versioning import save_unless_stale
from vstb.notifications import confirm, handoffs
from vstb.org.models import Level, Unit
from vstb.plans.models import IssuerBody
from vstb.reporting import document, services, spreadsheets
from vstb.reporting.forms import (
    CompileForm,
    FigureFormSet,
    IssueForm,
    ReportForm,
    RequirementForm,
    ReturnForm,
)
from vstb.reporting.models import (
    NARRATIVE_SECTIONS,
    Chase,
    Report,
    ReportStatus,
    Requirement,
    RequirementKind,
)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _error(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _warn(request, warnings: list[str]) -> None:
    for warning in warnings:
        messages.warning(request, warning)


# Requirements -------------------------------------------------------------------------------


def _year_filter(request) -> int | None:
    return query_year(request.GET)


@authenticated
def requirement_list(request):
    """One unit's requirements, and those of the units above it, which it reports against;
    searched by title without diacritics, filtered by year and kind."""
    unit = access.acting_unit(request)
    query, kind, year = request.GET.get("q", ""), request.GET.get("kind", ""), _year_filter(request)
    context = {
        "unit": unit,
        "query": query,
        "kind": kind,
        "year": year,
        "kinds": RequirementKind.choices,
    }
    if unit is None:
        context["choices"] = access.units_to_choose(request.user, query)
        return render(request, "reporting/requirement_list.html", context)
    visible = (
        access.requirements_visible_to(request.user)
        .filter(search_q(query, "search_text"))
        .select_related("unit")
    )
    if kind in RequirementKind.values:
        visible = visible.filter(kind=kind)
    if year:
        visible = visible.filter(year=year)
    context["page_obj"] = paginate(request, visible.filter(unit=unit))
    context["above"] = visible.filter(unit_id__in=unit.ancestor_ids)
    context["years"] = _years_around(timezone.localdate().year)
    context["can_manage"] = access.can_manage_unit(request.user, unit)
    context["chooses_unit"] = access.chooses_unit(request.user)
    return render(request, "reporting/requirement_list.html", context)


def _years_around(year: int) -> range:
    return range(year + 1, year - 6, -1)


@authenticated
def received_reports(request):
    """The inbox of a unit: the reports sent to it (lower units' and its agencies', compiled
    ones among them), newest first; searched by reporter or requirement, filtered by status,
    year and who reports."""
    unit = access.acting_unit(request)
    query, status = request.GET.get("q", ""), request.GET.get("status", "")
    reporter, year = request.GET.get("reporter", ""), _year_filter(request)
    context = {
        "unit": unit,
        "query": query,
        "status": status,
        "reporter": reporter,
        "year": year,
        "statuses": [(s, label) for s, label in ReportStatus.choices if s != ReportStatus.DRAFT],
        "years": _years_around(timezone.localdate().year),
    }
    if unit is None:
        context["choices"] = access.units_to_choose(request.user, query)
        return render(request, "reporting/received_reports.html", context)
    reports = services.received_by(access.reports_visible_to(request.user), unit).filter(
        search_q(query, "unit__search_name", "requirement__search_text")
    )
    if status in ReportStatus.values and status != ReportStatus.DRAFT:
        reports = reports.filter(status=status)
    if reporter == "unit":
        reports = reports.filter(unit__isnull=False)
    elif reporter == "agency":
        reports = reports.filter(agency__isnull=False)
    if year:
        reports = reports.filter(requirement__year=year)
    context["page_obj"] = paginate(request, reports)
    context["chooses_unit"] = access.chooses_unit(request.user)
    return render(request, "reporting/received_reports.html", context)


@authenticated
def requirement_create(request, unit_pk):
    unit = access.get_unit_for_user(request.user, unit_pk, write=True)
    requirement = Requirement(unit=unit, created_by=request.user)
    form = RequirementForm(
        request.POST or None, instance=requirement, levels=services.levels_below(unit)
    )
    if request.method == "POST" and form.is_valid():
        requirement, told = services.save_requirement(form, request.user)
        messages.success(
            request, _("The requirement has been created with the usual figures. Adapt them.")
        )
        confirm.warn_nobody(request, told)
        _warn(request, requirement.due_date_warnings())
        return redirect("reporting:figures", pk=requirement.pk)
    return render(request, "reporting/requirement_form.html", {"form": form, "unit": unit})


@authenticated
def requirement_edit(request, pk):
    requirement = access.get_requirement_for_user(request.user, pk, write=True)
    form = RequirementForm(
        request.POST or None, instance=requirement, levels=services.levels_below(requirement.unit)
    )
    if request.method == "POST" and form.is_valid():
        result = save_unless_stale(form, lambda: services.save_requirement(form, request.user))
        if result is not None:
            _requirement, told = result
            messages.success(request, _("The requirement has been saved."))
            confirm.warn_nobody(request, told)
            _warn(request, requirement.due_date_warnings())
            return redirect("reporting:requirement", pk=requirement.pk)
    context = {"form": form, "unit": requirement.unit, "requirement": requirement}
    return render(request, "reporting/requirement_form.html", context)


@authenticated
def requirement_detail(request, pk):
    requirement = access.get_requirement_for_user(request.user, pk)
    context = {
        "requirement": requirement,
        "figures": _with_kind_labels(requirement.figures.all()),
        "due_dates": _due_date_rows(requirement),
        "receivers": access.receivers_for(request.user, requirement),
        "can_manage": access.can_manage_unit(request.user, requirement.unit),
        "due_date_warnings": requirement.due_date_warnings(),
    }
    return render(request, "reporting/requirement_detail.html", context)


def _with_kind_labels(figures) -> list:
    figures, labels = list(figures), dict(ActivityKind.choices)
    for figure in figures:
        figure.kind_label = labels.get(figure.source_kind, "")
    return figures


def _due_date_rows(requirement: Requirement) -> list[tuple[str, object]]:
    rows = [
        (Level(int(key)).label, requirement.due_for(int(key)))
        for key in sorted(requirement.due_dates)
        if key.isdigit()
    ]
    if requirement.due_for(None):
        rows.append((_("Member agencies"), requirement.due_for(None)))
    return rows


@authenticated
def requirement_figures(request, pk):
    """The figures template: add, remove and reorder rows."""
    requirement = access.get_requirement_for_user(request.user, pk, write=True)
    formset = FigureFormSet(
        request.POST or None, instance=requirement, queryset=requirement.figures.order_by("order")
    )
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The figures have been saved."))
        return redirect("reporting:requirement", pk=requirement.pk)
    context = {"formset": formset, "requirement": requirement}
    return render(request, "reporting/figures_form.html", context)


@authenticated
@require_POST
def requirement_from_deadline(request, plan_pk, index):
    """A requirement for one of a plan's deadlines, with the usual figures."""
    plan = access.get_plan_for_user(request.user, plan_pk)
    if not access.can_manage_unit(request.user, plan.unit):
        raise PermissionDenied
    if index >= len(plan.deadlines or []):
        raise Http404
    requirement = services.requirement_from_deadline(plan, index, request.user)
    messages.success(
        request,
        _(
            "The requirement has been created from the plan's deadline. Check its period and figures."
        ),
    )
    confirm.warn_nobody(request, requirement.told)
    _warn(request, requirement.due_date_warnings())
    return redirect("reporting:edit", pk=requirement.pk)


# Reports ------------------------------------------------------------------------------------


@authenticated
def my_reports(request):
    """For each requirement the user sees, the reporters they write for and where each stands."""
    query, kind, year = request.GET.get("q", ""), request.GET.get("kind", ""), _year_filter(request)
    requirements = access.requirements_visible_to(request.user).filter(
        search_q(query, "search_text")
    )
    if kind in RequirementKind.values:
        requirements = requirements.filter(kind=kind)
    if year:
        requirements = requirements.filter(year=year)
    rows = services.reporter_rows(requirements, request.user)
    context = {
        "page_obj": paginate(request, rows),
        "query": query,
        "kind": kind,
        "year": year,
        "kinds": RequirementKind.choices,
        "years": _years_around(timezone.localdate().year),
    }
    return render(request, "reporting/my_reports.html", context)


@authenticated
@require_POST
def report_open(request, pk, kind, reporter_pk):
    """The reporter's report, created pre-filled from its activities on first opening."""
    requirement = access.get_requirement_for_user(request.user, pk)
    reporter = access.get_reporter_for_user(request.user, kind, reporter_pk)
    if not services.may_report_for(requirement, reporter):
        raise Http404
    if not access.can_report_for(request.user, reporter):
        raise PermissionDenied
    report = services.open_report(requirement, reporter, request.user)
    return redirect("reporting:report", pk=report.pk)


@authenticated
def report_detail(request, pk):
    """The report: its form while the reporter may change it, read-only otherwise. POST saves."""
    report = access.get_report_for_user(request.user, pk)
    # Read once for the form and the page (a save that succeeds redirects; one that fails
    # has changed nothing).
    figures = list(report.requirement.figures.all())
    values = {v.figure_id: v for v in report.values.all()}
    form = None
    if report.is_editable and access.can_edit_report(request.user, report):
        form = ReportForm(request.POST or None, report=report, figures=figures, values=values)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("You cannot change this report."))
        if _save(request, report, form):
            messages.success(request, _("The report has been saved."))
            return redirect("reporting:report", pk=report.pk)
    context = _report_context(request, report, form, figures=figures, values=values)
    return render(request, "reporting/report_detail.html", context)


def _save(request, report: Report, form: ReportForm) -> bool:
    """Validate and save the form; errors (a stale version among them) go on the form, and
    the user's input stays in it."""
    if not form.is_valid():
        return False
    try:
        notes = services.save_report(
            report,
            request.user,
            form.cleaned_data["version"],
            form.narrative(),
            form.figure_values(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    _warn(request, notes)
    return True


def _report_context(request, report: Report, form=None, figures=None, values=None) -> dict:
    """The report page's context; `figures` and `values` (by figure id) are read here unless
    the view has read them already."""
    user = request.user
    if values is None:
        values = {v.figure_id: v for v in report.values.all()}
    if figures is None:
        figures = list(report.requirement.figures.all())
    rows = [(f, values.get(f.pk)) for f in figures]
    can_review = report.status == ReportStatus.SUBMITTED and access.can_review_report(user, report)
    can_issue = form is not None and report.compiled
    # What the compilation leaves out, shown above the issue form (it asks to confirm).
    coverage = services.coverage(report.requirement, report.unit) if can_issue else None
    signature = signing.status(
        report,
        may_sign=access.can_sign_report(user, report),
        unit=report.unit,
        issuer_body=IssuerBody.PEOPLES_COMMITTEE,
    )
    return {
        **signature,
        "sign_url": reverse("reporting:sign", args=[report.pk]),
        "report": report,
        "form": form,
        "figures": [(f, v, v.sex_note() if v else "") for f, v in rows],
        # The budget part of the report's document (document.FUNDING_LINES), as it will read.
        "funding": document.funding_lines(report),
        "coverage": coverage,
        "narrative": [
            (label, (report.narrative or {}).get(key, "")) for key, label in NARRATIVE_SECTIONS
        ],
        "events": report.events.select_related("by"),
        "can_review": can_review,
        "return_form": ReturnForm() if can_review else None,
        "issue_form": IssueForm(
            initial={"signer_lines": report.signer_lines, "signer_name": report.signer_name},
            coverage=coverage,
        )
        if can_issue
        else None,
        "can_compile": report.compiled and access.can_manage_unit(user, report.unit),
        # Figures linked to an indicator figure are marked: accepting writes them there.
        "flows": services.flows_into_indicators(report),
    }


@authenticated
@require_POST
def report_submit(request, pk):
    """Save the form, then send the report to the receiver."""
    report = access.get_report_for_user(request.user, pk, write=True)
    if not report.is_editable:
        raise PermissionDenied(_("This report has already been sent."))
    # The confirmation posts back nothing but `confirm`: what was typed is saved already.
    if "version" in request.POST:
        form = ReportForm(
            request.POST, report=report, figures=list(report.requirement.figures.all())
        )
        if not _save(request, report, form):
            context = _report_context(request, report, form)
            return render(request, "reporting/report_detail.html", context)
    if not confirm.confirmed(request) and not report.problems():
        return confirm.confirmation(
            request,
            heading=_("Send the report?"),
            what=_(
                "The report is sent to %(unit)s and can no longer be changed, unless it is "
                "returned to you."
            )
            % {"unit": report.receiver},
            audience=handoffs.report_submit_audience(report),
            button=_("Send"),
            back=reverse("reporting:report", args=[report.pk]),
            repost=False,
        )
    try:
        told = report.submit(request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request, _("The report has been sent to %(unit)s.") % {"unit": report.receiver}
        )
        confirm.warn_nobody(request, told)
    return redirect("reporting:report", pk=report.pk)


@authenticated
@require_POST
def report_return(request, pk):
    report = access.get_report_for_user(request.user, pk, review=True)
    try:
        told = report.return_to_reporter(request.user, request.POST.get("comment", ""))
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The report has been returned to its reporter."))
        confirm.warn_nobody(request, told)
    return redirect("reporting:report", pk=report.pk)


@authenticated
@require_POST
def report_accept(request, pk):
    report = access.get_report_for_user(request.user, pk, review=True)
    try:
        written = services.accept_report(report, request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The report has been accepted."))
        if written is not None and written.changed:
            messages.info(
                request,
                ngettext(
                    "%(count)s figure has been written into the indicator figures of %(unit)s "
                    "for %(year)s.",
                    "%(count)s figures have been written into the indicator figures of "
                    "%(unit)s for %(year)s.",
                    written.changed,
                )
                % {
                    "count": written.changed,
                    "unit": report.unit.name,
                    "year": report.requirement.year,
                },
            )
        for warning in written.warnings if written else []:
            messages.warning(request, warning)
    return redirect("reporting:report", pk=report.pk)


@authenticated
@require_POST
def report_issue(request, pk):
    """Issue the unit's report with a number of its register, and send it to the parent."""
    report = access.get_report_for_user(request.user, pk, write=True)
    if not report.compiled:
        raise Http404
    if not report.is_editable:
        raise PermissionDenied(_("This report has already been sent."))
    form = IssueForm(request.POST, coverage=services.coverage(report.requirement, report.unit))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("reporting:report", pk=report.pk)
    if not confirm.confirmed(request) and not report.problems():
        if report.answers_own_requirement:
            what = _(
                "The report takes the next number of the register and can no longer be changed."
            )
            audience = access.Audience()
        else:
            what = _(
                "The report takes the next number of the register, is sent to %(unit)s and can "
                "no longer be changed, unless it is returned to you."
            ) % {"unit": report.receiver}
            audience = handoffs.report_submit_audience(report)
        return confirm.confirmation(
            request,
            heading=_("Issue the report?"),
            what=what,
            audience=audience,
            button=_("Issue and send"),
            back=reverse("reporting:report", args=[report.pk]),
        )
    try:
        told = services.issue_report(report, request.user, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        if report.answers_own_requirement:
            message = _(
                "The report has been issued as number %(number)02d. Download it (DOCX) to send "
                "it to those it is addressed to."
            )
        else:
            message = _("The report has been issued as number %(number)02d and sent to %(unit)s.")
        messages.success(request, message % {"number": report.number, "unit": report.receiver})
        confirm.warn_nobody(request, told)
    return redirect("reporting:report", pk=report.pk)


@authenticated
def report_docx(request, pk):
    report = access.get_report_for_user(request.user, pk)
    response = HttpResponse(document.render_report(report), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "docx")}"'
    return response


def _filename(report: Report, extension: str) -> str:
    number = f"{report.number:02d}" if report.number else "du-thao"
    return f"BC-{number}-{report.requirement.year}-{report.pk}.{extension}"


@authenticated
def report_pdf(request, pk):
    """The report as PDF (its DOCX converted by LibreOffice); without LibreOffice, or when
    the conversion fails, a message and the report page, never an error page."""
    report = access.get_report_for_user(request.user, pk)
    copy = signing.signed_copy_of(report)
    if copy:
        response = HttpResponse(signing.signed_pdf(copy), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
        return response
    return pdf_download(
        request,
        lambda: document.report_document(report),
        filename=_filename(report, "pdf"),
        title=str(report),
        back=reverse("reporting:report", args=[report.pk]),
        docx_url=reverse("reporting:docx", args=[report.pk]),
    )


@authenticated
@require_POST
def report_sign(request, pk):
    """Sign the accepted report's PDF with the certificate of the unit's People's Committee,
    which issued it (reporting.services.issue_report)."""
    report = access.get_report_to_sign(request.user, pk)
    try:
        signing.sign(
            report,
            pdf_once(document.report_document(report)),
            unit=report.unit,
            issuer_body=IssuerBody.PEOPLES_COMMITTEE,
            by=request.user,
            reason=f"Báo cáo số {report.number:02d}/BC-UBND",
            location=report.unit.place_name,
        )
    except (PdfUnavailable, PdfFailed, SigningError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The PDF has been signed digitally. Downloads of the PDF now give the signed copy."),
        )
    return redirect("reporting:report", pk=report.pk)


@authenticated
def report_figure(request, pk, figure_pk):
    """Drill-down of a compiled figure: the accepted reports it sums."""
    report = access.get_report_for_user(request.user, pk)
    figure = report.requirement.figures.filter(pk=figure_pk).first()
    if figure is None or not report.compiled:
        raise Http404
    context = {"report": report, "figure": figure, "rows": services.contributions(report, figure)}
    return render(request, "reporting/report_figure.html", context)


# Completeness, chasing and compiling --------------------------------------------------------


@authenticated
def completeness(request, pk, unit_pk):
    """Who of those expected to report to a unit has reported, and how."""
    requirement = access.get_requirement_for_user(request.user, pk)
    unit = access.get_receiver_for_user(request.user, requirement, unit_pk)
    rows = services.completeness(requirement, unit)
    _annotate(rows, requirement, unit)
    coverage = services.coverage_of(rows)
    context = {
        "requirement": requirement,
        "unit": unit,
        "rows": rows,
        "coverage": coverage,
        "compile_form": CompileForm(),
        "rates": services.rates(rows),
        "own": Report.objects.filter(requirement=requirement, unit=unit).first(),
        "can_manage": access.can_manage_unit(request.user, unit),
    }
    return render(request, "reporting/completeness.html", context)


def _annotate(rows, requirement: Requirement, unit: Unit) -> None:
    """Each row's due date, and its last đôn đốc (one query)."""
    chases = Chase.objects.filter(requirement=requirement, receiver=unit).order_by("at")
    last = {(c.unit_id, c.agency_id): c.at for c in chases}
    for row in rows:
        is_unit = isinstance(row.reporter, Unit)
        row.due = requirement.due_for(row.reporter.level if is_unit else None)
        row.chased_at = last.get((row.reporter.pk, None) if is_unit else (None, row.reporter.pk))


@authenticated
@require_POST
def chase(request, pk, unit_pk):
    """Đôn đốc: remind every reporter still owing its report."""
    requirement = access.get_requirement_for_user(request.user, pk)
    unit = access.get_receiver_for_user(request.user, requirement, unit_pk, write=True)
    if not confirm.confirmed(request):
        owing = services.owing_reporters(requirement, unit)
        if owing:
            return confirm.confirmation(
                request,
                heading=_("Chase the missing reports?"),
                what=ngettext(
                    "%(count)s reporter has not sent its report. Those who write it are "
                    "reminded in VSTB and by e-mail.",
                    "%(count)s reporters have not sent their reports. Those who write them are "
                    "reminded in VSTB and by e-mail.",
                    len(owing),
                )
                % {"count": len(owing)},
                audience=services.chase_audience(owing),
                button=_("Chase"),
                back=reverse("reporting:completeness", args=[requirement.pk, unit.pk]),
            )
    result = services.chase_missing(requirement, unit, request.user)
    if result.reporters and not result.people:
        text = ngettext(
            "%(count)s reporter has been chased.",
            "%(count)s reporters have been chased.",
            result.reporters,
        )
        messages.success(request, text % {"count": result.reporters})
        confirm.warn_nobody(request, result.told)
    elif result.reporters:
        text = ngettext(
            "%(count)s reporter has been chased (%(people)s people notified).",
            "%(count)s reporters have been chased (%(people)s people notified).",
            result.reporters,
        )
        messages.success(request, text % {"count": result.reporters, "people": result.people})
        confirm.warn_nobody(request, result.told)
    else:
        messages.info(request, _("Nobody to chase: every expected report has been sent."))
    return redirect("reporting:completeness", pk=requirement.pk, unit_pk=unit.pk)


@authenticated
@require_POST
def compile_report(request, pk, unit_pk):
    """The unit's own report, drafted from the accepted reports it received."""
    requirement = access.get_requirement_for_user(request.user, pk)
    unit = access.get_receiver_for_user(request.user, requirement, unit_pk, write=True)
    form = CompileForm(request.POST)
    form.is_valid()  # one optional box: always valid
    try:
        report = services.compile_report(
            requirement,
            unit,
            request.user,
            confirm_incomplete=form.cleaned_data.get("confirm_incomplete", False),
        )
    except ValidationError as error:
        _error(request, error)
        return redirect("reporting:completeness", pk=requirement.pk, unit_pk=unit.pk)
    messages.success(
        request, _("The report has been compiled from the accepted reports. Check and complete it.")
    )
    return redirect("reporting:report", pk=report.pk)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@authenticated
def report_xlsx(request, pk):
    """The report's figures as an Excel template to fill offline."""
    report = access.get_report_for_user(request.user, pk)
    response = HttpResponse(spreadsheets.figures_workbook(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="so-lieu-bao-cao-{report.pk}.xlsx"'
    return response


@authenticated
@require_POST
def report_xlsx_import(request, pk):
    """Figures typed offline, back into the report: all or nothing, errors by cell."""
    report = access.get_report_for_user(request.user, pk, write=True)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the filled-in figures template (XLSX) to send."))
        return redirect("reporting:report", pk=report.pk)
    try:
        notes = spreadsheets.import_figures(report, upload.read(), request.user, report.version)
    except spreadsheets.SpreadsheetRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The figures have been read from the workbook and saved."))
        _warn(request, notes)
    return redirect("reporting:report", pk=report.pk)
