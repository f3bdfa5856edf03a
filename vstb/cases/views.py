"""The case register's pages (issue 15). Every page runs in one transaction with the line of
the access log it writes: if the line cannot be written, nothing is shown (503). Pages carry
Cache-Control: no-store, so that a shared office PC keeps no copy of them."""

import logging
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.cases import documents as case_documents
from vstb.cases import exports as case_exports
from vstb.cases import services, statistics
from vstb.cases.catalogue import ProviderKind
from vstb.cases.forms import (
    AnswerForm,
    CaseForm,
    ClosureForm,
    ConsentForm,
    ExportForm,
    FollowUpForm,
    IncidentForm,
    IntakeForm,
    ProtectiveOrderForm,
    ProviderForm,
    ReferralForm,
    SearchForm,
    ServiceForm,
    ShelterForm,
)
from vstb.cases.models import (
    AccessAction,
    AccessEntry,
    Case,
    CaseStatus,
    FollowUp,
    ProtectiveOrder,
    Provider,
    Referral,
    ShelterStay,
)
from vstb.lib.pagination import paginate
from vstb.lib.query import whole_number
from vstb.lib.versioning import save_unless_stale
from vstb.org.models import Level, Unit

logger = logging.getLogger(__name__)

PER_PAGE = 50


def case_page(view):
    """One transaction for the page and its access-log line; no log, no page (503); no copy
    kept by the browser."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
        except DatabaseError:
            # The error's text may quote a value: only its kind is logged.
            logger.error("case page refused: the access log could not be written")
            response = render(request, "cases/unavailable.html", status=503)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def _refused(request: HttpRequest, error: services.CaseRefused) -> None:
    messages.error(request, str(error.args[0]))


def _pk(value: str) -> int:
    number = whole_number(value, minimum=1)
    if number is None:
        raise Http404
    return number


# --------------------------------------------------------------------------- lists


@authenticated
@case_page
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.opens_case_register(user):
        if access.records_cases(user):
            return redirect("cases:new")
        raise Http404
    today = timezone.localdate()
    cases = access.cases_visible_to(user)
    status = request.GET.get("status", "open")
    if status == "open":
        cases = cases.open()
    elif status in (CaseStatus.CLOSING, CaseStatus.CLOSED):
        cases = cases.filter(status=status)
    elif status == "unassigned":
        cases = cases.open().filter(worker__isnull=True)
    elif status == "overdue":
        cases = services.overdue(cases.open(), today)
    form = SearchForm(request.GET)
    term = form.data.get("q", "").strip()
    if term:
        cases = services.matching(cases, term)
    page = paginate(request, services.listed(cases), PER_PAGE)
    if term:
        services.log_list(list(page), AccessAction.SEARCH, services.search_digest(term))
    else:
        services.log_list(list(page), AccessAction.LIST, status[:20])
    return render(
        request,
        "cases/list.html",
        {
            "page_obj": page,
            "form": form,
            "status": status,
            "today": today,
            "supervises": access.supervises_cases(user),
            "statuses": [
                ("open", _("Open")),
                ("unassigned", _("Not assigned")),
                ("overdue", _("Follow-up overdue")),
                (CaseStatus.CLOSING, _("Closure awaiting approval")),
                (CaseStatus.CLOSED, _("Closed")),
            ],
        },
    )


@authenticated
@case_page
def case_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = access.units_to_record_cases(user)
    if not units.exists():
        raise Http404
    trusted = access.only_reports_cases(user)
    form = IntakeForm(request.POST or None, units=units, trusted=trusted)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        if trusted:
            case.channel = "trusted_address"
        for name in ("contact", "address", "informant"):
            setattr(case, name, form.cleaned_data[name])
        services.set_identity(case, form.cleaned_data["full_name"], form.cleaned_data["id_number"])
        worker = user if access.works_cases_at(user, case.unit) else None
        services.open_case(case, user, {} if trusted else form.consents(), worker=worker)
        if trusted:
            return redirect("cases:reported")
        messages.success(request, _("The case has been recorded."))
        return redirect("cases:detail", case.pk)
    return render(request, "cases/new.html", {"form": form, "trusted": trusted})


@authenticated
def case_reported(request: HttpRequest) -> HttpResponse:
    """What a trusted address sees after reporting: thanks, and nothing of the case."""
    if not access.records_cases(request.user):
        raise Http404
    return render(request, "cases/reported.html")


# --------------------------------------------------------------------------- one case


def _detail_context(request: HttpRequest, case: Case, revealed: dict | None = None) -> dict:
    user = request.user
    supervises = access.can_supervise_case(user, case)
    providers = access.providers_for(case)
    incidents = list(case.incidents.select_related("place"))
    follow_ups = list(case.follow_ups.all())
    stays = list(case.shelter_stays.select_related("provider"))
    if revealed is not None:  # the free text too, on the page that reveals
        for row in incidents:
            row.revealed = row.account.reveal()
        for row in follow_ups:
            row.revealed = row.note.reveal()
        for row in stays:
            row.revealed = row.location.reveal()
    return {
        "case": case,
        "revealed": revealed,
        "supervises": supervises,
        "consents": services.consents_of(case),
        "incidents": incidents,
        "referrals": list(case.referrals.select_related("provider")),
        "services_given": list(case.services.all()),
        "follow_ups": follow_ups,
        "orders": list(case.orders.all()),
        "today": timezone.localdate(),
        "workers": access.workers_for(case) if supervises else [],
        "consent_form": ConsentForm(providers=providers),
        "follow_up_form": FollowUpForm(),
        "service_form": ServiceForm(),
        "order_form": ProtectiveOrderForm(),
        "shelter_form": ShelterForm(providers=_shelters(case)),
        "stays": stays,
        "closure_form": ClosureForm(),
    }


@authenticated
@case_page
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk)
    services.log(case, AccessAction.OPEN)
    return render(request, "cases/detail.html", _detail_context(request, case))


@authenticated
@require_POST
@case_page
def case_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The survivor's identity, shown once on this page, the reveal logged."""
    case = access.get_case_for_user(request.user, pk)
    services.log(case, AccessAction.REVEAL, "identity")
    revealed = {
        "full_name": case.full_name.reveal(),
        "id_number": case.id_number.reveal(),
        "contact": case.contact.reveal(),
        "address": case.address.reveal(),
        "informant": case.informant.reveal(),
        "safety_plan": case.safety_plan.reveal(),
    }
    return render(request, "cases/detail.html", _detail_context(request, case, revealed))


