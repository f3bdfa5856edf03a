"""Importing a plan in the browser: upload, read, review and correct, save."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vstb.documents.plan_schema import SEEDS_DIR
from vstb.org.models import Agency
from vstb.plans.models import ImportStatus, Plan, PlanImport, PlanStatus

pytestmark = pytest.mark.django_db


def _upload(client, world, name, data):
    response = client.post(
        reverse("plans:import_upload", args=[world.district.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )
    record = PlanImport.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse(
        "plans:import_review", args=[record.pk]
    )
    client.post(reverse("plans:import_read", args=[record.pk]))
    record.refresh_from_db()
    return record


def _review_data(record, **changes):
    from vstb.plans.views_import import ReviewForm

    data = {k: v for k, v in ReviewForm.initial_from(record.data).items() if v not in (None, [])}
    for key in ("preamble", "recipients", "signer_lines"):
        if key in data:
            data[key] = "\n".join(data[key])
    if data.get("date"):
        data["date"] = data["date"].strftime("%d/%m/%Y")
    data.update(changes)
    return data


def test_a_seed_is_uploaded_reviewed_corrected_and_saved_as_a_draft(world, login):
    client = login(world.users["district_secretariat"])
    raw = (SEEDS_DIR / "longbien-2025-ke-hoach.txt").read_bytes()
    record = _upload(client, world, "ke-hoach-long-bien.txt", raw)
    assert record.status == ImportStatus.READ
    page = client.get(reverse("plans:import_review", args=[record.pk])).content.decode()
    assert "Tiếp tục tăng cường sự lãnh đạo" in page  # the document's text beside the fields
    response = client.post(
        reverse("plans:import_review", args=[record.pk]),
        _review_data(
            record,
            subject="Kế hoạch bình đẳng giới quận Long Biên năm 2025 (đã sửa)",
            save_as="draft",
        ),
    )
    plan = Plan.objects.get(unit=world.district, subject__endswith="(đã sửa)")
    assert response.status_code == 302 and plan.status == PlanStatus.DRAFT
    assert plan.tasks.count() == 56 and plan.source_name == "ke-hoach-long-bien.txt"
    assert plan.source_file.read() == raw
    record.refresh_from_db()
    assert record.status == ImportStatus.SAVED and record.plan == plan


def test_a_document_saved_as_issued_keeps_its_original_number(world, login):
    client = login(world.users["district_secretariat"])
    raw = (SEEDS_DIR / "haiphong-2022-chuong-trinh.txt").read_bytes()
    record = _upload(client, world, "chuong-trinh.txt", raw)
    client.post(
        reverse("plans:import_review", args=[record.pk]), _review_data(record, save_as="issued")
    )
    plan = Plan.objects.get(
        subject__startswith="Công tác Vì sự tiến bộ của phụ nữ thành phố Hải Phòng"
    )
    assert plan.status == PlanStatus.ISSUED and plan.number_and_symbol == "02/CTr-BVSTBPN"
    assert plan.issued_on.isoformat() == "2022-04-14"


def test_saving_as_issued_without_a_date_is_refused_and_nothing_is_saved(world, login):
    client = login(world.users["district_secretariat"])
    record = _upload(
        client, world, "ke-hoach.txt", (SEEDS_DIR / "longbien-2025-ke-hoach.txt").read_bytes()
    )
    before = Plan.objects.count()
    response = client.post(
        reverse("plans:import_review", args=[record.pk]), _review_data(record, save_as="issued")
    )
    assert response.status_code == 200 and Plan.objects.count() == before


def test_unknown_agencies_can_be_added_to_the_unit(world, login):
    client = login(world.users["district_secretariat"])
    record = _upload(
        client, world, "ke-hoach-lb.txt", (SEEDS_DIR / "longbien-2025-ke-hoach.txt").read_bytes()
    )
    form = client.get(reverse("plans:import_review", args=[record.pk])).context["form"]
    proposed = [value for value, _label in form.fields["new_agencies"].choices]
    assert "Phòng Nội vụ quận" in proposed
    client.post(
        reverse("plans:import_review", args=[record.pk]),
        _review_data(record, save_as="draft", new_agencies=["Phòng Nội vụ quận"]),
    )
    agency = Agency.objects.get(unit=world.district, name="Phòng Nội vụ quận")
    assert Plan.objects.get(source_name="ke-hoach-lb.txt").tasks.filter(lead=agency).exists()


def test_an_empty_upload_is_refused_at_once(world, login):
    client = login(world.users["district_secretariat"])
    before = PlanImport.objects.count()
    response = client.post(
        reverse("plans:import_upload", args=[world.district.pk]),
        {"file": SimpleUploadedFile("trong.txt", b"")},
    )
    assert response.status_code == 200 and PlanImport.objects.count() == before


def test_an_unreadable_file_is_refused_with_its_reason_and_nothing_is_saved(world, login):
    client = login(world.users["district_secretariat"])
    record = _upload(client, world, "trong.txt", b"\x00\x01\x02\xff\xfe binary \x00" * 20)
    assert record.status == ImportStatus.REFUSED and record.message
    page = client.get(reverse("plans:import_review", args=[record.pk])).content.decode()
    assert record.message in page
    assert not Plan.objects.filter(source_name="trong.txt").exists()


def test_an_imported_draft_is_recorded_as_issued_with_its_number(world, login):
    client = login(world.users["district_secretariat"])
    url = reverse("plans:record_issued", args=[world.district_draft.pk])
    asked = client.post(url, {"on": "06/01/2025", "number": "7"})
    assert asked.status_code == 200 and 'name="confirm"' in asked.content.decode()
    world.district_draft.refresh_from_db()
    assert world.district_draft.status == PlanStatus.DRAFT
    client.post(url, {"on": "06/01/2025", "number": "7", "confirm": "1"})
    world.district_draft.refresh_from_db()
    assert world.district_draft.status == PlanStatus.ISSUED and world.district_draft.number == 7


def test_another_districts_officer_cannot_see_an_import(world, login):
    client = login(world.users["other_district_officer"])
    assert (
        client.get(reverse("plans:import_review", args=[world.plan_import.pk])).status_code == 404
    )


def test_importing_a_document_already_saved_links_to_it_and_saves_no_second_copy(world, login):
    client = login(world.users["district_secretariat"])
    raw = (SEEDS_DIR / "haiphong-2022-chuong-trinh.txt").read_bytes()
    first = _upload(client, world, "chuong-trinh.txt", raw)
    client.post(
        reverse("plans:import_review", args=[first.pk]), _review_data(first, save_as="issued")
    )
    existing = Plan.objects.get(number=2, symbol="CTr-BVSTBPN")
    again = _upload(client, world, "chuong-trinh-ban-sao.txt", raw)
    page = client.get(reverse("plans:import_review", args=[again.pk])).content.decode()
    assert reverse("plans:detail", args=[existing.pk]) in page
    assert "đã có trong VSTB" in page
    before = Plan.objects.count()
    response = client.post(
        reverse("plans:import_review", args=[again.pk]), _review_data(again, save_as="issued")
    )
    assert response.status_code == 200 and Plan.objects.count() == before
    assert "Mở kế hoạch đã có" in response.content.decode()


def test_an_original_number_already_in_the_register_is_refused_not_a_server_error(world, login):
    client = login(world.users["district_secretariat"])
    raw = (SEEDS_DIR / "haiphong-2022-chuong-trinh.txt").read_bytes()
    first = _upload(client, world, "chuong-trinh.txt", raw)
    client.post(
        reverse("plans:import_review", args=[first.pk]), _review_data(first, save_as="issued")
    )
    # Another document given the same number 02 of 2022 (a different symbol and date).
    other = _upload(client, world, "khac.txt", raw)
    before = Plan.objects.count()
    response = client.post(
        reverse("plans:import_review", args=[other.pk]),
        _review_data(other, save_as="issued", symbol="KH-BVSTBPN", date="20/05/2022"),
    )
    assert response.status_code == 200 and Plan.objects.count() == before
    assert "đã được dùng" in response.content.decode()


def test_the_review_marks_every_header_field_the_reader_did_not_find(world, login):
    """The seed has no number, no issuing body and no date: each is marked, in words too."""
    client = login(world.users["district_secretariat"])
    raw = (SEEDS_DIR / "longbien-2025-ke-hoach.txt").read_bytes()
    record = _upload(client, world, "ke-hoach-long-bien.txt", raw)
    response = client.get(reverse("plans:import_review", args=[record.pk]))
    assert {"number", "issuer_name", "date"} <= response.context["unsure"]
    assert "subject" not in response.context["unsure"]
    page = response.content.decode()
    assert page.count("Không tìm thấy trong văn bản: hãy kiểm tra") == len(
        response.context["unsure"]
    )


@pytest.mark.parametrize("number", ["²", "①", "99999999999999999999999"])
def test_a_number_that_is_not_a_usable_number_leaves_the_review_page_working(world, login, number):
    """Issue 12, finding 7: "Số: ²/KH-UBND" passed `str.isdigit()`, failed `int()` and broke
    the review page on every visit."""
    client = login(world.users["district_secretariat"])
    raw = (SEEDS_DIR / "longbien-2025-ke-hoach.txt").read_text(encoding="utf-8")
    head, _, tail = raw.partition("Số:")
    assert tail, "the seed has a number line"
    tail = tail.lstrip()
    digits = len(tail) - len(tail.lstrip("0123456789"))
    changed = f"{head}Số: {number}{tail[digits:]}"
    record = _upload(client, world, "ke-hoach.txt", changed.encode("utf-8"))

    page = client.get(reverse("plans:import_review", args=[record.pk]))

    assert page.status_code == 200


def test_another_units_import_does_not_exist_for_a_reader(world, login):
    """Issue 12, finding 12: a ward officer who reads the district got 403 on its import,
    which tells that the import exists."""
    client = login(world.users["ward_officer"])
    url = reverse("plans:import_review", args=[world.plan_import.pk])
    assert client.get(url).status_code == 404
    missing = reverse("plans:import_review", args=[world.plan_import.pk + 1000])
    assert client.get(missing).status_code == 404


DECISION_WITH_PLAN = """\
BỘ TƯ PHÁP
Số: 4155/QĐ-BTP
Hà Nội, ngày 28 tháng 12 năm 2023
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch công tác bình đẳng giới năm 2024
BỘ TRƯỞNG BỘ TƯ PHÁP
Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác bình đẳng giới năm 2024.
Nơi nhận:
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Thanh Tịnh
KẾ HOẠCH
Công tác bình đẳng giới năm 2024
I. NHIỆM VỤ
- Tuyên truyền Luật Bình đẳng giới.
"""


def test_the_review_says_the_file_holds_a_decision_and_the_plan_it_issues(world, login):
    client = login(world.users["district_secretariat"])
    record = _upload(client, world, "quyet-dinh.txt", DECISION_WITH_PLAN.encode())
    response = client.get(reverse("plans:import_review", args=[record.pk]))
    decision = response.context["decision"]
    assert decision["number"] == "4155/QĐ-BTP" and decision["date"].isoformat() == "2023-12-28"
    page = response.content.decode()
    assert "Tệp gồm một quyết định và kế hoạch ban hành kèm theo" in page
    assert "Quyết định số 4155/QĐ-BTP ngày 28/12/2023, BỘ TƯ PHÁP" in page
    # The plan is what the form saves; its first basis is the decision.
    assert response.context["form"].initial["subject"] == "Công tác bình đẳng giới năm 2024"
    assert record.data["bases"][0]["number"] == "4155"
