"""Uploads: the form of every spreadsheet import (an XLSX workbook, by content, of a sane
size) and the handler that bounds every upload while it streams."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
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


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for uploads (to a temporary file, not memory), which stops an upload
    that grows past settings.VSTB_REQUEST_MAX_MB while it streams: a request sent without
    its length escapes RequestSizeLimitMiddleware, not this."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.VSTB_REQUEST_MAX_MB * 1024 * 1024:
            self.file.close()
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)
