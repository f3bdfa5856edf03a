"""Work below shows up above: a city task, the district's task implementing it and the ward's
task implementing that one; activities, status, "done at n of m", coverage and scope."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from vstb import access
from vstb.activities.models import Activity
from vstb.conftest import queries_of, vi
from vstb.org.models import Unit
from vstb.plans import rollup, services
from vstb.plans.forms import TaskForm
from vstb.plans.models import Plan, Section, Task, TaskStatus, TaskUpdate

CITY_TASK_TEXT = "Các quận, huyện tổ chức truyền thông về bình đẳng giới trong Tháng hành động."


def _issue(plan: Plan, on: date) -> Plan:
    plan.signer_lines, plan.signer_name = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn A"
    plan.place = plan.place or "Hà Nội"
    plan.save()
    plan.issue(on=on)
    return plan


def city_plan(world, year: int = 2025, on: date = date(2025, 1, 3)) -> tuple[Plan, Task]:
    """Hà Nội's issued plan with one task for every lower unit."""
    plan = Plan.objects.create(
        unit=world.province,
        year=year,
        subject="Công tác bình đẳng giới",
        symbol="KH-UBND",
        issuer_name="ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Trần Sỹ Thanh",
    )
    heading = Section.objects.create(plan=plan, order=1, label="II", title="NHIỆM VỤ")
    item = Section.objects.create(
        plan=plan, parent=heading, order=2, label="-", paragraphs=[CITY_TASK_TEXT]
    )
    task = Task.objects.create(
        plan=plan, section=item, addresses_all_lower_units=True, due=date(year, 12, 15)
    )
    return _issue(plan, on), task


def chain(world) -> SimpleNamespace:
    """City plan → Long Biên's derived plan (its task addressed to every ward) → Bồ Đề's."""
    c = SimpleNamespace()
    c.city_plan, c.city_task = city_plan(world)
    c.district_plan = services.cascade(c.city_plan, world.district)
    c.district_task = c.district_plan.tasks.get()
    # The district hands the task on to its wards, as its secretariat does in the task form.
    Task.objects.filter(pk=c.district_task.pk).update(addresses_all_lower_units=True)
    _issue(c.district_plan, date(2025, 1, 10))
    c.ward_plan = services.cascade(c.district_plan, world.ward)
    c.ward_task = c.ward_plan.tasks.get()
    _issue(c.ward_plan, date(2025, 1, 20))
    return c


def _activity_form(task: Task, **changes) -> dict:
    data = {
        "kind": "communication",
        "title": "Truyền thông lưu động tại tổ dân phố",
        "tasks": [task.pk],
        "start": "15/03/2025",
        "participants_total": "60",
        "participants_women": "45",
        "participants_men": "15",
        "articles": "0",
        "broadcasts": "0",
        "leaflets": "0",
        "social_posts": "0",
        "cost": "3500000",
    }
    data.update(changes)
    return data


