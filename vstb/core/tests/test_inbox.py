"""The home inbox: each persona sees what waits for it, and nothing of other units."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vstb.accounts.models import RoleKind
from vstb.conftest import make_user, queries_of, ready_draft, vi
from vstb.core.inbox import inbox_for
from vstb.org.models import Unit
from vstb.plans import services as plan_services
from vstb.reporting import services
from vstb.reporting.models import Requirement

TODAY = date(2025, 5, 30)


def _requirement(world) -> Requirement:
    """Hà Nội's 6-month requirement: wards by 25/5, districts by 5/6, agencies by 20/5."""
    requirement = Requirement(
        unit=world.province,
        title="Báo cáo sơ kết 6 tháng 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        due_dates={"3": "2025-05-25", "2": "2025-06-05", "agency": "2025-05-20"},
    )
    requirement.full_clean()
    requirement.save()
    return requirement


@pytest.fixture
def cycle(world):
    """Bồ Đề submitted and Long Biên returned it; Ngọc Lâm has not reported."""
    requirement = _requirement(world)
    district = world.users["district_secretariat"]
    report = services.open_report(requirement, world.ward, world.users["ward_officer"])
    report.submit(world.users["ward_officer"])
    report.return_to_reporter(district, "Bổ sung số liệu tháng 5.")
    other = services.open_report(requirement, world.other_ward, world.users["other_ward_officer"])
    other.submit(world.users["other_ward_officer"])
    return requirement, report, other


def _block(inbox, unit):
    return next(b for b in inbox.blocks if b.unit == unit)


def test_district_secretariat_sees_reports_to_review_and_missing_wards(world, cycle):
    requirement, returned, submitted = cycle
    inbox = inbox_for(world.users["district_secretariat"], TODAY)
    block = _block(inbox, world.district)
    assert block.to_review == [submitted]
    assert block.returned == []
    # Bồ Đề's report was returned: one of two wards is still missing, late since 25/5.
    [missing] = block.missing
    assert (missing.requirement, missing.missing, missing.expected, missing.late) == (
        requirement,
        1,
        2,
        True,
    )
    # The district's own report to the city, due 5/6.
    assert [(row.requirement, row.reporter) for row in block.to_send] == [
        (requirement, world.district)
    ]
    assert [b.unit for b in inbox.blocks] == [world.district]


def test_ward_officer_sees_its_returned_report_with_the_comment_and_the_plan_to_implement(
    world, cycle, login, monkeypatch
):
    _requirement_, returned, _submitted = cycle
    inbox = inbox_for(world.users["ward_officer"], TODAY)
    block = _block(inbox, world.ward)
    assert block.returned == [returned]
    assert block.to_review == [] and block.missing == [] and block.to_send == []
    assert block.not_cascaded == [world.district_plan]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    page = login(world.users["ward_officer"]).get(reverse("home")).content.decode()
    assert "Bổ sung số liệu tháng 5." in page
    assert reverse("reporting:report", args=[returned.pk]) in page
    assert reverse("plans:detail", args=[world.district_plan.pk]) in page


def test_a_cascaded_plan_no_longer_waits(world):
    plan_services.cascade(world.district_plan, world.ward, world.users["ward_officer"])
    assert _block(inbox_for(world.users["ward_officer"], TODAY), world.ward).not_cascaded == []
    other = _block(inbox_for(world.users["other_ward_officer"], TODAY), world.other_ward)
    assert other.not_cascaded == [world.district_plan]


def test_a_plan_waits_only_at_the_lower_units_its_tasks_name(world):
    from vstb.plans.models import Section, Task

    plan = ready_draft(world, year=2025, subject="Kế hoạch riêng cho một phường")
    section = Section.objects.create(plan=plan, order=1, label="1", paragraphs=["Việc riêng."])
    Task.objects.create(plan=plan, section=section).units.add(world.other_ward)
    plan.issue(on=date(2025, 2, 1))
    ward = _block(inbox_for(world.users["ward_officer"], TODAY), world.ward)
    other = _block(inbox_for(world.users["other_ward_officer"], TODAY), world.other_ward)
    assert plan not in ward.not_cascaded  # its only task names the other ward
    assert plan in other.not_cascaded and world.district_plan in other.not_cascaded


