"""Classes of layout that a third round of real documents showed (issue 13: ministries' letters,
police and Party documents, schools, decisions whose page runs on into the attached
regulation), each on a document written for it: a signer's rank before the name and a deputy's
office of any name, a signature the page left unnamed above the next document's heading, a
rule or a "V/v:" on the line of what it follows, a "V/v" in a cell of its own, a unit's name
with a colon, and the ways the Party names the documents it rests on."""

import textwrap

import pytest

from vstb.documents.importer import import_bytes
from vstb.documents.tests import variants


def _read(text: str) -> dict:
    return import_bytes(text.encode("utf-8"), "van-ban.txt")


def _bases(plan: dict) -> list[tuple]:
    return [(b["doc_type"], b["number"], b["symbol"], b["date"]) for b in plan["bases"]]


_POLICE_LETTER = """\
BỘ CÔNG AN
VĂN PHÒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2104/V11-TTTT
V/v xác minh thông tin báo chí phản ánh
Hà Nội, ngày 03 tháng 4 năm 2015
Kính gửi: Đồng chí Giám đốc Công an tỉnh Bắc Ninh
Văn phòng Bộ đề nghị đồng chí chỉ đạo kiểm tra, xử lý thông tin báo nêu và báo cáo Bộ./.
Nơi nhận:
- Như trên;
- Lưu: VT, V11.
KT. CHÁNH VĂN PHÒNG
PHÓ VĂN PHÒNG
{name}
"""


def test_a_signers_rank_is_not_part_of_the_name_and_a_deputys_office_is_a_line_of_its_own():
    plan = _read(_POLICE_LETTER.format(name="Thượng tá Lê Quang Minh"))
    assert plan["signer"] == {
        "lines": ["KT. CHÁNH VĂN PHÒNG", "PHÓ VĂN PHÒNG"],
        "name": "Lê Quang Minh",
    }


def test_a_degree_before_a_signers_name_is_left_out_of_the_name():
    plan = _read(_POLICE_LETTER.format(name="PGS.TS. Trần Thị Hoa"))
    assert plan["signer"]["name"] == "Trần Thị Hoa"
    assert plan["signer"]["lines"] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ VĂN PHÒNG"]


