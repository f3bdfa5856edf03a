"""`vstb send-reminders`: who receives what, once, in Vietnamese, with nothing but a title and
a link; opt-outs, unit settings, overdue weeks, action months; a query count that does not
grow with the number of users.

The world (vstb/conftest.py): Long Biên's issued 2025 plan has `justice_task` (lead Phòng Tư
pháp, due 15/12/2025) and `wards_task` (every ward, due 15/02/2025).
"""

import uuid
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vstb import access
from vstb.accounts.models import Role, RoleKind
from vstb.conftest import make_user
from vstb.notifications.models import (
    Kind,
    Notification,
    ReminderPreference,
    ReminderSent,
    UnitReminderSettings,
)
from vstb.notifications.reminders import Reminder, collect, record, send_reminders
from vstb.org.models import Unit
from vstb.plans import services as plans
from vstb.plans.models import Section, Task, TaskStatus

JUSTICE_DUE = date(2025, 12, 15)
WARDS_DUE = date(2025, 2, 15)
SITE = "https://vstb.example.vn"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.VSTB_SITE_URL = SITE + "/"  # the trailing slash is dropped


def run(day: date, *args: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--today", day.isoformat(), *args, stdout=out)
    return out.getvalue()


def received(kind: str, task: Task | None = None) -> list[str]:
    """Usernames with a notification of `kind` (about `task`), sorted, one per notification."""
    notifications = Notification.objects.filter(kind=kind)
    if task is not None:
        notifications = notifications.filter(url=reverse("plans:task_detail", args=[task.pk]))
    return sorted(n.user.username for n in notifications.select_related("user"))


def logged(kind: str, object_id: int) -> list[tuple[str, str]]:
    rows = ReminderSent.objects.filter(kind=kind, object_id=object_id).select_related("user")
    return sorted((row.user.username, row.occasion) for row in rows)


def vi(text: str, **params) -> str:
    with translation.override("vi"):
        return _(text) % params if params else _(text)


def task_with_text(world, text: str, due: date) -> Task:
    section = Section.objects.create(
        plan=world.district_plan, order=50, label="-", paragraphs=[text]
    )
    return Task.objects.create(
        plan=world.district_plan, section=section, lead=world.justice, due=due
    )


# Who receives a task's reminder --------------------------------------------------------------


def test_recipients_are_the_users_who_have_the_task_in_my_tasks(world, monkeypatch):
    """Every way a task reaches "my tasks" (lead, support, plan unit, addressed unit, every
    lower unit) and the roles that do not count (viewer, ended role, disabled account)."""
    users = {name: user for name, user in world.users.items() if user is not None}
    users["union_focal_point"] = make_user(
        "union_focal_point", RoleKind.FOCAL_POINT, world.district, agency=world.womens_union
    )
    users["far_ward_officer"] = make_user("far_ward_officer", RoleKind.UNIT_OFFICER, world.far_ward)
    users["ended_officer"] = make_user("ended_officer", RoleKind.UNIT_OFFICER, world.ward)
    Role.objects.filter(user=users["ended_officer"]).update(valid_to=date(2025, 6, 1))
    users["disabled_officer"] = make_user("disabled_officer", RoleKind.UNIT_OFFICER, world.ward)
    users["disabled_officer"].is_active = False
    users["disabled_officer"].save()
    world.justice_task.support.add(world.womens_union)
    named = task_with_text(world, "Phường Hàng Trống phối hợp.", JUSTICE_DUE)
    named.lead = None
    named.save()
    named.units.add(world.far_ward)
    # The ward has taken up the task for every ward in an issued plan of its own: its officer
    # has the ward's task, the other ward's officer still the district's.
    derived = plans.cascade(world.district_plan, world.ward)
    derived.issue(on=date(2026, 1, 20))

    today = JUSTICE_DUE - timedelta(days=7)  # both 7 days ahead; wards_task overdue
    monkeypatch.setattr(timezone, "localdate", lambda: today)
    expected = {
        (task.pk, user.pk) for user in users.values() for task in access.tasks_for_user(user)
    }

    found, _emails = collect(today)

    assert {(r.object_id, r.user_id) for r in found} == expected
    (taken_up,) = derived.tasks.all()
    ward, other_ward = users["ward_officer"].pk, users["other_ward_officer"].pk
    assert (taken_up.pk, ward) in expected and (world.wards_task.pk, ward) not in expected
    assert (world.wards_task.pk, other_ward) in expected
    names = {user.pk: name for name, user in users.items()}
    assert {names[r.user_id] for r in found} == {
        "district_secretariat",
        "focal_point",
        "union_focal_point",
        "ward_officer",
        "other_ward_officer",
        "far_ward_officer",
    }


def test_done_tasks_and_draft_plans_are_not_reminded(world):
    world.justice_task.status = TaskStatus.DONE
    world.justice_task.save()
    Task.objects.create(
        plan=world.district_draft, section=world.draft_section, lead=world.justice, due=JUSTICE_DUE
    )
    run(JUSTICE_DUE - timedelta(days=7))
    assert Notification.objects.filter(kind=Kind.TASK_DUE).count() == 0


# Once ----------------------------------------------------------------------------------------


def test_two_runs_the_same_day_send_each_reminder_once(world):
    day = JUSTICE_DUE - timedelta(days=7)

    first = run(day)
    first_mails = len(mail.outbox)
    second = run(day)

    assert received(Kind.TASK_DUE, world.justice_task) == ["district_secretariat", "focal_point"]
    assert logged(Kind.TASK_DUE, world.justice_task.pk) == [
        ("district_secretariat", "7d"),
        ("focal_point", "7d"),
    ]
    # The district secretariat also hears that wards_task is overdue, in the same e-mail.
    assert first_mails == 4
    assert "4 e-mails" in first
    assert len(mail.outbox) == first_mails
    assert "0 notifications to 0 users, 0 e-mails" in second


def test_each_reminder_day_is_sent_once_and_a_missed_day_is_made_up(world):
    start = JUSTICE_DUE - timedelta(days=9)
    for offset in range(12):  # 9 days before the deadline to 2 days after
        run(start + timedelta(days=offset))
    assert logged(Kind.TASK_DUE, world.justice_task.pk) == [
        ("district_secretariat", "1d"),
        ("district_secretariat", "7d"),
        ("focal_point", "1d"),
        ("focal_point", "7d"),
    ]

    Notification.objects.all().delete()
    ReminderSent.objects.all().delete()
    run(JUSTICE_DUE - timedelta(days=5))  # the run 7 days before did not happen
    assert logged(Kind.TASK_DUE, world.justice_task.pk) == [
        ("district_secretariat", "7d"),
        ("focal_point", "7d"),
    ]


def test_an_overdue_task_is_reminded_once_a_week(world):
    """Decision (docs/decisions/0005-reminders.md): the day after the deadline, then every
    7 days while the task stays open."""
    for offset in range(1, 16):  # 16/02 … 02/03/2025
        run(WARDS_DUE + timedelta(days=offset))
    assert logged(Kind.TASK_OVERDUE, world.wards_task.pk) == [
        (user, f"overdue:{week}")
        for user in ("district_secretariat", "other_ward_officer", "ward_officer")
        for week in ("2025-02-16", "2025-02-23", "2025-03-02")
    ]

    world.wards_task.status = TaskStatus.DONE
    world.wards_task.save()
    run(WARDS_DUE + timedelta(days=22))
    assert Notification.objects.filter(kind=Kind.TASK_OVERDUE).count() == 9


def test_a_reminder_claimed_by_another_run_is_not_sent_again(world):
    """Two runs at once: the one whose insert lands first claims the key; the other creates
    no notification for it."""
    user = world.users["focal_point"]
    url = reverse("plans:task_detail", args=[world.justice_task.pk])
    taken = Reminder(user.pk, Kind.TASK_DUE, world.justice_task.pk, "7d", "Việc", url, JUSTICE_DUE)
    free = Reminder(user.pk, Kind.TASK_DUE, world.justice_task.pk, "1d", "Việc", url, JUSTICE_DUE)
    ReminderSent.objects.create(
        user=user, kind=taken.kind, object_id=taken.object_id, occasion="7d", run=uuid.uuid4()
    )

    assert record([taken, free]) == [free]
    assert Notification.objects.count() == 1
    assert ReminderSent.objects.count() == 2


def test_dry_run_records_and_sends_nothing(world):
    output = run(JUSTICE_DUE - timedelta(days=7), "--dry-run")
    assert "dry run" in output and "2 task due" in output and "4 e-mails" in output
    assert not Notification.objects.exists() and not ReminderSent.objects.exists()
    assert mail.outbox == []


def test_today_defaults_to_the_local_date(world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: JUSTICE_DUE - timedelta(days=1))
    summary = send_reminders()
    assert summary.today == JUSTICE_DUE - timedelta(days=1)
    assert logged(Kind.TASK_DUE, world.justice_task.pk) == [
        ("district_secretariat", "1d"),
        ("focal_point", "1d"),
    ]


def test_today_must_be_a_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "21/11/2026", stdout=StringIO())


