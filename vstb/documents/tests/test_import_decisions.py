"""Decisions (QĐ) read as decisions: who decides (`authority`), the preamble with "Theo đề
nghị của …", the articles "Điều N" with their whole text, and what a decision issues (a plan:
`issued_by`; a regulation: `annexes`). Every document here is written for the test, one per
class of layout, not copied from the corpus."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.documents.importer import import_bytes
from vstb.documents.pdf import docx_to_pdf, soffice
from vstb.documents.plan_schema import validate
from vstb.documents.tests import variants
from vstb.documents.tests.test_document_types import decision as rendered_decision

HEADER = """\
ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 41/QĐ-UBND
Hòa Bình, ngày 03 tháng 02 năm 2026
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác vì sự tiến bộ của phụ nữ xã Hòa Bình
"""

BASES = """\
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã;
Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.
QUYẾT ĐỊNH:
"""

ARTICLES = """\
Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau:
- Bà Nguyễn Thị Lan, Phó Chủ tịch UBND xã, Tổ trưởng;
- Ông Lê Văn Bình, công chức Văn hóa - Xã hội, Tổ phó.
Điều 2. Quyết định có hiệu lực từ ngày ký.
Điều 3. Văn phòng HĐND và UBND xã và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.
"""

CLOSING = """\
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Phạm Văn Đông
"""


def read(text: str) -> dict:
    plan = import_bytes(text.encode("utf-8"), "quyet-dinh.txt")
    assert validate(plan) == []
    return plan


def article_texts(plan: dict) -> list[str]:
    """Each article as the renderer writes it, its items included, on one line."""
    out = []
    for section in plan["sections"]:
        paragraphs = layout.body_paragraphs({"sections": [section]})
        out.append(" ".join(p.text for p in paragraphs))
    return out


def test_authority_on_one_line_is_the_authority_not_the_preamble():
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + ARTICLES + CLOSING)
    assert plan["authority"] == "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert plan["subject"] == ("Về việc thành lập Tổ công tác vì sự tiến bộ của phụ nữ xã Hòa Bình")
    # "Theo đề nghị của …" stays in the preamble, where the renderer prints it; "QUYẾT ĐỊNH:"
    # does not: the renderer writes it before the articles.
    assert plan["preamble"] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã;",
        "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",
    ]
    assert [b["symbol"] for b in plan["bases"]] == [None, "KH-UBND"]


def test_authority_wrapped_over_two_lines_is_joined():
    for first, second in (
        ("CHỦ TỊCH ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"),
        ("ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"),
        ("TRƯỞNG BAN CHỈ ĐẠO CÔNG TÁC", "BÌNH ĐẲNG GIỚI XÃ HÒA BÌNH"),
    ):
        plan = read(HEADER + f"{first}\n{second}\n" + BASES + ARTICLES + CLOSING)
        assert plan["authority"] == f"{first} {second}"
        assert plan["subject"].endswith("xã Hòa Bình")
        assert plan["preamble"][0].startswith("Căn cứ Luật")


def test_a_decision_with_no_authority_line_has_none():
    plan = read(HEADER + BASES + ARTICLES + CLOSING)
    assert plan["authority"] is None
    assert plan["preamble"][0].startswith("Căn cứ Luật")


def test_articles_carry_their_whole_text_and_their_items():
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + ARTICLES + CLOSING)
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    assert all(s["title"] is None for s in plan["sections"])
    assert article_texts(plan) == [
        "Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau: "
        "- Bà Nguyễn Thị Lan, Phó Chủ tịch UBND xã, Tổ trưởng; "
        "- Ông Lê Văn Bình, công chức Văn hóa - Xã hội, Tổ phó.",
        "Điều 2. Quyết định có hiệu lực từ ngày ký.",
        "Điều 3. Văn phòng HĐND và UBND xã và các ông, bà có tên tại Điều 1 chịu trách "
        "nhiệm thi hành Quyết định này./.",
    ]
    assert plan["recipients"] == ["Như Điều 3", "Lưu: VT"]
    assert plan["signer"]["name"] == "Phạm Văn Đông"


def test_articles_labelled_in_capitals_or_glued_to_their_number_are_articles():
    capitals = ARTICLES.replace("Điều 1.", "ĐIỀU 1.").replace("Điều 2. Quyết", "Điều2.Quyết")
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + capitals + CLOSING)
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    assert plan["sections"][1]["paragraphs"] == ["Quyết định có hiệu lực từ ngày ký."]


# The same decision as a PDF reader or an e-mail copies it: every line broken at about 60
# columns, the last article's sentence running over three lines after a comma.
WRAPPED_ARTICLES = """\
Điều 1. Thành lập Tổ công tác vì sự tiến bộ của phụ nữ xã Hòa
Bình (gọi tắt là Tổ công tác) gồm các ông, bà có tên sau:
a) Bà Nguyễn Thị Lan, Phó Chủ tịch Ủy ban nhân dân xã, Tổ
trưởng;
b) Ông Lê Văn Bình, công chức Văn hóa - Xã hội, Tổ phó.
Điều 2. Tổ công tác có nhiệm vụ giúp Ủy ban nhân dân xã xây
dựng và theo dõi việc thực hiện kế hoạch hằng năm về bình đẳng
giới trên địa bàn xã.
Điều 3. Văn phòng HĐND và UBND xã, công chức Văn hóa - Xã hội,
các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết
định này./.
"""


def test_articles_wrapped_at_a_fixed_width_are_rejoined():
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + WRAPPED_ARTICLES + CLOSING)
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    texts = article_texts(plan)
    assert texts[0] == (
        "Điều 1. Thành lập Tổ công tác vì sự tiến bộ của phụ nữ xã Hòa Bình (gọi tắt là Tổ "
        "công tác) gồm các ông, bà có tên sau: a) Bà Nguyễn Thị Lan, Phó Chủ tịch Ủy ban "
        "nhân dân xã, Tổ trưởng; b) Ông Lê Văn Bình, công chức Văn hóa - Xã hội, Tổ phó."
    )
    assert texts[1].endswith("về bình đẳng giới trên địa bàn xã.")
    # The decision's last sentence belongs to its last article, not to a closing block.
    assert texts[2].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert len(plan["sections"]) == 3


@pytest.mark.parametrize(
    "glued",
    [
        "Quyết định này./.Nơi nhận:\n",
        # and then wrapped inside "Nơi nhận" by a copy hard-wrapped at a fixed width
        "Quyết định này./.Nơi\nnhận:\n",
    ],
)
def test_an_article_glued_to_the_recipients_by_a_flattened_copy_ends_at_them(glued):
    articles = ARTICLES.replace("Quyết định này./.\n", glued)
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + articles + CLOSING[10:])
    assert article_texts(plan)[-1].endswith("thi hành Quyết định này./.")
    assert plan["recipients"] == ["Như Điều 3", "Lưu: VT"]


REGULATION = """\
ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
QUY CHẾ
HOẠT ĐỘNG CỦA TỔ CÔNG TÁC VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ HÒA BÌNH
(Ban hành kèm theo Quyết định số 41/QĐ-UBND ngày 03/02/2026 của Ủy ban nhân dân xã)
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định nhiệm vụ và cách làm việc của Tổ công tác.
Điều 2. Nhiệm vụ của Tổ công tác
1. Tham mưu kế hoạch hằng năm về bình đẳng giới.
2. Theo dõi, báo cáo kết quả thực hiện.
"""


def test_a_decision_issuing_a_regulation_is_the_decision_with_the_regulation_annexed():
    text = HEADER.replace("thành lập Tổ công tác", "ban hành Quy chế hoạt động của Tổ công tác")
    text = text + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES
    text += "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Tổ công tác.\n"
    text += "Điều 2. Quyết định có hiệu lực từ ngày ký./.\n" + CLOSING + REGULATION
    plan = read(text)
    assert plan["doc_type"] == "QĐ"
    assert (plan["number"], plan["symbol"], plan["date"]) == ("41", "QĐ-UBND", "2026-02-03")
    assert plan["title"] == "QUYẾT ĐỊNH"
    assert plan["authority"] == "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert "issued_by" not in plan or plan["issued_by"] is None
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2"]
    assert plan["signer"] == {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Phạm Văn Đông"}
    [annex] = plan["annexes"]
    assert annex["title"] == "QUY CHẾ"
    assert annex["subject"] == "HOẠT ĐỘNG CỦA TỔ CÔNG TÁC VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ HÒA BÌNH"
    assert annex["note"].startswith("(Ban hành kèm theo Quyết định số 41/QĐ-UBND")
    assert [(s["label"], s["title"]) for s in annex["sections"]] == [
        ("Điều 1", "Phạm vi điều chỉnh"),
        ("Điều 2", "Nhiệm vụ của Tổ công tác"),
    ]
    assert [c["label"] for c in annex["sections"][1]["children"]] == ["1", "2"]
    assert (
        "Tệp là một Quyết định số 41/QĐ-UBND ban hành kèm theo quy chế: đã nhập Quyết định "
        "với các điều của nó; quy chế là phần kèm theo Quyết định."
    ) in plan["warnings"]


ATTACHED_PLAN = """\
ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
(Kèm theo Quyết định số 41/QĐ-UBND ngày 03/02/2026 của Ủy ban nhân dân xã)
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về bình đẳng giới của cán bộ và nhân dân.
II. NHIỆM VỤ
1. Tổ chức Tháng hành động vì bình đẳng giới trước ngày 15/11/2026.
"""


def test_a_decision_issuing_a_plan_still_gives_both():
    text = HEADER.replace(
        "thành lập Tổ công tác vì sự tiến bộ của phụ nữ xã Hòa Bình",
        "ban hành Kế hoạch thực hiện công tác bình đẳng giới năm 2026",
    )
    text += "CHỦ TỊCH ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\n" + BASES
    text += "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng "
    text += "giới năm 2026.\nĐiều 2. Quyết định có hiệu lực từ ngày ký./.\n"
    plan = read(text + CLOSING + ATTACHED_PLAN)
    assert plan["doc_type"] == "KH"
    assert plan["title"] == "KẾ HOẠCH"
    assert [s["label"] for s in plan["sections"]] == ["I", "II"]
    decision = plan["issued_by"]
    assert (decision["number"], decision["symbol"]) == ("41", "QĐ-UBND")
    assert decision["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert decision["preamble"][-1] == "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."
    assert [s["label"] for s in decision["sections"]] == ["Điều 1", "Điều 2"]
    assert decision["sections"][0]["paragraphs"] == [
        "Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng giới năm 2026."
    ]
    assert decision["recipients"] == ["Như Điều 3", "Lưu: VT"]
    # The plan's bases start with the decision that issues it.
    assert (plan["bases"][0]["doc_type"], plan["bases"][0]["number"]) == ("QĐ", "41")


@pytest.mark.parametrize(
    "authority",
    [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        # a body's name, as bold and centred in the Word file as the subject above it
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "BỘ TRƯỞNG BỘ Y TẾ",
    ],
)
def test_a_rendered_decision_reads_back_as_it_was_written(authority):
    """The renderer's decision (test_document_types), as DOCX, imported again: its authority,
    preamble, articles and regulation come back as the renderer wants them."""
    written = rendered_decision()
    written["authority"] = authority
    plan = import_bytes(render_docx(written), "quyet-dinh.docx")
    assert int(plan["number"]) == int(written["number"])  # printed "07"
    for name in ("doc_type", "symbol", "title", "subject", "authority", "preamble"):
        assert plan[name] == written[name], name
    assert article_texts(plan) == article_texts(written)
    assert [a["title"] for a in plan["annexes"]] == ["QUY CHẾ"]
    assert plan["annexes"][0]["note"] == written["annexes"][0]["note"]
    assert layout.document_text_lines(plan) == layout.document_text_lines(written)


# A decision as a Word file saved as text gives it: the header's and the closing's two columns
# side by side. Every real-world variant of it (variants.py) must read the same decision.
TWO_COLUMNS = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG AN KHÁNH                         Độc lập - Tự do - Hạnh phúc
Số: 09/QĐ-UBND                        An Khánh, ngày 12 tháng 8 năm 2025

QUYẾT ĐỊNH
Về việc kiện toàn Ban vì sự tiến bộ của phụ nữ phường An Khánh

CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Quyết định số 04/QĐ-UBND ngày 01/7/2025 của Ủy ban nhân dân phường về việc giao nhiệm vụ cho các phòng chuyên môn;
Xét đề nghị của Trưởng phòng Văn hóa - Xã hội phường.

QUYẾT ĐỊNH:

Điều 1. Kiện toàn Ban vì sự tiến bộ của phụ nữ phường An Khánh gồm các ông, bà có tên sau:
1. Bà Trịnh Thị Mai, Phó Chủ tịch Ủy ban nhân dân phường, Trưởng ban;
2. Ông Đỗ Văn Hải, Trưởng phòng Văn hóa - Xã hội, Phó Trưởng ban thường trực;
3. Bà Vũ Thị Thu, Chủ tịch Hội Liên hiệp Phụ nữ phường, thành viên.
Điều 2. Ban có nhiệm vụ giúp Ủy ban nhân dân phường lồng ghép vấn đề bình đẳng giới trong các kế hoạch phát triển kinh tế - xã hội của phường.
Điều 3. Chánh Văn phòng Ủy ban nhân dân phường, Trưởng phòng Văn hóa - Xã hội và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:                                    TM. ỦY BAN NHÂN DÂN
- Như Điều 3;                                       CHỦ TỊCH
- Lưu: VT, VHXH.

                                                  Hoàng Minh Sơn
"""


