"""The pages of an inspection: what they save, what they refuse with a sentence, and lists
that take a constant number of queries."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from vstb.conftest import PNG, queries_of
from vstb.inspections import services
from vstb.inspections.models import (
    FindingEvidence,
    InspectionPlan,
    Recommendation,
    RecommendationStatus,
    Target,
)
from vstb.inspections.tests.helpers import issue, issued, planned, shown, visited


def test_a_plan_is_created_with_the_default_criteria_and_opens_on_the_suggestions(world, login):
    client = login(world.users["district_secretariat"])
    url = reverse("inspections:create", args=[world.district.pk])
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "title": "Kiểm tra năm 2025",
            "period_start": "01/09/2025",
            "period_end": "30/11/2025",
            "purpose": "",
            "criteria": "\n".join(form.initial["criteria"]),
        },
    )
    plan = InspectionPlan.objects.get()
    assert response.url == reverse("inspections:suggestions", args=[plan.pk])
    assert plan.criteria.count() == 5


def test_a_period_ending_before_it_starts_is_refused_with_a_sentence(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("inspections:create", args=[world.district.pk]),
        {"title": "Kiểm tra", "period_start": "30/11/2025", "period_end": "01/09/2025",
         "criteria": "Ban hành kế hoạch"},
    )  # fmt: skip
    assert response.status_code == 200
    assert shown("The end of the period comes before its start. Check both dates.") in (
        response.content.decode()
    )
    assert not InspectionPlan.objects.exists()


def test_a_suggestion_is_added_with_its_reasons(world, login):
    plan = InspectionPlan.objects.create(
        unit=world.district, title="Kiểm tra", period_start=date(2025, 9, 1),
        period_end=date(2025, 11, 30),
    )  # fmt: skip
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("inspections:suggestions", args=[plan.pk]))
    assert world.other_ward.name in page.content.decode()
    response = client.post(
        reverse("inspections:target_add", args=[plan.pk]),
        {"key": f"unit:{world.other_ward.pk}", "planned_on": "15/09/2025",
         "reason": ["Chưa từng được kiểm tra.", "  "]},
    )  # fmt: skip
    assert response.status_code == 302
    target = Target.objects.get(plan=plan)
    assert (target.unit, target.planned_on) == (world.other_ward, date(2025, 9, 15))
    assert target.reasons == ["Chưa từng được kiểm tra."]
    assert target.visit


def test_a_visit_date_outside_the_period_is_refused_and_nothing_is_added(world, login):
    plan = planned(world)
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("inspections:target_add", args=[plan.pk]),
        {"key": f"unit:{world.other_ward.pk}", "planned_on": "15/12/2025"},
        follow=True,
    )
    sentence = shown("Choose a visit date within the plan's period, from %(start)s to %(end)s.")
    assert escape(sentence % {"start": "01/09/2025", "end": "30/11/2025"}) in (
        response.content.decode()
    )
    assert plan.targets.count() == 2


def test_findings_are_saved_and_a_stale_form_is_refused(world, login):
    plan = issued(world)
    visit = plan.targets.get(unit=world.ward).visit
    criteria = list(plan.criteria.all())
    client = login(world.users["focal_point"])  # on the team
    data = {"version": "1", "visited_on": "15/09/2025", "summary": "Tốt.",
            f"result_{criteria[0].pk}": "not_met", f"note_{criteria[0].pk}": "Chưa có."}  # fmt: skip
    response = client.post(reverse("inspections:visit_record", args=[visit.pk]), data)
    assert response.status_code == 302
    assert visit.findings.get().result == "not_met"
    again = client.post(reverse("inspections:visit_record", args=[visit.pk]), data)
    assert again.status_code == 200
    assert visit.findings.get().note == "Chưa có."


def test_findings_need_the_date_of_the_visit(world, login):
    plan = issued(world)
    visit = plan.targets.get(unit=world.ward).visit
    criterion = plan.criteria.first()
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("inspections:visit_record", args=[visit.pk]),
        {"version": "1", f"result_{criterion.pk}": "met"},
    )
    assert shown("Enter the date of the visit the findings come from.") in response.content.decode()
    assert not visit.findings.exists()


def test_evidence_is_checked_by_what_it_is(world, login):
    visit = visited(world)
    criterion = visit.findings.first().criterion
    client = login(world.users["district_secretariat"])
    url = reverse("inspections:evidence_upload", args=[visit.pk])
    client.post(url, {"criterion": criterion.pk, "file": SimpleUploadedFile("x.png", b"MZ fake")})
    assert not FindingEvidence.objects.exists()
    client.post(url, {"criterion": criterion.pk, "file": SimpleUploadedFile("anh.jpg", PNG)})
    evidence = FindingEvidence.objects.get()
    assert (evidence.original_name, evidence.content_type) == ("anh.png", "image/png")
    download = login(world.users["ward_officer"]).get(
        reverse("inspections:evidence", args=[evidence.pk])
    )
    assert download.status_code == 200


def test_the_addressee_reports_with_a_file_and_the_team_accepts(world, login):
    visit = visited(world)
    issue(services.draft_conclusions(visit), on=date(2025, 9, 25))
    recommendation = visit.recommendations.get()
    ward = login(world.users["ward_officer"])
    ward.post(
        reverse("inspections:recommendation_report", args=[recommendation.pk]),
        {"text": "Đã ban hành kế hoạch số 12.", "version": recommendation.version,
         "file": SimpleUploadedFile("kh.png", PNG)},
    )  # fmt: skip
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.REPORTED
    assert recommendation.responses.get().evidence.count() == 1
    team = login(world.users["district_secretariat"])
    refused = team.post(
        reverse("inspections:recommendation_review", args=[recommendation.pk]),
        {"decision": "return", "reason": "", "version": recommendation.version},
    )
    assert shown("Say why the report is returned, so the addressee knows what to do.") in (
        refused.content.decode()
    )
    team.post(
        reverse("inspections:recommendation_review", args=[recommendation.pk]),
        {"decision": "accept", "version": recommendation.version},
    )
    assert Recommendation.objects.get().status == RecommendationStatus.ACCEPTED


def test_the_lists_take_a_constant_number_of_queries(world, login):
    visit = visited(world)
    issue(services.draft_conclusions(visit), on=date(2025, 9, 25))
    client = login(world.users["district_secretariat"])
    plans = reverse("inspections:list", args=[world.district.pk])
    recommendations = reverse("inspections:recommendations")
    one = (queries_of(lambda: client.get(plans)), queries_of(lambda: client.get(recommendations)))
    for number in range(4):
        plan = InspectionPlan.objects.create(
            unit=world.district, title=f"Kiểm tra {number}", period_start=date(2025, 1, 1),
            period_end=date(2025, 2, 1),
        )  # fmt: skip
        target = Target.objects.create(
            plan=plan, unit=world.other_ward, planned_on=date(2025, 1, 5)
        )
        from vstb.inspections.models import Visit

        other = Visit.objects.create(target=target)
        Recommendation.objects.create(
            visit=other, text=f"Việc {number}", addressee_unit=world.other_ward,
            deadline=date(2025, 3, 1), status=RecommendationStatus.OPEN,
        )  # fmt: skip
    assert (
        queries_of(lambda: client.get(plans)),
        queries_of(lambda: client.get(recommendations)),
    ) == one
    page = client.get(recommendations, {"q": "viec 2"})
    assert [r.text for r in page.context["page_obj"]] == ["Việc 2"]


def test_the_suggestions_are_paginated(world, login):
    from vstb.org.models import Unit

    plan = InspectionPlan.objects.create(
        unit=world.district, title="Kiểm tra", period_start=date(2025, 9, 1),
        period_end=date(2025, 11, 30),
    )  # fmt: skip
    for number in range(30):
        Unit.objects.create(
            code=f"9{number:04d}", name=f"Phường Thử {number}", kind="phuong", parent=world.district
        )
    client = login(world.users["district_secretariat"])
    url = reverse("inspections:suggestions", args=[plan.pk])
    first = client.get(url).context["page_obj"]
    second = client.get(url, {"page": 2}).context["page_obj"]
    assert len(first) == 25
    assert len(second) == 30 + 2 + 3 - 25  # the wards and the district's three agencies
    assert not {s.key for s in first} & {s.key for s in second}