@authenticated
@case_page
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk, write=True)
    if request.method == "GET":
        services.log(case, AccessAction.OPEN, "edit")
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("full_name"):
            services.set_identity(case, full_name=form.cleaned_data["full_name"])
        if save_unless_stale(form, form.save) is not None:
            services.log(case, AccessAction.CHANGE, "details")
            messages.success(request, _("Saved."))
            return redirect("cases:detail", case.pk)
    return render(
        request, "cases/form.html", {"form": form, "case": case, "title": _("Edit the case")}
    )


@authenticated
@require_POST
@case_page
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk, write=True)
    form = ConsentForm(request.POST, providers=access.providers_for(case))
    if form.is_valid():
        data = form.cleaned_data
        services.record_consent(
            case, data["scope"], data["given"], request.user, data["legal_basis"], data["providers"]
        )
        messages.success(request, _("The consent has been recorded."))
    else:
        messages.error(request, _("Choose what the consent is for and the answer."))
    return redirect("cases:detail", case.pk)


@authenticated
@case_page
def incident_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk, write=True)
    if request.method == "GET":
        services.log(case, AccessAction.OPEN, "incident_form")
    places = (
        Unit.objects.current()
        .filter(level=Level.COMMUNE)
        .filter(Q(pk=case.unit_id) | Q(parent=case.unit.parent_id))
    )
    form = IncidentForm(request.POST or None, places=places, initial={"place": case.unit_id})
    if request.method == "POST" and form.is_valid():
        incident = form.save(commit=False)
        incident.case = case
        incident.save()
        services.log(case, AccessAction.CHANGE, "incident")
        messages.success(request, _("The incident has been recorded."))
        return redirect("cases:detail", case.pk)
    return render(
        request, "cases/form.html", {"form": form, "case": case, "title": _("Record an incident")}
    )


