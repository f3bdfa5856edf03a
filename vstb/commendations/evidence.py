"""The year's evidence for every candidate of a round, read in a fixed number of queries
whatever the number of candidates (tests/test_evidence.py counts them), and the rule that
proposes and orders the candidates.

Candidates (issue 16, item 2): collectives, the unit's lower units and its member agencies
(not the agencies that stand for a lower unit's People's Committee: the lower unit itself is
the candidate); individuals, the committee's members in the year and the unit's officers
(people holding a secretariat, unit-officer or focal-point role there).

What counts, for a collective:
- reports: each report the unit asked of it in the year (reporting), sent by its due date
  (on time), after it (late), or not sent when the due date has passed (missing);
- tasks: of the unit's issued plans of the year led by the agency, or of the lower unit's
  own issued plans of the year: done, and overdue (open after their deadline);
- activities of the year it recorded, and the people they reached, women and men;
- for a lower unit, the indicators whose target of the year its value meets (indicators);
- inspections of the year (inspections.services.results_for): inspected, criteria not met,
  recommendations still open.
An individual carries the evidence of the agency they represent or work for; an officer of
the secretariat or a unit officer, that of the unit's own reports to the level above.

THE RULE (shown to users on the round page, `RULE`): a candidate is proposed when it has at
least one result (a report on time, a task done or an activity), no report late or missing,
no task overdue and no recommendation of an inspection still open. The score orders the
proposals: 2 per report on time, 2 per task done, 1 per activity, 2 per indicator target
met, 3 for an inspection with every criterion met; minus 3 per report late or missing, per
task overdue and per recommendation open. Equal scores go by name.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from vstb.access.commendations import officers_of
from vstb.activities.models import Activity
from vstb.indicators import progress, rollup
from vstb.indicators.models import Direction, Target
from vstb.inspections.services import results_for
from vstb.org.models import Agency, Committee, Membership, Unit
from vstb.plans.models import PlanStatus, Task, TaskStatus
from vstb.reporting.models import Report, Requirement

RULE = _(
    "A candidate is proposed when it has at least one result (a report on time, a task done "
    "or an activity), no report late or missing, no task overdue and no recommendation of "
    "an inspection still open. Proposals are ordered by score: 2 per report on time, 2 per "
    "task done, 1 per activity, 2 per indicator target met, 3 for an inspection with every "
    "criterion met; minus 3 per report late or missing, per task overdue and per "
    "recommendation still open."
)

# The agencies that stand for a lower unit's People's Committee (org AgencyKind): the
# lower unit is the candidate instead.
LOWER_COMMITTEE_KIND = "ubnd_cap_duoi"


@dataclass
class Evidence:
    reports_on_time: int = 0
    reports_late: int = 0
    reports_missing: int = 0
    tasks_done: int = 0
    tasks_overdue: int = 0
    activities: int = 0
    reached_women: int = 0
    reached_men: int = 0
    targets_met: int = 0
    targets_total: int = 0
    inspected: bool = False
    criteria_not_met: int = 0
    open_recommendations: int = 0
    # For an individual: whose evidence this is ("Phòng Tư pháp quận").
    through: str = ""

    @property
    def has_results(self) -> bool:
        return bool(self.reports_on_time or self.tasks_done or self.activities)

    @property
    def eligible(self) -> bool:
        return (
            self.has_results
            and not self.reports_late
            and not self.reports_missing
            and not self.tasks_overdue
            and not self.open_recommendations
        )

    @property
    def score(self) -> int:
        good = (
            2 * self.reports_on_time
            + 2 * self.tasks_done
            + self.activities
            + 2 * self.targets_met
            + (
                3
                if self.inspected and not self.criteria_not_met and not self.open_recommendations
                else 0
            )
        )
        bad = 3 * (
            self.reports_late
            + self.reports_missing
            + self.tasks_overdue
            + self.open_recommendations
        )
        return good - bad

    def sentences(self) -> list[str]:
        """The evidence as plain Vietnamese sentences (they go into the Tờ trình too)."""
        lines = []
        if self.through:
            lines.append(f"Kết quả của {self.through}:")
        sent = self.reports_on_time + self.reports_late
        if sent or self.reports_missing:
            line = f"Gửi đúng hạn {self.reports_on_time}/{sent + self.reports_missing} báo cáo"
            extra = []
            if self.reports_late:
                extra.append(f"{self.reports_late} báo cáo gửi muộn")
            if self.reports_missing:
                extra.append(f"{self.reports_missing} báo cáo chưa gửi")
            lines.append(line + (f" ({', '.join(extra)})." if extra else "."))
        if self.tasks_done or self.tasks_overdue:
            line = f"Hoàn thành {self.tasks_done} nhiệm vụ"
            if self.tasks_overdue:
                line += f"; {self.tasks_overdue} nhiệm vụ quá hạn chưa hoàn thành"
            lines.append(line + ".")
        if self.activities:
            line = f"Tổ chức {self.activities} hoạt động"
            if self.reached_women or self.reached_men:
                line += f", thu hút {self.reached_women} lượt nữ và {self.reached_men} lượt nam tham gia"
            lines.append(line + ".")
        if self.targets_total:
            lines.append(f"Đạt {self.targets_met}/{self.targets_total} chỉ tiêu của năm.")
        if self.inspected:
            if self.open_recommendations:
                lines.append(
                    f"Được kiểm tra trong năm; còn {self.open_recommendations} kiến nghị chưa thực hiện xong."
                )
            elif self.criteria_not_met:
                lines.append(
                    f"Được kiểm tra trong năm; {self.criteria_not_met} tiêu chí chưa đạt, các kiến nghị đã thực hiện xong."
                )
            else:
                lines.append(
                    "Được kiểm tra trong năm; đạt các tiêu chí, không còn kiến nghị tồn đọng."
                )
        if len(lines) == (1 if self.through else 0):
            lines.append("Chưa có kết quả nào được ghi nhận trong năm.")
        return lines


@dataclass
class Candidate:
    key: str  # Proposal.key: "unit:12", "agency:3", "member:7", "officer:5"
    kind: str
    name: str
    position: str = ""
    agency_name: str = ""
    target_id: int = 0
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def sentences(self) -> list[str]:
        return self.evidence.sentences()

    @property
    def score(self) -> int:
        return self.evidence.score

    @property
    def eligible(self) -> bool:
        return self.evidence.eligible


def candidates(unit: Unit, year: int, today: date | None = None) -> list[Candidate]:
    """Every candidate of a round of `unit` for `year` with its evidence, best first."""
    today = today or timezone.localdate()
    first, last = date(year, 1, 1), date(year, 12, 31)
    lower = list(
        Unit.objects.filter(parent=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=first))
        .order_by("name")
    )
    agencies = list(
        Agency.objects.filter(unit=unit, active=True)
        .exclude(kind=LOWER_COMMITTEE_KIND)
        .order_by("name")
    )
    of_unit: dict[int, Evidence] = defaultdict(Evidence)
    of_agency: dict[int, Evidence] = defaultdict(Evidence)
    lower_ids = [u.pk for u in lower]
    agency_ids = [a.pk for a in agencies]

    _reports(unit, year, today, lower, agencies, of_unit, of_agency)
    _tasks(unit, year, today, lower_ids, agency_ids, of_unit, of_agency)
    _activities(year, lower_ids, agency_ids, of_unit, of_agency)
    _indicators(unit, year, lower, of_unit)
    _inspections(unit, year, of_unit, of_agency)

    found = [
        Candidate(f"unit:{u.pk}", "unit", u.name, target_id=u.pk, evidence=of_unit[u.pk])
        for u in lower
    ] + [
        Candidate(f"agency:{a.pk}", "agency", a.name, target_id=a.pk, evidence=of_agency[a.pk])
        for a in agencies
    ]
    found += _members(unit, year, of_agency, of_unit)
    found += _officers(unit, year, today, of_agency)
    found.sort(key=lambda c: (not c.eligible, -c.score, c.name))
    return found


def _reports(unit, year, today, lower, agencies, of_unit, of_agency) -> None:
    """On time, late and missing, against each requirement's due date for the reporter."""
    requirements = list(Requirement.objects.filter(unit=unit, year=year))
    if not requirements:
        return
    sent = {}
    for row in Report.objects.filter(
        requirement__in=requirements, receiver=unit, submitted_at__isnull=False
    ).values("requirement_id", "unit_id", "agency_id", "submitted_at"):
        who = ("unit", row["unit_id"]) if row["unit_id"] else ("agency", row["agency_id"])
        sent[(row["requirement_id"], who)] = timezone.localtime(row["submitted_at"]).date()
    for requirement in requirements:
        expected = []
        if requirement.includes_units():
            expected += [
                (("unit", u.pk), requirement.due_for(u.level), of_unit[u.pk]) for u in lower
            ]
        if requirement.includes_agencies():
            expected += [
                (("agency", a.pk), requirement.due_for(None), of_agency[a.pk]) for a in agencies
            ]
        for who, due, evidence in expected:
            _count_report(evidence, sent.get((requirement.pk, who)), due, today)


