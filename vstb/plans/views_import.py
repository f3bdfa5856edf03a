"""Importing a plan from a file a user already has: upload, read, review, save."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.documents import layout
from vstb.documents.importer.read import max_bytes
from vstb.documents.signing import SigningError
from vstb.issuing import services as issuing
from vstb.issuing import signing
from vstb.lib.query import whole_number
from vstb.notifications import confirm, handoffs
from vstb.org.forms import DateField
from vstb.org.models import Agency, AgencyKind
from vstb.plans import services, tasks
from vstb.plans.forms import LinesField
from vstb.plans.models import ImportStatus, Plan, PlanImport, PlanKind, PlanStatus

# Fields of the header and the closing that every document has; those the reader left
# empty are highlighted for checking (a yellow box and a note saying it was not found).
CHECKED = [
    "doc_type",
    "number",
    "issuer_parent",
    "issuer_name",
    "subject",
    "place",
    "date",
    "year",
    "signer_name",
    "signer_lines",
    "recipients",
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Plan or work programme file (DOCX, DOC, ODT, RTF, PDF or TXT)")
    )

    def clean_file(self):
        """Refused before anything is stored: too large a file leaves no trace."""
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _(
                    "The file is larger than %(limit)s MB. Save the plan alone (without "
                    "pictures) or as PDF, then upload it again."
                )
                % {"limit": max_bytes() // (1024 * 1024)}
            )
        return upload


class ReviewForm(forms.Form):
    doc_type = forms.ChoiceField(label=gettext_lazy("Kind"), choices=PlanKind.choices)
    number = forms.IntegerField(label=gettext_lazy("Number"), required=False, min_value=1)
    symbol = forms.CharField(label=gettext_lazy("Symbol"), required=False, max_length=40)
    issuer_parent = forms.CharField(
        label=gettext_lazy("Parent body (header, first line)"), required=False
    )
    issuer_name = forms.CharField(
        label=gettext_lazy("Issuing body (header, second line)"), required=False
    )
    place = forms.CharField(label=gettext_lazy("Place"), required=False, max_length=100)
    date = DateField(label=gettext_lazy("Date"), required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    subject = forms.CharField(
        label=gettext_lazy("Subject"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    preamble = LinesField(label=gettext_lazy("Opening paragraphs"), required=False)
    recipients = LinesField(label=gettext_lazy("Recipients (Nơi nhận)"), required=False)
    signer_lines = LinesField(label=gettext_lazy("Signer's authority and position"), required=False)
    signer_name = forms.CharField(label=gettext_lazy("Signer's name"), required=False)
    new_agencies = forms.MultipleChoiceField(
        label=gettext_lazy("Add these agencies to the unit"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Names in the document that match none of the unit's agencies."),
    )
    save_as = forms.ChoiceField(
        label=gettext_lazy("Save as"),
        choices=[
            ("draft", gettext_lazy("A draft, to correct in the editor")),
            ("issued", gettext_lazy("An issued plan, with its original number and date")),
        ],
        widget=forms.RadioSelect,
        initial="draft",
    )

    record_decision = forms.BooleanField(
        label=gettext_lazy("Also keep the decision as an issued document of this unit"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "With its original number and date, among the unit's decisions and letters."
        ),
    )

    def __init__(self, *args, unmatched=(), decision=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_agencies"].choices = [(name, name) for name in unmatched]
        if not decision:
            del self.fields["record_decision"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("save_as") == "issued" and not cleaned.get("date"):
            raise forms.ValidationError(
                _("An issued plan needs its date of issue. Enter it, or save a draft.")
            )
        # An issued plan always has its number: the one it was issued with on paper.
        if cleaned.get("save_as") == "issued" and not cleaned.get("number"):
            raise forms.ValidationError(_("Enter the number the plan was issued with."))
        return cleaned

    @staticmethod
    def initial_from(data: dict) -> dict:
        issuer = data.get("issuer") or {}
        signer = data.get("signer") or {}
        number = data.get("number")
        return {
            "doc_type": data.get("doc_type")
            if data.get("doc_type") in PlanKind.values
            else PlanKind.PLAN,
            "number": whole_number(number, minimum=1) if number else None,
            "symbol": data.get("symbol"),
            "issuer_parent": issuer.get("parent"),
            "issuer_name": issuer.get("name"),
            "place": data.get("place"),
            "date": date.fromisoformat(data["date"]) if data.get("date") else None,
            "year": data.get("year"),
            "subject": data.get("subject"),
            "preamble": data.get("preamble") or [],
            "recipients": data.get("recipients") or [],
            "signer_lines": signer.get("lines") or [],
            "signer_name": signer.get("name"),
        }

    def apply_to(self, data: dict) -> dict:
        """The document with the reviewed header fields written back into it."""
        c = self.cleaned_data
        return {
            **data,
            "doc_type": c["doc_type"],
            "number": f"{c['number']:02d}" if c["number"] else None,
            "symbol": c["symbol"] or None,
            "issuer": {"parent": c["issuer_parent"] or None, "name": c["issuer_name"] or None},
            "place": c["place"] or None,
            "date": c["date"].isoformat() if c["date"] else None,
            "date_partial": None if c["date"] else data.get("date_partial"),
            "year": c["year"],
            "subject": c["subject"] or None,
            "preamble": c["preamble"],
            "recipients": c["recipients"],
            "signer": {"lines": c["signer_lines"], "name": c["signer_name"] or None}
            if c["signer_lines"] or c["signer_name"]
            else None,
        }


@authenticated
def import_upload(request, unit_pk):
    unit = access.get_unit_for_user(request.user, unit_pk, write=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = PlanImport(unit=unit, original_name=upload.name[:255], created_by=request.user)
        record.file.save(
            f"upload-{unit.pk}.{upload.name.rsplit('.', 1)[-1].lower()[:5]}", upload, save=False
        )
        record.save()
        return redirect("plans:import_review", pk=record.pk)
    recent = PlanImport.objects.filter(unit=unit).select_related("plan")[:10]
    return render(
        request, "plans/import_upload.html", {"form": form, "unit": unit, "recent": recent}
    )


@authenticated
def import_review(request, pk):
    """Shows progress while the file is read, then the text beside what was recognised."""
    record = access.get_plan_import_for_user(request.user, pk)
    if request.htmx and request.method == "GET":
        # The page's poll while the file is read: nothing to change until it is done, then
        # the whole page again.
        if record.status == ImportStatus.READING:
            return HttpResponse(status=204)
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    if record.status == ImportStatus.SAVED:
        return redirect("plans:detail", pk=record.plan_id)
    form = None
    if record.status == ImportStatus.READ:
        unmatched = services.unmatched_agency_names(record.data, record.unit)
        form = ReviewForm(
            request.POST or None,
            initial=ReviewForm.initial_from(record.data),
            unmatched=unmatched,
            decision=bool(record.data.get("issued_by")),
        )
        if request.method == "POST" and form.is_valid():
            try:
                plan = _save(record, form, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The document has been saved as a plan. The original file is kept with it."),
                )
                target = "plans:edit" if plan.status == PlanStatus.DRAFT else "plans:detail"
                return redirect(target, pk=plan.pk)
    return render(request, "plans/import_review.html", _review_context(record, form))


def _review_context(record: PlanImport, form) -> dict:
    data = record.data or {}
    empty = [name for name in CHECKED if form is not None and not form.initial.get(name)]
    return {
        "record": record,
        "form": form,
        "unsure": set(empty),
        "warnings": data.get("warnings") or [],
        "counts": {
            "sections": _count(data.get("sections") or []),
            "tasks": len(data.get("tasks") or []),
        },
        "text_lines": record.text.splitlines(),
        "existing": services.existing_copy(record.unit, data) if data else None,
        "decision": _decision(data.get("issued_by")),
        # A file that is a decision and issues no plan (it may issue a regulation, its annex).
        "decision_alone": _decision(data)
        if data.get("doc_type") == "QĐ" and not data.get("issued_by")
        else None,
        **_signatures(record),
    }


def _signatures(record: PlanImport) -> dict:
    """Who signed an imported PDF digitally, and whether each signature still holds, judged
    against the certification authorities configured on the server (issue 17, item 7)."""
    if not record.original_name.lower().endswith(".pdf") or not record.file:
        return {"signatures": [], "signature_problem": ""}
    try:
        with record.file.open("rb") as source:
            return {"signatures": signing.check(source.read()), "signature_problem": ""}
    except SigningError as error:
        return {"signatures": [], "signature_problem": str(error)}
    except OSError:
        return {"signatures": [], "signature_problem": ""}


def _decision(found: dict | None) -> dict | None:
    """The decision that issues the imported plan, when the file holds both (vstb.plan/1's
    `issued_by`), as the review shows it."""
    if not found:
        return None
    try:
        issued_on = date.fromisoformat(found["date"]) if found.get("date") else None
    except ValueError:
        issued_on = None
    number = "/".join(part for part in (found.get("number"), found.get("symbol")) if part)
    issuer = (found.get("issuer") or {}).get("name")
    words = [_("Decision")]
    if number:
        words.append(_("no. %(number)s") % {"number": number})
    if issued_on:
        words.append(_("dated %(date)s") % {"date": issued_on.strftime("%d/%m/%Y")})
    name = " ".join(words) + (f", {issuer}" if issuer else "")
    if found.get("subject"):
        name += f": {found['subject']}"
    return {
        "number": number,
        "date": issued_on,
        "name": name,
        "bases": len(found.get("bases") or []),
        "authority": found.get("authority"),
        "articles": _articles(found),
        "annexes": [
            " ".join(part for part in (annex.get("title"), annex.get("subject")) if part)
            for annex in found.get("annexes") or []
            if isinstance(annex, dict)
        ],
    }


def _articles(decision: dict) -> list[str]:
    """Each article of a decision as it prints ("Điều 1. …"), its items included."""
    return [
        " ".join(p.text for p in layout.body_paragraphs({"sections": [section]}))
        for section in decision.get("sections") or []
        if isinstance(section, dict)
    ]


def _count(sections) -> int:
    return sum(1 + _count(s.get("children") or []) for s in sections)


@authenticated
@require_POST
def import_read(request, pk):
    """Start reading the uploaded file in a background job (htmx: the review page calls this
    once, then polls until the job is done)."""
    record = access.get_plan_import_for_user(request.user, pk)
    if record.start_reading():  # once, however many times this is sent
        tasks.read_import.enqueue(record.pk)
    url = reverse("plans:import_review", args=[record.pk])
    if request.htmx:
        # Not a 302: the browser would follow it inside the htmx request, unseen.
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


@transaction.atomic
def _save(record: PlanImport, form: ReviewForm, user) -> Plan:
    # First, take the record: of two saves sent at once (a double click, two tabs) one
    # makes the plan and the other is refused (issue 12, finding 5). The row stays locked
    # until this transaction ends.
    if not PlanImport.objects.filter(pk=record.pk, status=ImportStatus.READ).update(
        status=ImportStatus.SAVED
    ):
        raise ValidationError(
            _("This document has already been saved as a plan. Open the plan from the list.")
        )
    data = form.apply_to(record.data)
    if form.cleaned_data["save_as"] == "issued" and services.existing_copy(record.unit, data):
        raise ValidationError(
            _(
                "This document is already in VSTB as an issued plan with the same number, "
                "symbol and date. Open that plan instead of saving a second copy."
            )
        )
    for name in form.cleaned_data["new_agencies"]:
        Agency.objects.get_or_create(
            unit=record.unit, name=name, defaults={"kind": AgencyKind.OTHER}
        )
    plan = services.plan_from_json(data, record.unit, user)
    if form.cleaned_data["save_as"] == "issued":
        plan.record_as_issued(form.cleaned_data["number"], form.cleaned_data["date"], by=user)
    decision = data.get("issued_by")
    if decision and form.cleaned_data.get("record_decision"):
        issuing.record_issued(
            record.unit,
            {**decision, "schema": data.get("schema")},
            by=user,
            params={"plan": plan.pk},
        )
    with record.file.open("rb") as handle:
        services.attach_source(plan, record.original_name, handle.read())
    record.plan, record.status, record.data = plan, ImportStatus.SAVED, data
    record.save(update_fields=["plan", "status", "data"])
    return plan


@authenticated
def plan_source(request, pk):
    """The original file of an imported plan."""
    plan = access.get_plan_for_user(request.user, pk)
    if not plan.source_file:
        raise Http404
    response = FileResponse(
        plan.source_file.open("rb"), as_attachment=True, filename=plan.source_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class RecordIssuedForm(forms.Form):
    on = DateField(label=gettext_lazy("Date of issue"))
    # An issued plan always has its number: the one it was issued with on paper.
    number = forms.IntegerField(
        label=gettext_lazy("Number"),
        min_value=1,
        error_messages={"required": gettext_lazy("Enter the number the plan was issued with.")},
    )


@authenticated
@require_POST
def plan_record_issued(request, pk):
    """A draft made from an imported document becomes the issued plan it already was, with
    its original number and date (it is not re-numbered)."""
    plan = access.get_plan_for_user(request.user, pk, write=True)
    if not plan.source_file:
        raise PermissionDenied
    form = RecordIssuedForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("plans:detail", pk=plan.pk)
    if not confirm.confirmed(request):
        return confirm.confirmation(
            request,
            heading=_("Record the plan as issued?"),
            what=_(
                "The plan keeps its original number and date and can no longer be changed. "
                "The lower units and agencies it gives tasks to are notified."
            ),
            audience=handoffs.plan_issue_audience(plan),
            button=_("Record as issued"),
            back=reverse("plans:detail", args=[plan.pk]),
        )
    try:
        told = plan.record_as_issued(
            form.cleaned_data["number"], form.cleaned_data["on"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The plan has been recorded as issued with its original number.")
        )
        confirm.warn_nobody(request, told)
    return redirect("plans:detail", pk=plan.pk)
