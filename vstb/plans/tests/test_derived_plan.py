"""A derived plan reads like the lower unit's own, read back from its DOCX (issue 11, item 6)."""

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from vstb.documents.plan_schema import SEEDS_DIR
from vstb.documents.readback import docx_text_lines
from vstb.org.models import Membership, Position, Unit
from vstb.plans import services
from vstb.plans.models import Plan

pytestmark = pytest.mark.django_db


def _issued_long_bien_seed(world) -> Plan:
    """Long Biên's real 2025 plan, issued as number 12 on 06/01/2025."""
    data = json.loads((SEEDS_DIR / "longbien-2025-ke-hoach.json").read_text(encoding="utf-8"))
    plan = services.plan_from_json(data, world.district)
    plan.record_as_issued(12, date(2025, 1, 6))
    return plan


def _docx_lines(client, plan) -> list[str]:
    response = client.get(reverse("plans:docx", args=[plan.pk]))
    assert response.status_code == 200
    return docx_text_lines(response.content)


def test_a_wards_plan_derived_from_long_biens_reads_as_the_wards_own(world, login):
    parent = _issued_long_bien_seed(world)
    client = login(world.users["ward_officer"])
    client.post(reverse("plans:cascade", args=[parent.pk]), {"unit": world.ward.pk})
    plan = Plan.objects.get(unit=world.ward, parent_plan=parent)
    lines = _docx_lines(client, plan)

    # Header: the ward's People's Committee alone, the ward's place on the date line.
    assert lines[0] == "ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ"
    assert "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN" not in lines
    assert any(line.startswith("Bồ Đề, ngày") for line in lines)
    assert not any(line.startswith("Long Biên, ngày") for line in lines)
    # Title and subject name the ward instead of the district.
    title = lines.index("KẾ HOẠCH")
    assert lines[title + 1] == (
        "Thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ trên địa bàn phường Bồ Đề"
        " năm 2025"
    )
    # The parent's number and date stand as the basis.
    assert lines[title + 2].startswith(
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 06/01/2025 của Ủy ban nhân dân quận Long Biên"
    )
    # Numbering follows the parent: its headings renumbered I, II…, the duties as "-" items
    # under them, never a doubled label; the headings that name the district's agencies or
    # "UBND các phường" are not copied into the ward's own plan.
    body = lines[title + 3 : lines.index("Nơi nhận:")]
    assert body[:3] == [
        "I. NỘI DUNG THỰC HIỆN",
        "1. Tăng cường hoạt động của Ban vì sự tiến bộ của phụ nữ",
        "- Duy trì hoạt động Ban Vì sự tiến bộ của phụ nữ theo quy chế đã đề ra. Chỉ đạo Ban Vì"
        " sự tiến bộ của phụ nữ các phường rà soát, bổ sung quy chế hoạt động cho phù hợp với"
        " tình hình thực tế.",
    ]
    assert body[3] == "II. TỔ CHỨC, THỰC HIỆN"
    assert all(line.startswith("- ") for line in body[4:]) and len(body[4:]) == 7
    assert any(line.startswith("- Căn cứ Kế hoạch của UBND quận chủ động") for line in body)
    assert not any(re.match(r"^- ?(\d+|[IVX]+|[a-z])[.)]", line) for line in body)
    # Recipients: the parent's body, the ward's committee, the records office.
    assert lines[lines.index("Nơi nhận:") + 1 :][:3] == [
        "- Ủy ban nhân dân quận Long Biên;",
        "- Thành viên Ban VSTBPN phường Bồ Đề;",
        "- Lưu: VT.",
    ]
    # Signer: the chair of the ward's committee, a Vice-chair signing for the Chair.
    assert lines[-4:] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Thị Phường"]
    # Ready to issue as it stands.
    assert plan.issue_problems() == []


def test_numbered_headings_are_renumbered_in_their_own_style(world):
    """The district's tasks for the wards sit under "II." and "3." in the parent; in the ward's
    plan, where only they are copied, the headings become "I." and "1."."""
    from vstb.plans.models import Section, Task

    parent = world.district_plan
    heading = Section.objects.create(
        plan=parent, order=10, label="III", title="NHIỆM VỤ KHÁC", kind="tasks"
    )
    point = Section.objects.create(
        plan=parent, parent=heading, order=11, label="3", title="Công tác kiểm tra"
    )
    item = Section.objects.create(
        plan=parent, parent=point, order=12, label="-", paragraphs=["1. Tự kiểm tra hằng quý."]
    )
    Task.objects.create(plan=parent, section=item, addresses_all_lower_units=True)
    plan = services.cascade(parent, world.ward)
    data = services.plan_to_json(plan)
    assert [(s["label"], s["title"]) for s in data["sections"]] == [
        ("I", "NỘI DUNG THỰC HIỆN"),
        ("II", "NHIỆM VỤ KHÁC"),
    ]
    nested = data["sections"][1]["children"][0]
    assert (nested["label"], nested["title"]) == ("1", "Công tác kiểm tra")
    assert nested["children"][0]["paragraphs"] == ["Tự kiểm tra hằng quý."]


