from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vstb.notifications.models import (
    Kind,
    UnitReminderSettings,
    Webhook,
    WebhookEvent,
    validate_days_before,
)
from vstb.notifications.webhooks import refused_host


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


class WebhookForm(forms.ModelForm):
    """A unit's system to call: its address (http or https, not a private address) and the
    events it wants. The secret is generated, never typed."""

    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The address of your system that VSTB calls, starting with https://."),
        error_messages={"invalid": _("Enter a web address starting with https:// or http://.")},
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=WebhookEvent.values,
        error_messages={"required": _("Choose at least one event.")},
    )

    class Meta:
        model = Webhook
        fields = ["url", "events", "include_lower_units"]
        help_texts = {
            "include_lower_units": _(
                "Also call this address for the plans and reports of every unit below this one."
            ),
        }

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ValidationError(_("Enter a web address starting with https:// or http://."))
        if parts.username or parts.password:
            raise ValidationError(
                _("Leave the user name and password out of the address; VSTB signs its calls.")
            )
        if refused_host(parts.hostname or ""):
            raise ValidationError(
                _("VSTB does not call local or private network addresses. Enter a public address.")
            )
        return url

    def clean_events(self) -> list[str]:
        # In the order of WebhookEvent, whatever order the browser sent them in.
        chosen = set(self.cleaned_data["events"])
        return [event for event in WebhookEvent.values if event in chosen]
