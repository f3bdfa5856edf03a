from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.documents.downloads import pdf_download
from vstb.lib.pagination import paginate
from vstb.lib.query import query_id, query_year, whole_number
from vstb.lib.search import search_q
from vstb.lib.versioning import save_unless_stale
from vstb.notifications import confirm, handoffs
from vstb.org.models import Agency, Unit
from vstb.plans import rollup, services
from vstb.plans.forms import (
    STALE_PLAN,
    CascadeForm,
    IssueForm,
    PlanForm,
    SectionForm,
    TaskForm,
    TaskStatusForm,
)
from vstb.plans.models import Plan, PlanStatus, Section, Task, TaskStatus

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> int:
    return query_year(request.GET) or timezone.localdate().year


@authenticated
def plan_list(request):
    """One unit's plans of a year, and the issued plans above it that it implements; searched
    by words without diacritics and filtered by status."""
    unit = access.acting_unit(request)
    year = _year(request)
    query, status = request.GET.get("q", ""), request.GET.get("status", "")
    context = {
        "unit": unit,
        "year": year,
        "years": range(year + 1, year - 6, -1),
        "query": query,
        "status": status,
        "statuses": PlanStatus.choices,
    }
    if unit is None:
        context["choices"] = access.units_to_choose(request.user, query)
        return render(request, "plans/plan_list.html", context)
    visible = access.plans_visible_to(request.user).filter(search_q(query, "search_text"))
    plans = visible.filter(unit=unit, year=year).select_related("unit")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    context["page_obj"] = paginate(request, plans)
    context["above"] = (
        visible.filter(unit_id__in=unit.ancestor_ids, year=year).issued().select_related("unit")
    )
    context["can_manage"] = access.can_manage_unit(request.user, unit)
    context["chooses_unit"] = access.chooses_unit(request.user)
    return render(request, "plans/plan_list.html", context)


@authenticated
def plan_create(request, unit_pk):
    unit = access.get_unit_for_user(request.user, unit_pk, write=True)
    signer_lines, signer_name = services.committee_signer(unit)
    plan = Plan(
        unit=unit,
        year=timezone.localdate().year,
        place=unit.place_name,
        issuer_name=unit.peoples_committee.upper(),
        signer_lines=signer_lines,
        signer_name=signer_name,
    )
    plan.symbol = plan.default_symbol()
    form = PlanForm(request.POST or None, instance=plan, initial={"version": 1})
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.created_by = request.user
        plan.save()
        messages.success(request, _("The draft plan has been created. Now write its body."))
        return redirect("plans:edit", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "unit": unit})


@authenticated
def plan_detail(request, pk):
    plan = access.get_plan_for_user(request.user, pk)
    data = services.plan_document(plan)
    tasks = list(
        plan.tasks.select_related("lead", "section")
        .prefetch_related("support", "units")
        .order_by("section__order", "paragraph")
    )
    today = timezone.localdate()
    # Each task's figures hold the work of the lower units implementing it (plans/rollup.py).
    reach = rollup.reach_with_work_below(plan, request.user)
    lower = {row.task.pk: row for row in services.coverage(plan, request.user)}
    for task in tasks:
        task.overdue = plan.status != PlanStatus.DRAFT and task.is_overdue(today)
        task.can_update = access.can_update_task(request.user, task)
        task.reach = reach.get(task.pk)
        task.lower = lower.get(task.pk)
    can_manage = access.can_manage_unit(request.user, plan.unit)
    lower = (
        access.lower_units_user_manages(request.user, plan)
        if plan.status == PlanStatus.ISSUED
        else None
    )
    context = {
        "plan": plan,
        "doc": _document_context(data),
        "tasks": tasks,
        "show_reach": True,
        "can_manage": can_manage,
        "can_edit": can_manage and plan.is_editable,
        "can_issue": can_manage and plan.is_editable,
        # The plan's funding (vstb/budget) is read in its unit's own scope (access/budget.py).
        "reads_funding": access.reads_within_scope(request.user, plan.unit),
        "issue_form": IssueForm(),
        "issue_problems": plan.issue_problems() if plan.is_editable else [],
        "cascade_form": _cascade_form(lower, plan),
        "derived": access.plans_visible_to(request.user)
        .filter(parent_plan=plan)
        .select_related("unit"),
    }
    return render(request, "plans/plan_detail.html", context)


def _document_context(data: dict) -> dict:
    lines, name = layout.signer_lines(data)
    return {
        "issuer": layout.issuer_lines(data),
        "number": layout.number_line(data),
        "place_date": layout.place_date_line(data),
        "title": data["title"],
        "subject": data["subject"],
        "body": layout.body_paragraphs(data),
        "recipients": layout.recipient_lines(data),
        "signer_lines": lines,
        "signer_name": name,
    }


def _cascade_form(lower, plan: Plan) -> CascadeForm | None:
    if lower is None:
        return None
    form = CascadeForm(units=lower, plan=plan)
    return form if form.fields["unit"].queryset.exists() else None


