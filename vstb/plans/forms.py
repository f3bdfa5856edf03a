from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.lib.versioning import VersionedForm
from vstb.org.forms import DateField, UnitChoiceField, UnitMultipleChoiceField
from vstb.org.models import Agency, Unit
from vstb.plans.models import Plan, Section, Task, TaskStatus, Theme


class LinesField(forms.CharField):
    """A list of strings typed one per line (recipients, signer lines, paragraphs)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


STALE_PLAN = _(
    "Someone else saved this plan after you opened it. Your changes were not saved: "
    "reload the page to see theirs, then make your changes again."
)


class PlanForm(forms.ModelForm):
    preamble = LinesField(
        label=_("Opening paragraphs"),
        required=False,
        help_text=_("One paragraph per line, e.g. “Thực hiện Kế hoạch số … của …”."),
    )
    recipients = LinesField(
        label=_("Recipients (Nơi nhận)"),
        required=False,
        help_text=_("One per line; end with “Lưu: VT, …”."),
    )
    signer_lines = LinesField(
        label=_("Signer's authority and position"),
        required=False,
        help_text=_("One per line, e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Plan
        fields = [
            "kind",
            "issuer_body",
            "issuer_parent",
            "issuer_name",
            "year",
            "symbol",
            "place",
            "subject",
            "preamble",
            "recipients",
            "signer_lines",
            "signer_name",
        ]
        widgets = {"subject": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter the year the plan covers, for example 2026."))
        return year

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("version") != self.instance.version:
            raise forms.ValidationError(STALE_PLAN, code="stale")
        return cleaned


class SectionForm(VersionedForm, forms.ModelForm):
    paragraphs = LinesField(
        label=_("Text"),
        required=False,
        help_text=_("One paragraph per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Section
        fields = ["label", "title", "kind", "paragraphs"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and not cleaned.get("paragraphs"):
            raise forms.ValidationError(_("Write a heading or some text for this item."))
        if cleaned.get("label") == "-" and cleaned.get("title"):
            raise forms.ValidationError(
                _("A “-” item has text, not a heading: move the heading into the text.")
            )
        return cleaned


class TaskForm(forms.ModelForm):
    due = DateField(label=_("Due date"), required=False)
    period_start = DateField(label=_("Period from"), required=False)
    period_end = DateField(label=_("Period to"), required=False)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Task
        fields = [
            "lead",
            "support",
            "units",
            "addresses_all_lower_units",
            "due",
            "period_start",
            "period_end",
            "themes",
        ]
        widgets = {"support": forms.CheckboxSelectMultiple, "units": forms.CheckboxSelectMultiple}
        field_classes = {"units": UnitMultipleChoiceField}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(unit=plan.unit, active=True).order_by("kind", "name")
        self.fields["lead"].queryset = agencies
        self.fields["support"].queryset = agencies
        # Only the lower units that exist during the plan's year, and those it already
        # addresses: a unit that ceased before the year is not offered.
        units = plan_year_units(Unit.objects.filter(parent=plan.unit), plan)
        if self.instance.pk:
            units = units | Unit.objects.filter(pk__in=self.instance.units.values("pk"))
        self.fields["units"].queryset = units.select_related("parent").order_by("search_name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Enter both ends of the period, or neither."))
        if start and end and end < start:
            raise forms.ValidationError(_("The period ends before it starts. Check the two dates."))
        if cleaned.get("due") and start:
            raise forms.ValidationError(_("Give either a due date or a period, not both."))
        return cleaned


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = DateField(label=_("As of"), initial=timezone.localdate)


class IssueForm(forms.Form):
    on = DateField(label=_("Date of issue"), initial=timezone.localdate)
    number = forms.IntegerField(
        label=_("Number given by the records office"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to take the next number of the register."),
    )


def plan_year_units(units, plan: Plan):
    """`units` that exist on at least one day of the plan's year."""
    return units.valid_during(date(plan.year, 1, 1), date(plan.year, 12, 31))


class CascadeForm(forms.Form):
    unit = UnitChoiceField(label=_("Lower unit"), queryset=Unit.objects.none())

    def __init__(self, *args, units, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        units = plan_year_units(units, plan).select_related("parent").order_by("path")
        field = self.fields["unit"]
        field.queryset = units
        only = list(units[:2])
        if len(only) == 1:
            # Nothing to choose: the one unit is selected, without an empty choice.
            field.initial, field.empty_label = only[0].pk, None
