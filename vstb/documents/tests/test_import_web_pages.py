"""Documents as officials copy them from the web pages that publish them (issue 13): the page's
own lines before the header (a login notice, a list of related documents, a table of the
document's details, a headline and its category), a page's number glued to the issuer, and
the ways such copies write a blank number, a signer's double office, a deputy's position, a
list of decrees under one name and a law named inside another document's title."""

import pytest

from vstb.documents.importer import import_bytes


def _read(text: str) -> dict:
    return import_bytes(text.encode("utf-8"), "van-ban.txt")


# A plan whose page lost its title and subject: its header squeezed into two "|" rows, the body
# straight under them.
_PIPE_HEADER = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 142/KH-UBND | Phú Yên, ngày 18 tháng 8 năm 2023 |
Thực hiện Quyết định số 1019/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch trợ giúp xã hội năm 2023 như sau:
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm người khuyết tật được trợ giúp kịp thời.
"""

# What pages publishing documents put above them, each as such a page prints it.
_PAGE_BEFORE = {
    "login notice": (
        "Để dùng đầy đủ các tiện ích của trang văn bản, vui lòng chọn và đăng ký một gói dịch vụ.\n"
        "Nếu bạn đã là thành viên. Vui lòng ĐĂNG NHẬP để đọc tiếp.\n"
    ),
    "related documents": (
        "- 1Luật Người khuyết tật 2010\n"
        "- 2Nghị định 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo"
        " trợ xã hội\n"
        "- 3Quyết định 1019/QĐ-TTg năm 2018 phê duyệt Đề án trợ giúp xã hội do Thủ tướng"
        " Chính phủ ban hành\n"
    ),
    "details table": (
        "Kế hoạch 142/KH-UBND năm 2023 trợ giúp xã hội tỉnh Phú Yên\n"
        "Số hiệu | 142/KH-UBND |\n"
        "Ngày ban hành | 18/08/2023 |\n"
        "Loại văn bản | Kế hoạch |\n"
        "Cơ quan ban hành | Tỉnh Phú Yên |\n"
        "Người ký | Đào Mỹ |\n"
    ),
}


@pytest.mark.parametrize("before", _PAGE_BEFORE.values(), ids=_PAGE_BEFORE.keys())
def test_a_web_pages_own_lines_before_the_header_are_left_out(before):
    plan = _read(before + _PIPE_HEADER)
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("KH", "142", "KH-UBND")
    assert (plan["date"], plan["place"]) == ("2023-08-18", "Phú Yên")
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN"}
    # the page's list of related documents is not what the plan carries out
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("QĐ", "1019")]
    assert any("trang web" in warning for warning in plan["warnings"])


def test_the_national_name_wrapped_in_its_cell_still_marks_where_the_header_starts():
    # each cell on a line of its own ending in "|", the national name's cell wrapped
    header = _PIPE_HEADER.replace(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 142/KH-UBND | Phú Yên",
        "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\nSố: 142/KH-UBND |\nPhú Yên",
    )
    plan = _read(_PAGE_BEFORE["details table"] + header)
    assert (plan["number"], plan["symbol"], plan["date"]) == ("142", "KH-UBND", "2023-08-18")


def test_a_header_without_a_page_before_it_is_read_whole_and_without_a_note():
    plan = _read(_PIPE_HEADER)
    assert (plan["number"], plan["issuer"]["name"]) == ("142", "ỦY BAN NHÂN DÂN")
    assert not any("trang web" in warning for warning in plan["warnings"])


def test_a_letter_flattened_left_cell_first_keeps_its_number_before_the_national_name():
    # what stands before the national name holds the header's fields: nothing is left out
    plan = _read(
        "SỞ Y TẾ\nSố: 77/SYT-NVY\nV/v tiêm chủng mở rộng năm 2024\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Lào Cai, ngày 02 tháng 02 năm 2024\n"
        "Kính gửi: Các trung tâm y tế huyện.\n"
        "Sở Y tế đề nghị các đơn vị báo cáo trước ngày 20/02/2024.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CV", "77", "SYT-NVY")
    assert plan["issuer"]["name"] == "SỞ Y TẾ"
    assert plan["subject"] == "tiêm chủng mở rộng năm 2024"
    assert not any("trang web" in warning for warning in plan["warnings"])


def test_a_headline_and_its_category_above_a_notice_with_a_blank_number():
    plan = _read(
        "TẠM DỪNG TIẾP CÔNG DÂN ĐỊNH KỲ THÁNG 8\n\n"
        "Tin tức - Sự kiện\n\n"
        "ỦY BAN NHÂN DÂN\n\nPHƯỜNG AN HẢI\n\n––––––\n\n"
        "Số:         / TB-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập – Tự do – Hạnh phúc\n\n"
        "An Hải, ngày 05 tháng 8 năm 2025\n\n"
        "THÔNG BÁO\n\nVề việc tạm dừng tiếp công dân định kỳ tháng 8 năm 2025\n\n"
        "Ủy ban nhân dân phường An Hải thông báo như sau:\n"
        "1. Tạm dừng tiếp công dân định kỳ từ ngày 10/8/2025.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI"}
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("TB", None, "TB-UBND")
    assert plan["subject"] == "Về việc tạm dừng tiếp công dân định kỳ tháng 8 năm 2025"


def test_a_pages_number_glued_to_the_issuer_and_symbols_typed_with_spaces_and_dashes():
    plan = _read(
        "Trang 1UỶ BAN NHÂN DÂN\nXÃ TÂN THÀNH\nSố: 58 /TTr - UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Tân Thành, ngày 14 tháng 10 năm 2024\n"
        "TỜ TRÌNH\n"
        "Về việc đề nghị công nhận xã Tân Thành đạt chuẩn\n"
        "Phổ cập giáo dục mầm non cho trẻ em năm tuổi và Xóa mù chữ mức độ 2\n"
        "năm 2024\n"
        "Kính gửi: - Ủy ban nhân dân huyện Đồng Phú\n"
        "- Phòng Giáo dục và Đào tạo huyện Đồng Phú Căn cứ Luật Giáo dục ngày 14/6/2019;\n"
        "Căn cứ Kế hoạch số 31/KH – BCĐ ngày 09 tháng 01 năm 2024 của Ban Chỉ đạo phổ cập"
        " giáo dục huyện Đồng Phú;\n"
        "Ủy ban nhân dân xã Tân Thành kính trình Ủy ban nhân dân huyện xem xét.\n"
    )
    assert plan["issuer"]["name"] == "UỶ BAN NHÂN DÂN XÃ TÂN THÀNH"
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("TTr", "58", "TTr-UBND")
    assert plan["subject"] == (
        "Về việc đề nghị công nhận xã Tân Thành đạt chuẩn Phổ cập giáo dục mầm non cho trẻ em"
        " năm tuổi và Xóa mù chữ mức độ 2 năm 2024"
    )
    assert plan["recipients_to"] == [
        "Ủy ban nhân dân huyện Đồng Phú",
        "Phòng Giáo dục và Đào tạo huyện Đồng Phú",
    ]
    assert [(b["doc_type"], b["number"], b["symbol"], b["date"]) for b in plan["bases"]] == [
        (None, None, None, "2019-06-14"),
        ("KH", "31", "KH-BCĐ", "2024-01-09"),
    ]


_LETTER_HEAD = """\
VĂN PHÒNG CHÍNH PHỦ
*****
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc
Số: 4120/VPCP-KGVX
V/v hội nghị tổng kết công tác gia đình năm 2023
Hà Nội, ngày 11 tháng 12 năm 2023
Kính gửi: Bộ Văn hóa, Thể thao và Du lịch.
Phó Thủ tướng đồng ý tổ chức hội nghị trong tháng 01 năm 2024./.
Nơi nhận:
- Như trên;
- Lưu: VT, KGVX.
"""


def test_a_signer_holding_two_offices_one_after_a_comma():
    plan = _read(_LETTER_HEAD + "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆMLê Minh Khôi\n")
    assert plan["signer"] == {
        "lines": ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"],
        "name": "Lê Minh Khôi",
    }


@pytest.mark.parametrize(
    "head", ["HIỆU TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "CHÁNH THANH TRA", "VIỆN TRƯỞNG"]
)
def test_a_deputys_position_run_onto_the_line_of_the_head_signed_for(head):
    plan = _read(_LETTER_HEAD + f"KT. {head} PHÓ {head} Lê Minh Khôi\n")
    assert plan["signer"] == {"lines": [f"KT. {head}", f"PHÓ {head}"], "name": "Lê Minh Khôi"}


_DECISION = """\
ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 52/2024/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày 20 tháng 9 năm 2024
QUYẾT ĐỊNH
Ban hành Quy định về khen thưởng phong trào thi đua
ỦY BAN NHÂN DÂN TỈNH
{grounds}
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định về khen thưởng phong trào thi đua.
Điều 2. Quyết định này có hiệu lực từ ngày 01/10/2024.
"""


def test_decrees_listed_under_one_name_each_a_basis():
    plan = _read(
        _DECISION.format(
            grounds="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
            "Căn cứ các Nghị định của Chính phủ: số 98/2023/NĐ-CP ngày 31/12/2023 quy định chi"
            " tiết thi hành một số điều của Luật Thi đua, khen thưởng; số 152/2024/NĐ-CP ngày"
            " 15/11/2024 sửa đổi Nghị định số 98/2023/NĐ-CP;"
        )
    )
    assert [(b["doc_type"], b["number"], b["symbol"]) for b in plan["bases"]] == [
        (None, None, None),
        ("NĐ", "98", "2023/NĐ-CP"),
        ("NĐ", "152", "2024/NĐ-CP"),
    ]


def test_a_law_named_inside_a_decrees_title_is_no_basis_of_its_own():
    plan = _read(
        _DECISION.format(
            grounds="Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"
            " quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và Luật sửa"
            " đổi, bổ sung một số điều của Luật Thi đua, khen thưởng;"
        )
    )
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("NĐ", "98")]


def test_a_party_committees_report_under_a_pages_visitor_counter_with_its_number_left_blank():
    plan = _read(
        "Lượt truy cập\n\nHôm nay:\n3\nTất cả:\n20415\n\n"
        "Báo cáo sơ kết công tác 6 tháng đầu năm 2024\n\nNgày 02/08/2024 09:12:40\n\n"
        "ĐẢNG BỘ HUYỆN NGA SƠN\nĐẢNG ỦY XÃ NGA THẠCH\n\n*\n\nSố       - BC/ĐU\n\n"
        "          ĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "                Nga Thạch, ngày       tháng 7 năm 2024\n\n"
        "BÁO CÁO\nSơ kết công tác 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2024\n\n"
        "I. KẾT QUẢ ĐẠT ĐƯỢC\nCác chi bộ hoàn thành chỉ tiêu kết nạp đảng viên.\n"
    )
    assert plan["issuer"] == {"parent": "ĐẢNG BỘ HUYỆN NGA SƠN", "name": "ĐẢNG ỦY XÃ NGA THẠCH"}
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("BC", None, "BC/ĐU")
    # the day left blank: the month the form gives, not the day the page posted it
    assert (plan["place"], plan["date"], plan["date_partial"]) == ("Nga Thạch", None, "2024-07")


_UNTITLED_DECISION = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 27/2023/QĐ-UBND | Quảng Bình, ngày 09 tháng 6 năm 2023 |
BAN HÀNH QUY ĐỊNH CHẾ ĐỘ BÁO CÁO CÔNG TÁC BÌNH ĐẲNG GIỚI
TRÊN ĐỊA BÀN TỈNH QUẢNG BÌNH
ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định chế độ báo cáo công tác bình đẳng giới.
Điều 2. Quyết định này có hiệu lực từ ngày 20/6/2023.
"""


