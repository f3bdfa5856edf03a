"""A `vstb.plan/1` document as DOCX, laid out as Decree 30/2020/NĐ-CP, Appendix I requires.

"Part I, I.3" below means Appendix I, Part I, section I (Quy định chung), item 3; "Part I,
II.2.b" means section II (Các thành phần thể thức chính), item 2.b; "Part I, IV" is the
diagram of where each element sits, "Part I, V" the table of sizes and styles.

The words come from layout.py; this module only decides how they look. Rules under the
issuing body, the Tiêu ngữ and the subject are bottom borders of empty paragraphs whose left
and right indents leave exactly the rule's length, centred (a border, unlike a drawn shape,
stays in place in Word, LibreOffice and when the text above changes); the length is measured
from the text with metrics.py.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt

from vstb.documents import layout
from vstb.documents.metrics import text_width, wrap
from vstb.documents.plan_schema import normalise

FONT = "Times New Roman"  # Part I, I.4

# Part I, I.1: A4 portrait. Part I, I.3: top and bottom 20–25 mm, left 30–35, right 15–20.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)  # 165 mm
HEADER_DISTANCE = Mm(10)  # the page number sits inside the 20 mm top margin

# Header table: the right column holds the Quốc hiệu on one line (88 mm at 12 pt bold).
HEADER_COLUMNS = (Mm(68), Mm(97))
# Closing table: "Nơi nhận" on the left, the signer on the right (Part I, IV, boxes 9b, 7).
CLOSING_COLUMNS = (Mm(75), Mm(90))

# Sizes in points, each within the range Part I, II gives (Part I, V repeats them).
ISSUER_SIZE = 12  # II.2.b: 12–13
NUMBER_SIZE = 13  # II.3.c: 13
NATIONAL_NAME_SIZE = 12  # II.1.a: 12–13
MOTTO_SIZE = 13  # II.1.b: 13–14
PLACE_DATE_SIZE = 13  # II.4.c: 13–14
TITLE_SIZE = 14  # II.5.b: 13–14, for the type name and the subject
BODY_SIZE = 14  # II.6.e: 13–14
ADDRESSEES_SIZE = 14  # II.9.d, box 9a: 13–14
LETTER_SUBJECT_SIZE = 12  # II.5.b, box 5b: "V/v …" 12–13, upright, under the number
RECIPIENTS_HEADING_SIZE = 12  # II.9.d, box 9b: 12
RECIPIENTS_SIZE = 11  # II.9.d, box 9b: 11
SIGNER_SIZE = 14  # II.7.đ: 13–14
PAGE_NUMBER_SIZE = 14  # I.7: 13–14

# II.6.e: first line indented 1–1.27 cm, at least 6 pt between paragraphs, line spacing
# between single and 1.5 lines.
FIRST_LINE_INDENT = Cm(1.27)
PARAGRAPH_SPACING = 6
LINE_SPACING = 1.15

RULE_THICKNESS = 6  # eighths of a point: a ¾ pt hairline
HEADER_LINE = 15  # points: the exact height of every line of the header table
RULE_HEIGHT = 3  # points: the empty paragraph that carries a rule is a thin strip
RULE_SHARE = 0.4  # II.2.b and II.5.b: a rule 1/3 to 1/2 as long as the line above
SIGNATURE_SPACE = 72  # points left blank for the signature and the seal

CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)


def render_docx(plan: dict) -> bytes:
    """The plan as a DOCX file. Absent or null fields leave their place blank; never raises
    on a plan that validate() accepts."""
    plan = normalise(plan)
    document = Document()
    _set_up_page(document.sections[0])
    _set_up_fonts(document)
    _header(document, plan)
    _title_and_subject(document, plan)
    _addressees(document, plan)
    decision = plan["doc_type"] == layout.DECISION
    for paragraph in layout.body_paragraphs(plan):
        _body_paragraph(document, paragraph, decision)
    _closing(document, plan)
    for annex in layout.annexes(plan):
        _annex(document, annex)
    _page_numbers(document.sections[0])
    properties = document.core_properties
    properties.author = properties.last_modified_by = "VSTB"
    properties.title = " ".join(text for text in (plan["title"], plan["subject"]) if text)
    properties.language = "vi-VN"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _set_up_page(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT  # Part I, I.2: along the length of the A4 sheet
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT  # Part I, I.1
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM  # Part I, I.3
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = HEADER_DISTANCE


def _set_up_fonts(document) -> None:
    """Part I, I.4: Times New Roman, Unicode, black, for every script.

    Word picks the font of each character by script: Vietnamese letters with stacked marks
    can fall to the east-asian or complex-script slot, so all four slots name the font, on
    the document defaults and on Normal, and the theme fonts of the template are dropped.
    """
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _name_font(run_defaults)
    _set(run_defaults, "w:sz", val=str(BODY_SIZE * 2))
    _set(run_defaults, "w:szCs", val=str(BODY_SIZE * 2))
    _set(run_defaults, "w:lang", val="vi-VN", eastAsia="vi-VN", bidi="ar-SA")
    # The template spaces paragraphs 10 pt apart at 1.15 lines; each paragraph here says
    # its own spacing, so the default is none.
    paragraph_defaults = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set(paragraph_defaults, "w:spacing", after="0", line="240", lineRule="auto")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _name_font(normal.element.get_or_add_rPr())


def _name_font(run_properties) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)  # rFonts comes first in w:rPr
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def _set(parent, tag: str, **attributes) -> None:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)


# Header: issuer and number on the left, Quốc hiệu, Tiêu ngữ, place and date on the right.


def _header(document, plan: dict) -> None:
    """Part I, IV boxes 1–4: a borderless two-column table across the top of page 1."""
    left, right = _borderless_table(document, HEADER_COLUMNS).rows[0].cells
    room = HEADER_COLUMNS[0].pt
    issuer = plan["issuer"] if isinstance(plan["issuer"], dict) else {}
    parent, name = issuer.get("parent"), issuer.get("name")
    # Every line of both columns is HEADER_LINE tall, so that counting lines is enough to
    # put the number and the date on one level (II.4.c) below.
    line = Pt(HEADER_LINE)

    # Part I, II.2.b: the parent body in capitals, 12–13 pt, upright, not bold; the issuing
    # body under it in bold capitals, centred, single-spaced, on as many lines as it needs.
    left_lines, name_text = 0, ""
    if parent:
        text, count = _header_lines(parent, ISSUER_SIZE, room, bold=False)
        _paragraph(left, text, size=ISSUER_SIZE, caps=True, line=line)
        left_lines += count
    if name:
        name_text, count = _header_lines(name, ISSUER_SIZE, room, bold=True)
        _paragraph(left, name_text, size=ISSUER_SIZE, bold=True, caps=True, line=line)
        left_lines += count
    if not parent and not name:
        # Unknown issuer: keep the two lines' place so the clerk can type them in.
        for _ in range(2):
            _paragraph(left, "", size=ISSUER_SIZE, line=line)
        left_lines = 2
    # II.2.b: a solid rule under the issuing body, 1/3 to 1/2 as long as its line, centred.
    longest = max((text_width(t, ISSUER_SIZE, bold=True) for t in name_text.split("\n")), default=0)
    _rule(left, RULE_SHARE * min(longest, room), room, visible=bool(name))

    # Part I, II.1.a: Quốc hiệu in bold capitals, 12–13 pt, top right. II.1.b: Tiêu ngữ in
    # bold, 13–14 pt, centred under it, single-spaced, with a rule as long as the text.
    _paragraph(
        right, layout.NATIONAL_NAME, size=NATIONAL_NAME_SIZE, bold=True, caps=True, line=line
    )
    _paragraph(right, layout.MOTTO, size=MOTTO_SIZE, bold=True, line=line)
    _rule(right, text_width(layout.MOTTO, MOTTO_SIZE, bold=True), HEADER_COLUMNS[1].pt)
    right_lines = 2

    # II.4.c: the place and date sit on the same line as the number, so the shorter column
    # gets blank lines to bring both down to the same height.
    for _ in range(right_lines - left_lines):
        _paragraph(left, "", size=ISSUER_SIZE, line=line)
    for _ in range(left_lines - right_lines):
        _paragraph(right, "", size=NATIONAL_NAME_SIZE, line=line)

    # II.3.c: "Số:" upright, 13 pt, centred under the issuing body.
    _paragraph(left, layout.number_line(plan), size=NUMBER_SIZE, before=PARAGRAPH_SPACING)
    # II.5.b: a letter's "V/v …" centred under the number, 12–13 pt upright, 6 pt below it.
    letter_subject = layout.letter_subject(plan)
    if letter_subject:
        _paragraph(left, letter_subject, size=LETTER_SUBJECT_SIZE, before=PARAGRAPH_SPACING)
    # II.4.c: place and date in italic, 13–14 pt, centred under the Quốc hiệu.
    _paragraph(
        right,
        layout.place_date_line(plan),
        size=PLACE_DATE_SIZE,
        italic=True,
        before=PARAGRAPH_SPACING,
    )
    for cell in (left, right):
        _drop_first_paragraph(cell)


def _header_lines(text: str, size: float, room: float, bold: bool) -> tuple[str, int]:
    """A body's name and the number of lines it takes: one line if it fits; two lines of
    about equal length if it needs two, as officials break them ("ỦY BAN NHÂN DÂN" /
    "QUẬN LONG BIÊN"); longer names are left to Word to wrap."""
    greedy = wrap(text, size, room, bold)
    if len(greedy) != 2:
        return text, max(len(greedy), 1)
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [pair for pair in splits if all(text_width(p, size, bold) <= room for p in pair)]
    best = min(fitting, key=lambda pair: max(text_width(p, size, bold) for p in pair))
    return "\n".join(best), 2


def _title_and_subject(document, plan: dict) -> None:
    """Part I, II.5.b: the type name in bold capitals and the subject in bold, 13–14 pt,
    centred, with a rule 1/3 to 1/2 as long as the subject under it."""
    if not layout.title_lines(plan):
        return  # a letter: its subject is under the number (box 5b)
    title, subject = plan["title"], plan["subject"]
    before = 18  # clear of the header table
    if title:
        _paragraph(document, title, size=TITLE_SIZE, bold=True, caps=True, before=before)
        before = 0
    if subject:
        _paragraph(document, subject, size=TITLE_SIZE, bold=True, before=before)
    if title or subject:
        lines = wrap(subject or title, TITLE_SIZE, TEXT_WIDTH.pt, bold=True)
        longest = max(text_width(line, TITLE_SIZE, bold=True) for line in lines)
        _rule(document, RULE_SHARE * longest, TEXT_WIDTH.pt, after=12)


def _addressees(document, plan: dict) -> None:
    """Part I, II.9.d, box 9a: "Kính gửi:" 13–14 pt upright; one addressee on the same line,
    several on lines of their own with the dashes aligned under the colon."""
    lines = layout.addressee_lines(plan)
    if len(lines) == 1:
        _paragraph(document, lines[0], size=ADDRESSEES_SIZE, after=PARAGRAPH_SPACING)
        return
    indent = Cm(3)
    for index, line in enumerate(lines):
        paragraph = _paragraph(
            document,
            line,
            size=ADDRESSEES_SIZE,
            align=LEFT,
            after=PARAGRAPH_SPACING if index == len(lines) - 1 else 0,
        )
        heading_width = Pt(text_width(layout.ADDRESSEES_HEADING[:-1], ADDRESSEES_SIZE))
        paragraph.paragraph_format.left_indent = indent if index == 0 else indent + heading_width


def _body_paragraph(document, paragraph: layout.Paragraph, decision: bool = False) -> None:
    """Part I, II.6.e: upright, justified, 13–14 pt, first line indented 1–1.27 cm, ≥ 6 pt
    between paragraphs, single to 1.5 lines. II.6.đ: headings of mục and khoản in bold, and
    "Điều 1." of an article. II.6.a: "Căn cứ …" lines in italic (in a decision, every line
    of its bases, "Theo đề nghị của …" included, as Appendix III, Mẫu 1.1 shows them).
    A decision's authority and its "QUYẾT ĐỊNH:" are bold and centred (Mẫu 1.1)."""
    if paragraph.role in ("authority", "decides"):
        _paragraph(
            document,
            paragraph.text,
            size=BODY_SIZE,
            bold=True,
            caps=paragraph.role == "authority",
            before=PARAGRAPH_SPACING,
            after=PARAGRAPH_SPACING,
        )
        return
    italic = paragraph.role == "preamble" and (decision or paragraph.text.startswith("Căn cứ"))
    _paragraph(
        document,
        paragraph.text[len(paragraph.lead) :],
        size=BODY_SIZE,
        bold=paragraph.role == "heading",
        italic=italic,
        align=JUSTIFY,
        first_line_indent=FIRST_LINE_INDENT,
        after=PARAGRAPH_SPACING,
        line=LINE_SPACING,
        lead=paragraph.lead,
    )


