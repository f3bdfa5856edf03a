"""Inspection workflows across models: plans and their targets, visits and findings, the
recommendations' lifecycle, and what other apps read of the results (results_for)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vstb import access
from vstb.inspections import documents
from vstb.inspections.models import (
    DEFAULT_CRITERIA,
    Criterion,
    Finding,
    FindingEvidence,
    InspectionPlan,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
    Response,
    ResponseEvidence,
    Result,
    Target,
    TeamMember,
    TeamRole,
    Visit,
)
from vstb.issuing import services as issuing
from vstb.issuing.models import DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.lib.files import safe_filename
from vstb.lib.periods import in_force
from vstb.notifications.models import Kind
from vstb.notifications.services import in_vietnamese, notify
from vstb.org.models import Agency, Membership, Unit
from vstb.plans.models import IssuerBody

Key = tuple[str, int]


@dataclass(frozen=True)
class InspectionResult:
    """What an inspection of the year found at one target, for the commendation round."""

    inspected: bool
    criteria_not_met: int
    open_recommendations: int  # every recommendation not yet accepted


def results_for(unit: Unit, year: int) -> dict[Key, InspectionResult]:
    """The targets of the inspection plans that `unit`'s committee issued for a period in
    `year`, keyed ("unit", id) or ("agency", id). One query, whatever the number of targets.
    A target is inspected once its visit has a date or a finding."""
    rows = (
        Target.objects.filter(
            plan__unit=unit,
            plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED],
            plan__period_start__lte=date(year, 12, 31),
            plan__period_end__gte=date(year, 1, 1),
        )
        .annotate(
            visited=Count("visit", filter=Q(visit__visited_on__isnull=False)),
            findings=Count("visit__findings", distinct=True),
            not_met=Count(
                "visit__findings",
                filter=Q(visit__findings__result=Result.NOT_MET),
                distinct=True,
            ),
            not_accepted=Count(
                "visit__recommendations",
                filter=~Q(visit__recommendations__status=RecommendationStatus.ACCEPTED),
                distinct=True,
            ),
        )
        .values_list("unit_id", "agency_id", "visited", "findings", "not_met", "not_accepted")
    )
    results: dict[Key, InspectionResult] = {}
    for unit_id, agency_id, visited, findings, not_met, not_accepted in rows:
        key: Key = ("agency", agency_id) if agency_id else ("unit", unit_id)
        before = results.get(key, InspectionResult(False, 0, 0))
        results[key] = InspectionResult(
            inspected=before.inspected or bool(visited or findings),
            criteria_not_met=before.criteria_not_met + not_met,
            open_recommendations=before.open_recommendations + not_accepted,
        )
    return results


# Plans ----------------------------------------------------------------------------------------

STALE = gettext_lazy(
    "Someone else saved this while you were editing it, so your changes were not saved. Open "
    "the page again to see what they recorded, then make your changes."
)
PLAN_ISSUED = gettext_lazy(
    "This inspection plan has been issued, so its criteria, targets and team can no longer be "
    "changed. To change them, replace the plan's decision from the document's page."
)
CONCLUSIONS_ISSUED = gettext_lazy(
    "The conclusions of this visit have been issued, so its findings and recommendations can no "
    "longer be changed. To correct them, replace the notice from the document's page."
)
# The notifications' one sentence (the link opens the visit or the recommendation).
TO_BE_INSPECTED = gettext_lazy("%(committee)s will inspect %(target)s on %(day)s: %(plan)s")
TEAM_ESTABLISHED = gettext_lazy(
    "%(committee)s has established the team that will inspect %(target)s on %(day)s"
)
RECOMMENDED = gettext_lazy(
    "%(committee)s has sent the conclusions of its inspection of %(target)s: %(count)s "
    "recommendation(s) to carry out"
)
REPORTED = gettext_lazy(
    "%(addressee)s has reported on a recommendation of the inspection of %(target)s"
)
ACCEPTED = gettext_lazy(
    "The inspection team has accepted your report on a recommendation (%(target)s)"
)
RETURNED = gettext_lazy(
    "The inspection team has returned your report on a recommendation (%(target)s): report again"
)


def _claim(model, obj, version: int | None) -> None:
    """Take the version the form was shown with, or refuse: someone saved meanwhile."""
    if version is None:
        version = obj.version
    claimed = model.objects.filter(pk=obj.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        raise ValidationError(str(STALE))
    obj.version = version + 1


def _check_draft(plan: InspectionPlan) -> None:
    if not plan.is_draft:
        raise ValidationError(str(PLAN_ISSUED))


@transaction.atomic
def create_plan(plan: InspectionPlan, criteria: list[str] | None = None, by=None) -> InspectionPlan:
    """Save a new plan built by the form, with its criteria (the defaults when none given)."""
    plan.created_by = by if getattr(by, "pk", None) else None
    plan.full_clean()
    plan.save()
    texts = [text.strip() for text in (criteria or DEFAULT_CRITERIA) if text.strip()]
    Criterion.objects.bulk_create(
        [Criterion(plan=plan, order=order, text=text[:300]) for order, text in enumerate(texts, 1)]
    )
    return plan


@transaction.atomic
def update_plan(plan: InspectionPlan, fields: dict, criteria: list[str], version: int) -> None:
    """The title, period, purposes and criteria of a draft plan; refused when stale."""
    _check_draft(plan)
    _claim(InspectionPlan, plan, version)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save(update_fields=[*fields, "version"])
    texts = [text.strip()[:300] for text in criteria if text.strip()]
    existing = list(plan.criteria.all())
    for criterion, text in zip(existing, texts, strict=False):
        criterion.text = text
    Criterion.objects.bulk_update(existing[: len(texts)], ["text"])
    plan.criteria.filter(pk__in=[c.pk for c in existing[len(texts) :]]).delete()
    Criterion.objects.bulk_create(
        [
            Criterion(plan=plan, order=order, text=text)
            for order, text in enumerate(texts[len(existing) :], start=len(existing) + 1)
        ]
    )


def _target_name(unit: Unit | None, agency: Agency | None) -> str:
    return agency.name if agency is not None else unit.name  # type: ignore[union-attr]


@transaction.atomic
def add_target(
    plan: InspectionPlan,
    *,
    planned_on: date,
    unit: Unit | None = None,
    agency: Agency | None = None,
    reasons: list[str] | None = None,
) -> Target:
    """A lower unit or member agency of the plan's unit, visited on `planned_on`, with the
    suggestion's reasons kept as they read when it was chosen."""
    _check_draft(plan)
    if (unit is None) == (agency is None):
        raise ValidationError(_("Choose one lower unit or one member agency."))
    if unit is not None and unit.parent_id != plan.unit_id:
        raise ValidationError(_("Choose a unit directly below this unit."))
    if agency is not None and agency.unit_id != plan.unit_id:
        raise ValidationError(_("Choose a member agency of this unit."))
    if not plan.period_start <= planned_on <= plan.period_end:
        raise ValidationError(
            _("Choose a visit date within the plan's period, from %(start)s to %(end)s.")
            % {"start": f"{plan.period_start:%d/%m/%Y}", "end": f"{plan.period_end:%d/%m/%Y}"}
        )
    if plan.targets.filter(unit=unit, agency=agency).exists():
        raise ValidationError(
            _("%(name)s is already a target of this plan.") % {"name": _target_name(unit, agency)}
        )
    target = Target.objects.create(
        plan=plan, unit=unit, agency=agency, planned_on=planned_on, reasons=list(reasons or [])
    )
    Visit.objects.create(target=target)
    return target