@authenticated
def plan_edit(request, pk):
    """The header form and the body editor of a draft."""
    plan = access.get_plan_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = Plan.objects.select_for_update().get(pk=plan.pk)
            if locked.version != form.cleaned_data["version"]:
                form.add_error(None, STALE_PLAN)
            else:
                plan = form.save(commit=False)
                plan.version = locked.version + 1
                plan.save()
                messages.success(request, _("The plan has been saved."))
                return redirect("plans:edit", pk=plan.pk)
    return render(request, "plans/plan_edit.html", _editor_context(plan, form))


def _editor_context(plan: Plan, form=None) -> dict:
    roots = services.body_tree(plan)
    task_of = {(t.section_id, t.paragraph): t for t in plan.tasks.select_related("lead")}
    rows = []

    def collect(nodes, depth):
        for node in nodes:
            section = node.section
            section.depth = depth
            section.path = node.path
            section.task_list = [t for (sid, _p), t in task_of.items() if sid == section.pk]
            rows.append(section)
            collect(node.children, depth + 1)

    collect(roots, 0)
    warnings = [w for t in task_of.values() for w in t.date_warnings()]
    return {
        "plan": plan,
        "form": form,
        "rows": rows,
        "section_form": SectionForm(),
        "warnings": warnings,
    }


