from django import forms
from django.utils.translation import gettext_lazy as _

from vstb.indicators import services
from vstb.indicators.models import (
    Area,
    Indicator,
    LeadershipPosition,
    PublicPage,
    SexSlot,
    Target,
)
from vstb.lib.uploads import XlsxUploadForm


class FigureField(forms.CharField):
    """A figure as people type it: 1.500 is fifteen hundred, 12,5 is twelve and a half."""

    def to_python(self, value):
        try:
            return services.parse_figure(super().to_python(value))
        except services.FigureError as error:
            raise forms.ValidationError(str(error)) from None


def field_name(cell: services.Cell) -> str:
    element_id, sex, area = cell
    return f"v_{element_id}_{sex or 't'}_{area or 'all'}"


class EntryForm(forms.Form):
    """Every figure a unit enters for one period: one field a cell, the stored figure in it."""

    def __init__(self, *args, elements, stored, **kwargs):
        super().__init__(*args, **kwargs)
        self.elements = {element.pk: element for element in elements}
        self.cells: list[services.Cell] = []
        self.rows = []
        for element in elements:
            row = []
            for sex, area in element.slots():
                cell = (element.pk, sex, area)
                value = stored.get(cell)
                name = field_name(cell)
                self.fields[name] = FigureField(
                    label=services.cell_label(element, sex, area),
                    required=False,
                    initial=services.format_figure(value.value if value else None),
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
                )
                self.cells.append(cell)
                row.append((sex, area, name))
            self.rows.append((element, row))

    def bound_rows(self):
        """(element, {(sex, area): bound field}) for the template's table."""
        for element, row in self.rows:
            yield element, {(sex, area): self[name] for sex, area, name in row}

    def clean(self):
        cleaned = super().clean()
        values = {
            cell: cleaned.get(field_name(cell))
            for cell in self.cells
            if field_name(cell) in cleaned
        }
        for cell, messages in services.check_values(self.elements, values).items():
            for message in messages:
                self.add_error(field_name(cell), message)
        return cleaned

    def entries(self) -> dict:
        return {cell: self.cleaned_data.get(field_name(cell)) for cell in self.cells}


SLOTS = [
    (SexSlot.TOTAL, Area.ALL),
    (SexSlot.WOMEN, Area.ALL),
    (SexSlot.MEN, Area.ALL),
    (SexSlot.TOTAL, Area.URBAN),
    (SexSlot.TOTAL, Area.RURAL),
]
# The heading of each column of the entry table (and each box's label on a phone).
COLUMN_LABELS = {
    (SexSlot.TOTAL, Area.ALL): _("Total"),
    (SexSlot.WOMEN, Area.ALL): _("Women"),
    (SexSlot.MEN, Area.ALL): _("Men"),
    (SexSlot.TOTAL, Area.URBAN): _("Urban"),
    (SexSlot.TOTAL, Area.RURAL): _("Rural"),
}


class LocalTargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "year", "operator", "value", "wording", "source"]
        help_texts = {
            "source": _(
                "The local plan that sets it, e.g. Kế hoạch số 180/KH-UBND ngày 18/5/2023."
            ),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["indicator"].queryset = Indicator.objects.order_by("order", "code")
        self.fields["value"].required = True
        self.fields["source"].required = True

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year such as 2025."))
        return year

    def clean(self):
        cleaned = super().clean()
        indicator, year = cleaned.get("indicator"), cleaned.get("year")
        taken = Target.objects.filter(indicator=indicator, unit=self.instance.unit, year=year)
        if indicator and year and taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This unit already has a target for this indicator and year.")
            )
        return cleaned


class PositionForm(forms.ModelForm):
    class Meta:
        model = LeadershipPosition
        fields = ["agency", "title", "rank", "holder_sex", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "end": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["agency"].queryset = unit.agencies.filter(active=True).order_by("name")


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ImportForm(XlsxUploadForm):
    """The indicators' figures template, filled in."""


class PublicPageForm(forms.ModelForm):
    """Whether the unit's public page is on, and which indicators it shows."""

    class Meta:
        model = PublicPage
        fields = ["enabled", "indicators"]
        widgets = {"indicators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = Indicator.objects.filter(
            numerator__isnull=False
        ).order_by("order", "code")
        self.fields["indicators"].label_from_instance = lambda i: f"{i.code} – {i.name_vi}"