# Opt-outs and unit settings --------------------------------------------------------------------


def test_an_opted_out_user_gets_no_email_but_still_the_notification_in_the_app(world):
    """Issue 11: in the app always, by e-mail unless the person opted out of the kind."""
    focal_point = world.users["focal_point"]
    ReminderPreference.objects.create(user=focal_point, kind=Kind.TASK_DUE, enabled=False)

    run(JUSTICE_DUE - timedelta(days=7))

    assert received(Kind.TASK_DUE) == ["district_secretariat", "focal_point"]
    assert logged(Kind.TASK_DUE, world.justice_task.pk) == [
        ("district_secretariat", "7d"),
        ("focal_point", "7d"),
    ]
    assert focal_point.email not in [to for message in mail.outbox for to in message.to]


def test_opting_out_of_one_kind_keeps_the_others_emails(world):
    secretariat = world.users["district_secretariat"]
    ReminderPreference.objects.create(user=secretariat, kind=Kind.TASK_OVERDUE, enabled=False)
    run(JUSTICE_DUE - timedelta(days=7))
    (message,) = [m for m in mail.outbox if m.to == [secretariat.email]]
    assert f"/plans/tasks/{world.justice_task.pk}/" in message.body
    assert f"/plans/tasks/{world.wards_task.pk}/" not in message.body
    kinds = set(Notification.objects.filter(user=secretariat).values_list("kind", flat=True))
    assert {Kind.TASK_DUE, Kind.TASK_OVERDUE} <= kinds


