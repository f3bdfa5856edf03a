"""Inspections: plans, visits, findings and recommendations (vstb/inspections).

An inspection plan is the working paper of the committee that inspects: read by those who
read the unit's whole scope (its secretariat, unit officers and viewers, and those above
them) and by the team (the focal points of the agencies its members sit for); changed by the
unit's managers, and, for the visits, findings and follow-up, by the team. Setting the plan
up (criteria, targets, team, its documents) is the managers' work.

An inspected lower unit or member agency sees ITS visit once the plan is issued (the
findings, the recommendations once the conclusions open them, and its reports on them), never
another target's: for those who act for it (its people, or its agency's focal points) the
other visits and the plan's page do not exist (404). The addressee of a recommendation
reports on it; the team accepts or returns the report.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vstb.access._grants import AGENCY_KINDS, MANAGER_KINDS, active_role, grants_for
from vstb.access._types import AnyUser
from vstb.access.units import can_manage_unit, get_unit_for_user
from vstb.accounts.models import Role
from vstb.inspections.models import (
    TO_ACT,
    FindingEvidence,
    InspectionPlan,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
    ResponseEvidence,
    Target,
    TeamMember,
    Visit,
)
from vstb.org.models import Unit


def _subtree(field: str, paths: list[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__path__under": path})
    return condition


def inspection_plans_visible_to(user: AnyUser) -> Any:
    """The plans the user reads as the inspecting side: the unit's whole-scope readers and
    the team."""
    grants = grants_for(user)
    if grants.is_admin:
        return InspectionPlan.objects.all()
    condition = _subtree("unit", grants.read_paths)
    if grants.agencies:
        condition |= Q(team__membership__agency_id__in=sorted(grants.agencies))
    return InspectionPlan.objects.filter(
        pk__in=InspectionPlan.objects.filter(condition).values("pk")
    )


def _inspected_condition(user: AnyUser, prefix: str) -> Q:
    """Targets the user acts for or reads as the inspected side, of issued plans."""
    grants = grants_for(user)
    side = _subtree(f"{prefix}unit", grants.read_paths)
    if grants.read_units:
        side |= Q(**{f"{prefix}unit_id__in": sorted(grants.read_units)})
    if grants.agencies:
        side |= Q(**{f"{prefix}agency_id__in": sorted(grants.agencies)})
    return side & ~Q(**{f"{prefix}plan__status": PlanStatus.DRAFT})


def visits_visible_to(user: AnyUser) -> Any:
    """The visits of the plans the user reads, and those to the units and agencies the
    user reads or acts for, once their plan is issued."""
    if grants_for(user).is_admin:
        return Visit.objects.all()
    return Visit.objects.filter(
        Q(target__plan__in=inspection_plans_visible_to(user))
        | _inspected_condition(user, "target__")
    )


def recommendations_visible_to(user: AnyUser) -> Any:
    """The recommendations of the visits the user reads as the inspecting side; for the
    inspected side and the addressees, those the conclusions have opened."""
    grants = grants_for(user)
    if grants.is_admin:
        return Recommendation.objects.all()
    addressed = _subtree("addressee_unit", grants.read_paths)
    if grants.read_units:
        addressed |= Q(addressee_unit_id__in=sorted(grants.read_units))
    if grants.agencies:
        addressed |= Q(addressee_agency_id__in=sorted(grants.agencies))
    outside = (addressed | _inspected_condition(user, "visit__target__")) & ~Q(
        status=RecommendationStatus.PENDING
    )
    return Recommendation.objects.filter(
        Q(visit__target__plan__in=inspection_plans_visible_to(user)) | outside
    )


def reads_inspection_plan(user: AnyUser, plan: InspectionPlan) -> bool:
    return inspection_plans_visible_to(user).filter(pk=plan.pk).exists()


def is_on_team(user: AnyUser, plan: InspectionPlan) -> bool:
    """The focal point of an agency one of the team's members sits for."""
    agencies = grants_for(user).agencies
    return bool(agencies) and plan.team.filter(membership__agency_id__in=sorted(agencies)).exists()


def can_set_up_inspections(user: AnyUser, unit: Unit) -> bool:
    """Planning inspections (criteria, targets, team) and issuing their documents is the
    unit's managers' work (its secretariat, as the committee's standing agency)."""
    return can_manage_unit(user, unit)


def can_inspect(user: AnyUser, plan: InspectionPlan) -> bool:
    """Recording visits and findings, writing and following up recommendations: the unit's
    managers and the team."""
    return can_manage_unit(user, plan.unit) or is_on_team(user, plan)


def can_report_on(user: AnyUser, recommendation: Recommendation) -> bool:
    """Those who act for the addressee: a unit's managers, an agency's focal points."""
    if recommendation.status not in TO_ACT:
        return False
    if recommendation.addressee_agency_id is not None:
        return grants_for(user).is_admin or (
            recommendation.addressee_agency_id in grants_for(user).agencies
        )
    return can_manage_unit(user, recommendation.addressee_unit)  # type: ignore[arg-type]


def get_inspections_unit_for_user(user: AnyUser, pk: int, write: bool = False) -> Unit:
    """The unit whose inspections are listed (or planned, `write`): 404 outside the user's
    scope (a unit above one's own is not enough), 403 to those who only read it."""
    unit = get_unit_for_user(user, pk)
    if not grants_for(user).reads_unit(unit):
        raise Http404
    if write and not can_set_up_inspections(user, unit):
        raise PermissionDenied
    return unit