def decision_fields(text: str) -> dict:
    from vstb.documents.corpus import found_fields

    plan = import_bytes(text.encode("utf-8"), "quyet-dinh.txt")
    found = found_fields(plan)
    return {
        "authority": found["authority"],
        "articles": found["articles"],
        "bases": found["bases"],
        "preamble": [letters(text) for text in plan["preamble"]],
        "signer": plan["signer"],
        "recipients": plan["recipients"],
    }


def letters(text: str) -> str:
    from vstb.documents.corpus import letters as only_letters

    return only_letters(text)


TWO_COLUMNS_FIELDS = decision_fields(TWO_COLUMNS)


def test_the_two_column_decision_reads_completely():
    assert TWO_COLUMNS_FIELDS["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH"
    assert [label for label, _text in TWO_COLUMNS_FIELDS["articles"]] == [
        "Điều 1",
        "Điều 2",
        "Điều 3",
    ]
    assert TWO_COLUMNS_FIELDS["articles"][0][1].endswith("hộiliênhiệpphụnữphườngthànhviên")
    assert len(TWO_COLUMNS_FIELDS["preamble"]) == 3
    assert TWO_COLUMNS_FIELDS["signer"]["name"] == "Hoàng Minh Sơn"


@pytest.mark.parametrize("layout", sorted(variants.LAYOUTS))
def test_each_layout_of_a_decision_reads_the_same(layout):
    got = decision_fields(variants.LAYOUTS[layout](TWO_COLUMNS))
    assert {k: (v, got[k]) for k, v in TWO_COLUMNS_FIELDS.items() if got[k] != v} == {}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    width=st.integers(min_value=40, max_value=90),
    encoding=st.sampled_from([None, *sorted(variants.ENCODINGS)]),
)
def test_a_decision_reads_the_same_at_any_wrap_width_and_encoding(width, encoding):
    text = variants.wrapped(TWO_COLUMNS, width)
    if encoding:
        text = variants.ENCODINGS[encoding](text)
    got = decision_fields(text)
    assert {k: (v, got[k]) for k, v in TWO_COLUMNS_FIELDS.items() if got[k] != v} == {}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_a_rendered_decision_reads_back_from_its_pdf():
    """The same decision as the PDF LibreOffice makes of it: the authority is a paragraph of
    its own (bold capitals, then the bases), and the regulation on the page after the
    signature is the annex, not more of the closing block."""
    written = rendered_decision()
    written["authority"] = "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
    plan = import_bytes(docx_to_pdf(render_docx(written)), "quyet-dinh.pdf")
    for name in ("subject", "authority", "preamble", "recipients", "signer"):
        assert plan[name] == written[name], name
    assert article_texts(plan) == article_texts(written)
    [annex] = plan["annexes"]
    assert (annex["title"], annex["subject"], annex["note"]) == (
        "QUY CHẾ",
        "Hoạt động của Ban Vì sự tiến bộ của phụ nữ tỉnh",
        "(Ban hành kèm theo Quyết định số 07/QĐ-UBND ngày 02/3/2026)",
    )
    assert article_texts(annex) == article_texts(written["annexes"][0])


