"""The hand-offs of the cycle, each telling the people who act next (issue 11, item 2).

Called by the transitions themselves (Plan.issue, plans.services.cascade, Report's
transitions, the requirement services), after their checks, so that a hand-off that did not
happen tells nobody and one that happened tells once: each transition runs once from its
state (an issued plan cannot be issued again, a submitted report not submitted again), and
the e-mails leave only when its transaction commits.

Who is told at a unit or an agency is the access module's rule (`access.people_to_tell`).
Titles are Vietnamese sentences naming units and documents, never people. A plan issued and a
report accepted also call the units' webhooks (webhooks.py), after the same commit.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb import access
from vstb.notifications import webhooks
from vstb.notifications.models import Kind
from vstb.notifications.services import Told, in_vietnamese, notify
from vstb.org.models import Agency, AgencyKind, Level, Unit


def _without(audience, by):
    """The person who did it is not told about it."""
    if by is not None and getattr(by, "pk", None) in audience.people:
        audience.people.pop(by.pk)
    return audience


# Plans ------------------------------------------------------------------------------------------


def plan_lower_audience(plan, today=None):
    """Those a plan gives tasks to: the lower units its tasks address (by name, or every
    lower unit existing today) and the agencies that lead or support a task."""
    from vstb.plans.models import Task

    today = today or timezone.localdate()
    addressed = Q(addressed_tasks__plan=plan)
    if Task.objects.filter(plan=plan, addresses_all_lower_units=True).exists():
        addressed |= Q(parent_id=plan.unit_id, pk__in=Unit.objects.valid_on(today).values("pk"))
    units = Unit.objects.filter(addressed).exclude(pk=plan.unit_id).distinct()
    agencies = Agency.objects.filter(
        Q(led_tasks__plan=plan) | Q(supported_tasks__plan=plan)
    ).distinct()
    return access.people_to_tell(units, agencies, today)


def plan_parent_audience(plan):
    """For a plan implementing a parent plan: the parent plan's unit."""
    if not plan.parent_plan_id:
        return access.Audience()
    return access.people_to_tell([plan.parent_plan.unit])


def plan_issue_audience(plan):
    """Everyone issuing the plan tells (the confirmation page names them)."""
    return plan_lower_audience(plan) | plan_parent_audience(plan)


def plan_issued(plan, by=None) -> Told:
    """A plan issued: those it gives tasks to and, for a plan implementing a parent plan,
    the parent plan's unit; and the webhooks of the plan's unit."""
    webhooks.plan_issued(plan)
    link = reverse("plans:detail", args=[plan.pk])
    told = notify(
        _without(plan_lower_audience(plan), by),
        Kind.PLAN_ISSUED,
        in_vietnamese(
            _("%(unit)s has issued a plan that gives you tasks: %(subject)s"),
            unit=plan.unit,
            subject=plan.subject,
        ),
        link,
    )
    if plan.parent_plan_id:
        told += notify(
            _without(plan_parent_audience(plan), by),
            Kind.PLAN_DERIVED,
            in_vietnamese(
                _("%(unit)s has issued its plan implementing your plan: %(subject)s"),
                unit=plan.unit,
                subject=plan.parent_plan.subject,
            ),
            link,
        )
    return told


def plan_cascaded(plan, by=None) -> Told:
    """A lower unit started its plan implementing a parent plan: the parent plan's unit."""
    parent = plan.parent_plan
    return notify(
        _without(access.people_to_tell([parent.unit]), by),
        Kind.PLAN_DERIVED,
        in_vietnamese(
            _("%(unit)s has started its plan implementing your plan: %(subject)s"),
            unit=plan.unit,
            subject=parent.subject,
        ),
        reverse("plans:detail", args=[plan.pk]),
    )


# Reporting --------------------------------------------------------------------------------------


