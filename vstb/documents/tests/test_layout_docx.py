"""The DOCX follows Decree 30/2020/NĐ-CP, Appendix I, read back part by part with python-docx."""

import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.documents.metrics import text_width
from vstb.documents.plan_schema import empty_plan, validate
from vstb.documents.readback import docx_text_lines

CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)
FONT = "Times New Roman"
EMU_PER_POINT = 12700


def section(label, title=None, paragraphs=(), children=(), kind="other"):
    return {
        "label": label,
        "title": title,
        "kind": kind,
        "paragraphs": list(paragraphs),
        "children": list(children),
    }


def make_plan() -> dict:
    plan = empty_plan()
    plan.update(
        doc_type="KH",
        number="02",
        symbol="KH-UBND",
        issuer={"parent": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", "name": "PHÒNG NỘI VỤ"},
        place="Long Biên",
        date="2026-01-05",
        title="KẾ HOẠCH",
        subject="Thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2026",
        year=2026,
        preamble=["Thực hiện Kế hoạch số 07/KH-UBND ngày 06/01/2026 của UBND Thành phố, như sau:"],
        sections=[
            section(
                "I",
                "MỤC ĐÍCH, YÊU CẦU",
                kind="purpose",
                children=[section("1", None, ["Nâng cao nhận thức về bình đẳng giới."])],
            ),
            section(
                "II",
                "NHIỆM VỤ",
                kind="tasks",
                children=[
                    section(
                        "1",
                        "Công tác tuyên truyền",
                        kind="tasks",
                        children=[
                            section(
                                "a",
                                "Đối với các phòng, ban",
                                kind="tasks",
                                children=[
                                    section("-", None, ["Tuyên truyền Luật Bình đẳng giới."]),
                                    section("-", None, ["Tổ chức Tháng hành động.", "Báo cáo."]),
                                ],
                            ),
                            section("b", None, ["Các phường chủ động triển khai."]),
                        ],
                    )
                ],
            ),
            section(None, None, ["Đề nghị các đơn vị triển khai thực hiện./."]),
        ],
        recipients=["Sở Nội vụ", "Ban VSTBPN TPHN", "Lưu: VT, NV (05)"],
        signer={
            "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            "name": "Nguyễn Thị Thanh Hằng",
        },
    )
    return plan


@pytest.fixture(scope="module")
def plan():
    return make_plan()


@pytest.fixture(scope="module")
def docx_bytes(plan):
    return render_docx(plan)


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


def cells(document, table_index):
    left, right = document.tables[table_index].rows[0].cells
    return left, right


def find(paragraphs, text):
    matches = [p for p in paragraphs if p.text.replace("\n", " ") == text]
    assert matches, f"no paragraph {text!r} in {[p.text for p in paragraphs]}"
    return matches[0]


def runs_of(paragraph):
    runs = [run for run in paragraph.runs if run.text]
    assert runs, f"paragraph {paragraph.text!r} has no text"
    return runs


def assert_look(paragraph, *, size, bold=False, italic=False, caps=None, align=CENTER):
    assert paragraph.paragraph_format.alignment == align, paragraph.text
    for run in runs_of(paragraph):
        assert run.font.size.pt == size, paragraph.text
        assert bool(run.font.bold) is bold, paragraph.text
        assert bool(run.font.italic) is italic, paragraph.text
        if caps is not None:
            assert bool(run.font.all_caps) is caps, paragraph.text


def bottom_border(paragraph):
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")


def rule_length_pt(paragraph, room_pt):
    fmt = paragraph.paragraph_format
    return (
        room_pt - (fmt.left_indent or 0) / EMU_PER_POINT - (fmt.right_indent or 0) / EMU_PER_POINT
    )


def assert_rule(paragraph):
    border = bottom_border(paragraph)
    assert border is not None, "expected a rule (a bottom border)"
    assert border.get(qn("w:val")) == "single"
    assert border.get(qn("w:color")) == "000000"
    assert paragraph.text == ""


# Part I, I.1–I.4: paper, margins, font.


def test_page_is_a4_portrait_with_decree_margins(document):
    page = document.sections[0]
    assert page.orientation == WD_ORIENT.PORTRAIT
    assert page.page_width.mm == pytest.approx(210, abs=0.1)
    assert page.page_height.mm == pytest.approx(297, abs=0.1)
    assert page.top_margin.mm == pytest.approx(20, abs=0.1)
    assert page.bottom_margin.mm == pytest.approx(20, abs=0.1)
    assert page.left_margin.mm == pytest.approx(30, abs=0.1)
    assert page.right_margin.mm == pytest.approx(15, abs=0.1)


def test_times_new_roman_for_every_script_on_normal_and_defaults(document):
    normal = document.styles["Normal"]
    assert normal.font.name == FONT
    assert normal.font.size.pt == 14
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for fonts in (
        normal.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"),
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"),
    ):
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{slot}")) == FONT
        assert not [name for name in fonts.attrib if "heme" in name], "theme fonts override"
    # No run picks another font.
    for fonts in document.element.body.iter(qn("w:rFonts")):
        assert set(fonts.attrib.values()) <= {FONT}


# Header table: Part I, II.1–II.4 and IV boxes 1–4.


def test_header_is_a_borderless_two_column_table(document):
    table = document.tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 1
    assert table._tbl.tblPr.find(qn("w:tblStyle")) is None
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
    assert edges == dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"), "nil")
    left, right = cells(document, 0)
    assert [p.text.replace("\n", " ") for p in left.paragraphs if p.text.strip()] == [
        "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "PHÒNG NỘI VỤ",
        "Số: 02/KH-UBND",
    ]
    assert [p.text for p in right.paragraphs if p.text.strip()] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Long Biên, ngày 05 tháng 01 năm 2026",
    ]


