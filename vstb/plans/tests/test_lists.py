"""The plan list and "my tasks": search without diacritics, filters, pages, constant queries;
the national level and a system administrator without a unit role."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.accounts.models import RoleKind
from vstb.conftest import make_user, queries_of, vi
from vstb.lib.pagination import PER_PAGE
from vstb.plans.models import Plan, PlanStatus, Section, Task, TaskStatus


def _plans(unit, count: int, year: int = 2025, subject: str = "Kế hoạch công tác số {i}"):
    return [
        Plan.objects.create(unit=unit, year=year, subject=subject.format(i=i), symbol="KH-UBND")
        for i in range(count)
    ]


def _tasks(plan, count: int, text: str = "Nhiệm vụ số {i}") -> list[Task]:
    section = Section.objects.create(plan=plan, order=90, label="III", title="NHIỆM VỤ KHÁC")
    section.paragraphs = [text.format(i=i) for i in range(count)]
    section.save()
    return [
        Task.objects.create(plan=plan, section=section, paragraph=i, due=date(2025, 9, 30))
        for i in range(count)
    ]


# The plan list ---------------------------------------------------------------------------


def test_searching_plans_without_diacritics_finds_them(world, login):
    wanted = Plan.objects.create(
        unit=world.ward, year=2025, subject="Thực hiện bình đẳng giới trên địa bàn phường Bồ Đề"
    )
    _plans(world.ward, 2)
    client = login(world.users["ward_officer"])
    response = client.get(reverse("plans:list"), {"year": 2025, "q": "bo de"})
    assert list(response.context["page_obj"]) == [wanted]
    response = client.get(reverse("plans:list"), {"year": 2025, "q": "BÌNH đang gioi bo"})
    assert list(response.context["page_obj"]) == [wanted]
    assert (
        not client.get(reverse("plans:list"), {"year": 2025, "q": "hai phong"})
        .context["page_obj"]
        .object_list
    )


def test_the_plan_list_filters_by_status_and_year(world, login):
    client = login(world.users["district_secretariat"])
    issued = client.get(reverse("plans:list"), {"year": 2025, "status": PlanStatus.ISSUED})
    assert list(issued.context["page_obj"]) == [world.district_plan]
    drafts = client.get(reverse("plans:list"), {"year": 2025, "status": PlanStatus.DRAFT})
    assert world.district_plan not in drafts.context["page_obj"]
    assert not client.get(reverse("plans:list"), {"year": 2019}).context["page_obj"].object_list


def test_the_plan_list_pages_and_its_links_keep_the_filters(world, login):
    _plans(world.ward, PER_PAGE + 3)
    client = login(world.users["ward_officer"])
    response = client.get(reverse("plans:list"), {"year": 2025, "q": "cong tac"})
    page = response.context["page_obj"]
    assert page.paginator.count == PER_PAGE + 3 and len(page) == PER_PAGE
    html = response.content.decode()
    assert "?year=2025&amp;q=cong+tac&amp;page=2" in html
    second = client.get(reverse("plans:list"), {"year": 2025, "q": "cong tac", "page": 2})
    assert len(second.context["page_obj"]) == 3
    # A page past the end, or no number at all, is a page, never an error.
    assert client.get(reverse("plans:list"), {"page": "abc"}).status_code == 200
    assert client.get(reverse("plans:list"), {"year": 2025, "page": 99}).status_code == 200


def test_the_plan_list_query_count_is_constant(world, login):
    client = login(world.users["ward_officer"])
    url = reverse("plans:list") + "?year=2025&q=ke+hoach"
    _plans(world.ward, 1)
    one = queries_of(lambda: client.get(url))
    _plans(world.ward, PER_PAGE + 5)
    assert queries_of(lambda: client.get(url)) == one


# The national level --------------------------------------------------------------------------


def test_the_national_secretariat_sees_the_national_plan_list(world, login):
    plan = _plans(world.nation, 1, subject="Kế hoạch thực hiện Chiến lược quốc gia")[0]
    response = login(world.users["national_secretariat"]).get(reverse("plans:list"), {"year": 2025})
    assert response.context["unit"] == world.nation
    assert list(response.context["page_obj"]) == [plan]
    assert reverse("plans:create", args=[world.nation.pk]) in response.content.decode()


def test_a_national_leader_sees_the_national_plans_not_a_missing_role(world, login):
    """A viewer (leader) reads the whole subtree and manages nothing: their list still opens
    on their own unit (it used to say "no role at any unit")."""
    leader = make_user("national_leader", RoleKind.VIEWER, world.nation)
    plan = _plans(world.nation, 1)[0]
    response = login(leader).get(reverse("plans:list"), {"year": 2025})
    assert response.context["unit"] == world.nation
    assert list(response.context["page_obj"]) == [plan]
    html = response.content.decode()
    assert (
        vi("You have no role at any unit yet. Ask your system administrator to give you one.")
        not in html
    )


def test_an_administrator_without_a_unit_role_is_asked_which_unit(world, login):
    client = login(world.users["admin"])
    response = client.get(reverse("plans:list"))
    assert response.context["unit"] is None
    assert vi("Choose the unit to work for") in response.content.decode()
    assert world.nation in response.context["choices"]
    assert world.province in response.context["choices"]
    found = client.get(reverse("plans:list"), {"q": "bo de"}).context["choices"]
    assert list(found) == [world.ward]
    chosen = client.get(reverse("plans:list"), {"unit": world.province.pk, "year": 2025})
    assert chosen.context["unit"] == world.province
    # Remembered: the next page opens on the same unit, until they change it.
    assert client.get(reverse("reporting:list")).context["unit"] == world.province
    assert client.get(reverse("plans:list"), {"choose": 1}).context["unit"] is None
    assert client.get(reverse("plans:list")).context["unit"] is None


def test_a_unit_outside_ones_reach_is_not_found(world, login):
    client = login(world.users["ward_officer"])
    assert client.get(reverse("plans:list"), {"unit": world.other_province.pk}).status_code == 404
    assert client.get(reverse("plans:list"), {"unit": "x"}).status_code == 404


# My tasks ---------------------------------------------------------------------------------------


def test_my_tasks_are_searched_without_diacritics_and_filtered(world, login):
    client = login(world.users["focal_point"])
    url = reverse("plans:my_tasks")
    assert list(client.get(url).context["page_obj"]) == [world.justice_task]
    # The task's words ("Tuyên truyền pháp luật…") and its plan's subject are both searched.
    assert list(client.get(url, {"q": "tuyen truyen"}).context["page_obj"]) == [world.justice_task]
    assert list(client.get(url, {"q": "binh dang 2025"}).context["page_obj"]) == [
        world.justice_task
    ]
    assert not client.get(url, {"q": "kinh phi"}).context["page_obj"].object_list
    assert not client.get(url, {"status": TaskStatus.DONE}).context["page_obj"].object_list
    assert not client.get(url, {"year": 2026}).context["page_obj"].object_list
    assert client.get(url, {"agency": world.justice.pk}).context["page_obj"].object_list
    assert not client.get(url, {"unit": world.ward.pk}).context["page_obj"].object_list
    assert client.get(url, {"unit": world.district.pk}).context["page_obj"].object_list


def test_editing_a_tasks_text_makes_it_findable_by_the_new_words(world, login):
    section = world.justice_task.section
    section.paragraphs = ["Tập huấn kỹ năng lồng ghép giới cho cán bộ."]
    section.save()
    client = login(world.users["focal_point"])
    url = reverse("plans:my_tasks")
    assert list(client.get(url, {"q": "long ghep"}).context["page_obj"]) == [world.justice_task]
    assert not client.get(url, {"q": "tuyen truyen"}).context["page_obj"].object_list


def test_my_tasks_pages_with_a_constant_query_count(world, login):
    client = login(world.users["district_secretariat"])
    url = reverse("plans:my_tasks") + "?q=nhiem+vu"
    _tasks(world.district_plan, 1)
    one = queries_of(lambda: client.get(url))
    _tasks(world.district_plan, PER_PAGE + 4)
    response = client.get(url)
    assert response.context["page_obj"].paginator.count == PER_PAGE + 5
    assert queries_of(lambda: client.get(url)) == one


@pytest.mark.parametrize("page", ["0", "-1", "1000", "x"])
def test_a_bad_page_number_never_fails(world, login, page):
    response = login(world.users["focal_point"]).get(reverse("plans:my_tasks"), {"page": page})
    assert response.status_code == 200