def _count_report(evidence: Evidence, sent_on: date | None, due: date | None, today: date) -> None:
    if sent_on is not None:
        if due is not None and sent_on > due:
            evidence.reports_late += 1
        else:
            evidence.reports_on_time += 1
    elif due is not None and due < today:
        evidence.reports_missing += 1


def _task_counts(today: date) -> dict:
    open_ = ~Q(status__in=[TaskStatus.DONE, TaskStatus.CANNOT_DO])
    late = Q(due__lt=today) | Q(due__isnull=True, period_end__lt=today)  # Task.objects.overdue
    return {
        "done": Count("pk", filter=Q(status=TaskStatus.DONE)),
        "overdue": Count("pk", filter=open_ & late),
    }


def _tasks(unit, year, today, lower_ids, agency_ids, of_unit, of_agency) -> None:
    issued = [PlanStatus.ISSUED, PlanStatus.CLOSED]
    led = (
        Task.objects.filter(plan__unit=unit, plan__year=year, plan__status__in=issued)
        .filter(lead_id__in=agency_ids)
        .values("lead_id")
        .annotate(**_task_counts(today))
    )
    for row in led:
        of_agency[row["lead_id"]].tasks_done += row["done"]
        of_agency[row["lead_id"]].tasks_overdue += row["overdue"]
    own = (
        Task.objects.filter(plan__unit_id__in=lower_ids, plan__year=year, plan__status__in=issued)
        .values("plan__unit_id")
        .annotate(**_task_counts(today))
    )
    for row in own:
        of_unit[row["plan__unit_id"]].tasks_done += row["done"]
        of_unit[row["plan__unit_id"]].tasks_overdue += row["overdue"]


