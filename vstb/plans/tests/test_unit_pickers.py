"""Unit pickers and unit codes, as found on the walk of issue 11 (item 14): the cascade's only
unit is preselected; a unit that ceased is not offered for a later year; two units of one name
are told apart; placeholder codes ("TAM-…") are shown nowhere, not even in file names."""

import re
from datetime import date

import pytest
from django.urls import reverse

from vstb.conftest import vi
from vstb.org.models import Unit
from vstb.plans.models import Plan, Section

pytestmark = pytest.mark.django_db

REFORM = date(2025, 7, 1)


def _issued_city_plan(world, year: int) -> Plan:
    plan = Plan.objects.create(
        unit=world.province,
        year=year,
        issuer_name="ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        subject=f"Thực hiện công tác bình đẳng giới trên địa bàn thành phố Hà Nội năm {year}",
        place="Hà Nội",
        symbol="KH-UBND",
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Nguyễn Văn A",
    )
    plan.issue(on=date(year, 1, 5))
    return plan


def _viet_hung(world) -> tuple[Unit, Unit]:
    """The old ward under Long Biên (until the reform) and the new one under the city."""
    old = Unit.objects.create(
        code="00127", name="Phường Việt Hưng", kind="phuong", parent=world.district, valid_to=REFORM
    )
    new = Unit.objects.create(
        code="TAM-01-2025-01",
        name="Phường Việt Hưng",
        kind="phuong",
        parent=world.province,
        valid_from=REFORM,
        code_confirmed=False,
    )
    return old, new


def _options(page: str) -> dict[str, str]:
    """value → label of the cascade form's unit picker."""
    select = re.search(r'<select name="unit"[^>]*>(.*?)</select>', page, re.S).group(1)
    return {
        value: label.strip()
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    }


def test_the_cascade_forms_only_unit_is_preselected(world, login):
    client = login(world.users["ward_officer"])
    page = client.get(reverse("plans:detail", args=[world.district_plan.pk])).content.decode()
    assert _options(page) == {str(world.ward.pk): "Phường Bồ Đề (Quận Long Biên)"}
    assert re.search(rf'<option value="{world.ward.pk}"[^>]*selected', page)


def test_a_unit_that_ceased_is_not_offered_for_a_later_years_plan(world, login):
    Unit.objects.filter(pk=world.district.pk).update(valid_to=REFORM)
    plan = _issued_city_plan(world, 2026)
    # A system administrator may start the draft of any unit below.
    client = login(world.users["admin"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    offered = set(_options(page)) - {""}
    assert str(world.district.pk) not in offered
    assert str(world.other_district.pk) in offered
    # Nor as a lower unit a task of the plan addresses.
    draft = Plan.objects.create(unit=world.province, year=2026, symbol="KH-UBND")
    section = Section.objects.create(plan=draft, order=1, label="-", paragraphs=["Việc."])
    page = client.get(reverse("plans:task_edit", args=[section.pk])).content.decode()
    assert "Quận Hoàn Kiếm" in page and "Quận Long Biên" not in page
    # A plan of 2025, when Long Biên still existed for half the year, offers it.
    earlier = _issued_city_plan(world, 2025)
    page = client.get(reverse("plans:detail", args=[earlier.pk])).content.decode()
    assert str(world.district.pk) in _options(page)


def test_the_cascade_refuses_a_unit_that_ceased_before_the_year(world, login):
    Unit.objects.filter(pk=world.district.pk).update(valid_to=REFORM)
    plan = _issued_city_plan(world, 2026)
    client = login(world.users["admin"])
    client.post(reverse("plans:cascade", args=[plan.pk]), {"unit": world.district.pk})
    assert not Plan.objects.filter(parent_plan=plan).exists()


def test_the_old_and_the_new_ward_of_one_name_are_told_apart(world, login):
    old, new = _viet_hung(world)
    plan = _issued_city_plan(world, 2025)
    client = login(world.users["admin"])
    options = _options(client.get(reverse("plans:detail", args=[plan.pk])).content.decode())
    ceased = vi("ceased %(date)s") % {"date": "01/07/2025"}
    since = vi("from %(date)s") % {"date": "01/07/2025"}
    assert options[str(old.pk)] == f"Phường Việt Hưng (Quận Long Biên, {ceased})"
    assert options[str(new.pk)] == f"Phường Việt Hưng (Thành phố Hà Nội, {since})"


def test_placeholder_codes_are_shown_nowhere(world, login):
    _old, new = _viet_hung(world)
    client = login(world.users["province_secretariat"])
    pages = [
        client.get(reverse("org:unit_detail", args=[new.pk])),
        client.get(reverse("org:unit_list"), {"q": "viet hung"}),
        client.get(reverse("org:unit_children", args=[world.province.pk])),
        client.get(reverse("activities:export", args=[new.pk])),
        client.get(reverse("activities:import_template", args=[new.pk])),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "TAM-" not in response.content.decode(errors="replace")
        assert "TAM-" not in response.get("Content-Disposition", "")
    assert vi("No official code yet") in pages[0].content.decode()
    # A real code is still shown.
    page = client.get(reverse("org:unit_detail", args=[world.ward.pk])).content.decode()
    assert "00139" in page


def test_a_plans_files_are_named_by_its_number_symbol_and_subject(world, login):
    client = login(world.users["district_viewer"])
    response = client.get(reverse("plans:docx", args=[world.district_plan.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="01-KH-UBND-thuc-hien-cong-tac-binh-dang-gioi-nam-2025.docx"'
    )
    draft = client.get(reverse("plans:docx", args=[world.district_draft.pk]))
    assert 'filename="du-thao-KH-UBND-du-thao-ke-hoach-quan.docx"' in draft["Content-Disposition"]
