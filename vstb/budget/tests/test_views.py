import pytest
from django.urls import reverse

from vstb.budget import services
from vstb.budget.models import Allocation, Estimate, EstimateLine
from vstb.budget.tests.helpers import activity, estimate_with_lines
from vstb.conftest import queries_of

pytestmark = pytest.mark.django_db

LINE = {"item": "4", "source": "district", "description": "Tập huấn cán bộ", "amount": "8000000"}


def test_the_secretariat_enters_a_line_and_approves(world, login):
    client = login(world.users["district_secretariat"])
    plan = world.district_plan
    page = client.get(reverse("budget:estimate", args=[plan.pk]))
    assert page.status_code == 200
    response = client.post(reverse("budget:line_add", args=[plan.pk]), LINE)
    assert response.status_code == 302
    estimate = Estimate.objects.get(plan=plan)
    assert list(estimate.lines.values_list("amount", flat=True)) == [8_000_000]
    response = client.post(reverse("budget:approve", args=[plan.pk]), {"version": estimate.version})
    estimate.refresh_from_db()
    assert not estimate.is_draft
    page = client.get(reverse("budget:estimate", args=[plan.pk]))
    assert "8.000.000" in page.content.decode()


def test_a_bad_amount_is_refused_with_a_sentence_and_changes_nothing(world, login):
    client = login(world.users["district_secretariat"])
    plan = world.district_plan
    response = client.post(reverse("budget:line_add", args=[plan.pk]), {**LINE, "amount": "tám"})
    assert response.status_code == 200
    assert response.context["line_form"].errors["amount"]
    response = client.post(reverse("budget:line_add", args=[plan.pk]), {**LINE, "amount": "9" * 25})
    assert response.status_code == 200
    assert response.context["line_form"].errors["amount"]
    assert not EstimateLine.objects.exists()


def test_a_stale_line_edit_is_refused_with_both_versions(world, login):
    estimate_with_lines(world)
    client = login(world.users["district_secretariat"])
    line = world.line_training
    url = reverse("budget:line_edit", args=[line.pk])
    sent = {**LINE, "amount": "7000000", "version": line.version}
    assert client.post(url, sent).status_code == 302
    response = client.post(url, {**sent, "amount": "9000000"})  # the same old version
    assert response.status_code == 200
    assert response.context["form"].stale_rows
    assert EstimateLine.objects.get(pk=line.pk).amount == 7_000_000


def test_linking_an_activity_shows_spending_and_the_warning(world, login):
    estimate_with_lines(world)
    training = activity(world, "Tập huấn cán bộ phường", 6_500_000)
    client = login(world.users["district_secretariat"])
    plan = world.district_plan
    response = client.post(
        reverse("budget:link", args=[plan.pk]),
        {"activity": training.pk, "line": world.line_training.pk},
    )
    assert response.status_code == 302
    assert Allocation.objects.get(activity=training).line_id == world.line_training.pk
    page = client.get(reverse("budget:spending", args=[plan.pk])).content.decode()
    assert 'id="overspend"' in page
    assert "6.500.000" in page
    client.post(reverse("budget:unlink", args=[plan.pk, training.pk]))
    assert not Allocation.objects.exists()


def test_another_units_activity_cannot_be_linked(world, login):
    estimate_with_lines(world)
    client = login(world.users["district_secretariat"])
    from vstb.activities.models import Activity

    elsewhere = Activity.objects.create(
        unit=world.other_district, kind="training", title="Khác", start=world.activity.start
    )
    response = client.post(
        reverse("budget:link", args=[world.district_plan.pk]),
        {"activity": elsewhere.pk, "line": world.line_training.pk},
    )
    assert response.status_code == 200
    assert response.context["link_form"].errors["activity"]
    assert not Allocation.objects.exists()


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
def test_who_may_add_a_line(world, login, persona, status):
    client = login(world.users[persona])
    response = client.post(reverse("budget:line_add", args=[world.district_plan.pk]), LINE)
    assert response.status_code == status
    assert not EstimateLine.objects.exists()


@pytest.mark.parametrize(
    "persona,status",
    [("district_viewer", 200), ("ward_officer", 404), ("other_province_secretariat", 404)],
)
def test_who_reads_the_spending(world, login, persona, status):
    estimate_with_lines(world)
    client = login(world.users[persona])
    assert client.get(reverse("budget:spending", args=[world.district_plan.pk])).status_code == (
        status
    )


