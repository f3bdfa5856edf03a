"""A unit's activities: searched without diacritics, filtered by year, kind and agency, paged
with a constant query count."""

from datetime import date

from django.urls import reverse

from vstb.activities.models import Activity
from vstb.conftest import queries_of
from vstb.lib.pagination import PER_PAGE


def _activities(world, count: int, title: str = "Tập huấn nghiệp vụ số {i}", **fields):
    values = {"unit": world.district, "kind": "training", "start": date(2025, 5, 1)} | fields
    return [Activity.objects.create(title=title.format(i=i), **values) for i in range(count)]


def test_activities_are_searched_without_diacritics(world, login):
    [held] = _activities(
        world, 1, title="Đối thoại chính sách tại phường Bồ Đề", place="Nhà văn hóa"
    )
    client = login(world.users["district_secretariat"])
    url = reverse("activities:list", args=[world.district.pk])
    assert list(client.get(url, {"q": "doi thoai bo de"}).context["page_obj"]) == [held]
    assert list(client.get(url, {"q": "nha van hoa"}).context["page_obj"]) == [held]
    assert list(client.get(url, {"q": "luat binh dang"}).context["page_obj"]) == [world.activity]


def test_activities_are_filtered_by_year_kind_and_agency(world, login):
    [training] = _activities(world, 1, agency=world.womens_union, start=date(2024, 11, 2))
    client = login(world.users["district_secretariat"])
    url = reverse("activities:list", args=[world.district.pk])
    assert list(client.get(url, {"year": 2024}).context["page_obj"]) == [training]
    assert list(client.get(url, {"kind": "training"}).context["page_obj"]) == [training]
    assert list(client.get(url, {"agency": world.justice.pk}).context["page_obj"]) == [
        world.activity
    ]
    assert not client.get(url, {"year": 2019}).context["page_obj"].object_list


def test_the_activity_list_pages_with_a_constant_query_count(world, login):
    client = login(world.users["district_secretariat"])
    url = reverse("activities:list", args=[world.district.pk]) + "?q=tap+huan&year=2025"
    _activities(world, 1)
    one = queries_of(lambda: client.get(url))
    _activities(world, PER_PAGE + 2)
    response = client.get(url)
    assert len(response.context["page_obj"]) == PER_PAGE
    assert "q=tap+huan&amp;year=2025&amp;page=2" in response.content.decode()
    assert queries_of(lambda: client.get(url)) == one
