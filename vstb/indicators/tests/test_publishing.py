"""Public pages are findable: the index of units with something public, linked from the login
page; a unit's secretariat publishes an issued plan or compiled report and can take it down;
small counts are not shown to the public."""

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from vstb.conftest import queries_of
from vstb.indicators import publishing
from vstb.indicators.models import PublicPage, PublishedDocument
from vstb.plans.models import Plan
from vstb.reporting import services as reporting
from vstb.reporting.models import Figure, FigureValue, Report, Requirement

pytestmark = pytest.mark.django_db
SHOWN = {"rows": [], "chart": {}, "withheld": 0}  # a page approved and published


def _publish(client, plan, action="publish"):
    return client.post(reverse("indicators:publish_plan", args=[plan.pk]), {"action": action})


def test_the_login_page_leads_to_the_index_of_public_pages(world, client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("public_index") in page
    assert client.get(reverse("public_index")).status_code == 200


def test_the_index_lists_units_with_a_public_page_or_a_published_document(world, client, login):
    PublicPage.objects.create(unit=world.province, enabled=True, snapshot=SHOWN)
    PublicPage.objects.create(unit=world.other_province, enabled=False)  # off: not listed
    secretariat = login(world.users["district_secretariat"])
    assert _publish(secretariat, world.district_plan).status_code == 302
    client.logout()
    response = client.get(reverse("public_index"))
    units = [entry.unit for entry in response.context["entries"]]
    assert units == [world.province, world.district]
    page = response.content.decode()
    assert reverse("public_indicators", args=[world.province.code]) in page
    publication = PublishedDocument.objects.get(plan=world.district_plan)
    assert reverse("public_document", args=[publication.pk]) in page
    assert world.other_province.name not in page


def test_a_published_plan_is_read_by_anyone_until_it_is_taken_down(world, client, login):
    secretariat = login(world.users["district_secretariat"])
    _publish(secretariat, world.district_plan)
    publication = PublishedDocument.objects.get(plan=world.district_plan)
    url = reverse("public_document", args=[publication.pk])
    detail = secretariat.get(reverse("plans:detail", args=[world.district_plan.pk])).content
    assert url in detail.decode()  # the secretariat sees it is public, and where
    anonymous = client.__class__()
    page = anonymous.get(url).content.decode()
    assert "Thực hiện công tác bình đẳng giới năm 2025" in page
    _publish(secretariat, world.district_plan, action="unpublish")
    assert not PublishedDocument.objects.exists()
    assert anonymous.get(url).status_code == 404


def test_a_draft_plan_cannot_be_published(world, login):
    draft = Plan.objects.create(unit=world.district, year=2026, subject="Dự thảo")
    response = _publish(login(world.users["district_secretariat"]), draft)
    assert response.status_code == 302
    assert not PublishedDocument.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Chỉ kế hoạch đã ban hành mới được công khai. Hãy ban hành trước."]


def test_those_who_only_read_the_plan_cannot_publish_it(world, login):
    for persona in ("district_viewer", "focal_point", "ward_officer"):
        assert _publish(login(world.users[persona]), world.district_plan).status_code == 403
    assert not PublishedDocument.objects.exists()


def _issued_compiled_report(world) -> Report:
    requirement = Requirement(
        unit=world.district,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        due_dates={"3": "2025-05-25", "agency": "2025-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    victims = Figure.objects.create(
        requirement=requirement, order=1, code="BL", label="Số nạn nhân bạo lực", by_sex=True
    )
    talks = Figure.objects.create(
        requirement=requirement, order=2, code="TT", label="Số người dự truyền thông", by_sex=True
    )
    report = reporting.compile_report(requirement, world.district, confirm_incomplete=True)
    FigureValue.objects.update_or_create(
        report=report, figure=victims, defaults={"total": 12, "women": 3, "men": 9}
    )
    FigureValue.objects.update_or_create(
        report=report, figure=talks, defaults={"total": 1500, "women": 900, "men": 600}
    )
    # Issued (its number and date), as reporting.issue_report leaves it.
    Report.objects.filter(pk=report.pk).update(number=4, issued_on=date(2025, 6, 20))
    report.refresh_from_db()
    return report


@override_settings(VSTB_PUBLIC_MIN_CELL=5)
def test_a_published_report_hides_small_counts(world, client, login):
    report = _issued_compiled_report(world)
    secretariat = login(world.users["district_secretariat"])
    url = reverse("indicators:publish_report", args=[report.pk])
    assert secretariat.post(url, {"action": "publish"}).status_code == 302
    publication = PublishedDocument.objects.get(report=report)
    response = client.__class__().get(reverse("public_document", args=[publication.pk]))
    figures = {f.label: (f.total, f.women, f.men) for f in response.context["figures"]}
    # 3 women victims is a small cell; 9 men and the total 12 would give it back.
    assert figures["Số nạn nhân bạo lực"] == ("12", "không hiển thị", "không hiển thị")
    assert figures["Số người dự truyền thông"] == ("1.500", "900", "600")
    assert ">3<" not in response.content.decode()


def test_small_cells_are_shown_as_fewer_than_the_minimum():
    assert publishing.suppressed(3, 5) == "dưới 5"
    assert publishing.suppressed(0, 5) == "0"
    assert publishing.suppressed(5, 5) == "5"
    assert publishing.suppressed(None, 5) is None


def test_an_unissued_compiled_report_cannot_be_published(world, login):
    report = _issued_compiled_report(world)
    Report.objects.filter(pk=report.pk).update(number=None, issued_on=None)
    secretariat = login(world.users["district_secretariat"])
    secretariat.post(reverse("indicators:publish_report", args=[report.pk]))
    assert not PublishedDocument.objects.exists()


def test_the_index_reads_in_a_constant_number_of_queries(world, login):
    secretariat = login(world.users["district_secretariat"])
    _publish(secretariat, world.district_plan)
    PublicPage.objects.create(unit=world.province, enabled=True, snapshot=SHOWN)
    few = queries_of(lambda: publishing.public_index())
    for year in (2026, 2027, 2028):
        plan = Plan.objects.create(unit=world.ward, year=year, subject=f"Kế hoạch {year}")
        PublishedDocument.objects.create(unit=world.ward, plan=plan, published_at=plan.created_at)
    PublicPage.objects.create(unit=world.other_province, enabled=True, snapshot=SHOWN)
    assert queries_of(lambda: publishing.public_index()) == few


def test_a_published_report_can_be_taken_down(world, login):
    report = _issued_compiled_report(world)
    secretariat = login(world.users["district_secretariat"])
    url = reverse("indicators:publish_report", args=[report.pk])
    secretariat.post(url, {"action": "publish"})
    page = secretariat.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Gỡ khỏi trang công khai" in page
    secretariat.post(url, {"action": "unpublish"})
    assert not PublishedDocument.objects.exists()
