from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vstb.notifications.models import Kind, UnitReminderSettings, validate_days_before


class PreferencesForm(forms.Form):
    """One box per kind of notification: unticking one stops its e-mails (it still appears
    in the app); and the daily digest instead of one e-mail each."""

    def __init__(self, *args, enabled: dict[str, bool], daily_digest: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=enabled.get(kind, True)
            )
        self.fields["daily_digest"] = forms.BooleanField(
            label=_("One e-mail a day"),
            required=False,
            initial=daily_digest,
            help_text=_(
                "Receive one e-mail a day listing your notifications instead of one e-mail each."
            ),
        )


class UnitReminderSettingsForm(forms.ModelForm):
    days_before = forms.CharField(
        label=_("Days before the deadline"),
        help_text=_(
            "Tasks of this unit's plans are reminded this many days before their deadline, "
            "e.g. 7, 1."
        ),
    )

    class Meta:
        model = UnitReminderSettings
        fields = ["days_before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.days_before and not self.is_bound:
            self.initial["days_before"] = ", ".join(str(n) for n in self.instance.days_before)

    def clean_days_before(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["days_before"].split(",")]
        try:
            days = [int(part) for part in parts if part]
        except ValueError:
            raise ValidationError(
                _("Enter whole numbers of days separated by commas, e.g. 7, 1.")
            ) from None
        validate_days_before(days)
        return sorted(days, reverse=True)