def test_issuer_lines_and_number(document):
    left, _ = cells(document, 0)
    # II.2.b: parent in capitals, not bold; issuing body in bold capitals; 12–13 pt.
    assert_look(find(left.paragraphs, "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"), size=12, caps=True)
    assert_look(find(left.paragraphs, "PHÒNG NỘI VỤ"), size=12, bold=True, caps=True)
    # II.3.c: "Số:" upright, 13 pt, centred.
    assert_look(find(left.paragraphs, "Số: 02/KH-UBND"), size=13)


def test_parent_body_too_long_for_one_line_breaks_into_two_even_lines(document):
    left, _ = cells(document, 0)
    parent = find(left.paragraphs, "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN")
    assert parent.text == "ỦY BAN NHÂN DÂN\nQUẬN LONG BIÊN"


def test_rule_under_issuing_body_is_a_third_to_a_half_of_its_line(document):
    left, _ = cells(document, 0)
    paragraphs = left.paragraphs
    index = paragraphs.index(find(paragraphs, "PHÒNG NỘI VỤ"))
    rule = paragraphs[index + 1]
    assert_rule(rule)
    assert rule.paragraph_format.left_indent == rule.paragraph_format.right_indent  # centred
    room = left.width / EMU_PER_POINT
    line = text_width("PHÒNG NỘI VỤ", 12, bold=True)
    assert line / 3 <= rule_length_pt(rule, room) <= line / 2


def test_quoc_hieu_tieu_ngu_and_rule_as_long_as_the_motto(document):
    _, right = cells(document, 0)
    # II.1.a: Quốc hiệu bold capitals 12–13 pt. II.1.b: Tiêu ngữ bold 13–14 pt.
    assert_look(find(right.paragraphs, layout.NATIONAL_NAME), size=12, bold=True, caps=True)
    paragraphs = right.paragraphs
    motto = find(paragraphs, layout.MOTTO)
    assert_look(motto, size=13, bold=True, caps=False)
    rule = paragraphs[paragraphs.index(motto) + 1]
    assert_rule(rule)
    length = rule_length_pt(rule, right.width / EMU_PER_POINT)
    assert length == pytest.approx(text_width(layout.MOTTO, 13, bold=True), abs=0.5)
    # The motto in Times New Roman Bold 13 pt is about 56 mm long (Liberation Serif metrics).
    assert 54 <= length / 72 * 25.4 <= 58


def test_place_and_long_date_italic_centred_with_leading_zeros(document):
    _, right = cells(document, 0)
    line = find(right.paragraphs, "Long Biên, ngày 05 tháng 01 năm 2026")
    assert_look(line, size=13, italic=True)  # II.4.c: italic, 13–14 pt


def test_number_and_date_lines_are_level(document):
    # II.4.c: the place and date are on the same line as the number. Every header line is
    # the same exact height, so equal line counts above them put them level.
    left, right = cells(document, 0)

    def lines_above(cell, last_text):
        count, height = 0, 0
        for paragraph in cell.paragraphs:
            if paragraph.text == last_text:
                return count, height
            fmt = paragraph.paragraph_format
            if fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY:
                lines = paragraph.text.count("\n") + 1
                count += lines if fmt.line_spacing.pt > 3 else 0
                height += fmt.line_spacing.pt * lines
        raise AssertionError(last_text)

    assert lines_above(left, "Số: 02/KH-UBND") == lines_above(
        right, "Long Biên, ngày 05 tháng 01 năm 2026"
    )