WITH_ATTACHMENT = {
    "plan": TWO_COLUMNS + ATTACHED_PLAN.replace("XÃ HÒA BÌNH", "PHƯỜNG AN KHÁNH"),
    "regulation": TWO_COLUMNS + REGULATION,
}


@pytest.mark.parametrize("layout", sorted(variants.LAYOUTS))
@pytest.mark.parametrize("attachment", sorted(WITH_ATTACHMENT))
def test_a_decision_and_what_it_issues_read_the_same_in_each_layout(attachment, layout):
    from vstb.documents.corpus import found_fields

    text = WITH_ATTACHMENT[attachment]
    original = found_fields(import_bytes(text.encode("utf-8"), "quyet-dinh.txt"))
    assert original["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH"
    assert original["attached.title"] == {"plan": "KẾ HOẠCH", "regulation": "QUY CHẾ"}[attachment]
    copy = variants.LAYOUTS[layout](text)
    got = found_fields(import_bytes(copy.encode("utf-8"), "quyet-dinh.txt"))
    assert {k: (v, got[k]) for k, v in original.items() if got[k] != v} == {}


@pytest.mark.parametrize(
    "chapter", ["Chương I\nNHỮNG QUY ĐỊNH CHUNG", "CHƯƠNG I. NHỮNG QUY ĐỊNH CHUNG"]
)
def test_a_regulations_chapters_hold_its_articles(chapter):
    regulation = REGULATION.replace(
        "Điều 1. Phạm vi điều chỉnh", f"{chapter}\nĐiều 1. Phạm vi điều chỉnh"
    ).replace("Điều 2. Nhiệm vụ", "Chương II\nNHIỆM VỤ VÀ CÁCH LÀM VIỆC\nĐiều 2. Nhiệm vụ")
    text = HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES
    text += "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Tổ công tác./.\n"
    [annex] = read(text + CLOSING + regulation)["annexes"]
    assert [(s["label"], s["title"]) for s in annex["sections"]] == [
        ("Chương I", "NHỮNG QUY ĐỊNH CHUNG"),
        ("Chương II", "NHIỆM VỤ VÀ CÁCH LÀM VIỆC"),
    ]
    assert [[a["label"] for a in s["children"]] for s in annex["sections"]] == [
        ["Điều 1"],
        ["Điều 2"],
    ]
    assert annex["preamble"] == []


@pytest.mark.parametrize(
    "authority",
    [
        "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
        "BỘ TRƯỞNG BỘ Y TẾ",
        "TRƯỞNG BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ HÒA BÌNH",
        "GIÁM ĐỐC SỞ Y TẾ",
    ],
)
def test_an_authority_under_a_subject_in_capitals_is_not_more_of_the_subject(authority):
    subject = "VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ HÒA BÌNH"
    header = HEADER.replace(
        "Về việc thành lập Tổ công tác vì sự tiến bộ của phụ nữ xã Hòa Bình", subject
    )
    plan = read(header + authority + "\n" + BASES + ARTICLES + CLOSING)
    assert (plan["subject"], plan["authority"]) == (subject, authority)


@pytest.mark.parametrize(
    "glued",
    [
        ("\nQUYẾT ĐỊNH:\n", " QUYẾT ĐỊNH:\n"),  # to the last line of the preamble
        ("QUYẾT ĐỊNH:\n", "QUYẾT ĐỊNH: "),  # to the first article
        ("\nQUYẾT ĐỊNH:\n", " QUYẾT ĐỊNH: "),  # to both
    ],
)
def test_quyet_dinh_glued_to_the_preamble_or_the_first_article_by_a_flattened_copy(glued):
    bases = BASES.replace(*glued)
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + bases + ARTICLES + CLOSING)
    assert plan["preamble"][-1] == "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    assert article_texts(plan)[0].startswith("Điều 1. Thành lập Tổ công tác")


