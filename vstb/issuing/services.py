"""Drafting and issuing a document (models.py says what one is).

- `create` makes a draft: its content comes from the builder of its purpose
  (builders.BUILDERS) or, for an app that writes its own (meetings, reviews), is given;
- `save_content` keeps the clerk's corrections of a draft, refusing a stale edit;
- `issue` takes the number of the issuer's register, fixes the date, rebuilds a built
  document one last time (the committee's decision lists the members of its date), freezes
  it, sends it to its addressees (they find it in their inbox) and fires `document_issued`
  for the apps that act on it (the committee links its memberships to the decision);
- `replace` starts the draft of a document that replaces an issued one (a signed document
  is never changed: Decree 30/2020/NĐ-CP, Article 18).
"""

import copy
from datetime import date

import django.dispatch
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vstb import access
from vstb.documents.plan_schema import normalise, validate
from vstb.issuing import builders, tasks
from vstb.issuing.models import Delivery, DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.notifications.models import Kind
from vstb.notifications.services import Told, in_vietnamese, notify
from vstb.org.models import Unit
from vstb.plans.models import IssuerBody, NumberRegister

# Sent with `document=` after a document is issued, inside the issuing transaction.
document_issued = django.dispatch.Signal()


def create(
    unit: Unit,
    *,
    purpose: str,
    doc_type: str,
    subject: str,
    by=None,
    issuer_body: str | None = None,
    params: dict | None = None,
    content: dict | None = None,
    addressees=(),
    replaces: IssuedDocument | None = None,
) -> IssuedDocument:
    """A draft of `unit`; `content` is built from `purpose` unless given."""
    document = IssuedDocument(
        unit=unit,
        purpose=purpose,
        doc_type=doc_type,
        subject=subject,
        params=params or {},
        created_by=by if getattr(by, "pk", None) else None,
        replaces=replaces,
    )
    if issuer_body:
        document.issuer_body = issuer_body
    document.symbol = builders.default_symbol(document)
    document.content = content if content is not None else builders.build(document)
    _check(document.content)
    document.full_clean(exclude=["content", "params"])
    document.save()
    document.addressees.set(addressees)
    return document


def save_content(document: IssuedDocument, content: dict, version: int, by=None) -> None:
    """The clerk's corrections of a draft's content; `version` is the one the form showed."""
    _check(content)
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.DRAFT:
            raise ValidationError(_("This document has been issued and can no longer be changed."))
        if locked.version != version:
            raise ValidationError(
                _(
                    "Someone else saved this document while you were editing it. Open it again to see their changes, then make yours."
                )
            )
        document.content = normalise(content)
        document.subject = (content.get("subject") or document.subject)[:500]
        document.version = locked.version + 1
        document.params = {**document.params, "edited": True}
        document.save(update_fields=["content", "subject", "version", "params"])


def issue_problems(document: IssuedDocument) -> list[str]:
    """What stops the document from being issued, as sentences for the user."""
    content = document.content
    problems = []
    issuer = content.get("issuer") or {}
    # Decree 30/2020/NĐ-CP, Appendix I, II.2: every document names its issuing body.
    if not (issuer.get("name") or "").strip():
        problems.append(_("Enter the issuing body (tên cơ quan ban hành) before issuing."))
    if not (content.get("subject") or "").strip():
        problems.append(_("Enter the subject (trích yếu) before issuing."))
    signer = content.get("signer") or {}
    # Appendix I, II.7: the signer's authority, position and name.
    if not (signer.get("name") or "").strip() or not signer.get("lines"):
        problems.append(_("Enter the signer's position and name before issuing."))
    if not (content.get("place") or "").strip():
        problems.append(_("Enter the place for the date line before issuing."))
    if not content.get("sections"):
        problems.append(_("Write the body of the document before issuing."))
    return problems


def issue(
    document: IssuedDocument, *, by=None, on: date | None = None, number: int | None = None
) -> Told:
    """Draft → issued. `number` is the one the records office gave, when the register is kept
    outside VSTB. Returns who was told."""
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.DRAFT:
            raise ValidationError(
                _("Only a draft can be issued; this document has already been issued.")
            )
        document.issued_on = on or timezone.localdate()
        if not locked.params.get("edited") and builders.has_builder(locked.purpose):
            # Built documents say what was true on the day of issue.
            document.content = builders.build(document)
        problems = issue_problems(document)
        if problems:
            raise ValidationError(problems)
        document.register_year = document.issued_on.year
        document.number = NumberRegister.take(
            document.unit, document.issuer_body, document.register_year, number
        )
        document.content = _stamped(document)
        document.status = DocumentStatus.ISSUED
        document.issued_by = by if getattr(by, "pk", None) else None
        document.version = locked.version + 1
        document.save()
        if document.purpose == Purpose.COMMITTEE:
            committee = document.unit.committee
            document.memberships.set(builders.members_on(committee, document.issued_on))
        if document.replaces_id:
            IssuedDocument.objects.filter(pk=document.replaces_id).update(
                status=DocumentStatus.REPLACED, updated_at=timezone.now()
            )
        document_issued.send(sender=IssuedDocument, document=document)
        if settings.VSTB_PDF_WHEN_ISSUED:  # ready when those it is sent to open it
            pk = document.pk
            transaction.on_commit(lambda: tasks.prepare_pdf.enqueue(pk))
        return _send(document, by)


