"""Every type of document the committees issue, in its Decree 30/2020/NĐ-CP model (Appendix
III, Mẫu 1.1 decision, 1.4 document with a type name, 1.5 official letter, 1.8 minutes),
read back from the DOCX part by part, and from the PDF LibreOffice makes of it."""

import io

import pytest
from docx import Document
from pdfminer.high_level import extract_text

from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.documents.pdf import docx_to_pdf, soffice
from vstb.documents.plan_schema import empty_plan, new_section, validate
from vstb.documents.readback import docx_text_lines
from vstb.documents.tests.test_layout_docx import CENTER, JUSTIFY, LEFT, assert_look, find

ISSUER = {"parent": "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "name": "BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ"}
CHAIR = {"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Lê Thị Hoa"}


def document_of(doc_type, **fields):
    document = empty_plan()
    document.update(
        doc_type=doc_type,
        number="7",
        issuer=ISSUER,
        place="Hà Tĩnh",
        date="2026-03-02",
        year=2026,
        signer=CHAIR,
        recipients=["Như Điều 3", "Lưu: VT"],
    )
    document.update(fields)
    assert validate(document) == []
    return document


def decision():
    article_1 = new_section(
        "Điều 1",
        None,
        paragraphs=["Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh gồm các ông, bà có tên sau:"],
    )
    article_1["children"] = [
        new_section("-", None, paragraphs=["Bà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh, Trưởng ban;"]),
        new_section(
            "-", None, paragraphs=["Ông Trần Văn Nam, Giám đốc Sở Nội vụ, Phó Trưởng ban."]
        ),
    ]
    return document_of(
        "QĐ",
        symbol="QĐ-UBND",
        title="QUYẾT ĐỊNH",
        subject="Về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh Hà Tĩnh",
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        preamble=[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Theo đề nghị của Giám đốc Sở Nội vụ.",
        ],
        sections=[
            article_1,
            new_section("Điều 2", "Nhiệm vụ của Ban", paragraphs=["Ban hoạt động theo Quy chế."]),
            new_section(
                "Điều 3",
                None,
                paragraphs=["Chánh Văn phòng và các ông, bà có tên tại Điều 1 thi hành./."],
            ),
        ],
        annexes=[
            {
                "title": "QUY CHẾ",
                "subject": "Hoạt động của Ban Vì sự tiến bộ của phụ nữ tỉnh",
                "note": "(Ban hành kèm theo Quyết định số 07/QĐ-UBND ngày 02/3/2026)",
                "sections": [
                    new_section(
                        "Điều 1", "Phạm vi điều chỉnh", paragraphs=["Quy chế này quy định."]
                    )
                ],
            }
        ],
    )


def letter():
    return document_of(
        "CV",
        symbol="BVSTBPN",
        subject="đôn đốc báo cáo 6 tháng đầu năm 2026",
        recipients_to=["Ủy ban nhân dân các xã, phường"],
        sections=[
            new_section(
                None, None, paragraphs=["Đề nghị các đơn vị gửi báo cáo trước ngày 10/6/2026."]
            )
        ],
        recipients=["Như trên", "Lưu: VT"],
    )


def minutes():
    return document_of(
        "BB",
        symbol="BB-BVSTBPN",
        title="BIÊN BẢN",
        subject="Phiên họp sơ kết 6 tháng đầu năm 2026",
        sections=[
            new_section(None, None, paragraphs=["Thời gian bắt đầu: 08 giờ 00, ngày 02/3/2026."])
        ],
        signer={"lines": ["CHỦ TỌA"], "name": "Lê Thị Hoa"},
        countersigner={"lines": ["THƯ KÝ"], "name": "Phan Thị Mai"},
        recipients=["Các thành viên Ban", "Lưu: VT"],
    )


def notice():
    return document_of(
        "TB",
        symbol="TB-BVSTBPN",
        title="THÔNG BÁO",
        subject="Kết luận của Trưởng ban tại phiên họp sơ kết",
        sections=[new_section(None, None, paragraphs=["Ngày 02/3/2026, Ban đã họp."])],
    )


def read(document):
    return Document(io.BytesIO(render_docx(document)))


def header_cells(docx):
    return docx.tables[0].rows[0].cells


def test_every_type_reads_back_as_its_layout_says():
    for make in (decision, letter, minutes, notice):
        document = make()
        assert docx_text_lines(render_docx(document)) == layout.document_text_lines(document)


def test_letter_has_v_v_under_the_number_and_no_title():
    document = letter()
    docx = read(document)
    left, _right = header_cells(docx)
    texts = [p.text for p in left.paragraphs if p.text]
    assert texts[-2:] == ["Số: 07/BVSTBPN", "V/v đôn đốc báo cáo 6 tháng đầu năm 2026"]
    # Appendix I, Part I, II.5.b: 12–13 pt, upright, not bold, 6 pt below the number.
    subject = find(left.paragraphs, "V/v đôn đốc báo cáo 6 tháng đầu năm 2026")
    assert_look(subject, size=12)
    assert subject.paragraph_format.space_before.pt == 6
    body = [p.text for p in docx.paragraphs if p.text]
    assert "đôn đốc báo cáo 6 tháng đầu năm 2026" not in body
    assert body[0] == "Kính gửi: Ủy ban nhân dân các xã, phường"


def test_decision_authority_bases_decides_and_articles():
    docx = read(decision())
    body = docx.paragraphs
    assert_look(find(body, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"), size=14, bold=True, caps=True)
    # Mẫu 1.1: every line of the bases in italic, "Theo đề nghị" included.
    assert_look(
        find(body, "Theo đề nghị của Giám đốc Sở Nội vụ."), size=14, italic=True, align=JUSTIFY
    )
    assert_look(find(body, "QUYẾT ĐỊNH:"), size=14, bold=True, align=CENTER)
    texts = [p.text for p in body if p.text]
    assert texts.index("QUYẾT ĐỊNH:") < texts.index("Điều 2. Nhiệm vụ của Ban")
    article = find(
        body, "Điều 1. Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh gồm các ông, bà có tên sau:"
    )
    runs = [run for run in article.runs if run.text]
    assert runs[0].text == "Điều 1." and runs[0].font.bold
    assert all(not run.font.bold for run in runs[1:])
    assert_look(find(body, "Điều 2. Nhiệm vụ của Ban"), size=14, bold=True, align=JUSTIFY)


def test_decision_annex_starts_a_page_with_its_note_in_italic():
    docx = read(decision())
    body = docx.paragraphs
    title = find(body, "QUY CHẾ")
    before = body[body.index(title) - 1]
    assert before.paragraph_format.page_break_before
    assert_look(title, size=14, bold=True, caps=True)
    assert_look(
        find(body, "(Ban hành kèm theo Quyết định số 07/QĐ-UBND ngày 02/3/2026)"),
        size=14,
        italic=True,
    )
    # The annex's articles are not preceded by a second "QUYẾT ĐỊNH:".
    assert [p.text for p in body].count("QUYẾT ĐỊNH:") == 1


def test_minutes_secretary_left_chair_right_then_recipients():
    docx = read(minutes())
    signatures, recipients = docx.tables[1], docx.tables[2]
    left, right = signatures.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["THƯ KÝ", "Phan Thị Mai"]
    assert [p.text for p in right.paragraphs if p.text] == ["CHỦ TỌA", "Lê Thị Hoa"]
    assert_look(find(left.paragraphs, "THƯ KÝ"), size=14, bold=True, caps=True)
    heading = find(recipients.rows[0].cells[0].paragraphs, "Nơi nhận:")
    assert_look(heading, size=12, bold=True, italic=True, align=LEFT)


def test_notice_has_type_name_and_subject_and_no_decides_line():
    lines = layout.document_text_lines(notice())
    assert "THÔNG BÁO" in lines and "QUYẾT ĐỊNH:" not in lines


def test_countersigner_and_annexes_are_checked():
    document = minutes()
    document["countersigner"] = "Phan Thị Mai"
    document["annexes"] = [{"title": 3, "sections": [{"label": "1"}]}]
    problems = " ".join(validate(document))
    assert '"countersigner" phải là đối tượng' in problems
    assert '"annexes[0].title"' in problems
    assert '"annexes[0].sections[0].kind"' in problems


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_pdf_text_of_decision_letter_and_minutes():
    for make, expected in (
        (decision, ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "QUYẾT ĐỊNH:", "Điều 1.", "QUY CHẾ"]),
        (letter, ["V/v đôn đốc báo cáo", "Kính gửi: Ủy ban nhân dân các xã, phường"]),
        (minutes, ["THƯ KÝ", "CHỦ TỌA", "Phan Thị Mai"]),
    ):
        text = " ".join(extract_text(io.BytesIO(docx_to_pdf(render_docx(make())))).split())
        for words in expected:
            assert words in text, (make.__name__, words)


def test_submission_and_invitation_have_type_name_then_kính_gửi():
    for doc_type, title in (("TTr", "TỜ TRÌNH"), ("GM", "GIẤY MỜI")):
        document = document_of(
            doc_type,
            symbol=f"{doc_type}-BVSTBPN",
            title=title,
            subject="Về việc kiện toàn Ban",
            recipients_to=["Ủy ban nhân dân tỉnh Hà Tĩnh"],
            sections=[new_section(None, None, paragraphs=["Ban kính trình."])],
            signer={"lines": ["TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"], "name": "Võ Văn Tâm"},
        )
        lines = layout.document_text_lines(document)
        assert lines.index(title) < lines.index("Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh")
        docx = read(document)
        left, right = docx.tables[1].rows[0].cells
        # Appendix I, II.7: "TL." (thừa lệnh) and the position in bold capitals.
        assert [p.text for p in right.paragraphs if p.text] == [
            "TL. TRƯỞNG BAN",
            "CHÁNH VĂN PHÒNG",
            "Võ Văn Tâm",
        ]
        assert_look(find(right.paragraphs, "TL. TRƯỞNG BAN"), size=14, bold=True, caps=True)
        assert docx_text_lines(render_docx(document)) == lines