# Part I, II.5: title and subject.


def test_title_and_subject_bold_centred_with_rule(document):
    paragraphs = document.paragraphs
    title = find(paragraphs, "KẾ HOẠCH")
    assert_look(title, size=14, bold=True, caps=True)
    subject = find(paragraphs, make_plan()["subject"])
    assert_look(subject, size=14, bold=True)
    rule = paragraphs[paragraphs.index(subject) + 1]
    assert_rule(rule)
    line = text_width(make_plan()["subject"], 14, bold=True)
    assert line / 3 <= rule_length_pt(rule, 165 / 25.4 * 72) <= line / 2


# Part I, II.6: the body.


def body_paragraphs(document, plan):
    texts = {p.text for p in layout.body_paragraphs(plan)}
    found = [p for p in document.paragraphs if p.text in texts]
    assert len(found) == len(texts)
    return found


def test_body_is_14pt_justified_indented_spaced(document, plan):
    for paragraph in body_paragraphs(document, plan):
        fmt = paragraph.paragraph_format
        assert fmt.alignment == JUSTIFY
        assert fmt.first_line_indent.cm == pytest.approx(1.27, abs=0.01)  # 1–1.27 cm
        assert fmt.space_after.pt >= 6
        assert fmt.space_after.pt == 6
        assert fmt.line_spacing_rule == WD_LINE_SPACING.MULTIPLE
        assert fmt.line_spacing == pytest.approx(1.15)  # single to 1.5 lines
        assert 1 <= fmt.line_spacing <= 1.5
        for run in runs_of(paragraph):
            assert run.font.size.pt == 14
            assert not run.font.italic


def test_section_headings_bold_and_text_plain(document, plan):
    bold = {
        p.text for p in body_paragraphs(document, plan) if all(run.font.bold for run in runs_of(p))
    }
    assert bold == {
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ",
        "1. Công tác tuyên truyền",
        "a) Đối với các phòng, ban",
    }


def test_section_tree_renders_labels_as_the_layout_rules_say(plan):
    assert [(p.text, p.role, p.level) for p in layout.body_paragraphs(plan)] == [
        (plan["preamble"][0], "preamble", 0),
        ("I. MỤC ĐÍCH, YÊU CẦU", "heading", 1),
        ("1. Nâng cao nhận thức về bình đẳng giới.", "body", 2),
        ("II. NHIỆM VỤ", "heading", 1),
        ("1. Công tác tuyên truyền", "heading", 2),
        ("a) Đối với các phòng, ban", "heading", 3),
        ("- Tuyên truyền Luật Bình đẳng giới.", "item", 4),
        ("- Tổ chức Tháng hành động.", "item", 4),
        ("Báo cáo.", "body", 4),
        ("b) Các phường chủ động triển khai.", "body", 3),
        ("Đề nghị các đơn vị triển khai thực hiện./.", "body", 1),
    ]


def test_unlabelled_section_title_stands_alone_then_paragraphs():
    plan = {"sections": [section(None, "Phần mở đầu", ["Một.", "Hai."])]}
    assert [p.text for p in layout.body_paragraphs(plan)] == ["Phần mở đầu", "Một.", "Hai."]


# Part I, II.7 and II.9: Nơi nhận and signer, side by side.


def test_closing_is_a_borderless_table_nơi_nhận_left_signer_right(document):
    table = document.tables[1]
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {child.get(qn("w:val")) for child in borders} == {"nil"}
    left, right = cells(document, 1)
    assert [p.text for p in left.paragraphs] == [
        "Nơi nhận:",
        "- Sở Nội vụ;",
        "- Ban VSTBPN TPHN;",
        "- Lưu: VT, NV (05).",
    ]
    assert [p.text for p in right.paragraphs] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Thanh Hằng",
    ]


def test_nơi_nhận_12pt_bold_italic_and_list_11pt_at_left(document):
    left, _ = cells(document, 1)
    heading, *items = left.paragraphs
    assert_look(heading, size=12, bold=True, italic=True, align=LEFT)
    for item in items:
        assert_look(item, size=11, align=LEFT)
        assert not item.paragraph_format.first_line_indent


def test_signer_block_bold_caps_centred_name_after_signature_space(document):
    _, right = cells(document, 1)
    *authority, name = right.paragraphs
    for line in authority:
        assert_look(line, size=14, bold=True, caps=True)
    assert_look(name, size=14, bold=True, caps=False)
    assert name.paragraph_format.space_before.pt >= 48