def test_a_numbered_task_stays_numbered_from_one(world):
    from vstb.plans.models import Section, Task

    parent = world.district_plan
    heading = Section.objects.create(plan=parent, order=10, label="III", title="KIỂM TRA")
    for order, label in ((11, "4"), (12, "5")):
        item = Section.objects.create(
            plan=parent, parent=heading, order=order, label=label, paragraphs=[f"Việc {label}."]
        )
        Task.objects.create(plan=parent, section=item, addresses_all_lower_units=True)
    data = services.plan_to_json(services.cascade(parent, world.ward))
    assert [(c["label"], c["paragraphs"]) for c in data["sections"][1]["children"]] == [
        ("1", ["Việc 4."]),
        ("2", ["Việc 5."]),
    ]


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (
            "Thực hiện công tác bình đẳng giới trên địa bàn thành phố Hà Nội năm 2026",
            "Thực hiện công tác bình đẳng giới trên địa bàn phường Bồ Đề năm 2026",
        ),
        (
            "Công tác Vì sự tiến bộ của phụ nữ Thành phố Hà Nội năm 2026",
            "Công tác Vì sự tiến bộ của phụ nữ phường Bồ Đề năm 2026",
        ),
        (
            "Bình đẳng giới và vì sự tiến bộ của phụ nữ TP. Hà Nội năm 2026",
            "Bình đẳng giới và vì sự tiến bộ của phụ nữ phường Bồ Đề năm 2026",
        ),
        (
            "Công tác năm của Ban Vì sự tiến bộ của Phụ nữ quận Long Biên năm 2026",
            "Công tác năm của Ban Vì sự tiến bộ của Phụ nữ phường Bồ Đề năm 2026",
        ),
        (
            "Thực hiện công tác bình đẳng giới năm 2026",
            "Thực hiện công tác bình đẳng giới trên địa bàn phường Bồ Đề năm 2026",
        ),
        (
            "Công tác bình đẳng giới trên địa bàn quận năm 2026",
            "Công tác bình đẳng giới trên địa bàn phường Bồ Đề năm 2026",
        ),
        (
            "Thực hiện Chỉ thị của Thành ủy Hà Nội về công tác phụ nữ năm 2026",
            "Thực hiện Chỉ thị của Thành ủy Hà Nội về công tác phụ nữ trên địa bàn phường Bồ Đề"
            " năm 2026",
        ),
        (
            "Hà Nội hành động vì bình đẳng giới giai đoạn 2026-2030",
            "Phường Bồ Đề hành động vì bình đẳng giới giai đoạn 2026-2030",
        ),
    ],
)
def test_the_subject_names_the_deriving_unit(world, subject, expected):
    above = [world.nation, world.province, world.district]
    assert services.derived_subject(subject, above, world.ward) == expected


def test_the_national_name_is_not_taken_for_a_place(world):
    subject = "Hoạt động vì sự tiến bộ của phụ nữ Việt Nam năm 2026"
    assert services.derived_subject(subject, [world.nation], world.province) == (
        "Hoạt động vì sự tiến bộ của phụ nữ Việt Nam trên địa bàn thành phố Hà Nội năm 2026"
    )


def test_a_chair_who_is_the_chairman_signs_as_chairman(world):
    Membership.objects.filter(pk=world.ward_member.pk).update(
        job_title="Chủ tịch UBND phường Bồ Đề"
    )
    assert services.committee_signer(world.ward) == (
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        "Phạm Thị Phường",
    )


def test_without_a_committee_chair_the_name_is_left_to_enter(world):
    Membership.objects.filter(position=Position.CHAIR, committee=world.ward_committee).delete()
    plan = services.cascade(world.district_plan, world.ward)
    assert plan.signer_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and plan.signer_name == ""
    assert plan.recipients == [
        "Ủy ban nhân dân quận Long Biên",
        "Thành viên Ban VSTBPN phường Bồ Đề",
        "Lưu: VT",
    ]


def test_a_unit_that_ceased_before_the_plans_year_cannot_derive_it(world):
    world.other_ward.valid_to = date(2025, 1, 1)
    world.other_ward.save()
    with pytest.raises(Exception) as raised:
        services.cascade(world.district_plan, Unit.objects.get(pk=world.other_ward.pk))
    assert "2025" in " ".join(raised.value.messages)
    assert not Plan.objects.filter(unit=world.other_ward).exists()
