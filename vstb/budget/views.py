"""A plan's estimate and spending, and a unit's plans with both (vstb/budget)."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.budget import services, spreadsheets
from vstb.budget.forms import ApproveForm, ImportForm, LineForm, LinkForm, ReopenForm
from vstb.budget.items import REGULATION, REGULATION_CONFIRMED
from vstb.budget.models import Allocation
from vstb.lib.files import XLSX
from vstb.lib.pagination import paginate
from vstb.lib.versioning import save_unless_stale


@authenticated
def estimate_list(request):
    """Every estimate the user reads, newest plans first, searched by the plan's subject,
    number and symbol and the unit's name."""
    query = request.GET.get("q", "").strip()
    estimates = services.search_estimates(access.estimates_visible_to(request.user), query)
    # Issued plans newest first, then drafts, on every database (as unit_plans).
    newest = F("plan__issued_on").desc(nulls_last=True)
    ordered = estimates.select_related("plan__unit").order_by("-plan__year", newest, "-pk")
    page_obj = paginate(request, ordered)
    plans = [found.plan for found in page_obj.object_list]
    context = {"page_obj": page_obj, "query": query, "rows": services.funding_of_plans(plans)}
    return render(request, "budget/estimate_list.html", context)


@authenticated
def unit_plans(request, unit_pk):
    """A unit's plans, newest first, each with its estimate and what has been spent."""
    unit = access.get_budget_unit_for_user(request.user, unit_pk)
    plans = access.budget_plans_visible_to(request.user).filter(unit=unit)
    # Issued plans newest first, then drafts, on every database (PostgreSQL sorts NULLs first
    # in a descending order, SQLite last).
    newest = F("issued_on").desc(nulls_last=True)
    page_obj = paginate(request, plans.order_by("-year", newest, "-pk"))
    context = {
        "unit": unit,
        "page_obj": page_obj,
        "rows": services.funding_of_plans(page_obj.object_list),
    }
    return render(request, "budget/unit_plans.html", context)


@authenticated
def estimate(request, plan_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk)
    return _estimate_page(request, plan)


def _estimate_page(request, plan, line_form=None):
    found = services.estimate_of(plan)
    can_change = access.can_change_budget(request.user, plan)
    writing = can_change and (found is None or found.is_draft)
    context = {
        "plan": plan,
        "estimate": found,
        "ledger": services.ledger(found) if found else None,
        "can_change": can_change,
        "writing": writing,
        "line_form": line_form or (LineForm(plan=plan) if writing else None),
        "reopen_form": ReopenForm(initial={"version": found.version})
        if can_change and found and not found.is_draft
        else None,
        "reopenings": found.reopenings.select_related("reopened_by") if found else [],
        "regulation": REGULATION,
        "regulation_confirmed": REGULATION_CONFIRMED,
    }
    return render(request, "budget/estimate.html", context)


@authenticated
@require_POST
def line_add(request, plan_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk, write=True)
    form = LineForm(request.POST, plan=plan)
    if not form.is_valid():
        return _estimate_page(request, plan, line_form=form)
    try:
        services.add_line(services.open_estimate(plan), form.instance)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The line has been added to the estimate."))
    return redirect("budget:estimate", plan_pk=plan.pk)


