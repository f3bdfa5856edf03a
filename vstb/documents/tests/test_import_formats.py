"""The same plan from every format: the seeds rendered to DOCX and PDF import back to their
JSON; a Word file with a header table and automatic numbering gives back its labels."""

import io
import json
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from vstb.documents.docx import render_docx
from vstb.documents.importer import import_file, ocr
from vstb.documents.importer.read import read_document
from vstb.documents.importer.text import key
from vstb.documents.pdf import docx_to_pdf, soffice
from vstb.documents.plan_schema import SEEDS_DIR
from vstb.documents.tests.scans import scanned
from vstb.documents.tests.test_import_seeds import SEED_NAMES
from vstb.lib.jsondiff import first_difference

needs_libreoffice = pytest.mark.skipif(
    soffice() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed on this machine",
)
ISSUER = {
    "parent": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
    "name": "PHÒNG LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
}


def expected(name: str, with_issuer: bool) -> dict:
    plan = json.loads((SEEDS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    if with_issuer:
        # The text copies lost the issuer block; the rendered documents carry one, read back.
        plan["issuer"] = dict(ISSUER)
    return plan


@pytest.fixture(scope="session")
def rendered():
    """Each seed (with and without an issuer) as DOCX, and as PDF where LibreOffice is."""
    out = {}
    for name in SEED_NAMES:
        for with_issuer in (False, True):
            docx = render_docx(expected(name, with_issuer))
            out[name, with_issuer, "docx"] = docx
    return out


@pytest.fixture(scope="session")
def rendered_pdf(rendered):
    """Converted once per session, side by side (each LibreOffice runs with its own profile)."""
    with ThreadPoolExecutor(max_workers=len(SEED_NAMES)) as pool:
        pdfs = pool.map(lambda name: docx_to_pdf(rendered[name, True, "docx"]), SEED_NAMES)
        return dict(zip(SEED_NAMES, pdfs, strict=True))


@pytest.mark.parametrize("with_issuer", [False, True], ids=["no-issuer", "issuer"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_docx_gives_back_the_seed(rendered, name, with_issuer):
    got = import_file(rendered[name, with_issuer, "docx"], f"{name}.docx")
    difference = first_difference(got, expected(name, with_issuer))
    assert difference is None, f"{difference[0]}: got {difference[1]!r}, want {difference[2]!r}"


@needs_libreoffice
@pytest.mark.parametrize("name", SEED_NAMES)
def test_pdf_gives_back_the_seed(rendered_pdf, name):
    got = import_file(rendered_pdf[name], f"{name}.pdf")
    difference = first_difference(got, expected(name, True))
    assert difference is None, f"{difference[0]}: got {difference[1]!r}, want {difference[2]!r}"


# --------------------------------------------------------------------------- Word numbering

W_NS = nsdecls("w")


def _level(ilvl: int, fmt: str, text: str, font: str | None = None) -> str:
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>{fonts}</w:lvl>'
    )


def add_numbering(document) -> dict[str, int]:
    """Two lists in numbering.xml: I. / 1. / a) (multi-level) and "-" / "•" bullets."""
    numbering = document.part.numbering_part.element
    outline = parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="90">'
        + _level(0, "upperRoman", "%1.")
        + _level(1, "decimal", "%2.")
        + _level(2, "lowerLetter", "%3)")
        + "</w:abstractNum>"
    )
    bullets = parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="91">'
        + _level(0, "bullet", "-")
        + _level(1, "bullet", "\uf0b7", font="Symbol")
        + "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    for abstract in (outline, bullets):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    for num_id, abstract_id in ((90, 90), (91, 91)):
        numbering.append(
            parse_xml(
                f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )
    return {"outline": 90, "bullets": 91}


def numbered(document, text: str, num_id: int, level: int, bold=False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    numpr = parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    paragraph._p.get_or_add_pPr().append(numpr)
    return paragraph


def word_file() -> bytes:
    document = Document()
    ids = add_numbering(document)
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN QUẬN LONG BIÊN")
    left.add_paragraph().add_run("PHÒNG LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI").bold = True
    left.add_paragraph("Số: 15/KH-LĐTBXH")
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    right.add_paragraph().add_run("Long Biên, ngày 10 tháng 01 năm 2025").italic = True
    document.add_paragraph().add_run("KẾ HOẠCH").bold = True
    document.add_paragraph().add_run("Tuyên truyền bình đẳng giới năm 2025").bold = True
    document.add_paragraph("Căn cứ Kế hoạch số 07/KH-UBND ngày 06/01/2025 của UBND quận;")
    numbered(document, "MỤC ĐÍCH, YÊU CẦU", ids["outline"], 0, bold=True)
    numbered(document, "Nâng cao nhận thức về bình đẳng giới.", ids["outline"], 1)
    numbered(document, "NHIỆM VỤ", ids["outline"], 0, bold=True)
    numbered(document, "Công tác truyền thông", ids["outline"], 1, bold=True)
    numbered(
        document,
        "Treo băng rôn hưởng ứng Tháng hành động từ ngày 15/11-15/12/2025.",
        ids["outline"],
        2,
    )
    numbered(document, "Phát tin bài trên Đài truyền thanh.", ids["outline"], 2)
    numbered(document, "Công tác kiểm tra", ids["outline"], 1, bold=True)
    numbered(document, "Kiểm tra UBND các phường.", ids["bullets"], 0)
    numbered(document, "Tổng hợp báo cáo trước ngày 05/12.", ids["bullets"], 0)
    numbered(document, "TỔ CHỨC THỰC HIỆN", ids["outline"], 0, bold=True)
    numbered(document, "Phòng Tư pháp quận", ids["outline"], 1, bold=True)
    document.add_paragraph("Tuyên truyền pháp luật về bình đẳng giới.")
    closing = document.add_table(rows=1, cols=2)
    recipients, signer = closing.rows[0].cells
    recipients.paragraphs[0].add_run("Nơi nhận:").bold = True
    recipients.add_paragraph("- UBND quận;")
    recipients.add_paragraph("- Lưu: VT.")
    signer.paragraphs[0].add_run("TRƯỞNG PHÒNG").bold = True
    signer.add_paragraph().add_run("Nguyễn Văn Hùng").bold = True
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(14)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_word_numbering_labels_are_materialised():
    lines = [line.text for line in read_document(word_file(), "ke-hoach.docx").lines]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines
    assert "1. Nâng cao nhận thức về bình đẳng giới." in lines
    assert "II. NHIỆM VỤ" in lines  # the upper level goes on counting
    assert "1. Công tác truyền thông" in lines  # the lower level starts again under II
    assert "a) Treo băng rôn hưởng ứng Tháng hành động từ ngày 15/11-15/12/2025." in lines
    assert "b) Phát tin bài trên Đài truyền thanh." in lines
    assert "2. Công tác kiểm tra" in lines
    assert "- Kiểm tra UBND các phường." in lines
    assert "III. TỔ CHỨC THỰC HIỆN" in lines


def test_word_file_with_header_table_and_numbering_imports():
    plan = import_file(word_file(), "ke-hoach.docx")
    assert plan["issuer"] == ISSUER
    assert (plan["number"], plan["symbol"], plan["doc_type"]) == ("15", "KH-LĐTBXH", "KH")
    assert (plan["place"], plan["date"], plan["year"]) == ("Long Biên", "2025-01-10", 2025)
    assert plan["subject"] == "Tuyên truyền bình đẳng giới năm 2025"
    assert [b["symbol"] for b in plan["bases"]] == ["KH-UBND"]
    assert [(s["label"], s["title"], s["kind"]) for s in plan["sections"]] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU", "purpose"),
        ("II", "NHIỆM VỤ", "tasks"),
        ("III", "TỔ CHỨC THỰC HIỆN", "implementation"),
    ]
    paths = [t["path"] for t in plan["tasks"]]
    assert paths == ["II.1.a", "II.1.b", "II.2.-1", "II.2.-2", "III.1"]
    assert plan["tasks"][0]["period"] == {"start": "2025-11-15", "end": "2025-12-15"}
    assert plan["tasks"][2]["units"] == ["UBND các phường"]
    assert plan["deadlines"] == [{"what": "Báo cáo", "date": "2025-12-05"}]
    assert plan["assignments"] == [
        {"agency": "Phòng Tư pháp quận", "duties": ["Tuyên truyền pháp luật về bình đẳng giới."]}
    ]
    assert plan["recipients"] == ["UBND quận", "Lưu: VT"]
    assert plan["signer"] == {"lines": ["TRƯỞNG PHÒNG"], "name": "Nguyễn Văn Hùng"}
    assert plan["warnings"] == []


@pytest.fixture(scope="session")
def word_processor_files(rendered):
    """The Long Biên seed (with its issuer) saved by LibreOffice as .doc, .odt and .rtf, as
    other offices send it."""
    from vstb.documents.pdf import convert

    docx = rendered["longbien-2025-ke-hoach", True, "docx"]
    formats = ("doc", "odt", "rtf")
    with ThreadPoolExecutor(max_workers=len(formats)) as pool:
        files = pool.map(lambda target: convert(docx, "docx", target), formats)
        return dict(zip(formats, files, strict=True))


@needs_libreoffice
@pytest.mark.parametrize("suffix", ["doc", "odt", "rtf"])
def test_doc_odt_and_rtf_give_back_the_seed(word_processor_files, suffix):
    got = import_file(word_processor_files[suffix], f"ke-hoach.{suffix}")
    want = expected("longbien-2025-ke-hoach", True)
    for field in ("number", "symbol", "date", "place", "issuer", "subject", "bases", "signer"):
        assert got[field] == want[field], field
    assert [s["label"] for s in got["sections"]] == [s["label"] for s in want["sections"]]
    assert len(got["tasks"]) == len(want["tasks"])


def test_doc_without_libreoffice_says_what_to_do(monkeypatch):
    monkeypatch.setattr("vstb.documents.pdf.soffice", lambda: None)
    from vstb.documents.importer import ImportRefused

    with pytest.raises(ImportRefused, match="lưu lại thành .docx"):
        import_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "ke-hoach.doc")


# --------------------------------------------------------------------------- scans (OCR)

needs_ocr = pytest.mark.skipif(
    not ocr.available() and os.environ.get("CI") != "true",
    reason="Tesseract with its Vietnamese model (tesseract-ocr-vie) is not installed",
)


@pytest.fixture(scope="session")
def scan(rendered_pdf):
    """The first and the last page of the Long Biên seed (its header, bases and closing) as
    an office scans them: grey images at 200 dpi, no text layer."""
    return scanned(rendered_pdf["longbien-2025-ke-hoach"], dpi=200, pages=[1, -1])


@needs_libreoffice
@needs_ocr
def test_a_scanned_pdf_is_read_by_ocr_with_a_confidence_per_field(scan, monkeypatch):
    monkeypatch.setenv("VSTB_OCR_SECONDS", "600")  # a shared 2-core machine: no web limit here
    got = import_file(scan, "ban-scan.pdf")
    want = expected("longbien-2025-ke-hoach", True)
    for field in ("doc_type", "symbol", "place", "date_partial", "subject"):
        assert got[field] == want[field], field
    # A scan loses a dot or a space between letters ("KT.CHỦ TỊCH" read "KT CHỦ TỊCH").
    assert [key(line) for line in got["signer"]["lines"]] == [
        key(line) for line in want["signer"]["lines"]
    ]
    assert got["signer"]["name"] == want["signer"]["name"]
    assert [(b["number"], b["symbol"]) for b in got["bases"]] == [
        (b["number"], b["symbol"]) for b in want["bases"]
    ]
    assert got["recipients"] == want["recipients"]
    assert got["sections"][0]["label"] == "I"
    assert any("ảnh quét" in warning for warning in got["warnings"])
    assert set(got["confidence"]) >= {"symbol", "subject", "signer_name", "recipients"}
    assert all(0 < value <= 1 for value in got["confidence"].values())


def test_a_scan_without_the_ocr_programs_says_what_to_do(monkeypatch):
    from vstb.documents.importer import ImportRefused

    monkeypatch.setattr(ocr, "available", lambda: False)
    data = scanned_blank()
    with pytest.raises(ImportRefused, match="chưa cài chương trình nhận dạng chữ"):
        import_file(data, "ban-scan.pdf")


def scanned_blank() -> bytes:
    from vstb.documents.tests.scans import image_pdf

    return image_pdf([(40, 40, bytes([255]) * 1600)], dpi=72)


@needs_ocr
def test_a_scan_declaring_a_huge_page_is_rendered_at_a_bounded_size(monkeypatch):
    from pathlib import Path

    from vstb.documents.tests.scans import image_pdf

    sizes = []
    run = ocr._run

    def watch(command, timeout):
        out = run(command, timeout)
        if command[0] == "pdftoppm":
            for page in Path(command[-1]).parent.glob("page-*.png"):
                header = page.read_bytes()[16:24]  # PNG IHDR: width, height
                sizes.append((int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")))
        return out

    monkeypatch.setattr(ocr, "_run", watch)
    # 40×40 pixels printed at 1 dpi: a page of 40 × 40 inches (1 m square).
    huge = image_pdf([(40, 40, bytes([255]) * 1600)], dpi=1)
    ocr.recognise(huge)
    # pdftoppm rounds the scaled side up by at most one pixel; at 300 dpi it would be 12,000.
    assert sizes and max(max(size) for size in sizes) <= ocr.PAGE_PIXELS + 1


@needs_libreoffice
@needs_ocr
def test_a_scan_longer_than_the_time_allowed_is_refused_with_what_to_do(scan, monkeypatch):
    from vstb.documents.importer import ImportRefused

    monkeypatch.setenv("VSTB_OCR_SECONDS", "0.5")
    with pytest.raises(ImportRefused, match="ít trang hơn"):
        import_file(scan, "ban-scan.pdf")


# --------------------------------------------------------------------------- a letter's header


def _letter_docx() -> bytes:
    """An official letter as Decree 30/2020 lays it out (Appendix I, part I.5.b): a header
    table of one row, the issuer, number and "V/v" subject in the left cell, the national
    name, motto, place and date in the right one; "Nơi nhận" and the signer in a table too."""
    document = Document()
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    left.text = "SỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI TỈNH ĐỒNG NAI"
    for line in ("-------", "Số: 2310/SLĐTBXH-BĐG", "V/v hướng dẫn xây dựng kế hoạch năm 2024"):
        left.add_paragraph(line)
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for line in (
        "Độc lập - Tự do - Hạnh phúc",
        "----------",
        "Đồng Nai, ngày 18 tháng 12 năm 2023",
    ):
        right.add_paragraph(line)
    for line in (
        "Kính gửi:",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các huyện, thành phố.",
        "Thực hiện Kế hoạch số 245/KH-UBND ngày 10/11/2023 của UBND tỉnh về công tác bình đẳng "
        "giới năm 2024, Sở đề nghị các đơn vị gửi kế hoạch về Sở trước ngày 15/01/2024.",
    ):
        document.add_paragraph(line)
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # as the Decree's template sets them
    recipients, signer = document.add_table(rows=1, cols=2).rows[0].cells
    recipients.text = "Nơi nhận:\n- Như trên;\n- Lưu: VT, BĐG."
    signer.text = "GIÁM ĐỐC\n\n\nPhạm Văn Bình"
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _assert_the_letters_fields(plan: dict) -> None:
    """What `_letter_docx` says, read from any of its formats (a scan loses the symbol's
    hyphen, so the symbol is left to the callers)."""
    assert (plan["doc_type"], plan["number"]) == ("CV", "2310")
    assert (plan["date"], plan["place"]) == ("2023-12-18", "Đồng Nai")
    assert plan["issuer"]["name"] == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH ĐỒNG NAI"
    assert plan["subject"] == "hướng dẫn xây dựng kế hoạch năm 2024"
    assert plan["recipients_to"] == ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"]
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [("KH", "245")]
    assert plan["signer"] == {"lines": ["GIÁM ĐỐC"], "name": "Phạm Văn Bình"}


@pytest.mark.parametrize("suffix", ["docx", pytest.param("pdf", marks=needs_libreoffice)])
def test_a_letters_header_table_reads_the_same_from_word_and_from_its_pdf(suffix):
    data = _letter_docx()
    plan = import_file(docx_to_pdf(data) if suffix == "pdf" else data, f"cong-van.{suffix}")
    _assert_the_letters_fields(plan)
    assert plan["symbol"] == "SLĐTBXH-BĐG"
    assert plan["recipients"] == ["Như trên", "Lưu: VT, BĐG"]


@needs_ocr
@needs_libreoffice
def test_a_scan_of_the_letter_parts_its_header_columns_and_gives_its_date_and_subject():
    # Tesseract reads the two centred cells of a row as one line, 2 cm apart; the date's
    # "năm" / "2023" wraps in the right cell beside the subject's "năm 2024" in the left one.
    _assert_the_letters_fields(import_file(scanned(docx_to_pdf(_letter_docx())), "scan.pdf"))
