"""The case register's forms. Every identifying field is typed in and never shown back in a
form (a form re-shown after an error keeps what was typed, nothing else)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.cases.catalogue import (
    ClosureReason,
    ConsentScope,
    LegalBasis,
    Measure,
    Relation,
    Sex,
    ViolenceForm,
)
from vstb.cases.models import Case, Incident, Provider
from vstb.lib.versioning import VersionedForm
from vstb.org.forms import DATE_WIDGET, DateField

CONSENT_CHOICES = [("", _("Not asked yet")), ("yes", _("Given")), ("no", _("Refused"))]


def _no_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future: check the day and month."))


class IntakeForm(forms.ModelForm):
    """A new case. The identity is optional: a survivor may stay anonymous."""

    full_name = forms.CharField(label=_("Full name"), required=False, max_length=150)
    id_number = forms.CharField(label=_("Identity card number"), required=False, max_length=20)
    contact = forms.CharField(
        label=_("How to reach them safely"), required=False, max_length=300,
        help_text=_("Only what is safe: a number the perpetrator does not use, a trusted person."),
    )  # fmt: skip
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    informant = forms.CharField(
        label=_("Who reported it (if they gave their name)"), required=False, max_length=300,
        help_text=_("Kept apart and shown to nobody but the case worker and supervisor."),
    )  # fmt: skip
    consent_services = forms.ChoiceField(
        label=_("Consent to services"), choices=CONSENT_CHOICES, required=False
    )
    consent_referral = forms.ChoiceField(
        label=_("Consent to referral"), choices=CONSENT_CHOICES, required=False
    )
    consent_statistics = forms.ChoiceField(
        label=_("Consent to be counted in statistics (no name)"),
        choices=CONSENT_CHOICES,
        required=False,
    )

    class Meta:
        model = Case
        fields = ["unit", "kind", "presumed", "sex", "age_band", "channel", "reported_on"]
        widgets = {"reported_on": DATE_WIDGET}
        field_classes = {"reported_on": DateField}

    def __init__(self, *args, units=None, trusted: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        self.fields["reported_on"].validators.append(_no_future)
        if trusted:
            # A trusted address reports: no consents to record, it came through them.
            for name in ["consent_services", "consent_referral", "consent_statistics", "channel"]:
                del self.fields[name]

    def consents(self) -> dict[str, bool | None]:
        data = self.cleaned_data
        answer = {"yes": True, "no": False}
        return {
            ConsentScope.SERVICES: answer.get(data.get("consent_services", "")),
            ConsentScope.REFERRAL: answer.get(data.get("consent_referral", "")),
            ConsentScope.STATISTICS: answer.get(data.get("consent_statistics", "")),
        }


class CaseForm(VersionedForm, forms.ModelForm):
    """What a case worker keeps up to date. Identity fields are replaced only when typed."""

    full_name = forms.CharField(
        label=_("Full name"), required=False, max_length=150,
        help_text=_("Leave empty to keep what is recorded."),
    )  # fmt: skip
    contact = forms.CharField(
        label=_("How to reach them safely"), required=False, max_length=300,
        help_text=_("Leave empty to keep what is recorded."),
    )  # fmt: skip
    safety_plan = forms.CharField(
        label=_("Safety plan"), required=False, max_length=4000, widget=forms.Textarea,
        help_text=_("Leave empty to keep what is recorded."),
    )  # fmt: skip

    class Meta:
        model = Case
        fields = ["kind", "presumed", "sex", "age_band", "risk", "legal_hold"]

    def save(self, commit: bool = True):
        case = self.instance
        for name in ("contact", "safety_plan"):
            if self.cleaned_data.get(name):
                setattr(case, name, self.cleaned_data[name])
        return super().save(commit)


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(label=_("Consent to"), choices=ConsentScope.choices)
    given = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Given")), ("no", _("Refused or withdrawn"))],
        coerce=lambda value: value == "yes",
    )
    legal_basis = forms.ChoiceField(
        label=_("Or act without consent because"),
        choices=[("", "—"), *LegalBasis.choices],
        required=False,
    )
    providers = forms.ModelMultipleChoiceField(
        label=_("Agencies named (referral)"),
        queryset=Provider.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if providers is not None:
            self.fields["providers"].queryset = providers


class IncidentForm(forms.ModelForm):
    account = forms.CharField(
        label=_("What happened (only what is needed)"), required=False, max_length=4000,
        widget=forms.Textarea,
    )  # fmt: skip

    # Named as the model field; declared last, since it hides the `forms` module below it.
    forms = forms.MultipleChoiceField(
        label=_("Forms of violence"),
        choices=ViolenceForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Incident
        fields = [
            "occurred_on",
            "place",
            "forms",
            "gbv_type",
            "trafficking",
            "brokerage",
            "relation",
            "perpetrator_sex",
        ]
        widgets = {"occurred_on": DATE_WIDGET}
        field_classes = {"occurred_on": DateField}

    def __init__(self, *args, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["occurred_on"].validators.append(_no_future)
        self.fields["relation"].choices = Relation.choices
        self.fields["perpetrator_sex"].choices = Sex.choices

    def save(self, commit: bool = True):
        if self.cleaned_data.get("account"):
            self.instance.account = self.cleaned_data["account"]
        return super().save(commit)


class ReferralForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Provider.objects.none())
    measure = forms.ChoiceField(label=_("Service"), choices=Measure.choices)
    note = forms.CharField(
        label=_("What the provider needs to know"), required=False, max_length=2000,
        widget=forms.Textarea,
        help_text=_("The provider sees this, the service and the risk level; nothing else."),
    )  # fmt: skip
    share_contact = forms.BooleanField(
        label=_("Let the provider see how to reach the survivor"), required=False,
        help_text=_("Only where the survivor agreed to be referred to this provider."),
    )  # fmt: skip
    override_reason = forms.CharField(
        label=_("Sent without consent because (supervisor)"), required=False, max_length=300
    )

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class ServiceForm(forms.Form):
    measure = forms.ChoiceField(label=_("Measure"), choices=Measure.choices)
    given_on = DateField(label=_("Given on"), initial=timezone.localdate, validators=[_no_future])


class FollowUpForm(forms.Form):
    due_on = DateField(label=_("Due on"))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class ProtectiveOrderForm(forms.Form):
    issued_on = DateField(label=_("Issued on"), validators=[_no_future])
    ends_on = DateField(label=_("Ends on"), required=False)
    issued_by = forms.CharField(label=_("Issued by"), required=False, max_length=200)

    def clean(self):
        data = super().clean() or {}
        if data.get("ends_on") and data.get("issued_on") and data["ends_on"] < data["issued_on"]:
            raise forms.ValidationError(_("The order cannot end before it is issued."))
        return data


class ClosureForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closure"), choices=ClosureReason.choices)


class AnswerForm(forms.Form):
    move = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline")), ("done", _("Service given"))]
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class ProviderForm(forms.ModelForm):
    location = forms.CharField(
        label=_("Location (kept secret)"), required=False, max_length=300,
        help_text=_("For a shelter. Leave empty to keep what is recorded."),
    )  # fmt: skip

    class Meta:
        model = Provider
        fields = ["unit", "kind", "name", "phone", "people", "active"]
        widgets = {"people": forms.CheckboxSelectMultiple}

    def __init__(self, *args, units=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["people"].queryset = people
        self.fields["people"].required = False

    def save(self, commit: bool = True):
        if self.cleaned_data.get("location"):
            self.instance.location = self.cleaned_data["location"]
        return super().save(commit)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Survivor code, full name or identity number"), required=False)


class ExportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Cases"),
        choices=[
            ("open", _("Open cases")),
            ("closed", _("Closed cases")),
            ("", _("All my cases")),
        ],
        required=False,
    )
    identifiable = forms.BooleanField(
        label=_("With names, numbers and contacts"), required=False,
        help_text=_("Only with a reason, and only after another supervisor approves it."),
    )  # fmt: skip
    reason = forms.CharField(label=_("Why they must leave VSTB"), required=False, max_length=300)


class ShelterForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Shelter"), queryset=Provider.objects.none(), required=False
    )
    start = DateField(label=_("From"), validators=[_no_future])
    end = DateField(label=_("Until"), required=False)
    location = forms.CharField(
        label=_("Location (kept secret)"), required=False, max_length=300,
        help_text=_("Only if the shelter is not in the directory, or to be more precise."),
    )  # fmt: skip

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if providers is not None:
            self.fields["provider"].queryset = providers

    def clean(self):
        data = super().clean() or {}
        if data.get("end") and data.get("start") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The stay cannot end before it starts."))
        return data