def test_nơi_nhận_level_with_authority_line(document):
    left, right = cells(document, 1)
    assert (
        left.paragraphs[0].paragraph_format.space_before
        == right.paragraphs[0].paragraph_format.space_before
    )


# Part I, I.7: page numbers.


def test_page_number_field_top_centre_not_on_first_page(document):
    page = document.sections[0]
    assert page.different_first_page_header_footer
    assert page._sectPr.find(qn("w:titlePg")) is not None
    header = page.header
    assert not header.is_linked_to_previous
    instructions = [node.text for node in header._element.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE"]
    paragraph = header.paragraphs[0]
    assert paragraph.paragraph_format.alignment == CENTER
    assert all(13 <= run.font.size.pt <= 14 for run in paragraph.runs)
    first = page.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))
    assert page.header_distance.mm < page.top_margin.mm


# Round trip: what layout.py says is what the DOCX holds.


def test_docx_text_matches_layout_text(plan, docx_bytes):
    lines = layout.document_text_lines(plan)
    assert docx_text_lines(docx_bytes) == lines
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "PHÒNG NỘI VỤ",
        "Số: 02/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Long Biên, ngày 05 tháng 01 năm 2026",
    ]
    assert lines[-8:] == [
        "Nơi nhận:",
        "- Sở Nội vụ;",
        "- Ban VSTBPN TPHN;",
        "- Lưu: VT, NV (05).",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Thanh Hằng",
    ]


# Unknown parts stay blank.


def test_plan_with_null_issuer_date_and_number_renders():
    plan = empty_plan()
    plan.update(symbol="KH-UBND", place="Long Biên", date_partial="2025", title="KẾ HOẠCH")
    assert validate(plan) == []
    docx = render_docx(plan)
    document = Document(io.BytesIO(docx))
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text.strip()] == ["Số:      /KH-UBND"]
    assert len(left.paragraphs) >= 3  # two blank lines kept for the issuer
    assert right.paragraphs[-1].text == "Long Biên, ngày      tháng      năm 2025"
    assert docx_text_lines(docx) == layout.document_text_lines(plan)


def test_plan_with_nothing_renders():
    for plan in ({}, {"issuer": {}, "signer": {}}, empty_plan()):
        document = Document(io.BytesIO(render_docx(plan)))
        assert len(document.tables) >= 1


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        ({"date": "2026-01-05"}, "Hải Phòng, ngày 05 tháng 01 năm 2026"),
        ({"date": "2022-04-14"}, "Hải Phòng, ngày 14 tháng 4 năm 2022"),
        ({"date_partial": "2025"}, "Hải Phòng, ngày      tháng      năm 2025"),
        ({"date_partial": "2023-06"}, "Hải Phòng, ngày      tháng 6 năm 2023"),
        ({"date_partial": "2023-02"}, "Hải Phòng, ngày      tháng 02 năm 2023"),
        ({}, "Hải Phòng, ngày      tháng      năm      "),
    ],
)
def test_place_date_line(fields, line):
    assert layout.place_date_line({"place": "Hải Phòng", **fields}) == line


@pytest.mark.parametrize(
    ("number", "symbol", "line"),
    [
        ("02", "CTr-BVSTBPN", "Số: 02/CTr-BVSTBPN"),
        ("2", "CTr-BVSTBPN", "Số: 02/CTr-BVSTBPN"),
        ("125", "KH-UBND", "Số: 125/KH-UBND"),
        (None, "KH-UBND", "Số:      /KH-UBND"),
    ],
)
def test_number_line(number, symbol, line):
    assert layout.number_line({"number": number, "symbol": symbol}) == line


def test_recipients_end_with_semicolons_and_a_full_stop():
    assert layout.recipient_lines({"recipients": ["A", "B", "Lưu: VT."]}) == [
        "Nơi nhận:",
        "- A;",
        "- B;",
        "- Lưu: VT.",
    ]
    assert layout.recipient_lines({"recipients": []}) == []


def test_kính_gửi_after_subject_one_line_or_a_list():
    plan = {"title": "BÁO CÁO", "subject": "Kết quả", "recipients_to": ["Sở Nội vụ"]}
    lines = layout.document_text_lines(plan)
    assert lines[lines.index("Kết quả") + 1] == "Kính gửi: Sở Nội vụ"
    plan["recipients_to"] = ["Sở Nội vụ", "Sở Tài chính"]
    assert layout.addressee_lines(plan) == ["Kính gửi:", "- Sở Nội vụ;", "- Sở Tài chính."]
    assert docx_text_lines(render_docx(plan)) == layout.document_text_lines(plan)
