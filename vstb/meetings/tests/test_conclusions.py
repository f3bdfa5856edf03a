"""A meeting's conclusions: follow-up tasks of the unit's plan, and the notice that sends them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from vstb import access
from vstb.conftest import vi
from vstb.documents import layout
from vstb.issuing import services as issuing
from vstb.meetings import services
from vstb.meetings.models import Conclusion
from vstb.notifications import reminders
from vstb.notifications.models import Kind, Notification
from vstb.plans import services as plans
from vstb.plans.models import Plan, Section, Task

pytestmark = pytest.mark.django_db

TEXT = "Tổ chức tuyên truyền Luật Bình đẳng giới tại 14 phường trong quý IV."
DEADLINE = date(2025, 10, 31)


def _conclusion(world, meeting, lead=None, deadline=DEADLINE, text=TEXT) -> Conclusion:
    return Conclusion(meeting=meeting, text=text, lead=lead or world.justice, deadline=deadline)


def test_a_conclusion_becomes_a_task_of_the_year_s_plan_in_the_agency_s_tasks(world, held):
    document_before = plans.plan_document(world.district_plan)
    conclusion = services.add_conclusion(_conclusion(world, held), world.district_plan)
    task = conclusion.task
    assert (task.plan, task.lead, task.due, task.text) == (
        world.district_plan,
        world.justice,
        DEADLINE,
        TEXT,
    )
    # In the lead agency's "My tasks", and the district's own; not in another district's.
    assert task in access.tasks_for_user(world.users["focal_point"])
    assert task in access.tasks_for_user(world.users["district_secretariat"])
    assert task not in access.tasks_for_user(world.users["other_district_officer"])
    # The plan follows it up, but what was issued reads as it did.
    assert task in world.district_plan.tasks.all()
    assert plans.plan_document(world.district_plan) == document_before
    assert TEXT not in "\n".join(
        layout.document_text_lines(plans.plan_document(world.district_plan))
    )


def test_the_agency_s_focal_point_is_reminded_of_a_conclusion_s_task(world, held):
    task = services.add_conclusion(_conclusion(world, held), world.district_plan).task
    due, _emails = reminders.collect(DEADLINE - timedelta(days=1))
    mine = [r for r in due if r.object_id == task.pk]
    assert world.users["focal_point"].pk in {r.user_id for r in mine}
    assert {r.kind for r in mine} == {Kind.TASK_DUE}


def test_without_an_issued_plan_of_the_year_a_conclusion_waits_to_become_a_task(world, held):
    Plan.objects.filter(pk=world.district_plan.pk).update(year=2024)
    conclusion = services.add_conclusion(_conclusion(world, held))
    assert conclusion.task is None
    assert not access.plans_for_conclusions(world.users["district_secretariat"], held).exists()
    tasks_before = Task.objects.count()
    with pytest.raises(ValidationError):
        services.make_task(conclusion, Plan.objects.get(pk=world.district_plan.pk))
    assert Task.objects.count() == tasks_before
    # Once the year's plan is issued, the conclusion joins it.
    Plan.objects.filter(pk=world.district_plan.pk).update(year=2025)
    task = services.make_task(conclusion, Plan.objects.get(pk=world.district_plan.pk))
    assert Conclusion.objects.get(pk=conclusion.pk).task == task
    with pytest.raises(ValidationError):
        services.make_task(conclusion, world.district_plan)  # only once


def test_a_draft_plan_takes_no_follow_up_task(world, held):
    conclusion = services.add_conclusion(_conclusion(world, held))
    world.district_draft.year = 2025
    with pytest.raises(ValidationError):
        services.make_task(conclusion, world.district_draft)
    assert not Section.objects.filter(plan=world.district_draft, paragraphs=[TEXT]).exists()


def test_a_conclusion_s_deadline_and_lead_are_checked_in_vietnamese(world, held):
    before = Conclusion.objects.count()
    with pytest.raises(ValidationError) as error:
        services.add_conclusion(_conclusion(world, held, deadline=date(2025, 7, 1)))
    assert error.value.message_dict["deadline"] == [
        vi("The deadline comes before the meeting. Enter a date on or after %(day)s.")
        % {"day": "15/07/2025"}
    ]
    with pytest.raises(ValidationError) as error:
        services.add_conclusion(_conclusion(world, held, lead=world.ward_committee_agency))
    assert error.value.message_dict["lead"] == [
        vi("Choose an agency of the committee's unit to lead this work.")
    ]
    assert Conclusion.objects.count() == before


def test_the_notice_lists_the_conclusions_and_tells_the_lead_agencies(world, held):
    services.add_conclusion(_conclusion(world, held), world.district_plan)
    services.add_conclusion(
        _conclusion(world, held, lead=world.womens_union, text="Rà soát số liệu cán bộ nữ.")
    )
    document = services.draft_notice(held, by=world.users["district_secretariat"])
    lines = layout.document_text_lines(document.content)
    assert "THÔNG BÁO" in lines
    assert (
        f"1. {TEXT} Giao Phòng Tư pháp quận chủ trì thực hiện, hoàn thành trước ngày 31/10/2025."
    ) in lines
    assert any(
        line.startswith("2. Rà soát số liệu cán bộ nữ. Giao Hội Liên hiệp") for line in lines
    )
    assert "- Phòng Tư pháp quận;" in lines
    issuing.issue(document, on=date(2025, 7, 18))
    told = Notification.objects.filter(kind=Kind.DOCUMENT_RECEIVED)
    assert [n.user.username for n in told] == ["focal_point"]  # Hội LHPN has no focal point
    held.refresh_from_db()
    assert held.notice == document
    # The notice sent them: the list of conclusions is closed.
    with pytest.raises(ValidationError):
        services.add_conclusion(_conclusion(world, held, text="Thêm sau."))
    assert not Conclusion.objects.filter(text="Thêm sau.").exists()


def test_a_conclusion_is_recorded_once_the_meeting_is_held(world, meeting):
    with pytest.raises(ValidationError):
        services.add_conclusion(_conclusion(world, meeting))
    assert not Conclusion.objects.exists()
