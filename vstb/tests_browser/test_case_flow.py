"""In Chromium: a trusted address reports a case; the ward's supervisor assigns it; the case
worker records the survivor's consent and an incident, refers her to legal aid, which
accepts and gives the service; the worker plans and does a follow-up and proposes closure;
the supervisor reads the access log and approves the closure; the ward's 6-month report
starts with the case counted, and the district's secretariat sees the anonymised figures and
nothing else (issue 15)."""

from datetime import date

import pytest

from vstb.cases import statistics
from vstb.cases.models import AccessEntry, Case, CaseStatus, Referral
from vstb.cases.tests.world import build_case_world
from vstb.reporting import services as reporting
from vstb.reporting.models import Figure, Requirement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Lò Thị Zqxtincay"


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def test_a_case_goes_from_a_trusted_address_to_closure(live_server, new_page, log_in):
    world = build_case_world()
    url = live_server.url
    today = date.today()
    requirement = Requirement.objects.create(
        unit=world.district, title="Báo cáo sơ kết 6 tháng", kind="periodic",
        period_rule="semiannual", year=today.year, window_start=today.replace(month=1, day=1),
        window_end=today,
    )  # fmt: skip
    reporting.add_default_figures(requirement)
    window = (requirement.window_start, today)
    before = statistics.report_counts([world.ward.pk], *window)["cases_detected"]
    trusted, supervisor, worker, provider, officer, secretariat = (new_page() for _ in range(6))

    log_in(trusted, "trusted")
    trusted.goto(f"{url}/cases/new/")
    trusted.locator("[name=kind]").select_option("domestic")
    trusted.locator("[name=sex]").select_option("female")
    trusted.locator("[name=full_name]").fill(NAME)
    trusted.locator("[name=contact]").fill("Gọi qua chị tổ trưởng 0987 000 111")
    _submit(trusted, "main form button[type=submit]")
    assert "/cases/reported/" in trusted.url
    case = Case.objects.get(channel="trusted_address")
    assert NAME not in trusted.content()
    trusted.goto(f"{url}/cases/{case.pk}/")  # nothing after reporting
    assert case.code not in trusted.content()

    log_in(supervisor, "ward_supervisor")
    assert "chờ phân công" in supervisor.content()  # the home says a report waits
    supervisor.goto(f"{url}/cases/?status=unassigned")
    assert NAME not in supervisor.content()
    _submit(supervisor, f"a:text('{case.code}')")
    supervisor.locator("#assign select").select_option(str(world.users["worker"].pk))
    _submit(supervisor, "#assign button[type=submit]")

    log_in(worker, "worker")
    worker.goto(f"{url}/cases/{case.pk}/")
    assert NAME not in worker.content()
    _submit(worker, "#identity button[type=submit]")
    assert NAME in worker.content()
    for scope in ("referral", "statistics", "services"):
        worker.locator("#consents summary").click()
        worker.locator("#consents [name=scope]").select_option(scope)
        worker.locator("#consents [name=given]").select_option("yes")
        _submit(worker, "#consents button[type=submit]")
    _submit(worker, "a:text('Ghi nhận sự việc')")
    worker.locator("[name=occurred_on]").fill(date.today().replace(day=1).strftime("%d/%m/%Y"))
    worker.locator("input[name=forms][value=physical]").check()
    worker.locator("[name=relation]").select_option("spouse")
    _submit(worker, "main form button[type=submit]")
    _submit(worker, "a:text('Chuyển gửi')")
    worker.locator("[name=provider]").select_option(str(world.legal_aid.pk))
    worker.locator("[name=measure]").select_option("legal_aid")
    worker.locator("[name=note]").fill("Cần tư vấn thủ tục ly hôn.")
    _submit(worker, "main form button[type=submit]")
    assert "Đã gửi yêu cầu chuyển gửi" in worker.content()

    log_in(provider, "recipient")
    provider.goto(f"{url}/cases/referrals/")
    link = f"#referral-list a[href='/cases/referrals/{Referral.objects.get(case=case).pk}/']"
    _submit(provider, link)
    assert "Cần tư vấn thủ tục ly hôn." in provider.content()
    assert NAME not in provider.content() and case.code not in provider.content()
    _submit(provider, "button[value=accept]")
    provider.goto(f"{url}/cases/referrals/")
    _submit(provider, link)
    _submit(provider, "button[value=done]")
    provider.goto(f"{url}/cases/referrals/")
    assert provider.locator(link).count() == 0  # done: the provider no longer sees it

    worker.goto(f"{url}/cases/{case.pk}/")
    assert "Đã hỗ trợ xong" in worker.content()
    worker.locator("#follow-ups summary").click()
    worker.locator("#follow-ups [name=due_on]").fill(date.today().strftime("%d/%m/%Y"))
    _submit(worker, "#follow-ups form button[type=submit]")
    _submit(worker, "#follow-ups li form button[type=submit]")
    worker.locator("#closure [name=reason]").select_option("needs_met")
    _submit(worker, "#closure button[type=submit]")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSING

    supervisor.goto(f"{url}/")
    assert "chờ bạn duyệt" in supervisor.content()
    supervisor.goto(f"{url}/cases/{case.pk}/log/")
    log_page = supervisor.content()
    assert "worker" in log_page and "hiện thông tin nhận dạng" in log_page
    assert NAME not in log_page
    supervisor.goto(f"{url}/cases/{case.pk}/")
    _submit(supervisor, "#closure button[value=approve]")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED

    # The ward's report starts with the register's count, and no name or code.
    log_in(officer, "ward_officer")
    officer.goto(f"{url}/reporting/mine/")
    _submit(officer, "main form[method=post] button[type=submit]")
    detected = requirement.figures.get(source=Figure.Source.CASES_DETECTED)
    assert officer.locator(f"[name=f{detected.pk}_total]").input_value() == str(before + 1)
    assert NAME not in officer.content() and case.code not in officer.content()

    log_in(secretariat, "district_secretariat")
    secretariat.goto(f"{url}/cases/figures/?unit={world.district.pk}")
    page = secretariat.content()
    assert "Số nạn nhân bạo lực được phát hiện" in page and "&lt;5" in page
    assert NAME not in page and case.code not in page
    secretariat.goto(f"{url}/cases/{case.pk}/")
    assert case.code not in secretariat.content()  # 404 for a secretariat
    # Every read of the case is in its log: who opened it, who revealed it.
    actions = set(AccessEntry.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert {"create", "list", "open", "reveal", "referral", "change"} <= actions