def expected_reporters(requirement):
    """(units, agencies) that report for a requirement along the whole chain below its unit:
    every unit below it that exists during the window (each reports to its parent), and the
    member agencies of the units that receive reports (the requirement's unit and those
    between it and the communes). Querysets, so that a requirement to every commune of the
    nation is told in a constant number of queries."""
    window = Q(valid_to__isnull=True) | Q(valid_to__gt=requirement.window_start)
    window &= Q(valid_from__isnull=True) | Q(valid_from__lte=requirement.window_end)
    below = Unit.objects.filter(path__under=requirement.unit.path).filter(window)
    units = below.exclude(pk=requirement.unit_id) if requirement.includes_units() else None
    agencies = None
    if requirement.includes_agencies():
        agencies = (
            Agency.objects.filter(active=True, unit__in=below.filter(level__lt=Level.COMMUNE))
            .exclude(kind=AgencyKind.LOWER_PEOPLES_COMMITTEE)
            .select_related("unit")
        )
    return (
        units if units is not None else Unit.objects.none(),
        agencies if agencies is not None else Agency.objects.none(),
    )


def requirement_published(requirement, by=None, changed: bool = False) -> Told:
    """A requirement created or changed: every expected reporter."""
    units, agencies = expected_reporters(requirement)
    if changed:
        title = _("%(unit)s has changed the report it requests: %(title)s")
    else:
        title = _("%(unit)s requests a report: %(title)s")
    return notify(
        _without(access.people_to_tell(units, agencies), by),
        Kind.REQUIREMENT,
        in_vietnamese(title, unit=requirement.unit, title=requirement.title),
        reverse("reporting:requirement", args=[requirement.pk]),
    )


def _reporter_audience(report, by=None):
    if report.agency_id:
        return _without(access.people_to_tell(agencies=[report.agency]), by)
    return _without(access.people_to_tell(units=[report.unit]), by)


def report_submit_audience(report):
    """Those a report is sent to: the managers of the receiving unit."""
    return access.people_to_tell(units=[report.receiver])


def report_submitted(report, by=None) -> Told:
    """A report sent (a compiled one issued and sent up among them): the receiving unit."""
    if report.compiled and report.number:
        title = in_vietnamese(
            _("%(unit)s has issued and sent you its report no. %(number)02d: %(title)s"),
            unit=report.reporter,
            number=report.number,
            title=report.requirement.title,
        )
    else:
        title = in_vietnamese(
            _("%(unit)s has sent you its report: %(title)s"),
            unit=report.reporter,
            title=report.requirement.title,
        )
    return notify(
        _without(report_submit_audience(report), by),
        Kind.REPORT_RECEIVED,
        title,
        reverse("reporting:report", args=[report.pk]),
    )


def report_returned(report, by=None) -> Told:
    """A report returned for correction: its reporter, with the reviewer's comment in the
    app (the e-mail says only that there is one)."""
    return notify(
        _reporter_audience(report, by),
        Kind.REPORT_REVIEWED,
        in_vietnamese(
            _("%(unit)s has returned your report for correction, with a comment: %(title)s"),
            unit=report.receiver,
            title=report.requirement.title,
        ),
        reverse("reporting:report", args=[report.pk]),
        detail=report.returned_comment,
    )


def report_concluded(report, by=None) -> Told:
    """A unit's own synthesis issued, final: nobody to tell in the app (the unit issued it
    itself); the webhooks of the unit and of those above that include it."""
    webhooks.report_concluded(report)
    return Told()


def report_accepted(report, by=None) -> Told:
    """A report accepted: its reporter; and the webhooks of the reporting and receiving units."""
    webhooks.report_accepted(report)
    return notify(
        _reporter_audience(report, by),
        Kind.REPORT_REVIEWED,
        in_vietnamese(
            _("%(unit)s has accepted your report: %(title)s"),
            unit=report.receiver,
            title=report.requirement.title,
        ),
        reverse("reporting:report", args=[report.pk]),
    )