def test_an_authority_run_together_with_the_first_basis_is_cut_from_it():
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH " + BASES + ARTICLES + CLOSING)
    assert plan["authority"] == "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert plan["preamble"][0] == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    )
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]


def test_the_import_commands_summary_names_the_authority_the_articles_and_the_annex():
    from vstb.documents.management.commands.import_plan import summary

    text = HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + ARTICLES + CLOSING + REGULATION
    lines = summary(read(text), "quyet-dinh.txt").splitlines()
    assert "Quyết định: thẩm quyền ban hành ỦY BAN NHÂN DÂN XÃ HÒA BÌNH; số điều: 3" in lines
    assert (
        "Kèm theo: QUY CHẾ HOẠT ĐỘNG CỦA TỔ CÔNG TÁC VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ XÃ HÒA BÌNH" in lines
    )


@pytest.mark.parametrize("attachment", sorted(WITH_ATTACHMENT))
def test_a_decision_and_what_it_issues_read_the_same_at_every_wrap_width(attachment):
    """Every width from 40 to 90: at 42–46 the plan's subject once ran on into the
    "(Kèm theo Quyết định …)" note under it."""
    from vstb.documents.corpus import found_fields

    text = WITH_ATTACHMENT[attachment]
    original = found_fields(import_bytes(text.encode("utf-8"), "quyet-dinh.txt"))
    for width in range(40, 91):
        copy = variants.wrapped(text, width)
        got = found_fields(import_bytes(copy.encode("utf-8"), "quyet-dinh.txt"))
        assert {k: (v, got[k]) for k, v in original.items() if got[k] != v} == {}, width


