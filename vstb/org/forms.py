from django import forms
from django.utils.translation import gettext_lazy as _

from vstb.lib.versioning import VersionedForm
from vstb.org.models import Agency, Committee, Membership, Position, Sex

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y",
    attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
)


class DateField(forms.DateField):
    default_error_messages = {"invalid": _("Enter a date as dd/mm/yyyy, for example 05/01/2026.")}
    widget = DATE_WIDGET


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker whose two units of one name (before and after a reform) can be told
    apart: each is listed with its parent and its dates (Unit.choice_label)."""

    def label_from_instance(self, obj) -> str:
        return obj.choice_label


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.choice_label


class AsOfForm(forms.Form):
    on = DateField(label=_("As of"), required=False)


class MembershipForm(VersionedForm, forms.ModelForm):
    start = DateField(label=_("From"))
    end = DateField(label=_("To"), required=False, help_text=_("The last day of membership."))

    class Meta:
        model = Membership
        fields = ["full_name", "sex", "job_title", "agency", "position", "start", "end"]

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        self.fields["agency"].queryset = Agency.objects.filter(unit=committee.unit, active=True)


class CommitteeForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "standing_agency", "established_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standing_agency"].queryset = Agency.objects.filter(
            unit=self.instance.unit, active=True
        )


class ReconstituteForm(forms.Form):
    on = DateField(label=_("Effective date"))
    ending = forms.ModelMultipleChoiceField(
        label=_("Members who leave"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, committee: Committee, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ending"].queryset = members
        self.fields["ending"].label_from_instance = lambda m: (
            f"{m.full_name} – {m.get_position_display()}"
        )


class NewMemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    agency = forms.ModelChoiceField(
        label=_("Agency represented"), queryset=Agency.objects.none(), required=False
    )
    position = forms.ChoiceField(
        label=_("Position"), choices=Position.choices, initial=Position.MEMBER
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(unit=committee.unit, active=True)


NewMemberFormSet = forms.formset_factory(NewMemberForm, extra=3)
