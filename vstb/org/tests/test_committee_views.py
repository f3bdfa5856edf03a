"""Committee pages: members as of a date, adding, editing, ending and reconstituting."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.conftest import queries_of, vi
from vstb.org.models import Membership, Unit

pytestmark = pytest.mark.django_db


def test_ward_officer_sees_own_ward_committee(world, login):
    client = login(world.users["ward_officer"])
    response = client.get(reverse("org:unit_detail", args=[world.ward.pk]))
    assert response.status_code == 200
    assert "Phạm Thị Phường" in response.content.decode()


def test_committee_page_shows_members_as_of_the_date_asked(world, login):
    world.member.end = date(2024, 12, 31)
    world.member.save()
    client = login(world.users["district_viewer"])
    url = reverse("org:unit_detail", args=[world.district.pk])
    assert "Lê Văn Thành Viên" in client.get(url, {"on": "31/12/2024"}).content.decode()
    assert "Lê Văn Thành Viên" not in client.get(url, {"on": "01/01/2025"}).content.decode()


def test_secretariat_adds_a_member(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("org:membership_add", args=[world.district.pk]),
        {
            "full_name": "Đỗ Thị Mới",
            "sex": "nu",
            "position": "thanh_vien",
            "agency": world.womens_union.pk,
            "start": "01/03/2025",
            "end": "",
        },
    )
    assert response.status_code == 302
    added = Membership.objects.get(full_name="Đỗ Thị Mới")
    assert added.start == date(2025, 3, 1) and added.committee == world.committee


def test_membership_that_ends_before_it_starts_is_refused_and_not_saved(world, login):
    client = login(world.users["district_secretariat"])
    before = Membership.objects.count()
    response = client.post(
        reverse("org:membership_add", args=[world.district.pk]),
        {
            "full_name": "Sai Ngày",
            "position": "thanh_vien",
            "start": "01/03/2025",
            "end": "28/02/2025",
        },
    )
    assert response.status_code == 200
    assert vi(
        "The end date comes before the start date. Enter an end date on or after the start date."
    ) in (response.content.decode())
    assert Membership.objects.count() == before


def test_a_date_in_the_wrong_format_gets_a_vietnamese_message(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("org:membership_add", args=[world.district.pk]),
        {"full_name": "Sai Ngày", "position": "thanh_vien", "start": "2025/13/45"},
    )
    assert vi("Enter a date as dd/mm/yyyy, for example 05/01/2026.") in response.content.decode()


def test_agency_of_another_unit_cannot_be_chosen(world, login):
    client = login(world.users["ward_officer"])
    response = client.post(
        reverse("org:membership_add", args=[world.ward.pk]),
        {
            "full_name": "X",
            "position": "thanh_vien",
            "agency": world.justice.pk,
            "start": "01/03/2025",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(full_name="X").exists()


def test_reconstitution_ends_and_starts_memberships_on_one_date(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("org:committee_reconstitute", args=[world.district.pk]),
        {
            "on": "01/07/2025",
            "ending": [world.member.pk],
            "new-TOTAL_FORMS": "1",
            "new-INITIAL_FORMS": "0",
            "new-0-full_name": "Vũ Thị Kiện Toàn",
            "new-0-sex": "nu",
            "new-0-position": "thanh_vien",
            "new-0-agency": world.justice.pk,
        },
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.end == date(2025, 6, 30)
    on_day = {m.full_name for m in world.committee.members_on(date(2025, 7, 1))}
    assert on_day == {"Trần Thị Chủ Tịch", "Vũ Thị Kiện Toàn"}
    assert {m.full_name for m in world.committee.members_on(date(2025, 6, 30))} == {
        "Trần Thị Chủ Tịch",
        "Lê Văn Thành Viên",
    }


def test_reconstitution_with_one_bad_row_changes_nothing(world, login):
    client = login(world.users["district_secretariat"])
    before = list(Membership.objects.values_list("pk", "end"))
    response = client.post(
        reverse("org:committee_reconstitute", args=[world.district.pk]),
        {
            "on": "01/01/2024",  # the member only joined that day: cannot leave the day before
            "ending": [world.member.pk],
            "new-TOTAL_FORMS": "1",
            "new-INITIAL_FORMS": "0",
            "new-0-full_name": "Người Mới",
            "new-0-position": "thanh_vien",
        },
    )
    assert response.status_code == 200
    assert list(Membership.objects.values_list("pk", "end")) == before


def test_ending_a_membership(world, login):
    client = login(world.users["district_secretariat"])
    client.post(reverse("org:membership_end", args=[world.member.pk]), {"on": "31/12/2025"})
    world.member.refresh_from_db()
    assert world.member.end == date(2025, 12, 31)


def test_viewer_cannot_change_a_membership(world, login):
    client = login(world.users["district_viewer"])
    response = client.post(
        reverse("org:membership_edit", args=[world.member.pk]),
        {"full_name": "Đổi Tên", "position": "thanh_vien", "start": "01/01/2024"},
    )
    assert response.status_code == 403
    world.member.refresh_from_db()
    assert world.member.full_name == "Lê Văn Thành Viên"


def test_outsider_gets_404_for_a_ward_page(world, login):
    client = login(world.users["other_ward_officer"])
    assert client.get(reverse("org:unit_detail", args=[world.ward.pk])).status_code == 404


def test_unit_browser_search_without_diacritics(world, login):
    client = login(world.users["admin"])
    response = client.get(reverse("org:unit_list"), {"q": "long bien"})
    assert "Quận Long Biên" in response.content.decode()


def test_unit_browser_search_shows_only_visible_units(world, login):
    client = login(world.users["ward_officer"])
    page = client.get(reverse("org:unit_list"), {"q": "phuong"}).content.decode()
    assert "Phường Bồ Đề" in page
    assert "Phường Ngọc Lâm" not in page and "Phường Hàng Trống" not in page


def test_tree_children_partial_lists_visible_children(world, login):
    client = login(world.users["district_secretariat"])
    page = client.get(
        reverse("org:unit_children", args=[world.district.pk]), HTTP_HX_REQUEST="true"
    )
    text = page.content.decode()
    assert "Phường Bồ Đề" in text and "Phường Ngọc Lâm" in text and "<html" not in text


def test_ceased_units_can_be_hidden_in_the_tree(world, login):
    world.other_ward.valid_to = date(2025, 7, 1)
    world.other_ward.save()
    client = login(world.users["district_secretariat"])
    url = reverse("org:unit_children", args=[world.district.pk])
    assert "Phường Ngọc Lâm" in client.get(url).content.decode()
    assert "Phường Ngọc Lâm" not in client.get(url, {"current": "1"}).content.decode()


def test_unit_page_query_count_does_not_grow_with_members(world, login):
    client = login(world.users["district_secretariat"])
    url = reverse("org:unit_detail", args=[world.district.pk])
    before = queries_of(lambda: client.get(url))
    for i in range(30):
        Membership.objects.create(
            committee=world.committee,
            full_name=f"Người {i}",
            position="thanh_vien",
            agency=world.justice,
            start=date(2024, 1, 1),
        )
    assert queries_of(lambda: client.get(url)) == before


def test_unit_history_lists_successors(world, login):
    world.ward.valid_to = date(2025, 7, 1)
    world.ward.save()
    new = Unit.objects.create(
        code="T1",
        name="Phường Bồ Đề mới",
        kind="phuong",
        parent=world.province,
        valid_from=date(2025, 7, 1),
    )
    new.predecessions.create(predecessor=world.ward, kind="merge", date=date(2025, 7, 1))
    client = login(world.users["ward_officer"])
    page = client.get(reverse("org:unit_detail", args=[world.ward.pk])).content.decode()
    assert "Phường Bồ Đề mới" in page


def test_unit_browser_opens_the_tree_down_to_the_users_own_unit(
    world, login, django_assert_max_num_queries
):
    client = login(world.users["ward_officer"])
    # Sessions, user, roles, then one query per level opened: never one per unit.
    with django_assert_max_num_queries(10):
        page = client.get(reverse("org:unit_list")).content.decode()
    assert "Việt Nam" in page and "Quận Long Biên" in page and "Phường Bồ Đề" in page
    assert "Phường Ngọc Lâm" not in page and "Thành phố Hải Phòng" not in page


def test_a_unit_above_shows_no_links_to_pages_the_user_cannot_open(world, login):
    client = login(world.users["ward_officer"])
    district_page = client.get(
        reverse("org:unit_detail", args=[world.district.pk])
    ).content.decode()
    assert reverse("activities:list", args=[world.district.pk]) not in district_page
    ward_page = client.get(reverse("org:unit_detail", args=[world.ward.pk])).content.decode()
    assert reverse("activities:list", args=[world.ward.pk]) in ward_page


def test_unit_browser_search_pages_and_filters_by_level(world, login):
    client = login(world.users["admin"])
    wards = client.get(reverse("org:unit_list"), {"q": "phuong", "level": 3}).context["results"]
    assert {unit.name for unit in wards} == {"Phường Bồ Đề", "Phường Ngọc Lâm", "Phường Hàng Trống"}
    assert (
        not client.get(reverse("org:unit_list"), {"q": "phuong", "level": 1})
        .context["results"]
        .object_list
    )


def test_unit_browser_search_keeps_a_constant_query_count(world, login):
    client = login(world.users["admin"])
    url = reverse("org:unit_list") + "?q=phuong"
    one = queries_of(lambda: client.get(url))
    for i in range(30):
        Unit.objects.create(
            code=f"T{i:03d}", name=f"Phường Thử {i}", kind="phuong", parent=world.district
        )
    response = client.get(url)
    assert response.context["results"].paginator.count == 33
    assert "q=phuong&amp;page=2" in response.content.decode()
    assert queries_of(lambda: client.get(url)) == one