def test_an_article_label_alone_on_its_line_heads_the_text_under_it():
    # A copy that put a table's cells or a Word paragraph's runs a line each: "Điều 1." on one
    # line, its text on the next.
    alone = re.sub(r"(Điều \d\.) ", r"\1\n", ARTICLES)
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + alone + CLOSING)
    whole = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES + ARTICLES + CLOSING)
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    assert article_texts(plan) == article_texts(whole)


def test_a_decision_that_lost_its_type_name_and_subject_still_issues_its_plan():
    # A copy that dropped the decision's bold lines: its symbol, authority, bases,
    # "QUYẾT ĐỊNH:" and articles come before the first title, the plan's.
    header = HEADER.split("QUYẾT ĐỊNH\n")[0]
    text = header + "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES
    text += "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng "
    text += "giới năm 2026.\nĐiều 2. Quyết định có hiệu lực từ ngày ký./.\n"
    plan = read(text + CLOSING + ATTACHED_PLAN)
    assert (plan["doc_type"], plan["title"]) == ("KH", "KẾ HOẠCH")
    decision = plan["issued_by"]
    assert (decision["doc_type"], decision["number"], decision["title"]) == ("QĐ", "41", None)
    assert decision["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert [b["number"] for b in decision["bases"]] == [None, "12"]
    assert [s["label"] for s in decision["sections"]] == ["Điều 1", "Điều 2"]


def test_a_plan_whose_type_name_the_copy_lost_is_found_by_its_note_and_the_first_article():
    header = HEADER.split("QUYẾT ĐỊNH\n")[0]
    text = header + "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + BASES
    text += "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng "
    text += "giới năm 2026.\nĐiều 2. Quyết định có hiệu lực từ ngày ký./.\n"
    text += "KT. CHỦ TỊCH |\nTHỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI\nNĂM 2026\n"
    text += "(Kèm theo Quyết định số 41/QĐ-UBND ngày 03/02/2026 của Ủy ban nhân dân xã)\n"
    text += "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức về bình đẳng giới.\n"
    plan = read(text)
    assert (plan["doc_type"], plan["title"]) == ("KH", None)
    assert plan["subject"] == "THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026"
    decision = plan["issued_by"]
    assert (decision["number"], decision["signer"]["lines"]) == ("41", ["KT. CHỦ TỊCH"])
    assert [s["label"] for s in decision["sections"]] == ["Điều 1", "Điều 2"]


@pytest.mark.parametrize(
    "authority_line",
    [
        # A web page that prints the authority in capitals by its style sheet: its text is in
        # sentence case.
        "Ủy ban nhân dân xã Hòa Bình\n",
        # Run onto the subject's line by a copy (the replacement below moves it there).
        "",
    ],
)
def test_an_authority_in_sentence_case_or_run_onto_the_subject(authority_line):
    text = HEADER + authority_line + BASES + ARTICLES + CLOSING
    if not authority_line:
        text = text.replace(
            "phụ nữ xã Hòa Bình\n", "phụ nữ xã Hòa Bình ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n"
        )
    plan = read(text)
    assert plan["subject"] == "Về việc thành lập Tổ công tác vì sự tiến bộ của phụ nữ xã Hòa Bình"
    assert plan["authority"] in ("Ủy ban nhân dân xã Hòa Bình", "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH")
    assert [b["number"] for b in plan["bases"]] == [None, "12"]
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]


def test_bases_written_can_cu_vao():
    bases = BASES.replace("Căn cứ ", "Căn cứ vào ")
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n" + bases + ARTICLES + CLOSING)
    assert [(b["number"], b["date"]) for b in plan["bases"]] == [
        (None, "2025-06-16"),
        ("12", "2026-01-10"),
    ]


def test_an_authority_ending_in_a_colon_and_bases_naming_the_constitution_or_a_charter():
    bases = (
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;\n"
        "Căn cứ Điều lệ Hội Liên hiệp Phụ nữ Việt Nam;\n" + BASES
    )
    plan = read(HEADER + "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH:\n" + bases + ARTICLES + CLOSING)
    assert plan["authority"] == "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert [b["number"] for b in plan["bases"]] == [None, None, None, "12"]
    assert [s["label"] for s in plan["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