def get_inspection_plan_for_user(user: AnyUser, pk: int, write: bool = False) -> InspectionPlan:
    """A plan: 404 outside those the user reads, 403 for setting it up to anyone but the
    unit's managers."""
    plan = (
        inspection_plans_visible_to(user)
        .select_related("unit__committee", "plan_document", "team_decision")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    if write and not can_set_up_inspections(user, plan.unit):
        raise PermissionDenied
    return plan


def get_inspection_target_for_user(user: AnyUser, pk: int) -> Target:
    """A target to remove from its plan (write)."""
    target = Target.objects.filter(pk=pk).first()
    if target is None:
        raise Http404
    target.plan = get_inspection_plan_for_user(user, target.plan_id, write=True)
    return target


def get_team_member_for_user(user: AnyUser, pk: int) -> TeamMember:
    member = TeamMember.objects.filter(pk=pk).first()
    if member is None:
        raise Http404
    member.plan = get_inspection_plan_for_user(user, member.plan_id, write=True)
    return member


def get_visit_for_user(user: AnyUser, pk: int, write: bool = False) -> Visit:
    """A visit: 404 outside what the user reads, 403 for recording it to anyone but the
    unit's managers and the team."""
    visit = (
        visits_visible_to(user)
        .select_related(
            "target__plan__unit__committee",
            "target__plan__plan_document",
            "target__unit",
            "target__agency",
            "conclusions",
        )
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    if write and not can_inspect(user, visit.target.plan):
        raise PermissionDenied
    return visit


def get_recommendation_for_user(user: AnyUser, pk: int, action: str = "read") -> Recommendation:
    """A recommendation: 404 outside what the user reads; for `action` "report", 403 unless
    the user acts for its addressee; for "inspect" (write it, accept, return), unless the
    user is of the unit's managers or the team."""
    recommendation = (
        recommendations_visible_to(user)
        .select_related(
            "visit__target__plan__unit",
            "visit__target__unit",
            "visit__target__agency",
            "visit__conclusions",
            "addressee_unit",
            "addressee_agency",
        )
        .filter(pk=pk)
        .first()
    )
    if recommendation is None:
        raise Http404
    if action == "report" and not can_report_on(user, recommendation):
        raise PermissionDenied
    if action == "inspect" and not can_inspect(user, recommendation.visit.target.plan):
        raise PermissionDenied
    return recommendation


def get_finding_evidence_for_user(user: AnyUser, pk: int, write: bool = False) -> FindingEvidence:
    evidence = FindingEvidence.objects.select_related("finding").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    evidence.finding.visit = get_visit_for_user(user, evidence.finding.visit_id, write=write)
    return evidence


def get_response_evidence_for_user(user: AnyUser, pk: int) -> ResponseEvidence:
    evidence = ResponseEvidence.objects.select_related("response").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    evidence.response.recommendation = get_recommendation_for_user(
        user, evidence.response.recommendation_id
    )
    return evidence


def recommendations_to_act_on(user: AnyUser) -> Any:
    """Open or returned recommendations addressed to the units the user manages or the
    agencies they are the focal point of (the home inbox)."""
    grants = grants_for(user)
    condition = Q(pk__in=[])
    if grants.manage_units:
        condition |= Q(addressee_unit_id__in=sorted(grants.manage_units))
    if grants.agencies:
        condition |= Q(addressee_agency_id__in=sorted(grants.agencies))
    return Recommendation.objects.filter(condition, status__in=TO_ACT)


def recommendations_to_review(user: AnyUser) -> Any:
    """Reported recommendations of the plans the user inspects for: the unit's managers and
    the team (the home inbox)."""
    grants = grants_for(user)
    condition = Q(pk__in=[])
    if grants.manage_units:
        condition |= Q(visit__target__plan__unit_id__in=sorted(grants.manage_units))
    if grants.agencies:
        condition |= Q(
            visit__target__plan__in=InspectionPlan.objects.filter(
                team__membership__agency_id__in=sorted(grants.agencies)
            ).values("pk")
        )
    return Recommendation.objects.filter(condition, status=RecommendationStatus.REPORTED)


def visits_on_calendar(user: AnyUser, unit: Unit | None = None) -> Any:
    """The visits a calendar shows: of the plans issued by the user's own units (or by
    `unit`, a unit's calendar) and those to the user's own units and agencies."""
    visits = visits_visible_to(user).exclude(target__plan__status=PlanStatus.DRAFT)
    if unit is not None:
        return visits.filter(Q(target__plan__unit=unit) | Q(target__unit=unit))
    grants = grants_for(user)
    own = set(grants.read_units) | set(grants.manage_units)
    own |= {int(path.strip("/").split("/")[-1]) for path in grants.read_paths}
    return visits.filter(
        Q(target__plan__unit_id__in=sorted(own))
        | Q(target__unit_id__in=sorted(own))
        | Q(target__agency_id__in=sorted(grants.agencies))
    )


def recommendation_reminder_recipients(
    recommendations: Any, today: date
) -> dict[tuple[str, int], list[tuple[int, str]]]:
    """{("unit" | "agency", id): [(user id, e-mail)]}: who acts for the addressees of
    `recommendations` on `today` (people_to_tell's rule: a unit's managers, an agency's focal
    points), for all of them in one query."""
    rows = Role.objects.filter(
        (
            active_role("", MANAGER_KINDS, today)
            & Q(
                unit_id__in=recommendations.filter(addressee_unit__isnull=False).values(
                    "addressee_unit"
                )
            )
        )
        | (
            active_role("", AGENCY_KINDS, today)
            & Q(
                agency_id__in=recommendations.filter(addressee_agency__isnull=False).values(
                    "addressee_agency"
                )
            )
        )
    ).values_list("user", "user__email", "kind", "unit", "agency")
    people: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for user_id, email, kind, unit_id, agency_id in rows.order_by():
        key = ("agency", agency_id) if kind in AGENCY_KINDS else ("unit", unit_id)
        people.setdefault(key, []).append((user_id, email or ""))
    return people
