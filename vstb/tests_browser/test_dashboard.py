"""The unit dashboard in real chromium: a province's charts, switching the indicator with
the plain form, downloading the chart and the ranking table."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from vstb.conftest import build_world
from vstb.indicators.tests.factories import put

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

CODE = "NQ28-M6-CT1"


def test_province_dashboard_switch_indicator_and_export(page, live_server, log_in):
    world = build_world()
    for ward, reached in ((world.ward, 40), (world.other_ward, 60), (world.far_ward, 20)):
        put("DAN_SO_TIEP_CAN_BDG", ward, 2024, reached)
        put("DAN_SO", ward, 2024, 100)
    log_in(page, "admin")
    page.goto(f"{live_server.url}/indicators/unit/{world.province.pk}/dashboard/?year=2024")
    expect(page.locator("#trend-chart")).to_be_visible()

    page.locator("#id_indicator").select_option(CODE)
    with page.expect_navigation():
        page.locator("#dashboard-choice button[type=submit]").click()
    assert f"indicator={CODE}" in page.url
    table = page.locator("#ranking-table tbody tr")
    expect(table).to_have_count(2)
    expect(table.nth(0)).to_contain_text("Quận Long Biên")  # 50 % before Hoàn Kiếm's 20 %

    with page.expect_download() as png:
        page.locator("button[data-png=trend-chart]").click()
    assert png.value.suggested_filename.endswith(".png")
    with open(png.value.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"

    with page.expect_download() as xlsx:
        page.locator("#ranking-xlsx").click()
    with open(xlsx.value.path(), "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if any(row)]
    assert [(row[0], row[2], row[3]) for row in rows] == [
        (1, "Quận Long Biên", 50),
        (2, "Quận Hoàn Kiếm", 20),
    ]
