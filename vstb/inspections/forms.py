"""The forms of an inspection: the plan, its targets and team, a visit's findings, the
recommendations and the follow-up. Errors are sentences saying what to do next."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vstb.activities.forms import EvidenceForm
from vstb.inspections.models import InspectionPlan, Recommendation, Result, TeamRole, Visit
from vstb.org.forms import DateField
from vstb.org.models import Agency, Membership, Unit
from vstb.plans.forms import LinesField


class PlanForm(forms.ModelForm):
    """A plan's title, period, purposes and criteria (one a line)."""

    period_start = DateField(label=_("From"))
    period_end = DateField(label=_("To"))
    criteria = LinesField(
        label=_("Criteria"),
        help_text=_(
            "One a line: what the team checks at every unit and agency. The usual ones are "
            "offered; change them as this inspection needs."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = InspectionPlan
        fields = ["title", "period_start", "period_end", "purpose"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, unit: Unit, criteria: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.initial.setdefault("criteria", criteria)
        self.initial.setdefault("version", self.instance.version)

    def clean_criteria(self) -> list[str]:
        lines = self.cleaned_data["criteria"]
        if not lines:
            raise forms.ValidationError(_("Write at least one criterion, one a line."))
        if any(len(line) > 300 for line in lines):
            raise forms.ValidationError(
                _("Keep each criterion under 300 characters; split a long one in two lines.")
            )
        return lines


class TargetForm(forms.Form):
    """A suggested lower unit or member agency, with its visit date. `key` is "unit:<id>"
    or "agency:<id>"; the reasons come from the suggestion as it was shown."""

    key = forms.CharField(widget=forms.HiddenInput)
    planned_on = DateField(label=_("Visit on"))

    def __init__(self, *args, plan: InspectionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_key(self):
        kind, _sep, pk = self.cleaned_data["key"].partition(":")
        if kind == "unit" and pk.isdigit():
            unit = Unit.objects.filter(pk=int(pk), parent=self.plan.unit).first()
            if unit is not None:
                return {"unit": unit}
        if kind == "agency" and pk.isdigit():
            agency = Agency.objects.filter(pk=int(pk), unit=self.plan.unit).first()
            if agency is not None:
                return {"agency": agency}
        raise forms.ValidationError(_("Choose a lower unit or a member agency from the list."))

    def reasons(self) -> list[str]:
        """The suggestion's sentences as shown (one `reason` field each), kept as a snapshot."""
        lines = self.data.getlist("reason") if hasattr(self.data, "getlist") else []
        return [" ".join(line.split())[:300] for line in lines if line.strip()][:20]


class TeamMemberForm(forms.Form):
    membership = forms.ModelChoiceField(
        label=_("Committee member"), queryset=Membership.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.MEMBER)

    def __init__(self, *args, plan: InspectionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        committee = getattr(plan.unit, "committee", None)
        members = (
            committee.memberships.active_on(plan.period_start).select_related("agency")
            if committee
            else Membership.objects.none()
        )
        self.fields["membership"].queryset = members.order_by("full_name")
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.full_name}, {m.get_position_display()}"
            + (f" ({m.agency.name})" if m.agency_id else "")
        )


class VisitForm(forms.Form):
    """The visit's date and general assessment, and one result and note per criterion."""

    visited_on = DateField(label=_("Visited on"), required=False)
    summary = forms.CharField(
        label=_("General assessment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Written into the notice of conclusions before the findings."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, visit: Visit, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.criteria = list(criteria)
        findings = {f.criterion_id: f for f in visit.findings.all()}
        self.initial.update(
            visited_on=visit.visited_on, summary=visit.summary, version=visit.version
        )
        for criterion in self.criteria:
            finding = findings.get(criterion.pk)
            self.fields[f"result_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.text,
                choices=[("", _("not yet assessed")), *Result.choices],
                required=False,
                initial=finding.result if finding else "",
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=finding.note if finding else "",
            )

    def clean_visited_on(self):
        day = self.cleaned_data.get("visited_on")
        plan = self.visit.target.plan
        if day and not plan.period_start <= day <= plan.period_end:
            raise forms.ValidationError(
                _("Enter a date within the plan's period, from %(start)s to %(end)s.")
                % {"start": f"{plan.period_start:%d/%m/%Y}", "end": f"{plan.period_end:%d/%m/%Y}"}
            )
        return day

    def clean(self):
        cleaned = super().clean()
        assessed = any(cleaned.get(f"result_{c.pk}") for c in self.criteria)
        if assessed and not cleaned.get("visited_on") and "visited_on" not in self.errors:
            self.add_error("visited_on", _("Enter the date of the visit the findings come from."))
        return cleaned

    def rows(self):
        return [
            (criterion, self[f"result_{criterion.pk}"], self[f"note_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def findings(self):
        from vstb.inspections.services import FindingInput

        return [
            FindingInput(
                c.pk,
                self.cleaned_data.get(f"result_{c.pk}") or "",
                self.cleaned_data.get(f"note_{c.pk}") or "",
            )
            for c in self.criteria
        ]


class RecommendationForm(forms.ModelForm):
    """A recommendation to the inspected unit or agency (the default) or to another."""

    addressee = forms.ChoiceField(label=_("Addressed to"))
    deadline = DateField(label=_("Deadline"))

    class Meta:
        model = Recommendation
        fields = ["text", "deadline"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, visit: Visit, units, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.units = {u.pk: u for u in units}
        self.agencies = {a.pk: a for a in agencies}
        target = visit.target
        self.fields["addressee"].choices = [(f"unit:{u.pk}", u.name) for u in units] + [
            (f"agency:{a.pk}", a.name) for a in agencies
        ]
        self.initial.setdefault(
            "addressee",
            f"agency:{target.agency_id}" if target.agency_id else f"unit:{target.unit_id}",
        )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        day = self.visit.visited_on or self.visit.target.planned_on
        if deadline < day:
            raise forms.ValidationError(
                _("Choose a deadline after the visit (%(day)s).") % {"day": f"{day:%d/%m/%Y}"}
            )
        return deadline

    def clean(self):
        cleaned = super().clean()
        kind, _sep, pk = (cleaned.get("addressee") or "").partition(":")
        self.instance.addressee_unit = (
            self.units.get(int(pk)) if kind == "unit" and pk.isdigit() else None
        )
        self.instance.addressee_agency = (
            self.agencies.get(int(pk)) if kind == "agency" and pk.isdigit() else None
        )
        if self.instance.addressee_unit is None and self.instance.addressee_agency is None:
            self.add_error("addressee", _("Choose the unit or agency that is to act."))
        return cleaned


class FindingEvidenceForm(EvidenceForm):
    """A photo, PDF or DOCX checked by what it is, as activities' evidence is."""


class ReportForm(forms.Form):
    """The addressee's report: what it did, and a file of evidence."""

    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("Evidence (photo, PDF or DOCX)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        checker = EvidenceForm(files={"file": upload})
        if not checker.is_valid():
            raise forms.ValidationError(checker.errors["file"])
        return checker.cleaned_data["file"]


class ReviewForm(forms.Form):
    """The team's answer to a report: accept, or return with the reason."""

    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("return", _("Return"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason for returning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason", _("Say why the report is returned, so the addressee knows what to do.")
            )
        return cleaned