_DECISION_RUNNING_ON = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 31/2018/QĐ-UBND | Yên Bái, ngày 09 tháng 11 năm 2018 |
QUYẾT ĐỊNH
Ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh Yên Bái nhiệm kỳ 2016 - 2021
ỦY BAN NHÂN DÂN TỈNH YÊN BÁI
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân tỉnh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
| TM. ỦY BAN NHÂN DÂN |
{heading}
(Ban hành kèm theo Quyết định số 31/2018/QĐ-UBND ngày 09 tháng 11 năm 2018 của Ủy ban nhân dân tỉnh)
Điều 1. Phạm vi điều chỉnh
1. Quy chế này quy định nguyên tắc làm việc của Ủy ban nhân dân tỉnh.
"""


def test_a_signature_the_page_left_unnamed_ends_where_the_attached_documents_heading_begins():
    for heading in (
        "CỦA ỦY BAN NHÂN DÂN TỈNH YÊN BÁI NHIỆM KỲ 2016 - 2021",
        "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH YÊN BÁI TRONG NHIỆM KỲ MỚI CỦA HỘI ĐỒNG",
    ):
        plan = _read(_DECISION_RUNNING_ON.format(heading=heading))
        decision = plan.get("issued_by") or plan
        assert decision["signer"]["lines"] == ["TM. ỦY BAN NHÂN DÂN"], heading


def test_a_rule_at_the_end_of_the_issuers_line_and_a_subject_after_v_v_colon_on_the_number_line():
    plan = _read(
        "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI ——-\n|\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc ————–\n|\n"
        "Số: 1520/LĐTBXH-TE V/v: Triển khai Tháng hành động vì trẻ em năm 2012\n|\n"
        "Hà Nội, ngày 14 tháng 05 năm 2012\n|\n"
        "Kính gửi: Sở Lao động – Thương binh và Xã hội các tỉnh, thành phố\n"
        "Thực hiện Quyết định số 267/QĐ-TTg ngày 22/02/2011 của Thủ tướng Chính phủ, Bộ đề "
        "nghị các Sở triển khai như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Tổ chức các hoạt động thiết thực vì trẻ em.\n"
    )
    assert plan["issuer"]["name"] == "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert plan["subject"] == "Triển khai Tháng hành động vì trẻ em năm 2012"
    assert (plan["number"], plan["symbol"]) == ("1520", "LĐTBXH-TE")


def test_a_v_v_in_a_cell_of_its_own_with_the_subject_in_the_next():
    plan = _read(
        "BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 3311/TCHQ-GSQL\nV/v\n: Thủ tục tạm nhập hàng hóa triển lãm.\n"
        "Hà Nội, ngày 22 tháng 05 năm 2016\n\n"
        "Kính gửi: Cục Hải quan tỉnh Lào Cai.\n\n"
        "Trả lời công văn số 712/HQLC-GSQL ngày 02/5/2016 của Cục Hải quan tỉnh Lào Cai, "
        "Tổng cục Hải quan có ý kiến như sau:\n"
    )
    assert plan["subject"] == "Thủ tục tạm nhập hàng hóa triển lãm."
    assert plan["recipients_to"] == ["Cục Hải quan tỉnh Lào Cai"]
    assert (plan["date"], plan["place"]) == ("2016-05-22", "Hà Nội")
    assert plan["bases"] == []  # "Thủ tục …" is the subject, no "Thực hiện quy định" basis


def test_a_units_name_printed_with_a_colon_under_its_parent():
    plan = _read(
        "PHÒNG GD&ĐT KRÔNG NÔ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "TRƯỜNG: TH NGUYỄN DU Độc lập- Tự do- Hạnh phúc\n\n"
        "BÁO CÁO\nKết quả công tác bình đẳng giới năm học 2022-2023\n\n"
        "I. ĐẶC ĐIỂM TÌNH HÌNH\n1. Nhà trường có 32 cán bộ, giáo viên, nhân viên.\n"
    )
    assert plan["issuer"] == {"parent": "PHÒNG GD&ĐT KRÔNG NÔ", "name": "TRƯỜNG: TH NGUYỄN DU"}


_PARTY_GUIDANCE = """\
BAN CHẤP HÀNH TRUNG ƯƠNG
VĂN PHÒNG
*
Số 15-HD/VPTW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 20 tháng 3 năm 2019
HƯỚNG DẪN
về lưu trữ hồ sơ của các cơ quan đảng
{grounds}
I. PHẠM VI ÁP DỤNG
1. Hướng dẫn này áp dụng cho các cơ quan đảng ở Trung ương.
"""


def test_the_partys_grounds_opened_by_thi_hanh_and_an_article_of_a_second_decision():
    plan = _read(
        _PARTY_GUIDANCE.format(
            grounds="Thi hành Điều 3 Quyết định của Bộ Chính trị số42-QĐ/TW, ngày 05-6-2012 "
            "ban hành Quy định về công tác lưu trữ và Điều 2 Quyết định của Ban Bí thư "
            "số 77-QĐ/TW, ngày 11-02-2017 bổ sung một số điều của Quy định, Văn phòng Trung "
            "ương Đảng hướng dẫn như sau:"
        )
    )
    assert _bases(plan) == [
        ("QĐ", "42", "QĐ/TW", "2012-06-05"),
        ("QĐ", "77", "QĐ/TW", "2017-02-11"),
    ]


def test_a_party_regulation_numbered_q_d_i():
    plan = _read(
        _PARTY_GUIDANCE.format(
            grounds="Căn cứ Quy định số 22-QĐi/TW ngày 28/7/2016 của Ban Chấp hành Trung ương "
            "về công tác kiểm tra của Đảng, Văn phòng Trung ương Đảng hướng dẫn như sau:"
        )
    )
    assert _bases(plan) == [("QyĐ", "22", "QĐi/TW", "2016-07-28")]


def test_a_kind_of_work_in_lower_case_without_a_number_or_a_day_is_no_basis():
    plan = _read(
        _PARTY_GUIDANCE.format(
            grounds="Thực hiện chương trình công tác Đoàn năm 2024, chương trình công tác Đội "
            "năm học 2023 - 2024; căn cứ Kế hoạch số 57-KH/TWĐTN ngày 02/3/2024 của Ban Bí thư "
            "Trung ương Đoàn, Văn phòng hướng dẫn như sau:"
        )
    )
    assert _bases(plan) == [("KH", "57", "KH/TWĐTN", "2024-03-02")]


def test_a_charter_named_in_lower_case_is_still_a_basis():
    plan = _read(
        _PARTY_GUIDANCE.format(
            grounds="- Căn cứ điều lệ Hội Liên hiệp Phụ nữ Việt Nam;\n"
            "- Căn cứ Quyết định số 72/HĐBT ngày 10/3/1990 của Hội đồng Bộ trưởng;"
        )
    )
    assert _bases(plan) == [(None, None, None, None), ("QĐ", "72", "HĐBT", "1990-03-10")]


_COMMUNE_PLAN = """\
ỦY BAN NHÂN DÂN XÃ BÌNH MINH |
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc |
Số: /KH-UBND |
Bình Minh, ngày 12 tháng 5 năm 2024 |
KẾ HOẠCH
{subject}
Thực hiện Kế hoạch số 71/KH-UBND ngày 20/3/2024 của UBND huyện Tây Sơn, UBND xã Bình Minh ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Đến năm 2025, 100% hồ sơ công việc được xử lý trên môi trường mạng.
"""


def test_a_subjects_lines_typed_with_capitals_up_to_the_horizon_it_names():
    plan = _read(
        _COMMUNE_PLAN.format(
            subject="Triển khai Nghị quyết số 09-NQ/TU ngày 11/10/2023\n"
            "Của Ban Chấp hành Đảng bộ tỉnh về phát triển nông nghiệp\n"
            "Đến năm 2025, tầm nhìn đến năm 2030"
        )
    )
    assert plan["subject"] == (
        "Triển khai Nghị quyết số 09-NQ/TU ngày 11/10/2023 Của Ban Chấp hành Đảng bộ tỉnh về "
        "phát triển nông nghiệp Đến năm 2025, tầm nhìn đến năm 2030"
    )


def test_a_title_line_wrapped_a_word_after_the_type_name():
    plan = _read(
        "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\n|\n|\nCỘNG HOÀ XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập -\nTự do - Hạnh phúc\n|\nQUY CHẾ LÀM\nVIỆC\nCỦA ỦY\n"
        "BAN NHÂN DÂN XÃ AN PHÚ NHIỆM KỲ 2021 - 2026\n"
        "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
        "Quy chế này quy định nguyên tắc làm việc của Ủy ban nhân dân xã.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("QC", "QUY CHẾ")
    assert plan["subject"] == "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ AN PHÚ NHIỆM KỲ 2021 - 2026"


def test_an_addressee_after_its_dash_wrapped_after_a_comma():
    plan = _read(
        "LIÊN ĐOÀN LAO ĐỘNG\nTỈNH ĐỒNG NAI |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n"
        "Số: 412/LĐLĐ |\nĐồng Nai, ngày 05 tháng 10 năm 2021 |\nKính gửi: |\n"
        "- Ban Thường vụ Liên đoàn Lao động các Huyện,\nThành phố; |\n"
        "Những ngày qua, dịch bệnh đã ảnh hưởng nặng nề đến đời sống của đoàn viên.\n"
    )
    assert plan["recipients_to"] == ["Ban Thường vụ Liên đoàn Lao động các Huyện, Thành phố"]


def test_the_partys_subject_its_meeting_in_capitals_then_what_it_is_about():
    plan = _read(
        "TỈNH ỦY QUẢNG BÌNH\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 210-KL/TU\n"
        "Quảng Bình, ngày 20 tháng 7 năm 2023\nKẾT LUẬN\nHỘI NGHỊ LẦN THỨ MƯỜI\n"
        "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVII) về phát triển du lịch đến năm 2025,\n"
        "định hướng đến năm 2030\n"
        "Hội nghị lần thứ mười Ban Chấp hành Đảng bộ tỉnh họp ngày 10/7/2023 và kết luận:\n"
        "I. ĐÁNH GIÁ TÌNH HÌNH\nDu lịch của tỉnh có bước phát triển khá.\n"
    )
    assert plan["subject"] == (
        "HỘI NGHỊ LẦN THỨ MƯỜI BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVII) về phát triển du lịch "
        "đến năm 2025, định hướng đến năm 2030"
    )


_DECISION_ISSUING = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 1620/QĐ-UBND | Quảng Trị, ngày 12 tháng 8 năm 2017 |
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch phòng, chống mại dâm giai đoạn 2017 - 2020
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
{article}
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
| KT. CHỦ TỊCH |
{subject}
(Ban hành kèm theo Quyết định số 1620/QĐ-UBND ngày 12/8/2017 của Chủ tịch UBND tỉnh)
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của người dân về phòng, chống mại dâm.
"""