def test_focal_point_sees_its_agency_report_late_and_its_tasks(world, cycle):
    requirement, *_ = cycle
    inbox = inbox_for(world.users["focal_point"], date(2025, 12, 5))
    assert [
        (b.unit, [(r.requirement, r.reporter, r.late) for r in b.to_send]) for b in inbox.blocks
    ] == [(world.district, [(requirement, world.justice, True)])]
    assert [t.pk for t in inbox.tasks] == [world.justice_task.pk]
    assert inbox.blocks[0].to_review == []


def test_viewer_and_other_units_see_nothing_of_long_bien(world, cycle, login, monkeypatch):
    for name in ["district_viewer", "other_district_officer", "other_province_secretariat"]:
        inbox = inbox_for(world.users[name], TODAY)
        units = {b.unit for b in inbox.blocks if not b.is_empty}
        assert not units & {world.district, world.ward, world.other_ward}, name
    viewer = inbox_for(world.users["district_viewer"], TODAY)
    assert viewer.is_empty
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    page = login(world.users["district_viewer"]).get(reverse("home")).content.decode()
    assert vi("Nothing is waiting for you. New work will appear here.") in page


def test_province_and_nation_see_their_own_receipts(world, cycle):
    requirement, *_ = cycle
    province = _block(
        inbox_for(world.users["province_secretariat"], date(2025, 6, 6)), world.province
    )
    assert [(m.receiver, m.missing, m.expected) for m in province.missing] == [
        (world.province, 2, 2)
    ]
    national = inbox_for(world.users["national_secretariat"], date(2025, 6, 6))
    assert all(not b.to_review and not b.missing for b in national.blocks)


def test_a_person_with_roles_at_two_units_sees_a_block_for_each(world, cycle):
    from vstb.accounts.models import Role

    user = world.users["ward_officer"]
    Role.objects.create(user=user, kind=RoleKind.UNIT_OFFICER, unit=world.other_ward)
    user._vstb_grants = None
    del user._vstb_grants
    inbox = inbox_for(user, TODAY)
    assert {b.unit for b in inbox.blocks} == {world.ward, world.other_ward}


def test_query_count_does_not_grow_with_the_items(world, cycle):
    user = world.users["district_secretariat"]

    def count():
        user.__dict__.pop("_vstb_grants", None)
        return queries_of(lambda: inbox_for(user, TODAY))

    few = count()
    for n in range(5):
        ward = Unit.objects.create(
            code=f"9{n:04d}", name=f"Phường Thử {n}", kind="phuong", parent=world.district
        )
        officer = make_user(f"officer{n}", RoleKind.UNIT_OFFICER, ward)
        services.open_report(cycle[0], ward, officer).submit(officer)
        _requirement(world)
    assert count() == few


def test_district_home_page_links_to_where_to_act(world, cycle, login, monkeypatch):
    requirement, _returned, submitted = cycle
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    page = login(world.users["district_secretariat"]).get(reverse("home")).content.decode()
    assert reverse("reporting:report", args=[submitted.pk]) in page
    assert reverse("reporting:completeness", args=[requirement.pk, world.district.pk]) in page
    assert reverse("reporting:requirement", args=[requirement.pk]) in page
    assert "1/2" in page  # one of the two wards has not submitted


