from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.activities.models import Activity
from vstb.leaders import services
from vstb.leaders.models import Candidate
from vstb.lib.uploads import XlsxUploadForm
from vstb.lib.versioning import VersionedForm
from vstb.org.forms import DateField
from vstb.org.models import Unit

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class TrainingField(forms.ModelMultipleChoiceField):
    """A training: "08/03/2026 · Lớp bồi dưỡng … · Quận Long Biên"."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.start:%d/%m/%Y} · {obj.title} · {obj.unit.name}"


class CandidateForm(VersionedForm, forms.ModelForm):
    trainings = TrainingField(
        label=_("Training attended"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Trainings recorded as activities of this unit or of the units above it."),
    )

    class Meta:
        model = Candidate
        fields = [
            "full_name",
            "sex",
            "current_position",
            "current_agency",
            "planned_agency",
            "planned_title",
            "planned_rank",
            "key_position",
            "term_start",
            "term_end",
            "trainings",
            "note",
        ]
        widgets = {"note": TEXTAREA}

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        agencies = services.agencies_of(unit)
        self.fields["current_agency"].queryset = agencies
        self.fields["planned_agency"].queryset = agencies
        self.fields["trainings"].queryset = services.trainings_for(unit)
        year = timezone.localdate().year
        self.fields["term_start"].widget.attrs["placeholder"] = str(year)
        self.fields["term_end"].widget.attrs["placeholder"] = str(year + 5)

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Type the candidate's full name."))
        return name


class AppointForm(forms.Form):
    appointed_on = DateField(label=_("Appointed on"))
    title = forms.CharField(
        label=_("Position as appointed"),
        max_length=200,
        required=False,
        help_text=_("Leave empty when it is the position planned."),
    )
    record_position = forms.BooleanField(
        label=_("Record the key leadership position in the register"),
        required=False,
        initial=True,
        help_text=_("Leave unticked only when the position is already in the register."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_appointed_on(self):
        day = self.cleaned_data["appointed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("An appointment is recorded once it is made: the date cannot be in the future.")
            )
        return day


class RemoveForm(forms.Form):
    removed_on = DateField(label=_("Removed on"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ImportForm(XlsxUploadForm):
    too_large = _("The file is larger than %(limit)s MB. Split the candidates into several files.")
