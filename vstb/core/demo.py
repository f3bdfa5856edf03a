"""Load the demonstration data once; loading again changes nothing."""

import json
import random
from datetime import date
from decimal import Decimal
from itertools import cycle

from django.db import transaction
from django.utils import translation

from vstb.accounts.models import Role, User
from vstb.cases.models import Provider
from vstb.core import demo_data as data
from vstb.documents.plan_schema import SEEDS_DIR
from vstb.org import official_list
from vstb.org.models import Agency, Committee, Membership, Position, Sex, Succession, Unit
from vstb.plans.services import cascade, plan_from_json
from vstb.reporting.services import requirement_from_deadline

# Hà Nội's units come from the official list (vstb load-units, decision 0021), before and after
# the 2025 reform with their successions; the other provinces' demo units are typed here.
OFFICIAL_PROVINCES = ["01"]
UNCONFIRMED_CODE_NOTE = "Mã chưa đối chiếu với danh mục đơn vị hành chính."
PLACEHOLDER_CODE_NOTE = "Mã tạm: chưa có mã chính thức trong dữ liệu minh họa."


def _unit(
    code, name, kind, parent=None, *, confirmed=True, valid_from=None, valid_to=None, note=""
):
    """The unit of that code in the tree (a code may serve a ceased unit and a current one, as
    "00127" did for Việt Hưng before and after the reform: `valid_to` says which), or a new one."""
    if not confirmed and not note:
        note = PLACEHOLDER_CODE_NOTE if code.startswith("TAM-") else UNCONFIRMED_CODE_NOTE
    unit, _ = Unit.objects.filter(valid_to__isnull=valid_to is None).get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": kind,
            "parent": parent,
            "code_confirmed": confirmed,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "note": note,
        },
    )
    return unit


def _agencies(unit, rows, **fmt):
    made = {}
    for name, short, kind in rows:
        agency, _ = Agency.objects.get_or_create(
            unit=unit,
            name=name.format(**fmt),
            defaults={"short_name": short.format(**fmt), "kind": kind},
        )
        made[agency.short_name] = agency
    return made


class _People:
    """Hands out fictitious names in turn, so each committee gets different people."""

    def __init__(self):
        self.women = cycle([f"{f} {g}" for g in data.FEMALE_GIVEN for f in data.FAMILY])
        self.men = cycle([f"{f} {g}" for g in data.MALE_GIVEN for f in data.FAMILY])

    def next(self, sex):
        return next(self.women if sex == Sex.FEMALE else self.men)


def _committee(unit, name, standing, agencies, people, start):
    committee, created = Committee.objects.get_or_create(
        unit=unit, defaults={"name": name, "standing_agency": standing}
    )
    if not created:
        return committee
    leader = agencies[0] if agencies else None
    rows = [(Position.CHAIR, Sex.FEMALE, leader, "Phó Chủ tịch UBND")]
    rows.append((Position.VICE_CHAIR, Sex.FEMALE, standing, "Trưởng phòng / Giám đốc"))
    for agency in agencies[1:]:
        if agency is not standing:
            sex = Sex.FEMALE if agency.kind == "hlhpn" else Sex.MALE
            rows.append((Position.MEMBER, sex, agency, "Lãnh đạo đơn vị"))
    rows.append((Position.SECRETARY, Sex.FEMALE, standing, "Chuyên viên"))
    for position, sex, agency, title in rows:
        Membership.objects.create(
            committee=committee,
            full_name=people.next(sex),
            sex=sex,
            job_title=title,
            agency=agency,
            position=position,
            start=start,
            fictitious=True,
        )
    return committee