def test_a_decision_whose_page_lost_its_type_name_gives_its_subject_and_authority():
    plan = _read(_UNTITLED_DECISION)
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("QĐ", "27", "2023/QĐ-UBND")
    assert plan["subject"] == (
        "BAN HÀNH QUY ĐỊNH CHẾ ĐỘ BÁO CÁO CÔNG TÁC BÌNH ĐẲNG GIỚI TRÊN ĐỊA BÀN TỈNH QUẢNG BÌNH"
    )
    assert plan["authority"] == "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH"
    assert [(b["doc_type"], b["date"]) for b in plan["bases"]] == [(None, "2006-11-29")]


def test_a_plan_whose_page_lost_its_type_name_gives_its_subject():
    plan = _read(
        "ỦY BAN NHÂN DÂN |\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 63/KH-UBND |\n"
        "Bà Rịa - Vũng Tàu, ngày 12 tháng 05 năm 2024 |\n"
        "TRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM NĂM 2024\n"
        "Căn cứ Quyết định số 1430/QĐ-LĐTBXH ngày 02/5/2024 của Bộ Lao động - Thương binh và"
        " Xã hội; UBND tỉnh ban hành Kế hoạch như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nBảo vệ trẻ em.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["place"]) == ("KH", "63", "Bà Rịa - Vũng Tàu")
    assert plan["subject"] == "TRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM NĂM 2024"
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("QĐ", "1430")]


