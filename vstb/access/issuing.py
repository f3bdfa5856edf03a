"""Issued documents (decisions, letters, notices, minutes, invitations: vstb/issuing).

A unit's documents, drafts included, are read in the unit's scope and drafted, corrected and
issued by those who manage the unit. An issued document is also read by the units it was
sent to (and by those who read their scope): it is correspondence, so a neighbouring unit
that was not sent it does not learn that it exists (404), unlike an issued plan, which every
unit below works to. An issued document can no longer be changed by anyone (403).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, unit_filter
from vstb.issuing.models import Delivery, DocumentStatus, IssuedDocument

ISSUED = [DocumentStatus.ISSUED, DocumentStatus.REPLACED]


def documents_visible_to(user: AnyUser) -> Any:
    """The documents the user may open."""
    grants = grants_for(user)
    if grants.is_admin:
        return IssuedDocument.objects.all()
    sent_to_scope = Q(status__in=ISSUED, pk__in=_sent_to(user))
    return IssuedDocument.objects.filter(unit_filter(user) | sent_to_scope)


def _sent_to(user: AnyUser) -> Any:
    return Delivery.objects.filter(unit_filter(user)).values("document_id")


def can_read_document(user: AnyUser, document: IssuedDocument) -> bool:
    return documents_visible_to(user).filter(pk=document.pk).exists()


def can_draft_documents(user: AnyUser, unit: Any) -> bool:
    """Drafting and issuing a unit's documents is its managers' work."""
    return can_manage_unit(user, unit)


def get_document_for_user(user: AnyUser, pk: int, write: bool = False) -> IssuedDocument:
    """A document; for `write`, only a draft of a unit the user manages (403 otherwise)."""
    document = IssuedDocument.objects.select_related("unit").filter(pk=pk).first()
    if document is None or not can_read_document(user, document):
        raise Http404
    if write:
        if not can_manage_unit(user, document.unit):
            raise PermissionDenied
        if document.status != DocumentStatus.DRAFT:
            raise PermissionDenied(
                _(
                    "This document has been issued and can no longer be changed. To correct it, issue a document that replaces it."
                )
            )
    return document


def get_issued_document_to_replace(user: AnyUser, pk: int) -> IssuedDocument:
    """An issued document its unit's managers replace with a corrected one."""
    document = get_document_for_user(user, pk)
    if not can_manage_unit(user, document.unit):
        raise PermissionDenied
    if document.status != DocumentStatus.ISSUED:
        raise PermissionDenied(_("Only an issued document can be replaced."))
    return document


def get_issued_document_to_sign(user: AnyUser, pk: int) -> IssuedDocument:
    """An issued document its unit's managers sign digitally for the issuing body."""
    document = get_document_for_user(user, pk)
    if not can_manage_unit(user, document.unit):
        raise PermissionDenied
    if document.status == DocumentStatus.DRAFT:
        raise PermissionDenied(_("Issue the document before signing it."))
    return document
