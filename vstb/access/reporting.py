"""Reporting requirements, reports, their reporters and receivers."""

import operator
from functools import reduce
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, can_read_unit, unit_filter
from vstb.org.models import Agency, Level, Unit
from vstb.reporting.models import Report, ReportStatus, Requirement


def receivers_for(user: AnyUser, requirement: Any) -> list[Unit]:
    """Units whose incoming reports of `requirement` the user follows: the requirement's unit,
    and their own units below it that receive reports (all but communes)."""
    grants = grants_for(user)
    own = Unit.objects.filter(pk__in=sorted(grants.manage_units | grants.read_units)).filter(
        path__under=requirement.unit.path, level__lt=Level.COMMUNE
    )
    units = [requirement.unit] if grants.reads_unit(requirement.unit) else []
    return units + [unit for unit in own.order_by("level", "name") if unit != requirement.unit]


def requirements_visible_to(user: AnyUser) -> Any:
    """Requirements set by units of the user's scope, or by the units above their own (which
    is what they report against)."""
    grants = grants_for(user)
    if grants.is_admin:
        return Requirement.objects.all()
    return Requirement.objects.filter(
        unit_filter(user) | Q(unit_id__in=sorted(grants.context_units))
    )


def get_requirement_for_user(user: AnyUser, pk: int, write: bool = False) -> Any:
    requirement = requirements_visible_to(user).select_related("unit").filter(pk=pk).first()
    if requirement is None:
        raise Http404
    if write and not can_manage_unit(user, requirement.unit):
        raise PermissionDenied
    return requirement


def reports_visible_to(user: AnyUser) -> Any:
    """A report is seen by its reporter's people, by the unit it goes to and those above
    it, and by the focal points of the reporting agency."""
    grants = grants_for(user)
    if grants.is_admin:
        return Report.objects.all()
    # Reports received are read by those who read the receiving unit's whole subtree
    # (secretariat, officers, leaders), not by an agency's focal point, who sees its own.
    received = [Q(receiver__path__under=path) for path in grants.read_paths]
    return Report.objects.filter(
        reduce(operator.or_, received, unit_filter(user, "unit"))
        | Q(agency_id__in=sorted(grants.agencies))
    )


def reports_to_review(user: AnyUser) -> Any:
    """Submitted reports waiting for the user's decision: received by a unit they manage."""
    return Report.objects.filter(
        status=ReportStatus.SUBMITTED, receiver_id__in=sorted(grants_for(user).manage_units)
    )


def returned_reports_of(user: AnyUser) -> Any:
    """Reports returned to the user to correct: those of units they manage or of their
    agencies (can_edit_report's rule)."""
    grants = grants_for(user)
    return Report.objects.filter(status=ReportStatus.RETURNED).filter(
        Q(unit_id__in=sorted(grants.manage_units)) | Q(agency_id__in=sorted(grants.agencies))
    )


def can_edit_report(user: AnyUser, report: Any) -> bool:
    """The reporter writes and submits: the reporting unit's managers, or the agency's focal
    points (and the agency's unit's managers)."""
    grants = grants_for(user)
    if grants.is_admin:
        return True
    if report.unit_id:
        return report.unit_id in grants.manage_units
    return report.agency_id in grants.agencies or report.receiver_id in grants.manage_units


def can_review_report(user: AnyUser, report: Any) -> bool:
    """The receiving unit returns or accepts."""
    return can_manage_unit(user, report.receiver)


def get_report_for_user(user: AnyUser, pk: int, write: bool = False, review: bool = False) -> Any:
    report = (
        reports_visible_to(user)
        .select_related("requirement__unit", "unit", "agency", "receiver")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    if write and not can_edit_report(user, report):
        raise PermissionDenied
    if review and not can_review_report(user, report):
        raise PermissionDenied
    return report


def can_sign_report(user: AnyUser, report: Any) -> bool:
    """A unit's issued report is signed digitally by the unit's managers once it has been
    accepted: until then it may be returned and corrected under the same number."""
    return (
        report.unit_id is not None
        and report.number is not None
        and report.status == ReportStatus.ACCEPTED
        and can_manage_unit(user, report.unit)
    )


def get_report_to_sign(user: AnyUser, pk: int) -> Any:
    report = get_report_for_user(user, pk)
    if not can_sign_report(user, report):
        raise PermissionDenied
    return report


def get_reporter_for_user(user: AnyUser, kind: str, pk: int) -> Any:
    """A unit ("unit") or a member agency ("agency") a report is written for; 404 for what the
    user may not read. Whether they may write for it is can_report_for."""
    if kind == "unit":
        reporter = Unit.objects.filter(pk=pk).first()
        unit = reporter
    elif kind == "agency":
        reporter = Agency.objects.select_related("unit").filter(pk=pk).first()
        unit = reporter.unit if reporter else None
    else:
        raise Http404
    if reporter is None or unit is None or not can_read_unit(user, unit):
        raise Http404
    return reporter


def can_report_for(user: AnyUser, reporter: Any) -> bool:
    """Whether the user writes the reports of a unit or an agency: can_edit_report's rule,
    before the report exists."""
    if isinstance(reporter, Agency):
        return can_edit_report(user, Report(agency=reporter, receiver_id=reporter.unit_id))
    return can_edit_report(user, Report(unit=reporter))


def get_receiver_for_user(
    user: AnyUser, requirement: Any, unit_pk: int, write: bool = False
) -> Unit:
    """A unit receiving reports for `requirement` (its own unit or one below): its table of who
    has reported is read inside the user's scope only, not from a unit below (the units above
    one's own are context, not theirs to follow); chasing and compiling need `write`."""
    unit = (
        Unit.objects.select_related("parent")
        .filter(pk=unit_pk, path__under=requirement.unit.path)
        .first()
    )
    if unit is None or not grants_for(user).reads_unit(unit):
        raise Http404
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied
    return unit
