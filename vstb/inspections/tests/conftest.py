"""An inspection by Long Biên's committee for the tests: its 2025 plan with the default
criteria, the ward Bồ Đề and Phòng Tư pháp as targets, the chair heading the team and the
member (of Phòng Tư pháp) on it."""

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