def test_a_decision_whose_page_lost_its_subject_and_ran_its_header_row_onto_one_line():
    plan = _read(
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH ------- Số: 61/2024/QĐ-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
        " VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- Hà Tĩnh, ngày 14 tháng 08 năm"
        " 2024 |\nQUYẾT ĐỊNH\n----------------\nỦY BAN NHÂN DÂN TỈNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy định về công tác gia đình.\n"
    )
    assert plan["issuer"]["name"] == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
    assert (plan["number"], plan["symbol"], plan["date"]) == ("61", "2024/QĐ-UBND", "2024-08-14")
    assert (plan["subject"], plan["authority"]) == (None, "ỦY BAN NHÂN DÂN TỈNH")


def test_a_decisions_subject_in_sentence_case_goes_on_to_the_authority_under_it():
    plan = _read(
        "PHÒNG GD&ĐT HUYỆN VIỆT YÊN\nTRƯỜNG TIỂU HỌC HỒNG THÁI\nSố:      /QĐ-THHT\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hồng Thái, ngày 25 tháng 5 năm 2024\nQUYẾT ĐỊNH\n"
        "Về việc khen thưởng học sinh có thành tích trong học tập\n Năm học 2023 - 2024\n\n"
        "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC HỒNG THÁI\n\n"
        "Căn cứ Thông tư số 27/2020/TT-BGDĐT ngày 04/9/2020 của Bộ Giáo dục và Đào tạo;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Khen thưởng 412 học sinh hoàn thành xuất sắc nhiệm vụ học tập.\n"
    )
    assert plan["subject"] == (
        "Về việc khen thưởng học sinh có thành tích trong học tập Năm học 2023 - 2024"
    )
    assert plan["authority"] == "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC HỒNG THÁI"


def test_a_plans_grounds_under_a_heading_cut_by_a_narrow_column_and_a_sub_heading():
    plan = _read(
        "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 415/KH-UBND\n|\n"
        "Cao Bằng, ngày 11\ntháng 3 năm 2024\n|\nKẾ HOẠCH\n"
        "PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH TRÊN ĐỊA BÀN TỈNH CAO\nBẰNG GIAI ĐOẠN II\n(2024-2025)\n"
        "I. CĂN CỨ\nXÂY DỰNG KẾ HOẠCH\n1. Các văn bản chỉ đạo\n"
        "- Luật Phòng, chống bạo lực gia đình\nngày 14 tháng 11 năm 2022;\n"
        "- Nghị định số 76/2023/NĐ-CP ngày\n01/11/2023 của Chính phủ quy định chi tiết Luật"
        " Phòng, chống bạo lực gia đình;\n"
        "2. Thực trạng\nNăm 2023 toàn tỉnh ghi nhận 96 vụ bạo lực gia đình.\n"
        "II. MỤC TIÊU\nGiảm số vụ bạo lực gia đình.\n"
    )
    assert plan["subject"] == (
        "PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH TRÊN ĐỊA BÀN TỈNH CAO BẰNG GIAI ĐOẠN II (2024-2025)"
    )
    assert [s["title"] for s in plan["sections"]] == ["CĂN CỨ XÂY DỰNG KẾ HOẠCH", "MỤC TIÊU"]
    assert [(b["doc_type"], b["number"], b["date"]) for b in plan["bases"]] == [
        (None, None, "2022-11-14"),
        ("NĐ", "76", "2023-11-01"),
    ]


def test_a_unit_run_onto_the_line_of_its_peoples_committee():
    plan = _read(
        "UBND THÀNH PHỐ HUẾ TRƯỜNG MẦM NON HƯƠNG SƠ\nSố: 118 /KH-MNHS |\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
        "Huế, ngày 07 tháng 10 năm 2024 |\nKẾ HOẠCH\nPhòng chống bạo lực học đường năm học"
        " 2024 - 2025\nI. MỤC ĐÍCH\nBảo đảm an toàn cho trẻ.\n"
    )
    assert plan["issuer"] == {"parent": "UBND THÀNH PHỐ HUẾ", "name": "TRƯỜNG MẦM NON HƯƠNG SƠ"}


