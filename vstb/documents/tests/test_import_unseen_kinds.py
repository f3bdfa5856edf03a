"""The kinds of document the corpus has not found a public copy of (issue 13): a commune's and a
ward's documents after the July 2025 reform, a HƯỚNG DẪN, a committee's CHƯƠNG TRÌNH công tác,
a THÔNG BÁO kết luận; and titles and subjects set letter-spaced or in sentence case. Each is
written for the test, in the layout officials type it (Decree 30/2020, Appendix I), none taken
from the held half of the corpus."""

import pytest

from vstb.documents.importer import import_bytes
from vstb.documents.tests import variants


def _read(text: str) -> dict:
    return import_bytes(text.encode("utf-8"), "van-ban.txt")


def _bases(plan: dict) -> list[tuple]:
    return [(b["doc_type"], b["number"], b["symbol"], b["date"]) for b in plan["bases"]]


# Since 1 July 2025 a commune's People's Committee answers to the province: its header names
# the commune alone, no district between ("ỦY BAN NHÂN DÂN" / "XÃ TÂN PHÚ").
COMMUNE_PLAN = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN PHÚ                              Độc lập - Tự do - Hạnh phúc
Số: 38/KH-UBND                         Tân Phú, ngày 15 tháng 8 năm 2025

KẾ HOẠCH
Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ
trên địa bàn xã Tân Phú năm 2025

Căn cứ Kế hoạch số 112/KH-UBND ngày 20/7/2025 của Ủy ban nhân dân tỉnh Đồng Nai về công tác bình đẳng giới năm 2025;
Ủy ban nhân dân xã ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ
1. Tổ chức tuyên truyền trong Tháng hành động.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội chủ trì, báo cáo trước ngày 10/12/2025.

Nơi nhận:                                    TM. ỦY BAN NHÂN DÂN
- UBND tỉnh (b/c);                                   CHỦ TỊCH
- Lưu: VT.
                                                  Nguyễn Văn Hòa
