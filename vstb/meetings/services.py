"""Workflows of a committee meeting: calling it, recording it, its documents, its follow-up.

- `create` saves a new meeting and invites the members in force on its day; `invite_members`
  keeps the invitees in step when its day changes;
- `record_attendance` and `record_notes` record what happened (the meeting is then held),
  refusing a stale form, and are closed once the minutes are issued;
- `draft_invitation`, `draft_minutes` and `draft_notice` start the documents in vstb/issuing
  (their words: documents.py); `on_document_issued` tells the people concerned and points
  the meeting to the document issued;
- `add_conclusion` records a conclusion and `make_task` makes it a follow-up task of the
  unit's issued plan of the meeting's year, led by its agency and due on its deadline.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vstb import access
from vstb.issuing import services as issuing
from vstb.issuing.models import DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.meetings.models import Attendance, Conclusion, Meeting
from vstb.notifications.models import Kind
from vstb.notifications.services import Told, in_vietnamese, notify
from vstb.org.models import Agency, Committee, Membership, Position
from vstb.plans import services as plans
from vstb.plans.models import IssuerBody, Plan, Task

STALE_MEETING = gettext_lazy(
    "Someone else saved this meeting while you were editing it, so your changes were not "
    "saved. Open the meeting again to see what they recorded, then make your changes."
)
MINUTES_ISSUED = gettext_lazy(
    "The minutes of this meeting have been issued, so its attendance and notes can no longer "
    "be changed. To correct them, replace the minutes from the document's page."
)
# The notifications' one sentence (the link opens the document).
INVITED = gettext_lazy(
    "%(committee)s invites your agency's member to a meeting on %(day)s: %(meeting)s"
)
CONCLUDED = gettext_lazy(
    "%(committee)s has sent the conclusions of its meeting of %(day)s, with work your agency leads"
)
NOTICE_ISSUED = gettext_lazy(
    "The conclusions of this meeting have been issued in a notice and can no longer be changed. "
    "To correct them, replace the notice from the document's page."
)


# Calling a meeting --------------------------------------------------------------------------


def member_in_position(committee: Committee, day: date, position: str) -> Membership | None:
    return committee.members_on(day).filter(position=position).order_by("full_name", "pk").first()


@transaction.atomic
def create(meeting: Meeting, by=None) -> Meeting:
    """Save a new meeting built by the form (validated), and invite the members in force on
    its day; with no chair or secretary chosen, the committee's own, when it has them."""
    day = meeting.day
    if meeting.chair_id is None:
        meeting.chair = member_in_position(meeting.committee, day, Position.CHAIR)
    if meeting.secretary_id is None:
        meeting.secretary = member_in_position(meeting.committee, day, Position.SECRETARY)
    meeting.created_by = by if getattr(by, "pk", None) else None
    meeting.full_clean()
    meeting.save()
    invite_members(meeting)
    return meeting


def invite_members(meeting: Meeting) -> None:
    """The members in force on the meeting's day are invited; while the meeting is planned,
    those no longer in force on it (its day moved) are not."""
    members = meeting.committee.members_on(meeting.day)
    listed = set(meeting.attendances.values_list("membership_id", flat=True))
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, membership=m) for m in members if m.pk not in listed]
    )
    if meeting.is_planned:
        meeting.attendances.exclude(membership__in=members).delete()


