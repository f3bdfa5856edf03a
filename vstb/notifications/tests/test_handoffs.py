"""Issue 11, items 1, 2 and 11: every hand-off tells the people who act next, once, in the app
and by e-mail (not those who opted out, not those on the daily digest), never with anything
but a sentence and a link; the sender is told by name where nobody could be told, and is
asked to confirm first.

The world (vstb/conftest.py): Long Biên (district_secretariat, district_viewer, focal_point of
Phòng Tư pháp) with its wards Bồ Đề (ward_officer) and Ngọc Lâm (other_ward_officer); Hà Nội
above it (province_secretariat). Phòng LĐTBXH, Hội LHPN and the ward's UBND have no focal point.
"""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from vstb import access
from vstb.accounts.models import RoleKind
from vstb.conftest import make_user, queries_of, sign_in, six_month_requirement, vi
from vstb.notifications import handoffs
from vstb.notifications.models import (
    Kind,
    Notification,
    NotificationSettings,
    ReminderPreference,
)
from vstb.notifications.reminders import send_reminders
from vstb.notifications.services import notify, send_digest
from vstb.org.models import Unit
from vstb.plans import services as plan_services
from vstb.plans.models import Plan, PlanStatus, Section, Task
from vstb.reporting import services
from vstb.reporting.models import Report, ReportStatus, Requirement

