import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.leaders import services, spreadsheets
from vstb.leaders.forms import AppointForm, CandidateForm, ImportForm, RemoveForm
from vstb.leaders.models import Candidate, CandidateStatus
from vstb.lib.files import XLSX
from vstb.lib.pagination import paginate
from vstb.lib.query import query_year, whole_number
from vstb.lib.search import search_q
from vstb.lib.versioning import save_unless_stale


@authenticated
def index(request):
    """The units whose pipeline the user keeps."""
    return render(request, "leaders/index.html", {"units": access.leader_units_of(request.user)})


@authenticated
def candidate_list(request, unit_pk):
    unit = access.get_leaders_unit_for_user(request.user, unit_pk)
    year = query_year(request.GET) or timezone.localdate().year
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    candidates = Candidate.objects.filter(unit=unit).select_related("planned_agency")
    if status in CandidateStatus.values:
        candidates = candidates.filter(status=status)
    if query:
        candidates = candidates.filter(search_q(query, "search_text"))
    total, rows = services.rollup(unit, year)
    context = {
        "unit": unit,
        "year": year,
        "years": range(year + 1, year - 6, -1),
        "query": query,
        "status": status,
        "statuses": CandidateStatus.choices,
        "page_obj": paginate(request, candidates),
        "shares": total,
        "rows": rows,
        "can_change": access.changes_candidates_of(request.user, unit),
    }
    return render(request, "leaders/candidate_list.html", context)


@authenticated
def candidate_add(request, unit_pk):
    unit = access.get_leaders_unit_for_user(request.user, unit_pk, write=True)
    form = CandidateForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        candidate = form.save(commit=False)
        services.add_candidate(candidate, form.cleaned_data["trainings"], by=request.user)
        messages.success(request, _("The candidate has been added to the planning list."))
        return redirect("leaders:detail", pk=candidate.pk)
    return render(request, "leaders/candidate_form.html", {"form": form, "unit": unit})


@authenticated
def candidate_detail(request, pk):
    candidate = access.get_candidate_for_user(request.user, pk)
    can_change = access.changes_candidates_of(request.user, candidate.unit)
    writing = can_change and candidate.in_planning
    context = {
        "candidate": candidate,
        "unit": candidate.unit,
        "trainings": candidate.trainings.select_related("unit").order_by("start"),
        "can_change": can_change,
        "appoint_form": AppointForm(initial={"version": candidate.version}) if writing else None,
        "remove_form": RemoveForm(initial={"version": candidate.version}) if writing else None,
    }
    return render(request, "leaders/candidate_detail.html", context)


@authenticated
def candidate_edit(request, pk):
    candidate = access.get_candidate_for_user(request.user, pk, write=True)
    form = CandidateForm(request.POST or None, instance=candidate, unit=candidate.unit)
    if request.method == "POST" and form.is_valid():
        if save_unless_stale(form, form.save) is not None:
            messages.success(request, _("The candidate's details have been saved."))
            return redirect("leaders:detail", pk=candidate.pk)
    return render(
        request,
        "leaders/candidate_form.html",
        {"form": form, "unit": candidate.unit, "candidate": candidate},
    )


