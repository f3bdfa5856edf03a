"""`vstb load-units`: the official list before and after the 2025 reform, loaded on a slice
(Hà Nội; Lào Cai and Yên Bái), idempotent, all-or-nothing, with a dry run."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vstb.org import official_list
from vstb.org.models import Level, Succession, Unit, UnitKind
from vstb.org.official_list import REFORM_DAY


def load(*codes: str, dry_run: bool = False) -> official_list.Changes:
    return official_list.load(official_list.read(provinces=codes), dry_run=dry_run)


def snapshot() -> tuple:
    return (
        sorted(Unit.objects.values_list("code", "name", "parent__code", "valid_from", "valid_to")),
        sorted(Succession.objects.values_list("predecessor__code", "successor__code", "kind")),
    )


def test_ha_noi_before_and_after_the_reform(db):
    changes = load("01")
    city = Unit.objects.get(code="01")
    assert city.kind == UnitKind.CENTRAL_CITY and city.valid_from is None and city.valid_to is None
    # After the reform: 126 communes and wards directly under the city, from 1/7/2025.
    after = Unit.objects.filter(parent=city, valid_from=REFORM_DAY)
    assert after.count() == 126 and {u.level for u in after} == {Level.COMMUNE}
    # Before it: its 30 districts and their communes, ceased on 1/7/2025.
    districts = Unit.objects.filter(parent=city, level=Level.DISTRICT)
    assert districts.count() == 30 and set(districts.values_list("valid_to", flat=True)) == {
        REFORM_DAY
    }
    long_bien = districts.get(name="Quận Long Biên")
    old_bo_de = Unit.objects.get(parent=long_bien, name="Phường Bồ Đề")
    assert old_bo_de.valid_to == REFORM_DAY and old_bo_de.path.startswith(long_bien.path)
    # The new Phường Bồ Đề took over eight former wards of Long Biên, the old one among them;
    # the code 00118 of the former Phường Ngọc Thụy is the new ward's (each in its own era).
    new_bo_de = after.get(name="Phường Bồ Đề")
    assert new_bo_de.code == "00118"
    assert Unit.objects.get(code="00118", valid_to=REFORM_DAY).name == "Phường Ngọc Thụy"
    former = Succession.objects.filter(successor=new_bo_de)
    assert former.count() == 8 and former.filter(predecessor=old_bo_de).exists()
    assert not former.filter(confirmed=True).exists()  # from the dataset, not yet checked
    assert old_bo_de.current_successors(REFORM_DAY)[0] in [new_bo_de, *after]
    assert changes.summary()["created"] == Unit.objects.count()


def test_loading_again_changes_nothing_and_a_dry_run_saves_nothing(db):
    dry = load("01", dry_run=True)
    assert dry.summary()["created"] > 600 and Unit.objects.count() == 0
    load("01")
    before = snapshot()
    again = load("01")
    assert again.summary() == {
        "created": 0,
        "updated": 0,
        "unchanged": len(official_list.read(provinces=["01"]).entries),
        "links_created": 0,
        "links_unchanged": len(before[1]),
    }
    assert snapshot() == before


def test_merged_provinces_cease_and_the_new_one_takes_them_over(db):
    load("15")
    yen_bai = Unit.objects.get(name="Tỉnh Yên Bái")
    old_lao_cai = Unit.objects.get(code="10")
    new_lao_cai = Unit.objects.get(code="15", valid_from=REFORM_DAY)
    assert (yen_bai.valid_to, old_lao_cai.valid_to) == (REFORM_DAY, REFORM_DAY)
    assert new_lao_cai.name == "Tỉnh Lào Cai" and new_lao_cai.valid_to is None
    assert set(
        Succession.objects.filter(successor=new_lao_cai).values_list("predecessor", flat=True)
    ) == {
        yen_bai.pk,
        old_lao_cai.pk,
    }


def test_units_entered_by_hand_are_found_again_by_their_code(db):
    """A tree made by hand before the list (no dates): the city is kept and the district
    found again by its code is marked as ceased, not copied."""
    nation = Unit.objects.create(code="VN", name="Việt Nam", kind=UnitKind.NATION)
    city = Unit.objects.create(
        code="01", name="Thành phố Hà Nội", kind="tp_trung_uong", parent=nation
    )
    district = Unit.objects.create(code="004", name="Quận Long Biên", kind="quan", parent=city)
    ward = Unit.objects.create(code="00139", name="Phường Bồ Đề", kind="phuong", parent=district)
    load("01")
    district.refresh_from_db()
    ward.refresh_from_db()
    assert district.valid_to == REFORM_DAY and ward.valid_to == REFORM_DAY
    assert Unit.objects.filter(code="004").count() == 1
    assert Unit.objects.filter(code="01").get() == city
    assert Unit.objects.filter(code="VN").get() == nation


def test_a_failure_midway_leaves_the_tree_as_it_was(db, monkeypatch):
    load("15")
    before = snapshot()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Succession.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        load("01")
    assert snapshot() == before


def test_the_command_says_what_it_did_in_vietnamese(db):
    out = StringIO()
    call_command("load_units", "--province", "01", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Sẽ tạo" in text and "chưa đối chiếu" in text and "Chưa lưu gì" in text
    assert Unit.objects.count() == 0
    with pytest.raises(CommandError, match="Không có tỉnh, thành phố nào mang mã 99"):
        call_command("load_units", "--province", "99", stdout=StringIO())