def _activities(year, lower_ids, agency_ids, of_unit, of_agency) -> None:
    rows = (
        Activity.objects.filter(start__year=year)
        .filter(Q(unit_id__in=lower_ids) | Q(agency_id__in=agency_ids))
        .values("unit_id", "agency_id")
        .annotate(n=Count("pk"), women=Sum("participants_women"), men=Sum("participants_men"))
    )
    for row in rows:
        evidence = (
            of_unit[row["unit_id"]] if row["unit_id"] in lower_ids else of_agency[row["agency_id"]]
        )
        evidence.activities += row["n"]
        evidence.reached_women += row["women"] or 0
        evidence.reached_men += row["men"] or 0


def _indicators(unit, year, lower, of_unit) -> None:
    """Targets of the year (the Strategy's, or a lower unit's own, which replaces it) met by
    the lower unit's value of the year."""
    if not lower:
        return
    targets = list(
        Target.objects.filter(year=year, value__isnull=False)
        .filter(Q(unit__isnull=True) | Q(unit__in=lower))
        .select_related("indicator")
    )
    if not targets:
        return
    indicators = list({t.indicator_id: t.indicator for t in targets}.values())
    _at_unit, below = rollup.overview(indicators, unit, year)
    national = {t.indicator_id: t for t in targets if t.unit_id is None}
    local = {(t.unit_id, t.indicator_id): t for t in targets if t.unit_id is not None}
    for indicator in indicators:
        for child, value in below[indicator].items():
            target = local.get((child.pk, indicator.pk)) or national.get(indicator.pk)
            if target is None or value is None:
                continue
            evidence = of_unit[child.pk]
            evidence.targets_total += 1
            higher = indicator.direction == Direction.HIGHER
            if progress.meets(value, target.operator, target.value, higher):
                evidence.targets_met += 1


