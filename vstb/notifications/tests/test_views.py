"""The notification list, opening one, the unread badge, preferences and a unit's reminder days.

Who may open each URL is in vstb/accounts/tests/test_access_walk.py; here, what they do.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from vstb.conftest import queries_of
from vstb.notifications.models import (
    Kind,
    Notification,
    ReminderPreference,
    UnitReminderSettings,
)


def notify(user, title="Tuyên truyền pháp luật về bình đẳng giới.", url="/plans/", **extra):
    return Notification.objects.create(user=user, kind=Kind.TASK_DUE, title=title, url=url, **extra)


# The list and the badge ----------------------------------------------------------------------


def test_the_list_shows_the_users_notifications_and_the_unread_count(world, login):
    officer = world.users["ward_officer"]
    notify(officer, title="Việc thứ nhất")
    notify(officer, title="Việc thứ hai")
    notify(world.users["focal_point"], title="Việc của người khác")
    client = login(officer)

    page = client.get(reverse("notifications:list"))
    text = page.content.decode()

    assert "Việc thứ nhất" in text and "Việc thứ hai" in text
    assert "Việc của người khác" not in text
    assert page.context["unread_notifications"] == 2
    assert '<span class="badge warn"' in text and ">2</span>" in text


def test_the_badge_shows_the_unread_count_on_every_page(world, login):
    officer = world.users["ward_officer"]
    for _ in range(3):
        notify(officer)
    notify(officer, read_at="2026-11-20T08:00:00+07:00")
    page = login(officer).get(reverse("home")).content.decode()
    assert f'href="{reverse("notifications:list")}"' in page
    assert '<span class="badge warn"' in page and ">3</span>" in page


def test_no_badge_without_unread_notifications(world, login):
    page = login(world.users["ward_officer"]).get(reverse("home")).content.decode()
    assert '<span class="badge warn"' not in page


def test_marking_all_read(world, login):
    officer = world.users["ward_officer"]
    notify(officer)
    notify(officer)
    other = notify(world.users["focal_point"])

    response = login(officer).post(reverse("notifications:list"))

    assert response.status_code == 302
    assert not Notification.objects.filter(user=officer, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_the_list_query_count_does_not_grow_with_notifications(
    world, login, django_assert_max_num_queries
):
    officer = world.users["ward_officer"]
    for i in range(40):
        notify(officer, title=f"Việc {i}")
    client = login(officer)
    # One more than before pagination: the page counts the rows it pages through.
    with django_assert_max_num_queries(8):
        client.get(reverse("notifications:list"))


def test_anonymous_is_sent_to_login(db, client):
    response = client.post(reverse("notifications:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# Opening one ---------------------------------------------------------------------------------


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(world, login):
    notification = notify(world.users["ward_officer"], url="/plans/tasks/2/")
    response = login(world.users["ward_officer"]).get(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 302 and response.url == "/plans/tasks/2/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_user_cannot_open_another_users_notification(world, login):
    notification = notify(world.users["ward_officer"])
    for name in ("other_ward_officer", "district_secretariat", "admin"):
        response = login(world.users[name]).get(
            reverse("notifications:open", args=[notification.pk])
        )
        assert response.status_code == 404, name
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_notification_never_leads_off_the_site(world, login):
    notification = notify(world.users["ward_officer"], url="https://example.com/phishing")
    response = login(world.users["ward_officer"]).get(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.url == reverse("notifications:list")


# Preferences ---------------------------------------------------------------------------------


def test_unticking_a_reminder_opts_out_of_it(world, login):
    user = world.users["focal_point"]
    client = login(user)
    page = client.get(reverse("notifications:preferences"))
    assert all(page.context["form"][kind].value() for kind in Kind.values)

    response = client.post(
        reverse("notifications:preferences"), {"task_overdue": "on", "action_month": "on"}
    )

    assert response.status_code == 302
    assert dict(ReminderPreference.objects.filter(user=user).values_list("kind", "enabled")) == {
        kind: kind in (Kind.TASK_OVERDUE, Kind.ACTION_MONTH) for kind in Kind.values
    }
    page = client.get(reverse("notifications:preferences"))
    assert page.context["form"]["task_due"].value() is False

    client.post(reverse("notifications:preferences"), {kind: "on" for kind in Kind.values})
    assert ReminderPreference.objects.filter(user=user, enabled=False).count() == 0


def test_the_preferences_page_links_to_the_reminder_days_of_the_users_units(world, login):
    page = login(world.users["district_secretariat"]).get(reverse("notifications:preferences"))
    assert reverse("notifications:unit_settings", args=[world.district.pk]) in page.content.decode()


# A unit's reminder days ----------------------------------------------------------------------


def test_the_secretariat_sets_the_units_reminder_days(world, login):
    url = reverse("notifications:unit_settings", args=[world.district.pk])
    client = login(world.users["district_secretariat"])
    assert client.get(url).context["form"]["days_before"].value() == "7, 1"

    response = client.post(url, {"days_before": "3, 14 ,1"})

    assert response.status_code == 302
    assert UnitReminderSettings.objects.get(unit=world.district).days_before == [14, 3, 1]
    assert client.get(url).context["form"]["days_before"].value() == "14, 3, 1"


@pytest.mark.parametrize("value", ["abc", "0", "7, 7", "100", "1, 2, 3, 4, 5", ""])
def test_reminder_days_must_be_a_few_different_numbers(world, login, value):
    url = reverse("notifications:unit_settings", args=[world.district.pk])
    response = login(world.users["district_secretariat"]).post(url, {"days_before": value})
    assert response.status_code == 200
    assert response.context["form"].errors["days_before"]
    assert not UnitReminderSettings.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("district_viewer", 403),
        ("ward_officer", 403),
        ("focal_point", 403),
        ("other_district_officer", 404),
    ],
)
def test_only_the_units_managers_change_its_reminder_days(world, login, persona, status):
    url = reverse("notifications:unit_settings", args=[world.district.pk])
    response = login(world.users[persona]).post(url, {"days_before": "3"})
    assert response.status_code == status
    assert not UnitReminderSettings.objects.exists()


# Search, filters and pages -------------------------------------------------------------------


def test_notifications_are_searched_without_diacritics_and_filtered(world, login):
    officer = world.users["ward_officer"]
    wanted = notify(officer, title="Báo cáo của phường Bồ Đề đã bị trả lại")
    read = notify(officer, title="Việc đã xem", read_at=timezone.now())
    client = login(officer)
    url = reverse("notifications:list")
    assert list(client.get(url, {"q": "bo de tra lai"}).context["page_obj"]) == [wanted]
    assert read not in client.get(url, {"unread": "1"}).context["page_obj"]
    assert not client.get(url, {"kind": Kind.REPORT_CHASE}).context["page_obj"].object_list


def test_the_notification_list_pages_with_a_constant_query_count(world, login):
    officer = world.users["ward_officer"]
    client = login(officer)
    url = reverse("notifications:list") + "?q=viec"
    notify(officer, title="Việc 0")
    one = queries_of(lambda: client.get(url))
    Notification.objects.bulk_create(
        [
            Notification(user=officer, kind=Kind.TASK_DUE, title=f"Việc {i}", url="/")
            for i in range(40)
        ]
    )
    response = client.get(url)
    assert response.context["page_obj"].paginator.count == 41
    assert queries_of(lambda: client.get(url)) == one
