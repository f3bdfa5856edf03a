"""The pipeline's workflows: adding and appointing candidates, the shares of women (per unit
and rolled up), the committee's yearly review and its report in Decree 30 layout.

- `appoint` moves a candidate to appointed and, for a key position, records the position in
  the register of key leadership positions (vstb/indicators), which is where the leadership
  indicators are counted from (indicators.services.record_leadership);
- `shares` and `rollup` count women among the candidates in planning and among the
  appointments of a year, for a unit's whole subtree and for each unit directly below it;
- `review` is the yearly review page's content: counts by sex, rank and agency, the key
  positions with no woman planned, and the Strategy's target on key leaders;
- `draft_report` starts the review report (Purpose.LEADERS_REVIEW), whose words
  `review_report` writes (registered as its builder), sent to the unit above when issued;
- `record_indicators` writes the register's counts as the unit's leadership figures, from
  the review page and when the review report is issued (`review_issued`).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vstb.indicators import services as indicators
from vstb.indicators.models import LeadershipPosition, LeadershipRank, Target
from vstb.issuing import builders
from vstb.issuing import services as issuing
from vstb.issuing.models import DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.leaders.models import Candidate, CandidateStatus
from vstb.org.models import Agency, Committee, Level, Sex, Unit
from vstb.plans.models import IssuerBody

# Resolution 28/NQ-CP (National Strategy on Gender Equality 2021–2030), objective 1, target
# 1: the share of state agencies and local governments with a woman among their key leaders,
# 60% by 2025 and 75% by 2030 (research/regulations.md §3, confirmed). Its values are read
# from the indicator catalogue (vstb/indicators/catalogue.py), never repeated here.
M1_INDICATOR = "NQ28-M1-CT1"

# The review report is a báo cáo (BC).
REVIEW_DOC_TYPE = DocType.REPORT

# The ranks as the report writes them, whatever the reader's language.
RANK_WORDS = {LeadershipRank.HEAD: "cấp trưởng", LeadershipRank.DEPUTY: "cấp phó"}


# Candidates -----------------------------------------------------------------------------------


def add_candidate(candidate: Candidate, trainings=(), by=None) -> Candidate:
    candidate.created_by = by if getattr(by, "pk", None) else None
    candidate.full_clean(exclude=["trainings"])
    candidate.save()
    candidate.trainings.set(trainings)
    return candidate


def appoint(
    candidate: Candidate,
    on: date,
    version: int,
    *,
    record_position: bool = True,
    title: str = "",
) -> Candidate:
    """in planning → appointed on `on`; a key position is recorded in the register (held from
    `on`, by a holder of the candidate's sex) unless `record_position` is off (the clerk
    already entered it there). `version` is the one the person saw: a stale one is refused."""
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if locked.version != version:
            raise ValidationError(
                _(
                    "Someone else changed this candidate while you were working. Open the "
                    "candidate again to see the change, then appoint."
                )
            )
        if on > timezone.localdate():
            raise ValidationError(
                _("An appointment is recorded once it is made: the date cannot be in the future.")
            )
        position = None
        if locked.key_position and record_position:
            position = LeadershipPosition(
                unit_id=locked.unit_id,
                agency_id=locked.planned_agency_id,
                title=(title or locked.planned_title).strip()[:200],
                rank=locked.planned_rank,
                holder_sex=locked.sex,
                start=on,
            )
            position.full_clean()
            position.save()
        locked.appoint(on, position)
    return locked


def remove_from_planning(candidate: Candidate, on: date, version: int) -> Candidate:
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if locked.version != version:
            raise ValidationError(
                _(
                    "Someone else changed this candidate while you were working. Open the "
                    "candidate again to see the change."
                )
            )
        locked.remove_from_planning(on)
    return locked


def set_proposed(unit: Unit, year: int, chosen: set[int], versions: dict[int, int]) -> int:
    """The women in planning of `unit` in `year` that the committee proposes: those in
    `chosen`, and no other. `versions` are the candidates' versions the page showed: if one
    changed since, nothing is saved. Returns how many changed."""
    with transaction.atomic():
        women = list(
            Candidate.objects.select_for_update()
            .filter(unit=unit, sex=Sex.FEMALE)
            .in_planning_during(year)
            .order_by("pk")
        )
        if any(versions.get(c.pk) != c.version for c in women):
            raise ValidationError(
                _(
                    "Someone changed the planning list while you were choosing. Open the review "
                    "again and choose once more."
                )
            )
        changed = [c for c in women if (c.pk in chosen) != c.proposed]
        for candidate in changed:
            candidate.proposed = candidate.pk in chosen
            candidate.version += 1
            candidate.save(update_fields=["proposed", "version"])
    return len(changed)


def trainings_for(unit: Unit):
    """The trainings a candidate of `unit` may have attended: activities of kind training of
    the unit or of a unit above it (a province's course trains the communes' officials)."""
    from vstb.activities.models import Activity, ActivityKind

    return (
        Activity.objects.filter(kind=ActivityKind.TRAINING)
        .filter(Q(unit=unit) | Q(unit_id__in=unit.ancestor_ids))
        .select_related("unit")
        .order_by("-start", "title")
    )


def agencies_of(unit: Unit):
    return Agency.objects.filter(unit=unit, active=True).order_by("name")


# Shares ----------------------------------------------------------------------------------------


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage with one decimal; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Shares:
    """Women among the candidates in planning (during a year) and among the year's
    appointments."""

    planned: int = 0
    planned_women: int = 0
    appointed: int = 0
    appointed_women: int = 0

    @property
    def planned_share(self) -> Decimal | None:
        return percent(self.planned_women, self.planned)

    @property
    def appointed_share(self) -> Decimal | None:
        return percent(self.appointed_women, self.appointed)

    def add(self, other: "Shares") -> None:
        self.planned += other.planned
        self.planned_women += other.planned_women
        self.appointed += other.appointed
        self.appointed_women += other.appointed_women


def _counted(candidates, year: int):
    """Per unit: the four counts of Shares, in one query."""
    women = Q(sex=Sex.FEMALE)
    planned = Q(status=CandidateStatus.IN_PLANNING, term_start__lte=year, term_end__gte=year)
    appointed = Q(status=CandidateStatus.APPOINTED, appointed_on__year=year)
    return candidates.values("unit_id", "unit__path").annotate(
        planned=Count("pk", filter=planned),
        planned_women=Count("pk", filter=planned & women),
        appointed=Count("pk", filter=appointed),
        appointed_women=Count("pk", filter=appointed & women),
    )


def shares(unit: Unit, year: int, *, subtree: bool = True) -> Shares:
    """The unit's shares: its own candidates, with those of every unit below when
    `subtree` (the roll-up: counts summed, never shares averaged)."""
    if subtree:
        candidates = Candidate.objects.filter(unit__path__under=unit.path)
    else:
        candidates = Candidate.objects.filter(unit=unit)
    total = Shares()
    for row in _counted(candidates, year):
        total.add(_shares_of(row))
    return total


def _shares_of(row: dict) -> Shares:
    return Shares(row["planned"], row["planned_women"], row["appointed"], row["appointed_women"])


@dataclass
class RollupRow:
    unit: Unit
    shares: Shares
    own: bool = False  # the unit's own candidates, not a lower unit's subtree


def rollup(unit: Unit, year: int) -> tuple[Shares, list[RollupRow]]:
    """The unit's total over its subtree, and a row for its own candidates and one for each
    unit directly below it (with everything under that unit), in two queries."""
    children = list(Unit.objects.filter(parent=unit).order_by("name"))
    by_path = {child.path: RollupRow(child, Shares()) for child in children}
    own = RollupRow(unit, Shares(), own=True)
    total = Shares()
    for row in _counted(Candidate.objects.filter(unit__path__under=unit.path), year):
        counted = _shares_of(row)
        total.add(counted)
        if row["unit_id"] == unit.pk:
            own.shares.add(counted)
            continue
        # The lower unit directly below `unit` on the candidate's unit's path.
        child_part = row["unit__path"][len(unit.path) :].split("/", 1)[0]
        child_path = f"{unit.path}{child_part}/"
        if child_path in by_path:
            by_path[child_path].shares.add(counted)
    return total, [own, *by_path.values()]


# The committee's review ------------------------------------------------------------------------


@dataclass
class TargetLine:
    year: int
    value: Decimal | None
    to_confirm: bool


@dataclass
class Review:
    unit: Unit
    year: int
    shares: Shares
    rows: list[RollupRow]
    by_rank: list[tuple[str, str, int, int]]  # (rank, its label, women, men) in planning
    by_agency: list[dict] = field(default_factory=list)
    # Agencies with a key position planned and no woman among its candidates.
    without_woman: list[Agency] = field(default_factory=list)
    # Key leaders (register, on 31/12 or today): bodies with a woman among them.
    leaders: indicators.LeadershipCounts | None = None
    bodies_share: Decimal | None = None
    # Bodies that would have a woman key leader if their women in planning were appointed.
    bodies_with_woman_planned: int = 0
    bodies_share_planned: Decimal | None = None
    targets: list[TargetLine] = field(default_factory=list)
    # The women in planning, and those the committee proposes (named in the report).
    women: list[Candidate] = field(default_factory=list)
    women_proposed: list[Candidate] = field(default_factory=list)


def review(unit: Unit, year: int) -> Review:
    """The yearly review of the unit's own pipeline (its candidates, not its lower units':
    those are in `rows`, rolled up)."""
    total, rows = rollup(unit, year)
    planned = list(
        Candidate.objects.filter(unit=unit)
        .in_planning_during(year)
        .select_related("planned_agency", "current_agency")
        .order_by("planned_agency__name", "planned_rank", "full_name")
    )
    ranks = dict(LeadershipRank.choices)
    by_rank = [
        (
            rank,
            str(label),
            sum(1 for c in planned if c.planned_rank == rank and c.is_woman),
            sum(1 for c in planned if c.planned_rank == rank and not c.is_woman),
        )
        for rank, label in ranks.items()
    ]
    day = min(date(year, 12, 31), timezone.localdate())
    held = list(LeadershipPosition.objects.filter(unit=unit).held_on(day).select_related("agency"))
    leaders = indicators.counts_of(held)

    def entry_of(agency: Agency) -> dict:
        return agencies.setdefault(
            agency.pk, {"agency": agency, "women": 0, "men": 0, "key": 0, "key_women": 0}
        )

    agencies: dict[int, dict] = {}
    for candidate in planned:
        entry = entry_of(candidate.planned_agency)
        entry["women" if candidate.is_woman else "men"] += 1
        if candidate.key_position:
            entry["key"] += 1
            entry["key_women"] += candidate.is_woman
    # A body with a key position in the register and no candidate is short of women too.
    for position in held:
        entry_of(position.agency)["key"] += 1
    by_agency = sorted(agencies.values(), key=lambda e: e["agency"].name)
    for entry in by_agency:
        # Flagged: the body has key positions (held or planned) and no woman in planning
        # for one.
        entry["flagged"] = bool(entry["key"]) and not entry["key_women"]
    without_woman = [entry["agency"] for entry in by_agency if entry["flagged"]]

    with_woman_now = {p.agency_id for p in held if p.holder_sex == Sex.FEMALE}
    with_woman_planned = with_woman_now | {
        c.planned_agency_id for c in planned if c.key_position and c.is_woman
    }
    bodies = {p.agency_id for p in held} | {c.planned_agency_id for c in planned if c.key_position}
    targets = [
        TargetLine(t.year, t.value, t.to_confirm)
        for t in Target.objects.filter(indicator__code=M1_INDICATOR, unit__isnull=True).order_by(
            "year"
        )
    ]
    return Review(
        unit=unit,
        year=year,
        shares=total,
        rows=rows,
        by_rank=by_rank,
        by_agency=by_agency,
        without_woman=without_woman,
        leaders=leaders,
        bodies_share=percent(leaders.bodies_with_woman, leaders.bodies),
        bodies_with_woman_planned=len(with_woman_planned),
        bodies_share_planned=percent(len(with_woman_planned), len(bodies)),
        targets=targets,
        women=[c for c in planned if c.is_woman],
        women_proposed=[c for c in planned if c.is_woman and c.proposed],
    )


def record_indicators(unit: Unit, year: int, user):
    """The register's counts of `year` written as the unit's leadership figures (the
    indicators of objective 1 roll up from them like any figure)."""
    return indicators.record_leadership(unit, year, user)


def review_issued(sender=None, document: IssuedDocument | None = None, **kwargs) -> None:
    """issuing.services.document_issued: the issued review fixes the year's leadership
    figures, as the review page's button does (inside the issuing transaction)."""
    if document is None or document.purpose != Purpose.LEADERS_REVIEW:
        return
    year = int(document.params.get("year") or document.issued_on.year)
    record_indicators(document.unit, year, document.issued_by)