def _closing(document, plan: dict) -> None:
    """Part I, IV: "Nơi nhận" (box 9b) at the left margin, level with the signer's authority
    line (box 7a) on the right; a row that never splits across pages. Minutes (Appendix III,
    Mẫu 1.8) put the secretary's signature on the left, level with the chair's, and
    "Nơi nhận" under them."""
    recipients = layout.recipient_lines(plan)
    minutes = plan["doc_type"] == layout.MINUTES
    signer = layout.signer_lines(plan)
    countersigner = layout.signer_lines(plan, "countersigner") if minutes else ([], None)
    if minutes:
        if any(signer) or any(countersigner):
            left, right = _closing_row(document)
            _signature(left, *countersigner)
            _signature(right, *signer)
        if recipients:
            left, _right = _closing_row(document)
            _recipients(left, recipients)
    elif recipients or any(signer):
        left, right = _closing_row(document)
        _recipients(left, recipients)
        _signature(right, *signer)
    # Word wants a paragraph after a table that ends the document.
    _paragraph(document, "", size=2)


def _closing_row(document):
    table = _borderless_table(document, CLOSING_COLUMNS)
    _set(table.rows[0]._tr.get_or_add_trPr(), "w:cantSplit")
    return table.rows[0].cells


def _recipients(cell, lines: list[str]) -> None:
    """II.9.d: "Nơi nhận:" 12 pt bold italic; the list 11 pt upright, "-" at the margin."""
    for index, line in enumerate(lines):
        if index == 0:
            _paragraph(
                cell,
                line,
                size=RECIPIENTS_HEADING_SIZE,
                bold=True,
                italic=True,
                align=LEFT,
                before=12,
            )
        else:
            _paragraph(cell, line, size=RECIPIENTS_SIZE, align=LEFT)
    _drop_empty_start(cell)