def _claim(meeting: Meeting, version: int) -> None:
    """Take the version the form was shown with, or refuse: someone saved meanwhile."""
    claimed = Meeting.objects.filter(pk=meeting.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        raise ValidationError(str(STALE_MEETING))
    meeting.version = version + 1


def _check_recordable(meeting: Meeting) -> None:
    if meeting.minutes_id and meeting.minutes.status != DocumentStatus.DRAFT:
        raise ValidationError(str(MINUTES_ISSUED))
    meeting.hold()


# Recording a meeting ------------------------------------------------------------------------


@dataclass
class Presence:
    """What the attendance form says of one invited member."""

    membership_id: int
    present: bool
    absent_reason: str = ""
    represented_by: str = ""


@transaction.atomic
def record_attendance(meeting: Meeting, rows: Iterable[Presence], version: int) -> None:
    """Who came, who did not and why, who came in whose place; the meeting is then held."""
    _check_recordable(meeting)
    _claim(meeting, version)
    by_member = {row.membership_id: row for row in rows}
    attendances = list(meeting.attendances.filter(membership_id__in=list(by_member)))
    for attendance in attendances:
        row = by_member[attendance.membership_id]
        attendance.present = row.present
        attendance.absent_reason = "" if row.present else row.absent_reason.strip()
        attendance.represented_by = "" if row.present else row.represented_by.strip()
    Attendance.objects.bulk_update(attendances, ["present", "absent_reason", "represented_by"])


@transaction.atomic
def record_notes(meeting: Meeting, notes: list[str], version: int) -> None:
    """The notes taken on each agenda item, in its order; the meeting is then held."""
    _check_recordable(meeting)
    agenda = [dict(item) for item in meeting.agenda or [] if isinstance(item, dict)]
    if len(notes) != len(agenda):
        raise ValidationError(str(STALE_MEETING))
    _claim(meeting, version)
    for item, text in zip(agenda, notes, strict=True):
        item["notes"] = text.strip()
    meeting.agenda = agenda
    meeting.save(update_fields=["agenda", "version"])


def cancel(meeting: Meeting) -> None:
    meeting.cancel()


# Documents ----------------------------------------------------------------------------------


def _meeting_document(meeting: Meeting, field: str, **kwargs) -> IssuedDocument:
    """The draft (or issued document) of this kind, or a new draft of the committee."""
    current = getattr(meeting, field)
    if current is not None:
        return current
    document = issuing.create(
        meeting.committee.unit,
        issuer_body=IssuerBody.COMMITTEE,
        params={"meeting": meeting.pk},
        **kwargs,
    )
    Meeting.objects.filter(pk=meeting.pk).update(**{field: document})
    setattr(meeting, field, document)
    return document


@transaction.atomic
def draft_invitation(meeting: Meeting, by=None) -> IssuedDocument:
    """The invitation (giấy mời) to the members invited; its issue tells their agencies."""
    if not meeting.is_planned:
        raise ValidationError(
            _("Only a planned meeting is invited to. This one has taken place or was cancelled.")
        )
    if not meeting.attendances.exists():
        raise ValidationError(
            _(
                "Nobody is invited: the committee had no member on the meeting's day. Add the members on the committee's page first."
            )
        )
    return _meeting_document(
        meeting,
        "invitation",
        purpose=Purpose.MEETING_INVITATION,
        doc_type=DocType.INVITATION,
        subject=f"Dự {meeting.title[:1].lower()}{meeting.title[1:]}",
        by=by,
    )


@transaction.atomic
def draft_minutes(meeting: Meeting, by=None) -> IssuedDocument:
    """The minutes (biên bản), from the agenda, the notes and the attendance."""
    if not meeting.is_held:
        raise ValidationError(
            _(
                "Record the attendance or the notes of the meeting first: the minutes are written from them."
            )
        )
    if meeting.chair_id is None or meeting.secretary_id is None:
        raise ValidationError(
            _(
                "Choose who chaired the meeting and who took the minutes (edit the meeting), then draft the minutes."
            )
        )
    return _meeting_document(
        meeting,
        "minutes",
        purpose=Purpose.MEETING_MINUTES,
        doc_type=DocType.MINUTES,
        subject=meeting.title,
        by=by,
    )


@transaction.atomic
def draft_notice(meeting: Meeting, by=None) -> IssuedDocument:
    """The notice of the meeting's conclusions (thông báo kết luận)."""
    if not meeting.conclusions.exists():
        raise ValidationError(
            _("Record the conclusions of the meeting first, then draft the notice.")
        )
    return _meeting_document(
        meeting,
        "notice",
        purpose=Purpose.MEETING_CONCLUSIONS,
        doc_type=DocType.NOTICE,
        subject=f"Kết luận của chủ tọa tại {meeting.title[:1].lower()}{meeting.title[1:]}",
        by=by,
    )


FIELD_OF_PURPOSE = {
    Purpose.MEETING_INVITATION: "invitation",
    Purpose.MEETING_MINUTES: "minutes",
    Purpose.MEETING_CONCLUSIONS: "notice",
}


def on_document_issued(sender, document: IssuedDocument, **kwargs) -> None:
    """A meeting's document was issued (inside the issuing transaction): the meeting points to
    it (a replacement included), and those concerned are told: the focal points of the
    invited members' agencies of an invitation, those of the lead agencies of a notice."""
    field = FIELD_OF_PURPOSE.get(document.purpose)
    pk = (document.params or {}).get("meeting")
    if field is None or not isinstance(pk, int):
        return
    meeting = Meeting.objects.select_related("committee").filter(pk=pk).first()
    if meeting is None:
        return
    Meeting.objects.filter(pk=meeting.pk).update(**{field: document})
    link = reverse("issuing:detail", args=[document.pk])
    if field == "invitation":
        tell_invited(meeting, link)
    elif field == "notice":
        agencies = Agency.objects.filter(pk__in=meeting.conclusions.values("lead"))
        notify(
            access.people_to_tell(agencies=agencies),
            Kind.DOCUMENT_RECEIVED,
            in_vietnamese(
                CONCLUDED, committee=meeting.committee.name, day=f"{meeting.day:%d/%m/%Y}"
            ),
            link,
        )


def invited_agencies(meeting: Meeting):
    """The agencies the invited members sit for (one invitation each, to their focal points)."""
    return Agency.objects.filter(pk__in=meeting.attendances.values("membership__agency"))


def tell_invited(meeting: Meeting, link: str) -> Told:
    return notify(
        access.people_to_tell(agencies=invited_agencies(meeting)),
        Kind.DOCUMENT_RECEIVED,
        in_vietnamese(
            INVITED,
            committee=meeting.committee.name,
            day=f"{meeting.day:%d/%m/%Y}",
            meeting=meeting.title,
        ),
        link,
    )


# Conclusions --------------------------------------------------------------------------------


def _check_conclusions_open(meeting: Meeting) -> None:
    if meeting.notice_id and meeting.notice.status != DocumentStatus.DRAFT:
        raise ValidationError(str(NOTICE_ISSUED))
    if not meeting.is_held:
        raise ValidationError(
            _(
                "Record the attendance or the notes of the meeting first; then record its conclusions."
            )
        )


@transaction.atomic
def add_conclusion(conclusion: Conclusion, plan: Plan | None = None) -> Conclusion:
    """Save a conclusion built by the form (validated) at the end of the meeting's list, and
    make it a task of `plan` when one is given."""
    meeting = conclusion.meeting
    _check_conclusions_open(meeting)
    last = meeting.conclusions.aggregate(last=Max("order"))["last"] or 0
    conclusion.order = last + 1
    conclusion.full_clean()
    conclusion.save()
    if plan is not None:
        make_task(conclusion, plan)
    return conclusion


@transaction.atomic
def make_task(conclusion: Conclusion, plan: Plan) -> Task:
    """The conclusion becomes a follow-up task of `plan`, one of its unit's issued plans of
    the meeting's year: led by its agency, due on its deadline, in the agency's "My tasks"
    and reminders and on the plan's page."""
    locked = Conclusion.objects.select_for_update().get(pk=conclusion.pk)
    if locked.task_id is not None:
        raise ValidationError(
            _("This conclusion is already a task. Open the task to follow it up.")
        )
    meeting = conclusion.meeting
    if plan.unit_id != meeting.committee.unit_id or plan.year != meeting.day.year:
        raise ValidationError(
            _("Choose an issued plan of %(unit)s for %(year)s.")
            % {"unit": meeting.committee.unit, "year": meeting.day.year}
        )
    task = plans.add_follow_up_task(plan, conclusion.text, conclusion.lead, conclusion.deadline)
    conclusion.task = task
    conclusion.save(update_fields=["task"])
    return task


def remove_conclusion(conclusion: Conclusion) -> None:
    """A conclusion recorded by mistake; one already a task is followed up on the task."""
    _check_conclusions_open(conclusion.meeting)
    if conclusion.task_id is not None:
        raise ValidationError(
            _(
                "This conclusion is already a task of the plan. If it will not be done, record that on the task."
            )
        )
    conclusion.delete()


def conclusion_sections(plan: Plan) -> Iterable[int]:
    """The sections of `plan` that hold meetings' conclusions (plans.FOLLOW_UP_SECTIONS)."""
    return Conclusion.objects.filter(task__plan=plan).values_list("task__section_id", flat=True)


def invited_agencies_without_focal_point(meeting: Meeting) -> list:
    """The invited members' agencies where nobody would receive the invitation in VSTB."""
    return access.people_to_tell(agencies=invited_agencies(meeting)).nobody
