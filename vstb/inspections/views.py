from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.inspections import services
from vstb.inspections.forms import (
    FindingEvidenceForm,
    PlanForm,
    RecommendationForm,
    ReportForm,
    ReviewForm,
    TargetForm,
    TeamMemberForm,
    VisitForm,
)
from vstb.inspections.models import (
    DEFAULT_CRITERIA,
    TO_ACT,
    Finding,
    InspectionPlan,
    RecommendationStatus,
    Visit,
)
from vstb.inspections.suggestions import suggest_targets
from vstb.issuing.models import DocumentStatus
from vstb.issuing.views import open_draft
from vstb.lib.files import safe_filename
from vstb.lib.pagination import paginate
from vstb.lib.search import search_q


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# Plans ----------------------------------------------------------------------------------------


@authenticated
def plan_list(request, unit_pk):
    """A unit's inspection plans, the latest first, searched by title."""
    unit = access.get_inspections_unit_for_user(request.user, unit_pk)
    query = request.GET.get("q", "")
    plans = (
        access.inspection_plans_visible_to(request.user)
        .filter(unit=unit)
        .filter(search_q(query, "search_text"))
        .annotate(target_count=Count("targets", distinct=True))
        .order_by("-period_start", "-pk")
    )
    context = {
        "unit": unit,
        "query": query,
        "page_obj": paginate(request, plans),
        "can_set_up": access.can_set_up_inspections(request.user, unit),
    }
    return render(request, "inspections/plan_list.html", context)


@authenticated
def plan_create(request, unit_pk):
    unit = access.get_inspections_unit_for_user(request.user, unit_pk, write=True)
    form = PlanForm(
        request.POST or None, instance=InspectionPlan(), unit=unit, criteria=DEFAULT_CRITERIA
    )
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(
            form.save(commit=False), form.cleaned_data["criteria"], by=request.user
        )
        messages.success(
            request,
            _("The inspection plan has been created. Choose its targets from the suggestions."),
        )
        return redirect("inspections:suggestions", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "unit": unit})