def test_a_units_reminder_days_are_respected(world):
    UnitReminderSettings.objects.create(unit=world.district, days_before=[3])

    run(JUSTICE_DUE - timedelta(days=7))
    assert received(Kind.TASK_DUE) == []

    run(JUSTICE_DUE - timedelta(days=3))
    assert logged(Kind.TASK_DUE, world.justice_task.pk) == [
        ("district_secretariat", "3d"),
        ("focal_point", "3d"),
    ]


def test_another_units_settings_do_not_apply(world):
    UnitReminderSettings.objects.create(unit=world.ward, days_before=[30])
    run(JUSTICE_DUE - timedelta(days=20))
    assert received(Kind.TASK_DUE) == []


# Action months -------------------------------------------------------------------------------


def test_the_gender_equality_action_month_is_announced_14_days_before_15_november(world):
    run(date(2026, 10, 31))
    assert received(Kind.ACTION_MONTH) == []

    run(date(2026, 11, 1))
    run(date(2026, 11, 2))

    # Everyone with a role, once; not the system administrator.
    assert received(Kind.ACTION_MONTH) == sorted(
        name for name in world.users if name not in ("anonymous", "admin")
    )
    assert {row[1] for row in _month_log()} == {"month:2026-11-15"}
    notification = Notification.objects.filter(kind=Kind.ACTION_MONTH).first()
    assert notification.title.startswith("Tháng hành động vì bình đẳng giới")
    assert notification.url == reverse("activities:calendar") + "?month=2026-11"


def test_the_june_action_month_is_announced_on_18_may(world):
    run(date(2026, 5, 18))
    assert {row[1] for row in _month_log()} == {"month:2026-06-01"}


