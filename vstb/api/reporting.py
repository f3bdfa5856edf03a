"""Reporting requirements and reports: read where the browser reads them; a report's figures
saved and the report submitted by its reporter, through the report form and the services the
report page uses (the same checks, the same messages, the same optimistic lock)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from vstb import access
from vstb.api.lists import json_response, page, refuse_form
from vstb.api.schemas import (
    ERRORS,
    Error,
    Paging,
    ReportDetail,
    ReportIn,
    ReportOpen,
    ReportPage,
    ReportSaved,
    RequirementDetail,
    RequirementPage,
    Submit,
)
from vstb.reporting import services
from vstb.reporting.forms import ReportForm
from vstb.reporting.models import NARRATIVE_SECTIONS

router = Router(tags=["reporting"])

REQUIREMENT_FIELDS = (
    "id", "unit_id", "title", "kind", "period_rule", "year", "quarter", "window_start",
    "window_end", "source_plan_id", "updated_at",
)  # fmt: skip
REPORT_FIELDS = (
    "id", "requirement_id", "unit_id", "agency_id", "receiver_id", "status", "submitted_at",
    "version", "number", "issued_on", "updated_at",
)  # fmt: skip
FIGURE_FIELDS = ("id", "order", "code", "label", "by_sex", "required")


@router.get(
    "/requirements", response={200: RequirementPage, **ERRORS}, summary="Reporting requirements"
)
def requirement_list(request, paging: Query[Paging], year: int | None = None):
    requirements = access.requirements_visible_to(request.user)
    if year is not None:
        requirements = requirements.filter(year=year)
    return page(request, requirements.order_by("pk").values(*REQUIREMENT_FIELDS), **paging.dict())


@router.get(
    "/requirements/{int:pk}", response={200: RequirementDetail, **ERRORS}, summary="A requirement"
)
def requirement_detail(request, pk: int):
    requirement = access.get_requirement_for_user(request.user, pk)
    body = {field: getattr(requirement, field) for field in REQUIREMENT_FIELDS}
    body["due_dates"] = requirement.due_dates or {}
    body["figures"] = list(requirement.figures.order_by("order", "pk").values(*FIGURE_FIELDS))
    return json_response(body)


@router.get("/reports", response={200: ReportPage, **ERRORS}, summary="Reports the token may read")
def report_list(
    request,
    paging: Query[Paging],
    requirement: int | None = None,
    status: str | None = None,
):
    reports = access.reports_visible_to(request.user)
    if requirement is not None:
        reports = reports.filter(requirement_id=requirement)
    if status:
        reports = reports.filter(status=status)
    return page(request, reports.order_by("pk").values(*REPORT_FIELDS), **paging.dict())


def _report_body(report) -> dict:
    body = {field: getattr(report, field) for field in REPORT_FIELDS}
    values = {value.figure_id: value for value in report.values.all()}
    body["narrative"] = report.narrative or {}
    body["figures"] = [
        {
            "code": figure.code,
            "label": figure.label,
            "total": getattr(values.get(figure.pk), "total", None),
            "women": getattr(values.get(figure.pk), "women", None),
            "men": getattr(values.get(figure.pk), "men", None),
        }
        for figure in report.requirement.figures.order_by("order", "pk")
    ]
    return body


@router.get("/reports/{int:pk}", response={200: ReportDetail, **ERRORS}, summary="A report")
def report_detail(request, pk: int):
    return json_response(_report_body(access.get_report_for_user(request.user, pk)))


@router.post(
    "/requirements/{int:pk}/reports",
    response={200: ReportDetail, 201: ReportDetail, **ERRORS},
    summary="Open the report of a unit or an agency for a requirement",
)
def report_open(request, pk: int, payload: ReportOpen):
    """The reporter's report, created pre-filled from its activities the first time (201),
    as the "write the report" button of the page does; the same report afterwards (200).
    Name the unit (`unit_id`) or the member agency (`agency_id`) the report is written for."""
    access.require_writing_token(request.api_token)
    if (payload.unit_id is None) == (payload.agency_id is None):
        raise ValidationError(_("Give either unit_id or agency_id, not both."))
    requirement = access.get_requirement_for_user(request.user, pk)
    kind, reporter_pk = (
        ("unit", payload.unit_id) if payload.unit_id is not None else ("agency", payload.agency_id)
    )
    reporter = access.get_reporter_for_user(request.user, kind, reporter_pk)
    if not services.may_report_for(requirement, reporter):
        raise Http404
    if not access.can_report_for(request.user, reporter):
        raise PermissionDenied
    existed = requirement.reports.filter(**{kind: reporter}).exists()
    report = services.open_report(requirement, reporter, request.user)
    return json_response(_report_body(report), status=200 if existed else 201)


@router.put(
    "/reports/{int:pk}",
    response={200: ReportSaved, 409: Error, **ERRORS},
    summary="Save a report's figures and narrative",
)
def report_save(request, pk: int, payload: ReportIn):
    """What is not sent stays as it is. `version` is the one read: if someone saved since,
    nothing is saved (409) and the report must be read again."""
    access.require_writing_token(request.api_token)
    report = access.get_report_for_user(request.user, pk, write=True)
    figures = list(report.requirement.figures.all())
    by_code = {figure.code: figure for figure in figures}
    unknown = sorted(set(payload.figures) - set(by_code))
    if unknown:
        raise ValidationError(
            _("This report has no figure with the code %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    form = ReportForm(_form_data(report, payload, by_code), report=report, figures=figures)
    if not form.is_valid():
        refuse_form(form)
    try:
        notes = services.save_report(
            report, request.user, payload.version, form.narrative(), form.figure_values()
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "stale":
            return json_response({"detail": " ".join(error.messages)}, status=409)
        raise
    return json_response({"version": report.version, "notes": notes})


def _form_data(report, payload: ReportIn, by_code: dict) -> dict:
    """The report form's fields as the page would send them: what the report holds, with
    what the program sent over it."""
    narrative = report.narrative or {}
    data = {"version": payload.version}
    for key, _label in NARRATIVE_SECTIONS:
        data[key] = payload.narrative.get(key, narrative.get(key, ""))
    values = {value.figure_id: value for value in report.values.all()}
    for code, figure in by_code.items():
        sent = payload.figures.get(code)
        for part in ("total", "women", "men"):
            value = (
                getattr(sent, part)
                if sent is not None
                else getattr(values.get(figure.pk), part, None)
            )
            if value is not None:
                data[f"f{figure.pk}_{part}"] = str(value)
    return data


@router.post(
    "/reports/{int:pk}/submit",
    response={200: ReportDetail, 409: Error, **ERRORS},
    summary="Send a report to the unit that asked for it",
)
def report_submit(request, pk: int, payload: Submit):
    access.require_writing_token(request.api_token)
    report = access.get_report_for_user(request.user, pk, write=True)
    if report.version != payload.version:
        return json_response({"detail": str(services.STALE)}, status=409)
    if not report.is_editable:
        raise ValidationError(_("This report has already been sent."))
    report.submit(request.user)
    report.refresh_from_db()
    return json_response(_report_body(report))
