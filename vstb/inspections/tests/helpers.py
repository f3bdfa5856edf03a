"""An inspection by Long Biên's committee for the tests and the access walk: `make_plan`
builds its rows directly; `planned`, `issued` and `visited` go through the services as the
pages do (the ward Bồ Đề and the district's Women's Union to inspect, the chair heading the
team and the member, of Phòng Tư pháp, on it)."""

from datetime import date

from vstb.inspections.models import (
    DEFAULT_CRITERIA,
    Criterion,
    InspectionPlan,
    Target,
    TeamMember,
    TeamRole,
    Visit,
)


def make_plan(world, status: str = "draft") -> InspectionPlan:
    plan = InspectionPlan.objects.create(
        unit=world.district,
        title="Kiểm tra công tác vì sự tiến bộ của phụ nữ năm 2025",
        period_start=date(2025, 9, 1),
        period_end=date(2025, 11, 30),
    )
    for order, text in enumerate(DEFAULT_CRITERIA, start=1):
        Criterion.objects.create(plan=plan, order=order, text=text)
    world.ward_target = Target.objects.create(
        plan=plan, unit=world.ward, planned_on=date(2025, 9, 15), reasons=["Nộp báo cáo muộn."]
    )
    world.justice_target = Target.objects.create(
        plan=plan, agency=world.justice, planned_on=date(2025, 9, 22)
    )
    for target in (world.ward_target, world.justice_target):
        Visit.objects.create(target=target)
    TeamMember.objects.create(plan=plan, membership=world.chair, role=TeamRole.HEAD)
    TeamMember.objects.create(plan=plan, membership=world.member, role=TeamRole.MEMBER)
    if status != "draft":
        InspectionPlan.objects.filter(pk=plan.pk).update(status=status)
        plan.refresh_from_db()
    return plan


def issue(document, by=None, on: date | None = None):
    from vstb.issuing import services as issuing

    issuing.issue(document, by=by, on=on or date(2025, 9, 5))
    document.refresh_from_db()
    return document


def planned(world):
    """The district's plan made through the services, as the pages make it: the ward and
    Phòng Tư pháp to inspect, the chair heading the team, the member on it (draft)."""
    from vstb.inspections import services

    plan = services.create_plan(
        InspectionPlan(
            unit=world.district,
            title="Kiểm tra công tác vì sự tiến bộ của phụ nữ năm 2025",
            period_start=date(2025, 9, 1),
            period_end=date(2025, 11, 30),
        ),
        by=world.users["district_secretariat"],
    )
    world.ward_target = services.add_target(
        plan, unit=world.ward, planned_on=date(2025, 9, 15), reasons=["Nộp báo cáo muộn."]
    )
    world.agency_target = services.add_target(
        plan, agency=world.womens_union, planned_on=date(2025, 9, 22)
    )
    services.add_team_member(plan, world.chair, TeamRole.HEAD)
    services.add_team_member(plan, world.member, TeamRole.MEMBER)
    return plan


def issued(world):
    """`planned`, with its plan's decision issued on 05/09/2025."""
    from vstb.inspections import services

    plan = planned(world)
    issue(services.draft_plan_document(plan), by=world.users["district_secretariat"])
    plan.refresh_from_db()
    return plan


def visited(world, plan=None):
    """`issued`, with the ward visited on 15/09/2025: every criterion assessed (the first
    not met) and one recommendation to the ward, due 31/10/2025."""
    from vstb.inspections import services
    from vstb.inspections.models import Recommendation, Result
    from vstb.inspections.services import FindingInput

    plan = plan or issued(world)
    visit = Visit.objects.get(target__plan=plan, target__unit=world.ward)
    rows = [
        FindingInput(
            c.pk,
            Result.NOT_MET if i == 0 else Result.MET,
            "Chưa ban hành kế hoạch." if i == 0 else "",
        )
        for i, c in enumerate(plan.criteria.all())
    ]
    services.record_visit(
        visit, date(2025, 9, 15), "Đơn vị đã quan tâm triển khai.", rows, visit.version
    )
    visit.refresh_from_db()
    services.add_recommendation(
        visit,
        Recommendation(
            text="Ban hành kế hoạch hoạt động vì sự tiến bộ của phụ nữ năm 2025",
            addressee_unit=world.ward,
            deadline=date(2025, 10, 31),
        ),
    )
    return visit


def shown(message: str) -> str:
    """What a page shows for an English msgid: its Vietnamese once the lead has merged this
    app's translations (/tmp/i18n/inspections.json) into the catalogue, the msgid until
    then. (vstb.conftest.vi fails on an untranslated msgid.)"""
    from django.utils import translation

    with translation.override("vi"):
        return translation.gettext(message)
