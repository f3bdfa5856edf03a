"""The Strategy's catalogue, loaded by migration into every database: checked values stay
as the Resolution words them, unchecked ones say so, unknown ones stay empty."""

from decimal import Decimal

import pytest
from django.urls import reverse

from vstb.conftest import vi
from vstb.indicators.catalogue import INDICATORS, load_strategy
from vstb.indicators.models import DataElement, Indicator, Target

pytestmark = pytest.mark.django_db


def _targets(code: str) -> dict[int, tuple[str, Decimal | None, bool]]:
    return {
        t.year: (t.operator, t.value, t.to_confirm)
        for t in Target.objects.filter(indicator__code=code, unit=None)
    }


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("NQ28-M1-CT1", {2025: ("reach", 60, False), 2030: ("reach", 75, False)}),
        ("NQ28-M2-CT1", {2025: ("reach", 50, False), 2030: ("about", 60, False)}),
        ("NQ28-M2-CT2", {2025: ("under", 30, False), 2030: ("under", 25, False)}),
        ("NQ28-M2-CT3", {2025: ("at_least", 27, False), 2030: ("reach", 30, False)}),
        ("NQ28-M3-CT1", {2025: ("reach", Decimal("1.7"), False), 2030: ("reach", Decimal("1.4"), False)}),
        ("NQ28-M3-CT2A", {2025: ("reach", 80, False), 2030: ("reach", 90, False)}),
        ("NQ28-M3-CT2B", {2025: ("reach", 50, False), 2030: ("reach", 70, False)}),
        ("NQ28-M3-CT3", {2025: ("from_year", 100, False), 2030: ("from_year", 100, False)}),
        ("NQ28-M3-CT4", {2025: ("reach", 70, False), 2030: ("reach", 100, False)}),
        ("NQ28-M4-TSGTKS", {2025: ("under", 111, True), 2030: ("under", 109, True)}),
        ("NQ28-M5-TIEN-SI", {2025: ("reach", 30, True), 2030: ("reach", 35, True)}),
        ("NQ28-M6-CT1", {2025: ("reach", 60, False), 2030: ("reach", 80, False)}),
    ],
)  # fmt: skip
def test_strategy_targets_are_loaded(code, expected):
    assert _targets(code) == expected


def test_a_value_not_known_is_empty_and_to_confirm():
    masters = _targets("NQ28-M5-THAC-SI")
    assert masters == {2025: ("at_least", None, True), 2030: ("at_least", None, True)}
    assert Indicator.objects.get(code="NQ28-M5-THAC-SI").to_confirm


def test_every_target_cites_its_source_and_every_doubt_says_what_to_confirm():
    for target in Target.objects.filter(unit=None).select_related("indicator"):
        assert "28/NQ-CP" in target.source
        if target.to_confirm:
            assert target.confirm_note, target
    for indicator in Indicator.objects.filter(to_confirm=True):
        assert indicator.confirm_note, indicator


def test_the_loader_is_idempotent():
    counts = (DataElement.objects.count(), Indicator.objects.count(), Target.objects.count())
    load_strategy(DataElement, Indicator, Target)
    assert counts == (
        DataElement.objects.count(),
        Indicator.objects.count(),
        Target.objects.count(),
    )
    assert Indicator.objects.count() == len(INDICATORS)


def test_catalogue_page_shows_sources_and_to_confirm_badges(world, login):
    response = login(world.users["ward_officer"]).get(reverse("indicators:catalogue"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "NQ28-M1-CT1" in page and "Nghị quyết 28/NQ-CP" in page
    # What is left to check is a status for users; the notes are the administrators'.
    assert "Chỉ có trong đề bài" not in page and "Theo đề bài" not in page
    assert '<span class="badge warn">chưa xác nhận</span>' in page
    assert "giá trị chưa xác nhận" in page and "xác nhận cần xác nhận" not in page
    # Vietnamese only on a Vietnamese page: no English subtitle, breakdowns named in Vietnamese.
    assert "Share of state agencies" not in page
    assert "area / sex" not in page and "phân tổ theo giới tính" in page
    strategy = [row for row in INDICATORS if row.get("objective")]
    doubtful = [row for row in strategy if row.get("to_confirm")]
    assert (
        f"Danh mục hiện có {len(strategy)} chỉ tiêu của Chiến lược, trong đó {len(doubtful)} "
        "chỉ tiêu cần xác nhận." in page
    )
    # Only the national administrators are sent to complete the catalogue.
    admin_link = reverse("admin:indicators_indicator_changelist")
    assert admin_link not in page
    page = login(world.users["admin"]).get(reverse("indicators:catalogue")).content.decode()
    assert admin_link in page and vi("Complete or correct the catalogue") in page
    assert "Chỉ có trong đề bài" in page  # the note on the master's degree target


def test_local_targets_are_seen_within_the_scope_only(world, login):
    share = Indicator.objects.get(code="NQ28-M6-CT1")
    Target.objects.create(
        indicator=share,
        unit=world.ward,
        year=2026,
        operator="reach",
        value=70,
        source="Kế hoạch số 12/KH-UBND phường Bồ Đề",
    )
    assert (
        "12/KH-UBND"
        in login(world.users["district_viewer"])
        .get(reverse("indicators:catalogue"))
        .content.decode()
    )
    assert (
        "12/KH-UBND"
        not in login(world.users["other_ward_officer"])
        .get(reverse("indicators:catalogue"))
        .content.decode()
    )


def test_a_manager_adds_a_local_target(world, login):
    client = login(world.users["ward_officer"])
    share = Indicator.objects.get(code="NQ28-M6-CT1")
    data = {
        "indicator": share.pk,
        "year": 2026,
        "operator": "reach",
        "value": "70",
        "source": "KH 12",
    }
    response = client.post(reverse("indicators:target_add", args=[world.ward.pk]), data)
    assert response.status_code == 302
    assert Target.objects.get(unit=world.ward).value == 70
    again = client.post(reverse("indicators:target_add", args=[world.ward.pk]), data)
    assert again.status_code == 200 and Target.objects.filter(unit=world.ward).count() == 1