@authenticated
def plan_edit(request, pk):
    plan = access.get_inspection_plan_for_user(request.user, pk, write=True)
    criteria = [c.text for c in plan.criteria.all()]
    form = PlanForm(request.POST or None, instance=plan, unit=plan.unit, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in ("title", "period_start", "period_end", "purpose")
        }
        try:
            services.update_plan(
                plan, fields, form.cleaned_data["criteria"], form.cleaned_data["version"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The inspection plan has been saved."))
            return redirect("inspections:detail", pk=plan.pk)
    context = {"form": form, "unit": plan.unit, "plan": plan}
    return render(request, "inspections/plan_form.html", context)


@authenticated
def plan_detail(request, pk):
    plan = access.get_inspection_plan_for_user(request.user, pk)
    can_set_up = access.can_set_up_inspections(request.user, plan.unit) and plan.is_draft
    targets = list(
        plan.targets.select_related("unit", "agency", "visit__conclusions").annotate(
            not_done=Count(
                "visit__recommendations",
                filter=~Q(visit__recommendations__status=RecommendationStatus.ACCEPTED),
            )
        )
    )
    context = {
        "plan": plan,
        "unit": plan.unit,
        "criteria": list(plan.criteria.all()),
        "targets": targets,
        "team": list(plan.team.select_related("membership__agency")),
        "can_set_up": can_set_up,
        "can_issue": access.can_set_up_inspections(request.user, plan.unit),
        "team_form": TeamMemberForm(plan=plan) if can_set_up else None,
    }
    return render(request, "inspections/plan_detail.html", context)


@authenticated
def plan_suggestions(request, pk):
    """The lower units and member agencies ranked from the data, each with why; those who
    set the plan up add them as targets."""
    plan = access.get_inspection_plan_for_user(request.user, pk)
    as_of = min(timezone.localdate(), plan.period_start)
    chosen = {target.key for target in plan.targets.all()}
    suggestions = [s for s in suggest_targets(plan.unit, as_of) if s.key not in chosen]
    context = {
        "plan": plan,
        "unit": plan.unit,
        "as_of": as_of,
        # A province's thousands of communes, a page at a time: the reasons' sentences are
        # written for the rows shown only.
        "page_obj": paginate(request, suggestions),
        "can_set_up": access.can_set_up_inspections(request.user, plan.unit) and plan.is_draft,
    }
    return render(request, "inspections/suggestions.html", context)


@authenticated
@require_POST
def target_add(request, pk):
    plan = access.get_inspection_plan_for_user(request.user, pk, write=True)
    form = TargetForm(request.POST, plan=plan)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("inspections:suggestions", pk=plan.pk)
    try:
        target = services.add_target(
            plan,
            planned_on=form.cleaned_data["planned_on"],
            reasons=form.reasons(),
            **form.cleaned_data["key"],
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect("inspections:suggestions", pk=plan.pk)
    messages.success(request, _("%(name)s has been added to the plan.") % {"name": target.name})
    return redirect("inspections:suggestions", pk=plan.pk)


@authenticated
@require_POST
def target_delete(request, pk):
    target = access.get_inspection_target_for_user(request.user, pk)
    try:
        services.remove_target(target)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The target has been removed from the plan."))
    return redirect("inspections:detail", pk=target.plan_id)


@authenticated
@require_POST
def team_add(request, pk):
    plan = access.get_inspection_plan_for_user(request.user, pk, write=True)
    form = TeamMemberForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, _("Choose a member of the committee and their role on the team."))
        return redirect("inspections:detail", pk=plan.pk)
    try:
        services.add_team_member(plan, form.cleaned_data["membership"], form.cleaned_data["role"])
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The member has been added to the team."))
    return redirect("inspections:detail", pk=plan.pk)


@authenticated
@require_POST
def team_delete(request, pk):
    member = access.get_team_member_for_user(request.user, pk)
    try:
        services.remove_team_member(member)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The member has been removed from the team."))
    return redirect("inspections:detail", pk=member.plan_id)


@authenticated
@require_POST
def plan_document(request, pk):
    plan = access.get_inspection_plan_for_user(request.user, pk, write=True)
    return open_draft(request, services.draft_plan_document, plan, "inspections:detail")


@authenticated
@require_POST
def team_decision(request, pk):
    plan = access.get_inspection_plan_for_user(request.user, pk, write=True)
    return open_draft(request, services.draft_team_decision, plan, "inspections:detail")


@authenticated
@require_POST
def plan_close(request, pk):
    plan = access.get_inspection_plan_for_user(request.user, pk, write=True)
    try:
        services.close_plan(plan)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The inspection plan is closed: every recommendation is done."))
    return redirect("inspections:detail", pk=plan.pk)


# Visits ---------------------------------------------------------------------------------------


def _conclusions_issued(visit: Visit) -> bool:
    return visit.conclusions_id is not None and visit.conclusions.status != DocumentStatus.DRAFT  # type: ignore[union-attr]


@authenticated
def visit_detail(request, pk):
    visit = access.get_visit_for_user(request.user, pk)
    return _visit_page(request, visit)


def _visit_page(request, visit: Visit, **forms):
    """The visit: its findings with their evidence and its recommendations; for the team,
    the forms to record them (bound ones when sent back with errors)."""
    plan = visit.target.plan
    can_inspect = access.can_inspect(request.user, plan)
    recording = can_inspect and not plan.is_draft and not _conclusions_issued(visit)
    criteria = list(plan.criteria.all())
    findings = {f.criterion_id: f for f in visit.findings.prefetch_related("evidence").all()}
    recommendations = access.recommendations_visible_to(request.user).filter(visit=visit)
    units, agencies = services.addressees_for(visit) if recording else ([], [])
    context = {
        "visit": visit,
        "plan": plan,
        "unit": plan.unit,
        "rows": [(c, findings.get(c.pk)) for c in criteria],
        "recommendations": recommendations.select_related("addressee_unit", "addressee_agency"),
        "can_inspect": can_inspect,
        "reads_plan": can_inspect or access.reads_inspection_plan(request.user, plan),
        "recording": recording,
        "conclusions_issued": _conclusions_issued(visit),
        "visit_form": forms.get("visit_form")
        or (VisitForm(visit=visit, criteria=criteria) if recording else None),
        "recommendation_form": forms.get("recommendation_form")
        or (RecommendationForm(visit=visit, units=units, agencies=agencies) if recording else None),
        "evidence_form": FindingEvidenceForm(auto_id=False) if recording else None,
    }
    return render(request, "inspections/visit_detail.html", context)


@authenticated
@require_POST
def visit_record(request, pk):
    visit = access.get_visit_for_user(request.user, pk, write=True)
    form = VisitForm(request.POST, visit=visit, criteria=visit.target.plan.criteria.all())
    if form.is_valid():
        try:
            services.record_visit(
                visit,
                form.cleaned_data["visited_on"],
                form.cleaned_data["summary"],
                form.findings(),
                form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The findings have been saved."))
            return redirect("inspections:visit", pk=visit.pk)
    return _visit_page(request, visit, visit_form=form)


@authenticated
@require_POST
def finding_evidence_upload(request, pk):
    visit = access.get_visit_for_user(request.user, pk, write=True)
    finding = Finding.objects.filter(
        visit=visit, criterion_id=_number(request.POST.get("criterion"))
    ).first()
    if finding is None:
        messages.error(
            request, _("Save a result for this criterion first, then attach its evidence.")
        )
        return redirect("inspections:visit", pk=visit.pk)
    form = FindingEvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("inspections:visit", pk=visit.pk)
    finding.visit = visit
    try:
        services.attach_finding_evidence(finding, form.cleaned_data["file"], by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The file has been attached."))
    return redirect("inspections:visit", pk=visit.pk)


def _number(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 12 else None


@authenticated
def finding_evidence_download(request, pk):
    evidence = access.get_finding_evidence_for_user(request.user, pk)
    return _download(evidence)


@authenticated
@require_POST
def finding_evidence_delete(request, pk):
    evidence = access.get_finding_evidence_for_user(request.user, pk, write=True)
    visit_id = evidence.finding.visit_id
    try:
        services.remove_finding_evidence(evidence)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The file has been removed."))
    return redirect("inspections:visit", pk=visit_id)


def _download(evidence):
    # Photos open in the browser; documents are saved, never opened in VSTB's origin.
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=not evidence.content_type.startswith("image/"),
        filename=safe_filename(evidence.original_name, evidence.file.name.rsplit(".", 1)[-1]),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@authenticated
@require_POST
def recommendation_add(request, pk):
    visit = access.get_visit_for_user(request.user, pk, write=True)
    units, agencies = services.addressees_for(visit)
    form = RecommendationForm(request.POST, visit=visit, units=units, agencies=agencies)
    if form.is_valid():
        try:
            services.add_recommendation(visit, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "The recommendation has been recorded. It opens when the conclusions are issued."
                ),
            )
            return redirect("inspections:visit", pk=visit.pk)
    return _visit_page(request, visit, recommendation_form=form)


@authenticated
@require_POST
def visit_conclusions(request, pk):
    visit = access.get_visit_for_user(request.user, pk, write=True)
    return open_draft(request, services.draft_conclusions, visit, "inspections:visit")


# Recommendations ------------------------------------------------------------------------------


@authenticated
def recommendation_list(request):
    """The recommendations the user reads, those still to act on first; searched by text,
    addressee or inspected unit, filtered by status."""
    query = request.GET.get("q", "")
    status = request.GET.get("status", "")
    recommendations = (
        access.recommendations_visible_to(request.user)
        .exclude(status=RecommendationStatus.PENDING)
        .filter(search_q(query, "search_text"))
        .select_related("addressee_unit", "addressee_agency", "visit__target__plan__unit")
        .order_by("deadline", "pk")
    )
    if status in RecommendationStatus.values:
        recommendations = recommendations.filter(status=status)
    elif status == "to_act":
        recommendations = recommendations.filter(status__in=TO_ACT)
    context = {
        "query": query,
        "status": status,
        "statuses": [
            ("to_act", _("To act on")),
            *[(v, label) for v, label in RecommendationStatus.choices if v != "pending"],
        ],
        "page_obj": paginate(request, recommendations),
        "today": timezone.localdate(),
    }
    return render(request, "inspections/recommendation_list.html", context)


@authenticated
def recommendation_detail(request, pk):
    recommendation = access.get_recommendation_for_user(request.user, pk)
    return _recommendation_page(request, recommendation)


def _recommendation_page(request, recommendation, **forms):
    plan = recommendation.visit.target.plan
    can_report = access.can_report_on(request.user, recommendation)
    can_review = recommendation.awaits_team and access.can_inspect(request.user, plan)
    context = {
        "recommendation": recommendation,
        "visit": recommendation.visit,
        "plan": plan,
        "responses": recommendation.responses.prefetch_related("evidence").order_by("reported_at"),
        "can_report": can_report,
        "can_review": can_review,
        "can_remove": recommendation.status == RecommendationStatus.PENDING
        and access.can_inspect(request.user, plan),
        "report_form": forms.get("report_form")
        or (ReportForm(initial={"version": recommendation.version}) if can_report else None),
        "review_form": forms.get("review_form")
        or (ReviewForm(initial={"version": recommendation.version}) if can_review else None),
        "today": timezone.localdate(),
    }
    return render(request, "inspections/recommendation_detail.html", context)


@authenticated
@require_POST
def recommendation_report(request, pk):
    recommendation = access.get_recommendation_for_user(request.user, pk, action="report")
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        uploads = [form.cleaned_data["file"]] if form.cleaned_data["file"] else []
        try:
            services.report_on(
                recommendation,
                form.cleaned_data["text"],
                uploads,
                form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your report has been sent to the inspection team for review.")
            )
            return redirect("inspections:recommendation", pk=recommendation.pk)
    recommendation.refresh_from_db()
    return _recommendation_page(request, recommendation, report_form=form)


@authenticated
@require_POST
def recommendation_review(request, pk):
    recommendation = access.get_recommendation_for_user(request.user, pk, action="inspect")
    form = ReviewForm(request.POST)
    if form.is_valid():
        version = form.cleaned_data["version"]
        try:
            if form.cleaned_data["decision"] == "accept":
                services.accept(recommendation, version, by=request.user)
                done = _("The report has been accepted: the recommendation is done.")
            else:
                services.send_back(
                    recommendation, form.cleaned_data["reason"], version, by=request.user
                )
                done = _("The report has been returned to the addressee with your reason.")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("inspections:recommendation", pk=recommendation.pk)
    recommendation.refresh_from_db()
    return _recommendation_page(request, recommendation, review_form=form)


@authenticated
@require_POST
def recommendation_delete(request, pk):
    recommendation = access.get_recommendation_for_user(request.user, pk, action="inspect")
    visit_id = recommendation.visit_id
    try:
        services.remove_recommendation(recommendation)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The recommendation has been removed."))
    return redirect("inspections:visit", pk=visit_id)


@authenticated
def response_evidence_download(request, pk):
    evidence = access.get_response_evidence_for_user(request.user, pk)
    return _download(evidence)