@authenticated
def line_edit(request, pk):
    line = access.get_estimate_line_for_user(request.user, pk, write=True)
    plan = line.estimate.plan
    if not line.estimate.is_draft:
        messages.error(request, services.APPROVED)
        return redirect("budget:estimate", plan_pk=plan.pk)
    form = LineForm(request.POST or None, instance=line, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_unless_stale(form, lambda: services.save_line(form))
        except ValidationError as error:  # approved meanwhile
            messages.error(request, " ".join(error.messages))
            return redirect("budget:estimate", plan_pk=plan.pk)
        if saved is not None:
            messages.success(request, _("The line has been saved."))
            return redirect("budget:estimate", plan_pk=plan.pk)
    return render(request, "budget/line_form.html", {"form": form, "line": line, "plan": plan})


@authenticated
@require_POST
def line_delete(request, pk):
    line = access.get_estimate_line_for_user(request.user, pk, write=True)
    try:
        services.delete_line(line)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The line has been removed."))
    return redirect("budget:estimate", plan_pk=line.estimate.plan_id)


@authenticated
@require_POST
def approve(request, plan_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk, write=True)
    found = services.estimate_of(plan)
    form = ApproveForm(request.POST)
    if found is None or not form.is_valid():
        messages.error(request, _("Add at least one line to the estimate before approving it."))
        return redirect("budget:estimate", plan_pk=plan.pk)
    try:
        services.approve(found, form.cleaned_data["version"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The estimate has been approved. Its figures now fill the plan's funding part."),
        )
    return redirect("budget:estimate", plan_pk=plan.pk)


@authenticated
@require_POST
def reopen(request, plan_pk):
    """An approved estimate back to draft, with the reason; the issued plan keeps its text."""
    plan = access.get_budget_plan_for_user(request.user, plan_pk, write=True)
    found = services.estimate_of(plan)
    form = ReopenForm(request.POST)
    if found is None or not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, error)
        return redirect("budget:estimate", plan_pk=plan.pk)
    try:
        services.reopen(
            found, form.cleaned_data["version"], form.cleaned_data["reason"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The estimate is a draft again: change its lines, then approve it. The issued "
                "plan's document keeps the figures it was issued with."
            ),
        )
    return redirect("budget:estimate", plan_pk=plan.pk)


@authenticated
def spending(request, plan_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk)
    return _spending_page(request, plan)


def _spending_page(request, plan, link_form=None):
    found = services.estimate_of(plan)
    can_change = access.can_change_budget(request.user, plan)
    context = {
        "plan": plan,
        "estimate": found,
        "ledger": services.ledger(found) if found else None,
        "can_change": can_change,
        "link_form": link_form
        or (LinkForm(estimate=found) if can_change and found is not None else None),
    }
    return render(request, "budget/spending.html", context)


@authenticated
@require_POST
def link(request, plan_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk, write=True)
    found = services.estimate_of(plan)
    if found is None:
        messages.error(request, _("Enter the plan's estimate first, then link its activities."))
        return redirect("budget:estimate", plan_pk=plan.pk)
    form = LinkForm(request.POST, estimate=found)
    if not form.is_valid():
        return _spending_page(request, plan, link_form=form)
    try:
        services.link(form.cleaned_data["line"], form.cleaned_data["activity"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The activity's cost is now spent on the line."))
    return redirect("budget:spending", plan_pk=plan.pk)


@authenticated
@require_POST
def unlink(request, plan_pk, activity_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk, write=True)
    allocation = Allocation.objects.filter(
        activity_id=activity_pk, line__estimate__plan=plan
    ).first()
    if allocation is not None:
        services.unlink(allocation)
        messages.success(request, _("The activity's cost is no longer spent on this plan."))
    return redirect("budget:spending", plan_pk=plan.pk)


@authenticated
def export(request, plan_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk)
    found = services.estimate_of(plan)
    if found is None:
        messages.error(request, _("This plan has no estimate yet."))
        return redirect("budget:estimate", plan_pk=plan.pk)
    return FileResponse(
        io.BytesIO(spreadsheets.export_workbook(found)),
        content_type=XLSX,
        as_attachment=True,
        filename=f"du-toan-{plan.file_stem}.xlsx",
    )


@authenticated
def import_xlsx(request, plan_pk):
    plan = access.get_budget_plan_for_user(request.user, plan_pk, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            count = spreadsheets.import_workbook(
                form.cleaned_data["file"], services.open_estimate(plan)
            )
        except spreadsheets.Refused as refused:
            problems = refused.problems
        else:
            messages.success(
                request,
                ngettext(
                    "The estimate now has %(count)s line, as in the file.",
                    "The estimate now has %(count)s lines, as in the file.",
                    count,
                )
                % {"count": count},
            )
            return redirect("budget:estimate", plan_pk=plan.pk)
    context = {"plan": plan, "form": form, "problems": problems}
    return render(request, "budget/import.html", context)