@authenticated
@require_POST
def section_add(request, pk):
    plan = access.get_plan_for_user(request.user, pk, write=True)
    parent = None
    if request.POST.get("parent"):
        parent = Section.objects.filter(plan=plan, pk=request.POST["parent"]).first()
        if parent is None:
            raise Http404
    form = SectionForm(request.POST)
    if form.is_valid():
        services.add_section(plan, parent, **form.cleaned_data)
        messages.success(request, _("The item has been added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("plans:edit", pk=plan.pk)


def _section_for_user(user, pk) -> Section:
    section = Section.objects.select_related("plan").filter(pk=pk).first()
    if section is None:
        raise Http404
    access.get_plan_for_user(user, section.plan_id, write=True)
    return section


@authenticated
def section_edit(request, pk):
    section = _section_for_user(request.user, pk)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        if save_unless_stale(form, form.save) is not None:
            messages.success(request, _("The item has been saved."))
            return redirect("plans:edit", pk=section.plan_id)
    return render(
        request, "plans/section_form.html", {"form": form, "section": section, "plan": section.plan}
    )


@authenticated
@require_POST
def section_move(request, pk):
    section = _section_for_user(request.user, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down", "indent", "outdent"):
        raise Http404
    services.move_section(section, direction)
    return redirect("plans:edit", pk=section.plan_id)


@authenticated
@require_POST
def section_delete(request, pk):
    section = _section_for_user(request.user, pk)
    services.delete_section(section)
    messages.success(request, _("The item and the items under it have been deleted."))
    return redirect("plans:edit", pk=section.plan_id)


@authenticated
def task_edit(request, pk):
    """Make a paragraph of an item a task, or change the task: who, whom, by when."""
    section = _section_for_user(request.user, pk)
    paragraph = whole_number(request.GET.get("paragraph", request.POST.get("paragraph", 0)))
    if paragraph is None or paragraph >= max(1, len(section.paragraphs)):
        raise Http404
    task = Task.objects.filter(section=section, paragraph=paragraph).first() or Task(
        section=section, paragraph=paragraph, plan=section.plan
    )
    form = TaskForm(request.POST or None, instance=task, plan=section.plan)
    if request.method == "POST" and form.is_valid():
        task = form.save()
        for warning in task.date_warnings():
            messages.warning(request, warning)
        messages.success(request, _("The task has been saved."))
        return redirect("plans:edit", pk=section.plan_id)
    return render(
        request,
        "plans/task_form.html",
        {"form": form, "task": task, "plan": section.plan, "paragraph": paragraph},
    )


@authenticated
@require_POST
def plan_issue(request, pk):
    plan = access.get_plan_for_user(request.user, pk, write=True)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("plans:detail", pk=plan.pk)
    if not confirm.confirmed(request) and not plan.issue_problems():
        return confirm.confirmation(
            request,
            heading=_("Issue the plan?"),
            what=_(
                "The plan takes the next number of the register and can no longer be changed. "
                "The lower units and agencies it gives tasks to are notified."
            ),
            audience=handoffs.plan_issue_audience(plan),
            button=_("Issue"),
            back=reverse("plans:detail", args=[plan.pk]),
        )
    try:
        told = plan.issue(
            on=form.cleaned_data["on"], number=form.cleaned_data["number"], by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The plan has been issued as number %(number)s.")
            % {"number": plan.number_and_symbol},
        )
        confirm.warn_nobody(request, told)
    return redirect("plans:detail", pk=plan.pk)


def _filename(plan: Plan, extension: str) -> str:
    return f"{plan.file_stem}.{extension}"


@authenticated
def plan_docx(request, pk):
    plan = access.get_plan_for_user(request.user, pk)
    response = HttpResponse(render_docx(services.plan_document(plan)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "docx")}"'
    return response


@authenticated
def plan_pdf(request, pk):
    """The plan as PDF, or the page that waits while the worker converts it."""
    plan = access.get_plan_for_user(request.user, pk)
    return pdf_download(
        request,
        lambda: services.plan_document(plan),
        filename=_filename(plan, "pdf"),
        title=str(plan),
        back=reverse("plans:detail", args=[plan.pk]),
        docx_url=reverse("plans:docx", args=[plan.pk]),
    )


@authenticated
def my_tasks(request):
    """Tasks the user carries out, the nearest deadline first; searched by the task's words
    or its plan's subject without diacritics, filtered by year, unit, lead agency and status."""
    today = timezone.localdate()
    query, status = request.GET.get("q", ""), request.GET.get("status", "")
    year = query_year(request.GET)
    unit, agency = query_id(request.GET, "unit"), query_id(request.GET, "agency")
    mine = access.tasks_for_user(request.user)
    tasks = mine.filter(search_q(query, "search_text", "plan__search_text"))
    if status in TaskStatus.values:
        tasks = tasks.filter(status=status)
    if year:
        tasks = tasks.filter(plan__year=year)
    if unit:
        tasks = tasks.filter(plan__unit_id=unit)
    if agency:
        tasks = tasks.filter(lead_id=agency)
    page = paginate(
        request,
        tasks.select_related("plan__unit", "section", "lead")
        .prefetch_related("support")
        .order_by("due", "period_end", "plan__unit__name", "pk"),
    )
    for task in page:
        task.overdue = task.is_overdue(today)
        task.can_update = access.can_update_task(request.user, task)
    context = {
        "page_obj": page,
        "query": query,
        "status": status,
        "year": year,
        "unit": unit,
        "agency": agency,
        "statuses": TaskStatus.choices,
        # The filters offer only the units and agencies the user's tasks come from.
        "units": Unit.objects.filter(pk__in=mine.values("plan__unit")).order_by("level", "name"),
        "agencies": Agency.objects.filter(pk__in=mine.values("lead")).order_by("name"),
    }
    return render(request, "plans/my_tasks.html", context)


@authenticated
def task_detail(request, pk):
    task = access.get_task_for_user(request.user, pk)
    can_update = (
        access.can_update_task(request.user, task) and task.plan.status == PlanStatus.ISSUED
    )
    form = TaskStatusForm(request.POST or None, initial={"status": task.status})
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            task.record_status(data["status"], data["note"], data["on"], by=request.user)
            messages.success(request, _("The task's status has been recorded."))
            return redirect("plans:task_detail", pk=task.pk)
    record_unit = next(
        (
            unit
            for unit in [task.plan.unit, *access.lower_units_user_manages(request.user, task.plan)]
            if access.can_record_activity(request.user, unit)
        ),
        None,
    )
    context = {
        "task": task,
        "form": form if can_update else None,
        "activities": access.activities_visible_to(request.user)
        .filter(tasks=task)
        .select_related("unit"),
        "record_unit": record_unit,
        "updates": task.updates.select_related("by"),
        "overdue": task.is_overdue(),
        # Derived tasks at every level below, inside the reader's scope only.
        "rollup": rollup.task_rollup(task, request.user),
        "lower": next(iter(services.coverage(task.plan, request.user, tasks=[task])), None),
    }
    return render(request, "plans/task_detail.html", context)


@authenticated
@require_POST
def plan_cascade(request, pk):
    """A lower unit starts its own draft from this issued plan."""
    parent = access.get_plan_for_user(request.user, pk)
    units = access.lower_units_user_manages(request.user, parent)
    if not units.exists():
        raise PermissionDenied
    form = CascadeForm(request.POST, units=units, plan=parent)
    if not form.is_valid():
        if parent.status == PlanStatus.DRAFT:
            messages.error(
                request,
                _(
                    "The parent plan is still a draft. A lower unit can implement it only after it has been issued."
                ),
            )
        else:
            messages.error(request, _("Choose a lower unit that you manage."))
        return redirect("plans:detail", pk=parent.pk)
    try:
        plan = services.cascade(parent, form.cleaned_data["unit"], request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:detail", pk=parent.pk)
    messages.success(
        request,
        _("A draft implementing the parent plan has been created. Adapt it, then issue it."),
    )
    confirm.warn_nobody(request, getattr(plan, "told", None))
    return redirect("plans:edit", pk=plan.pk)


@authenticated
def plan_coverage(request, pk):
    plan = access.get_plan_for_user(request.user, pk)
    rows = services.coverage(plan, request.user)
    return render(request, "plans/coverage.html", {"plan": plan, "rows": rows})
