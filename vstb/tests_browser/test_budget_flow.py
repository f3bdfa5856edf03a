"""In Chromium: Long Biên's secretariat enters the estimate of its 2025 plan, approves it,
spends an activity's cost on a line, and sees the spending with the warning of a line passed;
the unit's list shows the plan's estimate against its spending."""

from datetime import date

import pytest

from vstb.activities.models import Activity
from vstb.budget.models import Allocation, Estimate
from vstb.conftest import build_world
from vstb.notifications.models import Kind, Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add_line(page, item: str, source: str, description: str, amount: str) -> None:
    form = page.locator("#add-line form")
    form.locator("[name=item]").select_option(item)
    form.locator("[name=source]").select_option(source)
    form.locator("[name=description]").fill(description)
    form.locator("[name=amount]").fill(amount)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_plans_estimate_to_its_spending(live_server, new_page, log_in):
    world = build_world()
    plan = world.district_plan
    training = Activity.objects.create(
        unit=world.district, agency=world.labour, kind="training", start=date(2025, 5, 20),
        title="Tập huấn kiến thức về giới cho cán bộ phường", cost=7_500_000,
    )  # fmt: skip
    training.tasks.add(world.justice_task)
    page = new_page()
    log_in(page, "district_secretariat")

    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    with page.expect_navigation():
        page.locator(f"a[href='/budget/plans/{plan.pk}/']").click()
    _add_line(page, "2a", "district", "Tuyên truyền trên loa truyền thanh", "10000000")
    _add_line(page, "4", "district", "Tập huấn cán bộ phường", "6000000")
    # A bad amount: a sentence, and nothing added.
    _add_line(page, "12", "mobilised", "Văn phòng phẩm", "năm triệu")
    assert page.locator("#add-line .errorlist").is_visible()
    estimate = Estimate.objects.get(plan=plan)
    assert estimate.lines.count() == 2
    assert page.locator("#estimate-total").inner_text() == "16.000.000"
    assert page.locator("#by-source").inner_text().count("16.000.000") == 1

    with page.expect_navigation():
        page.locator("#approve button[type=submit]").click()
    estimate.refresh_from_db()
    assert not estimate.is_draft
    assert page.locator("#add-line").count() == 0

    with page.expect_navigation():
        page.locator(f"nav a[href='/budget/plans/{plan.pk}/spending/']").click()
    form = page.locator("#link form")
    form.locator("[name=activity]").select_option(str(training.pk))
    line = estimate.lines.get(item="4")
    form.locator("[name=line]").select_option(str(line.pk))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert Allocation.objects.get(activity=training).line_id == line.pk
    assert page.locator("#spent-total").inner_text() == "7.500.000"
    warning = page.locator("#overspend")
    assert warning.is_visible()
    assert "7.500.000" in warning.inner_text() and "6.000.000" in warning.inner_text()
    # The activity was done for the justice task: its spending.
    task_row = page.locator("#by-task tbody tr").first
    assert "Tuyên truyền pháp luật" in task_row.inner_text()
    assert "7.500.000" in task_row.inner_text()
    told = Notification.objects.filter(
        kind=Kind.OVERSPEND, user=world.users["district_secretariat"]
    )
    assert told.count() == 1

    # The unit's list shows the plan's estimate against its spending.
    page.goto(f"{live_server.url}/budget/units/{world.district.pk}/")
    row = page.locator("#plans tbody tr").first
    assert "16.000.000" in row.inner_text() and "7.500.000" in row.inner_text()
