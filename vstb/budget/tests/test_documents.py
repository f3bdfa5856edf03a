"""The funding part of the plan's document and the budget part of a report come from the
estimate and its ledger."""

from datetime import date

import pytest

from vstb.budget import services
from vstb.budget.models import EstimateLine, Source
from vstb.budget.tests.helpers import activity, estimate_with_lines
from vstb.plans.models import Section
from vstb.plans.services import plan_document
from vstb.reporting.document import report_document
from vstb.reporting.models import Report, Requirement

pytestmark = pytest.mark.django_db


def _funding_section(plan):
    return Section.objects.create(
        plan=plan,
        order=9,
        label="III",
        title="KINH PHÍ",
        kind="funding",
        paragraphs=["Từ ngân sách."],
    )


def _report(w) -> Report:
    """Long Biên's own 6-month report of 2025 to the city (window 15/12/2024 – 14/06/2025)."""
    requirement = Requirement(
        unit=w.province, title="Báo cáo 6 tháng 2025", kind="six_month",
        period_rule="six_month", year=2025, reporters="units", due_dates={"2": "2025-06-20"},
    )  # fmt: skip
    requirement.full_clean()
    requirement.save()
    return Report.objects.create(requirement=requirement, unit=w.district, receiver=w.province)


def _part(document, title):
    return next(s for s in document["sections"] if s["title"] == title)


def _draft_plan_estimate(w):
    """The district's draft plan, with a funding part and an estimate of three lines."""
    estimate = services.open_estimate(w.district_draft)
    for item, source, amount in [
        ("2a", Source.DISTRICT, 10_000_000),
        ("4", Source.DISTRICT, 6_000_000),
        ("2đ", Source.MOBILISED, 4_000_000),
    ]:
        services.add_line(estimate, EstimateLine(item=item, source=source, amount=amount))
    estimate.refresh_from_db()
    return estimate


def test_the_plans_funding_part_states_the_approved_estimate(world):
    plan = world.district_draft
    _funding_section(plan)
    estimate = _draft_plan_estimate(world)
    funding = _part(plan_document(plan), "KINH PHÍ")
    assert funding["paragraphs"] == ["Từ ngân sách."]  # a draft estimate is not stated
    services.approve(estimate, estimate.version)
    funding = _part(plan_document(plan), "KINH PHÍ")
    assert funding["paragraphs"][0] == "Từ ngân sách."
    assert funding["paragraphs"][1] == (
        "Tổng dự toán kinh phí thực hiện Kế hoạch: 20.000.000 đồng "
        "(ngân sách huyện: 16.000.000 đồng; xã hội hóa: 4.000.000 đồng)."
    )
    assert (
        "- Tuyên truyền trên phương tiện thông tin đại chúng: 10.000.000 đồng."
        in funding["paragraphs"]
    )


def test_a_plan_without_a_funding_part_is_unchanged(world):
    estimate = _draft_plan_estimate(world)
    before = plan_document(world.district_draft)
    services.approve(estimate, estimate.version)
    assert plan_document(world.district_draft) == before


def test_an_issued_plans_text_stays_as_issued_when_its_estimate_is_approved_later(world):
    plan = world.district_plan  # issued on 06/01/2025
    _funding_section(plan)
    before = plan_document(plan)
    estimate = estimate_with_lines(world)
    services.approve(estimate, estimate.version)  # today, after the issue
    assert plan_document(plan) == before


def test_the_reports_budget_part_equals_the_ledger(world):
    estimate = estimate_with_lines(world)
    services.link(world.line_media, activity(world, "Hội nghị", 3_000_000, date(2025, 3, 1)))
    services.link(world.line_clubs, activity(world, "Câu lạc bộ", 1_250_000, date(2025, 6, 1)))
    # Held after the report's window (14/06): not in the report.
    services.link(world.line_clubs, activity(world, "Sau kỳ", 900_000, date(2025, 6, 30)))
    report = _report(world)
    requirement = report.requirement
    book = services.ledger(estimate, requirement.window_start, requirement.window_end)
    assert book.spent == 4_250_000

    document = report_document(report)
    part = _part(document, "KINH PHÍ THỰC HIỆN")
    assert [s["label"] for s in document["sections"]] == ["I", "II", "III", "IV", "V", "VI"]
    assert part["label"] == "III"
    head, *by_source = part["paragraphs"]
    assert f"dự toán {services.money(book.estimated)} đồng" in head
    assert f"{services.money(book.spent)} đồng" in head
    assert by_source == [
        f"- {word.capitalize()}: dự toán {services.money(t.estimated)} đồng, "
        f"đã chi {services.money(t.spent)} đồng."
        for t, word in zip(book.by_source, ["ngân sách huyện", "xã hội hóa"], strict=True)
    ]
    assert by_source[1] == "- Xã hội hóa: dự toán 4.000.000 đồng, đã chi 1.250.000 đồng."


def test_a_report_of_a_unit_without_estimates_keeps_its_parts(world):
    document = report_document(_report(world))
    assert [s["title"] for s in document["sections"]][:3] == [
        "KẾT QUẢ THỰC HIỆN",
        "SỐ LIỆU",
        "KHÓ KHĂN, VƯỚNG MẮC",
    ]
    assert document["sections"][2]["label"] == "III"


def test_the_report_page_shows_its_budget_part(world, login):
    from django.urls import reverse

    estimate_with_lines(world)
    services.link(world.line_media, activity(world, "Hội nghị", 3_000_000, date(2025, 3, 1)))
    report = _report(world)
    page = login(world.users["district_secretariat"]).get(
        reverse("reporting:report", args=[report.pk])
    )
    assert page.status_code == 200
    assert page.context["funding"] == services.report_funding_lines(report)
    html = page.content.decode()
    assert "đã chi đến ngày 14/06/2025: 3.000.000 đồng (15,0% dự toán)" in html