def _post_form(request, pk, form_class, act, done_message, error_message):
    case = access.get_case_for_user(request.user, pk, write=True)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, error_message)
        return redirect("cases:detail", case.pk)
    try:
        act(case, form.cleaned_data)
    except services.CaseRefused as error:
        _refused(request, error)
    else:
        messages.success(request, done_message)
    return redirect("cases:detail", case.pk)


@authenticated
@require_POST
@case_page
def order_add(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case, data):
        ProtectiveOrder.objects.create(case=case, **data)
        services.log(case, AccessAction.CHANGE, "protective_order")

    return _post_form(
        request, pk, ProtectiveOrderForm, act, _("The protective order has been recorded."),
        _("Give the day the order was issued, and an end that is not before it."),
    )  # fmt: skip


@authenticated
@require_POST
@case_page
def shelter_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk, write=True)
    form = ShelterForm(request.POST, providers=_shelters(case))
    if not form.is_valid():
        messages.error(request, _("Give the first day of the stay, and an end not before it."))
        return redirect("cases:detail", case.pk)
    ShelterStay.objects.create(case=case, **form.cleaned_data)
    services.log(case, AccessAction.CHANGE, "shelter")
    messages.success(request, _("The stay in a shelter has been recorded."))
    return redirect("cases:detail", case.pk)


def _shelters(case: Case):
    return access.providers_for(case).filter(kind=ProviderKind.SHELTER)


@authenticated
@require_POST
@case_page
def service_add(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case, data):
        services.give_service(case, data["measure"], data["given_on"], request.user)

    return _post_form(
        request, pk, ServiceForm, act, _("The support given has been recorded."),
        _("Choose the measure and a day that is not in the future."),
    )  # fmt: skip


@authenticated
@require_POST
@case_page
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case, data):
        services.add_follow_up(case, data["due_on"], data["note"], request.user)

    return _post_form(
        request, pk, FollowUpForm, act, _("The follow-up has been planned."),
        _("Give the day the follow-up is due."),
    )  # fmt: skip


@authenticated
@require_POST
@case_page
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = FollowUp.objects.filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    case = access.get_case_for_user(request.user, follow_up.case_id, write=True)
    try:
        services.complete_follow_up(follow_up, timezone.localdate(), request.POST.get("note", ""))
    except services.CaseRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The follow-up is marked done."))
    return redirect("cases:detail", case.pk)


@authenticated
@require_POST
@case_page
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk, write=True)
    access.require_supervisor(request.user, case)
    worker = (
        access.workers_for(case).filter(pk=whole_number(request.POST.get("worker", ""))).first()
    )
    if worker is None:
        messages.error(request, _("Choose a case worker of this commune."))
    else:
        services.assign(case, worker, request.user)
        messages.success(request, _("The case has been assigned."))
    return redirect("cases:detail", case.pk)


@authenticated
@require_POST
@case_page
def close(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case, data):
        services.request_closure(case, data["reason"], request.user)

    return _post_form(
        request, pk, ClosureForm, act, _("The closure has been sent to a supervisor to approve."),
        _("Choose the reason for closing the case."),
    )  # fmt: skip


@authenticated
@require_POST
@case_page
def closure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk)
    access.require_supervisor(request.user, case)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_closure(case, approve, request.user)
    except services.CaseRefused as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("The case is closed.") if approve else _("The case stays open.")
        )
    return redirect("cases:detail", case.pk)


@authenticated
@require_POST
@case_page
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk)
    access.require_supervisor(request.user, case)
    try:
        services.reopen(case, request.user)
    except services.CaseRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The case has been reopened."))
    return redirect("cases:detail", case.pk)


@authenticated
@case_page
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk)
    access.require_supervisor(request.user, case)
    services.log(case, AccessAction.OPEN, "access_log")
    entries = AccessEntry.objects.filter(case_id=case.pk).order_by("-at", "-pk")
    return render(
        request, "cases/log.html", {"case": case, "page_obj": paginate(request, entries, 100)}
    )


