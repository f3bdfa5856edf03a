from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.documents.downloads import pdf_download
from vstb.documents.pdf import PdfFailed, PdfUnavailable, pdf_once
from vstb.documents.signing import SigningError
from vstb.issuing import builders, services, signing
from vstb.issuing.forms import CommitteeDecisionForm, ContentForm, IssueForm, LetterForm
from vstb.issuing.models import DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.lib.pagination import paginate
from vstb.lib.query import query_id
from vstb.notifications import confirm
from vstb.org.models import Unit
from vstb.reporting import services as reporting

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@authenticated
def document_list(request):
    """A unit's documents (drafts included for those in its scope) and those sent to it."""
    unit_pk = query_id(request.GET, "unit")
    unit = (
        access.get_unit_for_user(request.user, unit_pk) if unit_pk else access.acting_unit(request)
    )
    visible = access.documents_visible_to(request.user).select_related("unit")
    own = visible.filter(unit=unit) if unit else visible.none()
    received = services.received_by([unit]).filter(pk__in=visible.values("pk")) if unit else []
    context = {
        "unit": unit,
        "page_obj": paginate(request, own.order_by("-created_at", "-pk")),
        "received": received[:50] if unit else [],
        "can_draft": unit is not None and access.can_draft_documents(request.user, unit),
        "has_committee": unit is not None and hasattr(unit, "committee"),
    }
    return render(request, "issuing/document_list.html", context)


@authenticated
def committee_decision(request, unit_pk):
    """Draft the decision establishing or reconstituting the unit's committee."""
    committee = access.get_committee_for_user(request.user, unit_pk, write=True)
    unit = committee.unit
    # The committee page passes the day it shows ("?on=dd/mm/yyyy").
    initial = {"on": request.GET["on"]} if request.GET.get("on") else {}
    form = CommitteeDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        verb = "thành lập" if data["kind"] == "establish" else "kiện toàn"
        document = services.create(
            unit,
            purpose=Purpose.COMMITTEE,
            doc_type=DocType.DECISION,
            subject=f"Về việc {verb} Ban Vì sự tiến bộ của phụ nữ {unit.name_in_text}",
            by=request.user,
            params={
                "kind": data["kind"],
                "on": data["on"].isoformat(),
                "proposed_by": data["proposed_by"],
                "bases": data["bases"],
                "regulation": data["regulation"],
            },
            addressees=[unit.parent] if unit.parent_id else [],
        )
        messages.success(
            request,
            _(
                "The draft decision lists the committee's members on the day you chose. Check it, then issue it."
            ),
        )
        return redirect("issuing:detail", pk=document.pk)
    return render(
        request, "issuing/committee_decision_form.html", {"form": form, "committee": committee}
    )


@authenticated
def letter_create(request, unit_pk):
    """Draft an official letter (công văn) to lower units."""
    unit = access.get_unit_for_user(request.user, unit_pk, write=True)
    lower = access.units_in_scope(request.user).filter(parent=unit).current().order_by("name")
    form = LetterForm(request.POST or None, units=lower)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        units = list(data["units"])
        addressees = data["addressees"] or "\n".join(u.body_name() for u in units)
        document = services.create(
            unit,
            purpose=Purpose.GUIDANCE,
            doc_type=DocType.LETTER,
            subject=data["subject"].strip(),
            by=request.user,
            issuer_body=data["issuer_body"],
            params={"addressees": addressees, "body": data["body"]},
            addressees=units,
        )
        messages.success(request, _("The draft letter has been created. Check it, then issue it."))
        return redirect("issuing:detail", pk=document.pk)
    return render(request, "issuing/letter_form.html", {"form": form, "unit": unit})


@authenticated
@require_POST
def requirement_letter(request, pk):
    """Send a reporting requirement down as a numbered official letter (công văn)."""
    requirement = access.get_requirement_for_user(request.user, pk, write=True)
    lower = builders.lower_units_of(requirement)
    document = services.create(
        requirement.unit,
        purpose=Purpose.REQUIREMENT,
        doc_type=DocType.LETTER,
        subject=_report_subject(requirement.title),
        by=request.user,
        params={"requirement": requirement.pk},
        addressees=lower,
    )
    messages.success(request, _("The draft letter has been created. Check it, then issue it."))
    return redirect("issuing:detail", pk=document.pk)