def test_a_letter_a_pdf_copied_onto_one_line_with_its_tone_marks_apart():
    body = " ".join(
        ["Trong tuần qua mưa lớn kéo dài đã gây ngập nhiều trường học trên địa bàn."] * 3
    )
    plan = _read(
        "UBND TỈNH PHÚ YÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập -"
        " Tự do - Hạnh phúc Số: 1840/SGDĐT-VP Tuy Hòa, ngày 18 tháng 11 năm 2024 V/v báo cáo"
        " thiêt hai ̀ ̣ ̣ do mưa lũ của ngành Giáo dục. ̉ ̀ Kính gửi: - Ủy ban nhân dân tỉnh Phú"
        " Yên; - Bộ Giáo dục và Đào tạo. ́ ̣ " + body + " Sở báo cáo như sau: I. TÌNH HÌNH"
        " THIỆT HẠI: - Ngập 12 trường; - Hư hỏng 40 phòng học."
    )
    assert (plan["doc_type"], plan["number"], plan["date"]) == ("CV", "1840", "2024-11-18")
    assert plan["subject"] == "báo cáo thiêt hai do mưa lũ của ngành Giáo dục."
    assert plan["recipients_to"] == ["Ủy ban nhân dân tỉnh Phú Yên", "Bộ Giáo dục và Đào tạo"]