# The review report -----------------------------------------------------------------------------


def draft_report(unit: Unit, year: int, by=None) -> IssuedDocument:
    """The draft of the year's review report, or the draft already started. Issued by the
    committee where the unit has one (its own number series), else by the People's
    Committee; sent to the unit above."""
    started = (
        IssuedDocument.objects.filter(
            unit=unit,
            purpose=Purpose.LEADERS_REVIEW,
            status=DocumentStatus.DRAFT,
            params__year=year,
        )
        .order_by("-pk")
        .first()
    )
    if started is not None:
        return started
    has_committee = Committee.objects.filter(unit=unit).exists()
    parent = unit.parent
    addressees = [parent] if parent is not None else []
    return issuing.create(
        unit,
        purpose=Purpose.LEADERS_REVIEW,
        doc_type=REVIEW_DOC_TYPE,
        subject=f"Kết quả rà soát công tác cán bộ nữ trong quy hoạch năm {year}",
        by=by,
        issuer_body=IssuerBody.COMMITTEE if has_committee else IssuerBody.PEOPLES_COMMITTEE,
        params={"year": year},
        addressees=addressees,
    )


def _number(value: Decimal) -> str:
    """60.00 → "60", 62.50 → "62,5" (Vietnamese decimal comma)."""
    return f"{value.normalize():f}".replace(".", ",")


