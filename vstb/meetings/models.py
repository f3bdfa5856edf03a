"""Meetings of a committee for the advancement of women, their attendance and conclusions.

A meeting runs planned → held, or planned → cancelled, only through its transition methods.
Its agenda is a list of items, each with the notes taken on it during the meeting. The
members in force on its day are invited (an Attendance row each); their attendance is
recorded once it has begun. Each conclusion names a lead agency and a deadline and becomes a
follow-up task of the unit's plan (services.py).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.issuing.models import IssuedDocument
from vstb.lib.stamps import Stamped
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Committee, Membership
from vstb.plans.models import Task


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    # Sơ kết 6 tháng, tổng kết năm: the reviews every committee holds in its year.
    SIX_MONTH_REVIEW = "six_month_review", _("Six-month review (sơ kết 6 tháng)")
    ANNUAL_REVIEW = "annual_review", _("Annual review (tổng kết năm)")
    EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(Versioned, Stamped):
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(
        _("kind of meeting"),
        max_length=20,
        choices=MeetingKind.choices,
        default=MeetingKind.REGULAR,
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("E.g. Hội nghị sơ kết công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2026."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300)
    # [{"title": "…", "notes": "…"}, …]: the items in order, each with what was said on it.
    agenda = models.JSONField(_("agenda"), default=list, blank=True)
    chair = models.ForeignKey(
        Membership,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        Membership,
        verbose_name=_("secretary (takes the minutes)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        editable=False,
    )
    # The documents drafted from the meeting (vstb/issuing); each points to the newest one of
    # its kind, a replacement included once it is issued.
    invitation = models.ForeignKey(
        IssuedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes = models.ForeignKey(
        IssuedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notice = models.ForeignKey(
        IssuedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            # A committee's meetings, newest first; the calendar's meetings of some units
            # between two dates.
            models.Index(fields=["committee", "starts_at"], name="meeting_committee_start_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def day(self) -> date:
        """The meeting's day where it takes place (Vietnam's time)."""
        return timezone.localtime(self.starts_at).date()

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def agenda_titles(self) -> list[str]:
        return [item.get("title", "") for item in self.agenda or [] if isinstance(item, dict)]

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _(
                "The meeting must end after it starts. Enter an end time later than the start time, or leave it empty."
            )
        if self.starts_at and self.committee_id:
            for field in ("chair", "secretary"):
                member = getattr(self, field)
                if member is not None and not self._in_force(member):
                    errors[field] = _(
                        "%(name)s is not a member of %(committee)s on %(day)s. Choose a member in force on the day of the meeting."
                    ) % {
                        "name": member.full_name,
                        "committee": self.committee.name,
                        "day": f"{self.day:%d/%m/%Y}",
                    }
        if self.chair_id and self.chair_id == self.secretary_id and "chair" not in errors:
            errors["secretary"] = _(
                "The chair cannot also take the minutes. Choose another member as secretary."
            )
        if errors:
            raise ValidationError(errors)

    def _in_force(self, member: Membership) -> bool:
        day = self.day
        return (
            member.committee_id == self.committee_id
            and member.start <= day
            and (member.end is None or member.end >= day)
        )

    # Transitions: each is one conditional UPDATE, so that two requests move the meeting once.

    def hold(self) -> None:
        """Planned → held, from the meeting's day on: what happened is being recorded."""
        if self.is_held:
            return
        if not self.is_planned:
            raise ValidationError(_("This meeting has been cancelled; nothing can be recorded."))
        if self.day > timezone.localdate():
            raise ValidationError(
                _(
                    "The meeting has not taken place yet. Record its attendance and notes from %(day)s on."
                )
                % {"day": f"{self.day:%d/%m/%Y}"}
            )
        self._move(MeetingStatus.PLANNED, MeetingStatus.HELD)

    def cancel(self) -> None:
        """Planned → cancelled."""
        if not self.is_planned:
            raise ValidationError(_("Only a planned meeting can be cancelled."))
        self._move(MeetingStatus.PLANNED, MeetingStatus.CANCELLED)

    def _move(self, source: str, target: str) -> None:
        moved = Meeting.objects.filter(pk=self.pk, status=source).update(
            status=target, updated_at=timezone.now()
        )
        if not moved:
            raise ValidationError(
                _("Someone else changed this meeting meanwhile. Open it again to see its status.")
            )
        self.status = target


class Attendance(models.Model):
    """A member invited to a meeting, and whether they came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=False)
    absent_reason = models.CharField(_("reason for absence"), max_length=300, blank=True)
    represented_by = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("Who came in the member's place, e.g. Bà Nguyễn Thị A, Phó Trưởng phòng."),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.full_name}: {'+' if self.present else '-'}"


class Conclusion(models.Model):
    """One conclusion of the chair: what is to be done, by which agency, by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("conclusion"))
    lead = models.ForeignKey(
        Agency, verbose_name=_("lead agency"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    # The follow-up task it became in the unit's plan (services.make_task).
    task = models.OneToOneField(
        Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="conclusion"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:120]

    def clean(self) -> None:
        errors = {}
        meeting = self.meeting
        if self.lead_id and self.lead.unit_id != meeting.committee.unit_id:
            errors["lead"] = _("Choose an agency of the committee's unit to lead this work.")
        if self.deadline and self.deadline < meeting.day:
            errors["deadline"] = _(
                "The deadline comes before the meeting. Enter a date on or after %(day)s."
            ) % {"day": f"{meeting.day:%d/%m/%Y}"}
        if errors:
            raise ValidationError(errors)
