"""Documents as officials really paste them: the layouts of a class of copies, not of
particular documents. Every variant of `variants.py` must read into the same fields as the
document it was made from (a property test over the documents below and the seeds), and each
class of damage seen on real documents has a test of its own."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vstb.documents import corpus
from vstb.documents.importer import import_bytes
from vstb.documents.tests import variants
from vstb.documents.tests.test_import_variants import PROVINCE_PLAN

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# An official letter (công văn): no type name, a "V/v" subject, "Kính gửi", unnumbered body.
OFFICIAL_LETTER = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NAM                          Độc lập - Tự do - Hạnh phúc
Số: 215/UBND-VX                        Quảng Nam, ngày 20 tháng 10 năm 2021
V/v triển khai Tháng hành động vì bình đẳng giới năm 2021

Kính gửi:
- Các sở, ban, ngành tỉnh;
- UBND các huyện, thị xã, thành phố.

Thực hiện Kế hoạch số 95/KH-UBQG ngày 02/10/2021 của Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam, UBND tỉnh đề nghị các cơ quan, đơn vị:
Tổ chức các hoạt động hưởng ứng Tháng hành động trước ngày 10/12.
Báo cáo kết quả về Sở Lao động - Thương binh và Xã hội trước ngày 20/12 để tổng hợp.

Nơi nhận:                                    TM. ỦY BAN NHÂN DÂN
- Như trên;                                        KT. CHỦ TỊCH
- Lưu: VT, KGVX.                                   PHÓ CHỦ TỊCH

                                                  Trần Văn Tân
"""

# A letter as the Decree's template sets it (Appendix I, part I.5.b): the "V/v" subject in the
# left column, on the row of the place and date, wrapped under it.
DECREE_LETTER = """\
SỞ LAO ĐỘNG - THƯƠNG BINH               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VÀ XÃ HỘI TỈNH ĐỒNG NAI                       Độc lập - Tự do - Hạnh phúc
Số: 2310/SLĐTBXH-BĐG
V/v hướng dẫn xây dựng kế hoạch          Đồng Nai, ngày 18 tháng 12 năm 2023
bình đẳng giới năm 2024

Kính gửi:
- Các sở, ban, ngành tỉnh;
- UBND các huyện, thành phố.

Thực hiện Kế hoạch số 245/KH-UBND ngày 10/11/2023 của UBND tỉnh về thực hiện công tác bình đẳng giới năm 2024, Sở Lao động - Thương binh và Xã hội đề nghị các đơn vị gửi kế hoạch về Sở trước ngày 15/01/2024.

Nơi nhận:                                          GIÁM ĐỐC
- Như trên;
- Lưu: VT, BĐG.                                  Phạm Văn Bình
"""

DOCUMENTS = {
    "province plan": PROVINCE_PLAN,
    "official letter": OFFICIAL_LETTER,
    "letter in the Decree's layout": DECREE_LETTER,
    **{path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))},
}


def fields(text: str) -> dict:
    plan = import_bytes(text.encode("utf-8"), "van-ban.txt")
    return {
        "type": plan["doc_type"],
        "number": plan["number"],
        "symbol": plan["symbol"],
        "date": plan["date"],
        "place": plan["place"],
        "issuer": plan["issuer"],
        "subject": plan["subject"],
        "recipients_to": plan["recipients_to"],
        "bases": [(b["doc_type"], b["number"], b["symbol"], b["date"]) for b in plan["bases"]],
        "sections": [section["label"] for section in plan["sections"]],
        "recipients": plan["recipients"],
        "signer": plan["signer"],
        "deadlines": plan["deadlines"],
    }


ORIGINALS = {name: fields(text) for name, text in DOCUMENTS.items()}


def _differences(expected: dict, got: dict) -> dict:
    return {k: (expected[k], got[k]) for k in expected if expected[k] != got[k]}


def test_the_originals_read_completely():
    """The property below is only worth something if the originals read right."""
    letter = ORIGINALS["official letter"]
    assert letter["type"] == "CV" and letter["number"] == "215" and letter["symbol"] == "UBND-VX"
    assert letter["subject"] == "triển khai Tháng hành động vì bình đẳng giới năm 2021"
    assert letter["recipients_to"] == [
        "Các sở, ban, ngành tỉnh",
        "UBND các huyện, thị xã, thành phố",
    ]
    assert letter["bases"] == [("KH", "95", "KH-UBQG", "2021-10-02")]
    assert letter["signer"] == {
        "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "name": "Trần Văn Tân",
    }
    assert letter["deadlines"][0]["date"] == "2021-12-10"
    province = ORIGINALS["province plan"]
    assert province["sections"][:4] == ["I", "II", "III", "IV"]
    assert len(province["recipients"]) == 5 and province["signer"]["name"]


@pytest.mark.parametrize("layout", sorted(variants.LAYOUTS))
@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_each_layout_reads_the_same(document, layout):
    got = fields(variants.LAYOUTS[layout](DOCUMENTS[document]))
    assert _differences(ORIGINALS[document], got) == {}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    document=st.sampled_from(sorted(DOCUMENTS)),
    width=st.integers(min_value=40, max_value=90),
    encoding=st.sampled_from([None, *sorted(variants.ENCODINGS)]),
)
def test_any_wrap_width_and_encoding_reads_the_same(document, width, encoding):
    text = variants.wrapped(DOCUMENTS[document], width)
    if encoding:
        text = variants.ENCODINGS[encoding](text)
    assert _differences(ORIGINALS[document], fields(text)) == {}


# Each class of damage seen on real documents, on a document of its own.

DAMAGED_LETTER = """\
straight connector 2ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ
TỈNH QUẢNG NAM
HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số:
215/UBND-VX
Quảng Nam, ngày 20 tháng 01 năm 2021
V/v triển khai Tháng hành động vì bình đẳng giới
năm 2021
Kính gửi: | - Các sở, ban, ngành tỉnh; | - UBND các huyện, thị xã, thành phố; | - ……………… |
Thực hiện Kế hoạch số 95/KH-UBQG ngày 02/10/2021 của Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam, UBND tỉnh đề nghị các cơ quan, đơn vị báo cáo kết quả trước ngày 20/12.
Nơi nhận:
T/M ỦY BAN NHÂN
DÂN
- Như trên;
- Sở Văn hóa
và Thể thao;
- Lưu: VT, KGVX.
K/T CHỦ TỊCH
PHÓ CHỦ TỊCHTrần Văn Tân
"""