def _report_subject(title: str) -> str:
    """ "Báo cáo sơ kết 6 tháng …" → "báo cáo sơ kết 6 tháng …"; any other title gets
    "báo cáo" before it: the letter's "V/v" says what it asks for."""
    title = title[:1].lower() + title[1:]
    return title if title.startswith("báo cáo") else f"báo cáo {title}"


@authenticated
@require_POST
def chase_letter(request, pk, unit_pk):
    """Chase the reports still missing with a numbered official letter (công văn đôn đốc)."""
    requirement = access.get_requirement_for_user(request.user, pk)
    unit = access.get_receiver_for_user(request.user, requirement, unit_pk, write=True)
    owing = reporting.owing_reporters(requirement, unit)
    if not owing:
        messages.info(request, _("Nobody to chase: every expected report has been sent."))
        return redirect("reporting:completeness", pk=requirement.pk, unit_pk=unit.pk)
    units = [r for r in owing if isinstance(r, Unit)]
    first_level = units[0].level if units else None
    due = requirement.due_for(first_level)
    document = services.create(
        unit,
        purpose=Purpose.CHASE,
        doc_type=DocType.LETTER,
        subject=f"đôn đốc {requirement.title[:1].lower()}{requirement.title[1:]}",
        by=request.user,
        params={
            "requirement_title": requirement.title,
            "due": due.isoformat() if due else None,
            "missing": [r.body_name() if isinstance(r, Unit) else r.name for r in owing],
        },
        addressees=units,
    )
    messages.success(request, _("The draft letter has been created. Check it, then issue it."))
    return redirect("issuing:detail", pk=document.pk)


def open_draft(request, draft, source, back: str, done: str = "") -> HttpResponseRedirect:
    """Draft a document from `source` with `draft(source, by=user)`, a service of the app that
    owns the source (which returns the draft already started rather than a second one), and
    open it here; when it cannot be drafted, say why on `back`, the name of the source's page.

    The caller has loaded `source` through its access helper for writing: this helper checks
    no rule. `done`: what to say once the document is drafted."""
    try:
        document = draft(source, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back, pk=source.pk)
    if done:
        messages.success(request, done)
    return redirect("issuing:detail", pk=document.pk)


@authenticated
def document_detail(request, pk):
    document = access.get_document_for_user(request.user, pk)
    services.mark_read(document, request.user)
    can_manage = access.can_draft_documents(request.user, document.unit)
    can_edit = document.is_draft and can_manage
    context = {
        "document": document,
        "doc": _preview(document.content),
        "can_edit": can_edit,
        "can_replace": document.status == DocumentStatus.ISSUED
        and access.can_draft_documents(request.user, document.unit)
        and not IssuedDocument.objects.filter(replaces=document).exists(),
        "issue_form": IssueForm() if can_edit else None,
        "issue_problems": services.issue_problems(document) if can_edit else [],
        "content_form": ContentForm.of(document) if can_edit else None,
        "rebuildable": can_edit and builders.has_builder(document.purpose),
        "sent_to": document.deliveries.select_related("unit").order_by("unit__name"),
        "replacement": IssuedDocument.objects.filter(replaces=document).first(),
        "source": _source(document) if can_manage else None,
        **_signature_context(request.user, document),
    }
    return render(request, "issuing/document_detail.html", context)


# What a document was written from, by the key of its `params`: the page links back to it
# for the unit's managers, who read everything of their unit.
SOURCES = {
    "meeting": ("meetings:detail", gettext_lazy("Meeting")),
    "review": ("reviews:detail", gettext_lazy("Gender review of the draft")),
    "requirement": ("reporting:requirement", gettext_lazy("Reporting requirement")),
    "plan": ("plans:detail", gettext_lazy("Plan")),
}


def _source(document: IssuedDocument) -> tuple[str, str] | None:
    for key, (name, label) in SOURCES.items():
        pk = document.params.get(key)
        if isinstance(pk, int):
            return reverse(name, args=[pk]), label
    return None


def _signature_context(user, document: IssuedDocument) -> dict:
    may_sign = document.status == DocumentStatus.ISSUED and access.can_draft_documents(
        user, document.unit
    )
    return {
        **signing.status(
            document, may_sign=may_sign, unit=document.unit, issuer_body=document.issuer_body
        ),
        "sign_url": reverse("issuing:sign", args=[document.pk]),
    }


