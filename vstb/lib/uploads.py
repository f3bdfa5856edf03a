"""The upload form of every spreadsheet import: an XLSX workbook, by content, of a sane size."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vstb.lib.files import XLSX, sniff


class XlsxUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in template (XLSX)"))
    # What to say when the file is too large; each import says what to do about it.
    too_large = _("The file is larger than %(limit)s MB. Download the template again.")

    def clean_file(self) -> bytes:
        """The upload's bytes, once they are known to be an XLSX workbook of a sane size."""
        upload = self.cleaned_data["file"]
        # Imports have no limit of their own: the evidence limit is as generous as needed.
        limit = settings.VSTB_EVIDENCE_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(self.too_large % {"limit": limit})
        data: bytes = upload.read()
        if sniff(data) != (XLSX, "xlsx"):
            raise forms.ValidationError(
                _(
                    "This file is not an Excel workbook (XLSX), whatever its name says. "
                    "Download the template, fill it in and send it back."
                )
            )
        return data
