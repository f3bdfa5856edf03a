from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.lib.archives import unpacks_within
from vstb.lib.files import pdf_active_content, sniff
from vstb.lib.versioning import VersionedForm
from vstb.org.forms import DateField
from vstb.org.models import Agency
from vstb.reviews.criteria import CRITERIA, Answer
from vstb.reviews.models import DraftReview, Finding, Outcome
from vstb.reviews.services import drafting_agencies

TEXTAREA = forms.Textarea(attrs={"rows": 3})
# A draft with its pictures and tables unpacks to some tens of megabytes.
MAX_DOCX_UNPACKED = 60 * 1024 * 1024

TOO_LARGE = _("The file is larger than %(limit)s MB. Send the draft as a smaller PDF or DOCX.")
NOT_A_DRAFT = _(
    "This file is not a PDF or a DOCX, whatever its name says. Save the draft as PDF or DOCX and choose that file."
)
ACTIVE_PDF = _(
    "This PDF holds scripts, attached files or other active content, which a draft does not need. Print it again to PDF (Print → Save as PDF) and choose that file."
)
DOCX_BOMB = _(
    "This DOCX unpacks to far more than a document holds. Save it as PDF and choose that file."
)


def check_draft_file(upload) -> tuple[str, str]:
    """(content type, extension) of a draft's file, by its content: a PDF without active
    content or a DOCX of a document's size (vstb/lib/files.py), at most VSTB_IMPORT_MAX_MB."""
    limit = settings.VSTB_IMPORT_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise forms.ValidationError(TOO_LARGE % {"limit": limit})
    data = upload.read()
    upload.seek(0)
    kind = sniff(data)
    if kind is None or kind[1] not in ("pdf", "docx"):
        raise forms.ValidationError(NOT_A_DRAFT)
    if kind[1] == "pdf" and pdf_active_content(data):
        raise forms.ValidationError(ACTIVE_PDF)
    if kind[1] == "docx" and not unpacks_within(data, MAX_DOCX_UNPACKED):
        raise forms.ValidationError(DOCX_BOMB)
    return kind


class AgencyChoiceField(forms.ModelChoiceField):
    """An agency with its unit when it is not the review's own ("Sở Tư pháp · Thành phố Hà
    Nội")."""

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit

    def label_from_instance(self, obj) -> str:
        if self.unit is not None and obj.unit_id != self.unit.pk:
            return f"{obj.name} · {obj.unit.name}"
        return obj.name


class ReviewForm(VersionedForm, forms.ModelForm):
    """The draft's details: who sent it, what it is, when opinions are due, who reviews it."""

    drafting_agency = AgencyChoiceField(
        label=_("Drafting agency"), queryset=Agency.objects.none(), required=False
    )
    reviewer_agency = AgencyChoiceField(
        label=_("Reviewer"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("The secretariat"),
        help_text=_(
            "The member agency that reviews the draft; its focal points can then work on it."
        ),
    )
    received_on = DateField(label=_("Received on"))
    opinion_due = DateField(label=_("Opinions due by"), required=False)

    class Meta:
        model = DraftReview
        fields = [
            "draft_kind",
            "draft_title",
            "drafting_agency",
            "drafting_body",
            "received_on",
            "opinion_due",
            "reviewer_agency",
        ]

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["drafting_agency"].queryset = drafting_agencies(unit)
        self.fields["drafting_agency"].unit = unit
        self.fields["reviewer_agency"].queryset = Agency.objects.filter(unit=unit, active=True)


class ReceiveForm(ReviewForm):
    """A draft received for the committee's opinion, with its file."""

    file = forms.FileField(label=_("The draft (PDF or DOCX)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate
        del self.fields["version"]  # a new review: nothing to be stale against

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.sniffed = check_draft_file(upload)
        return upload


class ChecklistForm(forms.Form):
    """One answer and a note for each criterion (criteria.py), and the review's version."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, review: DraftReview, **kwargs):
        super().__init__(*args, **kwargs)
        answers = {a.code: a for a in review.answers.all()}
        self.fields["version"].initial = review.version
        self.rows = []
        for criterion in CRITERIA:
            given = answers.get(criterion.code)
            self.fields[criterion.code] = forms.ChoiceField(
                label=criterion.question,
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=given.answer if given else None,
            )
            self.fields[f"{criterion.code}_note"] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.note if given else "",
            )
            self.rows.append((criterion, given))

    def criteria(self):
        """(criterion, its answer field, its note field) in the checklist's order."""
        return [
            (criterion, self[criterion.code], self[f"{criterion.code}_note"])
            for criterion, _given in self.rows
        ]

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            criterion.code: (data.get(criterion.code) or "", data.get(f"{criterion.code}_note", ""))
            for criterion in CRITERIA
            if data.get(criterion.code)
        }

    def clean(self):
        cleaned = super().clean()
        for criterion in CRITERIA:
            if cleaned.get(f"{criterion.code}_note", "").strip() and not cleaned.get(
                criterion.code
            ):
                self.add_error(
                    criterion.code,
                    _("Choose an answer for this question, or clear its note."),
                )
        return cleaned


class FindingForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["reference", "finding", "recommendation"]
        widgets = {"finding": TEXTAREA, "recommendation": TEXTAREA}


class OutcomeForm(forms.Form):
    """How the adopted text took the opinion up: overall and finding by finding."""

    outcome = forms.ChoiceField(label=_("Opinion taken up"), choices=Outcome.choices)
    adopted_reference = forms.CharField(
        label=_("Adopted text"),
        max_length=300,
        help_text=_("Its number and symbol, e.g. Nghị quyết số 12/2026/NQ-HĐND."),
    )
    adopted_on = DateField(label=_("Adopted on"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, review: DraftReview, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = review.version
        self.fields["outcome"].initial = review.outcome or None
        self.fields["adopted_reference"].initial = review.adopted_reference
        self.fields["adopted_on"].initial = review.adopted_on
        self.findings = list(findings)
        for finding in self.findings:
            self.fields[f"finding_{finding.pk}"] = forms.ChoiceField(
                label=finding.reference or _("The draft as a whole"),
                choices=Outcome.choices,
                initial=finding.taken_up or None,
                help_text=finding.finding,
            )

    def taken_up(self) -> dict[int, str]:
        return {f.pk: self.cleaned_data[f"finding_{f.pk}"] for f in self.findings}