def _month_log():
    return ReminderSent.objects.filter(kind=Kind.ACTION_MONTH).values_list("user", "occasion")


# The e-mail ------------------------------------------------------------------------------------


def test_an_email_carries_only_the_short_title_and_a_link(world):
    text = (
        "Tổ chức tập huấn cho cán bộ về phòng, chống bạo lực gia đình tại các tổ dân phố, "
        "CHI TIẾT KHÔNG ĐƯỢC GỬI: danh sách nạn nhân được hỗ trợ trong năm"
    )
    task = task_with_text(world, text, JUSTICE_DUE)
    task.status_note = "Ghi chú nội bộ về một vụ việc"
    task.save()

    run(JUSTICE_DUE - timedelta(days=7))

    message = next(m for m in mail.outbox if m.to == [world.users["focal_point"].email])
    first_words = text[:79] + "…"
    assert message.subject == vi("VSTB reminders of %(date)s", date="08/12/2025")
    assert message.body.splitlines() == [
        vi("VSTB reminds you of the following."),
        "",
        "- "
        + vi(
            "Task due on %(date)s: %(title)s",
            date="15/12/2025",
            title="Tuyên truyền pháp luật về bình đẳng giới.",
        ),
        f"  {SITE}/plans/tasks/{world.justice_task.pk}/",
        "- " + vi("Task due on %(date)s: %(title)s", date="15/12/2025", title=first_words),
        f"  {SITE}/plans/tasks/{task.pk}/",
        "",
        vi("To stop a kind of reminder, change your preferences:"),
        f"  {SITE}/notifications/preferences/",
    ]
    assert len(first_words) == 80
    assert "CHI TIẾT KHÔNG ĐƯỢC GỬI" not in message.body
    assert "nạn nhân" not in message.body and "Ghi chú" not in message.body
    notification = Notification.objects.get(
        user=world.users["focal_point"], url=f"/plans/tasks/{task.pk}/"
    )
    assert notification.title == first_words


def test_one_connection_sends_every_email(world, monkeypatch):
    opened = []
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.__init__

    def counting_init(self, *args, **kwargs):
        opened.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(EmailBackend, "__init__", counting_init)
    run(JUSTICE_DUE - timedelta(days=7))
    assert len(mail.outbox) == 4 and len(opened) == 1


def test_the_email_is_in_vietnamese(world):
    """Fails until the translator fills the reminder e-mail's entries in the catalogue."""
    run(JUSTICE_DUE - timedelta(days=7))
    message = mail.outbox[0]
    assert not message.subject.startswith("VSTB reminders of")
    assert "VSTB reminds you of the following." not in message.body


def test_a_user_without_an_email_address_is_notified_in_the_app_only(world):
    focal_point = world.users["focal_point"]
    focal_point.email = ""
    focal_point.save()
    run(JUSTICE_DUE - timedelta(days=7))
    assert Notification.objects.filter(user=focal_point).exists()
    assert len(mail.outbox) == 3


# Queries -----------------------------------------------------------------------------------


def _officers(world, first: int, count: int) -> None:
    """`count` more wards of Long Biên, each with a unit officer: each has wards_task."""
    for n in range(first, first + count):
        ward = Unit.objects.create(
            code=f"T{n:04d}", name=f"Phường Thử {n}", kind="phuong", parent=world.district
        )
        make_user(f"officer_{n}", RoleKind.UNIT_OFFICER, ward)


def _queries(day: date, **kwargs) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        summary = send_reminders(day, **kwargs)
    return len(captured.captured_queries), summary.notifications


def test_the_query_count_does_not_grow_with_the_number_of_users(world):
    _officers(world, 0, 5)
    dry_small, _count = _queries(WARDS_DUE - timedelta(days=7), dry_run=True)
    small, small_sent = _queries(WARDS_DUE - timedelta(days=7))

    _officers(world, 5, 45)
    dry_large, _count = _queries(WARDS_DUE - timedelta(days=1), dry_run=True)
    large, large_sent = _queries(WARDS_DUE - timedelta(days=1))

    assert (small_sent, large_sent) == (3 + 5, 3 + 50)
    assert dry_small == dry_large
    assert small == large
