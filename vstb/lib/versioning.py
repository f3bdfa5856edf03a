"""One way to refuse a lost update (issue 12, finding 4): an edit form carries the version of
what the person started from, and saving is a conditional UPDATE on that version, so that of
two people saving at once, or a form left open in another tab, one wins and the other is told,
with both versions side by side; never a silent overwrite.

    class Activity(Versioned, ...): ...
    class ActivityForm(VersionedForm, forms.ModelForm): ...

    if save_unless_stale(form, form.save) is not None:
        ...                             # else: the message, and `form.stale_rows` for _stale.html
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

STALE = _(
    "Someone saved this while you were editing it, so your changes were not saved. Both "
    "versions are shown below: copy what you need into the form, then save again."
)


class Versioned(models.Model):
    """A model edited by several people: `version` goes up by one at every save of a form."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(Exception):
    """The object was saved by someone else since the form was shown; `theirs` is it now."""

    def __init__(self, theirs: Any) -> None:
        super().__init__("stale edit")
        self.theirs = theirs


class VersionedForm(forms.BaseForm):
    """A ModelForm mixin: a hidden `version`, checked and moved on by `save`."""

    instance: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=self.instance.version
        )
        self.stale_rows: list[tuple[str, str, str]] = []
        self.sent_version = 0

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        # Kept apart: the form's other values are the object's fields.
        self.sent_version = cleaned.pop("version", None) or 0
        return cleaned

    def save(self, commit: bool = True) -> Any:
        """Claim the version the person started from (a conditional UPDATE that also locks
        the row until the transaction ends), then save; StaleEdit when it moved meanwhile.
        Run it inside transaction.atomic()."""
        instance = self.instance
        if instance.pk is not None:
            sent = self.sent_version
            model = type(instance)
            claimed = model.objects.filter(pk=instance.pk, version=sent).update(
                version=F("version") + 1
            )
            if not claimed:
                raise StaleEdit(model.objects.get(pk=instance.pk))
            instance.version = sent + 1
        return super().save(commit)  # type: ignore[misc]

    def show_stale(self, stale: StaleEdit) -> None:
        """Put the message on the form, the differing fields in `stale_rows` (label, what
        the person sent, what is saved), and the saved version in the form, so that saving
        again is a deliberate choice."""
        theirs = stale.theirs
        self.add_error(None, STALE)
        for name, field in self.fields.items():
            if name == "version" or name not in self.cleaned_data:
                continue
            mine, saved = self.cleaned_data[name], _saved_value(theirs, name)
            if _shown(mine) != _shown(saved):
                self.stale_rows.append((str(field.label or name), _shown(mine), _shown(saved)))
        data = QueryDict(mutable=True)
        data.update(self.data)
        data["version"] = str(theirs.version)
        self.data = data


def _saved_value(instance: Any, name: str) -> Any:
    value: Any = getattr(instance, name, None)
    if value is not None and hasattr(value, "all"):  # a many-to-many manager
        return list(value.all())
    return value


def _shown(value: Any) -> str:
    """A value as a person reads it: lists joined, dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set) or isinstance(value, models.QuerySet):
        return "; ".join(sorted(_shown(item) for item in value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def save_unless_stale(form: VersionedForm, save: Callable[[], Any]) -> Any:
    """Run `save` (which saves `form`, and returns what it saved) in a transaction: what it
    returned; None, with both versions shown on the form, when someone saved meanwhile."""
    try:
        with transaction.atomic():
            return save()
    except StaleEdit as stale:
        form.show_stale(stale)
        return None