def test_a_header_copied_cell_by_cell_with_the_motto_wrapped_between_the_issuer_lines():
    plan = import_bytes(DAMAGED_LETTER.encode(), "cong-van.txt")
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"}
    assert (plan["number"], plan["symbol"], plan["doc_type"]) == ("215", "UBND-VX", "CV")
    assert plan["date"] == "2021-01-20"


def test_an_official_letter_gives_its_subject_addressees_and_bases():
    plan = import_bytes(DAMAGED_LETTER.encode(), "cong-van.txt")
    assert plan["subject"] == "triển khai Tháng hành động vì bình đẳng giới năm 2021"
    # The dotted placeholder of an addressee left blank is not an addressee.
    assert plan["recipients_to"] == ["Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"]
    assert [(b["number"], b["symbol"]) for b in plan["bases"]] == [("95", "KH-UBQG")]
    # A date without its year takes the letter's year.
    assert [d["date"] for d in plan["deadlines"]] == ["2021-12-20"]


def test_a_flattened_signature_block_is_told_apart_from_the_recipients():
    plan = import_bytes(DAMAGED_LETTER.encode(), "cong-van.txt")
    assert plan["recipients"] == ["Như trên", "Sở Văn hóa và Thể thao", "Lưu: VT, KGVX"]
    assert plan["signer"] == {
        "lines": ["T/M ỦY BAN NHÂN DÂN", "K/T CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "name": "Trần Văn Tân",
    }


def test_a_heading_wrapped_mid_phrase_stays_one_section():
    text = PROVINCE_PLAN.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH,\nYÊU CẦU")
    plan = import_bytes(text.encode(), "ke-hoach.txt")
    assert [s["label"] for s in plan["sections"]][:4] == ["I", "II", "III", "IV"]
    assert plan["sections"][0]["title"] == "MỤC ĐÍCH, YÊU CẦU"


DECISION_WITH_PARTS = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN ĐÔNG ANH                          Độc lập - Tự do - Hạnh phúc
Số: 1520/QĐ-UBND                        Đông Anh, ngày 12 tháng 3 năm 2024

QUYẾT
ĐỊNH
Ban
hành Kế hoạch thực hiện công tác bình đẳng giới năm 2024

CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH

Căn cứ Luật Bình đẳng giới ngày 29/11/2006;
Căn cứ Quyết định số 2351/CT-TTg ngày 24/12/2010 của Thủ tướng Chính phủ phê duyệt Chiến lược quốc gia về bình đẳng giới;
Căn cứ Kế hoạch của UBND Thành phố về công tác bình đẳng giới năm 2024;
Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội huyện,

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng giới năm 2024.
Điều 2. Quyết định có hiệu lực kể từ ngày ký./.

Nơi nhận:                                   CHỦ TỊCH
- Như Điều 2;
- Lưu: VT.                                  Nguyễn Xuân Linh

KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2024
(Kèm theo Quyết định số 1520/QĐ-UBND ngày 12/3/2024 của UBND huyện Đông Anh)

Phần thứ nhất
MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về bình đẳng giới.
Phần thứ hai
NHIỆM VỤ
1. Phòng Văn hóa và Thông tin chủ trì tuyên truyền trước ngày 30/6.
2. UBND các xã xây dựng kế hoạch gửi về huyện trước ngày 15/4.
"""


def test_a_decision_issuing_a_plan_passes_its_own_bases_to_the_plan():
    plan = import_bytes(DECISION_WITH_PARTS.encode(), "quyet-dinh.txt")
    assert plan["doc_type"] == "KH" and plan["subject"].startswith("Thực hiện công tác")
    bases = [(b["doc_type"], b["number"], b["symbol"]) for b in plan["bases"]]
    # The decision first, then its own bases: a symbol that mistypes the document type
    # (a decision with a directive's "CT") and a basis without a number are kept.
    assert bases == [
        ("QĐ", "1520", "QĐ-UBND"),
        (None, None, None),
        ("QĐ", "2351", "CT-TTg"),
        ("KH", None, None),
    ]
    assert plan["bases"][2]["issuer"] == "Thủ tướng Chính phủ"
    assert all(b["text"] for b in plan["bases"])
    assert plan["signer"] == {"lines": ["CHỦ TỊCH"], "name": "Nguyễn Xuân Linh"}


def test_parts_keep_their_labels():
    plan = import_bytes(DECISION_WITH_PARTS.encode(), "quyet-dinh.txt")
    assert [(s["label"], s["title"]) for s in plan["sections"]] == [
        ("Phần thứ nhất", "MỤC ĐÍCH, YÊU CẦU"),
        ("Phần thứ hai", "NHIỆM VỤ"),
    ]
    assert [d["date"] for d in plan["deadlines"]] == ["2024-04-15", "2024-06-30"]


# Classes of layout found on the import corpus's tuning half (vstb/documents/corpus.py), each
# on a small document of its own.


def _read(text: str) -> dict:
    return import_bytes(text.encode("utf-8"), "van-ban.txt")


def test_number_and_date_flattened_onto_one_line():
    plan = _read(
        "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 416/BC-CP Hà Nội, ngày 19 tháng 6 năm 2025\nBÁO CÁO\nKết quả năm 2024\n"
    )
    assert (plan["number"], plan["symbol"], plan["place"], plan["date"]) == (
        "416", "BC-CP", "Hà Nội", "2025-06-19",
    )  # fmt: skip


def test_cells_cut_inside_the_motto_and_inside_the_issuers_name():
    plan = _read(
        "ỦY\nBAN NHÂN DÂN\nTỈNH NINH BÌNH\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 71/CTr-UBND\n|\nNinh Bình, ngày 26 tháng 4 năm 2021\n"
        "CHƯƠNG TRÌNH\nCông tác năm 2021\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"}


def test_symbols_written_with_spaces_and_a_basis_with_a_blank_number():
    plan = _read(
        "BỘ Y TẾ\nSố: 597 / QĐ - BYT\nHà Nội, ngày 02 tháng 3 năm 2016\nQUYẾT ĐỊNH\n"
        "Về việc ban hành Kế hoạch\nCăn cứ Nghị định số 63 / 2012 / NĐ - CP ngày 31/8/2012;\n"
        "Căn cứ Kế hoạch số /KH- UBND ngày 09/9/ 2011;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành.\n"
    )
    assert (plan["number"], plan["symbol"]) == ("597", "QĐ-BYT")
    assert [(b["number"], b["symbol"], b["date"]) for b in plan["bases"]] == [
        ("63", "2012/NĐ-CP", "2012-08-31"),
        (None, "KH-UBND", "2011-09-09"),
    ]


def test_the_type_name_decides_the_type_over_a_mistyped_symbol():
    plan = _read("UBND TỈNH NINH THUẬN\nSố: 55/2007/CT-UBND\nQUYẾT ĐỊNH\nBan hành Kế hoạch\n")
    assert plan["doc_type"] == "QĐ" and plan["symbol"] == "2007/CT-UBND"
    assert any("đã lấy loại theo tên loại" in w for w in plan["warnings"])


def test_a_plain_text_subject_wrapped_over_lines():
    plan = _read(
        "BAN CHỈ ĐẠO 138/CP\nSố: 27/KH-BCĐ138\nHà Nội, ngày 22 tháng 02 năm 2024\nKẾ HOẠCH\n"
        "TRIỂN\nKHAI CÔNG TÁC PHÒNG, CHỐNG MUA BÁN NGƯỜI\nNĂM 2024\n"
        "Thực hiện Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ;\n"
        "I. MỤC TIÊU\n"
    )
    assert plan["subject"] == "TRIỂN KHAI CÔNG TÁC PHÒNG, CHỐNG MUA BÁN NGƯỜI NĂM 2024"
    assert [b["number"] for b in plan["bases"]] == ["193"]
    decision = _read(
        "ỦY BAN NHÂN DÂN TỈNH LONG AN\nSố: 1358/QĐ-UBND\nQUYẾT ĐỊNH\n"
        "BAN HÀNH KẾ HOẠCH BÌNH ĐẲNG GIỚI TỈNH\nLONG AN GIAI ĐOẠN 2021-2030\n"
        "ỦY BAN NHÂN DÂN TỈNH LONG AN\nCăn cứ Luật Bình đẳng giới ngày 29/11/2006;\n"
    )
    # The authority line under the subject is not part of it.
    assert (
        decision["subject"] == "BAN HÀNH KẾ HOẠCH BÌNH ĐẲNG GIỚI TỈNH LONG AN GIAI ĐOẠN 2021-2030"
    )


def test_a_letters_date_after_its_subject_and_its_basis_in_a_sentence():
    plan = _read(
        "ỦY BAN DÂN TỘC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 683/UBDT-DTTS\nV/v báo cáo sơ kết Đề án\n\nHà Nội, ngày 16 tháng 6 năm 2021\n\n"
        "Kính gửi:\n- Bộ Ngoại giao\n- Bộ Công an\n\n"
        "Thực hiện nhiệm vụ được giao tại Quyết định 1898/QĐ-TTg ngày 28/11/2017 của Thủ tướng "
        "Chính phủ đến năm 2025. Ngày 14 tháng 7 năm 2021, Ủy ban có Hướng dẫn số 2301/HD-UBDT.\n"
    )
    assert (plan["doc_type"], plan["place"], plan["date"]) == ("CV", "Hà Nội", "2021-06-16")
    assert plan["recipients_to"] == ["Bộ Ngoại giao", "Bộ Công an"]
    assert [(b["number"], b["symbol"]) for b in plan["bases"]] == [("1898", "QĐ-TTg")]


def test_an_amending_law_is_one_basis_and_an_article_names_its_law():
    plan = _read(
        "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\nSố: 1100/QĐ-UBND\nQUYẾT ĐỊNH\nBan hành Kế hoạch\n"
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
        "chính quyền địa phương ngày 22 tháng 11 năm 2019;\n"
        "Căn cứ Điều 13 Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Ban hành.\n"
    )
    assert [b["date"] for b in plan["bases"]] == ["2019-11-22", None]
    assert plan["bases"][1]["text"].startswith("Luật Hoạt động giám sát")


def test_a_letter_copied_without_its_header():
    plan = _read(
        "Kính gửi: Ban Dân vận các tỉnh ủy, thành ủy trực thuộc Trung ương\n\n"
        "Ngày 20/01/2018, Ban Bí thư ban hành Chỉ thị số 21-CT/TW về công tác phụ nữ.\n\n"
        "Trân trọng./.\n\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\n\nNguyễn Văn An\n"
    )
    assert plan["doc_type"] == "CV" and plan["date"] is None
    assert plan["issuer"] == {"parent": None, "name": None}
    assert plan["signer"]["name"] == "Nguyễn Văn An"


def test_a_number_line_without_its_label_and_a_cell_border():
    plan = _read(
        "CHÍNH PHỦ |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n5293/BVHTTDL-GĐ\n"
        "Công văn V/v Báo cáo kết quả năm 2020\n"
    )
    assert plan["issuer"]["name"] == "CHÍNH PHỦ"
    assert (plan["number"], plan["symbol"], plan["doc_type"]) == ("5293", "BVHTTDL-GĐ", "CV")
    assert plan["subject"] == "Báo cáo kết quả năm 2020"


# The corpus's tuning half, rewrapped and re-encoded: the same fields as the copy it came from.
# (Its held-back half stays out of every test but the score: vstb/documents/corpus.py.)
# A document a page copied whole onto one line is left out: cut at a width, it becomes another
# copy (its parts a line each), not the same one rewrapped.
TUNING = {
    document.id: document.text
    for document in corpus.documents("tune")
    if "one-line" not in document.meta.get("layout", [])
}
TUNING_FIELDS = {
    name: corpus.found_fields(import_bytes(text.encode("utf-8"), "van-ban.txt"))
    for name, text in TUNING.items()
}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    document=st.sampled_from(sorted(TUNING)),
    width=st.integers(min_value=40, max_value=90),
    encoding=st.sampled_from([None, *sorted(variants.ENCODINGS)]),
    drawings=st.booleans(),
)
def test_corpus_documents_read_the_same_whatever_their_wrap_and_encoding(
    document, width, encoding, drawings
):
    text = variants.wrapped(TUNING[document], width)
    if drawings:
        text = variants.drawing_leftovers(text)
    if encoding:
        text = variants.ENCODINGS[encoding](text)
    got = corpus.found_fields(import_bytes(text.encode("utf-8"), "van-ban.txt"))
    expected = TUNING_FIELDS[document]
    assert {k: (expected[k], got[k]) for k in expected if expected[k] != got[k]} == {}


def test_a_title_line_carrying_the_subject_and_a_party_numbered_basis():
    plan = _read(
        "NHÓM NỮ NGHỊ SĨ VIỆT NAM\nHà Nội, ngày 14 tháng 11 năm 2008\n"
        "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG CỦA NHÓM NỮ NGHỊ SĨ\n"
        "Căn cứ Kế hoạch số 67-KH/TU ngày 11/6/2018 của Ban Thường vụ Tỉnh ủy triển khai "
        "Chỉ thị số 21-CT/TW ngày 20/01/2018 của Ban Bí thư;\n"
    )
    assert (plan["title"], plan["subject"]) == ("BÁO CÁO", "KẾT QUẢ HOẠT ĐỘNG CỦA NHÓM NỮ NGHỊ SĨ")
    assert [(b["doc_type"], b["number"], b["symbol"]) for b in plan["bases"]] == [
        ("KH", "67", "KH/TU"),
        ("CT", "21", "CT/TW"),
    ]


def test_bases_listed_a_line_each_and_one_named_in_the_issuers_own_sentence():
    plan = _read(
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM\nSố: 12/KH-UBND\nKẾ HOẠCH\nKiểm soát mất cân bằng giới tính\n"
        "Thực hiện Quyết định số 468/QĐ-TTg ngày 02/3/2016 của Thủ tướng Chính phủ;\n"
        "Kế hoạch số 127/KH-UBND ngày 09/9/2011 của Ủy ban nhân dân tỉnh;\n"
        "Thực hiện Quyết định số 1241/QĐ-TTg ngày 22/7/2011 của Thủ tướng Chính phủ, "
        "UBND tỉnh Hà Nam đã ban hành Kế hoạch số 129/KH-UBND ngày 14/12/2016 triển khai Đề án.\n"
        "I. MỤC TIÊU\n"
    )
    assert [b["number"] for b in plan["bases"]] == ["468", "127", "1241", "129"]


def test_a_forms_blank_place_and_a_prime_ministers_decision():
    form = _read("TRƯỜNG TIỂU HỌC\n……., ngày……. tháng 11 năm 2020\nKẾ HOẠCH\nTháng hành động\n")
    assert form["place"] is None and form["date_partial"] == "2020-11"
    decision = _read(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 1427/QĐ-TTg\nQUYẾT ĐỊNH\n"
        "PHÊ DUYỆT CHƯƠNG TRÌNH PHÒNG NGỪA MUA BÁN NGƯỜI GIAI ĐOẠN 2011 - 2015\n"
        "THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 25/12/2001;\n"
    )
    assert (
        decision["subject"]
        == "PHÊ DUYỆT CHƯƠNG TRÌNH PHÒNG NGỪA MUA BÁN NGƯỜI GIAI ĐOẠN 2011 - 2015"
    )


def test_the_addressees_end_where_the_letters_first_sentence_starts():
    from vstb.documents.importer.parse import layout
    from vstb.documents.importer.parse.paragraphs import Para

    # Hard-wrapped at 51 columns, a "Kính gửi" line ending in a comma: what follows is the
    # letter's first sentence, not another addressee.
    addressees = Para("Kính gửi : Các thành viên Nhóm nữ nghị sĩ Việt Nam,")
    sentence = Para("Ngày 15/5/2008, Ủy ban thường vụ Quốc hội đã ban")
    assert not layout._continues(addressees, sentence, 51)
    assert layout._continues(addressees, Para("và các đại biểu Quốc hội nữ"), 51)


def test_a_range_of_years_and_the_labour_ministrys_stop_cut_by_a_wrap():
    from vstb.documents.importer.parse import layout
    from vstb.documents.importer.parse.paragraphs import Para

    # Hard-wrapped text (the joining knows the width): "giai đoạn 2011" / "- 2015; …" is one
    # sentence, not a dashed item.
    previous = Para("hướng dẫn triển khai Chương trình quốc gia về bình đẳng giới giai đoạn 2011")
    assert layout._continues(previous, Para("- 2015; Kế hoạch số 127/KH-UBND ngày 09/9/2011"), 76)
    assert not layout._continues(previous, Para("- Tuyên truyền Luật Bình đẳng giới."), 90)
    # "Bộ Lao động." at a line's end, "Thương binh và Xã hội" on the next: the ministry's name.
    joined = layout._join([Para("ngày 25/4/2012 của Bộ Lao động."), Para("Thương binh và Xã hội")])
    assert [p.text for p in joined] == ["ngày 25/4/2012 của Bộ Lao động - Thương binh và Xã hội"]


def test_a_type_name_with_its_subject_on_the_same_line_in_sentence_case():
    plan = _read(
        "THÔNG BÁO Về việc lấy ý kiến cử tri về Đề án sắp xếp các tổ dân phố\n"
        "Ngày cập nhật 17/03/2020\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Kế hoạch số 61/KH-UBND ngày 14/02/2020 của UBND tỉnh;\n"
        "Ủy ban nhân dân phường thông báo đến toàn thể nhân dân được biết.\n"
    )
    assert (plan["doc_type"], plan["title"]) == ("TB", "THÔNG BÁO")
    assert plan["subject"] == "Về việc lấy ý kiến cử tri về Đề án sắp xếp các tổ dân phố"
    # The page's date before the bases is neither the document's date nor kept from them.
    assert plan["date"] is None
    assert [b["number"] for b in plan["bases"]] == [None, "61"]


def test_grounds_in_a_second_sentence_a_document_named_twice_and_a_year_cut_by_a_space():
    plan = _read(
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nSố: 31/KH-UBND\nKẾ HOẠCH\nGiám sát năm 2023\n"
        "Căn cứ Chỉ thị số 37-CT/TW ngày 03/9/2019 của Ban Bí thư; Kế hoạch số 142-KH/TU "
        "ngày 10/01/2020 của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 37-CT/TW ngày "
        "03/9/2019 của Ban Bí thư. Trên cơ sở Kế hoạch số 5218/KH-UBND ngày 23/9/20 22 của "
        "UBND tỉnh; UBND tỉnh ban hành Kế hoạch như sau:\n"
        "I. MỤC ĐÍCH\n"
    )
    assert [(b["number"], b["symbol"], b["date"]) for b in plan["bases"]] == [
        ("37", "CT/TW", "2019-09-03"),
        ("142", "KH/TU", "2020-01-10"),
        ("5218", "KH-UBND", "2022-09-23"),
    ]


def test_a_letters_grounds_inside_its_first_paragraph():
    plan = _read(
        "BỘ NỘI VỤ\nSố: 3108/BNV-CQĐP\nV/v lưu ý khi hoàn thiện hồ sơ Đề án\n"
        "Hà Nội, ngày 11 tháng 6 năm 2024\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương\n"
        "Thời gian qua, một số địa phương còn chậm hoàn thiện hồ sơ. Căn cứ Nghị quyết số "
        "35/2023/UBTVQH15 ngày 12/7/2023 của Ủy ban Thường vụ Quốc hội; Nghị quyết số "
        "117/NQ-CP ngày 30/7/2023 của Chính phủ; để bảo đảm chất lượng, Bộ Nội vụ đề nghị "
        "lưu ý một số nội dung sau:\n"
    )
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("NQ", "35"), ("NQ", "117")]


def test_a_places_name_cut_from_its_date_line():
    plan = _read(
        "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\n|\nSố: 52/KH-UBND\n|\nYên\nBái, ngày 16 tháng 3\n"
        "năm 2020\n|\nKẾ HOẠCH\nTriển khai Chỉ thị số 37-CT/TW\n"
    )
    assert (plan["place"], plan["date"]) == ("Yên Bái", "2020-03-16")


def test_a_whole_decision_copied_onto_one_line():
    # A page's text of a PDF: every line of the document run together, the header's two
    # columns interleaved ("BỘ VĂN HÓA, THỂ THAO" | national name | "VÀ DU LỊCH").
    plan = _read(
        "  1. BỘ VĂN HÓA, THỂ THAO CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM VÀ DU LỊCH Độc lập – Tự "
        "do – Hạnh phúc ******* ******* Số: 41/2008/QĐ-BVHTTDL Hà Nội, ngày 12 tháng 6 năm "
        "2008 QUYẾT ĐỊNH BAN HÀNH HỆ THỐNG CHỈ TIÊU CÔNG TÁC GIA ĐÌNH CỦA CẤP TỈNH BỘ TRƯỞNG "
        "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH Căn cứ Nghị định số 185/2007/NĐ-CP ngày 25 tháng 12 "
        "năm 2007 của Chính phủ; Xét đề nghị của Vụ trưởng Vụ Gia đình, QUYẾT ĐỊNH Điều 1. "
        "Ban hành kèm theo Quyết định này hệ thống chỉ tiêu công tác gia đình của cấp tỉnh.\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("QĐ", "41", "2008/QĐ-BVHTTDL")
    assert (plan["place"], plan["date"]) == ("Hà Nội", "2008-06-12")
    assert plan["issuer"]["name"] == "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert plan["subject"] == "BAN HÀNH HỆ THỐNG CHỈ TIÊU CÔNG TÁC GIA ĐÌNH CỦA CẤP TỈNH"
    assert plan["authority"] == "BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert [b["number"] for b in plan["bases"]] == ["185"]
    assert [s["label"] for s in plan["sections"]] == ["Điều 1"]


def test_a_subject_in_capitals_cut_by_a_fixed_width_wrap_before_a_headings_words():
    # Hard-wrapped at 45 columns: "… PHỤC VỤ" / "MỤC TIÊU QUẢN LÝ" reads like a heading
    # ("MỤC TIÊU"), but the line above was only cut because the word did not fit.
    text = (
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nSố: 11/2024/QĐ-UBND\nĐắk Lắk, ngày 07 tháng 02 năm 2024\n"
        "QUYẾT ĐỊNH\nQUY ĐỊNH CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ PHỤC VỤ MỤC TIÊU QUẢN LÝ TRÊN ĐỊA BÀN "
        "TỈNH ĐẮK LẮK\nỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
        "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
        "ngày 22 tháng 11 năm 2019;\nCăn cứ Thông tư liên tịch số: 183/2010/TTLT/BTC-BNN, "
        "ngày 15 tháng 11 năm 2010 của Bộ Tài chính và Bộ Nông nghiệp;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy định chế độ báo cáo.\n"
    )
    whole = _read(text)
    assert whole["authority"] == "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"
    assert [b["date"] for b in whole["bases"]] == ["2015-06-19", "2019-11-22", "2010-11-15"]
    for width in range(40, 91):
        wrapped = _read(variants.wrapped(text, width))
        assert (wrapped["subject"], wrapped["authority"], wrapped["bases"]) == (
            whole["subject"],
            whole["authority"],
            whole["bases"],
        ), width


def test_a_drafts_blank_number_parted_from_its_label_its_mark_and_a_note_under_its_subject():
    plan = _read(
        "VĂN PHÒNG CHÍNH PHỦ\nSố:\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
        "Hạnh phúc\n\n/TTr-VPCP\n\nHà Nội, ngày\n\ntháng\n\nnăm 2016\n\nDỰ THẢO\n\nTỜ TRÌNH\n"
        "Về dự thảo Nghị định ban hành Quy chế phối hợp công tác\n"
        "(trình phiên họp Chính phủ thường kỳ tháng 9/2016)\nKính gửi: Chính phủ\n"
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 07 tháng 01 năm 2016 của Chính phủ, Văn phòng "
        "Chính phủ trình Chính phủ như sau:\n"
    )
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("TTr", None, "TTr-VPCP")
    assert plan["issuer"]["name"] == "VĂN PHÒNG CHÍNH PHỦ"
    assert (plan["place"], plan["date"]) == ("Hà Nội", None)
    assert plan["recipients_to"] == ["Chính phủ"]
    assert [b["number"] for b in plan["bases"]] == ["01"]


# A Party committee's plan: "ĐẢNG CỘNG SẢN VIỆT NAM" where the national name stands, a
# number "45-KH/HU", the subject in lower case under the type name.
PARTY_PLAN = """\
ĐẢNG BỘ TỈNH NGHỆ AN              ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY QUỲNH LƯU
*
Số 45-KH/HU                        Quỳnh Lưu, ngày 12 tháng 3 năm 2024
KẾ HOẠCH
thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư về công tác phụ nữ
-----
Thực hiện Kết luận số 70-KL/TW ngày 31/01/2024 của Ban Bí thư, Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về công tác phụ nữ.
"""


@pytest.mark.parametrize("layout", [None, *sorted(variants.LAYOUTS)])
def test_a_party_committees_plan_in_each_layout(layout):
    text = variants.LAYOUTS[layout](PARTY_PLAN) if layout else PARTY_PLAN
    plan = _read(text)
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("KH", "45", "KH/HU")
    assert plan["issuer"] == {"parent": "ĐẢNG BỘ TỈNH NGHỆ AN", "name": "HUYỆN ỦY QUỲNH LƯU"}
    assert (plan["place"], plan["date"]) == ("Quỳnh Lưu", "2024-03-12")
    assert (plan["title"], plan["subject"]) == (
        "KẾ HOẠCH",
        "thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư về công tác phụ nữ",
    )
    assert [(b["number"], b["symbol"]) for b in plan["bases"]] == [("70", "KL/TW")]


@pytest.mark.parametrize(
    "header",
    [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH HÀ NAM Độc lập - Tự do - Hạnh phúc\n",
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH HÀ NAM Độc lập - Tự do - "
        "Hạnh phúc\n",
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
        "Hạnh phúc\n",
    ],
)
def test_the_national_name_run_together_with_the_issuers_lines(header):
    plan = _read(
        header + "Số: 12/KH-UBND Hà Nam, ngày 07 tháng 4 năm 2016\nKẾ HOẠCH\n"
        "Kiểm soát mất cân bằng giới tính khi sinh năm 2016\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam; Căn cứ Quyết định số "
        "468/QĐ-TTg ngày 23/3/2016 của Thủ tướng Chính phủ;\nI. MỤC ĐÍCH\n"
    )
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"}
    assert (plan["number"], plan["place"], plan["date"]) == ("12", "Hà Nam", "2016-04-07")
    assert plan["preamble"][0].startswith("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa")


HA_NAM_PLAN = """\
ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Hà Nam, ngày 07 tháng 4 năm 2016
KẾ HOẠCH
Kiểm soát mất cân bằng giới tính khi sinh năm 2016
Căn cứ Quyết định số 468/QĐ-TTg ngày 23/3/2016 của Thủ tướng Chính phủ;
I. MỤC ĐÍCH
"""


@pytest.mark.parametrize(
    "typed, as_typed",
    [
        ("KẾ HOẠCH\n", "KẾ HOẠCH (Dự thảo)\n"),  # a draft's note after its type name
        ("KẾ HOẠCH\n", "Kế hoạch\n"),  # the type name alone, in sentence case
        ("Số: 12/", "số: 12/"),  # the number's label in lower case
        ("tháng 4 năm", "tháng 4, năm"),  # a comma in the date
    ],
)
def test_a_header_typed_a_little_differently_reads_the_same(typed, as_typed):
    plan = _read(HA_NAM_PLAN.replace(typed, as_typed))
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("KH", "12", "KH-UBND")
    assert (plan["place"], plan["date"]) == ("Hà Nam", "2016-04-07")
    assert plan["title"] in ("KẾ HOẠCH", "Kế hoạch")
    assert plan["subject"] == "Kiểm soát mất cân bằng giới tính khi sinh năm 2016"
    assert [b["number"] for b in plan["bases"]] == ["468"]


MINISTRY_LETTER = """\
BỘ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 739/BNV-CTTN&BĐG
V/v hướng dẫn triển khai công tác bình đẳng giới năm 2025
Hà Nội, ngày 28 tháng 3 năm 2025
Kính gửi:
- Các bộ, cơ quan ngang bộ;
- Ủy ban nhân dân các tỉnh, thành phố.
Thực hiện Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ, Bộ Nội vụ hướng dẫn như sau:
1. Tổ chức Tháng hành động vì bình đẳng giới.
"""


@pytest.mark.parametrize(
    "typed, as_typed",
    [
        # the subject wrapped onto a line that starts in capitals
        ("công tác bình đẳng giới", "công tác\nBình đẳng giới"),
        # the subject in brackets
        (
            "V/v hướng dẫn triển khai công tác bình đẳng giới năm 2025",
            "(V/v hướng dẫn triển khai công tác bình đẳng giới năm 2025)",
        ),
        # the addressees on the line of "Kính gửi:", each after its dash
        ("Kính gửi:\n- Các bộ, cơ quan ngang bộ;\n-", "Kính gửi: - Các bộ, cơ quan ngang bộ; -"),
        # the addressees a line each, without dashes
        ("- Các bộ, cơ quan ngang bộ;\n- Ủy", "Các bộ, cơ quan ngang bộ;\nỦy"),
        # the grounds opened by "Để thực hiện" or "Theo … số"
        ("Thực hiện Nghị quyết", "Để thực hiện Nghị quyết"),
        ("Thực hiện Nghị quyết", "Theo Nghị quyết"),
    ],
)
def test_a_letter_typed_a_little_differently_reads_the_same(typed, as_typed):
    assert typed in MINISTRY_LETTER
    plan = _read(MINISTRY_LETTER.replace(typed, as_typed))
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CV", "739", "BNV-CTTN&BĐG")
    assert plan["date"] == "2025-03-28"
    assert corpus.squeeze(plan["subject"]) == corpus.squeeze(
        "hướng dẫn triển khai công tác bình đẳng giới năm 2025"
    )
    assert plan["recipients_to"] == [
        "Các bộ, cơ quan ngang bộ",
        "Ủy ban nhân dân các tỉnh, thành phố",
    ]
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("NQ", "28")]


COMMUNE_PLAN = """\
ỦY BAN NHÂN DÂN
XÃ TÂN PHÚ
Số: 25/KH-UBND
Tân Phú, ngày 10 tháng 12 năm 2025
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
{bases}
II. NHIỆM VỤ
1. Tổ chức Tháng hành động vì bình đẳng giới.
"""


@pytest.mark.parametrize(
    "grounds",
    [
        # "Căn cứ:" over a list a line each (a law with no number nor day among them)
        "Căn cứ:\n- Luật Bình đẳng giới năm 2006;\n- Quyết định số 2351/QĐ-TTg ngày 24-12-2010 "
        "của Thủ tướng Chính phủ.",
        "Căn cứ:\n+ Luật Bình đẳng giới năm 2006;\n+ Quyết định số 2351/QĐ-TTg ngày 24/12/2010 "
        "của Thủ tướng Chính phủ.",
        # a section of their own
        "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n- Luật Bình đẳng giới năm 2006;\n- Quyết định số "
        "2351/QĐ-TTg ngày 24/12/2010 của Thủ tướng Chính phủ.",
    ],
)
def test_bases_listed_under_a_heading_of_their_own(grounds):
    plan = _read(COMMUNE_PLAN.format(bases=grounds))
    assert [(b["doc_type"], b["number"], b["date"]) for b in plan["bases"]] == [
        (None, None, None),
        ("QĐ", "2351", "2010-12-24"),
    ]


@pytest.mark.parametrize(
    "number_line",
    [
        "Số: 52/BCĐ 130/CP\nHà Nội, ngày 05 tháng 5 năm 2004\n",
        "Số: 52/BCĐ 130/CP Hà Nội, ngày 05 tháng 5 năm 2004\n",  # two columns on one line
    ],
)
def test_a_steering_committees_symbol_with_a_space_in_it(number_line):
    plan = _read(
        "BAN CHỈ ĐẠO 130/CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + number_line + "KẾ HOẠCH\n"
        "Phòng, chống tội phạm buôn bán phụ nữ, trẻ em năm 2004\n"
        "Thực hiện Kế hoạch số 12/BCĐ 130/CP ngày 05/01/2004 của Ban Chỉ đạo;\nI. MỤC ĐÍCH\n"
    )
    assert (plan["number"], plan["symbol"]) == ("52", "BCĐ 130/CP")
    assert (plan["place"], plan["date"]) == ("Hà Nội", "2004-05-05")
    assert [(b["number"], b["symbol"]) for b in plan["bases"]] == [("12", "BCĐ 130/CP")]


@pytest.mark.parametrize(
    "typed, as_typed",
    [
        # "kính gửi:" in lower case, not the rest of the date line above it
        ("Kính gửi:", "kính gửi:"),
        # the V/v line and "Kính gửi" flattened onto one line, the date after them
        (
            "V/v hướng dẫn triển khai công tác bình đẳng giới năm 2025\nHà Nội, ngày 28 tháng 3 "
            "năm 2025\nKính gửi:\n- Các bộ, cơ quan ngang bộ;\n- Ủy ban nhân dân các tỉnh, thành "
            "phố.",
            "V/v hướng dẫn triển khai công tác bình đẳng giới năm 2025      Kính gửi: Các bộ, "
            "cơ quan ngang bộ; - Ủy ban nhân dân các tỉnh, thành phố.\nHà Nội, ngày 28 tháng 3 "
            "năm 2025",
        ),
    ],
)
def test_a_letters_addressees_typed_in_lower_case_or_flattened_before_its_date(typed, as_typed):
    assert typed in MINISTRY_LETTER
    plan = _read(MINISTRY_LETTER.replace(typed, as_typed))
    assert plan["date"] == "2025-03-28"
    assert plan["recipients_to"] == [
        "Các bộ, cơ quan ngang bộ",
        "Ủy ban nhân dân các tỉnh, thành phố",
    ]
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("NQ", "28")]


# A letter's header as Decree 30/2020 lays it out (Appendix I, part I.5.b): one table row, the
# issuer, the number and the "V/v" subject in the left cell, the national name, the motto and
# the place and date in the right one.
_LEFT_CELL = [
    "SỞ LAO ĐỘNG - THƯƠNG BINH",
    "VÀ XÃ HỘI TỈNH ĐỒNG NAI",
    "-------",
    "Số: 2310/SLĐTBXH-BĐG",
    "V/v hướng dẫn xây dựng kế hoạch",
    "bình đẳng giới năm 2024",
]
_RIGHT_CELL = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "Đồng Nai, ngày 18 tháng 12 năm 2023",
]
_LETTER_BODY = """\
Kính gửi:
- Các sở, ban, ngành tỉnh;
- UBND các huyện, thành phố.
Thực hiện Kế hoạch số 245/KH-UBND ngày 10/11/2023 của UBND tỉnh về thực hiện công tác bình đẳng giới năm 2024; Sở Lao động - Thương binh và Xã hội đề nghị các đơn vị xây dựng kế hoạch và gửi về Sở trước ngày 15/01/2024.
Nơi nhận:
- Như trên;
- Lưu: VT, BĐG.
GIÁM ĐỐC
Phạm Văn Bình
"""


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(_LEFT_CELL + _RIGHT_CELL, id="left cell, then right"),
        pytest.param(_RIGHT_CELL + _LEFT_CELL, id="right cell, then left"),
        pytest.param(
            _LEFT_CELL[:4] + [" ".join(_LEFT_CELL[4:])] + _RIGHT_CELL,
            id="left cell with its subject on one line, then right",
        ),
        pytest.param(
            _LEFT_CELL + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "VIỆT NAM"] + _RIGHT_CELL[1:],
            id="left cell, then right with the national name cut",
        ),
    ],
)
def test_a_letters_header_row_flattened_cell_after_cell(header):
    plan = _read("\n".join(header) + "\n" + _LETTER_BODY)
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CV", "2310", "SLĐTBXH-BĐG")
    assert (plan["date"], plan["place"]) == ("2023-12-18", "Đồng Nai")
    assert plan["issuer"]["name"] == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH ĐỒNG NAI"
    assert plan["subject"] == "hướng dẫn xây dựng kế hoạch bình đẳng giới năm 2024"
    assert plan["recipients_to"] == ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"]
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("KH", "245")]
    assert plan["signer"] == {"lines": ["GIÁM ĐỐC"], "name": "Phạm Văn Bình"}


@pytest.mark.parametrize("mark", ["HỎA TỐC", "KHẨN", "THƯỢNG KHẨN", "MẬT"])
def test_a_mark_of_urgency_or_secrecy_in_the_header_is_not_the_issuer(mark):
    plan = _read("\n".join([mark, *_LEFT_CELL, *_RIGHT_CELL]) + "\n" + _LETTER_BODY)
    assert plan["issuer"]["name"] == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH ĐỒNG NAI"


def test_a_number_line_before_the_issuer_still_gives_the_issuer():
    lines = ["Straight Connector 2" + _LEFT_CELL[3], *_LEFT_CELL[:3], *_LEFT_CELL[4:], *_RIGHT_CELL]
    plan = _read("\n".join(lines) + "\n" + _LETTER_BODY)
    assert (plan["number"], plan["symbol"]) == ("2310", "SLĐTBXH-BĐG")
    assert plan["issuer"]["name"] == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH ĐỒNG NAI"


def test_a_report_is_for_the_year_its_subject_names_in_capitals_not_the_year_it_is_signed():
    plan = _read(
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ TÂN HƯNG                              Độc lập - Tự do - Hạnh phúc\n"
        "Số: 45/BC-UBND                         Tân Hưng, ngày 10 tháng 01 năm 2025\n"
        "BÁO CÁO\n"
        "KẾT QUẢ THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI\n"
        "VÀ VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ NĂM 2024\n"
        "I. KẾT QUẢ THỰC HIỆN\n"
        "Tổ chức 05 buổi tuyên truyền.\n"
        "II. NHIỆM VỤ NĂM 2025\n"
        "Các thôn báo cáo kết quả quý I trước ngày 20/3.\n"
    )
    assert (plan["doc_type"], plan["date"], plan["year"]) == ("BC", "2025-01-10", 2024)
    assert [d["date"] for d in plan["deadlines"]] == ["2025-03-20"]


def test_an_attached_plans_deadlines_without_a_year_come_after_the_decision_issuing_it():
    plan = _read(
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "THÀNH PHỐ CẦN THƠ                      Độc lập - Tự do - Hạnh phúc\n"
        "Số: 3321/QĐ-UBND                       Cần Thơ, ngày 28 tháng 12 năm 2021\n"
        "QUYẾT ĐỊNH\n"
        "Ban hành Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\n"
        "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chiến lược.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
        "KẾ HOẠCH\n"
        "Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030\n"
        "(Kèm theo Quyết định số 3321/QĐ-UBND ngày 28/12/2021 của Chủ tịch UBND thành phố)\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "Cụ thể hóa các mục tiêu của Chiến lược.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Lao động - Thương binh và Xã hội\n"
        "Tham mưu tổ chức triển khai Kế hoạch; tổng hợp, báo cáo trước ngày 15/12 hằng năm.\n"
    )
    assert (plan["doc_type"], plan["date"], plan["year"]) == ("KH", "2021-12-28", 2021)
    # "15/12" of the year the decision is signed would be before it: the next one
    assert [d["date"] for d in plan["deadlines"]] == ["2022-12-15"]


# A letter copied from a web page whose table cells lost their line breaks: the number and the
# "V/v" subject in one cell, the "Nơi nhận" list and the whole signature each on one line.
WEB_PAGE_LETTER = """\
| ỦY BAN NHÂN DÂN TỈNH NGHỆ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 8120/UBND-VX V/v tăng cường công tác phòng, chống bạo lực gia đình | Nghệ An, ngày 12 tháng 10 năm 2023 |

Kính gửi:

- Các sở, ban, ngành cấp tỉnh;
- UBND các huyện, thành phố, thị xã.

Thực hiện Chỉ thị số 06/CT-TTg ngày 14/4/2023 của Thủ tướng Chính phủ về tăng cường công tác phòng, chống bạo lực gia đình, Ủy ban nhân dân tỉnh yêu cầu:

1. Các sở, ngành, địa phương tăng cường tuyên truyền.

2. Sở Văn hóa và Thể thao tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2023.

| Nơi nhận: - Như trên; - TT Tỉnh ủy, HĐND tỉnh; - Lưu: VT, VX. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Bùi Đình Long |
"""


@pytest.mark.parametrize(
    "signature, lines, name",
    [
        (
            "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Bùi Đình Long",
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            "Bùi Đình Long",
        ),
        (
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Thị Hà",
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            "Nguyễn Thị Hà",
        ),
        (
            "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG Lê Văn Tám",
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
            "Lê Văn Tám",
        ),
        ("GIÁM ĐỐC Phạm Văn Bình", ["GIÁM ĐỐC"], "Phạm Văn Bình"),
    ],
)
def test_a_letter_from_a_web_page_whose_cells_lost_their_line_breaks(signature, lines, name):
    plan = _read(
        WEB_PAGE_LETTER.replace(
            "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Bùi Đình Long", signature
        )
    )
    assert (plan["number"], plan["symbol"], plan["date"]) == ("8120", "UBND-VX", "2023-10-12")
    assert plan["subject"] == "tăng cường công tác phòng, chống bạo lực gia đình"
    assert plan["recipients"] == ["Như trên", "TT Tỉnh ủy, HĐND tỉnh", "Lưu: VT, VX"]
    assert plan["signer"] == {"lines": lines, "name": name}


def test_a_web_pages_addressees_run_together_in_their_cell():
    plan = _read(
        WEB_PAGE_LETTER.replace(
            "Kính gửi:\n\n- Các sở, ban, ngành cấp tỉnh;\n- UBND các huyện, thành phố, thị xã.\n",
            "| Kính gửi: | - Các sở, ban, ngành cấp tỉnh; - UBND các huyện, thành phố, thị xã. |\n",
        )
    )
    assert plan["recipients_to"] == [
        "Các sở, ban, ngành cấp tỉnh",
        "UBND các huyện, thành phố, thị xã",
    ]
