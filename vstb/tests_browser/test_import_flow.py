"""In Chromium: upload a plan file, watch it being read, correct a field and save it."""

import pytest

from vstb.conftest import build_world
from vstb.documents.plan_schema import SEEDS_DIR
from vstb.plans.models import Plan, PlanStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_imports_reviews_corrects_and_saves_a_plan(live_server, page, log_in):
    world = build_world()
    log_in(page, "district_secretariat")
    page.goto(f"{live_server.url}/plans/?unit={world.district.pk}")
    with page.expect_navigation():
        page.locator(f"a[href='/plans/import/{world.district.pk}/']").click()
    page.locator("#upload input[type=file]").set_input_files(
        str(SEEDS_DIR / "longbien-2025-ke-hoach.txt")
    )
    page.locator("#upload button[type=submit]").click()
    # The review page reads the file through htmx, then shows the fields beside the text.
    subject = page.locator("[name=subject]")
    subject.wait_for()
    assert "Thực hiện công tác bình đẳng giới" in subject.input_value()
    assert page.locator(".review-text", has_text="Phòng Tư pháp quận").count() == 1
    # The date was left blank in the document: the field is highlighted for checking.
    assert page.locator(".field.unsure [name=date]").count() == 1
    # …and the highlight can be seen: a yellow box and a word saying why, not only a class.
    unsure = page.locator(".field.unsure").filter(has=page.locator("[name=date]"))
    page.screenshot(path="/tmp/vstb-import-review.png", full_page=False)
    background = page.locator("[name=date]").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 246, 200)"
    assert unsure.locator(".unsure-note").is_visible()
    filled = page.locator(".field").filter(has=page.locator("[name=subject]"))
    assert filled.locator(".unsure-note").count() == 0
    subject.fill("Thực hiện công tác bình đẳng giới quận Long Biên năm 2025")
    page.locator("[name=save_as][value=draft]").check()
    with page.expect_navigation():
        page.locator(".review-form button[type=submit]").click()
    plan = Plan.objects.get(subject="Thực hiện công tác bình đẳng giới quận Long Biên năm 2025")
    assert plan.status == PlanStatus.DRAFT and plan.tasks.count() == 56
    assert page.url.endswith(f"/plans/{plan.pk}/edit/")