def remove_target(target: Target) -> None:
    _check_draft(target.plan)
    target.delete()


def add_team_member(plan: InspectionPlan, membership: Membership, role: str) -> TeamMember:
    """A member of the plan's committee in force during its period; one head."""
    _check_draft(plan)
    committee = getattr(plan.unit, "committee", None)
    if committee is None or membership.committee_id != committee.pk:
        raise ValidationError(_("Choose a member of this unit's committee."))
    if membership.start > plan.period_end or (
        membership.end is not None and membership.end < plan.period_start
    ):
        raise ValidationError(
            _("%(name)s is not a member of the committee during the plan's period.")
            % {"name": membership.full_name}
        )
    if plan.team.filter(membership=membership).exists():
        raise ValidationError(
            _("%(name)s is already on the team.") % {"name": membership.full_name}
        )
    if role == TeamRole.HEAD and plan.team.filter(role=TeamRole.HEAD).exists():
        raise ValidationError(
            _("The team already has a head. Remove the head first, or add this person as a member.")
        )
    return TeamMember.objects.create(plan=plan, membership=membership, role=role)


def remove_team_member(member: TeamMember) -> None:
    _check_draft(member.plan)
    member.delete()


def team_agencies(plan: InspectionPlan):
    """The agencies the team's members sit for: their focal points work as the team."""
    return Agency.objects.filter(
        pk__in=plan.team.filter(membership__agency__isnull=False).values("membership__agency")
    )


