"""In Chromium: a focal point records an activity with a photo against its task, and the
activity shows on the task page and in the plan's reach totals."""

import pytest

from vstb.activities.models import Activity
from vstb.conftest import PNG, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_records_an_activity_with_a_photo(live_server, page, log_in, tmp_path):
    world = build_world()
    photo = tmp_path / "hoi-thi.png"
    photo.write_bytes(PNG)
    log_in(page, "focal_point")
    page.goto(f"{live_server.url}/plans/tasks/{world.justice_task.pk}/")
    with page.expect_navigation():
        page.locator("#activities a.button").click()
    page.locator("[name=kind]").select_option("contest")
    page.locator("[name=title]").fill("Hội thi tìm hiểu Luật Bình đẳng giới")
    page.locator("[name=start]").fill("20/10/2025")
    page.locator("[name=participants_total]").fill("60")
    page.locator("[name=participants_women]").fill("45")
    page.locator("[name=participants_men]").fill("15")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    activity = Activity.objects.get(title="Hội thi tìm hiểu Luật Bình đẳng giới")
    assert list(activity.tasks.all()) == [world.justice_task]

    page.locator("#evidence input[type=file]").set_input_files(str(photo))
    with page.expect_navigation():
        page.locator("#evidence button[type=submit]").click()
    assert page.locator("#evidence a", has_text="hoi-thi.png").count() == 1
    assert activity.evidence.count() == 1

    page.goto(f"{live_server.url}/plans/tasks/{world.justice_task.pk}/")
    assert page.locator("#activities", has_text="Hội thi tìm hiểu Luật Bình đẳng giới").count() == 1
    page.goto(f"{live_server.url}/plans/{world.district_plan.pk}/")
    row = page.locator("#tasks tr", has_text="Tuyên truyền pháp luật")
    # The world's own activity (80 women, 40 men) plus this one (45, 15).
    assert row.locator("td").nth(4).inner_text().strip() == "2"
    assert row.locator("td").nth(5).inner_text().strip() == "125"
    assert row.locator("td").nth(6).inner_text().strip() == "55"