def record_issued(
    unit: Unit, content: dict, *, by=None, params: dict | None = None
) -> IssuedDocument:
    """A document issued on paper, brought in from a file (the decision of an imported plan),
    kept as issued with its original number and date. A number whose issuer is the unit's
    People's Committee or committee enters its register, which refuses one already taken
    (Decree 30/2020/NĐ-CP, Article 15); one of another issuer is kept as written."""
    content = normalise(copy.deepcopy(content))
    _check(content)
    doc_type = content.get("doc_type")
    if doc_type not in DocType.values:
        raise ValidationError(
            _(
                "This kind of document cannot be recorded here; only decisions, letters, notices, minutes, submissions and invitations."
            )
        )
    symbol = content.get("symbol") or ""
    issued_on = _iso(content.get("date"))
    digits = str(content.get("number") or "").strip()
    document = IssuedDocument(
        unit=unit,
        purpose=Purpose.RECORDED,
        doc_type=doc_type,
        subject=(content.get("subject") or content.get("title") or "")[:500],
        symbol=symbol[:40],
        issued_on=issued_on,
        content=content,
        params=params or {},
        status=DocumentStatus.ISSUED,
        created_by=by if getattr(by, "pk", None) else None,
        issued_by=by if getattr(by, "pk", None) else None,
    )
    body = _register_of(symbol)
    with transaction.atomic():
        if digits.isdigit() and issued_on and body:
            document.issuer_body = body
            document.register_year = issued_on.year
            document.number = NumberRegister.take(unit, body, issued_on.year, int(digits))
        document.save()
    return document


def _register_of(symbol: str) -> str | None:
    """The unit's register a symbol belongs to: "…-UBND" the People's Committee's,
    "…-BVSTBPN" the committee's; another issuer's document is not numbered from ours."""
    code = symbol.rsplit("-", 1)[-1].upper() if symbol else ""
    return {"UBND": IssuerBody.PEOPLES_COMMITTEE, "BVSTBPN": IssuerBody.COMMITTEE}.get(code)


def _iso(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def replace(document: IssuedDocument, by=None) -> IssuedDocument:
    """A new draft with the content of an issued document, to correct it and issue it under a
    new number; the old one is marked replaced when the new one is issued."""
    if document.status != DocumentStatus.ISSUED:
        raise ValidationError(_("Only an issued document can be replaced."))
    if IssuedDocument.objects.filter(replaces=document).exists():
        raise ValidationError(_("A replacement of this document has already been started."))
    content = copy.deepcopy(document.content)
    content.update(number=None, date=None)
    return create(
        document.unit,
        purpose=document.purpose,
        doc_type=document.doc_type,
        subject=document.subject,
        by=by,
        issuer_body=document.issuer_body,
        params={**document.params, "edited": True},
        content=content,
        addressees=list(document.addressees.all()),
        replaces=document,
    )


def mark_read(document: IssuedDocument, user) -> None:
    """The units the user manages among the document's addressees have opened it."""
    managed = access.managed_unit_ids(user)
    Delivery.objects.filter(document=document, unit_id__in=managed, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=user
    )


def unread_for(user):
    """Deliveries waiting for the user: issued documents sent to a unit they manage, not
    opened yet by anyone there."""
    return (
        Delivery.objects.filter(
            unit_id__in=access.managed_unit_ids(user),
            read_at__isnull=True,
            document__status__in=[DocumentStatus.ISSUED, DocumentStatus.REPLACED],
        )
        .select_related("document__unit", "unit")
        .order_by("-document__issued_on", "-pk")
    )


def received_by(units):
    """Issued documents sent to any of `units`, the newest first."""
    return (
        IssuedDocument.objects.issued()
        .filter(Q(deliveries__unit__in=units))
        .select_related("unit")
        .distinct()
        .order_by("-issued_on", "-pk")
    )


def _stamped(document: IssuedDocument) -> dict:
    content = normalise(copy.deepcopy(document.content))
    content.update(
        number=document.number_text,
        symbol=document.symbol or content.get("symbol"),
        date=document.issued_on.isoformat(),
        date_partial=None,
        year=content.get("year") or document.issued_on.year,
    )
    return content


def _send(document: IssuedDocument, by) -> Told:
    units = list(document.addressees.all())
    if not units:
        return Told(0, 0, [])
    audience = access.people_to_tell(units)
    if by is not None and getattr(by, "pk", None) in audience.people:
        audience.people.pop(by.pk)
    return notify(
        audience,
        Kind.DOCUMENT_RECEIVED,
        in_vietnamese(
            _("%(unit)s has sent you %(document)s: %(subject)s"),
            unit=document.unit,
            document=document.get_doc_type_display(),
            subject=document.subject,
        ),
        reverse("issuing:detail", args=[document.pk]),
    )


def _check(content: dict) -> None:
    problems = validate(content)
    if problems:
        raise ValidationError(problems)