def _preview(content: dict) -> dict:
    lines, name = layout.signer_lines(content)
    second_lines, second_name = layout.signer_lines(content, "countersigner")
    return {
        "issuer": layout.issuer_lines(content),
        "number": layout.number_line(content),
        "letter_subject": layout.letter_subject(content),
        "place_date": layout.place_date_line(content),
        "titles": layout.title_lines(content),
        "addressees": layout.addressee_lines(content),
        "body": layout.body_paragraphs(content),
        "recipients": layout.recipient_lines(content),
        "signer_lines": lines,
        "signer_name": name,
        "countersigner_lines": second_lines,
        "countersigner_name": second_name,
        "annexes": layout.annexes(content),
    }


@authenticated
@require_POST
def document_edit(request, pk):
    document = access.get_document_for_user(request.user, pk, write=True)
    form = ContentForm(request.POST)
    if form.is_valid():
        try:
            services.save_content(
                document,
                form.content(document.content),
                form.cleaned_data["version"],
                request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your corrections have been saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("issuing:detail", pk=document.pk)


@authenticated
@require_POST
def document_rebuild(request, pk):
    """Drop the clerk's corrections and write the draft again from the records."""
    document = access.get_document_for_user(request.user, pk, write=True)
    if not builders.has_builder(document.purpose):
        messages.error(
            request, _("This document was written by hand; there is nothing to rebuild.")
        )
        return redirect("issuing:detail", pk=document.pk)
    document.params = {**document.params, "edited": False}
    document.content = builders.build(document)
    document.version += 1
    document.save(update_fields=["params", "content", "version"])
    messages.success(request, _("The draft has been written again from the records."))
    return redirect("issuing:detail", pk=document.pk)


@authenticated
@require_POST
def document_issue(request, pk):
    document = access.get_document_for_user(request.user, pk, write=True)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("issuing:detail", pk=document.pk)
    if not confirm.confirmed(request) and not services.issue_problems(document):
        return confirm.confirmation(
            request,
            heading=_("Issue the document?"),
            what=_(
                "The document takes the next number of the register and can no longer be changed. The units it is sent to find it in their inbox."
            ),
            audience=access.people_to_tell(list(document.addressees.all())),
            button=_("Issue"),
            back=reverse("issuing:detail", args=[document.pk]),
        )
    try:
        told = services.issue(
            document,
            by=request.user,
            on=form.cleaned_data["on"],
            number=form.cleaned_data["number"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The document has been issued as number %(number)s.")
            % {"number": document.number_and_symbol},
        )
        confirm.warn_nobody(request, told)
    return redirect("issuing:detail", pk=document.pk)


@authenticated
@require_POST
def document_replace(request, pk):
    document = access.get_issued_document_to_replace(request.user, pk)
    try:
        draft = services.replace(document, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("issuing:detail", pk=document.pk)
    messages.success(
        request,
        _("Correct the replacing document, then issue it: it takes a new number."),
    )
    return redirect("issuing:detail", pk=draft.pk)


@authenticated
@require_POST
def document_sign(request, pk):
    """Sign the issued document's PDF with its issuing body's certificate."""
    document = access.get_issued_document_to_sign(request.user, pk)
    try:
        pdf = pdf_once(document.content)
        signing.sign(
            document,
            pdf,
            unit=document.unit,
            issuer_body=document.issuer_body,
            by=request.user,
            reason=f"{document.get_doc_type_display()} {document.number_and_symbol}",
            location=document.unit.place_name,
        )
    except (PdfUnavailable, PdfFailed, SigningError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The PDF has been signed digitally. Downloads of the PDF now give the signed copy."),
        )
    return redirect("issuing:detail", pk=document.pk)


@authenticated
def document_docx(request, pk):
    document = access.get_document_for_user(request.user, pk)
    response = HttpResponse(render_docx(document.content), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{document.file_stem}.docx"'
    return response


@authenticated
def document_pdf(request, pk):
    document = access.get_document_for_user(request.user, pk)
    copy = signing.signed_copy_of(document)
    if copy:
        response = HttpResponse(signing.signed_pdf(copy), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.file_stem}.pdf"'
        return response
    return pdf_download(
        request,
        lambda: document.content,
        filename=f"{document.file_stem}.pdf",
        title=str(document),
        back=reverse("issuing:detail", args=[document.pk]),
        docx_url=reverse("issuing:docx", args=[document.pk]),
    )