def test_mutating_views_refuse_get(world, login):
    estimate_with_lines(world)
    client = login(world.users["district_secretariat"])
    plan = world.district_plan
    for name in ["line_add", "approve", "link"]:
        assert client.get(reverse(f"budget:{name}", args=[plan.pk])).status_code == 405
    assert client.get(reverse("budget:line_delete", args=[world.line_media.pk])).status_code == 405


def test_unit_list_is_paginated_in_a_fixed_number_of_queries(world, login):
    estimate_with_lines(world)
    services.link(world.line_media, activity(world, "Một", 1_000))
    client = login(world.users["district_secretariat"])
    url = reverse("budget:unit_plans", args=[world.district.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "20.000.000" in page.content.decode()
    few = queries_of(lambda: client.get(url))
    from vstb.plans.models import Plan

    for number in range(30):
        Plan.objects.create(unit=world.district, year=2024, subject=f"Kế hoạch {number}")
    assert queries_of(lambda: client.get(url)) == few
    assert len(client.get(url).context["rows"]) == 25


def test_a_plan_with_spending_can_still_be_deleted_its_activities_stay(world):
    estimate_with_lines(world)
    services.link(world.line_media, world.activity)
    world.district_plan.delete()
    assert not Allocation.objects.exists()
    world.activity.refresh_from_db()


def test_the_plan_page_links_to_its_funding_for_its_units_readers_only(world, login):
    url = reverse("plans:detail", args=[world.district_plan.pk])
    funding = reverse("budget:estimate", args=[world.district_plan.pk])
    assert funding in login(world.users["district_viewer"]).get(url).content.decode()
    page = login(world.users["ward_officer"]).get(url)
    assert page.status_code == 200 and funding not in page.content.decode()


@pytest.mark.parametrize("name", ["budget:estimate", "budget:spending"])
def test_plan_pages_read_a_fixed_number_of_queries(world, login, name):
    estimate = estimate_with_lines(world)
    services.link(world.line_media, activity(world, "Một", 1_000))
    client = login(world.users["district_secretariat"])
    url = reverse(name, args=[world.district_plan.pk])
    few = queries_of(lambda: client.get(url))
    for number in range(6):
        line = services.add_line(
            estimate,
            EstimateLine(section=world.justice_task.section, item="12", source="commune", amount=9),
        )
        for repeat in range(3):
            work = activity(world, f"Hoạt động {number}-{repeat}", 500)
            work.tasks.add(world.justice_task)
            services.link(line, work)
    page = client.get(url)
    assert page.status_code == 200
    assert queries_of(lambda: client.get(url)) == few


def test_a_tampered_file_sent_back_lists_its_cells_and_changes_nothing(world, login):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from vstb.budget import spreadsheets
    from vstb.lib.workbooks import to_bytes

    estimate = estimate_with_lines(world)
    book = load_workbook(io.BytesIO(spreadsheets.export_workbook(estimate)))
    book[spreadsheets.SHEET]["F6"] = "sáu triệu"
    client = login(world.users["district_secretariat"])
    url = reverse("budget:import", args=[world.district_plan.pk])
    upload = SimpleUploadedFile("du-toan.xlsx", to_bytes(book))
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert len(response.context["problems"]) == 1
    assert "F6" in response.content.decode()
    assert EstimateLine.objects.get(pk=world.line_training.pk).amount == 6_000_000
    book[spreadsheets.SHEET]["F6"] = "6.200.000"
    upload = SimpleUploadedFile("du-toan.xlsx", to_bytes(book))
    assert client.post(url, {"file": upload}).status_code == 302
    assert EstimateLine.objects.get(pk=world.line_training.pk).amount == 6_200_000


def test_the_unit_page_links_to_its_plans_funding_for_its_scope(world, login):
    url = reverse("org:unit_detail", args=[world.district.pk])
    funding = reverse("budget:unit_plans", args=[world.district.pk])
    assert funding in login(world.users["district_viewer"]).get(url).content.decode()
    page = login(world.users["ward_officer"]).get(url)
    assert page.status_code == 200 and funding not in page.content.decode()