# Documents ------------------------------------------------------------------------------------


def _document(obj, field: str, unit: Unit, params: dict, **kwargs) -> IssuedDocument:
    """The draft (or issued document) of this kind, or a new draft of the committee."""
    current = getattr(obj, field)
    if current is not None:
        return current
    document = issuing.create(unit, issuer_body=IssuerBody.COMMITTEE, params=params, **kwargs)
    type(obj).objects.filter(pk=obj.pk).update(**{field: document})
    setattr(obj, field, document)
    return document


@transaction.atomic
def draft_plan_document(plan: InspectionPlan, by=None) -> IssuedDocument:
    """The decision issuing the plan (the plan attached); its issue tells the targets."""
    if plan.is_closed:
        raise ValidationError(_("This inspection plan is closed."))
    problems = []
    if not plan.criteria.exists():
        problems.append(_("Write at least one criterion to check."))
    if not plan.targets.exists():
        problems.append(_("Choose at least one unit or agency to inspect."))
    if not plan.team.filter(role=TeamRole.HEAD).exists():
        problems.append(_("Choose the head of the inspection team."))
    if problems:
        raise ValidationError(problems)
    return _document(
        plan,
        "plan_document",
        plan.unit,
        {"inspection": plan.pk},
        purpose=Purpose.INSPECTION_PLAN,
        doc_type=DocType.DECISION,
        subject=f"Ban hành Kế hoạch {plan.title[:1].lower()}{plan.title[1:]}"[:500],
        by=by,
    )


@transaction.atomic
def draft_team_decision(plan: InspectionPlan, by=None) -> IssuedDocument:
    """The decision establishing the team, once the plan is issued (it cites the plan)."""
    if plan.is_draft:
        raise ValidationError(_("Issue the inspection plan first: the team's decision cites it."))
    return _document(
        plan,
        "team_decision",
        plan.unit,
        {"inspection": plan.pk},
        purpose=Purpose.INSPECTION_TEAM,
        doc_type=DocType.DECISION,
        subject=f"Thành lập Đoàn kiểm tra {plan.title[:1].lower()}{plan.title[1:]}"[:500],
        by=by,
    )


@transaction.atomic
def draft_conclusions(visit: Visit, by=None) -> IssuedDocument:
    """The notice of conclusions to the inspected unit or agency, once every criterion has
    its finding."""
    plan = visit.target.plan
    if plan.is_draft:
        raise ValidationError(_("Issue the inspection plan first."))
    missing = plan.criteria.exclude(findings__visit=visit)
    if visit.visited_on is None or missing.exists():
        raise ValidationError(
            _(
                "Record the visit's date and a finding for every criterion, then draft the conclusions."
            )
        )
    target = visit.target
    return _document(
        visit,
        "conclusions",
        plan.unit,
        {"visit": visit.pk},
        purpose=Purpose.INSPECTION_CONCLUSIONS,
        doc_type=DocType.NOTICE,
        subject=f"Kết luận kiểm tra công tác vì sự tiến bộ của phụ nữ tại {target.name}"[:500],
        by=by,
        addressees=[target.unit or target.agency.unit],  # type: ignore[union-attr]
    )


def target_audience(targets):
    """Those who act for the targets: a lower unit's managers, an agency's focal points."""
    units = [t.unit for t in targets if t.unit_id]
    agencies = [t.agency for t in targets if t.agency_id]
    return access.people_to_tell(units=units, agencies=agencies)


def addressee_audience(recommendations):
    units = {r.addressee_unit_id: r.addressee_unit for r in recommendations if r.addressee_unit_id}
    agencies = {
        r.addressee_agency_id: r.addressee_agency for r in recommendations if r.addressee_agency_id
    }
    return access.people_to_tell(units=list(units.values()), agencies=list(agencies.values()))


def team_audience(plan: InspectionPlan):
    """The inspecting unit's managers and the focal points of the team members' agencies."""
    return access.people_to_tell(units=[plan.unit], agencies=team_agencies(plan))


