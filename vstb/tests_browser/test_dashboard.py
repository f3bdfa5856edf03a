"""The unit dashboard in real chromium: a province's charts, switching the indicator in
place (htmx, no page load) and back through the browser's history, downloading the chart and
the ranking table; the public page's trend charts, without logging in."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from vstb.conftest import build_world
from vstb.indicators import public_page
from vstb.indicators.models import Indicator, PublicPage
from vstb.indicators.tests.factories import put

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

CODE = "NQ28-M6-CT1"
DRAWN = "id => !!(window.Chart && Chart.getChart(document.getElementById(id)))"
# Each bar of the ranking has a length: the chart drew the values, not only its axes.
BARS = """() => {
  const chart = Chart.getChart(document.getElementById("ranking-chart"));
  const bars = chart.getDatasetMeta(0).data;
  return [chart.config.type, chart.options.indexAxis, bars.map(b => Math.abs(b.x - b.base) > 10)];
}"""


def _figures(world):
    for ward, reached in ((world.ward, 40), (world.other_ward, 60), (world.far_ward, 20)):
        put("DAN_SO_TIEP_CAN_BDG", ward, 2023, reached - 10)
        put("DAN_SO", ward, 2023, 100)
        put("DAN_SO_TIEP_CAN_BDG", ward, 2024, reached)
        put("DAN_SO", ward, 2024, 100)


def test_province_dashboard_switch_indicator_and_export(page, live_server, log_in):
    world = build_world()
    _figures(world)
    log_in(page, "admin")
    page.goto(f"{live_server.url}/indicators/unit/{world.province.pk}/dashboard/?year=2024")
    expect(page.locator("#trend-chart")).to_be_visible()
    first = page.locator("#id_indicator").input_value()
    assert first != CODE

    # Choosing another indicator swaps the dashboard in place: no page load.
    page.evaluate("window.notReloaded = true")
    page.locator("#id_indicator").select_option(CODE)
    expect(page.locator("#trend h2")).to_contain_text(CODE)
    assert page.evaluate("window.notReloaded") is True
    assert f"indicator={CODE}" in page.url  # the address can be bookmarked and shared
    table = page.locator("#ranking-table tbody tr")
    expect(table).to_have_count(2)
    expect(table.nth(0)).to_contain_text("Quận Long Biên")  # 50 % before Hoàn Kiếm's 20 %
    page.wait_for_function(DRAWN, arg="trend-chart")
    page.wait_for_function(DRAWN, arg="ranking-chart")
    assert page.evaluate(BARS) == ["bar", "y", [True, True]]

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

    # Back in the browser's history: the first indicator again, its chart drawn.
    page.go_back()
    expect(page.locator("#id_indicator")).to_have_value(first)
    page.wait_for_function(DRAWN, arg="trend-chart")

    # Down to the wards: a lower unit's name opens its own dashboard.
    page.locator("#ranking-table").get_by_role("link", name="Quận Long Biên").click()
    expect(page.locator("h1")).to_contain_text("Quận Long Biên")
    expect(page.locator("#ranking-table tbody tr")).to_have_count(2)  # its two wards


def test_public_page_draws_a_trend_for_each_published_indicator(page, live_server):
    world = build_world()
    _figures(world)
    public = PublicPage.objects.create(unit=world.province, enabled=True)
    public.indicators.add(Indicator.objects.get(code=CODE))
    public_page.publish(public, world.users["admin"])
    page.goto(f"{live_server.url}/public/indicators/{world.province.code}/")
    expect(page.locator("#public-indicators tbody tr")).to_have_count(1)
    expect(page.locator(f"#trend-{CODE} canvas")).to_be_visible()
    page.wait_for_function(DRAWN, arg="chart-1")
