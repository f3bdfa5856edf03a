"""Plans: issuing and the number register, editing the body, tasks, cascade and coverage."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from vstb.conftest import queries_of, ready_draft, vi
from vstb.documents import pdf
from vstb.plans import services
from vstb.plans.models import NumberRegister, Plan, PlanStatus, Section, Task, TaskStatus

pytestmark = pytest.mark.django_db


# Issuing and numbers --------------------------------------------------------------------------


def test_issuing_takes_the_next_number_with_a_leading_zero(world):
    first, second = ready_draft(world), ready_draft(world)
    first.issue(on=date(2026, 1, 5))
    second.issue(on=date(2026, 1, 6))
    assert (first.number, second.number) == (1, 2)
    assert second.number_and_symbol == "02/KH-UBND"
    assert first.status == PlanStatus.ISSUED


def test_numbers_restart_on_the_first_of_january(world):
    december, january = ready_draft(world, year=2026), ready_draft(world, year=2026)
    december.issue(on=date(2025, 12, 30))
    january.issue(on=date(2026, 1, 2))
    assert december.register_year == 2025 and january.register_year == 2026
    assert january.number == 1


def test_each_issuing_body_keeps_its_own_register(world):
    by_committee = ready_draft(world, issuer_body="committee", symbol="CTr-BVSTBPN")
    by_committee.issue(on=date(2026, 2, 1))
    by_committee_again = ready_draft(world, issuer_body="committee")
    by_committee_again.issue(on=date(2026, 2, 2))
    assert by_committee_again.number == 2
    by_peoples_committee = ready_draft(world)
    by_peoples_committee.issue(on=date(2026, 2, 3))
    # The district's issued 2025 plan used the UBND register for 2025, not 2026.
    assert by_peoples_committee.number == 1


def test_a_number_from_the_records_office_is_kept_and_not_reused(world):
    plan = ready_draft(world)
    plan.issue(on=date(2026, 3, 1), number=17)
    assert plan.number == 17
    again = ready_draft(world)
    with pytest.raises(ValidationError):
        again.issue(on=date(2026, 3, 2), number=17)
    again.refresh_from_db()
    assert again.status == PlanStatus.DRAFT and again.number is None
    following = ready_draft(world)
    following.issue(on=date(2026, 3, 3))
    assert following.number == 18


def test_issuing_without_signer_or_subject_is_refused_and_changes_nothing(world, login):
    plan = ready_draft(world, subject="", signer_name="", signer_lines=[])
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("plans:issue", args=[plan.pk]), {"on": "05/01/2026"}, follow=True
    )
    page = response.content.decode()
    assert vi("Enter the subject (trích yếu) before issuing.") in page
    assert vi("Enter the signer's position and name before issuing.") in page
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.number is None
    assert not NumberRegister.objects.filter(unit=world.district, year=2026).exists()


def test_an_issued_plan_cannot_be_issued_again_or_edited(world, login):
    with pytest.raises(ValidationError):
        world.district_plan.issue()
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("plans:edit", args=[world.district_plan.pk]), {"subject": "Đổi"})
    assert response.status_code == 403
    assert vi(
        "This plan has been issued and can no longer be changed. To correct it, issue a new document."
    ) in (response.content.decode())
    world.district_plan.refresh_from_db()
    assert world.district_plan.subject == "Thực hiện công tác bình đẳng giới năm 2025"


def test_closing_only_from_issued(world):
    with pytest.raises(ValidationError):
        world.district_draft.close()
    world.district_plan.close()
    assert world.district_plan.status == PlanStatus.CLOSED


# The editor -----------------------------------------------------------------------------------


def test_secretariat_creates_a_plan_with_sections_and_tasks_then_issues_it(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("plans:create", args=[world.district.pk]),
        {
            "kind": "KH",
            "issuer_body": "ubnd",
            "issuer_parent": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
            "issuer_name": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
            "year": "2026",
            "symbol": "KH-UBND",
            "place": "Long Biên",
            "subject": "Công tác bình đẳng giới năm 2026",
            "preamble": "",
            "recipients": "UBND các phường\nLưu: VT",
            "signer_lines": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            "signer_name": "Nguyễn Văn Ký",
            "version": "1",
        },
    )
    plan = Plan.objects.get(subject="Công tác bình đẳng giới năm 2026")
    assert response.status_code == 302 and plan.status == PlanStatus.DRAFT
    add = reverse("plans:section_add", args=[plan.pk])
    client.post(add, {"label": "I", "title": "NỘI DUNG", "kind": "tasks"})
    heading = plan.sections.get(label="I")
    client.post(
        add,
        {"parent": heading.pk, "label": "-", "kind": "tasks", "paragraphs": "Tuyên truyền luật."},
    )
    client.post(
        add, {"parent": heading.pk, "label": "-", "kind": "tasks", "paragraphs": "Tập huấn cán bộ."}
    )
    item = plan.sections.get(paragraphs=["Tập huấn cán bộ."])
    response = client.post(
        reverse("plans:task_edit", args=[item.pk]),
        {
            "paragraph": "0",
            "lead": world.womens_union.pk,
            "support": [world.justice.pk],
            "due": "30/06/2026",
            "themes": ["training"],
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(section=item)
    assert task.lead == world.womens_union and list(task.support.all()) == [world.justice]
    # Issuing first asks for confirmation, naming who will be told; nothing is issued yet.
    asked = client.post(reverse("plans:issue", args=[plan.pk]), {"on": "05/01/2026"})
    assert asked.status_code == 200 and "Hội Liên hiệp Phụ nữ quận" in asked.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    client.post(reverse("plans:issue", args=[plan.pk]), {"on": "05/01/2026", "confirm": "1"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number_and_symbol == "01/KH-UBND"
    download = client.get(reverse("plans:docx", args=[plan.pk]))
    text = "\n".join(p.text for p in Document(BytesIO(download.content)).paragraphs)
    assert "- Tập huấn cán bộ." in text and "I. NỘI DUNG" in text


def test_moving_items_up_down_in_and_out(world):
    plan = world.district_draft
    first = world.draft_section
    second = services.add_section(plan, None, label="II", title="KINH PHÍ", kind="funding")
    child = services.add_section(plan, None, label="-", paragraphs=["Một việc."], kind="funding")

    def shape():
        return [(s.label, s.parent_id) for s in plan.sections.order_by("order")]

    assert shape() == [("I", None), ("II", None), ("-", None)]
    services.move_section(child, "indent")
    assert shape() == [("I", None), ("II", None), ("-", second.pk)]
    services.move_section(second, "up")
    assert shape() == [("II", None), ("-", second.pk), ("I", None)]
    child.refresh_from_db()
    services.move_section(child, "outdent")
    assert shape() == [("II", None), ("-", None), ("I", None)]
    services.move_section(first, "down")  # already last: nothing changes
    assert shape() == [("II", None), ("-", None), ("I", None)]


def test_a_due_date_outside_the_plans_year_gets_a_warning(world, login):
    client = login(world.users["district_secretariat"])
    section = services.add_section(
        world.district_draft, None, label="-", paragraphs=["Việc."], kind="tasks"
    )
    response = client.post(
        reverse("plans:task_edit", args=[section.pk]),
        {"paragraph": "0", "due": "15/01/2027"},
        follow=True,
    )
    assert vi("A date of this task falls outside the plan's year %(year)s; check it.") % {
        "year": 2025
    } in (response.content.decode())


def test_a_period_that_ends_before_it_starts_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("plans:task_edit", args=[world.draft_section.pk]),
        {"paragraph": "0", "period_start": "15/12/2025", "period_end": "15/11/2025"},
    )
    assert vi("The period ends before it starts. Check the two dates.") in response.content.decode()
    assert not Task.objects.filter(section=world.draft_section).exists()


def test_a_stale_edit_is_refused_and_the_other_save_is_kept(world, login):
    plan = world.district_draft
    data = {
        "kind": "KH",
        "issuer_body": "ubnd",
        "year": "2025",
        "symbol": "KH-UBND",
        "place": "Long Biên",
        "subject": "Bản của người thứ nhất",
        "version": str(plan.version),
    }
    first = login(world.users["district_secretariat"])
    assert first.post(reverse("plans:edit", args=[plan.pk]), data).status_code == 302
    second = login(world.users["admin"])
    response = second.post(reverse("plans:edit", args=[plan.pk]), {**data, "subject": "Bản cũ hơn"})
    assert response.status_code == 200
    assert (
        vi(
            "Someone else saved this plan after you opened it. Your changes were not saved: "
            "reload the page to see theirs, then make your changes again."
        )
        in response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.subject == "Bản của người thứ nhất"


# Tasks ----------------------------------------------------------------------------------------


def test_focal_point_sees_and_updates_only_its_agencys_tasks(world, login):
    client = login(world.users["focal_point"])
    page = client.get(reverse("plans:my_tasks")).content.decode()
    assert "Tuyên truyền pháp luật" in page
    assert "Các phường xây dựng kế hoạch" not in page
    response = client.post(
        reverse("plans:task_detail", args=[world.justice_task.pk]),
        {"status": "done", "note": "Đã tổ chức 3 buổi.", "on": "20/11/2025"},
    )
    assert response.status_code == 302
    world.justice_task.refresh_from_db()
    assert world.justice_task.status == TaskStatus.DONE
    assert world.justice_task.updates.get().note == "Đã tổ chức 3 buổi."
    refused = client.post(
        reverse("plans:task_detail", args=[world.wards_task.pk]),
        {"status": "done", "on": "20/11/2025"},
    )
    assert refused.status_code == 403
    world.wards_task.refresh_from_db()
    assert world.wards_task.status == TaskStatus.NOT_STARTED


def test_ward_officer_sees_tasks_addressed_to_every_ward(world, login):
    client = login(world.users["ward_officer"])
    page = client.get(reverse("plans:my_tasks")).content.decode()
    assert "Các phường xây dựng kế hoạch" in page and "Tuyên truyền pháp luật" not in page


def test_overdue_tasks_are_flagged(world, login):
    assert world.wards_task.is_overdue(date(2025, 2, 16))
    assert not world.wards_task.is_overdue(date(2025, 2, 15))
    assert list(Task.objects.overdue(date(2025, 2, 16))) == [world.wards_task]
    client = login(world.users["district_viewer"])
    assert (
        "overdue"
        in client.get(reverse("plans:detail", args=[world.district_plan.pk])).content.decode()
    )


def test_my_tasks_query_count_does_not_grow_with_tasks(world, login):
    client = login(world.users["focal_point"])
    before = queries_of(lambda: client.get(reverse("plans:my_tasks")))
    plan = world.district_plan
    for i in range(25):
        section = Section.objects.create(
            plan=plan, order=100 + i, label="-", paragraphs=[f"Việc {i}."]
        )
        Task.objects.create(plan=plan, section=section, lead=world.justice)
    assert queries_of(lambda: client.get(reverse("plans:my_tasks"))) == before


# Cascade and coverage -------------------------------------------------------------------------


def test_a_ward_cascades_from_the_issued_district_plan(world, login):
    client = login(world.users["ward_officer"])
    response = client.post(
        reverse("plans:cascade", args=[world.district_plan.pk]), {"unit": world.ward.pk}
    )
    plan = Plan.objects.get(unit=world.ward)
    assert response.status_code == 302 and plan.status == PlanStatus.DRAFT
    assert plan.parent_plan == world.district_plan
    assert plan.preamble[0].startswith(
        "Thực hiện Kế hoạch số 01/KH-UBND ngày 06/01/2025 của Ủy ban nhân dân quận Long Biên"
    )
    derived = plan.tasks.get()
    assert derived.parent_task == world.wards_task and derived.due == date(2025, 2, 15)
    assert plan.references.get().linked_plan == world.district_plan


def test_cascade_from_a_draft_is_refused_with_a_reason(world):
    with pytest.raises(ValidationError) as raised:
        services.cascade(world.district_draft, world.ward)
    assert raised.value.messages == [
        vi(
            "The parent plan is still a draft. A lower unit can implement it only after it has been issued."
        )
    ]
    assert not Plan.objects.filter(unit=world.ward).exists()


def test_cascade_twice_is_refused(world):
    services.cascade(world.district_plan, world.ward)
    with pytest.raises(ValidationError):
        services.cascade(world.district_plan, world.ward)
    assert Plan.objects.filter(unit=world.ward).count() == 1


def test_coverage_shows_which_wards_took_the_task_up(world, login):
    services.cascade(world.district_plan, world.ward)
    rows = services.coverage(world.district_plan)
    assert [(row.task, row.took_up, row.not_yet) for row in rows] == [
        (world.wards_task, [world.ward], [world.other_ward])
    ]
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("plans:coverage", args=[world.district_plan.pk])).content.decode()
    assert "Phường Bồ Đề" in page and "Phường Ngọc Lâm" in page


def test_ward_officer_cannot_edit_the_district_plan_and_cannot_see_another_districts_draft(
    world, login
):
    client = login(world.users["ward_officer"])
    assert client.get(reverse("plans:edit", args=[world.district_draft.pk])).status_code == 404
    assert client.get(reverse("plans:edit", args=[world.district_plan.pk])).status_code == 403
    assert (
        client.get(reverse("plans:detail", args=[world.other_district_draft.pk])).status_code == 404
    )


def test_pdf_without_libreoffice_says_so_and_docx_still_works(
    world, login, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("vstb.documents.pdf.soffice", lambda: None)
    client = login(world.users["district_viewer"])
    response = client.get(reverse("plans:pdf", args=[world.district_plan.pk]), follow=True)
    assert response.redirect_chain and "LibreOffice" in response.content.decode()
    docx = client.get(reverse("plans:docx", args=[world.district_plan.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_cascade_query_count_does_not_grow_with_tasks(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(ward, extra_tasks):
        _add_tasks(world.district_plan, extra_tasks, first_order=200)
        with CaptureQueriesContext(connection) as captured:
            services.cascade(world.district_plan, ward)
        return len(captured)

    assert queries_for(world.ward, 2) == queries_for(world.other_ward, 20)


def test_the_plans_document_is_read_in_queries_that_do_not_grow_with_its_tasks(world):
    """A PDF download builds the plan's document to find its PDF: twenty people downloading at
    once each build it, so it must not read each task's section one query at a time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(extra_tasks):
        _add_tasks(world.district_plan, extra_tasks, first_order=300)
        with CaptureQueriesContext(connection) as captured:
            services.plan_document(world.district_plan)
        return len(captured)

    assert queries_for(1) == queries_for(15)


def _add_tasks(plan, count, first_order):
    """`count` more tasks in `plan`, each the one paragraph of its own section, for all the
    lower units."""
    for i in range(count):
        section = Section.objects.create(
            plan=plan, order=first_order + i, label="-", paragraphs=[f"Việc {i}."]
        )
        Task.objects.create(plan=plan, section=section, addresses_all_lower_units=True)


def test_an_issued_plans_pdf_is_converted_once_however_many_download_it(
    world, login, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    conversions = []

    def convert(docx, timeout):
        conversions.append(timeout)
        return b"%PDF-1.7 converted"

    monkeypatch.setattr("vstb.documents.pdf.docx_to_pdf", convert)
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    for persona in ("district_viewer", "district_secretariat", "ward_officer"):
        response = login(world.users[persona]).get(url)
        assert response.status_code == 200 and response.content == b"%PDF-1.7 converted"
    # One conversion, by the background job (here run at once) within its own time limit.
    assert conversions == [pdf.TIMEOUT]