def test_an_attachment_whose_type_name_the_page_dropped_is_named_by_the_first_article():
    plan = _read(
        _DECISION_ISSUING.format(
            article="Điều 1. Ban hành Kế hoạch phòng, chống mại dâm giai đoạn 2017 - 2020.",
            subject="PHÒNG, CHỐNG MẠI DÂM GIAI ĐOẠN 2017 - 2020 TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ",
        )
    )
    assert plan["doc_type"] == "KH" and plan["title"] is None
    assert plan["subject"] == (
        "PHÒNG, CHỐNG MẠI DÂM GIAI ĐOẠN 2017 - 2020 TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ"
    )
    assert (plan["issued_by"]["number"], plan["issued_by"]["signer"]["lines"]) == (
        "1620",
        ["KT. CHỦ TỊCH"],
    )


def test_an_attachment_named_nowhere_is_the_decisions_annex():
    # the first article lost by the page: the decision is what the file is
    plan = _read(
        _DECISION_ISSUING.format(
            article="",
            subject="PHÒNG,\nCHỐNG MẠI DÂM GIAI ĐOẠN 2017 - 2020 TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ",
        ).replace("(Ban hành kèm theo", "(Ban hành theo")
    )
    assert (plan["doc_type"], plan["number"]) == ("QĐ", "1620")
    assert plan["signer"]["lines"] == ["KT. CHỦ TỊCH"]
    assert [(a["title"], a["subject"]) for a in plan["annexes"]] == [
        (None, "PHÒNG, CHỐNG MẠI DÂM GIAI ĐOẠN 2017 - 2020 TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ")
    ]


def test_a_pages_details_given_a_label_a_line_and_its_value_under_it():
    details = (
        "Mobile Menu\nCông văn 3104/LĐTBXH-TE 2019 về việc tổ chức Tết Trung thu\n"
        "Tóm tắt văn bản\nCơ quan ban hành:\nBộ Lao động Thương binh và Xã hội\n"
        "Số hiệu:\n3104/LĐTBXH-TE\nLoại văn bản:\nCông văn\nNgày ban hành:\n05/08/2019\n"
        "Áp dụng:\nĐang cập nhật\nLĩnh vực:\nLĩnh vực khác\nBan hành\nSố công báo:\n"
        "Đang cập nhật\nNgười ký:\nĐặng Hoa Nam\nTình trạng hiệu lực:\nĐang cập nhật\n"
    )
    plan = _read(
        details + "BỘ LAO ĐỘNG – THƯƠNG BINH\nVÀ XÃ HỘI\nSố: 3104/LĐTBXH-TE\n"
        "V/v: Tổ chức Tết Trung thu năm 2019\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
        "Hà Nội, ngày 05 tháng 8 năm 2019\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\n"
        "Tết Trung thu là dịp để gia đình và xã hội quan tâm đến trẻ em.\n"
    )
    assert plan["issuer"]["name"] == "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert (plan["date"], plan["subject"]) == ("2019-08-05", "Tổ chức Tết Trung thu năm 2019")
    assert plan["recipients_to"] == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert any("trang web" in warning for warning in plan["warnings"])


def test_a_letters_subject_wrapped_before_the_national_name_of_the_right_column():
    plan = _read(
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 412/BGDĐT-TCCB\nV/v: Báo cáo tình hình thực hiện Luật\n"
        "Bình đẳng giới năm 2014\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 20 tháng 02 năm 2015\nKính gửi:\n"
        "- Giám đốc các sở giáo dục và đào tạo;\n- Hiệu trưởng các trường đại học.\n"
        "Bộ Giáo dục và Đào tạo đề nghị các đơn vị báo cáo trước ngày 15/3/2015.\n"
    )
    assert plan["subject"] == "Báo cáo tình hình thực hiện Luật Bình đẳng giới năm 2014"
    assert (plan["date"], plan["place"]) == ("2015-02-20", "Hà Nội")
    assert plan["recipients_to"] == [
        "Giám đốc các sở giáo dục và đào tạo",
        "Hiệu trưởng các trường đại học",
    ]


def test_a_dispatchs_addressees_after_its_sender_and_dien():
    plan = _read(
        "ỦY BAN QUỐC GIA VỀ TRẺ EM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 02/CĐ-UBQGVTE | Hà Nội, ngày 14 tháng 6 năm 2022 |\nCÔNG ĐIỆN\n"
        "VỀ PHÒNG, CHỐNG ĐUỐI NƯỚC TRẺ EM TRONG DỊP HÈ\n"
        "CHỦ TỊCH ỦY BAN QUỐC GIA VỀ TRẺ EM điện:\n"
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương\n"
        "Thời gian qua, tình hình đuối nước ở trẻ em diễn biến phức tạp.\n"
        "1. Tăng cường công tác bảo vệ trẻ em trong dịp hè.\n"
    )
    assert plan["doc_type"] == "CĐ"
    assert plan["recipients_to"] == [
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"
    ]


