"""In Chromium: a secretariat writes a plan with two tasks, issues it and downloads the DOCX."""

import pytest
from docx import Document

from vstb.conftest import build_world
from vstb.plans.models import Plan, PlanStatus, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_writes_issues_and_downloads_a_plan(live_server, page, log_in, tmp_path):
    world = build_world()
    log_in(page, "district_secretariat")
    page.goto(f"{live_server.url}/plans/new/{world.district.pk}/")
    page.locator("[name=subject]").fill("Công tác bình đẳng giới năm 2026")
    page.locator("[name=year]").fill("2026")
    page.locator("[name=recipients]").fill("UBND các phường\nLưu: VT, LĐTBXH")
    page.locator("[name=signer_lines]").fill("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    page.locator("[name=signer_name]").fill("Nguyễn Thị Ký")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    plan = Plan.objects.get(subject="Công tác bình đẳng giới năm 2026")
    assert page.url.endswith(f"/plans/{plan.pk}/edit/")

    top = page.locator("#add-top")
    top.locator("[name=label]").fill("I")
    top.locator("[name=title]").fill("NỘI DUNG THỰC HIỆN")
    top.locator("[name=kind]").select_option("tasks")
    with page.expect_navigation():
        top.locator("button[type=submit]").click()

    for text in ("Tuyên truyền Luật Bình đẳng giới.", "Tập huấn kỹ năng lồng ghép giới."):
        row = page.locator(".editor-row").first
        row.locator("details.inline-details summary").click()
        form = row.locator("details.inline-details form")
        form.locator("[name=label]").fill("-")
        form.locator("[name=kind]").select_option("tasks")
        form.locator("[name=paragraphs]").fill(text)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()

    for index, agency in enumerate((world.justice, world.womens_union), start=1):
        page.locator(".editor-row").nth(index).locator("a[href*='/task/']").first.click()
        page.locator("[name=lead]").select_option(str(agency.pk))
        page.locator("[name=due]").fill("30/06/2026")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
    assert Task.objects.filter(plan=plan).count() == 2

    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    issue = page.locator("#issue form")
    issue.locator("[name=on]").fill("05/01/2026")
    with page.expect_navigation():
        issue.locator("button[type=submit]").click()
    # The confirmation says what will happen and who will be told; nothing is issued yet.
    assert page.locator("#confirm").count() == 1
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number_and_symbol == "01/KH-UBND"
    assert page.locator("#issue").count() == 0  # an issued plan offers no more issuing

    with page.expect_download() as download:
        page.locator(f"a[href='/plans/{plan.pk}/docx/']").click()
    path = tmp_path / "plan.docx"
    download.value.save_as(path)
    document = Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "- Tuyên truyền Luật Bình đẳng giới." in text
    assert "- Tập huấn kỹ năng lồng ghép giới." in text
    assert "Số: 01/KH-UBND" in cells and "ngày 05 tháng 01 năm 2026" in cells
