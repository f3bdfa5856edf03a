"""The committee's yearly review: counts by sex, rank and agency, key positions with no woman
planned flagged, the Strategy's target read from the catalogue, and the report issued in
Decree 30 layout and read back."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.documents.docx import render_docx
from vstb.documents.readback import docx_text_lines
from vstb.indicators.models import DataValue, LeadershipPosition
from vstb.issuing import services as issuing
from vstb.issuing.models import DocumentStatus, Purpose
from vstb.leaders import services
from vstb.leaders.tests.helpers import candidate
from vstb.notifications.models import Notification
from vstb.org.models import Sex

pytestmark = pytest.mark.django_db


def _pipeline(world):
    candidate(world.district, world.labour, "Nguyễn Thị Hoa", current_agency=world.labour)
    candidate(world.district, world.justice, "Lê Văn Bình", sex=Sex.MALE)
    candidate(
        world.district, world.justice, "Trần Thị Cúc", key_position=False, planned_rank="deputy"
    )
    LeadershipPosition.objects.create(
        unit=world.district, agency=world.justice, title="Trưởng phòng Tư pháp", rank="head",
        holder_sex=Sex.MALE, start=date(2024, 1, 1),
    )  # fmt: skip
    # A body led by a woman today, with no woman in planning to follow her.
    LeadershipPosition.objects.create(
        unit=world.district, agency=world.womens_union, title="Chủ tịch Hội", rank="head",
        holder_sex=Sex.FEMALE, start=date(2024, 1, 1),
    )  # fmt: skip


def test_the_review_counts_by_rank_and_agency_and_flags_key_positions_without_a_woman(world):
    _pipeline(world)
    found = services.review(world.district, 2026)
    assert [(rank, women, men) for rank, _label, women, men in found.by_rank] == [
        ("head", 1, 1),
        ("deputy", 1, 0),
    ]
    by_agency = {e["agency"].name: (e["women"], e["men"], e["flagged"]) for e in found.by_agency}
    assert by_agency == {
        # Key positions in the register, no candidate at all.
        "Hội Liên hiệp Phụ nữ quận": (0, 0, True),
        "Phòng Lao động – Thương binh và Xã hội quận": (1, 0, False),
        # A woman is planned there, but not for a key position.
        "Phòng Tư pháp quận": (1, 1, True),
    }
    assert found.without_woman == [world.womens_union, world.justice]
    # The register: two bodies, one led by a woman; with the women planned for key posts,
    # two of the three bodies with a key position held or planned.
    assert (found.leaders.bodies, found.leaders.bodies_with_woman) == (2, 1)
    assert found.bodies_share == 50 and str(found.bodies_share_planned) == "66.7"
    # Resolution 28/NQ-CP, objective 1: 60 % by 2025, 75 % by 2030, from the catalogue.
    assert [(t.year, t.value) for t in found.targets] == [(2025, 60), (2030, 75)]
    assert [c.full_name for c in found.women] == ["Nguyễn Thị Hoa", "Trần Thị Cúc"]
    assert found.women_proposed == []  # until the committee proposes


def test_the_committee_proposes_women_and_a_stale_choice_saves_nothing(world, login):
    _pipeline(world)
    hoa, cuc = world.district.leader_candidates.filter(sex=Sex.FEMALE).order_by("full_name")
    client = login(world.users["district_secretariat"])
    url = reverse("leaders:proposals", args=[world.district.pk])
    versions = [f"{hoa.pk}:{hoa.version}", f"{cuc.pk}:{cuc.version}"]
    client.post(url, {"year": "2026", "proposed": [hoa.pk], "versions": versions})
    found = services.review(world.district, 2026)
    assert [c.full_name for c in found.women_proposed] == ["Nguyễn Thị Hoa"]
    # The same page sent again: Hoa's version moved on, nothing changes.
    response = client.post(url, {"year": "2026", "proposed": [cuc.pk], "versions": versions})
    assert response.status_code == 302
    hoa.refresh_from_db()
    cuc.refresh_from_db()
    assert (hoa.proposed, cuc.proposed) == (True, False)


def test_the_review_report_is_drafted_issued_sent_up_and_read_back(world, login):
    _pipeline(world)
    hoa = world.district.leader_candidates.get(full_name="Nguyễn Thị Hoa")
    services.set_proposed(world.district, 2026, {hoa.pk}, _versions(world))
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("leaders:review_report", args=[world.district.pk]), {"year": "2026"}
    )
    document = world.district.issued_documents.get(purpose=Purpose.LEADERS_REVIEW)
    assert response.url == reverse("issuing:detail", args=[document.pk])
    assert document.status == DocumentStatus.DRAFT and list(document.addressees.all()) == [
        world.province
    ]
    # Twice: the same draft.
    client.post(reverse("leaders:review_report", args=[world.district.pk]), {"year": "2026"})
    assert world.district.issued_documents.filter(purpose=Purpose.LEADERS_REVIEW).count() == 1

    issuing.issue(document, by=world.users["district_secretariat"], on=date(2026, 12, 4))
    document.refresh_from_db()
    lines = docx_text_lines(render_docx(document.content))
    text = "\n".join(lines)
    assert "BAN VSTBPN QUẬN LONG BIÊN" in text
    assert "Kết quả rà soát công tác cán bộ nữ trong quy hoạch năm 2026" in text
    assert (
        "Năm 2026, quận Long Biên có 3 người trong quy hoạch các chức danh lãnh đạo, trong đó "
        "2 người là nữ (tỷ lệ nữ 66,7%)." in lines
    )
    assert (
        "- Phòng Tư pháp quận: 1 nữ, 1 nam; chưa có nữ trong quy hoạch chức danh lãnh đạo chủ chốt."
        in lines
    )
    assert "đến năm 2025 đạt 60%; đến năm 2030 đạt 75%" in text
    assert any(
        line.startswith("- Nguyễn Thị Hoa, Phó Trưởng phòng, Phòng Lao động") for line in lines
    )
    # The men and the women not proposed are counted, not named.
    assert "Lê Văn Bình" not in text and "Trần Thị Cúc" not in text
    # Issued, the review fixes the year's leadership figures from the register.
    women_leaders = DataValue.objects.get(
        unit=world.district, year=2026, element__code="LD_CO_QUAN_CO_NU"
    )
    assert women_leaders.value == 1 and women_leaders.source == "register"
    # Sent to the city: its secretariat is told.
    assert Notification.objects.filter(user=world.users["province_secretariat"]).exists()


def _versions(world) -> dict[int, int]:
    return dict(world.district.leader_candidates.values_list("pk", "version"))
