from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vstb.activities.models import ActivityKind
from vstb.indicators.models import DataElement, Measure
from vstb.lib.versioning import VersionedForm
from vstb.org.forms import DateField
from vstb.org.models import Level
from vstb.plans.forms import LinesField
from vstb.reporting.models import NARRATIVE_SECTIONS, Figure, PeriodRuleChoice, Requirement
from vstb.reporting.services import INDICATOR_PERIODS, levels_below

# Due-date fields by level of the reporter, as Requirement.due_dates keys them.
LEVEL_WORDS = {
    Level.PROVINCE: gettext_lazy("Due date for the provinces"),
    Level.DISTRICT: gettext_lazy("Due date for the districts"),
    Level.COMMUNE: gettext_lazy("Due date for the communes and wards"),
}


class RequirementForm(VersionedForm, forms.ModelForm):
    """The requirement and a due date per level present below its unit, and for agencies.

    The data window is computed by Requirement.clean (Decree 09/2019 art. 12) unless the
    period is "custom", when its two dates are typed."""

    window_start = DateField(
        label=gettext_lazy("Data from"),
        required=False,
        help_text=gettext_lazy("Typed only for custom dates; otherwise computed from the period."),
    )
    window_end = DateField(label=gettext_lazy("Data to"), required=False)

    class Meta:
        model = Requirement
        fields = [
            "title",
            "kind",
            "period_rule",
            "year",
            "quarter",
            "window_start",
            "window_end",
            "reporters",
        ]
        help_texts = {
            "quarter": gettext_lazy("Only for a quarterly report: 1 to 4."),
            "period_rule": gettext_lazy(
                "The data window follows Decree 09/2019/NĐ-CP, art. 12; choose “custom dates” "
                "to type it."
            ),
        }

    def __init__(self, *args, levels: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.due_keys = [str(level) for level in levels if level in LEVEL_WORDS] + ["agency"]
        for key in self.due_keys:
            label = LEVEL_WORDS[int(key)] if key != "agency" else _("Due date for member agencies")
            due = (self.instance.due_dates or {}).get(key)
            self.fields[f"due_{key}"] = DateField(
                label=label, required=False, initial=date.fromisoformat(due) if due else None
            )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter the year the report covers, for example 2026."))
        return year

    def clean(self):
        cleaned = super().clean()
        custom = cleaned.get("period_rule") == PeriodRuleChoice.CUSTOM
        if cleaned.get("period_rule") != PeriodRuleChoice.QUARTERLY:
            cleaned["quarter"] = None
        if custom and not (cleaned.get("window_start") and cleaned.get("window_end")):
            raise forms.ValidationError(
                _("With custom dates, enter the first and the last day of the data window.")
            )
        district, commune = cleaned.get("due_2"), cleaned.get("due_3")
        if district and commune and commune > district:
            raise forms.ValidationError(
                _(
                    "The communes report to the district before the district reports upward: "
                    "their due date cannot come after the districts' due date."
                )
            )
        return cleaned

    def save(self, commit: bool = True) -> Requirement:
        self.instance.due_dates = {
            key: self.cleaned_data[f"due_{key}"].isoformat()
            for key in self.due_keys
            if self.cleaned_data.get(f"due_{key}")
        }
        return super().save(commit)

    def due_fields(self):
        return [self[f"due_{key}"] for key in self.due_keys]


ACTIVITY_SOURCES = {
    Figure.Source.ACTIVITIES_BY_KIND,
    Figure.Source.PARTICIPANTS_BY_KIND,
    Figure.Source.OUTPUTS,
}


class FigureForm(forms.ModelForm):
    order = forms.IntegerField(
        label=gettext_lazy("Order"),
        min_value=0,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "style": "max-width:4rem"}),
    )
    source_kind = forms.ChoiceField(
        label=gettext_lazy("Activity type"),
        choices=[("", gettext_lazy("Any type")), *ActivityKind.choices],
        required=False,
    )

    element = forms.ModelChoiceField(
        label=gettext_lazy("Indicator figure"),
        queryset=DataElement.objects.filter(additive=True, measure=Measure.COUNT).order_by(
            "order", "code"
        ),
        required=False,
        empty_label=gettext_lazy("None"),
        help_text=gettext_lazy(
            "When a unit's own 6-month or annual report is accepted, this figure is written "
            "into its indicator figures for the year."
        ),
    )

    class Meta:
        model = Figure
        fields = [
            "order",
            "code",
            "label",
            "by_sex",
            "required",
            "source",
            "source_kind",
            "element",
        ]
        widgets = {
            "code": forms.TextInput(attrs={"style": "max-width:9rem"}),
            "label": forms.TextInput(attrs={"style": "min-width:18rem"}),
        }

    def __init__(self, *args, reporter_levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.reporter_levels = reporter_levels  # read once by the formset, when first asked

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") not in ACTIVITY_SOURCES:
            # Hand-entered figures and the case register's come from no activity type.
            cleaned["source_kind"] = ""
        if cleaned.get("order") is None:
            cleaned["order"] = 9999  # a new row goes last; the formset numbers the rows again
        requirement = getattr(self.instance, "requirement", None)
        element = cleaned.get("element")
        if element and requirement is not None:
            if requirement.period_rule not in INDICATOR_PERIODS:
                self.add_error(
                    "element",
                    _(
                        "Only the figures of a 6-month or annual report can be written into "
                        "indicator figures. Choose “None”, or change the report's period."
                    ),
                )
                return cleaned
            # The figure is written for the reporting units; it must be one their level enters.
            levels = self.reporter_levels()
            if levels and not any(element.entered_at(level) for level in levels):
                self.add_error(
                    "element",
                    _(
                        "The units reporting here (%(reporters)s) do not enter this indicator "
                        "figure; it is entered at: %(levels)s. Choose another one, or “None”."
                    )
                    % {
                        "reporters": ", ".join(str(Level(level).label) for level in levels),
                        "levels": ", ".join(str(Level(level).label) for level in element.levels),
                    },
                )
        return cleaned


class BaseFigureFormSet(forms.BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "reporter_levels": self.reporter_levels}

    def reporter_levels(self) -> list[int]:
        """The levels of the units reporting against the requirement: one query for all the
        rows that link an indicator figure, none when no row does."""
        if not hasattr(self, "_reporter_levels"):
            requirement = self.instance
            self._reporter_levels = levels_below(requirement.unit, requirement.window_end)
        return self._reporter_levels

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            figure = form.instance
            if (
                figure.pk
                and figure.values.exclude(report__status__in=["draft", "returned"]).exists()
            ):
                raise forms.ValidationError(
                    _(
                        "“%(label)s” already has numbers in submitted reports, so it cannot be "
                        "removed."
                    )
                    % {"label": figure.label}
                )

    def save(self, commit: bool = True):
        saved = super().save(commit)
        # Number the rows 1, 2, 3… in the order the user gave.
        figures = sorted(self.instance.figures.all(), key=lambda f: (f.order, f.pk))
        for position, figure in enumerate(figures, start=1):
            if figure.order != position:
                Figure.objects.filter(pk=figure.pk).update(order=position)
        return saved


FigureFormSet = forms.inlineformset_factory(
    Requirement, Figure, form=FigureForm, formset=BaseFigureFormSet, extra=2, can_delete=True
)


NUMBER = forms.TextInput(attrs={"inputmode": "numeric", "style": "max-width:7rem"})


class ReportForm(forms.Form):
    """A report's narrative sections and figures; `version` is the optimistic lock."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report, figures, values=None, **kwargs):
        """`figures`: the requirement's; `values`: the report's by figure id, read here if the
        caller has not read them already."""
        super().__init__(*args, **kwargs)
        self.figures = figures
        if values is None:
            values = {v.figure_id: v for v in report.values.all()}
        self.fields["version"].initial = report.version
        for key, label in NARRATIVE_SECTIONS:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                initial=(report.narrative or {}).get(key, ""),
                widget=forms.Textarea(attrs={"rows": 8 if key == "results" else 4}),
            )
        for figure in figures:
            value = values.get(figure.pk)
            parts = ("total", "women", "men") if figure.by_sex else ("total",)
            for part in parts:
                self.fields[f"f{figure.pk}_{part}"] = forms.IntegerField(
                    label=figure.label,
                    min_value=0,
                    required=False,
                    initial=getattr(value, part, None),
                    widget=NUMBER,
                )

    def narrative_fields(self):
        return [self[key] for key, _label in NARRATIVE_SECTIONS]

    def figure_rows(self):
        """(figure, total, women, men) bound fields; women and men are None without by_sex."""
        rows = []
        for figure in self.figures:
            parts = [
                self[f"f{figure.pk}_{part}"] if f"f{figure.pk}_{part}" in self.fields else None
                for part in ("total", "women", "men")
            ]
            rows.append((figure, *parts))
        return rows

    def narrative(self) -> dict[str, str]:
        return {key: self.cleaned_data[key].strip() for key, _label in NARRATIVE_SECTIONS}

    def figure_values(self) -> dict[int, dict]:
        return {
            figure.pk: {
                part: self.cleaned_data.get(f"f{figure.pk}_{part}")
                for part in ("total", "women", "men")
            }
            for figure in self.figures
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What must be corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IssueForm(forms.Form):
    signer_lines = LinesField(
        label=gettext_lazy("Signer's authority and position"),
        help_text=gettext_lazy(
            "One per line, e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    signer_name = forms.CharField(label=gettext_lazy("Signer's name"), max_length=120)

    def __init__(self, *args, coverage=None, **kwargs):
        """`coverage`: the compilation's (services.Coverage) when a compiled report is
        issued; when it leaves expected reporters out, issuing asks for confirmation."""
        super().__init__(*args, **kwargs)
        if coverage is not None and not coverage.complete:
            self.fields["confirm_incomplete"] = forms.BooleanField(
                label=gettext_lazy(
                    "I confirm issuing this report although it leaves out the reporters "
                    "listed above."
                ),
                # Checked by the browser first; issue_report refuses without it anyway.
                required=False,
                widget=forms.CheckboxInput(attrs={"required": True}),
            )


class CompileForm(forms.Form):
    """Compiling; when expected reporters are left out, their absence must be confirmed."""

    confirm_incomplete = forms.BooleanField(
        label=gettext_lazy("I confirm compiling without the reports listed as missing."),
        required=False,
    )