def _signature(cell, authority: list[str], name: str | None) -> None:
    """II.7.đ: authority and position in bold capitals, 13–14 pt; the name in bold, centred
    under them, after room for the signature and the seal."""
    for index, line in enumerate(authority):
        _paragraph(
            cell, line, size=SIGNER_SIZE, bold=True, caps=True, before=12 if index == 0 else 0
        )
    if name:
        _paragraph(cell, name, size=SIGNER_SIZE, bold=True, before=SIGNATURE_SPACE)
    _drop_empty_start(cell)


def _drop_empty_start(cell) -> None:
    """Drop the empty paragraphs a new cell starts with, once it holds text."""
    paragraphs = cell.paragraphs
    if any(p.text for p in paragraphs):
        for paragraph in paragraphs:
            if paragraph.text:
                break
            cell._tc.remove(paragraph._p)


def _annex(document, annex: dict) -> None:
    """An attached document on a page of its own (Part I, II "Phụ lục"): its title in bold
    capitals and subject in bold, centred, the note "(Kèm theo …)" in italic, 13–14 pt,
    then its body laid out as the document's."""
    start = _paragraph(document, "", size=BODY_SIZE)
    start.paragraph_format.page_break_before = True
    if annex["title"]:
        _paragraph(document, annex["title"], size=TITLE_SIZE, bold=True, caps=True)
    if annex["subject"]:
        _paragraph(document, annex["subject"], size=TITLE_SIZE, bold=True)
    if annex["note"]:
        _paragraph(document, annex["note"], size=BODY_SIZE, italic=True)
    heading = annex["subject"] or annex["title"]
    if heading:
        lines = wrap(heading, TITLE_SIZE, TEXT_WIDTH.pt, bold=True)
        longest = max(text_width(line, TITLE_SIZE, bold=True) for line in lines)
        _rule(document, RULE_SHARE * longest, TEXT_WIDTH.pt, after=12)
    for paragraph in annex["body"]:
        _body_paragraph(document, paragraph)


