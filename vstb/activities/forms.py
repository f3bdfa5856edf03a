from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vstb.activities.models import AGE_GROUPS, Activity
from vstb.lib.archives import unpacks_within
from vstb.lib.files import pdf_active_content, sniff
from vstb.lib.versioning import VersionedForm
from vstb.org.forms import DateField
from vstb.org.models import Agency
from vstb.plans.models import PlanStatus, Task

AGE_GROUP_LABELS = {
    "under_16": _("under 16"),
    "16_30": _("16 to 30"),
    "31_60": _("31 to 60"),
    "over_60": _("over 60"),
}


BULLETS = {"-", "+", "•", "*"}
FIRST_WORDS = 12


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, task):
        """Tasks of one plan often begin alike ("Tổ chức…"); the plan's number, the item's
        place in it (II.1.a) and the first words tell them apart on a small screen too."""
        plan, section = task.plan, task.section
        labels = [s.label for s in (section.parent, section) if s and s.label not in BULLETS]
        place = "".join(label for label in labels if label)
        words = task.text.split()
        first = " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")
        number = plan.number_and_symbol or plan.get_kind_display()
        return f"{number} ({plan.unit.name}, {plan.year}) · {place} {first}".replace("  ", " ")


class ActivityForm(VersionedForm, forms.ModelForm):
    start = DateField(label=_("From"))
    end = DateField(label=_("To"), required=False)
    tasks = TaskChoiceField(
        label=_("Tasks carried out"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "agency",
            "tasks",
            "start",
            "end",
            "place",
            "participants_total",
            "participants_women",
            "participants_men",
            "participants_ethnic_minority",
            "participants_leaders",
            "articles",
            "broadcasts",
            "leaflets",
            "social_posts",
            "cost",
            "funding_source",
        ]

    def __init__(self, *args, unit, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["agency"].queryset = (
            agencies if agencies is not None else Agency.objects.filter(unit=unit)
        )
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].required = True
            self.fields["agency"].empty_label = None
        # Tasks of the issued plans of this unit and the units above it, newest year first.
        self.fields["tasks"].queryset = (
            Task.objects.filter(plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
            .filter(Q(plan__unit=unit) | Q(plan__unit_id__in=unit.ancestor_ids))
            .select_related("plan__unit", "section__parent")
            .order_by("-plan__year", "plan__unit__level", "section__order", "paragraph")
        )
        for group in AGE_GROUPS:
            self.fields[f"age_{group}"] = forms.IntegerField(
                label=AGE_GROUP_LABELS[group],
                required=False,
                min_value=0,
                initial=(self.instance.age_groups or {}).get(group),
            )

    def clean(self):
        cleaned = super().clean()
        self.instance.age_groups = {
            group: cleaned[f"age_{group}"]
            for group in AGE_GROUPS
            if cleaned.get(f"age_{group}") is not None
        }
        return cleaned


# A DOCX of evidence (minutes, a report) with its pictures unpacks to some tens of megabytes.
MAX_DOCX_UNPACKED = 60 * 1024 * 1024


def max_evidence_bytes() -> int:
    return settings.VSTB_EVIDENCE_MAX_MB * 1024 * 1024


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Photo, PDF or DOCX"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_evidence_bytes():
            raise forms.ValidationError(
                _(
                    "The file is larger than %(limit)s MB. Send a smaller photo or split the document."
                )
                % {"limit": settings.VSTB_EVIDENCE_MAX_MB}
            )
        head = upload.read()
        upload.seek(0)
        kind = sniff(head)
        if kind is None or kind[1] == "xlsx":
            raise forms.ValidationError(
                _(
                    "This file is not a photo (JPEG, PNG, WebP), a PDF or a DOCX, whatever its name says. "
                    "Choose one of those."
                )
            )
        if kind[1] == "pdf" and pdf_active_content(upload.read()):
            raise forms.ValidationError(
                _(
                    "This PDF holds scripts, attached files or other active content, which "
                    "evidence does not need. Print it again to PDF (Print → Save as PDF) and "
                    "attach that file."
                )
            )
        if kind[1] == "docx" and not unpacks_within(upload.read(), MAX_DOCX_UNPACKED):
            raise forms.ValidationError(
                _(
                    "This DOCX unpacks to far more than a document holds. Save it as PDF and attach that."
                )
            )
        upload.seek(0)
        upload.sniffed = kind
        return upload