# --------------------------------------------------------------------------- referrals


@authenticated
@case_page
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk, write=True)
    if request.method == "GET":
        services.log(case, AccessAction.OPEN, "referral_form")
    supervises = access.can_supervise_case(request.user, case)
    form = ReferralForm(request.POST or None, providers=access.providers_for(case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.refer(
                case, data["provider"], data["measure"], request.user, note=data["note"],
                share_contact=data["share_contact"], override_reason=data["override_reason"],
                may_override=supervises,
            )  # fmt: skip
        except services.CaseRefused as error:
            form.add_error(None, str(error.args[0]))
        else:
            messages.success(request, _("The referral has been sent."))
            return redirect("cases:detail", case.pk)
    if not supervises:
        del form.fields["override_reason"]
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Refer")})


@authenticated
@require_POST
@case_page
def referral_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    referral = Referral.objects.filter(pk=pk).select_related("case").first()
    if referral is None:
        raise Http404
    case = access.get_case_for_user(request.user, referral.case_id, write=True)
    try:
        services.withdraw_referral(referral, request.user, request.POST.get("reason", ""))
    except services.CaseRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The referral has been withdrawn."))
    return redirect("cases:detail", case.pk)


@authenticated
@case_page
def referral_inbox(request: HttpRequest) -> HttpResponse:
    if not access.receives_referrals(request.user):
        raise Http404
    referrals = access.referrals_for_recipient(request.user).select_related("provider", "case")
    page = paginate(request, referrals.order_by("answer_due", "pk"), PER_PAGE)
    services.log_list([r.case for r in page], AccessAction.LIST, "referrals")
    return render(
        request, "cases/referrals.html", {"page_obj": page, "today": timezone.localdate()}
    )


@authenticated
@case_page
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What the provider sees: the service, the risk, the sex and age band, the note written
    for them, and how to reach the survivor where that is shared; while the referral is open."""
    referral = access.get_referral_for_recipient(request.user, pk)
    services.log(referral.case, AccessAction.REFERRAL, f"opened:{referral.pk}")
    shared = {
        "note": referral.shared_note.reveal(),
        "contact": referral.case.contact.reveal() if referral.share_contact else "",
    }
    return render(
        request,
        "cases/referral.html",
        {"referral": referral, "case": referral.case, "shared": shared, "form": AnswerForm()},
    )


@authenticated
@require_POST
@case_page
def referral_answer(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.get_referral_for_recipient(request.user, pk)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise services.CaseRefused(_("Choose what to answer."))
        services.answer_referral(
            referral, form.cleaned_data["move"], request.user, form.cleaned_data["reason"]
        )
    except services.CaseRefused as error:
        _refused(request, error)
        return redirect("cases:referral", referral.pk)
    messages.success(request, _("Your answer has been sent to the case worker."))
    return redirect("cases:referrals")


# --------------------------------------------------------------------------- directory


@authenticated
def provider_list(request: HttpRequest) -> HttpResponse:
    if not access.opens_case_register(request.user):
        raise Http404
    providers = access.providers_visible_to(request.user).select_related("unit")
    return render(
        request,
        "cases/providers.html",
        {
            "page_obj": paginate(request, providers.order_by("unit__level", "kind", "name")),
            "manages": access.supervises_cases(request.user),
        },
    )


@authenticated
def provider_add(request: HttpRequest) -> HttpResponse:
    if not access.supervises_cases(request.user):
        raise Http404
    return _provider_form(request, Provider())


@authenticated
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = access.get_provider_for_user(request.user, pk, write=True)
    return _provider_form(request, provider)


def _provider_form(request: HttpRequest, provider: Provider) -> HttpResponse:
    form = ProviderForm(
        request.POST or None,
        instance=provider,
        units=access.units_supervised(request.user),
        people=access.referral_recipients_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("cases:providers")
    title = _("Edit the provider") if provider.pk else _("Add a provider")
    return render(request, "cases/form.html", {"form": form, "title": title})


# --------------------------------------------------------------------------- figures


@authenticated
def case_figures(request: HttpRequest) -> HttpResponse:
    """Anonymised figures of a unit's communes for a year: whoever reads the unit (the
    secretariats included), suppressed above the commune."""
    user = request.user
    wanted = request.GET.get("unit", "")
    if wanted:
        unit = access.get_figures_unit_for_user(user, _pk(wanted))
    else:
        unit = access.case_figure_units(user).first()
        if unit is None:
            raise Http404
    today = timezone.localdate()
    year = whole_number(request.GET.get("year", ""), minimum=2000, maximum=today.year) or today.year
    start, end = (
        today.replace(year=year, month=1, day=1),
        today.replace(year=year, month=12, day=31),
    )
    if unit.level == Level.COMMUNE:
        communes = [unit]
    else:
        communes = list(
            Unit.objects.valid_on(end)
            .filter(path__under=unit.path, level=Level.COMMUNE)
            .order_by("name")
        )
    table = statistics.form_table(communes, start, end, suppress=unit.level != Level.COMMUNE)
    counts = statistics.report_counts(communes, start, end)
    if unit.level != Level.COMMUNE:
        counts = {
            key: value if value == 0 or value >= settings.VSTB_CASE_MIN_CELL else None
            for key, value in counts.items()
        }
    return render(
        request,
        "cases/figures.html",
        {
            "unit": unit,
            "year": year,
            "table": table,
            "counts": counts,
            "minimum": settings.VSTB_CASE_MIN_CELL,
        },
    )


# --------------------------------------------------------------------------- exports


@authenticated
@case_page
def exports(request: HttpRequest) -> HttpResponse:
    """Ask for an export of one's cases; the passphrase is on the answer to that POST only."""
    user = request.user
    if not access.opens_case_register(user):
        raise Http404
    form = ExportForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        cases = access.cases_visible_to(user)
        status = form.cleaned_data["status"]
        if status == "open":
            cases = cases.open()
        elif status:
            cases = cases.filter(status=status)
        try:
            created, secret = case_exports.request_export(
                user, cases, form.cleaned_data["identifiable"], form.cleaned_data["reason"]
            )
        except services.CaseRefused as error:
            form.add_error(None, str(error.args[0]))
    listed = access.exports_visible_to(user).select_related("requested_by")
    return render(
        request,
        "cases/exports.html",
        {
            "form": form,
            "created": created,
            "secret": secret,
            "page_obj": paginate(request, listed),
            "now": timezone.now(),
        },
    )


@authenticated
@require_POST
@case_page
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = access.get_export_for_user(request.user, pk)
    try:
        content = case_exports.take(export)
    except services.CaseRefused as error:
        _refused(request, error)
        return redirect("cases:exports")
    services.log(None, AccessAction.EXPORT, f"downloaded:{export.pk}")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = export.requested_at.strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="vu-viec-{stamp}.xlsx"'
    return response


@authenticated
@require_POST
@case_page
def export_decide(request: HttpRequest, pk: int) -> HttpResponse:
    export = access.get_export_for_user(request.user, pk, decide=True)
    approve = request.POST.get("decision") == "approve"
    try:
        case_exports.decide(export, approve, request.user)
    except services.CaseRefused as error:
        _refused(request, error)
    else:
        services.log(
            None, AccessAction.EXPORT, f"{'approved' if approve else 'refused'}:{export.pk}"
        )
        messages.success(
            request,
            _("The export has been approved.") if approve else _("The export has been refused."),
        )
    return redirect("cases:exports")


# --------------------------------------------------------------------------- documents

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


@authenticated
@case_page
def receipt_docx(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, pk)
    services.log(case, AccessAction.PRINT, "receipt")
    return _docx(case_documents.receipt(case), f"bien-ban-tiep-nhan-{case.code}")


@authenticated
@case_page
def referral_docx(request: HttpRequest, pk: int) -> HttpResponse:
    referral = Referral.objects.filter(pk=pk).select_related("provider").first()
    if referral is None:
        raise Http404
    referral.case = access.get_case_for_user(request.user, referral.case_id)
    services.log(referral.case, AccessAction.PRINT, f"referral_slip:{referral.pk}")
    return _docx(case_documents.referral_slip(referral), f"phieu-chuyen-{referral.case.code}")
