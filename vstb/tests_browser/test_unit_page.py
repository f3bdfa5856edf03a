"""The unit pages in real chromium: log in, see a committee, be refused another ward's page."""

import re

import pytest
from playwright.sync_api import expect

from vstb.conftest import build_world, vi

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

SCREENSHOT = "/tmp/vstb-ward.png"


def log_out(page):
    with page.expect_navigation():
        page.locator("header form[action$='/accounts/logout/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_ward_officer_sees_own_committee_and_not_the_neighbours(page, live_server, log_in):
    world = build_world()
    ward_url = f"{live_server.url}/units/{world.ward.pk}/"

    log_in(page, "ward_officer")
    response = page.goto(ward_url)
    assert response.status == 200
    committee = page.locator("#committee")
    expect(committee.get_by_role("heading", name="Ban VSTBPN phường Bồ Đề")).to_be_visible()
    expect(committee.get_by_role("cell", name="Phạm Thị Phường")).to_be_visible()
    page.screenshot(path=SCREENSHOT, full_page=True)

    log_out(page)
    log_in(page, "other_ward_officer")
    response = page.goto(ward_url)
    assert response.status == 404
    not_found = vi("Not found")
    expect(page).to_have_title(re.compile("^" + re.escape(not_found)))
    expect(page.get_by_role("heading", level=1)).to_have_text(not_found)
    expect(page.get_by_text("Ban VSTBPN phường Bồ Đề")).to_have_count(0)
    expect(page.get_by_text("Phạm Thị Phường")).to_have_count(0)


@pytest.mark.parametrize(
    "context_options",
    [
        pytest.param({"extra_http_headers": {"Accept-Language": ""}}, id="no-language-preference"),
        # Office PCs often run an English browser; the site stays Vietnamese until the user
        # picks English in the language menu.
        pytest.param({"locale": "en-US"}, id="english-browser"),
    ],
)
def test_login_page_is_vietnamese_by_default_and_fits_a_phone(
    new_page, live_server, context_options
):
    page = new_page(viewport={"width": 390, "height": 844}, **context_options)
    page.goto(live_server.url + "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Log in to VSTB"))
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width + 1, "the login page scrolls sideways on a phone"


def test_unit_tree_expands_with_htmx_and_search_ignores_diacritics(page, live_server, log_in):
    build_world()
    log_in(page, "district_secretariat")
    page.goto(live_server.url + "/units/")
    tree = page.locator("ul.tree")
    ward_link = tree.get_by_role("link", name="Phường Bồ Đề", exact=True)

    # The tree starts at the top unit the user can see, Việt Nam. Levels the page did not
    # open already are loaded by htmx when their "+" is pressed; the wards always are.
    expect(tree.locator("li").first.locator(":scope > a")).to_have_text("Việt Nam")
    expect(ward_link).to_have_count(0)
    for name in ("Việt Nam", "Thành phố Hà Nội", "Quận Long Biên"):
        node_link = tree.get_by_role("link", name=name, exact=True)
        expect(node_link).to_be_visible()
        toggle = tree.locator(
            f"xpath=.//li[a[normalize-space()='{name}']]/button[contains(@class, 'toggle')]"
        )
        if name == "Quận Long Biên":
            expect(toggle).to_have_count(1)
        if toggle.count():
            expect(toggle).to_have_attribute("aria-label", vi("Show lower units"))
            toggle.click()
            expect(toggle).to_have_count(0)  # htmx removes the button once the children are in
    expect(ward_link).to_be_visible()
    # Units outside the district's scope are not offered.
    expect(tree.get_by_text("Quận Hoàn Kiếm")).to_have_count(0)
    expect(tree.get_by_text("Thành phố Hải Phòng")).to_have_count(0)

    search = page.get_by_role("searchbox")
    search.fill("bo de")
    with page.expect_navigation():
        search.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=bo\+de"))
    results = page.locator("main table")
    expect(results.get_by_role("link", name="Phường Bồ Đề", exact=True)).to_be_visible()
