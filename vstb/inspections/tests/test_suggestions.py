"""suggest_targets: each criterion ranks the right units and agencies and says why, in a
number of queries that does not grow with the units."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from vstb.conftest import queries_of, six_month_requirement
from vstb.indicators.models import DataElement, DataValue, Indicator
from vstb.indicators.models import Target as IndicatorTarget
from vstb.inspections.models import InspectionPlan, PlanStatus, Target, Visit
from vstb.inspections.suggestions import suggest_targets
from vstb.org.models import Unit
from vstb.plans.models import Task
from vstb.reporting.models import Report, ReportStatus

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = date(2025, 7, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def by_key(suggestions):
    return {s.key: s for s in suggestions}


def sent(world, requirement, unit, day: date) -> Report:
    return Report.objects.create(
        requirement=requirement,
        unit=unit,
        receiver=world.district,
        status=ReportStatus.SUBMITTED,
        submitted_at=datetime(day.year, day.month, day.day, 9, tzinfo=VIETNAM),
    )


def test_every_lower_unit_and_member_agency_is_suggested(world):
    names = {s.name for s in suggest_targets(world.district, AS_OF)}
    assert names == {
        world.ward.name,
        world.other_ward.name,
        world.labour.name,
        world.justice.name,
        world.womens_union.name,
    }


def test_late_and_missing_reports_rank_their_reporters(world):
    requirement = six_month_requirement(world)  # due 25/05/2025 from the wards
    sent(world, requirement, world.ward, date(2025, 6, 2))  # late
    # The other ward sent nothing.

    suggestions = by_key(suggest_targets(world.district, AS_OF))

    ward = suggestions[("unit", world.ward.pk)]
    other = suggestions[("unit", world.other_ward.pk)]
    assert (ward.late_reports, ward.missing_reports) == (1, 0)
    assert (other.late_reports, other.missing_reports) == (0, 1)
    assert "Reports: 1 sent late and 0 not sent." in ward.reasons
    assert "Reports: 0 sent late and 1 not sent." in other.reasons
    assert other.score > ward.score


def test_a_report_sent_on_time_counts_against_no_one(world):
    requirement = six_month_requirement(world)
    sent(world, requirement, world.ward, date(2025, 5, 25))
    ward = by_key(suggest_targets(world.district, AS_OF))[("unit", world.ward.pk)]
    assert (ward.late_reports, ward.missing_reports) == (0, 0)
    assert not any(reason.startswith("Reports") for reason in ward.reasons)


def test_reports_not_yet_due_count_against_no_one(world):
    six_month_requirement(world)
    other = by_key(suggest_targets(world.district, date(2025, 5, 20)))[
        ("unit", world.other_ward.pk)
    ]
    assert other.missing_reports == 0


def test_overdue_tasks_rank_the_agency_leading_them_and_the_unit_named(world):
    # Phòng Tư pháp's task is due 15/12/2025: overdue in January 2026, not in July 2025.
    world.wards_task.units.add(world.ward)  # due 15/02/2025, named for Bồ Đề

    in_july = by_key(suggest_targets(world.district, AS_OF))
    in_january = by_key(suggest_targets(world.district, date(2026, 1, 10)))

    assert in_july[("agency", world.justice.pk)].overdue_tasks == 0
    assert in_january[("agency", world.justice.pk)].overdue_tasks == 1
    assert "1 task is overdue." in in_january[("agency", world.justice.pk)].reasons
    assert in_july[("unit", world.ward.pk)].overdue_tasks == 1
    assert in_july[("unit", world.other_ward.pk)].overdue_tasks == 0
    assert in_july[("agency", world.labour.pk)].overdue_tasks == 0


def test_a_done_task_is_not_overdue(world):
    world.wards_task.units.add(world.ward)
    Task.objects.filter(pk=world.wards_task.pk).update(status="done")
    ward = by_key(suggest_targets(world.district, AS_OF))[("unit", world.ward.pk)]
    assert ward.overdue_tasks == 0


def test_supporting_agencies_and_lower_units_own_plans_count_too(world):
    world.justice_task.support.add(world.womens_union)
    suggestions = by_key(suggest_targets(world.district, date(2026, 1, 10)))
    assert suggestions[("agency", world.womens_union.pk)].overdue_tasks == 1


def indicator_with_target(world) -> Indicator:
    element = DataElement.objects.create(
        code="TEST_CLUBS",
        name_vi="Số câu lạc bộ bình đẳng giới",
        name_en="Gender equality clubs",
        measure="count",
        levels=[3],
    )
    indicator = Indicator.objects.create(
        code="TEST_CLUBS",
        name_vi="Số câu lạc bộ bình đẳng giới",
        name_en="Gender equality clubs",
        measure="count",
        direction="higher",
        period_kind="year",
        numerator=element,
    )
    IndicatorTarget.objects.create(
        indicator=indicator, unit=world.district, year=2025, operator="at_least", value=10
    )
    return indicator


def value(element, unit: Unit, year: int, amount: int) -> None:
    DataValue.objects.create(
        element=element,
        unit=unit,
        year=year,
        value=Decimal(amount),
        source="form",
        entered_at=datetime(year, 12, 31, tzinfo=VIETNAM),
    )


def test_indicators_off_target_or_worse_than_the_year_before_rank_the_unit(world):
    indicator = indicator_with_target(world)
    value(indicator.numerator, world.ward, 2023, 20)
    value(indicator.numerator, world.ward, 2024, 5)  # short of 10, and down from 20
    value(indicator.numerator, world.other_ward, 2023, 10)
    value(indicator.numerator, world.other_ward, 2024, 15)

    suggestions = by_key(suggest_targets(world.district, AS_OF))

    ward = suggestions[("unit", world.ward.pk)]
    other = suggestions[("unit", world.other_ward.pk)]
    assert "Số câu lạc bộ bình đẳng giới: 5 in 2024, short of the target for 2025 (10)." in (
        ward.reasons
    )
    assert "Số câu lạc bộ bình đẳng giới moved the wrong way: 20 in 2023, 5 in 2024." in (
        ward.reasons
    )
    assert len(ward.off_target) == len(ward.worsened) == 1
    assert other.off_target == [] and other.worsened == []
    assert ward.score > other.score


def inspected(world, unit, day: date) -> None:
    plan = InspectionPlan.objects.create(
        unit=world.district,
        title="Kiểm tra năm trước",
        period_start=day,
        period_end=day,
    )
    InspectionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.CLOSED)
    target = Target.objects.create(plan=plan, unit=unit, planned_on=day)
    Visit.objects.create(target=target, visited_on=day)


def test_those_not_inspected_for_longest_come_first(world):
    inspected(world, world.other_ward, date(2024, 10, 1))
    inspected(world, world.ward, date(2021, 10, 1))

    suggestions = suggest_targets(world.district, AS_OF)
    units = [s for s in suggestions if s.unit is not None]

    assert [s.unit.pk for s in units] == [world.ward.pk, world.other_ward.pk]
    assert "Last inspected on 01/10/2021." in units[0].reasons
    # Less than a year ago: no reason to give.
    assert not any("inspected" in reason for reason in units[1].reasons)
    agencies = [s for s in suggestions if s.agency is not None]
    assert all("Never inspected in VSTB." in s.reasons for s in agencies)


def test_a_draft_inspection_plan_is_no_inspection(world):
    plan = InspectionPlan.objects.create(
        unit=world.district, title="Dự thảo", period_start=AS_OF, period_end=AS_OF
    )
    Target.objects.create(plan=plan, unit=world.ward, planned_on=date(2025, 3, 1))
    ward = by_key(suggest_targets(world.district, AS_OF))[("unit", world.ward.pk)]
    assert ward.last_inspected is None


def test_the_number_of_queries_does_not_grow_with_the_units(world):
    requirement = six_month_requirement(world, reporters="both")
    indicator = indicator_with_target(world)
    value(indicator.numerator, world.ward, 2024, 5)
    sent(world, requirement, world.ward, date(2025, 6, 2))
    inspected(world, world.ward, date(2023, 1, 1))
    before = queries_of(lambda: suggest_targets(world.district, AS_OF))

    for number in range(12):
        ward = Unit.objects.create(
            code=f"9{number:04d}", name=f"Phường Thử {number}", kind="phuong", parent=world.district
        )
        value(indicator.numerator, ward, 2024, number)
        value(indicator.numerator, ward, 2023, 20)
        sent(world, requirement, ward, date(2025, 5, 20 + number))
        inspected(world, ward, date(2022, 1, 1 + number))
        world.wards_task.units.add(ward)

    assert queries_of(lambda: suggest_targets(world.district, AS_OF)) == before