def _inspections(unit, year, of_unit, of_agency) -> None:
    for (kind, pk), result in results_for(unit, year).items():
        evidence = of_unit[pk] if kind == "unit" else of_agency[pk]
        evidence.inspected = bool(result.inspected)
        evidence.criteria_not_met = result.criteria_not_met
        evidence.open_recommendations = result.open_recommendations


def _copy(evidence: Evidence, through: str) -> Evidence:
    return Evidence(**{**evidence.__dict__, "through": through})


def _members(unit, year, of_agency, of_unit) -> list[Candidate]:
    """The committee's members in the year, with their agency's evidence (or their lower
    unit's, for a member who stands for a lower People's Committee)."""
    committee = Committee.objects.filter(unit=unit).first()
    if committee is None:
        return []
    members = (
        Membership.objects.filter(committee=committee, start__lte=date(year, 12, 31))
        .filter(Q(end__isnull=True) | Q(end__gte=date(year, 1, 1)))
        .select_related("agency")
        .order_by("full_name")
    )
    found = []
    with translation.override("vi"):
        for member in members:
            agency = member.agency
            if agency is None:
                evidence = Evidence()
            elif agency.represents_unit_id:
                evidence = _copy(of_unit.get(agency.represents_unit_id, Evidence()), agency.name)
            else:
                evidence = _copy(of_agency.get(agency.pk, Evidence()), agency.name)
            found.append(
                Candidate(
                    f"member:{member.pk}",
                    "member",
                    member.full_name,
                    position=str(member.get_position_display()),
                    agency_name=agency.name if agency else "",
                    target_id=member.pk,
                    evidence=evidence,
                )
            )
    return found


def _officers(unit, year, today, of_agency) -> list[Candidate]:
    """People holding a working role at the unit in the year: a focal point with their
    agency's evidence, the others with the unit's own reports to the level above."""
    roles = officers_of(unit, date(year, 1, 1), date(year, 12, 31))
    roles = list(roles)
    own = Evidence()
    if any(role.agency_id is None for role in roles):
        for row in Report.objects.filter(unit=unit, requirement__year=year).values(
            "submitted_at", "requirement__due_dates"
        ):
            due = (row["requirement__due_dates"] or {}).get(str(unit.level))
            sent_on = (
                timezone.localtime(row["submitted_at"]).date() if row["submitted_at"] else None
            )
            _count_report(own, sent_on, date.fromisoformat(due) if due else None, today)
    found: dict[int, Candidate] = {}
    with translation.override("vi"):
        for role in roles:
            if role.user_id in found:
                continue
            if role.agency_id:
                evidence = _copy(of_agency.get(role.agency_id, Evidence()), role.agency.name)
            else:
                evidence = _copy(own, unit.name)
            found[role.user_id] = Candidate(
                f"officer:{role.user_id}",
                "officer",
                role.user.full_name or role.user.get_username(),
                position=str(role.get_kind_display()),
                agency_name=role.agency.name if role.agency_id else "",
                target_id=role.user_id,
                evidence=evidence,
            )
    return list(found.values())