def _share_text(share: Decimal | None) -> str:
    return "chưa có số liệu" if share is None else f"{share:.1f}%".replace(".", ",")


def review_report(document: IssuedDocument) -> dict:
    """The report's words (issuing.builders: a builder reads, never writes): the shares of
    women in planning and among appointments, by rank and agency; the Strategy's target on
    key leaders; the key positions with no woman planned; the women proposed."""
    unit = document.unit
    year = int(document.params.get("year") or (document.issued_on or timezone.localdate()).year)
    found = review(unit, year)
    content = builders.base(document)
    content["title"] = "BÁO CÁO"
    signer = content.get("signer") or {}
    if not signer.get("name"):
        # No chair on record: the clerk types the signer in the draft.
        content["signer"] = {**signer, "name": None}
    place = unit.name_in_text
    s = found.shares
    situation = [
        f"Năm {year}, {place} có {s.planned} người trong quy hoạch các chức danh lãnh đạo, "
        f"trong đó {s.planned_women} người là nữ (tỷ lệ nữ {_share_text(s.planned_share)}).",
        f"Trong năm đã bổ nhiệm {s.appointed} người từ nguồn quy hoạch, trong đó "
        f"{s.appointed_women} người là nữ (tỷ lệ nữ {_share_text(s.appointed_share)}).",
    ]
    for rank, _label, women, men in found.by_rank:
        if women or men:
            situation.append(f"Quy hoạch chức danh {RANK_WORDS[rank]}: {women} nữ, {men} nam.")
    lower = [
        row for row in found.rows if not row.own and (row.shares.planned or row.shares.appointed)
    ]
    if lower:
        situation.append("Theo đơn vị trực thuộc:")
        situation.extend(
            f"- {row.unit.name}: {row.shares.planned} người trong quy hoạch, "
            f"{row.shares.planned_women} nữ ({_share_text(row.shares.planned_share)}); "
            f"bổ nhiệm {row.shares.appointed}, {row.shares.appointed_women} nữ."
            for row in lower
        )
    agencies = [
        f"- {entry['agency'].name}: {entry['women']} nữ, {entry['men']} nam"
        + ("; chưa có nữ trong quy hoạch chức danh lãnh đạo chủ chốt." if entry["flagged"] else ".")
        for entry in found.by_agency
    ]
    leaders = found.leaders
    assessment = []
    if leaders is not None and leaders.bodies:
        assessment.append(
            f"Hiện có {leaders.bodies_with_woman}/{leaders.bodies} cơ quan có lãnh đạo chủ chốt "
            f"là nữ (tỷ lệ {_share_text(found.bodies_share)}); nếu bổ nhiệm các cán bộ nữ trong "
            f"quy hoạch, tỷ lệ này là {_share_text(found.bodies_share_planned)}."
        )
    # Resolution 28/NQ-CP, objective 1, target 1 (values from the indicator catalogue).
    targets = [t for t in found.targets if t.value is not None]
    if targets:
        assessment.append(
            "Chỉ tiêu của Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030 "
            "(Nghị quyết số 28/NQ-CP): "
            + "; ".join(f"đến năm {t.year} đạt {_number(t.value)}%" for t in targets)
            + " cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ."
        )
    if found.without_woman:
        assessment.append(
            "Các cơ quan chưa có nữ trong quy hoạch chức danh lãnh đạo chủ chốt: "
            + ", ".join(agency.name for agency in found.without_woman)
            + "."
        )
    proposals = [
        f"- {c.full_name}, {c.current_position}"
        + (f", {c.current_agency.name}" if c.current_agency_id else "")
        + f": quy hoạch chức danh {c.planned_title}, {c.planned_agency.name} (giai đoạn {c.term})."
        for c in found.women_proposed
    ]
    sections = [
        _section("1", "Tình hình quy hoạch và bổ nhiệm cán bộ nữ", situation),
    ]
    if agencies:
        sections.append(_section("2", "Theo cơ quan", agencies))
    sections.append(
        _section(
            str(len(sections) + 1),
            "Đánh giá",
            assessment or ["Chưa có số liệu sổ theo dõi lãnh đạo chủ chốt của năm."],
        )
    )
    proposal_lines = [
        "Ban Vì sự tiến bộ của phụ nữ đề nghị cấp ủy, cơ quan có thẩm quyền quan tâm đào tạo, "
        "bồi dưỡng và xem xét bổ nhiệm các cán bộ nữ sau trong quy hoạch:"
        if proposals
        else "Đề nghị các cơ quan rà soát, bổ sung cán bộ nữ vào quy hoạch các chức danh lãnh đạo.",
        *proposals,
    ]
    if found.without_woman:
        proposal_lines.append(
            "Đề nghị các cơ quan chưa có nữ trong quy hoạch chức danh lãnh đạo chủ chốt bổ sung "
            "nguồn cán bộ nữ."
        )
    sections.append(_section(str(len(sections) + 1), "Đề xuất", proposal_lines))
    content["sections"] = sections
    content["recipients"] = [*_parent_recipient(unit), "Lưu: VT"]
    return content


def _section(label: str, title: str, paragraphs: list[str]) -> dict:
    return {
        "label": label,
        "title": title,
        "kind": "other",
        "paragraphs": paragraphs,
        "children": [],
    }


def _parent_recipient(unit: Unit) -> list[str]:
    parent = unit.parent
    if parent is None or parent.level == Level.NATIONAL:
        return []
    committee = Committee.objects.filter(unit=parent).first()
    return [committee.name] if committee else [parent.body_name()]
