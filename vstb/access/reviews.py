"""Gender reviews of draft legal documents (vstb/reviews).

A review is the working paper of the unit whose committee gives the opinion: read by those
who read the unit's whole scope (its secretariat, unit officers and viewers, and those above
them), changed by its managers and by the focal points of the member agency doing the review.
The drafting agency's focal points read the reviews of their own drafts (and the opinion
letter, an issued document of the unit: access/issuing.py), never the reviews of others'
drafts: those do not exist for them (404), nor for anyone outside the unit's scope.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, is_secretariat_over
from vstb.org.models import Unit
from vstb.reviews.models import DraftReview, Finding


def reviews_visible_to(user: AnyUser) -> Any:
    """The reviews the user may open."""
    grants = grants_for(user)
    if grants.is_admin:
        return DraftReview.objects.all()
    # Unit scope as whole-subtree readers have it; an agency's focal point reads its unit
    # only for what concerns its agency, here the drafts it wrote or reviews.
    condition = Q(pk__in=[])
    for path in grants.read_paths:
        condition |= Q(unit__path__under=path)
    if grants.agencies:
        agencies = sorted(grants.agencies)
        condition |= Q(drafting_agency_id__in=agencies) | Q(reviewer_agency_id__in=agencies)
    return DraftReview.objects.filter(condition)


def can_receive_drafts(user: AnyUser, unit: Unit) -> bool:
    """Receiving a draft for the committee's opinion is the unit's managers' work."""
    return can_manage_unit(user, unit)


def can_change_review(user: AnyUser, review: DraftReview) -> bool:
    """The unit's managers, and the focal points of the agency that reviews the draft."""
    grants = grants_for(user)
    return can_manage_unit(user, review.unit) or (
        review.reviewer_agency_id is not None and review.reviewer_agency_id in grants.agencies
    )


def get_review_for_user(user: AnyUser, pk: int, write: bool = False) -> DraftReview:
    """A review: 404 outside what the user reads, 403 for a reader who may not change it."""
    review = (
        reviews_visible_to(user)
        .select_related("unit", "drafting_agency", "reviewer_agency", "opinion")
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404
    if write and not can_change_review(user, review):
        raise PermissionDenied
    return review


def get_finding_for_user(user: AnyUser, pk: int, write: bool = False) -> Finding:
    """A finding of a review the user reads (and, for `write`, may change)."""
    finding = Finding.objects.filter(pk=pk).first()
    if finding is None:
        raise Http404
    finding.review = get_review_for_user(user, finding.review_id, write=write)
    return finding


def sees_review_sources(user: AnyUser, unit: Unit) -> bool:
    """Whether the checklist shows which legal bases are not yet confirmed against the law's
    text: a working note for administrators and the secretariats over the unit, never the
    content of an opinion."""
    return is_secretariat_over(user, unit)
