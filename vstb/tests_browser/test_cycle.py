"""In Chromium: one 6-month cycle through a ward, its city and the nation, after the 2025
reform (wards directly under the city), each person learning what to do next from the home
page and the notifications alone: no address is typed but the sign-in page (issue 11).

Plans go down: the city issues its plan, the ward is told, implements it with its own plan
and records an activity on its task; the city's task then shows the ward's work. Reports go
up: the nation asks for 6-month reports, the ward sends its own, the city accepts it,
compiles and sends its report up, and the nation accepts it and compiles the nation's.
"""

from datetime import date, timedelta

import pytest
from django.core import mail

from vstb.accounts.models import RoleKind
from vstb.activities.models import Activity
from vstb.conftest import make_user
from vstb.notifications.models import Notification
from vstb.org.models import Agency, Committee, Membership, Position, Unit
from vstb.plans.models import Plan, PlanStatus
from vstb.plans.services import plan_from_json
from vstb.reporting.models import Report, ReportStatus, Requirement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TASK = "Tổ chức tuyên truyền Luật Bình đẳng giới tại khu dân cư."


def _world():
    nation = Unit.objects.create(code="VN", name="Việt Nam", kind="quoc_gia")
    city = Unit.objects.create(
        code="01", name="Thành phố Hà Nội", kind="tp_trung_uong", parent=nation
    )
    ward = Unit.objects.create(
        code="00070", name="Phường Hồng Hà", kind="phuong", parent=city,
        valid_from=date(2025, 7, 1),
    )  # fmt: skip
    for unit in (city, ward):
        Agency.objects.create(unit=unit, name=unit.peoples_committee, kind="ubnd")
    committee = Committee.objects.create(unit=ward, name="Ban VSTBPN phường Hồng Hà")
    Membership.objects.create(
        committee=committee, full_name="Trần Thị Chủ", job_title="Phó Chủ tịch UBND phường",
        position=Position.CHAIR, start=date(2025, 7, 1),
    )  # fmt: skip
    users = {
        "nation": make_user("nation", RoleKind.SECRETARIAT, nation),
        "city": make_user("city", RoleKind.SECRETARIAT, city),
        "ward": make_user("ward", RoleKind.UNIT_OFFICER, ward),
    }
    plan = plan_from_json(
        {
            "schema": "vstb.plan/1",
            "doc_type": "KH",
            "symbol": "KH-UBND",
            "issuer": {"parent": None, "name": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"},
            "place": "Hà Nội",
            "title": "KẾ HOẠCH",
            "subject": "Thực hiện công tác bình đẳng giới trên địa bàn thành phố Hà Nội năm 2026",
            "year": 2026,
            "sections": [
                {
                    "label": "I",
                    "title": "NHIỆM VỤ",
                    "kind": "tasks",
                    "children": [{"label": "1", "kind": "tasks", "paragraphs": [TASK]}],
                },
            ],  # fmt: skip
            "tasks": [
                {
                    "path": "I.1",
                    "text": TASK,
                    "lead": [],
                    "support": [],
                    "units": ["UBND các phường, xã"],
                    "due": "2026-06-30",
                    "period": None,
                },
            ],  # fmt: skip
            "recipients": ["UBND các phường, xã", "Lưu: VT"],
            "signer": {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Nguyễn Văn Ký"},
        },
        city,
        users["city"],
    )
    return nation, city, ward, users, plan


def _click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def _confirm(page) -> None:
    """Irreversible steps ask first, saying who will be told."""
    assert page.locator("#confirm").count() == 1
    _click(page, page.locator("#confirm button[type=submit]"))


def _issue_from_list(page, plan, day: str) -> None:
    """From the menu's plans list to the plan, issued on `day` once confirmed."""
    _click(page, page.locator("nav a[href='/plans/']"))
    _click(page, page.get_by_role("link", name=plan.subject))
    page.locator("#issue [name=on]").fill(day)
    _click(page, page.locator("#issue button[type=submit]"))
    _confirm(page)
    plan.refresh_from_db()


def _issue_report(page, signer_lines: str, signer_name: str) -> None:
    """The compiled report on the page, signed and issued once confirmed."""
    issue = page.locator("#issue form")
    issue.locator("[name=signer_lines]").fill(signer_lines)
    issue.locator("[name=signer_name]").fill(signer_name)
    _click(page, issue.locator("button[type=submit]"))
    _confirm(page)


def test_a_ward_its_city_and_the_nation_complete_a_6_month_cycle(live_server, new_page, log_in):
    nation, city, ward, users, city_plan = _world()
    city_page, ward_page, nation_page = new_page(), new_page(), new_page()

    # The city issues its plan from its plans list.
    log_in(city_page, "city")
    _issue_from_list(city_page, city_plan, "05/01/2026")
    assert city_plan.status == PlanStatus.ISSUED

    # The ward hears of it and implements it with its own plan.
    log_in(ward_page, "ward")
    _click(ward_page, ward_page.locator("main a", has_text=city_plan.title).first)
    _click(ward_page, ward_page.locator("#cascade button[type=submit]"))
    ward_plan = Plan.objects.get(unit=ward, parent_plan=city_plan)
    assert "phường Hồng Hà" in ward_plan.subject
    # Its draft reads as its own (subject, signer); issuing it tells the city.
    _issue_from_list(ward_page, ward_plan, "12/01/2026")
    assert ward_plan.status == PlanStatus.ISSUED and ward_plan.signer_name == "Trần Thị Chủ"

    # The ward's task waits on its home page; an activity is recorded under it.
    _click(ward_page, ward_page.locator("nav a[href='/']"))
    _click(ward_page, ward_page.locator("main a", has_text=TASK[:40]).first)
    _click(ward_page, ward_page.locator("#activities a.button"))
    ward_page.locator("[name=kind]").select_option("communication")
    ward_page.locator("[name=title]").fill("Tuyên truyền tại tổ dân phố số 5")
    ward_page.locator("[name=start]").fill("10/03/2026")
    ward_page.locator("[name=participants_total]").fill("50")
    ward_page.locator("[name=participants_women]").fill("35")
    ward_page.locator("[name=participants_men]").fill("15")
    _click(ward_page, ward_page.locator("main form button[type=submit]"))
    ward_task = ward_plan.tasks.get()
    assert list(Activity.objects.get().tasks.all()) == [ward_task]

    # The city's own task shows the ward's work, from the city's notification of the plan.
    _click(city_page, city_page.locator("nav a[href='/']"))
    _click(city_page, city_page.locator("main a", has_text=TASK[:40]).first)
    assert city_page.locator("#done-at", has_text="0/1").count() == 1
    ward_row = city_page.locator("tr", has_text="Phường Hồng Hà")
    assert [cell.inner_text().strip() for cell in ward_row.locator("td").all()[2:5]] == [
        "1", "35", "15"
    ]  # fmt: skip

    # The nation asks every level for its 6-month report.
    log_in(nation_page, "nation")
    _click(nation_page, nation_page.locator("nav a[href='/reporting/']"))
    _click(nation_page, nation_page.locator("main a", has_text="Tạo yêu cầu"))
    form = nation_page.locator("main form")
    form.locator("[name=title]").fill("Báo cáo sơ kết 6 tháng đầu năm 2026")
    form.locator("[name=kind]").select_option("six_month")
    form.locator("[name=period_rule]").select_option("six_month")
    form.locator("[name=year]").fill("2026")
    form.locator("[name=reporters]").select_option("units")
    for field in form.locator("input[name^=due_]").all():
        field.fill((date.today() + timedelta(days=10)).strftime("%d/%m/%Y"))
    _click(nation_page, form.locator("button[type=submit]").first)
    requirement = Requirement.objects.get()

    # The ward is told, and its home leads to its report.
    _click(ward_page, ward_page.locator("nav a[href='/']"))
    row = ward_page.locator("main li", has_text=requirement.title)
    _click(ward_page, row.locator("button", has_text="Lập báo cáo"))
    report = Report.objects.get(requirement=requirement, unit=ward)
    figures = {f.code: f.pk for f in requirement.figures.all()}
    # The activity recorded under the task is counted already.
    assert ward_page.locator(f"[name=f{figures['TT_SO']}_total]").input_value() == "1"
    assert ward_page.locator(f"[name=f{figures['TT_NGUOI']}_women]").input_value() == "35"
    ward_page.locator(f"[name=f{figures['LD_NU']}_total]").fill("2")
    ward_page.locator("[name=difficulties]").fill("Thiếu kinh phí cho truyền thông.")
    _click(ward_page, ward_page.locator("#report-form button[formaction]"))
    _confirm(ward_page)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    # The city reviews it from its home page and accepts it.
    _click(city_page, city_page.locator("nav a[href='/']"))
    _click(city_page, city_page.locator("main li", has_text="– Phường Hồng Hà").locator("a").first)
    _click(city_page, city_page.locator("#review form[action$='/accept/'] button"))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED

    # Its own report to the nation is compiled from its wards' from its home page.
    _click(city_page, city_page.locator("nav a[href='/']"))
    row = city_page.locator("main li", has_text="– Thành phố Hà Nội")
    _click(city_page, row.locator("a.button"))
    assert city_page.locator("#coverage", has_text="1/1").count() == 1
    _click(city_page, city_page.locator("form[action$='/compile/'] button"))
    compiled = Report.objects.get(requirement=requirement, unit=city)
    assert compiled.compiled
    _issue_report(city_page, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Lê Văn Ký")
    compiled.refresh_from_db()
    assert compiled.status == ReportStatus.SUBMITTED and compiled.receiver_id == nation.pk

    # The nation accepts the city's report from its home page and compiles the nation's.
    _click(nation_page, nation_page.locator("nav a[href='/']"))
    _click(
        nation_page,
        nation_page.locator("main li", has_text="– Thành phố Hà Nội").locator("a").first,
    )
    _click(nation_page, nation_page.locator("#review form[action$='/accept/'] button"))
    _click(nation_page, nation_page.locator("nav a[href='/']"))
    _click(
        nation_page, nation_page.locator("main li", has_text="đã tiếp nhận 1 báo cáo").locator("a")
    )
    _click(nation_page, nation_page.locator("form[action$='/compile/'] button"))
    national = Report.objects.get(requirement=requirement, unit=nation)
    assert national.compiled
    # The city's figures are in it.
    figures = {f.code: f.pk for f in requirement.figures.all()}
    assert nation_page.locator(f"[name=f{figures['TT_NGUOI']}_total]").input_value() == "50"
    _issue_report(nation_page, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Hoàng Thị Quốc")
    national.refresh_from_db()
    assert national.issued_on and national.status == ReportStatus.ACCEPTED
    # Nothing waits any more for the nation.
    _click(nation_page, nation_page.locator("nav a[href='/']"))
    assert nation_page.locator("main h3", has_text="cần lập").count() == 0

    # Each hand-off told the person who acts next once, in the app and by one e-mail.
    told = sorted(Notification.objects.values_list("user__username", "title"))
    assert [(user, title.split(":")[0]) for user, title in told] == [
        ("city", "Phường Hồng Hà đã ban hành kế hoạch thực hiện kế hoạch của bạn"),
        ("city", "Phường Hồng Hà đã bắt đầu xây dựng kế hoạch thực hiện kế hoạch của bạn"),
        ("city", "Phường Hồng Hà đã gửi báo cáo"),
        ("city", "Việt Nam yêu cầu báo cáo"),
        ("city", "Việt Nam đã chấp nhận báo cáo"),
        ("nation", "Thành phố Hà Nội đã ban hành và gửi báo cáo số 02"),
        ("ward", "Thành phố Hà Nội đã ban hành kế hoạch giao nhiệm vụ cho bạn"),
        ("ward", "Thành phố Hà Nội đã chấp nhận báo cáo"),
        ("ward", "Việt Nam yêu cầu báo cáo"),
    ]
    mailed = sorted((m.to[0].split("@")[0], m.subject.removeprefix("VSTB: ")) for m in mail.outbox)
    assert mailed == told