def _page_numbers(section) -> None:
    """Part I, I.7: page numbers in arabic figures, 13–14 pt, centred in the top margin, not
    shown on the first page: a PAGE field in the header, with a blank first-page header."""
    section.different_first_page_header_footer = True  # w:titlePg
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = paragraph.add_run()
        run.font.size = Pt(PAGE_NUMBER_SIZE)
        if kind:
            field_char = OxmlElement("w:fldChar")
            field_char.set(qn("w:fldCharType"), kind)
            run._r.append(field_char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text  # shown until the reader updates the field


# Building blocks.


def _paragraph(
    container,
    text: str,
    *,
    size: float,
    bold=False,
    italic=False,
    caps=False,
    align=CENTER,
    before=0,
    after=0,
    first_line_indent=None,
    line=1.0,
    lead="",
):
    """A paragraph of one run (two when `lead`, the bold words that open it, is given)."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if lead:
        run = paragraph.add_run(lead)
        run.font.size = Pt(size)
        run.font.bold = True
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        if caps:
            run.font.all_caps = True
    # The paragraph mark takes the same size, so that an empty line is as tall as a full one.
    mark = OxmlElement("w:rPr")
    _set(mark, "w:sz", val=str(round(size * 2)))
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")
    return paragraph


def _rule(container, length: float, room: float, *, after: float = 0, visible=True) -> None:
    """A solid horizontal rule `length` points long, centred in `room` points: the bottom
    border of an empty, RULE_HEIGHT-point paragraph indented from both sides. An invisible
    (white) one keeps the same height where a rule has nothing to underline."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = Pt(max(room - length, 0) / 2)
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.line_spacing = Pt(RULE_HEIGHT)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("val", "single"),
        ("sz", str(RULE_THICKNESS)),
        ("space", "1"),
        ("color", "000000" if visible else "FFFFFF"),
    ):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(
        borders,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


def _borderless_table(document, widths):
    """A one-row table with fixed column widths, no borders and no cell padding, so that
    text in it lines up with the page margins."""
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    properties = table._tbl.tblPr
    _set(properties, "w:tblW", w=str(sum(w.twips for w in widths)), type="dxa")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
    properties.insert_element_before(
        borders,
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
    )
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def _drop_first_paragraph(cell) -> None:
    """A new cell comes with an empty paragraph; drop it once the cell has its own."""
    if len(cell.paragraphs) > 1:
        cell._tc.remove(cell.paragraphs[0]._p)
