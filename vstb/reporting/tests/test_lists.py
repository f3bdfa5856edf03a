"""Reporting lists: requirements, my reports and the reports sent to a unit, searched without
diacritics, filtered and paged with a constant query count; the national level sets
requirements to the provinces and reaches what the provinces send up."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.accounts.models import RoleKind
from vstb.conftest import make_user, queries_of, vi
from vstb.lib.pagination import PER_PAGE
from vstb.org.models import Unit
from vstb.reporting import services
from vstb.reporting.models import Report, ReportStatus, Requirement


def _requirement(unit, title="Báo cáo sơ kết 6 tháng đầu năm 2025", year=2025, kind="six_month"):
    requirement = Requirement(
        unit=unit,
        title=title,
        kind=kind,
        period_rule="six_month" if kind == "six_month" else "annual",
        year=year,
        reporters="units",
        due_dates={"1": f"{year}-07-05", "2": f"{year}-06-05", "3": f"{year}-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    return requirement


def _sent(requirement, reporter: Unit, user) -> Report:
    """The reporter's report for `requirement`, submitted to its parent."""
    report = services.open_report(requirement, reporter, user)
    report.submit(user)
    return report


# Requirements ------------------------------------------------------------------------------------


def test_requirements_are_searched_without_diacritics_and_filtered(world, login):
    wanted = _requirement(world.district, "Báo cáo kết quả Tháng hành động vì bình đẳng giới")
    annual = _requirement(world.district, "Báo cáo tổng kết năm 2024", year=2024, kind="annual")
    client = login(world.users["district_secretariat"])
    url = reverse("reporting:list")
    assert list(client.get(url, {"q": "thang hanh dong"}).context["page_obj"]) == [wanted]
    assert list(client.get(url, {"kind": "annual"}).context["page_obj"]) == [annual]
    assert list(client.get(url, {"year": 2024}).context["page_obj"]) == [annual]
    assert not client.get(url, {"q": "hai phong"}).context["page_obj"].object_list


def test_the_requirement_list_pages_with_a_constant_query_count(world, login):
    client = login(world.users["district_secretariat"])
    url = reverse("reporting:list") + "?q=bao+cao"
    _requirement(world.district)
    one = queries_of(lambda: client.get(url))
    for i in range(PER_PAGE + 2):
        _requirement(world.district, f"Báo cáo chuyên đề số {i}")
    response = client.get(url)
    assert len(response.context["page_obj"]) == PER_PAGE
    assert "q=bao+cao&amp;page=2" in response.content.decode()
    assert queries_of(lambda: client.get(url)) == one


def test_my_reports_are_searched_and_paged_with_a_constant_query_count(world, login):
    client = login(world.users["ward_officer"])
    url = reverse("reporting:my_reports")
    _requirement(world.district, "Báo cáo về phòng, chống bạo lực gia đình")
    assert [
        row.requirement.title for row in client.get(url, {"q": "bao luc"}).context["page_obj"]
    ] == ["Báo cáo về phòng, chống bạo lực gia đình"]
    one = queries_of(lambda: client.get(url))
    for i in range(PER_PAGE + 1):
        _requirement(world.district, f"Báo cáo chuyên đề số {i}")
    assert len(client.get(url).context["page_obj"]) == PER_PAGE
    assert queries_of(lambda: client.get(url)) == one


# Reports sent to a unit -------------------------------------------------------------------------


def test_the_reports_sent_to_a_unit_are_listed_searched_and_filtered(world, login):
    requirement = _requirement(world.district)
    sent = _sent(requirement, world.ward, world.users["ward_officer"])
    services.open_report(requirement, world.other_ward)  # a draft: not sent, not listed
    client = login(world.users["district_secretariat"])
    url = reverse("reporting:received")
    response = client.get(url)
    assert response.context["unit"] == world.district
    assert list(response.context["page_obj"]) == [sent]
    assert reverse("reporting:report", args=[sent.pk]) in response.content.decode()
    assert list(client.get(url, {"q": "bo de"}).context["page_obj"]) == [sent]
    assert list(client.get(url, {"q": "so ket 6 thang"}).context["page_obj"]) == [sent]
    assert not client.get(url, {"q": "ngoc lam"}).context["page_obj"].object_list
    assert not client.get(url, {"status": ReportStatus.ACCEPTED}).context["page_obj"].object_list
    assert client.get(url, {"status": ReportStatus.SUBMITTED}).context["page_obj"].object_list
    assert not client.get(url, {"reporter": "agency"}).context["page_obj"].object_list
    assert not client.get(url, {"year": 2024}).context["page_obj"].object_list
    # A ward opening its district's inbox reads its own report there, not the other ward's.
    other = _sent(
        _requirement(world.district, "Báo cáo chuyên đề"),
        world.other_ward,
        world.users["other_ward_officer"],
    )
    assert other in client.get(url).context["page_obj"]
    ward = login(world.users["ward_officer"])
    assert list(ward.get(url, {"unit": world.district.pk}).context["page_obj"]) == [sent]


