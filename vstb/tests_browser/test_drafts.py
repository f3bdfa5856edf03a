"""Drafts survive a closed tab; a stale save shows both versions (issue 11, item 12)."""

import pytest
from playwright.sync_api import expect

from vstb.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_text_typed_then_lost_with_the_tab_is_offered_back(live_server, browser, log_in):
    world = build_world()
    context = browser.new_context(locale="vi-VN")  # one browser: its storage outlives the tab
    page = context.new_page()
    log_in(page, "district_secretariat")
    url = f"{live_server.url}/plans/sections/{world.draft_section.pk}/"
    page.goto(url)
    field = page.locator("textarea[name=paragraphs]")
    field.fill("Tổ chức tập huấn về bình đẳng giới cho cán bộ phường")
    page.wait_for_timeout(800)  # the draft is kept a moment after typing stops
    page.close()  # the connection is lost, the tab closed, nothing saved

    page = context.new_page()
    page.goto(url)
    offer = page.locator(".draft-offer")
    expect(offer).to_contain_text("Trình duyệt này còn giữ nội dung")
    expect(page.locator("textarea[name=paragraphs]")).not_to_have_value(
        "Tổ chức tập huấn về bình đẳng giới cho cán bộ phường"
    )
    offer.locator(".draft-restore").click()
    expect(page.locator("textarea[name=paragraphs]")).to_have_value(
        "Tổ chức tập huấn về bình đẳng giới cho cán bộ phường"
    )
    context.close()


def test_a_save_over_a_newer_version_shows_both(live_server, browser, log_in):
    world = build_world()
    context = browser.new_context(locale="vi-VN")
    first, second = context.new_page(), context.new_page()
    log_in(first, "district_secretariat")
    url = f"{live_server.url}/activities/{world.activity.pk}/edit/"
    for page in (first, second):
        page.goto(url)
    first.locator("input[name=title]").fill("Hội nghị tuyên truyền (bản của chị Lan)")
    first.locator("main form.card button[type=submit]").click()
    expect(first.locator("h1")).to_contain_text("bản của chị Lan")

    second.locator("input[name=title]").fill("Hội nghị tuyên truyền (bản của anh Minh)")
    second.locator("main form.card button[type=submit]").click()

    both = second.locator("#stale-versions")
    expect(both).to_contain_text("bản của chị Lan")
    expect(both).to_contain_text("bản của anh Minh")
    context.close()
