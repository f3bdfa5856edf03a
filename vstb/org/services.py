"""Workflows on units and committees that span several rows."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vstb.org.models import Committee, Membership


@transaction.atomic
def reconstitute(
    committee: Committee, on: date, ending: list[Membership], joining: list[dict]
) -> list[Membership]:
    """Kiện toàn: end some memberships the day before `on` and start new ones on `on`.

    All or nothing: one invalid row leaves the committee as it was.
    """
    for membership in ending:
        if membership.committee_id != committee.pk:
            raise ValidationError(_("A chosen member does not belong to this committee."))
        if membership.start >= on:
            raise ValidationError(
                _("%(name)s only joined on %(start)s; choose a reconstitution date after that.")
                % {"name": membership.full_name, "start": membership.start.strftime("%d/%m/%Y")}
            )
        membership.end = on - timedelta(days=1)
        membership.full_clean()
        membership.save(update_fields=["end"])
    created = []
    for row in joining:
        membership = Membership(committee=committee, start=on, **row)
        membership.full_clean()
        membership.save()
        created.append(membership)
    return created