def test_a_unit_compiles_its_own_report_and_the_setter_its_synthesis(world, cycle):
    """The district writes its report to the city by compiling its wards': its row leads to
    the compilation. The city set the requirement: once a report is accepted there, its own
    synthesis waits on its home page until it is issued."""
    requirement, returned, submitted = cycle
    district_block = _block(inbox_for(world.users["district_secretariat"], TODAY), world.district)
    (row,) = district_block.to_send
    assert row.compiles
    ward_inbox = inbox_for(world.users["other_ward_officer"], date(2025, 5, 20))
    assert all(not row.compiles for block in ward_inbox.blocks for row in block.to_send)

    province = world.users["province_secretariat"]
    assert _block(inbox_for(province, TODAY), world.province).to_compile == []
    submitted.accept(world.users["district_secretariat"])
    compiled = services.compile_report(
        requirement, world.district, world.users["district_secretariat"], confirm_incomplete=True
    )
    services.issue_report(
        compiled, world.users["district_secretariat"], ["CHỦ TỊCH"], "Nguyễn Văn A",
        on=TODAY, confirm_incomplete=True,
    )  # fmt: skip
    compiled.refresh_from_db()
    compiled.accept(province)
    (waiting,) = _block(inbox_for(province, TODAY), world.province).to_compile
    assert (waiting.requirement, waiting.accepted) == (requirement, 1)

    synthesis = services.compile_report(requirement, world.province, province, True)
    services.issue_report(synthesis, province, ["CHỦ TỊCH"], "Trần Văn B", on=TODAY,
                          confirm_incomplete=True)  # fmt: skip
    assert _block(inbox_for(province, TODAY), world.province).to_compile == []


def test_the_home_page_lists_the_most_urgent_tasks_and_counts_the_rest(world, login, monkeypatch):
    """Twelve tasks due: the heading counts twelve, the ten most urgent are listed with their
    text, unit and deadline, and the page says two more are in "All my tasks"."""
    from vstb.plans.models import Section, Task

    plan = ready_draft(world, year=2025, subject="Kế hoạch tháng cao điểm")
    paragraphs = [f"Việc số {n} của Phòng Tư pháp." for n in range(1, 13)]
    section = Section.objects.create(
        plan=plan, order=1, label="1", kind="tasks", paragraphs=paragraphs
    )
    for n in range(12):  # due 1/12 … 12/12, listed in reverse to show the page sorts them
        Task.objects.create(
            plan=plan,
            section=section,
            paragraph=11 - n,
            lead=world.justice,
            due=date(2025, 12, 12 - n),
        )
    plan.issue(on=date(2025, 11, 20))
    today = date(2025, 12, 5)
    inbox = inbox_for(world.users["focal_point"], today)
    assert [t.text for t in inbox.tasks][:12] == paragraphs  # justice_task (15/12) comes last
    assert [t.text for t in inbox.tasks_shown] == paragraphs[:10]
    assert inbox.tasks_not_shown == 3
    first = inbox.tasks_shown[0]
    assert (first.unit_name, first.deadline, first.overdue) == (
        world.district.name,
        date(2025, 12, 1),
        True,
    )
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    page = login(world.users["focal_point"]).get(reverse("home")).content.decode()
    assert "Việc số 10 của Phòng Tư pháp." in page
    assert "Việc số 11 của Phòng Tư pháp." not in page
    assert "13 nhiệm vụ" in page
    assert "Còn 3 nhiệm vụ khác trong “Tất cả nhiệm vụ của tôi”." in page
    assert "01/12/2025" in page


@pytest.mark.parametrize(
    ("persona", "at_most"),
    # Measured when the page came to read the person's roles once for its inbox, its list of
    # roles and the reports they write: 18, 20 and 12 queries before.
    [("district_secretariat", 16), ("ward_officer", 18), ("focal_point", 11)],
)
def test_the_home_page_reads_the_persons_roles_once(
    world, cycle, login, monkeypatch, persona, at_most
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    client = login(world.users[persona])
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    roles = [q["sql"] for q in captured.captured_queries if 'FROM "accounts_role"' in q["sql"]]
    assert len(roles) == 2  # the grants (every page) and the roles the page lists
    assert len(captured) <= at_most