def on_document_issued(sender, document: IssuedDocument, **kwargs) -> None:
    """An inspection's document was issued (inside the issuing transaction): the plan or the
    visit points to it (a replacement included), and those concerned are told."""
    params = document.params or {}
    if document.purpose in (Purpose.INSPECTION_PLAN, Purpose.INSPECTION_TEAM):
        pk = params.get("inspection")
        plan = (
            InspectionPlan.objects.select_related("unit__committee").filter(pk=pk).first()
            if isinstance(pk, int)
            else None
        )
        if plan is None:
            return
        targets = list(plan.targets.select_related("unit", "agency"))
        committee = _committee_of(plan)
        if document.purpose == Purpose.INSPECTION_PLAN:
            _number_the_annex(document)
            plan.plan_issued(document)
            message = TO_BE_INSPECTED
        else:
            plan.team_established(document)
            message = TEAM_ESTABLISHED
        for target in targets:
            notify(
                target_audience([target]),
                Kind.INSPECTION,
                in_vietnamese(
                    message,
                    committee=committee,
                    target=target.name,
                    day=f"{target.planned_on:%d/%m/%Y}",
                    plan=plan.title,
                ),
                reverse("inspections:visit", args=[target.visit.pk]),
            )
    elif document.purpose == Purpose.INSPECTION_CONCLUSIONS:
        pk = params.get("visit")
        visit = (
            Visit.objects.select_related(
                "target__plan__unit__committee", "target__unit", "target__agency"
            )
            .filter(pk=pk)
            .first()
            if isinstance(pk, int)
            else None
        )
        if visit is None:
            return
        Visit.objects.filter(pk=visit.pk).update(conclusions=document, updated_at=timezone.now())
        recommendations = list(
            visit.recommendations.select_related("addressee_unit", "addressee_agency")
        )
        for recommendation in recommendations:
            recommendation.open()
        if recommendations:
            notify(
                addressee_audience(recommendations),
                Kind.RECOMMENDATION,
                in_vietnamese(
                    RECOMMENDED,
                    committee=_committee_of(visit.target.plan),
                    target=visit.target.name,
                    count=len(recommendations),
                ),
                reverse("inspections:visit", args=[visit.pk]),
            )


def _number_the_annex(document: IssuedDocument) -> None:
    """The attached plan's note names its decision ("Ban hành kèm theo Quyết định số …"):
    the number is taken at issue, after the words were built, so it is written in here,
    inside the issuing transaction, before anyone reads the issued document."""
    content = document.content
    for annex in content.get("annexes") or []:
        note = annex.get("note") or ""
        annex["note"] = note.replace(
            f"Quyết định số {documents.DOTS} ", f"Quyết định số {document.number_and_symbol} "
        )
    IssuedDocument.objects.filter(pk=document.pk).update(content=content)


def _committee_of(plan: InspectionPlan) -> str:
    committee = getattr(plan.unit, "committee", None)
    return committee.name if committee else plan.unit.name


# Visits ---------------------------------------------------------------------------------------


def check_recordable(visit: Visit) -> None:
    plan = visit.target.plan
    if plan.is_draft:
        raise ValidationError(_("Issue the inspection plan first; then record its visits."))
    if visit.conclusions_id is not None and visit.conclusions.status != DocumentStatus.DRAFT:  # type: ignore[union-attr]
        raise ValidationError(str(CONCLUSIONS_ISSUED))


@dataclass
class FindingInput:
    criterion_id: int
    result: str  # "" when not yet assessed
    note: str = ""


@transaction.atomic
def record_visit(
    visit: Visit, visited_on: date | None, summary: str, findings: list[FindingInput], version: int
) -> None:
    """The visit's date, general assessment and findings against each criterion."""
    check_recordable(visit)
    _claim(Visit, visit, version)
    visit.visited_on = visited_on
    visit.summary = summary.strip()
    visit.save(update_fields=["visited_on", "summary", "version"])
    criteria = set(visit.target.plan.criteria.values_list("pk", flat=True))
    existing = {f.criterion_id: f for f in visit.findings.all()}
    for row in findings:
        if row.criterion_id not in criteria:
            continue
        finding = existing.get(row.criterion_id)
        if not row.result:
            if finding is not None and not finding.evidence.exists():
                finding.delete()
            continue
        if finding is None:
            Finding.objects.create(
                visit=visit, criterion_id=row.criterion_id, result=row.result, note=row.note.strip()
            )
        else:
            finding.result, finding.note = row.result, row.note.strip()
            finding.save(update_fields=["result", "note"])


