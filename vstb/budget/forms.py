from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vstb.budget import services
from vstb.budget.models import MAX_AMOUNT, TOO_LARGE, EstimateLine
from vstb.lib.cells import CellError, whole_number
from vstb.lib.uploads import XlsxUploadForm
from vstb.lib.versioning import VersionedForm


class LineForm(VersionedForm, forms.ModelForm):
    # Text, so that an amount is typed as people write it: 5.000.000 or 5000000.
    amount = forms.CharField(
        label=_("Amount (VND)"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": _("Enter the amount in đồng.")},
    )

    class Meta:
        model = EstimateLine
        fields = ["section", "item", "source", "description", "amount"]

    def clean_amount(self) -> int:
        try:
            amount = whole_number(self.cleaned_data["amount"])
        except CellError as error:
            raise forms.ValidationError(str(error)) from None
        if amount > MAX_AMOUNT:
            raise forms.ValidationError(TOO_LARGE)
        return amount

    def __init__(self, *args: Any, plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = services.activity_groups(plan)
        self.fields["section"].empty_label = _("(the whole plan)")
        self.fields["description"].help_text = _(
            "What the money is for, e.g. Tập huấn kiến thức về giới cho cán bộ phường."
        )


class LinkForm(forms.Form):
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=None,
        error_messages={
            "required": _("Choose the activity whose cost is spent on this line."),
            "invalid_choice": _(
                "That activity cannot be spent on this plan. Choose one of the list."
            ),
        },
    )
    line = forms.ModelChoiceField(
        label=_("Estimate line"),
        queryset=None,
        error_messages={
            "required": _("Choose the line of the estimate."),
            "invalid_choice": _("Choose a line of this plan's estimate."),
        },
    )

    def __init__(self, *args: Any, estimate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = services.activities_to_link(estimate.plan)
        self.fields["activity"].label_from_instance = _activity_label
        self.fields["line"].queryset = estimate.lines.all()


def _activity_label(activity) -> str:
    cost = services.money(activity.cost) + " đ" if activity.cost is not None else "—"
    return f"{activity.start:%d/%m/%Y} · {activity.title} · {cost}"


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why is the estimate reopened?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the budget revision that changed the plan's money."),
        error_messages={
            "required": _("Write why the estimate is reopened, then reopen it again."),
        },
    )


class ImportForm(XlsxUploadForm):
    too_large = _("The file is larger than %(limit)s MB. Download the estimate again.")
