"""Issued documents carry what was entered (issue 11, item 7): the tasks' lead and supporting
agencies and deadlines, read back from the DOCX; and nothing is issued without its number,
issuing body and signer."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vstb.conftest import vi
from vstb.documents.assignments import written_out
from vstb.documents.layout import document_text_lines
from vstb.documents.plan_schema import SEEDS_DIR
from vstb.documents.readback import docx_text_lines
from vstb.indicators.tests.factories import ensure_catalogue
from vstb.plans.models import NumberRegister, Plan, PlanStatus, Section, Task
from vstb.reporting import services as reporting
from vstb.reporting.models import Report, ReportStatus, Requirement

pytestmark = pytest.mark.django_db


def _docx_lines(client, plan) -> list[str]:
    return docx_text_lines(client.get(reverse("plans:docx", args=[plan.pk])).content)


def test_the_implementation_part_lists_each_agency_with_its_tasks(world, login):
    """Long Biên's plan as built in VSTB: its tasks carry a lead, a supporting agency and a
    due date; the document gets the "Tổ chức thực hiện" part the seeds write, by agency."""
    world.justice_task.support.add(world.womens_union)
    lines = _docx_lines(login(world.users["district_viewer"]), world.district_plan)
    part = lines.index("III. TỔ CHỨC THỰC HIỆN")
    assert lines[part + 1 : lines.index("Nơi nhận:")] == [
        "1. Phòng Tư pháp quận",
        "- Chủ trì: Tuyên truyền pháp luật về bình đẳng giới (thời gian: trước ngày 15/12/2025).",
        "2. Hội Liên hiệp Phụ nữ quận",
        "- Phối hợp: Tuyên truyền pháp luật về bình đẳng giới (thời gian: trước ngày 15/12/2025).",
    ]
    # The wards' task already gives its date in its text: it is not repeated.
    assert sum("15/02/2025" in line for line in lines) == 1


def test_an_agency_the_plan_already_has_a_heading_for_gets_its_duty_there(world, login):
    plan = world.district_plan
    part = Section.objects.create(
        plan=plan, order=10, label="III", title="TỔ CHỨC THỰC HIỆN", kind="implementation"
    )
    Section.objects.create(
        plan=plan, parent=part, order=11, label="1", title="Đề nghị Phòng Tư pháp quận"
    )
    lines = _docx_lines(login(world.users["district_viewer"]), plan)
    start = lines.index("III. TỔ CHỨC THỰC HIỆN")
    assert lines[start + 1 : start + 3] == [
        "1. Đề nghị Phòng Tư pháp quận",
        "- Chủ trì: Tuyên truyền pháp luật về bình đẳng giới (thời gian: trước ngày 15/12/2025).",
    ]


def test_a_plan_written_per_task_gets_chu_tri_phoi_hop_thoi_gian_under_each_task(world, login):
    plan = world.district_draft
    first = Section.objects.create(
        plan=plan,
        parent=world.draft_section,
        order=2,
        label="-",
        paragraphs=["Tuyên truyền Luật Bình đẳng giới. Chủ trì: Phòng Tư pháp quận."],
    )
    second = Section.objects.create(
        plan=plan,
        parent=world.draft_section,
        order=3,
        label="-",
        paragraphs=["Tổ chức Tháng hành động vì bình đẳng giới."],
    )
    Task.objects.create(plan=plan, section=first, lead=world.justice)
    task = Task.objects.create(
        plan=plan,
        section=second,
        lead=world.labour,
        period_start=date(2025, 11, 15),
        period_end=date(2025, 12, 15),
    )
    task.support.add(world.womens_union, world.justice)
    lines = _docx_lines(login(world.users["district_secretariat"]), plan)
    body = lines[lines.index("I. NỘI DUNG") + 1 :]  # the draft has no recipients nor signer
    assert body == [
        "- Tuyên truyền Luật Bình đẳng giới. Chủ trì: Phòng Tư pháp quận.",
        "- Tổ chức Tháng hành động vì bình đẳng giới.",
        "Chủ trì: Phòng Lao động – Thương binh và Xã hội quận; Phối hợp: Hội Liên hiệp Phụ nữ"
        " quận, Phòng Tư pháp quận; Thời gian: từ ngày 15/11/2025 đến ngày 15/12/2025.",
    ]


@pytest.mark.parametrize(
    "name", ["bimson-2017-chuong-trinh", "haiphong-2022-chuong-trinh", "longbien-2025-ke-hoach"]
)
def test_what_a_seed_already_says_is_not_repeated(name):
    data = json.loads((SEEDS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert document_text_lines(written_out(data)) == document_text_lines(data)


def test_agencies_the_seed_names_without_their_place_are_not_named_again(world):
    """Long Biên's plan saved in VSTB, its leads matched to agencies whose records carry the
    place ("Phòng Tư pháp quận Long Biên") while the text writes "Phòng Tư pháp quận"."""
    from vstb.org.models import Agency
    from vstb.plans import services

    for agency in Agency.objects.filter(unit=world.district):
        agency.name = f"{agency.name} Long Biên"
        agency.save()
    data = json.loads((SEEDS_DIR / "longbien-2025-ke-hoach.json").read_text(encoding="utf-8"))
    plan = services.plan_from_json(data, world.district)
    assert plan.tasks.filter(lead=world.justice).exists()
    as_written = document_text_lines(services.plan_to_json(plan))
    assert document_text_lines(services.plan_document(plan)) == as_written


def test_the_page_shows_the_document_as_issued(world, login):
    client = login(world.users["district_viewer"])
    page = client.get(reverse("plans:detail", args=[world.district_plan.pk])).content.decode()
    assert "Chủ trì: Tuyên truyền pháp luật về bình đẳng giới" in page


# Completeness at issue --------------------------------------------------------------------------


def test_issuing_without_an_issuing_body_is_refused_and_changes_nothing(world, login):
    plan = Plan.objects.create(
        unit=world.district,
        year=2026,
        subject="Kế hoạch thử",
        place="Long Biên",
        symbol="KH-UBND",
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Nguyễn Văn Ký",
    )
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("plans:issue", args=[plan.pk]), {"on": "05/01/2026"}, follow=True
    )
    assert vi("Enter the issuing body (tên cơ quan ban hành) before issuing.") in (
        response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.number is None and plan.issued_on is None
    assert not NumberRegister.objects.filter(unit=world.district, year=2026).exists()


def test_a_new_plan_starts_with_its_issuing_body_place_and_signer(world, login):
    client = login(world.users["district_secretariat"])
    form = client.get(reverse("plans:create", args=[world.district.pk])).context["form"]
    assert form.initial["issuer_name"] == "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"
    assert form.initial["place"] == "Long Biên"
    # Signed by the chair of Long Biên's committee, for the People's Committee.
    assert form.initial["signer_name"] == "Trần Thị Chủ Tịch"
    assert form.initial["signer_lines"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_recording_an_imported_plan_as_issued_needs_its_number(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("plans:record_issued", args=[world.district_draft.pk]),
        {"on": "06/01/2025", "number": ""},
        follow=True,
    )
    assert vi("Enter the number the plan was issued with.") in response.content.decode()
    world.district_draft.refresh_from_db()
    assert world.district_draft.status == PlanStatus.DRAFT


def test_issuing_a_report_without_a_signer_is_refused_and_changes_nothing(world):
    ensure_catalogue()
    requirement = Requirement(
        unit=world.district,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters="both",
        due_dates={"3": "2025-05-25", "agency": "2025-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    reporting.add_default_figures(requirement)
    report = reporting.open_report(requirement, world.ward)
    reporting.save_report(
        report, None, report.version, {}, {f.pk: {"total": 0} for f in requirement.figures.all()}
    )
    with pytest.raises(ValidationError) as raised:
        reporting.issue_report(report, world.users["ward_officer"], [], " ")
    assert vi("Enter the signer's position and name before issuing.") in raised.value.messages
    report = Report.objects.get(pk=report.pk)
    assert report.status == ReportStatus.DRAFT and report.number is None
    assert not NumberRegister.objects.filter(unit=world.ward).exists()
