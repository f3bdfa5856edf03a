"""A unit's names as documents and pages write them: the place of the date line (Decree
30/2020/NĐ-CP, Appendix I, II.4.a), the name inside a sentence, the code shown, the file name."""

from datetime import date

import pytest

from vstb.org.models import LEVEL_OF_KIND, Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "kind", "place"),
    [
        ("Quận Long Biên", "quan", "Long Biên"),
        ("Thành phố Hà Nội", "tp_trung_uong", "Hà Nội"),
        ("Thị xã Bỉm Sơn", "thi_xa", "Bỉm Sơn"),
        ("Phường Bồ Đề", "phuong", "Bồ Đề"),
        ("Đặc khu Côn Đảo", "dac_khu", "Côn Đảo"),
        # Named by a number or after a person: the full name.
        ("Phường 1", "phuong", "Phường 1"),
        ("Thành phố Hồ Chí Minh", "tp_trung_uong", "Thành phố Hồ Chí Minh"),
        # The national level's bodies sit in the capital.
        ("Việt Nam", "quoc_gia", "Hà Nội"),
    ],
)
def test_the_place_of_the_date_line(name, kind, place):
    unit = Unit(name=name, kind=kind, level=LEVEL_OF_KIND[kind])
    assert unit.place_name == place


def test_names_in_text_codes_and_file_names():
    ward = Unit(name="Phường Việt Hưng", kind="phuong", code="TAM-01-2025-01", level=3)
    assert ward.name_in_text == "phường Việt Hưng"
    assert ward.shown_code == "" and ward.code_note == ""
    assert ward.file_stem == "phuong-viet-hung"
    old = Unit(name="Phường Bồ Đề", kind="phuong", code="00139", level=3)
    assert old.shown_code == "00139" and old.code_note == " (mã 00139)"


def test_units_that_existed_during_a_year(world):
    world.district.valid_to = date(2025, 7, 1)
    world.district.save()
    in_2026 = Unit.objects.valid_during(date(2026, 1, 1), date(2026, 12, 31))
    in_2025 = Unit.objects.valid_during(date(2025, 1, 1), date(2025, 12, 31))
    assert world.district not in in_2026 and world.district in in_2025
    assert world.district.exists_during(date(2025, 1, 1), date(2025, 12, 31))
    assert not world.district.exists_during(date(2026, 1, 1), date(2026, 12, 31))