def test_a_header_row_whose_cells_break_their_lines_with_tabs():
    plan = _read(
        "|  \t\tTHỦ TƯỚNG \t\tCHÍNH PHỦ  \t\t________ Số:  1730/QĐ-TTg   |  \t\tCỘNG HOÀ  "
        "\t\tXÃ HỘI CHỦ NGHĨA VIỆT NAM  \t\tĐộc lập - Tự do - Hạnh phúc  \t\t   \t\t"
        "______________  \t\tHà Nội, ngày 05 tháng 9 năm 2016 | \n\n"
        " QUYẾT ĐỊNH \n Phê duyệt Chương trình phòng ngừa và giảm thiểu lao động trẻ em\n"
        " _________\n THỦ TƯỚNG CHÍNH PHỦ\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Phê duyệt Chương trình phòng ngừa và giảm thiểu lao động trẻ em.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "THỦ TƯỚNG CHÍNH PHỦ"}
    assert (plan["number"], plan["symbol"], plan["date"]) == ("1730", "QĐ-TTg", "2016-09-05")


def test_a_bases_month_glued_to_its_number():
    plan = _read(
        _PARTY_GUIDANCE.format(
            grounds="Căn cứ Nghị định số 67/2007/NĐ-CP ngày 13 tháng4 năm 2007 của Chính phủ;\n"
            "Căn cứ Nghị định số 13/2010/NĐ-CP ngày 27 tháng02 năm 2010 của Chính phủ sửa đổi "
            "Nghị định số67/2007/NĐ-CP ngày 13 tháng 4 năm 2007;"
        )
    )
    assert _bases(plan) == [
        ("NĐ", "67", "2007/NĐ-CP", "2007-04-13"),
        ("NĐ", "13", "2010/NĐ-CP", "2010-02-27"),
    ]


def test_a_womens_union_branch_under_its_commune_union():
    plan = _read(
        "HỘI LHPN XÃ YÊN ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "CHI HỘI PN THÔN BÌNH LẠC Độc lập - Tự do - Hạnh phúc\n\n"
        "Bình Lạc, ngày 15 tháng 12 năm 2023\n\nBÁO CÁO THÀNH TÍCH\n\n"
        "Phong trào hoạt động của Chi hội phụ nữ thôn Bình Lạc năm 2023\n\n"
        "I. ĐẶC ĐIỂM TÌNH HÌNH\nChi hội có 126 hội viên.\n"
    )
    assert plan["issuer"] == {"parent": "HỘI LHPN XÃ YÊN ĐỒNG", "name": "CHI HỘI PN THÔN BÌNH LẠC"}


def test_a_school_brigades_plan_under_the_young_pioneers_name():
    plan = _read(
        "ĐỘI TNTP HỒ CHÍ MINH\nLIÊN ĐỘI TRƯỜNG THCS LÊ LỢI\nPleiku, ngày 05 tháng 9 năm 2019\n"
        "KẾ HOẠCH\nTổ chức Tết Trung thu cho thiếu nhi năm 2019\n"
        "Thực hiện Hướng dẫn số 07-HD/HĐĐ ngày 20/8/2019 của Hội đồng Đội thành phố;\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Tạo sân chơi cho thiếu nhi.\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "LIÊN ĐỘI TRƯỜNG THCS LÊ LỢI"}
    assert (plan["date"], plan["place"]) == ("2019-09-05", "Pleiku")


def test_a_letters_heading_in_capitals_under_its_header_is_no_title():
    plan = _read(
        "TÒA ÁN NHÂN DÂN TỐI CAO\n-------\nSố: 52/TANDTC-KHTC\n"
        "V/v: Hướng dẫn lập dự toán ngân sách năm 2022\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 10 tháng 3 năm 2022\n\n"
        "HƯỚNG DẪN LẬP DỰ TOÁN NGÂN SÁCH NĂM 2022 CỦA CÁC TÒA ÁN NHÂN DÂN\n\n"
        "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH 13 ngày 25 tháng 6 năm 2015;\n"
        "Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21 tháng 12 năm 2016 của Chính phủ;\n"
        "Tòa án nhân dân tối cao hướng dẫn như sau:\n"
        "1. Các Tòa án lập dự toán theo đúng quy định.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("CV", None)
    assert plan["subject"] == "Hướng dẫn lập dự toán ngân sách năm 2022"
    assert _bases(plan) == [
        (None, "83", "2015/QH13", "2015-06-25"),
        ("NĐ", "163", "2016/NĐ-CP", "2016-12-21"),
    ]


def test_a_guidance_whose_symbol_names_its_type_keeps_its_title_under_a_v_v():
    plan = _read(
        "BỘ Y TẾ\nSố: 12/HD-BYT\nV/v: Phòng chống dịch bệnh mùa hè\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 10 tháng 5 năm 2022\n\nHƯỚNG DẪN\nPhòng chống dịch bệnh mùa hè năm 2022\n"
        "I. MỤC ĐÍCH\n1. Chủ động phòng chống dịch.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("HD", "HƯỚNG DẪN")


def test_a_second_addressee_on_the_line_under_the_first_without_a_dash():
    plan = _read(
        "ĐỘI TNTP HỒ CHÍ MINH\nLIÊN ĐỘI TRƯỜNG TH KIM ĐỒNG\nKrông Pa, ngày 12 tháng 9 năm 2021\n"
        "KẾ HOẠCH\nV/V TỔ CHỨC VUI TẾT TRUNG THU CHO THIẾU NHI\n"
        "Kính gửi: Ban giám hiệu trường TH Kim Đồng\n"
        "Các đồng chí giáo viên chủ nhiệm và các bộ phận có liên\nquan\n"
        "Thực hiện Hướng dẫn số 09-HD/HĐĐ ngày 01/9/2021 của Hội đồng Đội huyện Krông Pa;\n"
        "I. MỤC ĐÍCH\n1. Tạo sân chơi cho thiếu nhi.\n"
    )
    assert plan["recipients_to"] == [
        "Ban giám hiệu trường TH Kim Đồng",
        "Các đồng chí giáo viên chủ nhiệm và các bộ phận có liên quan",
    ]
    assert _bases(plan) == [("HD", "09", "HD/HĐĐ", "2021-09-01")]


_RESOLUTION = """\
HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 27/2021/NQ-HĐND | Cao Bằng, ngày 09 tháng 12 năm 2021 |
{subject}
HỘI ĐỒNG NHÂN DÂN TỈNH CAO BẰNG
KHÓA XVII, KỲ HỌP THỨ 4
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
{considering}
QUYẾT NGHỊ:
Điều 1. Quy định mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi.
"""


def test_a_resolutions_subject_opening_with_the_verb_quy_dinh_when_its_title_is_lost():
    plan = _read(
        _RESOLUTION.format(
            subject="QUY ĐỊNH MỨC HỖ TRỢ ĐÓNG BẢO HIỂM Y TẾ CHO NGƯỜI CAO TUỔI TRÊN ĐỊA BÀN TỈNH",
            considering="",
        )
    )
    assert (plan["doc_type"], plan["title"]) == ("NQ", None)
    assert plan["subject"] == (
        "QUY ĐỊNH MỨC HỖ TRỢ ĐÓNG BẢO HIỂM Y TẾ CHO NGƯỜI CAO TUỔI TRÊN ĐỊA BÀN TỈNH"
    )
    assert plan["authority"] == "HỘI ĐỒNG NHÂN DÂN TỈNH CAO BẰNG"


def test_what_a_council_considers_is_no_basis():
    plan = _read(
        _RESOLUTION.format(
            subject="NGHỊ QUYẾT\nVỀ CHÍNH SÁCH HỖ TRỢ NGƯỜI CAO TUỔI",
            considering="Trên cơ sở xem xét Tờ trình số 3210/TTr-UBND ngày 20 tháng 11 năm 2021 "
            "của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Văn hóa - Xã hội,",
        )
    )
    assert _bases(plan) == [(None, None, None, "2015-06-19")]


def test_the_purpose_after_the_grounds_and_a_guidance_named_in_lower_case():
    plan = _read(
        _PARTY_GUIDANCE.format(
            grounds="Căn cứ Chỉ thị số 2268/CT-BGDĐT ngày 08/8/2019 của Bộ trưởng Bộ Giáo dục và "
            "Đào tạo và hướng dẫn số 09 ngày 15/8/2019 của Sở Giáo dục; nhằm tiếp tục thực hiện "
            "Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương, Văn phòng "
            "hướng dẫn như sau:"
        )
    )
    assert _bases(plan) == [
        ("CT", "2268", "CT-BGDĐT", "2019-08-08"),
        ("HD", "09", None, "2019-08-15"),
    ]


def test_a_joint_circular_of_ministries_named_on_one_long_line_under_a_pages_details():
    plan = _read(
        "- Số hiệu văn bản: 02/2015/TTLT-BCA-BQP-BLĐTBXH-BNG\n"
        "- Loại văn bản: Thông tư liên tịch\n- Ngày ban hành: 12-3-2015\n"
        "- Tình trạng hiệu lực: Đang có hiệu lực\n"
        "BỘ CÔNG AN - BỘ QUỐC PHÒNG - BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI BỘ NGOẠI GIAO\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 12 tháng 3 năm 2015\n"
        "THÔNG TƯ LIÊN TỊCH\nHƯỚNG DẪN TRÌNH TỰ TIẾP NHẬN NẠN NHÂN BỊ MUA BÁN\n"
        "Căn cứ Luật Phòng, chống mua bán người ngày 29 tháng 3 năm 2011;\n"
        "I. QUY ĐỊNH CHUNG\n1. Phạm vi điều chỉnh.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("TTLT", "THÔNG TƯ LIÊN TỊCH")
    assert plan["subject"] == "HƯỚNG DẪN TRÌNH TỰ TIẾP NHẬN NẠN NHÂN BỊ MUA BÁN"
    assert plan["issuer"]["name"] == (
        "BỘ CÔNG AN - BỘ QUỐC PHÒNG - BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI BỘ NGOẠI GIAO"
    )


def test_a_letter_from_a_numbered_district_its_subject_written_ve_in_the_left_column():
    plan = _read(
        "ỦY BAN NHÂN DÂN QUẬN 3\nTRUNG TÂM VĂN HÓA\nSố: 45 /TTVH\n"
        "Về tổ chức các hoạt động Tháng hành động vì trẻ em.\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
        "Quận 3, ngày 12 tháng 5 năm 2016\n"
        "Kính gửi: – Ban Văn hóa - Thông tin 14 phường.\n"
        "Thực hiện Kế hoạch số 88/KH-UBND ngày 05 tháng 5 năm 2016 của Ủy ban nhân dân Quận 3;\n"
    )
    assert (plan["doc_type"], plan["place"], plan["date"]) == ("CV", "Quận 3", "2016-05-12")
    assert plan["subject"] == "Về tổ chức các hoạt động Tháng hành động vì trẻ em."
    assert plan["issuer"] == {"parent": "ỦY BAN NHÂN DÂN QUẬN 3", "name": "TRUNG TÂM VĂN HÓA"}


def test_a_pages_long_lines_above_a_hard_wrapped_copy_do_not_set_its_width():
    decision = (
        "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập – Tự do – Hạnh phúc\nSố: 1473/QĐ-UBND\nBình Phước, ngày 08 tháng 6 năm 2021\n"
        "QUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức chính phủ và Luật Tổ chức "
        "chính quyền địa phương ngày 22 tháng 11 năm 2019;\n"
        "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;\n"
        "Căn cứ Nghị quyết số 28/NQ-CP ngày 03 tháng 3 năm 2021 của Chính phủ ban hành Chiến "
        "lược quốc gia về bình đẳng giới giai đoạn 2021-2030;\n"
        "Xét đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội tại Tờ trình số "
        "152/TTr-SLĐTBXH ngày 01 tháng 6 năm 2021,\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chiến lược quốc gia về "
        "bình đẳng giới tỉnh Bình Phước giai đoạn 2021 - 2030.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    wrapped = "\n".join(
        part for line in decision.splitlines() for part in textwrap.wrap(line, 75) or [""]
    )
    for text in (wrapped, variants.under_a_web_page(wrapped)):
        plan = _read(text)
        assert _bases(plan) == [
            (None, None, None, "2015-06-19"),
            (None, None, None, "2019-11-22"),
            (None, None, None, "2006-11-29"),
            ("NQ", "28", "NQ-CP", "2021-03-03"),
        ], text[:30]


def test_a_pages_details_table_whose_issuer_value_names_a_body():
    plan = _read(
        "Quyết định 1630/QĐ-TTg năm 2025 về Kế hoạch triển khai Luật Dân số\n"
        "Số hiệu | 1630/QĐ-TTg |\nNgày ban hành | 28/07/2025 |\nLoại văn bản | Quyết định |\n"
        "Cơ quan ban hành | Thủ tướng Chính phủ |\nNgười ký | Lê Thành Long |\n"
        "Lĩnh vực | Bộ máy hành chính |\n"
        "THỦ TƯỚNG CHÍNH\nPHỦ |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n"
        "Số: 1630/QĐ-TTg |\nHà Nội, ngày 28 tháng 7 năm 2025 |\n"
        "BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT DÂN SỐ\nTHỦ TƯỚNG CHÍNH PHỦ\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Dân số.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n|\nKT. THỦ TƯỚNG |\n"
        "KẾ HOẠCH\nTRIỂN KHAI THI HÀNH LUẬT DÂN SỐ\n"
        "(Kèm theo Quyết định số 1630/QĐ-TTg ngày 28 tháng 7 năm 2025 của Thủ tướng Chính phủ)\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Tổ chức triển khai thi hành Luật kịp thời.\n"
    )
    decision = plan["issued_by"]
    assert (decision["number"], decision["symbol"], decision["date"]) == (
        "1630",
        "QĐ-TTg",
        "2025-07-28",
    )
    assert decision["issuer"] == {"parent": None, "name": "THỦ TƯỚNG CHÍNH PHỦ"}
    assert (plan["title"], plan["subject"]) == ("KẾ HOẠCH", "TRIỂN KHAI THI HÀNH LUẬT DÂN SỐ")


def test_a_letters_long_subject_under_its_number_without_v_v():
    plan = _read(
        "TÒA ÁN NHÂN DÂN\nTỐI CAO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 210/TANDTC-PC\n"
        "Bảo đảm chỉ tiêu, chất lượng giải quyết các vụ việc thuộc thẩm quyền của Tòa án nhân "
        "dân cấp tỉnh\nHà Nội, ngày 14 tháng 09 năm 2016\n"
        "Kính gửi: Các Tòa án nhân dân tỉnh, thành phố\n"
        "Để thi hành Luật tổ chức Tòa án nhân dân năm 2014, Tòa án nhân dân tối cao đề nghị:\n"
    )
    assert (plan["doc_type"], plan["date"], plan["place"]) == ("CV", "2016-09-14", "Hà Nội")
    assert plan["subject"] == (
        "Bảo đảm chỉ tiêu, chất lượng giải quyết các vụ việc thuộc thẩm quyền của Tòa án nhân "
        "dân cấp tỉnh"
    )
    assert plan["recipients_to"] == ["Các Tòa án nhân dân tỉnh, thành phố"]


def test_a_subject_ending_on_an_abbreviation_and_an_addressee_ending_in_brackets():
    plan = _read(
        "TỔNG CỤC THUẾ\nCỤC THUẾ TP HÀ NỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 98211/CTHN-TTHT\nV/v chính sách thuế\nTNCN\n"
        "Hà Nội, ngày 12 tháng 10 năm 2021\nKính gửi: Công ty TNHH Minh Long\n(Việt Nam)\n"
        "(Đ/c: số 12 phố Huế, Q. Hai Bà Trưng, Hà Nội - MST: 0101234567)\n"
        "Trả lời công văn số 05/2021 của Công ty, Cục Thuế có ý kiến như sau:\n"
    )
    assert plan["subject"] == "chính sách thuế TNCN"
    assert (plan["date"], plan["place"]) == ("2021-10-12", "Hà Nội")
    assert plan["recipients_to"] == ["Công ty TNHH Minh Long (Việt Nam)"]


def test_a_subject_in_capitals_carrying_a_symbol_in_its_own_case():
    plan = _read(
        "BẢO HIỂM XÃ HỘI\nVIỆT NAM\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 1802/KH-BHXH\nHà Nội, ngày 05 tháng 6 năm 2020\n"
        "KẾ HOẠCH\nTHỰC\nHIỆN QUYẾT ĐỊNH SỐ 1111/QĐ-TTg NGÀY 02 THÁNG 6 NĂM 2020 CỦA THỦ TƯỚNG\n"
        "PHÊ DUYỆT ĐỀ ÁN “PHÁT TRIỂN BẢO HIỂM XÃ HỘI TỰ NGUYỆN”\n"
        "Căn cứ nhiệm vụ và giải pháp tại Quyết định số 1111/QĐ-TTg ngày 02/6/2020 của Thủ "
        "tướng Chính phủ, Bảo hiểm xã hội Việt Nam ban hành Kế hoạch như sau:\n"
        "I. MỤC ĐÍCH\n1. Phát triển người tham gia.\n"
    )
    assert plan["subject"] == (
        "THỰC HIỆN QUYẾT ĐỊNH SỐ 1111/QĐ-TTg NGÀY 02 THÁNG 6 NĂM 2020 CỦA THỦ TƯỚNG PHÊ DUYỆT "
        "ĐỀ ÁN “PHÁT TRIỂN BẢO HIỂM XÃ HỘI TỰ NGUYỆN”"
    )
    assert _bases(plan) == [("QĐ", "1111", "QĐ-TTg", "2020-06-02")]


def test_the_state_audits_decision_its_title_lost():
    plan = _read(
        "KIỂM TOÁN NHÀ NƯỚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 1200/QĐ-KTNN    Hà Nội, ngày 10 tháng 8 năm 2015\n"
        "BAN HÀNH QUY TRÌNH KIỂM TOÁN NGÂN SÁCH ĐỊA PHƯƠNG\nTỔNG KIỂM TOÁN NHÀ NƯỚC\n"
        "Căn cứ Luật Kiểm toán nhà nước;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy trình kiểm toán ngân sách địa phương.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    assert (plan["doc_type"], plan["number"]) == ("QĐ", "1200")
    assert plan["subject"] == "BAN HÀNH QUY TRÌNH KIỂM TOÁN NGÂN SÁCH ĐỊA PHƯƠNG"
    assert plan["authority"] == "TỔNG KIỂM TOÁN NHÀ NƯỚC"


def test_the_next_basis_glued_to_the_year_that_ends_the_one_before():
    plan = _read(
        _PARTY_GUIDANCE.format(
            grounds="Căn cứ Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002Luật Kế toán ngày "
            "17 tháng 6 năm 2003;"
        )
    )
    assert _bases(plan) == [(None, None, None, "2002-12-16"), (None, None, None, "2003-06-17")]


@pytest.mark.parametrize("national", ["CỘNG HỒ", "CỘNG HỊA"])
def test_a_national_name_an_old_font_converted_badly(national):
    header = (
        f"UBND XÃ ĐỨC HẠNH {national} XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "BCĐ PHỔ CẬP GIÁO DỤC Độc lập - Tự do - Hạnh phúc\n"
        "Số 07/BC-PCGD Đức Hạnh, ngày 10 tháng 10 năm 2009\n"
        "BÁO CÁO\nTÌNH HÌNH THỰC HIỆN CÔNG TÁC PHỔ CẬP GIÁO DỤC NĂM 2009\n"
        "I. ĐẶC ĐIỂM TÌNH HÌNH\n1. Xã có 1.250 hộ.\n"
    )
    plan = _read(header)
    assert plan["issuer"] == {"parent": "UBND XÃ ĐỨC HẠNH", "name": "BCĐ PHỔ CẬP GIÁO DỤC"}
    assert (plan["number"], plan["date"], plan["title"]) == ("07", "2009-10-10", "BÁO CÁO")


def test_a_whole_plan_on_one_line_under_a_badly_converted_national_name_and_a_short_motto():
    text = (
        "ỦY BAN NHÂN DÂN HUYỆN TAM ĐẢO CỘNG HỒ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự - Hạnh "
        "phúc Số: 88/KH-UBND Tam Đảo, ngày 03 tháng 3 năm 2012 KẾ HOẠCH Phòng, chống bạo lực "
        "gia đình trên địa bàn huyện năm 2012 Căn cứ Luật Phòng, chống bạo lực gia đình ngày "
        "21 tháng 11 năm 2007; Ủy ban nhân dân huyện xây dựng kế hoạch phòng, chống bạo lực gia "
        "đình năm 2012 như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Nâng cao nhận thức của người dân về "
        "phòng, chống bạo lực gia đình. 2. Giảm số vụ bạo lực gia đình trên địa bàn huyện."
    )
    plan = _read(text)
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("KH", "88", "KH-UBND")
    assert (plan["date"], plan["place"]) == ("2012-03-03", "Tam Đảo")
    assert plan["issuer"]["name"] == "ỦY BAN NHÂN DÂN HUYỆN TAM ĐẢO"


def test_a_subject_in_sentence_case_under_a_header_whose_type_name_the_page_lost():
    plan = _read(
        "HỘI LIÊN HIỆP PHỤ NỮ QUẬN BA ĐÌNH\nBAN THƯỜNG VỤ\nSố: 58 /HD-BTV\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
        "Ba Đình, ngày 10 tháng 11 năm 2020\n"
        "Công tác chuẩn bị nhân sự Ban Chấp hành Hội Liên hiệp Phụ nữ các phường nhiệm kỳ "
        "2021 - 2026 và bầu các chức danh chủ chốt tại kỳ họp thứ nhất của Ban Chấp hành mới\n"
        "Căn cứ Điều lệ Hội Liên hiệp Phụ nữ Việt Nam;\n"
        "Ban Thường vụ Hội Liên hiệp Phụ nữ quận hướng dẫn như sau:\n"
        "I. YÊU CẦU\n1. Bảo đảm đúng quy định của Điều lệ Hội.\n"
    )
    assert (plan["doc_type"], plan["number"]) == ("HD", "58")
    assert plan["subject"].startswith("Công tác chuẩn bị nhân sự Ban Chấp hành")
    assert plan["subject"].endswith("tại kỳ họp thứ nhất của Ban Chấp hành mới")


_ONE_LINE_PLAN = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
    "Hạnh phúc Số: 1520/KH-UBND Quảng Bình, ngày 14 tháng 8 năm 2023 KẾ HOẠCH {subject} "
    "Thực hiện Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế quản lý "
    "các chương trình mục tiêu quốc gia, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau: I. MỤC "
    "ĐÍCH, YÊU CẦU 1. Theo dõi, kiểm tra việc thực hiện Chương trình ở các cấp. 2. Kịp thời "
    "phát hiện, chấn chỉnh những sai sót trong quá trình thực hiện."
)


def test_a_plan_on_one_line_its_subject_in_capitals_up_to_the_first_sentence():
    subject = "GIÁM SÁT, ĐÁNH GIÁ THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO NĂM 2023"
    plan = _read(_ONE_LINE_PLAN.format(subject=subject))
    assert (plan["title"], plan["subject"]) == ("KẾ HOẠCH", subject)
    assert _bases(plan) == [("NĐ", "27", "2022/NĐ-CP", "2022-04-19")]


def test_a_plan_on_one_line_its_subject_in_sentence_case_ended_by_a_rule():
    plan = _read(
        _ONE_LINE_PLAN.format(
            subject="Giám sát thực hiện Chương trình mục tiêu quốc gia giảm nghèo năm 2023 —————–"
        )
    )
    assert plan["subject"] == (
        "Giám sát thực hiện Chương trình mục tiêu quốc gia giảm nghèo năm 2023"
    )


def test_a_letter_on_one_line_its_subject_then_its_place_and_date():
    plan = _read(
        "ỦY BAN DÂN TỘC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Số: 702/UBDT-DTTS V/v báo cáo kết quả thực hiện Đề án hỗ trợ phụ nữ dân tộc thiểu số "
        "giai đoạn 2019-2022 Hà Nội, ngày 20 tháng 6 năm 2022 Kính gửi: Ủy ban nhân dân các "
        "tỉnh, thành phố trực thuộc Trung ương Thực hiện Quyết định số 1898/QĐ-TTg ngày "
        "28/11/2017 của Thủ tướng Chính phủ, Ủy ban Dân tộc đề nghị Ủy ban nhân dân các tỉnh báo "
        "cáo kết quả thực hiện Đề án trước ngày 30/7/2022."
    )
    assert plan["subject"] == (
        "báo cáo kết quả thực hiện Đề án hỗ trợ phụ nữ dân tộc thiểu số giai đoạn 2019-2022"
    )
    assert (plan["place"], plan["date"]) == ("Hà Nội", "2022-06-20")


def test_a_draft_on_one_line_without_its_number():
    plan = _read(
        "CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: /BC-CP "
        "Hà Nội, ngày tháng năm 2019 DỰ THẢO BÁO CÁO Tình hình thực hiện các mục tiêu quốc gia "
        "về bình đẳng giới năm 2018 Kính gửi: Quốc hội Thực hiện Điều 13 Luật Hoạt động giám "
        "sát của Quốc hội và Hội đồng nhân dân, Chính phủ báo cáo Quốc hội tình hình thực hiện "
        "các mục tiêu quốc gia về bình đẳng giới năm 2018 như sau: I. KẾT QUẢ THỰC HIỆN 1. Công "
        "tác ban hành văn bản quy phạm pháp luật được quan tâm."
    )
    assert (plan["doc_type"], plan["title"]) == ("BC", "BÁO CÁO")
    assert plan["subject"] == (
        "Tình hình thực hiện các mục tiêu quốc gia về bình đẳng giới năm 2018"
    )
    assert plan["recipients_to"] == ["Quốc hội"]


def test_a_decision_on_one_line_its_authority_after_its_subject_in_capitals():
    plan = _read(
        "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
        "Hạnh phúc Số: 620/QĐ-UBND Tiền Giang, ngày 12 tháng 3 năm 2019 QUYẾT ĐỊNH PHÊ DUYỆT "
        "“ĐỀ ÁN HỖ TRỢ PHỤ NỮ KHỞI NGHIỆP TỈNH TIỀN GIANG GIAI ĐOẠN 2019-2025” CHỦ TỊCH ỦY BAN "
        "NHÂN DÂN TỈNH TIỀN GIANG Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm "
        "2015; Xét đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội, QUYẾT ĐỊNH: Điều 1. "
        "Phê duyệt Đề án hỗ trợ phụ nữ khởi nghiệp tỉnh Tiền Giang giai đoạn 2019-2025. Điều 2. "
        "Quyết định này có hiệu lực kể từ ngày ký."
    )
    assert plan["subject"] == (
        "PHÊ DUYỆT “ĐỀ ÁN HỖ TRỢ PHỤ NỮ KHỞI NGHIỆP TỈNH TIỀN GIANG GIAI ĐOẠN 2019-2025”"
    )
    assert plan["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG"


def test_a_letter_on_one_line_under_a_pages_title_run_onto_its_issuer():
    plan = _read(
        "Hệ thống pháp luật BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh "
        "phúc Số: 4120/BYT-KCB V/v tăng cường phòng, chống bạo lực gia đình tại cơ sở y tế Hà "
        "Nội, ngày 15 tháng 7 năm 2025 Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc trung "
        "ương Thực hiện Luật Phòng, chống bạo lực gia đình ngày 14 tháng 11 năm 2022, Bộ Y tế đề "
        "nghị các Sở Y tế chỉ đạo các cơ sở khám bệnh, chữa bệnh thực hiện các nội dung sau."
    )
    assert plan["issuer"] == {"parent": None, "name": "BỘ Y TẾ"}
    assert (plan["number"], plan["symbol"]) == ("4120", "BYT-KCB")


@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện Thông báo số 120/TB-VPQH ngày 23/4/2025 của Văn phòng Quốc hội, Chính phủ "
        "báo cáo như sau:",
        "Ngày 20/01/2018, Ban Bí thư ban hành Chỉ thị số 21-CT/TW về công tác phụ nữ.",
        "Thời gian qua, các tỉnh đã nỗ lực triển khai công tác phụ nữ.",
    ],
)
def test_a_letter_on_one_line_its_addressee_before_the_first_sentence(sentence):
    plan = _read(
        "BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: "
        "1250/BNV-CTTN V/v triển khai công tác bình đẳng giới năm 2025 Hà Nội, ngày 12 tháng 3 "
        f"năm 2025 Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương {sentence} "
        "Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh chỉ đạo các cơ quan thực hiện tốt các nhiệm vụ "
        "về bình đẳng giới và báo cáo kết quả trước ngày 15/12/2025."
    )
    assert plan["recipients_to"] == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_dashed_addressees_run_together_without_their_semicolons():
    plan = _read(
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 2615/VPCP-QHQT\nV/v triển khai kết quả Hội nghị khu vực\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 11 tháng 6 năm 2003\n"
        "Kính gửi: - Bộ Ngoại giao - Bộ Lao động - Thương binh và Xã hội - Bộ Công an\n"
        "Xét đề nghị của Bộ Ngoại giao, Thủ tướng Chính phủ có ý kiến như sau:\n"
    )
    assert plan["recipients_to"] == [
        "Bộ Ngoại giao",
        "Bộ Lao động - Thương binh và Xã hội",
        "Bộ Công an",
    ]