"""


def test_a_communes_plan_after_the_2025_reform():
    plan = _read(COMMUNE_PLAN)
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("KH", "38", "KH-UBND")
    assert (plan["date"], plan["place"]) == ("2025-08-15", "Tân Phú")
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"}
    assert plan["subject"] == (
        "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trên địa bàn xã Tân Phú "
        "năm 2025"
    )
    assert _bases(plan) == [("KH", "112", "KH-UBND", "2025-07-20")]
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III"]
    assert plan["signer"]["lines"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert plan["warnings"] == []


def test_a_ward_committees_work_programme_a_line_per_cell():
    plan = _read(
        "UBND PHƯỜNG HÒA BÌNH\n"
        "BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 05/CTr-BVSTBPN\n"
        "Hòa Bình, ngày 02 tháng 10 năm 2025\n"
        "CHƯƠNG TRÌNH CÔNG TÁC\n"
        "của Ban Vì sự tiến bộ của phụ nữ phường Hòa Bình năm 2026\n"
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 12/9/2025 của Ủy ban nhân dân phường Hòa Bình về "
        "công tác bình đẳng giới giai đoạn 2025 - 2030, Ban xây dựng Chương trình công tác năm "
        "2026 như sau:\n"
        "I. MỤC TIÊU\n"
        "1. Bảo đảm các chỉ tiêu.\n"
        "II. NỘI DUNG CÔNG TÁC\n"
        "1. Quý I: tổ chức các hoạt động nhân Ngày Quốc tế Phụ nữ 8/3.\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
        "- Lưu: VT.\n"
        "TRƯỞNG BAN\n"
        "PHÓ CHỦ TỊCH UBND PHƯỜNG\n"
        "Lê Thị Mai\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CTr", "05", "CTr-BVSTBPN")
    assert plan["issuer"] == {
        "parent": "UBND PHƯỜNG HÒA BÌNH",
        "name": "BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ",
    }
    assert (plan["title"], plan["date"]) == ("CHƯƠNG TRÌNH", "2025-10-02")
    assert plan["subject"].endswith("phường Hòa Bình năm 2026")
    assert _bases(plan) == [("KH", "45", "KH-UBND", "2025-09-12")]
    assert plan["signer"]["name"] == "Lê Thị Mai"


def test_a_departments_guidance_to_the_communes():
    plan = _read(
        "SỞ NỘI VỤ TỈNH LÂM ĐỒNG                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "-------                                     Độc lập - Tự do - Hạnh phúc\n"
        "Số: 14/HD-SNV                          Lâm Đồng, ngày 03 tháng 11 năm 2025\n"
        "\n"
        "HƯỚNG DẪN\n"
        "Xây dựng báo cáo kết quả thực hiện mục tiêu quốc gia về bình đẳng giới năm 2025\n"
        "\n"
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n"
        "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ;\n"
        "Sở Nội vụ hướng dẫn Ủy ban nhân dân các xã, phường xây dựng báo cáo như sau:\n"
        "I. NỘI DUNG BÁO CÁO\n"
        "1. Kết quả thực hiện các chỉ tiêu.\n"
        "II. THỜI GIAN GỬI BÁO CÁO\n"
        "Gửi về Sở Nội vụ trước ngày 05/12/2025.\n"
        "\n"
        "Nơi nhận:                                    KT. GIÁM ĐỐC\n"
        "- UBND các xã, phường;                       PHÓ GIÁM ĐỐC\n"
        "- Lưu: VT, CTTN.\n"
        "                                                  Trần Thị Lan\n"
    )
    assert (plan["doc_type"], plan["number"], plan["title"]) == ("HD", "14", "HƯỚNG DẪN")
    assert plan["issuer"]["name"] == "SỞ NỘI VỤ TỈNH LÂM ĐỒNG"
    assert _bases(plan) == [(None, None, None, "2006-11-29"), ("NQ", "28", "NQ-CP", "2021-03-03")]
    assert plan["signer"]["lines"] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert (
        "Văn bản là Hướng dẫn (HD), không phải kế hoạch (KH) hay chương trình (CTr)."
        in (plan["warnings"])
    )


def test_a_wards_notice_of_its_chairs_conclusions():
    plan = _read(
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHƯỜNG AN KHÁNH                        Độc lập - Tự do - Hạnh phúc\n"
        "Số: 71/TB-UBND                          An Khánh, ngày 21 tháng 10 năm 2025\n"
        "\n"
        "THÔNG BÁO\n"
        "Kết luận của Chủ tịch Ủy ban nhân dân phường tại cuộc họp về công tác\n"
        "phòng, chống bạo lực gia đình quý III năm 2025\n"
        "\n"
        "Ngày 17/10/2025, Chủ tịch Ủy ban nhân dân phường chủ trì cuộc họp về công tác phòng, "
        "chống bạo lực gia đình. Chủ tịch UBND phường kết luận như sau:\n"
        "1. Phòng Văn hóa - Xã hội tham mưu tổ chức truyền thông trước ngày 30/11/2025.\n"
        "2. Các tổ dân phố rà soát các hộ có nguy cơ.\n"
        "\n"
        "Nơi nhận:                                    TL. CHỦ TỊCH\n"
        "- Các phòng chuyên môn;                     CHÁNH VĂN PHÒNG\n"
        "- Lưu: VT.\n"
        "                                                  Phạm Văn Dũng\n"
    )
    assert (plan["doc_type"], plan["number"], plan["title"]) == ("TB", "71", "THÔNG BÁO")
    assert plan["issuer"]["name"] == "ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH"
    assert plan["subject"] == (
        "Kết luận của Chủ tịch Ủy ban nhân dân phường tại cuộc họp về công tác phòng, chống "
        "bạo lực gia đình quý III năm 2025"
    )
    # The meeting's day in the body is not the notice's date.
    assert plan["date"] == "2025-10-21"
    assert [s["label"] for s in plan["sections"]] == ["1", "2"]


def _titled(title: str, subject: str) -> str:
    return COMMUNE_PLAN.replace(
        "KẾ HOẠCH\nThực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ\n"
        "trên địa bàn xã Tân Phú năm 2025\n",
        f"{title}\n{subject}\n",
    )


@pytest.mark.parametrize(
    ("title", "subject", "read_as"),
    [
        # Letter-spaced, words parted by two spaces: both read back as words.
        (
            "K Ế  H O Ạ C H",
            "T H Ự C  H I Ệ N  C Ô N G  T Á C  B Ì N H  Đ Ẳ N G  G I Ớ I  N Ă M  2 0 2 5",
            "THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025",
        ),
        # Letter-spaced with single spaces only: the type name still reads.
        ("K Ế H O Ạ C H", "Thực hiện công tác bình đẳng giới năm 2025", None),
        # Sentence case, and glued by a PDF's text: the title as Decree 30 prints it.
        ("Kế hoạch", "Thực hiện công tác bình đẳng giới năm 2025", None),
        ("KẾHOẠCH", "THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2025", None),
    ],
)
def test_a_title_letter_spaced_or_in_sentence_case_reads_as_printed(title, subject, read_as):
    plan = _read(_titled(title, subject))
    assert (plan["doc_type"], plan["title"]) == ("KH", "KẾ HOẠCH")
    assert plan["subject"] == (read_as or subject)
    assert plan["number"] == "38" and plan["issuer"]["name"] == "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III"]


def test_a_letter_spaced_line_that_is_no_title_is_left_as_typed():
    plan = _read(
        _titled("KẾ HOẠCH", "Thực hiện công tác năm 2025").replace(
            "II. NHIỆM VỤ\n", "II. NHIỆM VỤ\nA B C D E\n"
        )
    )
    tasks = plan["sections"][1]
    assert "A B C D E" in str(tasks)


def test_a_web_pages_title_in_sentence_case_carries_its_subject():
    plan = _read(
        "Tìm kiếm\n"
        "/UploadFiles/banner.png\n"
        "Báo cáo kết quả công tác gia đình và phòng, chống bạo lực gia đình năm 2024\n"
        "Ngày cập nhật 10/01/2025\n"
        "\n"
        "I. KẾT QUẢ ĐẠT ĐƯỢC\n"
        "1. Công tác tuyên truyền được duy trì ở các thôn, tổ dân phố.\n"
        "II. PHƯƠNG HƯỚNG NĂM 2025\n"
        "1. Nhân rộng mô hình địa chỉ tin cậy ở cộng đồng.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("BC", "BÁO CÁO")
    assert plan["subject"] == (
        "kết quả công tác gia đình và phòng, chống bạo lực gia đình năm 2024"
    )
    assert plan["date"] is None  # the page's update, not the report's date
    assert [s["label"] for s in plan["sections"]] == ["I", "II"]


@pytest.mark.parametrize(
    "line",
    [
        # A law site's summary names the document by its number: not its title.
        "Kế hoạch 203/KH-UBND năm 2017 triển khai công tác hộ tịch trên địa bàn tỉnh",
        # A sentence of the body.
        "Báo cáo kết quả về Phòng Văn hóa - Xã hội trước ngày 10/12 để tổng hợp.",
    ],
)
def test_a_line_in_sentence_case_naming_a_type_is_not_always_a_title(line):
    plan = _read(f"{line}\nCăn cứ Kế hoạch số 61/KH-UBND ngày 14/02/2020 của UBND tỉnh;\n")
    assert plan["title"] is None and plan["subject"] is None


def test_a_submissions_warning_names_its_type_in_words():
    plan = _read(
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ PHÚ LỘC                              Độc lập - Tự do - Hạnh phúc\n"
        "Số: 40/TTr-UBND                        Phú Lộc, ngày 05 tháng 9 năm 2025\n"
        "\n"
        "TỜ TRÌNH\n"
        "Về việc đề nghị phê duyệt Kế hoạch bình đẳng giới năm 2026\n"
        "\n"
        "Kính gửi: Hội đồng nhân dân xã Phú Lộc\n"
    )
    assert plan["doc_type"] == "TTr"
    assert (
        "Văn bản là Tờ trình (TTr), không phải kế hoạch (KH) hay chương trình (CTr)."
        in (plan["warnings"])
    )


def test_a_decision_cut_at_its_decides_line_has_no_articles():
    plan = _read(
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH VĨNH LONG                          Độc lập - Tự do - Hạnh phúc\n"
        "Số: 21/2023/QĐ-UBND                   Vĩnh Long, ngày 16 tháng 8 năm 2023\n"
        "QUYẾT ĐỊNH\n"
        "BAN HÀNH QUY ĐỊNH CƠ CHẾ LUÂN CHUYỂN VỐN HỖ TRỢ SẢN XUẤT CỘNG ĐỒNG\n"
        "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\n"
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n"
        "Theo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội.\n"
        "QUYẾT ĐỊNH:\n"
    )
    assert (plan["doc_type"], plan["authority"]) == ("QĐ", "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG")
    assert plan["sections"] == []
    assert _bases(plan) == [(None, None, None, "2015-06-25")]


def test_a_web_pages_title_in_sentence_case_with_a_month_in_its_subject():
    plan = _read(
        "Báo cáo tình hình kinh tế - xã hội tháng 8 năm 2018; nhiệm vụ trọng tâm tháng 9/2018\n"
        "\n"
        "    I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH THÁNG 8/2018\n"
        "    Trong tháng, Ủy ban nhân dân tập trung chỉ đạo tháo gỡ khó khăn cho doanh nghiệp.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("BC", "BÁO CÁO")
    assert plan["subject"].endswith("nhiệm vụ trọng tâm tháng 9/2018")


@pytest.mark.parametrize("dash", ["\u2011", "\u2010", "–", "—"])
def test_a_symbols_hyphen_typed_non_breaking_or_as_a_dash(dash):
    plan = _read(
        COMMUNE_PLAN.replace("38/KH-UBND", f"38/KH{dash}UBND").replace(
            "112/KH-UBND", f"112/KH{dash}UBND"
        )
    )
    assert (plan["number"], plan["symbol"], plan["doc_type"]) == ("38", "KH-UBND", "KH")
    assert _bases(plan) == [("KH", "112", "KH-UBND", "2025-07-20")]
    # A range of years keeps its dash: it is no symbol.
    plan = _read(COMMUNE_PLAN.replace("năm 2025\n\nCăn cứ", "giai đoạn 2021–2025\n\nCăn cứ"))
    assert plan["subject"].endswith("giai đoạn 2021–2025")


@pytest.mark.parametrize(
    ("number_lines", "number", "symbol"),
    [
        ("SỐ: 38/KH-UBND", "38", "KH-UBND"),
        ("SỐ:\n38/KH-UBND", "38", "KH-UBND"),  # a cell per line
        ("SỐ: …………", None, None),  # a form's blank number
    ],
)
def test_the_number_label_in_capitals(number_lines, number, symbol):
    plan = _read(
        "ỦY BAN NHÂN DÂN\n"
        "XÃ TÂN PHÚ\n"
        "-------\n"
        f"{number_lines}\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Tân Phú, ngày 15 tháng 8 năm 2025\n"
        "KẾ HOẠCH\n"
        "Thực hiện công tác bình đẳng giới năm 2025\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Nâng cao nhận thức.\n"
    )
    assert (plan["number"], plan["symbol"]) == (number, symbol)
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"}
    assert plan["date"] == "2025-08-15"


def test_a_copy_with_a_blank_line_after_every_line():
    wrapped = COMMUNE_PLAN.replace(
        "Căn cứ Kế hoạch số 112/KH-UBND ngày 20/7/2025 của Ủy ban nhân dân tỉnh Đồng Nai về ",
        "Căn cứ Kế hoạch số 112/KH-UBND ngày\n20/7/2025 của Ủy ban nhân dân tỉnh Đồng Nai về\n",
    )
    plan = _read(wrapped.replace("\n", "\n\n"))
    assert _bases(plan) == [("KH", "112", "KH-UBND", "2025-07-20")]
    assert plan["subject"].endswith("trên địa bàn xã Tân Phú năm 2025")
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III"]
    assert plan["signer"]["name"] == "Nguyễn Văn Hòa"


def test_a_letters_date_line_with_ngay_capitalised():
    plan = _read(
        "ỦY BAN NHÂN DÂN\n"
        "XÃ TÂN PHÚ\n"
        "Số: 210/UBND-VHXH\n"
        "V/v tổ chức Tháng hành động vì bình đẳng giới năm 2025\n"
        "Tân Phú, Ngày 03 tháng 11 năm 2025\n"
        "Kính gửi: Các thôn, ấp trên địa bàn xã\n"
        "Thực hiện Kế hoạch số 112/KH-UBND ngày 20/7/2025 của Ủy ban nhân dân tỉnh, Ủy ban "
        "nhân dân xã đề nghị các thôn, ấp tổ chức các hoạt động hưởng ứng.\n"
    )
    assert (plan["doc_type"], plan["date"], plan["place"]) == ("CV", "2025-11-03", "Tân Phú")
    assert plan["subject"] == "tổ chức Tháng hành động vì bình đẳng giới năm 2025"
    assert plan["recipients_to"] == ["Các thôn, ấp trên địa bàn xã"]


@pytest.mark.parametrize("bullet", ["- ", "+ ", "• "])
def test_bases_set_as_list_items(bullet):
    plan = _read(
        COMMUNE_PLAN.replace(
            "Căn cứ Kế hoạch số 112",
            f"{bullet}Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n{bullet}Căn cứ Kế hoạch số 112",
        )
    )
    assert _bases(plan) == [
        (None, None, None, "2006-11-29"),
        ("KH", "112", "KH-UBND", "2025-07-20"),
    ]
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III"]
    # Under a letter's addressees, a dashed basis is no addressee.
    letter = _read(
        "ỦY BAN NHÂN DÂN\n"
        "XÃ TÂN PHÚ\n"
        "Số: 210/UBND-VHXH\n"
        "V/v tổ chức Tháng hành động vì bình đẳng giới năm 2025\n"
        "Tân Phú, ngày 03 tháng 11 năm 2025\n"
        "Kính gửi:\n"
        "- Các thôn, ấp;\n"
        "- Hội Liên hiệp Phụ nữ xã.\n"
        f"{bullet}Thực hiện Kế hoạch số 112/KH-UBND ngày 20/7/2025 của Ủy ban nhân dân tỉnh;\n"
        "Ủy ban nhân dân xã đề nghị các đơn vị tổ chức các hoạt động hưởng ứng.\n"
    )
    assert letter["recipients_to"] == ["Các thôn, ấp", "Hội Liên hiệp Phụ nữ xã"]
    assert _bases(letter) == [("KH", "112", "KH-UBND", "2025-07-20")]


def test_bases_named_without_so():
    plan = _read(
        COMMUNE_PLAN.replace(
            "Căn cứ Kế hoạch số 112/KH-UBND ngày 20/7/2025 của Ủy ban nhân dân tỉnh Đồng Nai về "
            "công tác bình đẳng giới năm 2025;",
            "Căn cứ Nghị quyết 30c/NQ-CP ngày 08/11/2011 của Chính phủ;\n"
            "Căn cứ Kế hoạch 67-KH/TU ngày 11/6/2018 của Ban Thường vụ Tỉnh ủy triển khai Chỉ "
            "thị 21-CT/TW ngày 20/01/2018 của Ban Bí thư;\n"
            "Thực hiện Quyết định 468/QĐ-TTg ngày 02/3/2016 của Thủ tướng Chính phủ, UBND tỉnh "
            "đã ban hành Kế hoạch 129/KH-UBND ngày 14/12/2024 về bình đẳng giới.",
        )
    )
    assert _bases(plan) == [
        ("NQ", "30c", "NQ-CP", "2011-11-08"),
        ("KH", "67", "KH/TU", "2018-06-11"),
        ("CT", "21", "CT/TW", "2018-01-20"),
        ("QĐ", "468", "QĐ-TTg", "2016-03-02"),
        ("KH", "129", "KH-UBND", "2024-12-14"),
    ]


WEB_PAGE_REPORT = """\
Tìm kiếm
/UploadFiles/TuyChonLk/tailieuhdnd_230x61.png
Báo cáo tình hình kinh tế - xã hội Quý III và nhiệm vụ trọng tâm 3 tháng cuối năm 2019
Ngày cập nhật 08/10/2019

A. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2019:

I. Về phát triển kinh tế: Giá trị sản xuất ước thực hiện 9 tháng là 15.812 tỷ đồng, đạt 74,2% \
kế hoạch năm, tăng 16,8% so với cùng kỳ năm trước.

1. Dịch vụ: Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ đạt 1.652 tỷ đồng, tăng 5,3% so với \
cùng kỳ; doanh thu lưu trú, ăn uống ước đạt 348 tỷ đồng; doanh thu vận tải đạt 311 tỷ đồng.

2. Sản xuất công nghiệp - xây dựng trên địa bàn tiếp tục tăng ở các sản phẩm chủ yếu như sợi, \
bia, vật liệu xây dựng, gia công cơ khí và chế biến gỗ thành phẩm.
"""


@pytest.mark.parametrize("width", [45, 60, None])
def test_a_web_pages_image_path_does_not_join_the_title_under_it_when_wrapped(width):
    plan = _read(variants.wrapped(WEB_PAGE_REPORT, width) if width else WEB_PAGE_REPORT)
    assert (plan["doc_type"], plan["title"]) == ("BC", "BÁO CÁO")
    assert plan["subject"] == (
        "tình hình kinh tế - xã hội Quý III và nhiệm vụ trọng tâm 3 tháng cuối năm 2019"
    )
    assert plan["date"] is None


@pytest.mark.parametrize("gap", ["  ", "   "])
def test_the_closing_blocks_columns_parted_by_two_or_three_spaces(gap):
    plan = _read(
        COMMUNE_PLAN.replace(
            "Nơi nhận:                                    TM. ỦY BAN NHÂN DÂN\n"
            "- UBND tỉnh (b/c);                                   CHỦ TỊCH\n",
            f"Nơi nhận:{gap}TM. ỦY BAN NHÂN DÂN\n- UBND tỉnh (b/c);{gap}CHỦ TỊCH\n",
        )
    )
    assert plan["signer"] == {
        **plan["signer"],
        "lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        "name": "Nguyễn Văn Hòa",
    }
    assert plan["recipients"] == _read(COMMUNE_PLAN)["recipients"]


DECISION_WITH_REGULATION = """\
ỦY BAN NHÂN DÂN
XÃ TÂN PHÚ
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số:
15/QĐ-UBND
|
Tân Phú, ngày 02 tháng 9 năm 2025
|
QUYẾT ĐỊNH
BAN HÀNH
QUY ĐỊNH VỀ HOẠT ĐỘNG CỦA BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ TÂN PHÚ
ỦY BAN NHÂN DÂN XÃ TÂN PHÚ
Căn cứ Luật Bình đẳng giới ngày 29/11/2006;
Xét đề nghị của Trưởng phòng Văn hóa - Xã hội,
QUYẾT ĐỊNH:
Điều 1.
Ban hành kèm theo Quyết định này Quy định về hoạt động của Ban Vì sự tiến bộ của phụ nữ xã.
Điều 2.
Quyết định này có hiệu lực kể từ ngày ký./.
|
TM.
ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Hòa
|
QUY ĐỊNH
VỀ HOẠT ĐỘNG CỦA BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ TÂN PHÚ
(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 02 tháng 9 năm 2025 của UBND xã Tân Phú)
Điều 1. Phạm vi điều chỉnh
Quy định này quy định hoạt động của Ban.
"""


def test_a_decision_issuing_a_regulation_signed_for_the_committee_a_cell_per_line():
    plan = _read(DECISION_WITH_REGULATION)
    decision = plan.get("issued_by") or plan
    assert (decision["doc_type"], decision["number"]) == ("QĐ", "15")
    assert decision["subject"] == (
        "BAN HÀNH QUY ĐỊNH VỀ HOẠT ĐỘNG CỦA BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ TÂN PHÚ"
    )
    assert decision["signer"]["lines"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert [s["label"] for s in decision["sections"]] == ["Điều 1", "Điều 2"]
    assert [a["title"] for a in decision["annexes"]] == ["QUY ĐỊNH"]


def test_a_decisions_subject_wrapped_before_quy_dinh_is_no_regulation():
    cut = DECISION_WITH_REGULATION[: DECISION_WITH_REGULATION.index("|\nQUY ĐỊNH\n")]
    decision = _read(cut)
    assert decision["doc_type"] == "QĐ" and decision.get("annexes") == []
    assert decision["subject"].startswith("BAN HÀNH QUY ĐỊNH VỀ HOẠT ĐỘNG")
    assert decision["signer"]["lines"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


@pytest.mark.parametrize(
    ("national", "number_label"), [("CỘNG HOÀ XÃ HỘI", "Số:"), ("CỘNG HÒA XÃ HỘI", "SỐ:")]
)
def test_a_whole_decision_on_one_line_with_the_old_spelling_or_so_in_capitals(
    national, number_label
):
    plan = _read(
        f"BỘ VĂN HÓA, THỂ THAO {national} CHỦ NGHĨA VIỆT NAM VÀ DU LỊCH Độc lập – Tự "
        f"do – Hạnh phúc ******* ******* {number_label} 41/2008/QĐ-BVHTTDL Hà Nội, ngày 12 "
        "tháng 6 năm 2008 QUYẾT ĐỊNH BAN HÀNH HỆ THỐNG CHỈ TIÊU CÔNG TÁC GIA ĐÌNH CỦA CẤP TỈNH "
        "BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH Căn cứ Nghị định số 185/2007/NĐ-CP ngày 25 "
        "tháng 12 năm 2007 của Chính phủ; Xét đề nghị của Vụ trưởng Vụ Gia đình, QUYẾT ĐỊNH "
        "Điều 1. Ban hành kèm theo Quyết định này hệ thống chỉ tiêu công tác gia đình.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["date"]) == ("QĐ", "41", "2008-06-12")
    assert plan["subject"] == "BAN HÀNH HỆ THỐNG CHỈ TIÊU CÔNG TÁC GIA ĐÌNH CỦA CẤP TỈNH"
    assert [b["number"] for b in plan["bases"]] == ["185"]


def test_bases_numbered_as_a_list():
    plan = _read(
        COMMUNE_PLAN.replace(
            "Căn cứ Kế hoạch số 112",
            "1. Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n2. Căn cứ Kế hoạch số 112",
        )
    )
    assert _bases(plan) == [
        (None, None, None, "2006-11-29"),
        ("KH", "112", "KH-UBND", "2025-07-20"),
    ]
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III"]
    decision = _read(
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH VĨNH LONG                          Độc lập - Tự do - Hạnh phúc\n"
        "Số: 21/2023/QĐ-UBND                   Vĩnh Long, ngày 16 tháng 8 năm 2023\n"
        "QUYẾT ĐỊNH\n"
        "BAN HÀNH QUY ĐỊNH CƠ CHẾ LUÂN CHUYỂN VỐN HỖ TRỢ SẢN XUẤT CỘNG ĐỒNG\n"
        "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\n"
        "1. Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n"
        "2. Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19 tháng 4 năm 2022 của Chính phủ;\n"
        "Theo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội.\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy định cơ chế luân chuyển vốn.\n"
    )
    assert decision["authority"] == "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"
    assert decision["subject"].endswith("VỐN HỖ TRỢ SẢN XUẤT CỘNG ĐỒNG")
    assert _bases(decision) == [
        (None, None, None, "2015-06-25"),
        ("NĐ", "27", "2022/NĐ-CP", "2022-04-19"),
    ]
    assert [s["label"] for s in decision["sections"]] == ["Điều 1"]


def test_bases_whose_words_a_pdf_glued_together():
    plan = _read(
        COMMUNE_PLAN.replace(
            "Căn cứ Kế hoạch số 112/KH-UBND ngày 20/7/2025 của Ủy ban nhân dân tỉnh Đồng Nai về "
            "công tác bình đẳng giới năm 2025;",
            "Căncứ Luật Bình đẳng giớingày 29/11/2006;\n"
            "Căn cứ Quyết địnhsố 2351/QĐ-TTgngày 24/12/2010 của Thủ tướng Chínhphủ;\n"
            "Thựchiện Kế hoạch số 112/KH-UBND ngày 20/7/2025 của Ủy ban nhân dân tỉnh;",
        )
    )
    assert _bases(plan) == [
        (None, None, None, "2006-11-29"),
        ("QĐ", "2351", "QĐ-TTg", "2010-12-24"),
        ("KH", "112", "KH-UBND", "2025-07-20"),
    ]
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III"]


def test_a_decisions_authority_and_signature_whose_capitals_a_pdf_glued():
    plan = _read(
        "ỦYBAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH VĨNH LONG                          Độc lập - Tự do - Hạnh phúc\n"
        "Số: 21/QĐ-UBND                        Vĩnh Long, ngày 16 tháng 8 năm 2023\n"
        "QUYẾTĐỊNH\n"
        "BANHÀNH KẾ HOẠCH BÌNH ĐẲNG GIỚI NĂM 2024\n"
        "ỦYBAN NHÂNDÂN TỈNH VĨNH LONG\n"
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bình đẳng giới năm 2024./.\n"
        "Nơi nhận:                                    TM. ỦYBAN NHÂN DÂN\n"
        "- Như Điều 1;                                   KT. CHỦTỊCH\n"
        "- Lưu: VT.                                      PHÓ CHỦTỊCH\n"
        "                                                  Trần Văn Tân\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("QĐ", "QUYẾT ĐỊNH")
    assert plan["issuer"]["name"] == "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"
    assert plan["subject"] == "BAN HÀNH KẾ HOẠCH BÌNH ĐẲNG GIỚI NĂM 2024"
    assert plan["authority"] == "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"
    assert plan["signer"]["lines"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_a_number_line_led_by_the_type_name_and_a_resolutions_articles():
    plan = _read(COMMUNE_PLAN.replace("Số: 38/KH-UBND  ", "Kế hoạch số: 38/KH-UBND  "))
    assert (plan["number"], plan["symbol"]) == ("38", "KH-UBND")
    resolution = _read(
        "HỘI ĐỒNG NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH ĐỒNG NAI                          Độc lập - Tự do - Hạnh phúc\n"
        "Nghị quyết số: 15/2025/NQ-HĐND         Đồng Nai, ngày 10 tháng 12 năm 2025\n"
        "\n"
        "NGHỊ QUYẾT\n"
        "Quy định mức chi hỗ trợ công tác bình đẳng giới trên địa bàn tỉnh\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI\n"
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n"
        "Xét Tờ trình số 120/TTr-UBND ngày 20/11/2025 của Ủy ban nhân dân tỉnh;\n"
        "QUYẾT NGHỊ:\n"
        "Điều 1. Quy định mức chi hỗ trợ công tác bình đẳng giới.\n"
        "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này./.\n"
    )
    assert (resolution["doc_type"], resolution["number"]) == ("NQ", "15")
    assert resolution["symbol"] == "2025/NQ-HĐND"
    assert resolution["authority"] == "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI"
    assert _bases(resolution) == [(None, None, None, "2006-11-29")]
    assert [s["label"] for s in resolution["sections"]] == ["Điều 1", "Điều 2"]
    # A web page's title naming a document by its number has no colon: no number line.
    page = _read("Quyết định số 1544/2019/QĐ-UBND tỉnh Cà Mau\n" + COMMUNE_PLAN)
    assert (page["number"], page["symbol"]) == ("38", "KH-UBND")


def _headed(issuer_lines: str) -> str:
    """A plan whose header's cells are one a line, under the issuer's lines given."""
    return (
        f"{issuer_lines}\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-BCH\n"
        "Đồng Nai, ngày 03 tháng 9 năm 2025\n"
        "KẾ HOẠCH\n"
        "Tuyên truyền về bình đẳng giới năm 2025\n"
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n"
        "I. MỤC ĐÍCH\n"
        "1. Nâng cao nhận thức.\n"
    )


# A PDF's text glues a level of local government to the word beside it in the header.
@pytest.mark.parametrize(
    ("issuer_lines", "parent", "name"),
    [
        ("UBNDTỈNH QUẢNG TRỊ\nSỞ Y TẾ", "UBND TỈNH QUẢNG TRỊ", "SỞ Y TẾ"),
        ("ỦY BAN NHÂN DÂN\nTỈNHNINH THUẬN", None, "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"),
        ("ỦY BAN NHÂN DÂNHUYỆN\nTHANH OAI", None, "ỦY BAN NHÂN DÂN HUYỆN THANH OAI"),
        ("UBNDXÃ TÂN PHÚ", None, "UBND XÃ TÂN PHÚ"),
    ],
)
def test_a_level_of_local_government_that_a_pdf_glued_in_the_header(issuer_lines, parent, name):
    plan = _read(_headed(issuer_lines))
    assert plan["issuer"] == {"parent": parent, "name": name}
    assert (plan["number"], plan["symbol"]) == ("12", "KH-BCH")


def test_a_symbol_whose_letters_name_a_level_is_left_as_typed():
    plan = _read(_headed("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐỒNG XOÀI").replace("KH-BCH", "KH-UBNDTP"))
    assert (plan["number"], plan["symbol"]) == ("12", "KH-UBNDTP")


@pytest.mark.parametrize(
    ("issuer_lines", "parent", "name"),
    [
        ("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI", None, "ỦY BAN THƯỜNG VỤ QUỐC HỘI"),
        (
            "HỘI LHPN VIỆT NAM\nBAN CHẤP HÀNH\nHỘI LHPN TỈNH ĐỒNG NAI",
            "HỘI LHPN VIỆT NAM",
            "BAN CHẤP HÀNH HỘI LHPN TỈNH ĐỒNG NAI",
        ),
    ],
)
def test_a_standing_or_executive_committees_name_over_two_lines(issuer_lines, parent, name):
    plan = _read(_headed(issuer_lines))
    assert plan["issuer"] == {"parent": parent, "name": name}
    assert (plan["number"], plan["date"]) == ("12", "2025-09-03")


def test_a_peoples_council_resolution_with_its_term_and_session_under_the_council():
    plan = _read(
        "HỘI ĐỒNG NHÂN DÂN\n"
        "TỈNH ĐỒNG NAI\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 21/2025/NQ-HĐND\n"
        "Đồng Nai, ngày 10 tháng 12 năm 2025\n"
        "NGHỊ QUYẾT\n"
        "QUY ĐỊNH MỨC CHI HỖ TRỢ CÔNG TÁC BÌNH ĐẲNG GIỚI VÀ VÌ SỰ TIẾN BỘ CỦA\n"
        "PHỤ NỮ TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI\n"
        "KHÓA X, KỲ HỌP THỨ 5\n"
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n"
        "Xét Tờ trình số 120/TTr-UBND ngày 20/11/2025 của Ủy ban nhân dân tỉnh;\n"
        "QUYẾT NGHỊ:\n"
        "Điều 1. Quy định mức chi hỗ trợ công tác bình đẳng giới.\n"
        "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này./.\n"
    )
    assert plan["subject"] == (
        "QUY ĐỊNH MỨC CHI HỖ TRỢ CÔNG TÁC BÌNH ĐẲNG GIỚI VÀ VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TRÊN ĐỊA "
        "BÀN TỈNH ĐỒNG NAI"
    )
    assert plan["authority"] == "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI"
    assert _bases(plan) == [(None, None, None, "2006-11-29")]
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2"]


@pytest.mark.parametrize("open_word", ["CÁC", "CỦA", "NHỮNG"])
def test_a_subject_cut_after_a_word_that_cannot_end_it_before_a_type_name(open_word):
    plan = _read(
        _headed("ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ").replace(
            "Tuyên truyền về bình đẳng giới năm 2025\n",
            f"TRIỂN KHAI {open_word}\nCHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA NĂM 2025\n",
        )
    )
    assert (plan["doc_type"], plan["title"]) == ("KH", "KẾ HOẠCH")
    assert plan["subject"] == f"TRIỂN KHAI {open_word} CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA NĂM 2025"
    assert _bases(plan) == [(None, None, None, "2006-11-29")]


@pytest.mark.parametrize(
    "page_heading",
    [
        "KẾ HOẠCH Tuyên truyền về bình đẳng giới năm 2025",
        "KẾ HOẠCH TUYÊN TRUYỀN VỀ BÌNH ĐẲNG GIỚI NĂM 2025",
        "KẾ HOẠCH",
    ],
)
def test_a_web_pages_heading_naming_the_document_above_its_header(page_heading):
    # The page prints its own heading, then the document from its header on.
    plan = _read(f"Trang thông tin điện tử\n{page_heading}\n\n" + _headed("UBND XÃ TÂN PHÚ"))
    assert (plan["doc_type"], plan["number"], plan["date"]) == ("KH", "12", "2025-09-03")
    assert plan["issuer"] == {"parent": None, "name": "UBND XÃ TÂN PHÚ"}
    assert plan["subject"] == "Tuyên truyền về bình đẳng giới năm 2025"
    assert _bases(plan) == [(None, None, None, "2006-11-29")]


def test_a_plan_named_by_the_years_it_spans_inside_a_bases_title_is_no_basis():
    plan = _read(
        _headed("UBND XÃ TÂN PHÚ").replace(
            "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n",
            "Thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về phát động "
            "thi đua thực hiện nhiệm vụ hằng năm và Kế hoạch 5 năm (2021 - 2025) và Kế hoạch số "
            "16/KH-HĐTĐKT ngày 31/8/2021 của Hội đồng Thi đua - Khen thưởng Trung ương, Ủy ban "
            "nhân dân xã ban hành Kế hoạch như sau:\n",
        )
    )
    assert _bases(plan) == [
        ("CT", "19", "CT-TTg", "2021-07-16"),
        ("KH", "16", "KH-HĐTĐKT", "2021-08-31"),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("CỦA BAN CHỈ ĐẠO CÔNG TÁC DÂN SỐ -", "KẾ HOẠCH HÓA GIA ĐÌNH TỈNH TUYÊN QUANG"),
        ("PHỐI HỢP THỰC HIỆN CÁC", "CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA TỈNH TUYÊN QUANG"),
    ],
)
def test_a_decisions_subject_wrapped_before_a_type_name_inside_it_issues_nothing(first, second):
    plan = _read(
        "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 1432/QĐ-UBND\nTuyên Quang, ngày 19 tháng 7 năm 2014\n"
        "QUYẾT ĐỊNH\n"
        f"BAN HÀNH QUY CHẾ HOẠT ĐỘNG {first}\n{second}\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
    )
    assert "issued_by" not in plan
    assert (plan["doc_type"], plan["number"]) == ("QĐ", "1432")
    assert plan["subject"] == f"BAN HÀNH QUY CHẾ HOẠT ĐỘNG {first} {second}"
    assert plan["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG"
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2"]


def test_a_party_committees_notice_with_its_star_beside_the_date():
    plan = _read(
        "ĐẢNG BỘ TỈNH ĐỒNG NAI                    ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "ĐẢNG ỦY XÃ TÂN PHÚ\n"
        "          *                        Tân Phú, ngày 15 tháng 8 năm 2025\n"
        "Số 125-TB/ĐU\n"
        "\n"
        "THÔNG BÁO\n"
        "KẾT LUẬN CỦA BAN THƯỜNG VỤ ĐẢNG ỦY XÃ\n"
        "về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ\n"
        "\n"
        "Ngày 12/8/2025, Ban Thường vụ Đảng ủy xã họp, kết luận như sau:\n"
        "1. Ủy ban nhân dân xã xây dựng kế hoạch trước ngày 30/9/2025.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("TB", "125", "TB/ĐU")
    assert (plan["date"], plan["place"]) == ("2025-08-15", "Tân Phú")
    assert plan["issuer"] == {"parent": "ĐẢNG BỘ TỈNH ĐỒNG NAI", "name": "ĐẢNG ỦY XÃ TÂN PHÚ"}


NOTICE_OF_CONCLUSIONS = """\
UBND XÃ TÂN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
VĂN PHÒNG HĐND VÀ UBND | Độc lập - Tự do - Hạnh phúc |
Số: 112/TB-VP | Tân Phú, ngày 21 tháng 10 năm 2025 |
THÔNG BÁO
Kết luận của đồng chí Chủ tịch UBND xã tại cuộc họp
Ban Vì sự tiến bộ của phụ nữ xã quý III năm 2025
{opening}
1. Phòng Văn hóa - Xã hội tham mưu tổ chức truyền thông trước ngày 30/11/2025.
"""


@pytest.mark.parametrize(
    "opening",
    [
        "Ngày 17/10/2025, đồng chí Chủ tịch UBND xã chủ trì cuộc họp, kết luận như sau:",
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 12/9/2025 của Ủy ban nhân dân xã;",
    ],
)
def test_a_subject_in_sentence_case_wrapped_before_a_name_with_a_capital(opening):
    plan = _read(NOTICE_OF_CONCLUSIONS.format(opening=opening))
    assert (plan["doc_type"], plan["number"]) == ("TB", "112")
    assert plan["subject"] == (
        "Kết luận của đồng chí Chủ tịch UBND xã tại cuộc họp Ban Vì sự tiến bộ của phụ nữ xã "
        "quý III năm 2025"
    )
    assert [s["label"] for s in plan["sections"]] == ["1"]


def test_a_web_pages_date_line_under_a_subject_is_not_part_of_it():
    plan = _read(
        NOTICE_OF_CONCLUSIONS.format(
            opening="Ngày 17/10/2025, đồng chí Chủ tịch kết luận:"
        ).replace(
            "Ban Vì sự tiến bộ của phụ nữ xã quý III năm 2025\n", "Ngày cập nhật 22/10/2025\n"
        )
    )
    assert plan["subject"] == "Kết luận của đồng chí Chủ tịch UBND xã tại cuộc họp"


def test_a_letters_basis_ends_before_what_the_letter_asks():
    plan = _read(
        _headed("UBND XÃ TÂN PHÚ").replace(
            "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n",
            "Thực hiện Kế hoạch số 45/KH-UBND ngày 12/11/2025 của Ủy ban nhân dân tỉnh về Tháng "
            "hành động vì bình đẳng giới, Ủy ban nhân dân xã đề nghị các thôn quan tâm.\n",
        )
    )
    [basis] = plan["bases"]
    assert basis["text"] == (
        "Kế hoạch số 45/KH-UBND ngày 12/11/2025 của Ủy ban nhân dân tỉnh về Tháng hành động vì "
        "bình đẳng giới"
    )


@pytest.mark.parametrize("line_break", ["<br>", "<br/>", "<BR />"])
def test_a_markdown_tables_header_with_line_breaks_in_its_cells(line_break):
    plan = _read(
        f"| ỦY BAN NHÂN DÂN{line_break}XÃ TÂN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        f"{line_break}Độc lập - Tự do - Hạnh phúc |\n"
        "|---|---|\n"
        f"| Số: 38/KH-UBND | Tân Phú, ngày 15 tháng 8{line_break}năm 2025 |\n"
        "\n"
        "KẾ HOẠCH\n"
        "Thực hiện công tác bình đẳng giới năm 2025\n"
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\n"
        "I. MỤC ĐÍCH\n"
        "1. Nâng cao nhận thức.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"}
    assert (plan["number"], plan["date"], plan["place"]) == ("38", "2025-08-15", "Tân Phú")
    assert plan["subject"] == "Thực hiện công tác bình đẳng giới năm 2025"


# A reporting form (biểu mẫu) of a circular, filled in by a district office: no header table,
# the form's number and circular above its title, its place and date above the signers.
REPORT_FORM = """\
Biểu số: 02/BC-H
Ban hành kèm theo Thông tư số 23/2011/TT-BVHTTDL ngày 30/12/2011
BÁO CÁO TỔNG HỢP THÔNG TIN VỀ GIA ĐÌNH VÀ PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH
(Năm 2024)
Đơn vị báo cáo: Phòng Văn hóa và Thông tin huyện Tân Lạc
Đơn vị nhận báo cáo: Sở Văn hóa, Thể thao và Du lịch tỉnh Hòa Bình
I. THÔNG TIN VỀ GIA ĐÌNH
1. Tổng số hộ gia đình: 20.150 hộ
II. THÔNG TIN VỀ BẠO LỰC GIA ĐÌNH
1. Số vụ bạo lực gia đình: 12 vụ
Tân Lạc, ngày 10 tháng 01 năm 2025
TRƯỞNG PHÒNG
Bùi Thị Hạnh
"""


def test_a_report_form_dated_above_its_signature():
    plan = _read(REPORT_FORM)
    assert (plan["doc_type"], plan["title"]) == ("BC", "BÁO CÁO")
    assert (plan["date"], plan["place"]) == ("2025-01-10", "Tân Lạc")
    assert plan["signer"] == {"lines": ["TRƯỞNG PHÒNG"], "name": "Bùi Thị Hạnh"}
    assert [s["label"] for s in plan["sections"][:2]] == ["I", "II"]


def test_a_date_inside_the_last_sentence_is_not_the_documents_date():
    plan = _read(
        REPORT_FORM.replace(
            "Tân Lạc, ngày 10 tháng 01 năm 2025\n",
            "Số liệu tính đến ngày 31 tháng 12 năm 2024, gồm cả các xã sáp nhập.\n",
        )
    )
    assert plan["date"] is None