@transaction.atomic
def load_demo() -> bool:
    """Create the demo units, agencies, committees and users. Returns False if already there."""
    if Unit.objects.filter(code="VN").exists():
        return False
    people = _People()
    official_list.load(official_list.read(provinces=OFFICIAL_PROVINCES))
    nation = _unit("VN", "Việt Nam", "quoc_gia", note="Cấp quốc gia; không có mã trong danh mục.")
    hanoi = _unit("01", "Thành phố Hà Nội", "tp_trung_uong", nation)
    haiphong = _unit("31", "Thành phố Hải Phòng", "tp_trung_uong", nation)
    haiduong = _unit(
        "30",
        "Tỉnh Hải Dương",
        "tinh",
        nation,
        valid_to=data.REFORM_2025,
        note="Hợp nhất vào thành phố Hải Phòng từ 01/7/2025.",
    )
    Succession.objects.get_or_create(
        predecessor=haiduong,
        successor=haiphong,
        defaults={
            "kind": "merge",
            "date": data.REFORM_2025,
            "legal_basis": data.PROVINCES_BASIS,
            "confirmed": False,
        },
    )
    thanhhoa = _unit("38", "Tỉnh Thanh Hóa", "tinh", nation)
    dongthap = _unit("87", "Tỉnh Đồng Tháp", "tinh", nation)

    long_bien = _unit(
        "004",
        "Quận Long Biên",
        "quan",
        hanoi,
        valid_to=data.REFORM_2025,
        note=data.DISTRICTS_ABOLISHED_NOTE,
    )
    # Long Biên's wards as the official list has them before the reform: 13 (the list has no
    # Phường Sài Đồng, which the demo typed before).
    old_wards = {ward.name: ward for ward in Unit.objects.filter(parent=long_bien).order_by("code")}
    # The wards that took Long Biên over on 1/7/2025, and which former ward went where: the
    # official list's (its successions are marked unconfirmed until checked against the
    # resolution).
    new_wards = list(
        Unit.objects.filter(
            parent=hanoi,
            valid_to__isnull=True,
            predecessions__predecessor__in=old_wards.values(),
        )
        .distinct()
        .order_by("code")
    )

    bim_son = _unit(
        "381",
        "Thị xã Bỉm Sơn",
        "thi_xa",
        thanhhoa,
        valid_to=data.REFORM_2025,
        note=data.DISTRICTS_ABOLISHED_NOTE,
    )
    bim_son_units = [
        _unit(
            code,
            name,
            kind,
            bim_son,
            confirmed=False,
            valid_to=data.REFORM_2025,
            note="Đã sắp xếp từ 01/7/2025; đơn vị kế thừa chưa nhập.",
        )
        for code, name, kind in data.BIM_SON_UNITS
    ]
    sa_dec = _unit(
        "866",
        "Thành phố Sa Đéc",
        "tp_thuoc_tinh",
        dongthap,
        valid_to=data.REFORM_2025,
        note=data.DISTRICTS_ABOLISHED_NOTE,
    )
    sa_dec_units = [
        _unit(
            code,
            name,
            kind,
            sa_dec,
            confirmed=False,
            valid_to=data.REFORM_2025,
            note="Đã sắp xếp từ 01/7/2025; đơn vị kế thừa chưa nhập.",
        )
        for code, name, kind in data.SA_DEC_UNITS
    ]
    for code, name in data.HAI_PHONG_DISTRICTS:
        _unit(
            code,
            name,
            "quan",
            haiphong,
            valid_to=data.REFORM_2025,
            note=data.DISTRICTS_ABOLISHED_NOTE,
        )

    # Agencies and committees. Committees of ceased units keep their members as of 2025.
    start = date(2024, 1, 1)
    nation_agency = _agencies(
        nation,
        [
            ("Bộ Lao động – Thương binh và Xã hội", "Bộ LĐTBXH", "ldtbxh"),
            ("Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "TW Hội LHPN", "hlhpn"),
        ],
    )
    _committee(
        nation,
        "Ủy ban Quốc gia Vì sự tiến bộ của phụ nữ Việt Nam",
        nation_agency["Bộ LĐTBXH"],
        list(nation_agency.values()),
        people,
        start,
    )
    for unit, rows, committee_name, standing_short in [
        (
            hanoi,
            data.HANOI_AGENCIES,
            "Ban Vì sự tiến bộ của phụ nữ thành phố Hà Nội",
            "Sở LĐTBXH Hà Nội",
        ),
        (
            haiphong,
            data.HAI_PHONG_AGENCIES,
            "Ban Vì sự tiến bộ của phụ nữ thành phố Hải Phòng",
            "Sở LĐTBXH",
        ),
        (
            thanhhoa,
            data.THANH_HOA_AGENCIES,
            "Ban Vì sự tiến bộ của phụ nữ tỉnh Thanh Hóa",
            "Sở LĐTBXH",
        ),
        (
            dongthap,
            data.DONG_THAP_AGENCIES,
            "Ban Vì sự tiến bộ của phụ nữ tỉnh Đồng Tháp",
            "Sở LĐTBXH",
        ),
        (
            long_bien,
            data.LONG_BIEN_AGENCIES,
            "Ban Vì sự tiến bộ của phụ nữ quận Long Biên",
            "Phòng LĐTBXH quận",
        ),
        (bim_son, data.BIM_SON_AGENCIES, "Ban Vì sự tiến bộ của phụ nữ thị xã Bỉm Sơn", "PLĐ"),
        (
            sa_dec,
            data.SA_DEC_AGENCIES,
            "Ban Vì sự tiến bộ của phụ nữ thành phố Sa Đéc",
            "Phòng LĐTBXH",
        ),
    ]:
        agencies = _agencies(unit, rows)
        _committee(
            unit, committee_name, agencies[standing_short], list(agencies.values()), people, start
        )

    # The People's Committees of lower units are agencies of the unit above (UBND các phường).
    for parent, children in [
        (long_bien, old_wards.values()),
        (bim_son, bim_son_units),
        (sa_dec, sa_dec_units),
    ]:
        for child in children:
            Agency.objects.get_or_create(
                unit=parent,
                name=f"Ủy ban nhân dân {child.name[0].lower()}{child.name[1:]}",
                defaults={
                    "short_name": f"UBND {child.name}",
                    "kind": "ubnd_cap_duoi",
                    "represents_unit": child,
                },
            )
    for ward in [*old_wards.values(), *new_wards]:
        short = ward.name.replace("Phường ", "phường ")
        agencies = list(_agencies(ward, data.WARD_AGENCIES, name=short, short=short).values())
        ward_start = ward.valid_from or start
        _committee(
            ward, f"Ban Vì sự tiến bộ của phụ nữ {short}", agencies[0], agencies, people, ward_start
        )

    _users()
    _providers()
    _seed_plans()
    load_demo_figures()
    _demo_committee_work(people)
    return True


# Illustrative indicator figures ---------------------------------------------------------------

# Commune-level figures of the Strategy's indicators for Long Biên's wards: the 13 wards for
# 2021–2024 and the 4 wards that succeeded them on 1/7/2025 for 2025, so that the dashboard
# has trends to draw and both ways of drawing boundaries differ. They are made up (a fixed
# seed, plausible sizes), stored with the source "demo" and shown as such: never statistics.
DEMO_FIGURE_SEED = 2025
OLD_WARD_YEARS = range(2021, 2025)


def load_demo_figures() -> int:
    """Write the illustrative figures once; returns how many were written (0 if present)."""
    from vstb.indicators import services as figures
    from vstb.indicators.models import DataElement, DataValue, PeriodKind, Source

    if DataValue.objects.filter(source=Source.DEMO).exists():
        return 0
    long_bien = Unit.objects.filter(code="004", kind="quan").first()
    if long_bien is None:
        return 0
    codes = [
        "DAN_SO",
        "DAN_SO_TIEP_CAN_BDG",
        "BLG_NAN_NHAN",
        "BLG_NAN_NHAN_HO_TRO",
        "BLG_NGUOI_GAY",
        "BLG_NGUOI_GAY_TU_VAN",
        "MBN_NAN_NHAN",
        "MBN_NAN_NHAN_HO_TRO",
        "TRE_SINH",
    ]
    elements = DataElement.objects.in_bulk(codes, field_name="code")
    old_wards = list(Unit.objects.filter(parent=long_bien).order_by("code"))
    new_wards = list(
        Unit.objects.filter(predecessions__predecessor__in=old_wards).distinct().order_by("code")
    )
    chance = random.Random(DEMO_FIGURE_SEED)
    written = 0
    units = [(ward, OLD_WARD_YEARS) for ward in old_wards] + [(ward, [2025]) for ward in new_wards]
    for ward, years in units:
        merged = ward in new_wards  # a new ward is about three old ones, further on
        population = chance.randint(12_000, 34_000) * (3 if merged else 1)
        reached = chance.uniform(0.5, 0.58) if merged else chance.uniform(0.32, 0.5)
        for year in years:
            reached = min(0.95, reached + chance.uniform(0.02, 0.07))
            supported = min(1.0, 0.62 + 0.05 * (year - 2021) + chance.uniform(-0.06, 0.06))
            victims = chance.randint(2, 14) * (3 if merged else 1)
            perpetrators = max(1, victims - chance.randint(0, 2))
            trafficked = chance.randint(0, 2)
            births = round(population * chance.uniform(0.011, 0.014))
            boys = round(births * chance.uniform(0.515, 0.535))
            cells = {
                ("DAN_SO", ""): population,
                ("DAN_SO", "f"): round(population * 0.51),
                ("DAN_SO_TIEP_CAN_BDG", ""): round(population * reached),
                ("BLG_NAN_NHAN", ""): victims,
                ("BLG_NAN_NHAN", "f"): victims - chance.randint(0, victims // 5),
                ("BLG_NAN_NHAN_HO_TRO", ""): round(victims * supported),
                ("BLG_NGUOI_GAY", ""): perpetrators,
                ("BLG_NGUOI_GAY_TU_VAN", ""): round(perpetrators * chance.uniform(0.35, 0.85)),
                ("MBN_NAN_NHAN", ""): trafficked,
                ("MBN_NAN_NHAN_HO_TRO", ""): trafficked,
                ("TRE_SINH", "m"): boys,
                ("TRE_SINH", "f"): births - boys,
                ("TRE_SINH", ""): births,
            }
            entries = {
                (elements[code].pk, sex, ""): Decimal(value) for (code, sex), value in cells.items()
            }
            result = figures.save_values(ward, year, PeriodKind.YEAR, entries, None, Source.DEMO)
            written += result.changed
            population = round(population * chance.uniform(1.004, 1.015))
    _demo_public_page()
    return written


def _demo_public_page() -> None:
    """Hà Nội publishes two indicators, so that the public page can be seen without login: the
    figures loaded just before, as a secretariat would approve them."""
    from vstb.indicators import public_page
    from vstb.indicators.models import Indicator, PublicPage

    hanoi = Unit.objects.get(code="01")
    page, _created = PublicPage.objects.get_or_create(unit=hanoi, defaults={"enabled": True})
    page.indicators.add(*Indicator.objects.filter(code__in=["NQ28-M6-CT1", "NQ28-M3-CT2A"]))
    public_page.publish(page, by=None)


SEED_PLANS = [
    # (seed file, unit code): the three shared seeds, issued as they were.
    ("longbien-2025-ke-hoach", "004"),
    ("haiphong-2022-chuong-trinh", "31"),
    ("bimson-2017-chuong-trinh", "381"),
]


def _seed_plans() -> None:
    """The seeds enter through plan_from_json, the path of every imported document, and are
    recorded as issued with their original numbers and dates. One ward then implements the
    Long Biên plan, so that cascade and coverage have something to show."""
    for name, code in SEED_PLANS:
        data = json.loads((SEEDS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        plan = plan_from_json(data, Unit.objects.get(code=code))
        number = int(data["number"]) if data["number"] else None
        plan.record_as_issued(number, date.fromisoformat(data["date"]) if data["date"] else None)
        if code == "004":
            ward = Unit.objects.get(name="Phường Bồ Đề", parent=plan.unit)
            cascade(plan, ward)
            # The plan's 6-month report deadline, as the secretariat would set it up.
            six_month = next(i for i, d in enumerate(plan.deadlines) if "6 tháng" in d["what"])
            requirement_from_deadline(plan, six_month)


# The committee's work of 2025 at Long Biên ------------------------------------------------------

# Long Biên's district level ends on 1/7/2025 (data.REFORM_2025), so its 2025 inspection,
# commendation round and appointment fall in the first half of the year (the dates are in
# demo_data).


def _demo_committee_work(people: _People) -> None:
    """What Long Biên's committee did in 2025 with the four apps of issue 16, each through its
    services as the pages do: an inspection, a commendation round, an estimate, candidates."""
    from vstb.plans.models import Plan

    long_bien = Unit.objects.get(code="004", kind="quan")
    secretariat = User.objects.get(username="longbien.thuongtruc")
    _demo_inspection(long_bien, secretariat)
    _demo_commendations(long_bien, secretariat)
    _demo_budget(Plan.objects.get(unit=long_bien, parent_plan__isnull=True), secretariat)
    _demo_leaders(long_bien, people, secretariat)


def _demo_inspection(long_bien: Unit, secretariat: User) -> None:
    """An issued plan whose targets are the two wards with demo officers among those
    `suggest_targets` ranks (their reasons kept), a team of two, Bồ Đề visited and its
    conclusions issued: one recommendation open, one reported and awaiting the team."""
    from vstb.inspections import services as inspections
    from vstb.inspections.models import InspectionPlan, Recommendation, Result, TeamRole, Visit
    from vstb.inspections.suggestions import suggest_targets
    from vstb.issuing import services as issuing

    plan = inspections.create_plan(
        InspectionPlan(unit=long_bien, **data.INSPECTION_PLAN), by=secretariat
    )
    # The committee picks from the suggestions the two wards whose demo officers can then
    # follow the inspection; their reasons are kept in Vietnamese, as the page keeps them.
    suggested = {s.name: s for s in suggest_targets(long_bien, data.INSPECTION_AS_OF) if s.unit}
    for name, planned_on in data.INSPECTION_TARGETS:
        suggestion = suggested[name]
        with translation.override("vi"):
            reasons = [str(reason) for reason in suggestion.reasons]
        inspections.add_target(
            plan,
            unit=Unit.objects.get(pk=suggestion.unit.pk),
            planned_on=planned_on,
            reasons=reasons,
        )
    members = long_bien.committee.memberships.order_by("pk")
    inspections.add_team_member(plan, members.get(position=Position.CHAIR), TeamRole.HEAD)
    inspections.add_team_member(plan, members.filter(position=Position.MEMBER)[0], TeamRole.MEMBER)
    issuing.issue(
        inspections.draft_plan_document(plan, by=secretariat),
        by=secretariat,
        on=data.INSPECTION_ISSUED,
    )
    plan.refresh_from_db()
    issuing.issue(
        inspections.draft_team_decision(plan, by=secretariat),
        by=secretariat,
        on=data.INSPECTION_ISSUED,
    )

    name, visited_on = data.INSPECTION_TARGETS[0]
    visit = Visit.objects.get(target__plan=plan, target__unit__name=name)
    results = cycle(data.INSPECTION_FINDINGS)
    findings = []
    for criterion in plan.criteria.order_by("order"):
        result, note = next(results)
        findings.append(inspections.FindingInput(criterion.pk, getattr(Result, result), note))
    inspections.record_visit(visit, visited_on, data.INSPECTION_SUMMARY, findings, visit.version)
    visit.refresh_from_db()
    ward = visit.target.unit
    recommendations = [
        inspections.add_recommendation(
            visit, Recommendation(text=text, addressee_unit=ward, deadline=deadline)
        )
        for text, deadline in data.INSPECTION_RECOMMENDATIONS
    ]
    issuing.issue(
        inspections.draft_conclusions(visit, by=secretariat),
        by=secretariat,
        on=data.INSPECTION_CONCLUDED,
    )
    reported = recommendations[0]
    reported.refresh_from_db()
    officer = User.objects.get(roles__unit=ward, roles__kind="unit_officer")
    inspections.report_on(reported, data.INSPECTION_REPORT, [], reported.version, by=officer)


def _demo_commendations(long_bien: Unit, secretariat: User) -> None:
    """The 2025 round opened, its proposals derived from the year's evidence, not sent. The
    evidence is a few tasks of the district's plan reported done by the agencies leading them
    (the demo has no activities or sent reports); the agencies with tasks overdue, and the
    wards with no result, are left out."""
    from vstb.commendations import services as commendations
    from vstb.plans.models import Plan, TaskStatus

    plan = Plan.objects.get(unit=long_bien, parent_plan__isnull=True)
    for agency, count, on, note in data.TASKS_DONE:
        by = User.objects.filter(roles__agency__short_name=agency, roles__unit=long_bien).first()
        tasks = plan.tasks.filter(lead__short_name=agency).order_by("pk")[:count]
        for task in tasks:
            task.record_status(TaskStatus.DONE, note, on, by=by or secretariat)
    round_ = commendations.open_round(long_bien, 2025, data.COMMENDATION_DUE, by=secretariat)
    # Read as of the day the district opened its round, before the 6-month reports fell due
    # (no demo reporter sends one, so read today every candidate lacks a report and none is
    # proposed; "read the evidence again" on the page then notes the missing report).
    commendations.refresh(round_, today=data.COMMENDATION_AS_OF)


def _demo_budget(plan, secretariat: User) -> None:
    """The plan's estimate, a few lines, approved. The demo records no activities, so no
    spending is linked: the ledger shows the estimate against nothing spent yet."""
    from vstb.budget import services as budget
    from vstb.budget.models import EstimateLine

    estimate = budget.open_estimate(plan)
    groups = list(budget.activity_groups(plan))
    for group_index, item, source, description, amount in data.ESTIMATE_LINES:
        section = groups[group_index] if group_index is not None and groups else None
        budget.add_line(
            estimate,
            EstimateLine(
                section=section, item=item, source=source, description=description, amount=amount
            ),
        )
    estimate.refresh_from_db()
    budget.approve(estimate, estimate.version, by=secretariat)


def _demo_leaders(long_bien: Unit, people: _People, secretariat: User) -> None:
    """Four candidates in planning for the 2021–2026 term, women and men, one appointed."""
    from vstb.leaders import services as leaders
    from vstb.leaders.models import Candidate

    agencies = {agency.short_name: agency for agency in long_bien.agencies.all()}
    made = []
    for sex, current, agency, title, rank in data.LEADER_CANDIDATES:
        made.append(
            leaders.add_candidate(
                Candidate(
                    unit=long_bien,
                    full_name=people.next(sex),
                    sex=sex,
                    current_position=current,
                    current_agency=agencies[agency],
                    planned_agency=agencies[agency],
                    planned_title=title,
                    planned_rank=rank,
                    key_position=True,
                    term_start=2021,
                    term_end=2026,
                    note=data.LEADER_NOTE,
                ),
                by=secretariat,
            )
        )
    appointed = made[0]
    leaders.appoint(appointed, data.LEADER_APPOINTED, appointed.version)


def _find_unit(label: str) -> Unit:
    name, _, parent = label.partition("@")
    units = Unit.objects.filter(name=name)
    if parent:
        units = units.filter(parent__name=parent)
    return units.get()


def _users() -> None:
    for username, full_name, kind, unit_label, agency_short in data.DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@vstb.local"}
        )
        if not created:
            continue
        user.is_staff = user.is_superuser = kind == "admin"
        user.set_password(data.DEMO_PASSWORD)
        user.save()
        unit = _find_unit(unit_label)
        agency = Agency.objects.get(unit=unit, short_name=agency_short) if agency_short else None
        Role.objects.create(user=user, kind=kind, unit=unit, agency=agency)


def _providers() -> None:
    for name, kind, unit_label, username in data.DEMO_PROVIDERS:
        provider, created = Provider.objects.get_or_create(
            name=name, defaults={"kind": kind, "unit": _find_unit(unit_label)}
        )
        if created and username:
            provider.people.set(User.objects.filter(username=username))


def demo_logins() -> list[tuple[str, str, str]]:
    """(user name, role, unit) of every demo user, for printing at start."""
    rows = []
    for username, _full_name, _kind, _unit_label, _agency in data.DEMO_USERS:
        role = Role.objects.filter(user__username=username).select_related("unit", "agency").first()
        if role:
            where = role.unit.name + (f" – {role.agency.short_name}" if role.agency else "")
            rows.append((username, role.get_kind_display(), where))
    return rows
