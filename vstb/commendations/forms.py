from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.commendations import awards
from vstb.commendations.models import Proposal, Round
from vstb.lib.versioning import VersionedForm
from vstb.org.forms import DateField
from vstb.org.models import Unit


def award_choices(unit: Unit) -> list[tuple[str, str]]:
    return [(form.code, form.name) for form in awards.forms_for(unit)]


class RoundForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        error_messages={"invalid": _("Enter the year as four digits, for example 2025.")},
    )
    proposals_due = DateField(label=_("Proposals sent by"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not 2000 <= year <= this_year + 1:
            raise forms.ValidationError(
                _("Enter a year between 2000 and %(last)s.") % {"last": this_year + 1}
            )
        return year


class RoundDatesForm(VersionedForm, forms.ModelForm):
    """The day the round's proposals go up (on the calendar)."""

    proposals_due = DateField(label=_("Proposals sent by"), required=False)

    class Meta:
        model = Round
        fields = ["proposals_due"]


class ProposalForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["award", "reason", "position", "agency_name"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = award_choices(round_.unit)
        self.fields["award"].error_messages["invalid_choice"] = _(
            "Choose one of the forms of award in the list."
        )
        self.fields["reason"].error_messages["required"] = _(
            "Write what the collective or person is commended for."
        )
        if self.instance.is_collective:
            del self.fields["position"]
            del self.fields["agency_name"]


class AddProposalForm(forms.Form):
    candidate = forms.ChoiceField(label=_("Candidate"))
    award = forms.ChoiceField(label=_("Form of award"))
    reason = forms.CharField(
        label=_("Achievement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Leave empty to use the usual wording."),
    )

    def __init__(self, *args, round_, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].choices = [
            (c.key, f"{c.name}{' – ' + c.position if c.position else ''}") for c in candidates
        ]
        self.fields["candidate"].error_messages["invalid_choice"] = _(
            "Choose a candidate from the list; one already proposed is edited in its row."
        )
        self.fields["award"].choices = award_choices(round_.unit)
        self.fields["award"].error_messages["invalid_choice"] = _(
            "Choose one of the forms of award in the list."
        )


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve")), ("no", _("Refuse"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or refuse the proposal.")},
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("approve") is False and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason", _("Write why the proposal is refused; the proposing committee is told.")
            )
        return cleaned