SITE = "https://vstb.example.vn"
COMMENT = "Số vụ bạo lực của bà Nguyễn Thị A chưa khớp; kiểm tra lại."


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.VSTB_SITE_URL = SITE


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """E-mails leave when the transaction commits; tests run inside one, so run them."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def mailed() -> list[str]:
    return sorted(to.split("@")[0] for message in mail.outbox for to in message.to)


def assert_only_a_sentence_and_a_link(message, link: str) -> None:
    """An e-mail: the notification's sentence, its absolute link, and where to change what
    is e-mailed. Nothing else."""
    sentence, url, blank, closing, preferences = message.body.strip("\n").split("\n")
    assert url == SITE + link and blank == ""
    assert preferences == SITE + reverse("notifications:preferences")
    assert closing == vi("To stop these e-mails or receive one a day, change your preferences:")
    assert message.subject == f"VSTB: {sentence}"


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _draft(world, unit=None, **fields) -> Plan:
    """A district draft ready to issue: one task for every ward, one led by Phòng Tư pháp
    with Hội LHPN supporting."""
    plan = Plan.objects.create(
        unit=unit or world.district,
        year=2026,
        subject="Thực hiện công tác bình đẳng giới năm 2026",
        place="Long Biên",
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Nguyễn Văn Ký",
        **{"issuer_name": f"ỦY BAN NHÂN DÂN {(unit or world.district).name.upper()}", **fields},
    )
    first = Section.objects.create(plan=plan, order=1, label="-", paragraphs=["Các phường."])
    second = Section.objects.create(plan=plan, order=2, label="-", paragraphs=["Tư pháp."])
    Task.objects.create(plan=plan, section=first, addresses_all_lower_units=True)
    task = Task.objects.create(plan=plan, section=second, lead=world.justice)
    task.support.add(world.womens_union)
    return plan


# Plans ------------------------------------------------------------------------------------------


def test_issuing_a_plan_tells_the_lower_units_and_agencies_it_gives_tasks_to(world, on_commit):
    plan = _draft(world)

    result = on_commit(
        lambda: plan.issue(on=date(2026, 1, 5), by=world.users["district_secretariat"])
    )

    assert told(Kind.PLAN_ISSUED) == ["focal_point", "other_ward_officer", "ward_officer"]
    assert mailed() == ["focal_point", "other_ward_officer", "ward_officer"]
    link = reverse("plans:detail", args=[plan.pk])
    for message in mail.outbox:
        assert_only_a_sentence_and_a_link(message, link)
    notification = Notification.objects.filter(kind=Kind.PLAN_ISSUED).first()
    assert notification.title == vi(
        "%(unit)s has issued a plan that gives you tasks: %(subject)s"
    ) % {"unit": "Quận Long Biên", "subject": plan.subject}
    # Hội LHPN supports a task but has no focal point: named to the sender.
    assert [str(item) for item in result.nobody] == ["Hội Liên hiệp Phụ nữ quận"]


def test_a_plan_is_issued_once_and_tells_once(world, on_commit):
    plan = _draft(world)
    on_commit(lambda: plan.issue(on=date(2026, 1, 5)))
    with pytest.raises(ValidationError):
        on_commit(lambda: plan.issue(on=date(2026, 1, 6)))
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3


def test_an_opted_out_person_is_told_in_the_app_only(world, on_commit):
    focal_point = world.users["focal_point"]
    ReminderPreference.objects.create(user=focal_point, kind=Kind.PLAN_ISSUED, enabled=False)
    on_commit(lambda: _draft(world).issue(on=date(2026, 1, 5)))
    assert "focal_point" in told(Kind.PLAN_ISSUED)
    assert mailed() == ["other_ward_officer", "ward_officer"]


def test_issuing_asks_for_confirmation_naming_who_will_be_told(world, on_commit):
    plan = _draft(world)
    client = _client(world.users["district_secretariat"])
    url = reverse("plans:issue", args=[plan.pk])

    page = client.post(url, {"on": "05/01/2026"})

    assert page.status_code == 200
    text = page.content.decode()
    for name in ("Phường Bồ Đề", "Phường Ngọc Lâm", "Phòng Tư pháp quận"):
        assert name in text
    assert (
        vi("%(name)s has nobody to receive notifications: assign a focal point of this agency.")
        % {"name": "Hội Liên hiệp Phụ nữ quận"}
        in text
    )
    assert 'name="confirm" value="1"' in text and 'name="on" value="05/01/2026"' in text
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and not Notification.objects.exists()

    response = on_commit(
        lambda: client.post(url, {"on": "05/01/2026", "confirm": "1"}, follow=True)
    )

    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    assert told(Kind.PLAN_ISSUED) == ["focal_point", "other_ward_officer", "ward_officer"]
    assert "Hội Liên hiệp Phụ nữ quận" in response.content.decode()


def test_cascading_and_issuing_the_derived_plan_tell_the_parents_unit(world, on_commit):
    ward_officer = world.users["ward_officer"]
    derived = on_commit(
        lambda: plan_services.cascade(world.district_plan, world.ward, ward_officer)
    )
    assert told(Kind.PLAN_DERIVED) == ["district_secretariat"]

    derived.signer_lines, derived.signer_name = ["CHỦ TỊCH"], "Phạm Thị Phường"
    derived.save()
    result = on_commit(lambda: derived.issue(on=date(2025, 2, 1), by=ward_officer))

    assert told(Kind.PLAN_DERIVED) == ["district_secretariat", "district_secretariat"]
    assert mailed() == ["district_secretariat", "district_secretariat"]
    # The ward's tasks are led by its People's Committee, where nobody holds a role.
    assert [str(item) for item in result.nobody] == ["Ủy ban nhân dân phường Bồ Đề"]
    assert not Notification.objects.filter(user=ward_officer).exists()  # not the one who did it


# Requirements -----------------------------------------------------------------------------------


def _requirement_form(**changes) -> dict:
    data = {
        "title": "Báo cáo sơ kết 6 tháng đầu năm 2026",
        "kind": "six_month",
        "period_rule": "six_month",
        "year": "2026",
        "reporters": "both",
        "due_3": "25/05/2026",
        "due_agency": "25/05/2026",
    }
    return {**data, **changes}


def test_a_requirement_tells_every_expected_reporter_and_names_who_has_nobody(world, on_commit):
    # A new ward with nobody holding a role there.
    Unit.objects.create(code="00140", name="Phường Thạch Bàn", kind="phuong", parent=world.district)
    client = _client(world.users["district_secretariat"])

    response = on_commit(
        lambda: client.post(
            reverse("reporting:create", args=[world.district.pk]), _requirement_form(), follow=True
        )
    )

    assert told(Kind.REQUIREMENT) == ["focal_point", "other_ward_officer", "ward_officer"]
    assert mailed() == ["focal_point", "other_ward_officer", "ward_officer"]
    text = response.content.decode()
    assert (
        vi("%(name)s has nobody to receive notifications: assign a role at this unit.")
        % {"name": "Phường Thạch Bàn"}
        in text
    )
    assert "Hội Liên hiệp Phụ nữ quận" in text and "0 người" not in text
    requirement = Requirement.objects.get()
    for message in mail.outbox:
        assert_only_a_sentence_and_a_link(
            message, reverse("reporting:requirement", args=[requirement.pk])
        )

    # Saved unchanged: nobody is told again; changed: everyone is, once.
    edit = reverse("reporting:edit", args=[requirement.pk])
    # (Each edit carries the version it started from, as the form does.)
    on_commit(lambda: client.post(edit, _requirement_form(version=requirement.version)))
    assert Notification.objects.count() == 3
    requirement.refresh_from_db()
    on_commit(
        lambda: client.post(
            edit, _requirement_form(due_3="20/05/2026", version=requirement.version)
        )
    )
    assert Notification.objects.count() == 6 and len(mail.outbox) == 6


def test_a_province_requirement_reaches_the_whole_chain_below(world, on_commit):
    requirement = Requirement(
        unit=world.province,
        title="Báo cáo năm 2026",
        kind="annual",
        period_rule="annual",
        year=2026,
        reporters="units",
        due_dates={"2": "2026-12-05", "3": "2026-11-25"},
    )
    requirement.full_clean()
    requirement.save()
    on_commit(lambda: handoffs.requirement_published(requirement))
    assert told(Kind.REQUIREMENT) == [
        "district_secretariat",
        "other_district_officer",
        "other_ward_officer",
        "ward_officer",
    ]


def test_telling_many_takes_as_many_queries_as_telling_few(world):
    def make_wards(first, count):
        for n in range(first, first + count):
            ward = Unit.objects.create(
                code=f"T{n:04d}", name=f"Phường Thử {n}", kind="phuong", parent=world.district
            )
            make_user(f"officer_{n}", RoleKind.UNIT_OFFICER, ward)

    def tell():
        units = Unit.objects.filter(parent=world.district)
        notify(access.people_to_tell(units), Kind.REQUIREMENT, "Báo cáo", "/reporting/")

    make_wards(0, 3)
    few = queries_of(tell)
    make_wards(3, 40)
    many = queries_of(tell)
    assert few == many
    assert Notification.objects.filter(user__username="officer_42").count() == 1


# Reports ----------------------------------------------------------------------------------------


@pytest.fixture
def requirement(world):
    return six_month_requirement(world, reporters="both")


def _written(requirement, reporter) -> Report:
    return services.open_report(requirement, reporter)


def test_a_report_sent_tells_the_receivers_managers_and_its_review_tells_the_reporter(
    world, requirement, on_commit
):
    report = _written(requirement, world.ward)
    on_commit(lambda: report.submit(world.users["ward_officer"]))
    assert told(Kind.REPORT_RECEIVED) == ["district_secretariat"]
    assert mailed() == ["district_secretariat"]

    mail.outbox.clear()
    on_commit(lambda: report.return_to_reporter(world.users["district_secretariat"], COMMENT))
    (returned,) = Notification.objects.filter(kind=Kind.REPORT_REVIEWED)
    assert returned.user == world.users["ward_officer"] and returned.detail == COMMENT
    (message,) = mail.outbox
    assert "Nguyễn Thị A" not in message.body and "bạo lực" not in message.body
    assert_only_a_sentence_and_a_link(message, reverse("reporting:report", args=[report.pk]))

    on_commit(lambda: report.submit(world.users["ward_officer"]))
    on_commit(lambda: report.accept(world.users["district_secretariat"]))
    assert told(Kind.REPORT_RECEIVED) == ["district_secretariat", "district_secretariat"]
    assert told(Kind.REPORT_REVIEWED) == ["ward_officer", "ward_officer"]
    assert len(mail.outbox) == 3


def test_an_agencys_report_goes_to_its_focal_points_when_reviewed(world, requirement, on_commit):
    report = _written(requirement, world.justice)
    on_commit(lambda: report.submit(world.users["focal_point"]))
    on_commit(lambda: report.accept(world.users["district_secretariat"]))
    assert told(Kind.REPORT_REVIEWED) == ["focal_point"]


def test_a_compiled_report_issued_and_sent_up_tells_the_parents_managers(world, on_commit):
    requirement = Requirement(
        unit=world.province,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters="units",
        due_dates={"2": "2025-06-05", "3": "2025-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    compiled = services.compile_report(requirement, world.district, confirm_incomplete=True)
    secretariat = world.users["district_secretariat"]
    on_commit(
        lambda: services.issue_report(
            compiled, secretariat, ["CHỦ TỊCH"], "Nguyễn Văn Ký", confirm_incomplete=True
        )
    )
    assert told(Kind.REPORT_RECEIVED) == ["province_secretariat"]
    (notification,) = Notification.objects.all()
    assert "01" in notification.title and requirement.title in notification.title


def test_sending_a_report_asks_for_confirmation_first(world, requirement, on_commit):
    report = _written(requirement, world.ward)
    client = _client(world.users["ward_officer"])
    url = reverse("reporting:submit", args=[report.pk])

    page = client.post(url, {"version": report.version, "results": "Đã làm."})

    assert page.status_code == 200 and "Quận Long Biên" in page.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.narrative["results"] == "Đã làm."
    on_commit(lambda: client.post(url, {"confirm": "1"}))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert told(Kind.REPORT_RECEIVED) == ["district_secretariat"]


def test_chasing_asks_for_confirmation_naming_the_reporters_and_who_has_nobody(world, requirement):
    client = _client(world.users["district_secretariat"])
    page = client.post(reverse("reporting:chase", args=[requirement.pk, world.district.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Phường Bồ Đề" in text and "Phòng Tư pháp quận" in text
    assert "Phòng Lao động – Thương binh và Xã hội quận" in text  # nobody there
    assert not Notification.objects.exists()


# Reports due -------------------------------------------------------------------------------------


def test_reports_due_in_7_days_1_day_and_overdue_remind_those_who_have_not_sent(world, requirement):
    sent = _written(requirement, world.other_ward)
    sent.submit(None)
    Notification.objects.all().delete()

    for day in (date(2025, 5, 18), date(2025, 5, 19), date(2025, 5, 24), date(2025, 5, 26)):
        send_reminders(day)
        send_reminders(day)

    # Bồ Đề has not sent; Ngọc Lâm has; Phòng Tư pháp has not.
    rows = Notification.objects.filter(kind__in=[Kind.REPORT_DUE, Kind.REPORT_OVERDUE])
    assert sorted(rows.values_list("user__username", "kind")) == [
        ("focal_point", Kind.REPORT_DUE),
        ("focal_point", Kind.REPORT_DUE),
        ("focal_point", Kind.REPORT_OVERDUE),
        ("ward_officer", Kind.REPORT_DUE),
        ("ward_officer", Kind.REPORT_DUE),
        ("ward_officer", Kind.REPORT_OVERDUE),
    ]
    assert all(n.url == reverse("reporting:my_reports") for n in rows)
    # A week after the due date, chasing is the receiving unit's push: no more reminders.
    send_reminders(date(2025, 6, 10))
    assert rows.count() == 6


# The daily digest --------------------------------------------------------------------------------


def test_the_daily_digest_replaces_the_individual_emails(world, requirement, on_commit):
    secretariat = world.users["district_secretariat"]
    NotificationSettings.objects.create(user=secretariat, daily_digest=True)
    for reporter in (world.ward, world.other_ward):
        on_commit(lambda reporter=reporter: _written(requirement, reporter).submit(None))
    assert told(Kind.REPORT_RECEIVED) == ["district_secretariat", "district_secretariat"]
    assert mail.outbox == []

    assert send_digest(date(2025, 5, 26)) == 1
    (message,) = mail.outbox
    assert message.to == [secretariat.email]
    assert message.body.count(f"{SITE}/reporting/") == 2
    assert send_digest(date(2025, 5, 26)) == 0  # each notification goes into one digest


def test_the_digest_is_chosen_on_the_preferences_page(world):
    client = _client(world.users["ward_officer"])
    client.post(
        reverse("notifications:preferences"),
        {**{kind: "on" for kind in Kind.values}, "daily_digest": "on"},
    )
    assert NotificationSettings.objects.get(user=world.users["ward_officer"]).daily_digest


def test_a_long_list_of_units_with_nobody_is_named_ten_then_counted(world):
    wards = [
        Unit.objects.create(
            code=f"N{n:04d}", name=f"Phường Trống {n}", kind="phuong", parent=world.district
        )
        for n in range(12)
    ]
    result = notify(access.people_to_tell(wards), Kind.REQUIREMENT, "Báo cáo", "/reporting/")
    messages = result.nobody_messages()
    assert result.people == 0 and not Notification.objects.exists()
    assert len(messages) == 11 and "Phường Trống 0" in messages[0]
    assert messages[-1] == vi(
        "%(count)s more unit or agency has nobody to receive notifications either."
    ) % {"count": 2}
