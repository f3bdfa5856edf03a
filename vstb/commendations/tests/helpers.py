"""A year of evidence on the test world (vstb/conftest.py build_world), for the district's
2025 round: Phường Bồ Đề reported on time and did its plan's task; Phường Ngọc Lâm reported
late; Phòng Tư pháp reported on time, did its task and held an activity; Phòng LĐTBXH and
Hội LHPN did not report."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from vstb.conftest import six_month_requirement
from vstb.plans.models import Plan, PlanStatus, Section, Task, TaskStatus
from vstb.reporting.models import Report, ReportStatus

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def sent(requirement, on: date, unit=None, agency=None) -> Report:
    return Report.objects.create(
        requirement=requirement,
        unit=unit,
        agency=agency,
        receiver=requirement.unit,
        status=ReportStatus.SUBMITTED,
        submitted_at=datetime(on.year, on.month, on.day, 9, tzinfo=HANOI),
    )


def ward_plan(unit, status=TaskStatus.DONE, due=date(2025, 10, 1)) -> Task:
    plan = Plan.objects.create(
        unit=unit, year=2025, subject="Kế hoạch phường", symbol="KH-UBND", status=PlanStatus.ISSUED
    )
    section = Section.objects.create(
        plan=plan, order=1, label="-", kind="tasks", paragraphs=["Tuyên truyền."]
    )
    return Task.objects.create(plan=plan, section=section, due=due, status=status)


def year_of_evidence(w):
    requirement = six_month_requirement(w, reporters="both")
    sent(requirement, date(2025, 5, 20), unit=w.ward)
    sent(requirement, date(2025, 6, 10), unit=w.other_ward)
    sent(requirement, date(2025, 5, 24), agency=w.justice)
    ward_plan(w.ward)
    w.justice_task.status = TaskStatus.DONE
    w.justice_task.save()
    return requirement