def test_a_resolution_whose_page_lost_its_type_name_and_subject():
    plan = _read(
        "Số hiệu | 41/NQ-HĐND |\nLoại văn bản | Nghị quyết |\nNơi ban hành | Tỉnh Kiên Giang |\n"
        "HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 41/NQ-HĐND | Kiên Giang, ngày 08 tháng 12 năm 2023 |\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH KIÊN GIANG\nKHÓA X, KỲ HỌP THỨ MƯỜI BẢY\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT NGHỊ:\n"
        "Điều 1. Thông qua kế hoạch tổ chức các kỳ họp thường lệ năm 2024.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["date"]) == ("NQ", "41", "2023-12-08")
    assert plan["subject"] is None  # the session's line is not the subject
    assert plan["authority"] == "HỘI ĐỒNG NHÂN DÂN TỈNH KIÊN GIANG"


_SCHOOL_NOTICE = """\
THONG BAO NGHI LE by nguoidung12

VIEWS: 10 PAGES: 1

\t\t UBND HUYỆN ĐỒNG PHÚ       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG GIÁO DỤC-ĐÀO TẠO         Độc lập - Tự do - Hạnh phúc
  Số : 88/TB-PGDĐT        Đồng Phú, ngày 12 tháng 4 năm 2024.

                 THÔNG BÁO
   Về việc nghỉ Lễ giỗ Tổ Hùng Vương năm 2024

      Kính gửi:  Hiệu trưởng các trường Mầm non, Tiểu học,
            THCS trên địa bàn huyện Đồng Phú.

   Phòng Giáo dục và Đào tạo thông báo lịch nghỉ Lễ giỗ Tổ Hùng Vương như sau:
   1. Cán bộ, giáo viên nghỉ ngày 18/4/2024.
"""


def test_a_pages_labelled_line_above_the_issuer_and_an_addressee_wrapped_after_a_comma():
    plan = _read(_SCHOOL_NOTICE)
    assert plan["issuer"] == {"parent": "UBND HUYỆN ĐỒNG PHÚ", "name": "PHÒNG GIÁO DỤC-ĐÀO TẠO"}
    assert plan["recipients_to"] == [
        "Hiệu trưởng các trường Mầm non, Tiểu học, THCS trên địa bàn huyện Đồng Phú"
    ]


def test_a_letters_v_v_left_at_the_end_of_its_number_line():
    plan = _read(
        "BỘ Y TẾ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"
        " --------------- |\nSố: 512/BYT-BM-TE V/v\n"
        "hướng dẫn công tác chăm sóc sức khỏe bà mẹ năm 2024 | Hà Nội, ngày 19tháng 02năm 2024 |\n"
        "Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương\n"
        "Bộ Y tế hướng dẫn các Sở Y tế triển khai các nội dung sau.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CV", "512", "BYT-BM-TE")
    assert (plan["date"], plan["place"]) == ("2024-02-19", "Hà Nội")
    assert plan["subject"] == "hướng dẫn công tác chăm sóc sức khỏe bà mẹ năm 2024"
    assert plan["recipients_to"] == ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_letters_subject_written_with_ve_and_an_urgency_mark_under_it():
    plan = _read(
        "Trang chủ › Thông báo › Nghỉ học ngày 14/10/2024\n\nbởi admin\n12 lượt xem\n\n"
        "UỶ BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "TỈNH QUẢNG NGÃI                       Độc lập – Tự do – Hạnh phúc\n\n"
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\n"
        "Số : 2210 /SGDĐT – VP                  Quảng Ngãi, ngày 13 tháng 10 năm 2024\n\n"
        "Về cho học sinh nghỉ học\n\nNgày 14/10/2024\n\n   KHẨN\n\n"
        "Kính gửi : Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố.\n\n"
        "Do ảnh hưởng của bão số 6, Sở Giáo dục và Đào tạo đề nghị cho học sinh nghỉ học.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CV", "2210", "SGDĐT-VP")
    assert plan["issuer"]["name"] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert plan["subject"] == "Về cho học sinh nghỉ học Ngày 14/10/2024"
    assert plan["recipients_to"] == ["Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố"]


def test_a_copy_of_a_pages_markup_keeps_the_text_without_its_tags():
    plan = _read(
        "<span class='text_page_counter'>(1)</span><div class='page_container' data-page=1>\n"
        "<b>ỦY BAN NHÂN DÂN</b>\n<b>XÃ ĐỨC PHÚ</b>\n<b>Số: 19/BC-UBND</b>\n"
        "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>\n<b>Độc lập - Tự do - Hạnh phúc</b>\n"
        "<i>Đức Phú, ngày 07 tháng 10 năm 2024</i>\n<b>BÁO CÁO</b>\n"
        "<b>Kết quả công tác bình đẳng giới 9 tháng năm 2024</b>\n"
        "<b>I. KẾT QUẢ</b>\nTrẻ em < 6 tuổi được tiêm chủng đầy đủ.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN XÃ ĐỨC PHÚ"}
    assert (plan["doc_type"], plan["number"], plan["date"]) == ("BC", "19", "2024-10-07")
    assert plan["subject"] == "Kết quả công tác bình đẳng giới 9 tháng năm 2024"
    assert "Trẻ em < 6 tuổi" in plan["sections"][0]["paragraphs"][0]


def test_a_decisions_subject_ending_on_a_places_word_stops_at_its_authority():
    plan = _read(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\n\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nSố: 31/2024/QĐ-UBND\n\n"
        "Đà Nẵng, ngày 02 tháng 7 năm 2024\n\nQUYẾT ĐỊNH\n\n"
        "BAN HÀNH QUY CHẾ PHỐI HỢP GIỮA ỦY BAN NHÂN DÂN THÀNH PHỐ VỚI HỘI LIÊN HIỆP PHỤ NỮ"
        " THÀNH PHỐ\n\nỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG\n\n"
        "Căn cứ Luật Bình đẳng giới ngày 29tháng 11 năm 2006;\n\n"
        "Căn cứ Luật Tổ chức HĐND và UBND ngày 26 - 11 - 2003;\n\nQUYẾT ĐỊNH:\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n"
    )
    assert plan["subject"].endswith("VỚI HỘI LIÊN HIỆP PHỤ NỮ THÀNH PHỐ")
    assert plan["authority"] == "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG"
    # a date's number glued to "tháng", a date written with spaced dashes
    assert [b["date"] for b in plan["bases"]] == ["2006-11-29", "2003-11-26"]


@pytest.mark.parametrize(
    "title", ["QUYẾT ĐỊNH CỦA UBND TỈNH VĨNH PHÚC", "QUYẾT ĐỊNH\nCỦA UBND TỈNH VĨNH PHÚC"]
)
def test_a_title_naming_who_issues_it_as_older_decisions_print_it(title):
    plan = _read(
        "UỶ BAN NHÂN DÂN\nTỈNH VĨNH PHÚC\nSố: 1793/1998/QĐ-UB\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Vĩnh Yên, ngày 12 tháng 8 năm 1998\n"
        f"{title}\n"
        "V/v Ban hành quy chế phối hợp hoạt động giữa UBND và Hội Liên hiệp Phụ nữ tỉnh\n"
        "UỶ BAN NHÂN DÂN TỈNH VĨNH PHÚC\n"
        "- Căn cứ Luật tổ chức HĐND và UBND ngày 21 - 6 - 1994.\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("QĐ", "QUYẾT ĐỊNH")
    assert plan["subject"] == (
        "Ban hành quy chế phối hợp hoạt động giữa UBND và Hội Liên hiệp Phụ nữ tỉnh"
    )
    assert plan["authority"] == "UỶ BAN NHÂN DÂN TỈNH VĨNH PHÚC"
    assert [b["date"] for b in plan["bases"]] == ["1994-06-21"]


def test_a_pages_title_line_repeating_the_issuers_first_line_is_no_parent():
    plan = _read(
        "UỶ BAN NHÂN DÂN\n\nUỶ BAN NHÂN DÂN\nTỈNH VĨNH LONG\n-------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 77/KH-UBND\nVĩnh Long, ngày 16 tháng 5 năm 2024\nKẾ HOẠCH\n"
        "Thực hiện công tác bình đẳng giới năm 2024\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "UỶ BAN NHÂN DÂN TỈNH VĨNH LONG"}


def test_ministries_issuing_together_are_one_joint_issuer():
    plan = _read(
        "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nBỘ GIÁO DỤC VÀ ĐÀO TẠO -\nBỘ Y TẾ\nBỘ CÔNG AN\n"
        "-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 1120/QCPH-LĐTBXH-GDĐT-YT-CA\nHà Nội, ngày 16 tháng 6 năm 2024\n"
        "QUY CHẾ PHỐI HỢP\nVỀ PHÒNG, CHỐNG XÂM HẠI TRẺ EM\n"
        "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;\nChương I\nQUY ĐỊNH CHUNG\n"
    )
    assert plan["issuer"] == {
        "parent": None,
        "name": "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI BỘ GIÁO DỤC VÀ ĐÀO TẠO - BỘ Y TẾ BỘ CÔNG AN",
    }


def test_line_breaks_a_pages_script_kept_as_written_out_characters():
    plan = _read(
        "\\r\\n ỦY BAN NHÂN DÂN | \\r\\n \\r\\n CỘNG\\r\\n HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | \\r\\n\n"
        "\\r\\n Số: 54/KH-UBND \\r\\n | \\r\\n \\r\\n Lạng Sơn, ngày 27 tháng 3 năm 2024 \\r\\n |"
        " \\r\\n\n\\r\\n\\r\\n\\r\\n\n"
        "Thực hiện Quyết định số 1896/QĐ-TTg\\r\\nngày 25/12/2019 của Thủ tướng Chính phủ,"
        " UBND tỉnh ban hành Kế hoạch như sau:\n\\r\\n\\r\\n1. Mục tiêu chung\n"
        "Cải thiện tình trạng dinh dưỡng của bà mẹ và trẻ em.\n"
    )
    assert (plan["number"], plan["symbol"], plan["date"]) == ("54", "KH-UBND", "2024-03-27")
    assert plan["issuer"]["name"] == "ỦY BAN NHÂN DÂN"
    assert [(b["doc_type"], b["number"], b["date"]) for b in plan["bases"]] == [
        ("QĐ", "1896", "2019-12-25")
    ]


def test_the_weekday_and_date_a_page_shows_above_a_plan_is_no_place_and_date():
    plan = _read(
        "Chủ nhật, Ngày 27/10/2024\n\n"
        "Kế hoạch 805/KH-UBND triển khai Tháng hành động vì trẻ em năm 2024\n\n"
        "Số hiệu 805/KH-UBND\nNgày ban hành 02/05/2024\nNgười ký Trần Thị Hoa\n\n"
        "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 805/KH-UBND\n\n"
        "Kon Tum, ngày 02 tháng 5 năm 2024\n\nKẾ HOẠCH\n\n"
        "TRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM NĂM 2024\n\nI. MỤC ĐÍCH\n\nBảo vệ trẻ em.\n"
    )
    assert (plan["place"], plan["date"]) == ("Kon Tum", "2024-05-02")
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH KON TUM"}


def test_a_letters_subject_marked_ve_with_a_colon():
    plan = _read(
        "UỶ BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n*****\n\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n*******\n\n"
        "Số: 3120/GDĐT –KT&KĐCL\nVề: góp ý dự thảo quy chế thi năm 2024.\n\n"
        "Tp.Hồ Chí Minh, ngày 07 tháng 12 năm 2023\n\nKính gửi:\n\n"
        "- Hiệu trưởng trường Trung học phổ thông ;\n- Giám đốc trung tâm giáo dục thường xuyên .\n\n"
        "Sở Giáo dục và Đào tạo đề nghị các đơn vị gửi góp ý trước ngày 15/12/2023.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CV", "3120", "GDĐT-KT&KĐCL")
    assert plan["subject"] == "góp ý dự thảo quy chế thi năm 2024."
    assert plan["recipients_to"] == [
        "Hiệu trưởng trường Trung học phổ thông",
        "Giám đốc trung tâm giáo dục thường xuyên",
    ]


def test_a_prime_ministers_decision_whose_page_lost_its_type_name():
    plan = _read(
        "|\nTHỦ TƯỚNG CHÍNH\nPHỦ |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\n"
        "Số: 41/QĐ-TTg |\nHà Nội, ngày 09 tháng 01 năm 2026 |\n"
        "BAN HÀNH CHƯƠNG TRÌNH PHÒNG, CHỐNG MUA BÁN NGƯỜI GIAI ĐOẠN 2026 - 2030\n"
        "THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Chương trình.\n"
    )
    assert plan["issuer"]["name"] == "THỦ TƯỚNG CHÍNH PHỦ"
    assert plan["subject"] == (
        "BAN HÀNH CHƯƠNG TRÌNH PHÒNG, CHỐNG MUA BÁN NGƯỜI GIAI ĐOẠN 2026 - 2030"
    )
    assert plan["authority"] == "THỦ TƯỚNG CHÍNH PHỦ"


def test_the_youth_unions_name_across_from_its_committee_and_in_a_basis():
    plan = _read(
        # the header's cells a line each
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\n***\n"
        "Số: 215 - KH/TWĐTN-CTTN\nHà Nội, ngày 10 tháng 3 năm 2024\n"
        "KẾ HOẠCH\nTổ chức Tháng Thanh niên năm 2024\n"
        "- Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh; Hướng dẫn thực hiện Điều lệ\n"
        "Đoàn TNCS Hồ Chí Minh;\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nPhát huy vai trò xung kích của thanh niên.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "BAN CHẤP HÀNH TRUNG ƯƠNG"}
    assert (plan["doc_type"], plan["title"], plan["number"]) == ("KH", "KẾ HOẠCH", "215")
    assert plan["subject"] == "Tổ chức Tháng Thanh niên năm 2024"


_PLAN_HEAD = """\
ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
Số: 88/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Định, ngày 20 tháng 5 năm 2024
KẾ HOẠCH
Chuyển đổi số ngành y tế năm 2024
"""
_PLAN_BODY = "I. MỤC ĐÍCH\nỨng dụng công nghệ thông tin.\n"


@pytest.mark.parametrize(
    "grounds, found",
    [
        pytest.param(
            "Thực hiện các Nghị quyết của Hội đồng nhân dân tỉnh: số 340/NQ-HĐND ngày 22/12/2020"
            " về kế hoạch 5 năm; số 160/NQ-HĐND ngày 08/12/2021 về đầu tư công; 148/NQ-HĐND"
            " ngày 26/10/2021 về tài chính 5 năm, UBND tỉnh ban hành Kế hoạch như sau:\n",
            [("NQ", "340", "2020-12-22"), ("NQ", "160", "2021-12-08"), ("NQ", "148", "2021-10-26")],
            id="a list of one type, a number without its 'số'",
        ),
        pytest.param(
            "Thực hiện Kế hoạch số 168/KH-LĐLĐ ngày 03/12/2023của LĐLĐ tỉnh, trên cơ sở Kế hoạch"
            " số 31/KH-LĐLĐ, ngày 12/11/2023 của LĐLĐ huyện; căn cứ Công văn số 1624/SYT-VP ngày"
            " 26/4/2024 của Sở Y tế, UBND tỉnh ban hành Kế hoạch như sau:\n",
            [("KH", "168", "2023-12-03"), ("KH", "31", "2023-11-12"), ("CV", "1624", "2024-04-26")],
            id="'trên cơ sở' and 'căn cứ' inside the sentence",
        ),
        pytest.param(
            "Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị về “tăng cường công"
            " tác chăm sóc trẻ em; Công văn số 1481/BYT-BMTE ngày 14/3/2024 của Bộ Y tế, UBND"
            " tỉnh ban hành Kế hoạch như sau:\n",
            [("CT", "28", "2023-12-25"), ("CV", "1481", "2024-03-14")],
            id="a quote the copy never closes",
        ),
        pytest.param(
            "Căn cứ Thông tư liên tịch số 03/2008/TTLT-BYT-BNV ngày 25/4/2008 và Công điện số"
            " 695/CĐ-TTg ngày22 tháng 5 năm 2008 của Thủ tướng Chính phủ;\n",
            [("TTLT", "03", "2008-04-25"), ("CĐ", "695", "2008-05-22")],
            id="a dispatch after 'và', 'ngày' glued to its day",
        ),
        pytest.param(
            "Căn cứ Chương trình hành động số 09-CTr/TU ngày 14/5/2021 của Tỉnh ủy thực hiện Nghị"
            " quyết Đại hội\nXX Đảng bộ tỉnh về cải cách hành chính;\n"
            "Căn cứ Quyết định số\n5362/QĐ-UBND ngày 29/12/2020 của UBND tỉnh;\n"
            "Căn cứ Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ"
            " Chính trị;\n",
            [
                ("CTr", "09", "2021-05-14"),
                ("QĐ", "5362", "2020-12-29"),
                ("QĐ", "217", "2013-12-12"),
                ("QĐ", "218", "2013-12-12"),
            ],
            id="wrapped before a capital and after 'số', two decisions of one date",
        ),
    ],
)
def test_bases_as_copies_of_real_plans_write_them(grounds, found):
    plan = _read(_PLAN_HEAD + grounds + _PLAN_BODY)
    assert [(b["doc_type"], b["number"], b["date"]) for b in plan["bases"]] == found


def test_a_youth_union_decision_a_forum_copied_onto_one_line():
    plan = _read(
        "BAN CHẤP HÀNH TRUNG ƯƠNG***Số: 412 - QĐ/TWĐTN-VPĐOÀN TNCS HỒ CHÍ MINH Hà Nội, ngày 14"
        " tháng 11 năm 2024 QUYẾT ĐỊNHVề việc ban hành Quy định về công tác văn thư của Đoàn"
        "--------- BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH- Căn cứ Điều lệ Đoàn TNCS Hồ Chí"
        " Minh; - Căn cứ Quy định ban hành kèm theo Quyết định số 1836 QĐ/TWĐTN ngày 23/6/2006"
        " của Ban Bí thư Trung ương Đoàn; QUYẾT ĐỊNH Điều 1. Ban hành kèm theo quyết định này"
        " Quy định về công tác văn thư của Đoàn. Điều 2. Quyết định này có hiệu lực từ ngày ký."
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("QĐ", "412", "QĐ/TWĐTN-VP")
    assert (plan["date"], plan["place"]) == ("2024-11-14", "Hà Nội")
    assert plan["issuer"] == {"parent": None, "name": "BAN CHẤP HÀNH TRUNG ƯƠNG"}
    assert plan["subject"] == "Về việc ban hành Quy định về công tác văn thư của Đoàn"
    assert plan["authority"] == "BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH"
    assert [(b["number"], b["symbol"], b["date"]) for b in plan["bases"]] == [
        (None, None, None),
        ("1836", "QĐ/TWĐTN", "2006-06-23"),
    ]


def test_a_symbol_cut_after_its_dash_by_a_narrow_cell_and_a_period_under_the_subject():
    plan = _read(
        "UBND HUYỆN HẬU LỘC\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBAN CHỈ ĐẠO PCGD, XMC\n\n"
        "Độc lập – Tự do – Hạnh phúc\n\nSố: 187 / BC-BCĐPCGD-\n\n"
        "Hậu Lộc, ngày 12 tháng 11 năm 2024\n\nXMC\n\n"
        "BÁO CÁO\nTÌNH HÌNH THỰC HIỆN VÀ KẾT QUẢ\nPHỔ CẬP GIÁO DỤC, XÓA MÙ CHỮ\n"
        "Thời điểm tháng 10 năm 2024\nPHẦN THỨ NHẤT\nQUÁ TRÌNH THỰC HIỆN\n"
        "1. Đặc điểm tình hình\nHuyện có 23 xã và 1 thị trấn.\n"
    )
    assert (plan["number"], plan["symbol"]) == ("187", "BC-BCĐPCGD-XMC")
    assert plan["issuer"] == {"parent": "UBND HUYỆN HẬU LỘC", "name": "BAN CHỈ ĐẠO PCGD, XMC"}
    assert plan["subject"] == (
        "TÌNH HÌNH THỰC HIỆN VÀ KẾT QUẢ PHỔ CẬP GIÁO DỤC, XÓA MÙ CHỮ Thời điểm tháng 10 năm 2024"
    )


def test_an_older_directive_its_number_without_a_slash_and_its_issuer_under_the_title():
    plan = _read(
        "  • Hiệu lực: Còn hiệu lực\n  • Ngày có hiệu lực: 07/11/1994\n"
        "THỦ TƯỚNG\nCHÍNH PHỦ\nSố: 646-TTg\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 7 tháng 11 năm 1994\n\n"
        "CHỈ THỊ\n\nCỦA THỦ TƯỚNG CHÍNH PHỦ\n\nVề tổ chức hoạt động vì sự tiến bộ của phụ nữ\n\n"
        "Hưởng ứng chủ trương của Liên hợp quốc, các Bộ, ngành thành lập Ban vì sự tiến bộ"
        " của phụ nữ.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "THỦ TƯỚNG CHÍNH PHỦ"}
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CT", "646", "TTg")
    assert (plan["title"], plan["subject"]) == (
        "CHỈ THỊ",
        "Về tổ chức hoạt động vì sự tiến bộ của phụ nữ",
    )


def test_an_issuer_a_page_set_as_a_list_item():
    plan = _read(
        "• BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 07/2024/TT-BVHTTDL\nHà Nội, ngày 25 tháng 7 năm 2024\n"
        "THÔNG TƯ\nQuy định chế độ báo cáo về công tác gia đình\n"
        "Căn cứ Luật Phòng, chống bạo lực gia đình ngày 14 tháng 11 năm 2022;\n"
        "Chương I\nQUY ĐỊNH CHUNG\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"}


def test_a_subject_in_sentence_case_over_lines_that_start_with_names():
    plan = _read(
        "UBND TỈNH NGHỆ AN                    CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "BAN VÌ SỰ TIẾN BỘ PHỤ NỮ              Độc lập - Tự do - Hạnh phúc\n\n"
        " Số: 21 /KH-VSTBPN          TP Vinh, ngày 06 tháng 02 năm 2024\n\n\n"
        "                KẾ HOẠCH\n"
        "     Tuyên truyền các hoạt động kỷ niệm 31 năm ngày thành lập\n"
        "  Uỷ ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam (25/2/1993 - 25/2/2024);\n"
        "  114 năm ngày Quốc tế phụ nữ (8/3)\n\n"
        "    Căn cứ Quyết định số 604/QĐ-UBND ngày 29/02/2024 của Ủy ban nhân dân tỉnh;\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức về bình đẳng giới.\n"
    )
    assert plan["subject"] == (
        "Tuyên truyền các hoạt động kỷ niệm 31 năm ngày thành lập Uỷ ban Quốc gia vì sự tiến"
        " bộ của phụ nữ Việt Nam (25/2/1993 - 25/2/2024); 114 năm ngày Quốc tế phụ nữ (8/3)"
    )
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("QĐ", "604")]


def test_a_communes_report_a_quoted_name_and_a_period_under_its_subject():
    plan = _read(
        "ỦY BAN NHÂN DÂN\nXÃ THIỆU GIAO\nBCĐ PHONG TRÀO\n“ TOÀN DÂN ĐKXD-ĐSVH”\nSố:\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Thiệu Giao, ngày   tháng 7 năm 2024\n/BC- BCĐ\nBÁO CÁO\n"
        "Tổng kết 24 năm thực hiện phong trào\n"
        "“Toàn dân đoàn kết xây dựng đời sống văn hóa” xã Thiệu Giao\nGiai đoạn 2000-2024\n"
        "Cuộc vận động đã trở thành một phong trào rộng khắp trong toàn xã.\n"
    )
    assert plan["issuer"] == {
        "parent": "ỦY BAN NHÂN DÂN XÃ THIỆU GIAO",
        "name": "BCĐ PHONG TRÀO “ TOÀN DÂN ĐKXD-ĐSVH”",
    }
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("BC", None, "BC-BCĐ")
    assert plan["subject"] == (
        "Tổng kết 24 năm thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”"
        " xã Thiệu Giao Giai đoạn 2000-2024"
    )


def test_a_plan_on_one_line_parted_at_its_sections_in_roman_numerals():
    body = " ".join(["Năm qua các xã đã chủ động ứng phó với mưa lũ và sạt lở đất."] * 4)
    plan = _read(
        "UỶ BAN NHÂN DÂN THÀNH PHỐ HỘI AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do -"
        " Hạnh phúc Số: 57/KH-UBND Hội An, ngày 20 tháng 3 năm 2024 KẾ HOẠCH Phòng, chống thiên"
        " tai và tìm kiếm cứu nạn năm 2024 I. Kết quả công tác năm 2023 " + body + " II. Nhiệm"
        " vụ năm 2024 Chủ động phòng, chống thiên tai."
    )
    assert (plan["doc_type"], plan["number"], plan["date"]) == ("KH", "57", "2024-03-20")
    assert plan["subject"] == "Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024"
    assert [s["label"] for s in plan["sections"]] == ["I", "II"]


def test_a_resolutions_council_with_its_term_spelt_khoa_and_a_directive_cut_before_its_body():
    resolution = _read(
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH SƠN LA\nSố: 41/2024/NQ-HĐND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Sơn La, ngày 10 tháng 12 năm 2024\n\nNGHỊ QUYẾT\n\n"
        "VỀ CHƯƠNG TRÌNH GIẢI QUYẾT VIỆC LÀM TỈNH SƠN LA NĂM 2025\n\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA\nKHOÁ XV, KỲ HỌP THỨ 9\n\n"
        "Căn cứ Luật Việc làm ngày 16 tháng 11 năm 2013;\nQUYẾT NGHỊ:\n"
        "Điều 1. Thông qua Chương trình giải quyết việc làm năm 2025.\n"
    )
    assert resolution["subject"] == "VỀ CHƯƠNG TRÌNH GIẢI QUYẾT VIỆC LÀM TỈNH SƠN LA NĂM 2025"
    directive = _read(
        "ỦY BAN NHÂN DÂN |\nTỈNH LÂM ĐỒNG |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 09/CT-UBND |\nLâm Đồng, ngày 12 tháng 7 năm 2024 |\nCHỈ THỊ\n"
        "VỀ VIỆC TĂNG CƯỜNG KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH TRÊN ĐỊA BÀN TỈNH\n"
        "Trong thời gian qua, thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các cơ quan, đơn vị"
        " đã có nhiều chuyển biến trong giải quyết công việc.\n"
    )
    assert directive["subject"] == (
        "VỀ VIỆC TĂNG CƯỜNG KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH TRÊN ĐỊA BÀN TỈNH"
    )


def test_a_title_line_carrying_the_documents_own_number():
    plan = _read(
        "THỦ TƯỚNG CHÍNH PHỦ |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 31/2024/QĐ-TTg |\n"
        "Hà Nội, ngày 16 tháng 7 năm 2024 |\nQUYẾT ĐỊNH 31/2024/QĐ-TTg\n"
        "QUY ĐỊNH QUY TRÌNH RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO HẰNG NĂM\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy định quy trình rà soát hộ nghèo.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("QĐ", "QUYẾT ĐỊNH")
    assert plan["subject"] == "QUY ĐỊNH QUY TRÌNH RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO HẰNG NĂM"
