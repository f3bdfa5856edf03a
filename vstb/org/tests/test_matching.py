"""Agency names as officials write them resolve to one agency of the unit."""

from types import SimpleNamespace

import pytest

from vstb.org.matching import canonical, find_agency

LONG_BIEN = [
    SimpleNamespace(
        name="Phòng Lao động – Thương binh và Xã hội quận Long Biên", short_name="Phòng LĐTBXH quận"
    ),
    SimpleNamespace(name="Phòng Tư pháp quận Long Biên", short_name="Phòng Tư pháp"),
    SimpleNamespace(name="Phòng Văn hóa và Thông tin quận Long Biên", short_name="Phòng VHTT"),
    SimpleNamespace(name="Phòng Giáo dục và Đào tạo quận Long Biên", short_name="Phòng GD&ĐT"),
    SimpleNamespace(name="Hội Liên hiệp Phụ nữ quận Long Biên", short_name="Hội LHPN quận"),
    SimpleNamespace(name="Ủy ban nhân dân quận Long Biên", short_name="UBND quận"),
    SimpleNamespace(name="Liên đoàn Lao động quận Long Biên", short_name="LĐLĐ quận"),
]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Phòng Lao động TB&XH quận", 0),
        ("Phòng LĐTBXH", 0),
        ("Phòng Lao động – Thương binh và Xã hội Thành phố", 0),
        ("phong lao dong thuong binh va xa hoi", 0),  # typed without diacritics
        ("P.LĐTBXH", 0),
        ("Phòng Tư pháp quận", 1),
        ("Phòng Văn hoá Thông tin quận", 2),
        ("Phòng Giáo dục & Đào tạo quận", 3),
        ("Đề nghị Hội Liên hiệp phụ nữ quận", 4),
        ("Hội LHPN", 4),
        ("Liên đoàn Lao động quận", 6),
    ],
)
def test_written_names_resolve_to_one_agency(written, expected):
    assert find_agency(LONG_BIEN, written, place="Long Biên") is LONG_BIEN[expected]


@pytest.mark.parametrize(
    "written", ["UBND các phường", "Công an quận", "Ban Vì sự tiến bộ của phụ nữ các quận, huyện"]
)
def test_names_of_other_bodies_match_nothing(written):
    assert find_agency(LONG_BIEN, written, place="Long Biên") is None


def test_canonical_form():
    assert canonical("Phòng LĐ-TB&XH huyện") == "phong lao dong thuong binh xa hoi"
