"""In Chromium: the district's secretariat plans an inspection from VSTB's suggestions,
issues the plan's decision, records the visit to the ward Bồ Đề with its findings and a
recommendation, issues the notice of conclusions; the ward reports what it did, from its
home page; the team accepts: the recommendation is done and the plan closes."""

import pytest

from vstb.conftest import build_world
from vstb.inspections.models import (
    InspectionPlan,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
    Result,
)
from vstb.issuing.models import DocumentStatus
from vstb.notifications.models import Kind, Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Kiểm tra công tác vì sự tiến bộ của phụ nữ năm 2025"
RECOMMENDATION = "Ban hành kế hoạch hoạt động vì sự tiến bộ của phụ nữ năm 2025"


def _issue(page, on: str) -> None:
    """On a document's page: issue it on `on`, through the confirmation."""
    issue = page.locator("#issue form")
    issue.locator("[name=on]").fill(on)
    with page.expect_navigation():
        issue.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.locator("#confirm button[type=submit]").click()


def _submit(form) -> None:
    with form.page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def test_an_inspection_from_suggestions_to_a_recommendation_done(
    live_server, page, new_page, log_in
):
    world = build_world()
    log_in(page, "district_secretariat")

    # From the unit's page to its inspections, and a new plan with the usual criteria.
    page.goto(f"{live_server.url}/units/{world.district.pk}/")
    with page.expect_navigation():
        page.locator(f"a[href='/inspections/units/{world.district.pk}/']").click()
    with page.expect_navigation():
        page.locator(f"main a[href='/inspections/units/{world.district.pk}/new/']").click()
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=period_start]").fill("01/09/2025")
    page.locator("[name=period_end]").fill("30/11/2025")
    _submit(page.locator("main form"))
    plan = InspectionPlan.objects.get(title=TITLE)
    assert page.url.endswith(f"/inspections/{plan.pk}/suggestions/")
    assert plan.criteria.count() == 5

    # The suggestions: every lower unit and agency, each with why; the ward is chosen.
    row = page.locator("tbody tr", has_text=world.ward.name)
    assert (
        row.locator("td", has_text="Never inspected").count()
        + row.locator("td", has_text="Chưa được kiểm tra").count()
        == 1
    )
    row.locator("[name=planned_on]").fill("15/09/2025")
    _submit(row.locator("form"))
    target = plan.targets.get()
    assert target.unit == world.ward and target.reasons
    assert page.locator("tbody tr", has_text=world.ward.name).count() == 0

    # The team: the chair heads it, the member (Phòng Tư pháp) sits on it.
    page.goto(f"{live_server.url}/inspections/{plan.pk}/")
    for membership, role in ((world.chair, "head"), (world.member, "member")):
        team = page.locator(f"form[action='/inspections/{plan.pk}/team/']")
        team.locator("[name=membership]").select_option(str(membership.pk))
        team.locator("[name=role]").select_option(role)
        _submit(team)
    assert plan.team.count() == 2

    # The plan's decision: drafted, issued; the ward is told.
    with page.expect_navigation():
        page.locator(f"form[action='/inspections/{plan.pk}/plan-document/'] button").click()
    plan.refresh_from_db()
    assert page.url.endswith(f"/documents/{plan.plan_document_id}/")
    assert page.locator("main", has_text="KẾ HOẠCH").count() == 1
    _issue(page, "05/09/2025")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    assert Notification.objects.filter(user=world.users["ward_officer"], kind=Kind.INSPECTION)

    # The visit: the first criterion not met, the others met; a recommendation to the ward.
    visit = target.visit
    page.goto(f"{live_server.url}/inspections/visits/{visit.pk}/")
    findings = page.locator(f"form[action='/inspections/visits/{visit.pk}/record/']")
    findings.locator("[name=visited_on]").fill("15/09/2025")
    criteria = list(plan.criteria.all())
    for index, criterion in enumerate(criteria):
        findings.locator(f"[name=result_{criterion.pk}]").select_option(
            Result.NOT_MET if index == 0 else Result.MET
        )
    findings.locator(f"[name=note_{criteria[0].pk}]").fill("Chưa ban hành kế hoạch năm.")
    _submit(findings)
    assert visit.findings.count() == 5
    add = page.locator(f"form[action='/inspections/visits/{visit.pk}/recommendations/']")
    add.locator("[name=text]").fill(RECOMMENDATION)
    add.locator("[name=deadline]").fill("31/10/2025")
    _submit(add)
    recommendation = Recommendation.objects.get()
    assert recommendation.addressee_unit == world.ward

    # The notice of conclusions: drafted, issued; the recommendation opens.
    with page.expect_navigation():
        page.locator(f"form[action='/inspections/visits/{visit.pk}/conclusions/'] button").click()
    visit.refresh_from_db()
    assert page.locator("main", has_text="THÔNG BÁO").count() == 1
    _issue(page, "25/09/2025")
    visit.refresh_from_db()
    assert visit.conclusions.status == DocumentStatus.ISSUED
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.OPEN

    # The ward's officer finds it on the home page and reports what was done.
    ward = new_page()
    log_in(ward, "ward_officer")
    ward.goto(f"{live_server.url}/")
    with ward.expect_navigation():
        ward.locator(f"a[href='/inspections/recommendations/{recommendation.pk}/']").first.click()
    report = ward.locator(
        f"form[action='/inspections/recommendations/{recommendation.pk}/report/']"
    )
    report.locator("[name=text]").fill("Đã ban hành Kế hoạch số 12/KH-UBND ngày 10/10/2025.")
    _submit(report)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.REPORTED

    # The team accepts it from its home page; the plan closes.
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.locator(f"a[href='/inspections/recommendations/{recommendation.pk}/']").first.click()
    accept = page.locator(
        f"form[action='/inspections/recommendations/{recommendation.pk}/review/']"
    ).first
    _submit(accept)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.ACCEPTED
    page.goto(f"{live_server.url}/inspections/{plan.pk}/")
    with page.expect_navigation():
        page.locator(f"form[action='/inspections/{plan.pk}/close/'] button").click()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