def attach_finding_evidence(finding: Finding, upload, by=None) -> FindingEvidence:
    """A file checked by the form (`upload.sniffed` is what it really is)."""
    check_recordable(finding.visit)
    return _attach(FindingEvidence(finding=finding), upload, by)


def _attach(evidence, upload, by):
    content_type, extension = upload.sniffed
    evidence.original_name = safe_filename(upload.name, extension)
    evidence.content_type = content_type
    evidence.size = upload.size
    evidence.uploaded_by = by if getattr(by, "pk", None) else None
    with transaction.atomic():
        evidence.file.save(f"upload.{extension}", upload, save=False)
        evidence.save()
    return evidence


def remove_finding_evidence(evidence: FindingEvidence) -> None:
    check_recordable(evidence.finding.visit)
    evidence.file.delete(save=False)
    evidence.delete()


@transaction.atomic
def add_recommendation(visit: Visit, recommendation: Recommendation) -> Recommendation:
    """A recommendation built by the form, last in the visit's order; it opens when the
    conclusions are issued."""
    check_recordable(visit)
    recommendation.visit = visit
    recommendation.order = (visit.recommendations.aggregate(m=Max("order"))["m"] or 0) + 1
    recommendation.full_clean()
    recommendation.save()
    return recommendation


def remove_recommendation(recommendation: Recommendation) -> None:
    check_recordable(recommendation.visit)
    if recommendation.status != RecommendationStatus.PENDING:
        raise ValidationError(str(CONCLUSIONS_ISSUED))
    recommendation.delete()


def addressees_for(visit: Visit) -> tuple[list[Unit], list[Agency]]:
    """Whom a visit's recommendations may address: the inspected unit or agency, the
    inspecting unit's other lower units and member agencies."""
    unit = visit.target.plan.unit
    units = list(Unit.objects.filter(parent=unit).filter(in_force(timezone.localdate())))
    agencies = list(Agency.objects.filter(unit=unit, active=True))
    return units, agencies


# Following recommendations up -----------------------------------------------------------------


@transaction.atomic
def report_on(
    recommendation: Recommendation, text: str, uploads, version: int, by=None
) -> Response:
    """The addressee says what it did, with evidence; the team is told."""
    if not text.strip():
        raise ValidationError(_("Say what was done to carry out the recommendation."))
    _claim(Recommendation, recommendation, version)
    recommendation.report()
    response = Response.objects.create(
        recommendation=recommendation,
        text=text.strip(),
        reported_by=by if getattr(by, "pk", None) else None,
    )
    for upload in uploads:
        _attach(ResponseEvidence(response=response), upload, by)
    visit = recommendation.visit
    notify(
        _without(team_audience(visit.target.plan), by),
        Kind.RECOMMENDATION,
        in_vietnamese(REPORTED, addressee=recommendation.addressee_name, target=visit.target.name),
        reverse("inspections:recommendation", args=[recommendation.pk]),
    )
    return response


@transaction.atomic
def accept(recommendation: Recommendation, version: int, by=None) -> None:
    _claim(Recommendation, recommendation, version)
    recommendation.accept()
    _tell_addressee(recommendation, ACCEPTED, by)


@transaction.atomic
def send_back(recommendation: Recommendation, reason: str, version: int, by=None) -> None:
    _claim(Recommendation, recommendation, version)
    recommendation.send_back(reason)
    _tell_addressee(recommendation, RETURNED, by)


def _tell_addressee(recommendation: Recommendation, message, by) -> None:
    notify(
        _without(addressee_audience([recommendation]), by),
        Kind.RECOMMENDATION,
        in_vietnamese(message, target=recommendation.visit.target.name),
        reverse("inspections:recommendation", args=[recommendation.pk]),
    )


def _without(audience, by):
    """The person who did it is not told about it."""
    if by is not None and getattr(by, "pk", None) in audience.people:
        audience.people.pop(by.pk)
    return audience


def close_plan(plan: InspectionPlan) -> None:
    """issued → closed, once every visit's conclusions are issued and every recommendation
    accepted."""
    visits = Visit.objects.filter(target__plan=plan)
    if visits.filter(conclusions__isnull=True).exists():
        raise ValidationError(_("Issue the conclusions of every visit before closing the plan."))
    if (
        Recommendation.objects.filter(visit__in=visits)
        .exclude(status=RecommendationStatus.ACCEPTED)
        .exists()
    ):
        raise ValidationError(
            _(
                "Some recommendations are not yet accepted. Close the plan once all of them are done."
            )
        )
    plan.close()
