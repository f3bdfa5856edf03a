"""On a phone (375 px wide): every menu item can be reached without guessing, and the wide
tables (figures entry, reports received) scroll inside their box instead of being cut off."""

import pytest

from vstb.conftest import build_world
from vstb.indicators.tests.factories import ensure_catalogue
from vstb.reporting import services
from vstb.reporting.models import Requirement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def _overflow(page) -> int:
    """How far the page itself is wider than the screen (0 when nothing sticks out)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _outside(page, selector: str) -> list[str]:
    """The texts of the elements matching selector that are not fully on the screen."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.left < 0 || r.right > window.innerWidth + 0.5; })
            .map(e => e.textContent.trim())""",
        selector,
    )


def test_the_menu_shows_every_item_on_a_phone(new_page, live_server, log_in):
    build_world()
    page = new_page(viewport=PHONE)
    log_in(page, "district_secretariat")
    page.goto(live_server.url + "/")
    page.screenshot(path="/tmp/vstb-phone-menu.png")
    assert page.locator("header nav a").count() >= 8
    assert _outside(page, "header nav a") == []
    assert _overflow(page) == 0


def test_wide_tables_scroll_inside_their_box_on_a_phone(new_page, live_server, log_in):
    world = build_world()
    ensure_catalogue()  # a transactional test starts from an empty database
    requirement = Requirement(
        unit=world.district,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters="both",
        due_dates={"3": "2025-05-25", "agency": "2025-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    services.add_default_figures(requirement)
    page = new_page(viewport=PHONE)

    log_in(page, "ward_officer")
    page.goto(f"{live_server.url}/indicators/unit/{world.ward.pk}/figures/2025/")
    page.screenshot(path="/tmp/vstb-phone-entry.png", full_page=True)
    assert _overflow(page) == 0
    assert _outside(page, "main .table-wrap") == []
    # Every box to fill is on the screen, each under its label (no sideways scrolling).
    assert page.locator("main table input").count() > 20
    assert _outside(page, "main table input") == []
    assert page.locator("main table td[data-label]").first.is_visible()

    page = new_page(viewport=PHONE)
    log_in(page, "district_secretariat")
    page.goto(
        f"{live_server.url}/reporting/requirements/{requirement.pk}/units/{world.district.pk}/"
    )
    page.screenshot(path="/tmp/vstb-phone-status.png", full_page=True)
    assert _overflow(page) == 0
    assert _outside(page, "main .table-wrap") == []
    assert _outside(page, "#completeness td") == []


def test_the_public_pages_are_found_from_the_login_page_on_a_phone(new_page, live_server):
    from django.utils import timezone

    from vstb.indicators.models import PublicPage, PublishedDocument

    world = build_world()
    PublicPage.objects.create(unit=world.province, enabled=True, snapshot={"rows": [], "chart": {}})
    PublishedDocument.objects.create(
        unit=world.district, plan=world.district_plan, published_at=timezone.now()
    )
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/accounts/login/")
    with page.expect_navigation():
        page.locator("#public-link a").click()
    page.screenshot(path="/tmp/vstb-phone-public.png", full_page=True)
    assert page.locator(".public-unit").count() == 2
    assert _overflow(page) == 0
    with page.expect_navigation():
        page.locator(f"#unit-{world.district.code} li a").click()
    assert "Thực hiện công tác bình đẳng giới năm 2025" in page.content()
    assert _overflow(page) == 0
