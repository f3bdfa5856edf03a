"""Issue 18, "done when": a script with tokens (vstb/api/client.py, run as another system would
run it) pulls a province's Strategy figures as a DHIS2 data value set, records a ward's
activity against the district's task, fills the ward's report and sends it; in Chromium the
district sees the report, its figures and the activity on its task, and the people outside
see none of it."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from vstb.accounts.models import ApiToken
from vstb.activities.models import Activity
from vstb.conftest import build_world, six_month_requirement
from vstb.indicators.models import DataValue, PeriodKind, Source
from vstb.indicators.tests.factories import element
from vstb.reporting.models import Report, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIENT = Path(__file__).resolve().parents[1] / "api" / "client.py"


def _script(url: str, secret: str, *args) -> subprocess.CompletedProcess:
    """The client as another system runs it: its own process, only the standard library."""
    environment = {"PATH": os.environ.get("PATH", ""), "VSTB_URL": url, "VSTB_TOKEN": secret}
    return subprocess.run(
        [sys.executable, "-I", str(CLIENT), *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def _ok(done: subprocess.CompletedProcess):
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _figures(world) -> None:
    women = element("DAN_SO")  # the catalogue, reloaded if a transactional test flushed it
    for unit, value in ((world.ward, 5100), (world.other_ward, 4200), (world.other_province, 9)):
        DataValue.objects.create(
            element=women, unit=unit, year=2025, period=PeriodKind.YEAR, sex="f",
            value=value, source=Source.IMPORT, entered_at=timezone.now(),
        )  # fmt: skip


def test_a_script_pulls_figures_pushes_a_report_and_the_right_people_see_it(
    live_server, new_page, log_in, tmp_path
):
    world = build_world()
    requirement = six_month_requirement(world, default_figures=True)
    _figures(world)
    expires = timezone.now() + timedelta(days=30)
    _t, statistics = ApiToken.issue(
        world.users["province_secretariat"], "Cục Thống kê", expires, read_only=True
    )
    _t, ward = ApiToken.issue(world.users["ward_officer"], "Phần mềm phường", expires, False)
    url = live_server.url

    # The province's statistics office pulls Hà Nội's figures for 2025.
    pulled = tmp_path / "ha-noi-2025.json"
    _ok(_script(url, statistics, "pull-figures", world.province.pk, "--from", 2025, "--to", 2025,
                "--out", pulled))  # fmt: skip
    values = json.loads(pulled.read_text(encoding="utf-8"))["dataValues"]
    assert {(v["orgUnit"], v["dataElement"], v["value"]) for v in values} == {
        ("00139", "DAN_SO", "5100"),
        ("00133", "DAN_SO", "4200"),
    }
    # Its token reads and writes nothing: the refusal says why, in Vietnamese.
    activity_file = tmp_path / "hoat-dong.json"
    activity_file.write_text(
        json.dumps(
            {
                "kind": "communication",
                "title": "Truyền thông về bình đẳng giới tại tổ dân phố",
                "start": "2025-04-12",
                "participants_total": 70,
                "participants_women": 50,
                "participants_men": 20,
                "agency_id": world.ward_committee_agency.pk,
                "task_ids": [world.wards_task.pk],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    refused = _script(url, statistics, "add-activity", world.ward.pk, activity_file)
    assert refused.returncode == 1 and refused.stderr.startswith("403: ")
    assert not Activity.objects.filter(title__startswith="Truyền thông về bình đẳng").exists()

    # The ward's own software records its activity, fills its report and sends it.
    activity = _ok(_script(url, ward, "add-activity", world.ward.pk, activity_file))
    assert activity["task_ids"] == [world.wards_task.pk]
    report = _ok(_script(url, ward, "open-report", requirement.pk, "--unit", world.ward.pk))
    codes = {figure["code"] for figure in report["figures"]}
    figures_file = tmp_path / "so-lieu.json"
    figures_file.write_text(
        json.dumps(
            {
                "figures": {"BL_PHAT_HIEN": {"total": 3}, "BL_HO_TRO": {"total": 2}},
                "narrative": {"difficulties": "Thiếu kinh phí cho truyền thông."},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert {"BL_PHAT_HIEN", "BL_HO_TRO"} <= codes
    _ok(_script(url, ward, "save-report", report["id"], figures_file))
    # A required figure left out: nothing is sent, and the script is told which one.
    missing = _script(url, ward, "submit", report["id"])
    assert missing.returncode == 1 and "Số nữ giữ vị trí lãnh đạo chủ chốt" in missing.stderr
    figures_file.write_text(json.dumps({"figures": {"LD_NU": {"total": 2}}}), encoding="utf-8")
    _ok(_script(url, ward, "save-report", report["id"], figures_file))
    sent = _ok(_script(url, ward, "submit", report["id"]))
    assert sent["status"] == ReportStatus.SUBMITTED
    assert Report.objects.get(pk=report["id"]).status == ReportStatus.SUBMITTED

    # The district, which asked for the report, sees it arrive with its figures, and the
    # activity on the task it gave the wards.
    district = new_page()
    log_in(district, "district_secretariat")
    district.goto(f"{url}/reporting/requirements/{requirement.pk}/units/{world.district.pk}/")
    with district.expect_navigation():
        district.locator("#completeness a", has_text="Phường Bồ Đề").click()
    assert district.url.endswith(f"/reporting/{report['id']}/")
    detected = district.locator("#figures tr", has_text="được phát hiện")
    assert detected.locator("td").nth(1).inner_text().strip() == "3"
    assert district.locator("#narrative", has_text="Thiếu kinh phí cho truyền thông.").count() == 1
    district.goto(f"{url}/plans/tasks/{world.wards_task.pk}/")
    assert district.locator("#activities", has_text="Truyền thông về bình đẳng giới").count() == 1

    # Nobody outside: the neighbouring ward, another district, another province.
    for persona in ("other_ward_officer", "other_district_officer", "other_province_secretariat"):
        outsider = new_page()
        log_in(outsider, persona)
        for path in (f"/reporting/{report['id']}/", f"/activities/{activity['id']}/"):
            response = outsider.goto(url + path)
            assert response.status == 404, (persona, path)
            assert outsider.get_by_text("Thiếu kinh phí cho truyền thông.").count() == 0
