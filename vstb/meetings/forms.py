from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.lib.versioning import VersionedForm
from vstb.meetings.models import Attendance, Conclusion, Meeting
from vstb.meetings.services import Presence
from vstb.org.forms import DateField
from vstb.org.models import Agency, Membership
from vstb.plans.forms import LinesField
from vstb.plans.models import Plan


class TimeField(forms.TimeField):
    default_error_messages = {"invalid": _("Enter a time as hh:mm, for example 08:00.")}
    widget = forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class MemberChoiceField(forms.ModelChoiceField):
    """A member as the chooser lists them: name, position and the dates of the membership,
    so that one who left, or joined later, is told apart from those in force."""

    def label_from_instance(self, obj) -> str:
        dates = (
            f"{obj.start:%d/%m/%Y} – {obj.end:%d/%m/%Y}" if obj.end else f"{obj.start:%d/%m/%Y} –"
        )
        return f"{obj.full_name}, {obj.get_position_display()} ({dates})"


class MeetingForm(VersionedForm, forms.ModelForm):
    """The meeting's details; its day and times are typed apart and stored as moments in
    Vietnam's time, its agenda one item a line."""

    day = DateField(label=_("Day"))
    starts_at = TimeField(label=_("Starts at"))
    ends_at = TimeField(label=_("Ends at"), required=False)
    agenda_titles = LinesField(
        label=_("Agenda"),
        required=False,
        help_text=_("One item per line, in the order of the meeting."),
    )
    chair = MemberChoiceField(
        label=_("Chaired by"), queryset=Membership.objects.none(), required=False
    )
    secretary = MemberChoiceField(
        label=_("Secretary (takes the minutes)"), queryset=Membership.objects.none(), required=False
    )

    class Meta:
        model = Meeting
        fields = ["kind", "title", "place", "chair", "secretary"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}
        labels = {"place": _("Venue")}

    field_order = ["kind", "title", "day", "starts_at", "ends_at", "place", "agenda_titles"]

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        members = committee.memberships.select_related("agency").order_by("-start", "full_name")
        for name in ("chair", "secretary"):
            self.fields[name].queryset = members
        self.fields["chair"].help_text = _("Leave empty to take the committee's chair on the day.")
        self.fields["secretary"].help_text = _(
            "Leave empty to take the committee's secretary on the day, if it has one."
        )
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                day=local.date(),
                starts_at=local.time(),
                ends_at=timezone.localtime(self.instance.ends_at).time()
                if self.instance.ends_at
                else None,
                agenda_titles=self.instance.agenda_titles,
            )

    def clean_agenda_titles(self) -> list[str]:
        """The new list of items, keeping each item's notes by its words; an item with notes
        may not be dropped, so that no note is lost without the clerk clearing it first."""
        titles = self.cleaned_data["agenda_titles"]
        old = [dict(item) for item in self.instance.agenda or [] if isinstance(item, dict)]
        agenda = []
        for title in titles:
            kept = next((item for item in old if item.get("title") == title), None)
            if kept is not None:
                old.remove(kept)
            agenda.append({"title": title, "notes": (kept or {}).get("notes", "")})
        dropped = [item["title"] for item in old if (item.get("notes") or "").strip()]
        if dropped:
            raise forms.ValidationError(
                _(
                    "The item “%(item)s” already has notes. Keep it on the agenda as it was, or clear its notes first."
                )
                % {"item": dropped[0]}
            )
        self.agenda = agenda
        return titles

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("starts_at"), cleaned.get("ends_at")
        if day and start:
            cleaned["starts_at"] = self.instance.starts_at = timezone.make_aware(
                datetime.combine(day, start)
            )
            cleaned["ends_at"] = self.instance.ends_at = (
                timezone.make_aware(datetime.combine(day, end)) if end else None
            )
        if hasattr(self, "agenda"):
            self.instance.agenda = self.agenda
        return cleaned


class AttendanceForm(forms.Form):
    """Who came: a line per invited member, with the reason of an absence and who came in
    the member's place; `version` is the meeting's."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting: Meeting, attendances: list[Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = meeting.version
        self.attendances = attendances
        for row in attendances:
            pk, name = row.membership_id, row.membership.full_name
            # In a table, each input is named for the member its line is about.
            self.fields[f"present_{pk}"] = forms.BooleanField(
                label=_("Present"),
                required=False,
                initial=row.present,
                widget=forms.CheckboxInput(attrs={"aria-label": f"{name}: {_('present')}"}),
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Reason for absence"),
                required=False,
                max_length=300,
                initial=row.absent_reason,
                widget=forms.TextInput(attrs={"aria-label": f"{name}: {_('reason for absence')}"}),
            )
            self.fields[f"represented_{pk}"] = forms.CharField(
                label=_("Represented by"),
                required=False,
                max_length=200,
                initial=row.represented_by,
                widget=forms.TextInput(attrs={"aria-label": f"{name}: {_('represented by')}"}),
            )

    def lines(self) -> list[tuple]:
        """(attendance, present, reason, represented) bound fields, a line per member."""
        return [
            (
                row,
                self[f"present_{row.membership_id}"],
                self[f"reason_{row.membership_id}"],
                self[f"represented_{row.membership_id}"],
            )
            for row in self.attendances
        ]

    def presences(self) -> list[Presence]:
        data = self.cleaned_data
        return [
            Presence(
                row.membership_id,
                data[f"present_{row.membership_id}"],
                data[f"reason_{row.membership_id}"],
                data[f"represented_{row.membership_id}"],
            )
            for row in self.attendances
        ]


class NotesForm(forms.Form):
    """The notes taken on each agenda item (what was reported, said and agreed)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = meeting.version
        self.count = len(meeting.agenda_titles)
        for index, item in enumerate(meeting.agenda or []):
            self.fields[f"notes_{index}"] = forms.CharField(
                label=f"{index + 1}. {item.get('title', '')}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=item.get("notes", ""),
            )

    def notes(self) -> list[str]:
        return [self.cleaned_data[f"notes_{index}"] for index in range(self.count)]


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        number = obj.number_and_symbol or obj.get_kind_display()
        return f"{number} – {obj.subject}"


class ConclusionForm(forms.ModelForm):
    deadline = DateField(label=_("Deadline"))
    plan = PlanChoiceField(
        label=_("Follow up in the plan"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("The conclusion becomes a task of this plan, in the lead agency's tasks."),
    )

    class Meta:
        model = Conclusion
        fields = ["text", "lead", "deadline"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: Meeting, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["lead"].queryset = Agency.objects.filter(
            unit=meeting.committee.unit, active=True
        ).order_by("kind", "name")
        self.fields["plan"].queryset = plans
        choices = list(plans[:2])
        if len(choices) == 1:
            self.fields["plan"].initial = choices[0].pk


class ConclusionTaskForm(forms.Form):
    plan = PlanChoiceField(
        label=_("Plan it joins"),
        queryset=Plan.objects.none(),
        widget=forms.Select(attrs={"aria-label": _("Plan it joins")}),
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        choices = list(plans[:2])
        if len(choices) == 1:
            self.fields["plan"].initial = choices[0].pk
