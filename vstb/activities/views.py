import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.activities import services
from vstb.activities.forms import ActivityForm, EvidenceForm
from vstb.activities.models import ActivityKind, Evidence
from vstb.audit.recorder import record_read
from vstb.lib.files import safe_filename
from vstb.lib.pagination import paginate
from vstb.lib.query import query_id, query_year
from vstb.lib.search import search_q
from vstb.lib.versioning import save_unless_stale
from vstb.org.models import Agency


@authenticated
def activity_list(request, unit_pk):
    """A unit's activities, the latest first; searched by title or venue without diacritics,
    filtered by year, kind and organising agency."""
    unit = access.get_unit_for_user(request.user, unit_pk)
    if not access.reads_within_scope(request.user, unit):
        raise Http404
    query, year = request.GET.get("q", ""), query_year(request.GET)
    kind, agency = request.GET.get("kind", ""), query_id(request.GET, "agency")
    activities = (
        access.activities_visible_to(request.user)
        .filter(unit=unit)
        .filter(search_q(query, "search_text"))
        .select_related("agency")
    )
    if year:
        activities = activities.filter(start__year=year)
    if kind in ActivityKind.values:
        activities = activities.filter(kind=kind)
    if agency:
        activities = activities.filter(agency_id=agency)
    context = {
        "unit": unit,
        "page_obj": paginate(request, activities),
        "query": query,
        "year": year,
        "kind": kind,
        "agency": agency,
        "kinds": ActivityKind.choices,
        "agencies": Agency.objects.filter(unit=unit).order_by("kind", "name"),
        "can_record": access.can_record_activity(request.user, unit),
    }
    return render(request, "activities/activity_list.html", context)


@authenticated
def activity_create(request, unit_pk):
    unit = access.get_unit_for_user(request.user, unit_pk)
    if not access.can_record_activity(request.user, unit):
        raise PermissionDenied
    initial = {}
    if task := query_id(request.GET, "task"):
        initial["tasks"] = [task]
    form = ActivityForm(
        request.POST or None,
        unit=unit,
        agencies=access.agencies_to_record_for(request.user, unit),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        activity = services.save_activity(form, request.user)
        messages.success(
            request, _("The activity has been recorded. Attach photos or documents as evidence.")
        )
        return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "unit": unit})


@authenticated
def activity_detail(request, pk):
    activity = access.get_activity_for_user(request.user, pk)
    context = {
        "activity": activity,
        "tasks": activity.tasks.select_related("plan__unit", "section"),
        "evidence": activity.evidence.all(),
        "can_change": access.can_change_activity(request.user, activity),
        "evidence_form": EvidenceForm(),
    }
    return render(request, "activities/activity_detail.html", context)


@authenticated
def activity_edit(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        unit=activity.unit,
        agencies=access.agencies_to_record_for(request.user, activity.unit),
    )
    if request.method == "POST" and form.is_valid():
        if save_unless_stale(form, lambda: services.save_activity(form)) is not None:
            messages.success(request, _("The activity has been saved."))
            return redirect("activities:detail", pk=activity.pk)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "unit": activity.unit, "activity": activity},
    )


@authenticated
@require_POST
def evidence_upload(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("activities:detail", pk=activity.pk)
    upload = form.cleaned_data["file"]
    content_type, extension = upload.sniffed
    with transaction.atomic():
        evidence = Evidence(
            activity=activity,
            original_name=safe_filename(upload.name, extension),
            content_type=content_type,
            size=upload.size,
            uploaded_by=request.user,
        )
        # The stored name is ours: the extension follows the content, never the upload's name.
        evidence.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
        evidence.save()
    messages.success(request, _("The file has been attached."))
    return redirect("activities:detail", pk=activity.pk)


@authenticated
def evidence_download(request, pk):
    evidence = access.get_evidence_for_user(request.user, pk)
    record_read(request, evidence)
    # Photos open in the browser; documents are saved, never opened in VSTB's origin. The
    # name is the one stored at upload, already made safe (names stored before that are made
    # safe here too).
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
def evidence_delete(request, pk):
    evidence = access.get_evidence_for_user(request.user, pk, write=True)
    activity_id = evidence.activity_id
    evidence.file.delete(save=False)
    evidence.delete()
    messages.success(request, _("The file has been removed."))
    return redirect("activities:detail", pk=activity_id)
