"""Reopening an approved estimate: back to draft with a reason, from the version seen; the
issued plan's document keeps the funding it was issued with."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from vstb.audit.models import AuditEntry
from vstb.budget import services
from vstb.budget.models import STALE_REOPEN, Estimate, EstimateLine, EstimateReopening
from vstb.budget.tests.helpers import estimate_with_lines
from vstb.plans.models import Section
from vstb.plans.services import plan_document

pytestmark = pytest.mark.django_db

REASON = "Điều chỉnh dự toán theo Quyết định bổ sung ngân sách giữa năm"


def _approved(w) -> Estimate:
    estimate = estimate_with_lines(w)
    services.approve(estimate, estimate.version)
    return estimate


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_secretariat_reopens_with_a_reason_shown_on_the_page(world, login):
    estimate = _approved(world)
    approved_on = estimate.approved_on
    client = login(world.users["district_secretariat"])
    plan = world.district_plan
    page = client.get(reverse("budget:estimate", args=[plan.pk]))
    assert 'id="reopen"' in page.content.decode()
    response = client.post(
        reverse("budget:reopen", args=[plan.pk]), {"version": estimate.version, "reason": REASON}
    )
    assert response.status_code == 302
    estimate.refresh_from_db()
    assert estimate.is_draft and estimate.approved_on is None
    reopening = EstimateReopening.objects.get(estimate=estimate)
    assert reopening.reason == REASON
    assert reopening.reopened_by == world.users["district_secretariat"]
    assert reopening.approved_on == approved_on
    # Recorded in the audit trail (budget is an audited app).
    kind = ContentType.objects.get_for_model(EstimateReopening)
    assert AuditEntry.objects.filter(content_type=kind, object_id=str(reopening.pk)).exists()

    html = client.get(reverse("budget:estimate", args=[plan.pk])).content.decode()
    assert REASON in html
    assert 'id="issued-text-kept"' in html  # the plan is issued: its text stays
    assert 'id="add-line"' in html  # a draft again: lines can be added
    assert 'id="reopen"' not in html


def test_a_reopened_estimate_can_be_changed_and_approved_again(world):
    estimate = _approved(world)
    services.reopen(estimate, estimate.version, REASON)
    services.add_line(estimate, EstimateLine(item="4", source="district", amount=1_000_000))
    estimate.refresh_from_db()
    services.approve(estimate, estimate.version)
    assert not estimate.is_draft
    assert services.ledger(estimate).estimated == 21_000_000


def test_reopening_from_a_stale_page_is_refused_and_changes_nothing(world, login):
    estimate = _approved(world)
    client = login(world.users["district_secretariat"])
    url = reverse("budget:reopen", args=[world.district_plan.pk])
    with translation.override("vi"):
        response = client.post(url, {"version": estimate.version - 1, "reason": REASON})
        expected = str(STALE_REOPEN)
    assert response.status_code == 302
    assert expected in _messages(response)
    estimate.refresh_from_db()
    assert not estimate.is_draft
    assert not EstimateReopening.objects.exists()


def test_a_reason_is_required(world, login):
    estimate = _approved(world)
    client = login(world.users["district_secretariat"])
    url = reverse("budget:reopen", args=[world.district_plan.pk])
    response = client.post(url, {"version": estimate.version, "reason": "  "})
    assert response.status_code == 302
    assert _messages(response)
    estimate.refresh_from_db()
    assert not estimate.is_draft
    assert not EstimateReopening.objects.exists()


def test_a_draft_is_not_reopened(world):
    estimate = estimate_with_lines(world)
    with translation.override("en"), pytest.raises(ValidationError, match="draft already"):
        services.reopen(estimate, estimate.version, REASON)
    assert not EstimateReopening.objects.exists()


def test_the_issued_plans_document_stays_as_issued(world):
    plan = world.district_plan  # issued on 06/01/2025
    Section.objects.create(
        plan=plan, order=9, label="III", title="KINH PHÍ", kind="funding", paragraphs=["Từ NS."]
    )
    estimate = _approved(world)
    # Approved before the plan was issued: its figures are the issued plan's funding part.
    Estimate.objects.filter(pk=estimate.pk).update(approved_on=plan.issued_on)
    estimate.refresh_from_db()
    issued = plan_document(plan)
    funding = next(s for s in issued["sections"] if s["title"] == "KINH PHÍ")
    assert "Tổng dự toán kinh phí thực hiện Kế hoạch: 20.000.000 đồng" in funding["paragraphs"][1]

    services.reopen(estimate, estimate.version, REASON)
    assert plan_document(plan) == issued
    services.add_line(estimate, EstimateLine(item="4", source="district", amount=1_000_000))
    estimate.refresh_from_db()
    services.approve(estimate, estimate.version)
    services.reopen(estimate, estimate.version, "Lần hai")  # a second time: still as issued
    assert plan_document(plan) == issued


def test_a_draft_plans_document_follows_the_reopened_estimate(world):
    plan = world.district_draft
    Section.objects.create(
        plan=plan, order=9, label="III", title="KINH PHÍ", kind="funding", paragraphs=["Từ NS."]
    )
    estimate = services.open_estimate(plan)
    services.add_line(estimate, EstimateLine(item="4", source="district", amount=2_000_000))
    estimate.refresh_from_db()
    services.approve(estimate, estimate.version)
    services.reopen(estimate, estimate.version, REASON)
    funding = next(s for s in plan_document(plan)["sections"] if s["title"] == "KINH PHÍ")
    assert funding["paragraphs"] == ["Từ NS."]  # a draft estimate is not stated
    estimate.refresh_from_db()
    assert estimate.issued_funding is None


@pytest.mark.parametrize(
    "persona,status",
    [
        ("anonymous", 302),
        ("district_viewer", 403),
        ("focal_point", 403),
        ("ward_officer", 404),
        ("other_district_officer", 404),
    ],
)
def test_who_may_reopen(world, login, persona, status):
    estimate = _approved(world)
    client = login(world.users[persona])
    response = client.post(
        reverse("budget:reopen", args=[world.district_plan.pk]),
        {"version": estimate.version, "reason": REASON},
    )
    assert response.status_code == status
    estimate.refresh_from_db()
    assert not estimate.is_draft
    assert not EstimateReopening.objects.exists()


def test_reopening_refuses_get(world, login):
    _approved(world)
    client = login(world.users["district_secretariat"])
    response = client.get(reverse("budget:reopen", args=[world.district_plan.pk]))
    assert response.status_code == 405


def test_readers_do_not_see_the_reopen_form(world, login):
    _approved(world)
    page = login(world.users["district_viewer"]).get(
        reverse("budget:estimate", args=[world.district_plan.pk])
    )
    assert page.status_code == 200
    assert 'id="reopen"' not in page.content.decode()