def test_the_reports_sent_to_a_unit_keep_a_constant_query_count(world, login):
    client = login(world.users["district_secretariat"])
    url = reverse("reporting:received") + "?q=bao+cao"
    first = _requirement(world.district, "Báo cáo chuyên đề đầu tiên")
    _sent(first, world.ward, world.users["ward_officer"])
    one = queries_of(lambda: client.get(url))
    for i in range(PER_PAGE + 1):
        requirement = _requirement(world.district, f"Báo cáo chuyên đề số {i}")
        _sent(requirement, world.ward, world.users["ward_officer"])
        _sent(requirement, world.other_ward, world.users["other_ward_officer"])
    assert len(client.get(url).context["page_obj"]) == PER_PAGE
    assert queries_of(lambda: client.get(url)) == one


# The national level -------------------------------------------------------------------------------


def test_the_national_secretariat_sets_a_requirement_to_the_provinces(world, login):
    client = login(world.users["national_secretariat"])
    listing = client.get(reverse("reporting:list"))
    assert listing.context["unit"] == world.nation and listing.context["can_manage"]
    create = reverse("reporting:create", args=[world.nation.pk])
    assert create in listing.content.decode()
    response = client.post(
        create,
        {
            "title": "Báo cáo sơ kết 6 tháng đầu năm 2026 toàn quốc",
            "kind": "six_month",
            "period_rule": "six_month",
            "year": 2026,
            "reporters": "units",
            "due_1": "05/07/2026",
            "due_2": "05/06/2026",
            "due_3": "25/05/2026",
        },
    )
    requirement = Requirement.objects.get(title="Báo cáo sơ kết 6 tháng đầu năm 2026 toàn quốc")
    assert response.status_code == 302 and requirement.unit == world.nation
    assert requirement.due_for(1) == date(2026, 7, 5)
    # The provinces see it among the requirements of the levels above.
    province = login(world.users["province_secretariat"]).get(reverse("reporting:list"))
    assert requirement in province.context["above"]


def test_the_nation_reaches_the_report_a_province_sends_up(world, login):
    requirement = _requirement(world.nation, "Báo cáo sơ kết 6 tháng đầu năm 2025 toàn quốc")
    requirement.figures.all().delete()
    hanoi = world.users["province_secretariat"]
    # Hà Nội's compiled report as issuing sends it: its own report for the nation's
    # requirement, submitted to its parent (the compile page's logic is tested with it).
    compiled = Report.objects.create(
        requirement=requirement, unit=world.province, receiver=world.nation, compiled=True
    )
    compiled.submit(hanoi)
    compiled.refresh_from_db()
    assert compiled.status == ReportStatus.SUBMITTED and compiled.receiver == world.nation
    client = login(world.users["national_secretariat"])
    report_url = reverse("reporting:report", args=[compiled.pk])
    # From the list of requirements to the reports sent to the nation, then to the report.
    listing = client.get(reverse("reporting:list")).content.decode()
    assert reverse("reporting:received") + f"?unit={world.nation.pk}" in listing
    inbox = client.get(reverse("reporting:received"), {"unit": world.nation.pk})
    assert list(inbox.context["page_obj"]) == [compiled]
    assert report_url in inbox.content.decode()
    # And from the requirement's table of who has reported.
    requirement_page = client.get(reverse("reporting:requirement", args=[requirement.pk]))
    completeness = reverse("reporting:completeness", args=[requirement.pk, world.nation.pk])
    assert completeness in requirement_page.content.decode()
    assert report_url in client.get(completeness).content.decode()
    assert client.get(report_url).status_code == 200


def test_a_national_leader_opens_the_reporting_list_of_the_nation(world, login):
    leader = make_user("national_leader", RoleKind.VIEWER, world.nation)
    response = login(leader).get(reverse("reporting:list"))
    assert response.context["unit"] == world.nation and not response.context["can_manage"]


@pytest.mark.parametrize("name", ["reporting:list", "reporting:received"])
def test_an_administrator_without_a_unit_role_chooses_a_unit(world, login, name):
    client = login(world.users["admin"])
    response = client.get(reverse(name))
    assert response.context["unit"] is None
    assert vi("Choose the unit to work for") in response.content.decode()
    chosen = client.get(reverse(name), {"unit": world.nation.pk})
    assert chosen.context["unit"] == world.nation


def test_the_national_secretariat_opens_the_nations_dashboard(world, login):
    client = login(world.users["national_secretariat"])
    response = client.get(reverse("indicators:dashboard", args=[world.nation.pk]))
    assert response.status_code == 200