@authenticated
def candidate_appoint(request, pk):
    candidate = access.get_candidate_for_user(request.user, pk, write=True)
    form = AppointForm(request.POST or None, initial={"version": candidate.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appoint(
                candidate,
                data["appointed_on"],
                data["version"],
                record_position=data["record_position"],
                title=data["title"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The appointment has been recorded."))
            return redirect("leaders:detail", pk=candidate.pk)
    return render(request, "leaders/appoint_form.html", {"form": form, "candidate": candidate})


@authenticated
@require_POST
def candidate_remove(request, pk):
    candidate = access.get_candidate_for_user(request.user, pk, write=True)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("leaders:detail", pk=candidate.pk)
    try:
        services.remove_from_planning(
            candidate, form.cleaned_data["removed_on"], form.cleaned_data["version"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The candidate has been removed from planning."))
    return redirect("leaders:detail", pk=candidate.pk)


@authenticated
def review(request, unit_pk):
    """The committee's yearly review of the unit's pipeline."""
    unit = access.get_leaders_unit_for_user(request.user, unit_pk)
    year = query_year(request.GET) or timezone.localdate().year
    context = {
        "unit": unit,
        "year": year,
        "years": range(year + 1, year - 6, -1),
        "review": services.review(unit, year),
        "can_change": access.changes_candidates_of(request.user, unit),
    }
    return render(request, "leaders/review.html", context)


def _posted_year(request) -> int:
    return query_year(request.POST) or timezone.localdate().year


@authenticated
@require_POST
def proposals(request, unit_pk):
    """The women in planning the committee proposes (named in its review report)."""
    unit = access.get_leaders_unit_for_user(request.user, unit_pk, write=True)
    year = _posted_year(request)
    chosen = {pk for pk in map(whole_number, request.POST.getlist("proposed")) if pk}
    # "pk:version" of each woman the page showed: a change since is refused.
    versions = {}
    for pair in request.POST.getlist("versions"):
        pk, _sep, version = (whole_number(part) for part in pair.partition(":"))
        if pk and version is not None:
            versions[pk] = version
    try:
        services.set_proposed(unit, year, chosen, versions)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The women proposed by the committee have been saved."))
    return redirect(f"{reverse('leaders:review', args=[unit.pk])}?year={year}#proposed")


@authenticated
@require_POST
def review_report(request, unit_pk):
    """Draft the review report (or open the draft already started) in the documents."""
    unit = access.get_leaders_unit_for_user(request.user, unit_pk, write=True)
    document = services.draft_report(unit, _posted_year(request), by=request.user)
    messages.success(
        request,
        _(
            "The review report is drafted from the planning list. Check it, download it if you need, then issue it."
        ),
    )
    return redirect("issuing:detail", pk=document.pk)


@authenticated
@require_POST
def record_indicators(request, unit_pk):
    unit = access.get_leaders_unit_for_user(request.user, unit_pk, write=True)
    year = _posted_year(request)
    counts, _result = services.record_indicators(unit, year, request.user)
    messages.success(
        request,
        _(
            "The key leaders of %(year)s have been written into the unit's figures: %(bodies)s bodies, %(with_woman)s with a woman among their key leaders."
        )
        % {"year": year, "bodies": counts.bodies, "with_woman": counts.bodies_with_woman},
    )
    return redirect(f"{reverse('leaders:review', args=[unit.pk])}?year={year}")


def _xlsx(content: bytes, filename: str) -> FileResponse:
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=XLSX
    )


@authenticated
def export(request, unit_pk):
    unit = access.get_leaders_unit_for_user(request.user, unit_pk)
    candidates = Candidate.objects.filter(unit=unit).order_by("full_name", "pk")
    return _xlsx(spreadsheets.export_workbook(unit, candidates), f"quy-hoach-{unit.file_stem}.xlsx")


@authenticated
def import_template(request, unit_pk):
    unit = access.get_leaders_unit_for_user(request.user, unit_pk)
    return _xlsx(spreadsheets.template_workbook(unit), f"mau-quy-hoach-{unit.file_stem}.xlsx")


@authenticated
def candidate_import(request, unit_pk):
    unit = access.get_leaders_unit_for_user(request.user, unit_pk, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        result = spreadsheets.import_candidates(form.cleaned_data["file"], unit, request.user)
        if not result.problems:
            messages.success(
                request,
                _("The workbook has been imported: %(added)s added, %(changed)s updated.")
                % {"added": result.added, "changed": result.changed},
            )
            return redirect("leaders:list", unit_pk=unit.pk)
        problems = result.problems
    return render(
        request, "leaders/import.html", {"unit": unit, "form": form, "problems": problems}
    )