def _record(client, world, unit, task, **changes):
    data = _activity_form(task, **changes)
    agency = unit.agencies.first()
    if agency:
        data["agency"] = agency.pk
    response = client.post(reverse("activities:create", args=[unit.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _status(task: Task) -> str:
    return Task.objects.get(pk=task.pk).status


# Activities roll up, status follows -----------------------------------------------------------


def test_a_wards_activity_shows_summed_on_the_districts_and_the_citys_task(world, login):
    c = chain(world)
    client = login(world.users["ward_officer"])
    _record(client, world, world.ward, c.ward_task)
    _record(client, world, world.ward, c.ward_task, participants_women="20", participants_men="5")

    # Recorded work moves the ward's task, and the tasks it implements, to in progress.
    assert [_status(t) for t in (c.ward_task, c.district_task, c.city_task)] == [
        TaskStatus.IN_PROGRESS
    ] * 3
    history = TaskUpdate.objects.get(task=c.city_task)
    assert history.status == TaskStatus.IN_PROGRESS and history.by is None
    assert history.on == date(2025, 3, 15)  # the day the work was done, not the day it was typed

    city = rollup.task_rollup(c.city_task, world.users["province_secretariat"])
    assert [(row.task.plan.unit, row.depth) for row in city.rows] == [
        (world.district, 1),
        (world.ward, 2),
    ]
    assert (city.total.activities, city.total.women, city.total.men, city.total.cost) == (
        2,
        65,
        20,
        7_000_000,
    )
    assert city.rows[0].reach.activities == 0 and city.rows[0].with_below.activities == 2

    client = login(world.users["province_secretariat"])
    page = client.get(reverse("plans:task_detail", args=[c.city_task.pk])).content.decode()
    assert "Phường Bồ Đề" in page and "Quận Long Biên" in page
    assert "7.000.000" in page  # the cost summed, with thousands separators
    city_page = client.get(reverse("plans:detail", args=[c.city_plan.pk]))
    task = next(t for t in city_page.context["tasks"] if t.pk == c.city_task.pk)
    assert (task.reach.activities, task.reach.women, task.reach.men) == (2, 65, 20)

    client = login(world.users["district_secretariat"])
    district = client.get(reverse("plans:task_detail", args=[c.district_task.pk]))
    assert district.context["rollup"].total.activities == 2
    assert "Phường Bồ Đề" in district.content.decode()


def test_done_at_n_of_m_units_follows_the_derived_tasks_and_a_person_still_sets_the_status(
    world, login
):
    c = chain(world)
    services.cascade(c.district_plan, world.other_ward)  # Ngọc Lâm took it up, not done
    client = login(world.users["ward_officer"])
    response = client.post(
        reverse("plans:task_detail", args=[c.ward_task.pk]),
        {"status": "done", "note": "Đã tổ chức 2 buổi.", "on": "20/11/2025"},
    )
    assert response.status_code == 302 and _status(c.ward_task) == TaskStatus.DONE
    # A ward's report of work moves the district's task and the city's into progress …
    assert _status(c.district_task) == _status(c.city_task) == TaskStatus.IN_PROGRESS

    client = login(world.users["district_secretariat"])
    page = client.get(reverse("plans:task_detail", args=[c.district_task.pk])).content.decode()
    done_1_of_2 = vi("done at %(done)s of %(total)s units") % {"done": 1, "total": 2}
    assert done_1_of_2 in page
    plan_page = client.get(reverse("plans:detail", args=[c.district_plan.pk])).content.decode()
    assert done_1_of_2 in plan_page

    # … and the city counts districts: Long Biên has not finished, Hoàn Kiếm has no plan.
    row = services.coverage(c.city_plan)[0]
    assert (len(row.took_up), len(row.done), len(row.addressed)) == (1, 0, 2)
    # The district's secretariat still sets its own task's status by hand.
    response = client.post(
        reverse("plans:task_detail", args=[c.district_task.pk]),
        {"status": "done", "note": "", "on": "25/11/2025"},
    )
    assert _status(c.district_task) == TaskStatus.DONE
    row = services.coverage(c.city_plan)[0]
    assert [u.name for u in row.done] == ["Quận Long Biên"] and row.done_share == 50


def test_work_on_a_task_already_done_leaves_its_status_alone(world):
    c = chain(world)
    c.city_task.record_status(TaskStatus.DONE, "", date(2025, 6, 1))
    activity = Activity.objects.create(
        unit=world.ward, kind="other", title="Họp tổ", start=date(2025, 6, 2)
    )
    activity.tasks.add(c.ward_task)
    assert Task.work_recorded([c.ward_task.pk]) == 2  # the ward's and the district's
    assert _status(c.city_task) == TaskStatus.DONE


# Scope ---------------------------------------------------------------------------------------


def test_a_ward_officer_sees_its_own_wards_work_under_the_district_task_not_its_neighbours(
    world, login
):
    c = chain(world)
    neighbour = services.cascade(c.district_plan, world.other_ward)  # a draft of Ngọc Lâm
    neighbour_task = neighbour.tasks.get()
    Task.objects.filter(pk=neighbour_task.pk).update(status=TaskStatus.CANNOT_DO)
    Activity.objects.create(
        unit=world.other_ward, kind="other", title="Việc riêng của Ngọc Lâm", start=date(2025, 5, 2)
    ).tasks.add(neighbour_task)

    client = login(world.users["ward_officer"])
    response = client.get(reverse("plans:task_detail", args=[c.district_task.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Phường Bồ Đề" in page
    assert "Phường Ngọc Lâm" not in page
    assert vi("Cannot do") not in page and vi("draft plan") not in page
    assert [row.task for row in response.context["rollup"].rows] == [c.ward_task]
    coverage = client.get(reverse("plans:coverage", args=[c.district_plan.pk])).content.decode()
    assert "Phường Ngọc Lâm" not in coverage

    # The district sees both wards, the neighbour's draft and its status too.
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("plans:task_detail", args=[c.district_task.pk])).content.decode()
    assert "Phường Ngọc Lâm" in page and vi("draft plan") in page and vi("Cannot do") in page


# Coverage --------------------------------------------------------------------------------------


def test_coverage_counts_took_up_activity_and_done_as_shares(world, login):
    c = chain(world)
    Activity.objects.create(
        unit=world.ward, kind="other", title="Tọa đàm", start=date(2025, 4, 1)
    ).tasks.add(c.ward_task)
    row = services.coverage(c.city_plan)[0]
    assert [u.name for u in row.addressed] == ["Quận Hoàn Kiếm", "Quận Long Biên"]
    assert [u.name for u in row.took_up] == [u.name for u in row.active] == ["Quận Long Biên"]
    assert row.done == [] and (row.took_up_share, row.active_share) == (50, 50)
    client = login(world.users["province_secretariat"])
    page = client.get(reverse("plans:coverage", args=[c.city_plan.pk])).content.decode()
    assert "1/2 (50 %)" in page and "0/2 (0 %)" in page


def test_a_ceased_unit_is_not_counted_as_not_yet_in_a_later_plans_coverage(world, login):
    # The 2025 reform: Quận Long Biên ceased on 1/7/2025; its wards now sit under the city.
    Unit.objects.filter(pk=world.district.pk).update(valid_to=date(2025, 7, 1))
    plan, task = city_plan(world, year=2026, on=date(2026, 1, 5))
    row = services.coverage(plan)[0]
    assert [u.name for u in row.not_yet] == ["Quận Hoàn Kiếm"]
    assert [u.name for u in row.addressed] == ["Quận Hoàn Kiếm"]
    client = login(world.users["province_secretariat"])
    page = client.get(reverse("plans:coverage", args=[plan.pk])).content.decode()
    assert "Quận Hoàn Kiếm" in page and "Quận Long Biên" not in page
    # The 2025 plan, issued while Long Biên existed, still counts it.
    old_plan, _task = city_plan(world, year=2025, on=date(2025, 1, 3))
    assert "Quận Long Biên" in [u.name for u in services.coverage(old_plan)[0].addressed]


# Query counts ---------------------------------------------------------------------------------


def _more_wards(world, count: int, district_plan: Plan) -> None:
    """`count` more wards of Long Biên, each with its derived plan and an activity."""
    for number in range(count):
        ward = Unit.objects.create(
            code=f"9{len(str(number))}{number:03d}",
            name=f"Phường Thử {number}",
            kind="phuong",
            parent=world.district,
        )
        plan = services.cascade(district_plan, ward)
        Activity.objects.create(
            unit=ward, kind="other", title=f"Hoạt động {number}", start=date(2025, 3, 1)
        ).tasks.add(plan.tasks.get())


def test_task_page_queries_do_not_grow_with_derived_tasks(world, login):
    c = chain(world)
    client = login(world.users["province_secretariat"])
    url = reverse("plans:task_detail", args=[c.city_task.pk])
    client.get(url)
    before = queries_of(lambda: client.get(url))
    _more_wards(world, 12, c.district_plan)
    assert queries_of(lambda: client.get(url)) == before
    assert len(client.get(url).context["rollup"].rows) == 2 + 12


def test_coverage_and_plan_page_queries_do_not_grow_with_units(world, login):
    c = chain(world)
    client = login(world.users["district_secretariat"])
    coverage_url = reverse("plans:coverage", args=[c.district_plan.pk])
    plan_url = reverse("plans:detail", args=[c.district_plan.pk])
    client.get(coverage_url)
    before = (
        queries_of(lambda: client.get(coverage_url)),
        queries_of(lambda: client.get(plan_url)),
    )
    _more_wards(world, 12, c.district_plan)
    after = (queries_of(lambda: client.get(coverage_url)), queries_of(lambda: client.get(plan_url)))
    assert after == before
    assert len(services.coverage(c.district_plan)[0].took_up) == 1 + 12


@pytest.mark.parametrize("count", [3, 15])
def test_coverage_runs_in_a_constant_number_of_queries(world, count, django_assert_num_queries):
    c = chain(world)
    _more_wards(world, count, c.district_plan)
    reader = world.users["district_secretariat"]
    access.visible_units(reader)  # the reader's roles, read once per request
    with django_assert_num_queries(5):
        rows = services.coverage(c.district_plan, reader)
    assert len(rows[0].active) == count


def test_a_ceased_unit_is_not_offered_to_implement_or_be_addressed_by_a_later_plan(world, login):
    Unit.objects.filter(pk=world.district.pk).update(valid_to=date(2025, 7, 1))
    plan, task = city_plan(world, year=2026, on=date(2026, 1, 5))
    client = login(world.users["admin"])
    cascade = client.get(reverse("plans:detail", args=[plan.pk])).context["cascade_form"]
    offered = [unit.name for unit in cascade.fields["unit"].queryset]
    assert "Quận Hoàn Kiếm" in offered and "Quận Long Biên" not in offered
    draft = Plan.objects.create(unit=world.province, year=2026, subject="Dự thảo 2026")
    units = [unit.name for unit in TaskForm(plan=draft).fields["units"].queryset]
    assert units == ["Quận Hoàn Kiếm"]


@pytest.mark.parametrize("count", [2, 12])
def test_task_rollup_and_plan_figures_run_in_a_constant_number_of_queries(
    world, count, django_assert_num_queries
):
    c = chain(world)
    _more_wards(world, count, c.district_plan)
    reader = world.users["province_secretariat"]
    access.visible_units(reader)
    with django_assert_num_queries(2):
        found = rollup.task_rollup(c.city_task, reader)
    assert len(found.rows) == 2 + count and found.total.activities == count
    with django_assert_num_queries(1):
        reach = rollup.reach_with_work_below(c.city_plan, reader)
    assert reach[c.city_task.pk].activities == count
