"""The spending items (nội dung chi) of funds for gender equality and the advancement of women.

Source: Thông tư 191/2009/TT-BTC (01/10/2009) of the Ministry of Finance, Điều 3, read in the
Pháp điển (Điều 8.2.TT.1.3; /work/shared/research/regulations.md §5.3). It replaced Thông tư
04/2005/TT-BTC. Whether it is still in force in 2026, or has been replaced since the 2025
reorganisation, was not confirmed: REGULATION_CONFIRMED says so, and the pages show it as a
status ("not confirmed"), never as a note.

Each item's code is the clause (and point) of Điều 3 it comes from ("2b" is khoản 2 điểm b),
so a clerk can find it in the text. The state budget's own codes (mục lục ngân sách nhà nước,
Thông tư 324/2016/TT-BTC: mục and tiểu mục) for these items were not confirmed: `budget_code`
stays empty rather than guessed; the finance unit adds it when it settles the accounts
(Điều 4: the spending is settled under "quản lý hành chính nhà nước").

Rates (mức chi) are in the circular only for seminars (khoản 7); they are kept as data with
their own flag, since they are of 2009 and later conference norms may have replaced them.
"""

from dataclasses import dataclass, field
from typing import Any

REGULATION = "Thông tư số 191/2009/TT-BTC ngày 01/10/2009 của Bộ Tài chính"
# In force in 2026: not confirmed (regulations.md §5.3 [U]).
REGULATION_CONFIRMED = False


@dataclass(frozen=True)
class Rate:
    """A rate of the circular, in VND."""

    label: str
    low: int
    high: int
    article: str
    confirmed: bool


@dataclass(frozen=True)
class BudgetItem:
    code: str
    name: str
    article: str
    # The item's wording is read from the circular's text (Pháp điển).
    confirmed: bool = True
    # Mục lục ngân sách nhà nước (Thông tư 324/2016/TT-BTC): not confirmed for any item.
    budget_code: str = ""
    budget_code_confirmed: bool = False
    rates: tuple[Rate, ...] = field(default_factory=tuple)


def _item(code: str, name: str, clause: str, **more: Any) -> BudgetItem:
    return BudgetItem(code, name, f"Điều 3 {clause} {REGULATION}", **more)


# Thông tư 191/2009/TT-BTC Điều 3 khoản 7: seminar rates (2009; whether later conference
# norms replace them is not confirmed).
SEMINAR_RATES = (
    Rate("Báo cáo viên (đồng/báo cáo)", 200_000, 300_000, "Điều 3 khoản 7", False),
    Rate("Người chủ trì (đồng/người/buổi)", 150_000, 150_000, "Điều 3 khoản 7", False),
    Rate("Thư ký (đồng/người/buổi)", 100_000, 100_000, "Điều 3 khoản 7", False),
    Rate("Thành viên tham dự (đồng/người/buổi)", 70_000, 70_000, "Điều 3 khoản 7", False),
)

ITEMS: tuple[BudgetItem, ...] = (
    _item(
        "1",
        "Xây dựng văn bản quy phạm pháp luật; phản biện xã hội về bình đẳng giới, "
        "vì sự tiến bộ của phụ nữ",
        "khoản 1",
    ),
    _item("2a", "Tuyên truyền trên phương tiện thông tin đại chúng", "khoản 2 điểm a"),
    _item("2b", "Biên soạn, in ấn tài liệu tuyên truyền; bản tin của Ban", "khoản 2 điểm b"),
    _item("2c", "Tổ chức thi tìm hiểu pháp luật", "khoản 2 điểm c"),
    _item("2d", "Phổ biến, giáo dục pháp luật", "khoản 2 điểm d"),
    _item("2đ", "Hoạt động của câu lạc bộ", "khoản 2 điểm đ"),
    _item("3", "Hội nghị sơ kết, tổng kết; tôn vinh phụ nữ, điển hình tiên tiến", "khoản 3"),
    _item(
        "4",
        "Tập huấn kiến thức về giới, lồng ghép giới; bồi dưỡng nghiệp vụ cho cán bộ làm công tác "
        "bình đẳng giới",
        "khoản 4",
    ),
    _item("5", "Chỉ đạo, kiểm tra thực hiện chiến lược, chương trình, kế hoạch", "khoản 5"),
    _item("6", "Khen thưởng", "khoản 6"),
    _item("7", "Hội thảo, tọa đàm", "khoản 7", rates=SEMINAR_RATES),
    _item("8", "Giám sát thực hiện pháp luật; khảo sát, học tập kinh nghiệm", "khoản 8"),
    _item("9", "Làm thêm giờ", "khoản 9"),
    _item(
        "10a",
        "Hỗ trợ phong trào thi đua của phụ nữ; hoạt động ngày 8/3, 20/10",
        "khoản 10 điểm a",
    ),
    _item(
        "10b",
        "Hỗ trợ nữ cán bộ đi đào tạo, bồi dưỡng mang theo con dưới 36 tháng tuổi",
        "khoản 10 điểm b",
    ),
    _item("11", "Kiểm tra, rà soát văn bản quy phạm pháp luật về bình đẳng giới", "khoản 11"),
    _item("12", "Chi khác (sách, báo, văn phòng phẩm, in ấn)", "khoản 12"),
)

BY_CODE = {item.code: item for item in ITEMS}
CHOICES = [(item.code, f"{item.code}. {item.name}") for item in ITEMS]


def item_name(code: str) -> str:
    item = BY_CODE.get(code)
    return item.name if item else code
