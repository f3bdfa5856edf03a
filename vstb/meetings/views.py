from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.issuing.models import DocumentStatus
from vstb.issuing.views import open_draft
from vstb.lib.pagination import paginate
from vstb.lib.versioning import save_unless_stale
from vstb.meetings import services
from vstb.meetings.documents import attendance
from vstb.meetings.forms import (
    AttendanceForm,
    ConclusionForm,
    ConclusionTaskForm,
    MeetingForm,
    NotesForm,
)
from vstb.meetings.models import Meeting


@authenticated
def meeting_list(request, unit_pk):
    """A committee's meetings, the newest first."""
    committee = access.get_meetings_committee_for_user(request.user, unit_pk)
    meetings = committee.meetings.order_by("-starts_at", "-pk")
    context = {
        "committee": committee,
        "unit": committee.unit,
        "page_obj": paginate(request, meetings),
        "can_manage": access.can_manage_meetings(request.user, committee),
    }
    return render(request, "meetings/meeting_list.html", context)


@authenticated
def meeting_create(request, unit_pk):
    committee = access.get_meetings_committee_for_user(request.user, unit_pk, write=True)
    form = MeetingForm(request.POST or None, instance=Meeting(), committee=committee)
    if request.method == "POST" and form.is_valid():
        meeting = services.create(form.save(commit=False), by=request.user)
        messages.success(
            request,
            _(
                "The meeting has been planned and the members in force on its day invited. Draft the invitation when its details are settled."
            ),
        )
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "committee": committee})


@authenticated
def meeting_edit(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = MeetingForm(request.POST or None, instance=meeting, committee=meeting.committee)
    if request.method == "POST" and form.is_valid():

        def save():
            saved = form.save()
            services.invite_members(saved)
            return saved

        if save_unless_stale(form, save) is not None:
            messages.success(request, _("The meeting has been saved."))
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"form": form, "committee": meeting.committee, "meeting": meeting}
    return render(request, "meetings/meeting_form.html", context)


@authenticated
def meeting_detail(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    return _detail(request, meeting)


def _detail(request, meeting: Meeting, **forms):
    """The meeting's page: its details, agenda, attendance, notes, conclusions and documents;
    for those who manage it, the forms to record it (bound ones when sent back with errors)."""
    can_manage = access.can_manage_meetings(request.user, meeting.committee)
    rows = attendance(meeting)
    conclusions = list(meeting.conclusions.select_related("lead", "task__plan"))
    plans = access.plans_for_conclusions(request.user, meeting)
    open_ = can_manage and not meeting.is_cancelled
    minutes_issued = bool(meeting.minutes_id) and meeting.minutes.status != DocumentStatus.DRAFT
    notice_issued = bool(meeting.notice_id) and meeting.notice.status != DocumentStatus.DRAFT
    # Attendance and notes are recorded from the meeting's day on (Meeting.hold).
    recordable = open_ and not minutes_issued and meeting.day <= timezone.localdate()
    concluding = open_ and meeting.is_held and not notice_issued
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "unit": meeting.committee.unit,
        "attendances": rows,
        "present_count": sum(1 for row in rows if row.present),
        "conclusions": conclusions,
        "can_manage": open_,
        "recordable": recordable,
        "minutes_issued": minutes_issued,
        "concluding": concluding,
        "plans": plans,
        "has_plan": plans.exists() if open_ else False,
        "attendance_form": forms.get("attendance_form")
        or (AttendanceForm(meeting=meeting, attendances=rows) if recordable else None),
        "notes_form": forms.get("notes_form")
        or (NotesForm(meeting=meeting) if recordable and meeting.agenda else None),
        "conclusion_form": forms.get("conclusion_form")
        or (ConclusionForm(meeting=meeting, plans=plans) if concluding else None),
        "task_form": ConclusionTaskForm(plans=plans, auto_id=False) if open_ else None,
        "uninvited": services.invited_agencies_without_focal_point(meeting) if open_ else [],
    }
    return render(request, "meetings/meeting_detail.html", context)


@authenticated
@require_POST
def meeting_attendance(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = AttendanceForm(request.POST, meeting=meeting, attendances=attendance(meeting))
    if form.is_valid():
        try:
            services.record_attendance(meeting, form.presences(), form.cleaned_data["version"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The attendance has been recorded."))
            return redirect("meetings:detail", pk=meeting.pk)
    meeting.refresh_from_db()
    return _detail(request, meeting, attendance_form=form)


@authenticated
@require_POST
def meeting_notes(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = NotesForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.record_notes(meeting, form.notes(), form.cleaned_data["version"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The notes have been saved."))
            return redirect("meetings:detail", pk=meeting.pk)
    meeting.refresh_from_db()
    return _detail(request, meeting, notes_form=form)


@authenticated
@require_POST
def meeting_cancel(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    try:
        services.cancel(meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The meeting has been cancelled."))
    return redirect("meetings:detail", pk=meeting.pk)


@authenticated
@require_POST
def meeting_invitation(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    return open_draft(request, services.draft_invitation, meeting, "meetings:detail")


@authenticated
@require_POST
def meeting_minutes(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    return open_draft(request, services.draft_minutes, meeting, "meetings:detail")


@authenticated
@require_POST
def meeting_notice(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    return open_draft(request, services.draft_notice, meeting, "meetings:detail")


@authenticated
@require_POST
def conclusion_add(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    plans = access.plans_for_conclusions(request.user, meeting)
    form = ConclusionForm(request.POST, meeting=meeting, plans=plans)
    if form.is_valid():
        try:
            conclusion = services.add_conclusion(form.save(commit=False), form.cleaned_data["plan"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if conclusion.task_id:
                messages.success(
                    request,
                    _(
                        "The conclusion has been recorded and is now a task of the plan, in the lead agency's tasks."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "The conclusion has been recorded. Choose a plan to make it a task that the lead agency follows up."
                    ),
                )
            return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, conclusion_form=form)


@authenticated
@require_POST
def conclusion_task(request, pk):
    conclusion = access.get_conclusion_for_user(request.user, pk, write=True)
    plans = access.plans_for_conclusions(request.user, conclusion.meeting)
    form = ConclusionTaskForm(request.POST, plans=plans)
    if not form.is_valid():
        messages.error(request, _("Choose one of the unit's issued plans of the meeting's year."))
        return redirect("meetings:detail", pk=conclusion.meeting_id)
    try:
        services.make_task(conclusion, form.cleaned_data["plan"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The conclusion is now a task of the plan, in the lead agency's tasks.")
        )
    return redirect("meetings:detail", pk=conclusion.meeting_id)


@authenticated
@require_POST
def conclusion_delete(request, pk):
    conclusion = access.get_conclusion_for_user(request.user, pk, write=True)
    try:
        services.remove_conclusion(conclusion)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The conclusion has been removed."))
    return redirect("meetings:detail", pk=conclusion.meeting_id)
