"""A document's lines -> paragraphs (`prepare`): what a copy did to the layout undone.

Markdown marks and "|" tables, a header's two columns flattened onto one line, Word's drawing
leftovers, and sentences broken by a page break or hard-wrapped at a fixed width (`_join`,
`_continues`): a line goes on the paragraph before it unless it starts a part of the document
of its own, which the header's, the sections' and the closing's readers tell.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from vstb.documents.importer.parse.closing import _unglue_name
from vstb.documents.importer.parse.header import (
    _BODY_OPENING,
    _own_line,
    number_and_symbol,
    place_and_date,
    title_type,
)
from vstb.documents.importer.parse.paragraphs import Context, Para
from vstb.documents.importer.parse.sections import _PART, section_label
from vstb.documents.importer.parse.vocabulary import ADDRESSEE_DASH, KINH_GUI, NOI_NHAN, TYPES
from vstb.documents.importer.read import Line
from vstb.documents.importer.text import (
    TERMINAL,
    collapse,
    fold_keep,
    is_upper,
    key,
    strip_end,
    words_key,
)

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_GAP = re.compile(r"(?<=\S)(?:\s{4,}|\t+\s*)(?=\S)")


def _strip_markdown(text: str) -> tuple[str, bool, bool]:
    """(text, heading, bold) of a markdown line."""
    heading = bool(re.match(r"^\s{0,3}#{1,6}\s", text))
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text)
    text = re.sub(r"^\s*>\s?", "", text)
    bold = "**" in text or "__" in text
    text = re.sub(
        r"^(\s*)[*+]\s+(?=\S)", lambda m: m.group(1) + ("- " if "*" in m.group(0) else "+ "), text
    )
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    return text.rstrip(), heading, bold


# A line break inside a table's cell, as a markdown table written from HTML keeps it
# ("| ỦY BAN NHÂN DÂN<br>XÃ TÂN PHÚ | CỘNG HÒA …<br>Độc lập … |"): the cell's lines.
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


# The columns of a plan's table of activities, by the words of their heading: its number
# ("TT", "STT"), the activity ("Nội dung", "Nhiệm vụ", "Hoạt động"), who leads it ("Cơ quan chủ
# trì", "Đơn vị thực hiện"), with whom ("phối hợp"), when ("Thời gian", "Thời hạn", "Tiến độ").
_COLUMN_WORDS = (
    ("number", re.compile(r"^(?:s?tt|so tt|so thu tu)$")),
    ("time", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("support", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri|^(?:don vi|co quan|bo phan)\b")),
    ("activity", re.compile(r"noi dung|nhiem vu|hoat dong|giai phap|cong viec|^ten\b")),
)


_ATTRIBUTE_NAMES = {"lead": "Cơ quan chủ trì", "support": "Cơ quan phối hợp"}


def _column_kind(heading: str) -> str | None:
    folded = words_key(heading)
    return next((kind for kind, words in _COLUMN_WORDS if words.search(folded)), None)


def _activity_table(table: list[list[str]]) -> list[Para] | None:
    """A plan's table of activities (a row each: its number, what, who leads it, with whom,
    when, and any other column), read as the numbered activities a plan also writes as text
    ("1. Tổ chức hội nghị …" / "- Cơ quan chủ trì: …" / "- Thời gian thực hiện: …"), so the
    tasks are read the same way whichever it used. A row with the activity alone is a
    heading ("I | Công tác tuyên truyền"). None when the table has no such heading row."""
    heading, rows = table[0], table[1:]
    if rows and not any(_column_kind(cell) == "activity" for cell in rows[0]):
        # A heading over two rows ("Đơn vị thực hiện" over "Chủ trì" | "Phối hợp"): the
        # second row names the columns it splits.
        second = rows[0]
        if any(_column_kind(cell) in ("lead", "support") for cell in second):
            heading = [
                second[i] if i < len(second) and second[i] else cell
                for i, cell in enumerate(heading)
            ]
            rows = rows[1:]
    kinds = [_column_kind(cell) for cell in heading]
    if "activity" not in kinds or not {"lead", "time"} & set(kinds):
        return None
    activity = kinds.index("activity")
    number = kinds.index("number") if "number" in kinds else None
    # Who leads and who takes part, named as the tasks are read ("Cơ quan chủ trì: …").
    names = [
        _ATTRIBUTE_NAMES.get(kind or "", cell) for kind, cell in zip(kinds, heading, strict=True)
    ]
    out: list[Para] = []
    for row in rows:
        row = [_LINE_BREAK_TAG.sub(" ", cell).strip() for cell in row]
        what = row[activity] if activity < len(row) else ""
        label = row[number].rstrip(".") if number is not None and number < len(row) else ""
        if (
            not what
            or key(what) == key(heading[activity])
            or all(re.fullmatch(r"\(?\d{1,2}\)?|[A-Z]", cell) for cell in row if cell)
        ):
            continue  # the heading again, or a row numbering its columns ("(1) | (2) | …")
        given = [
            f"{names[i]}: {cell}"
            for i, cell in enumerate(row)
            if cell and i not in (activity, number) and i < len(names) and names[i]
        ]
        if label and not re.fullmatch(r"[0-9IVXivxa-zđ]{1,4}(?:\.\d{1,2})*", label):
            label = ""
        if not given:
            out.append(Para(f"{label}. {what}" if label else what))
        elif label:
            out.append(Para(f"{label}. {what}"))
            out.extend(Para(f"- {attribute}") for attribute in given)
        else:
            out.append(Para("- " + "; ".join([strip_end(what, ".;"), *given])))
    return out


# A rule a copy kept as characters: three dashes of any kind, stars, underscores or equals.
_RULE = r"(?:[-–—]{3,}|\*{3,}|_{3,}|={3,})"


def _table_cells(text: str) -> list[str] | None:
    stripped = text.strip()
    if stripped.count("|") < 1:
        return None
    if not (stripped.startswith("|") or stripped.endswith("|") or stripped.count(" | ") >= 1):
        return None
    # a cell's own line breaks, which a page gave as tabs ("THỦ TƯỚNG<tab><tab>CHÍNH PHỦ")
    cells = [collapse(_CELL_BREAK.sub("<br>", cell)) for cell in stripped.strip("|").split("|")]
    return cells if len(cells) >= 2 else None


def _cell_lines(cell: str) -> list[str]:
    """The lines of a table's cell: at its line breaks and at the rules between them
    ("CHÍNH PHỦ<br>________ Số: 1555/QĐ-TTg")."""
    return [
        line
        for piece in _LINE_BREAK_TAG.split(cell)
        for part in _RULE_BETWEEN.split(piece)
        if (line := _RULE_AFTER.sub("", _RULE_BEFORE.sub("", part)).strip())
    ]


def _bordered_cell_lines(piece: str) -> list[str]:
    """A table's cell alone on its line with its border ("| THỦ TƯỚNG<tab><tab>CHÍNH PHỦ<tab>
    <tab>Số: 1555/QĐ-TTg |"), as a row cut at the national name leaves it: its lines, where its
    line breaks were given as tabs; any other piece as it is."""
    inner = piece.strip().strip("|")
    if "|" not in piece or "|" in inner or not _CELL_BREAK.search(inner.strip()):
        return [piece]
    return _cell_lines(_CELL_BREAK.sub("<br>", inner.strip()))


# A rule at the start of a cell's line, above what follows it.
_RULE_BEFORE = re.compile(r"^\s*" + _RULE + r"\s*(?=\S)")
# Tabs or a long run of spaces inside a table's cell: where its lines break.
_CELL_BREAK = re.compile(r"(?<=\S)(?:\s*\t\s*|\s{5,})(?=\S)")


# What Word writes for a drawing object (the line under the issuer, a text box) when a document
# is saved as text or copied: its English name and number, glued to the next words.
_DRAWING_LEFTOVER = re.compile(
    r"(?<!\w)(?:straight\s+(?:arrow\s+)?connector|elbow\s+connector|curved\s+connector|"
    r"text\s*box|rectangle|auto\s*shape|picture|group|oval|canvas|line)\s*\d+\s*",
    re.IGNORECASE,
)


# A page's number a PDF's text glues to the first line of the page ("Trang 1UỶ BAN NHÂN DÂN",
# "Trang 1THỦ TƯỚNG CHÍNH PHỦ").
_GLUED_PAGE_NUMBER = re.compile(r"^\s*(?:Trang|TRANG|Page)\s*\d{1,3}(?=[A-ZĐ][A-ZĐÀ-Ỹ])")


# The rule under a header's name or motto kept between the lines a copy joined ("ỦY BAN NHÂN
# DÂN TỈNH HÀ TĨNH ------- Số: 39/2017/QĐ-UBND"): where one line ends and the next begins.
_RULE_BETWEEN = re.compile(r"(?<=[^\W\d_])\s+" + _RULE + r"\s+(?=\S)")
# The same rule at the end of the line it is under ("BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI ——-").
_RULE_AFTER = re.compile(r"(?<=[^\W\d_])\s+" + _RULE + r"\s*$")


# A web page's markup a copy of its source kept around the text ("<b>BÁO CÁO</b>", "<span
# class='text_page_counter'>", "<div class='page_container' data-page=1>"): the tags that
# style or hold text, never a "<" of the text itself ("< 5 tuổi").
_INLINE_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|span|div|p|font|sup|sub|a|h[1-6]|center|small|big)\b[^<>]{0,200}>",
    re.IGNORECASE,
)
# Tone marks a PDF's broken font gave apart from their letters, standing alone after a space
# ("thiêt hai ̀ ̣ ̣ do lũ lụt"): no Vietnamese word holds a mark with no letter under it.
_LOOSE_MARKS = re.compile(r"(?:(?<=\s)|^)[\u0300-\u036f]+(?:\s+|$)")


def _addressee_cells(text: str) -> list[str]:
    """ "Kính gửi: | - Các sở…; | - UBND…" (a two-cell row copied on one line) as its lines."""
    if "|" in text and KINH_GUI.match(text.strip()):
        return [part for part in text.split("|") if part.strip()]
    return [text]


# The national name in capitals as printed (Decree 30/2020, Appendix I, part II, item 1), and
# as a document's old font converted badly gives it on the pages that publish such copies
# ("CỘNG HỒ", "CỘNG HỊA" for "CỘNG HÒA", "XàHỘI", "NGHIA"); the motto may lose its "do" to a
# site that drops short words ("Độc lập – Tự – Hạnh phúc").
_NATIONAL_WORDS = r"CỘNG\s*H(?:ÒA|OÀ|Ồ|ỊA)\s*X\w?\s*HỘI\s*CHỦ\s*NGH(?:ĨA|IA)\s*VIỆT\s*NAM"


# A whole document a page copied onto one line (its header's two columns run together: "BỘ
# VĂN HÓA, THỂ THAO CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM VÀ DU LỊCH Độc lập – Tự do – Hạnh phúc
# ******* Số: 41/2008/QĐ-BVHTTDL Hà Nội, ngày … QUYẾT ĐỊNH … Căn cứ …; Căn cứ …; Xét đề nghị
# …, QUYẾT ĐỊNH Điều 1. …"): its parts a line each again, cut where each part starts.
_ONE_LINE_MIN = 300
_ONE_LINE_PARTS = re.compile(
    r"\s*(?:\*{3,}|[-–—]{3,}|_{3,})\s*"  # the rules under the issuer, the motto, the subject
    r"|\s+(?=" + _NATIONAL_WORDS + ")"
    r"|(?<=VIỆT NAM)\s+"
    r"|\s+(?=Độc\s+lập\s*[-–]\s*Tự\b)"
    r"|(?<=Hạnh phúc)\s+"
    r"|\s+(?=Số\s*:\s*(?:\d|[.…_]*\s*/))"  # a number, or a draft's blank one
    r"|(?<=DỰ THẢO)\s+"  # a draft's mark before its title
    r"|\s+(?=(?:V/v|Kính\s+gửi\s*:)\s)"  # a letter's subject and its addressees
    # the body's first sentence after the addressee ("… Kính gửi: Quốc hội Thực hiện Điều 13 …")
    r"|(?<=[a-zà-ỹđ])\s+(?=Thực hiện\s+(?:Điều|Luật|Nghị|Quyết|Kế hoạch|Chỉ thị|Công văn|"
    r"Thông tư|Thông báo|Văn bản|Kết luận|Chương trình|Hướng dẫn|Đề án)\b)"
    # or a sentence that opens with its date or the time it speaks of ("… Trung ương Ngày
    # 20/01/2018, Ban Bí thư …", "… trung ương Thời gian qua, …")
    r"|(?<=[a-zà-ỹđ,])\s+(?=Ngày\s+\d{1,2}/\d{1,2}/\d{4}\s*,)"
    r"|(?<=[a-zà-ỹđ])\s+(?=(?:Thời gian (?:vừa )?qua|Trong thời gian (?:vừa )?qua|Vừa qua),)"
    r"|\s*[-–]?\s+(?=(?:Căn cứ|Xét đề nghị|Theo đề nghị|Điều\s+\d{1,3}\.)\s)"
    r"|\s+(?=[IVX]{1,4}\.\s+[A-ZĐ])"  # a section's label in Roman numerals
    r"|(?<=[,.;:])\s+(?=QUYẾT ĐỊNH\s*:?\s+Điều)"
    r"|(?<=QUYẾT ĐỊNH)\s+(?=Điều\s+\d)"
)
# What a Party committee's or the Youth Union's document prints where the national name stands.
_ORGANISATION_NAME = re.compile(
    r"ĐẢNG CỘNG SẢN VIỆT NAM|ĐOÀN TNCS HỒ CHÍ MINH|ĐỘI (?:TNTP|THIẾU NIÊN TIỀN PHONG) HỒ CHÍ MINH"
)
# A subject glued to its type name ("QUYẾT ĐỊNHVề việc …").
_GLUED_SUBJECT = re.compile(r"(?<=[A-ZĐÀ-Ỹ]{2})(?=Về việc\s)")
# The end of the date line, where the title starts.
_DATE_LINE_END = re.compile(
    # its day and month left blank in a draft ("ngày     tháng     năm 2019")
    r"ngày\s*[\d.…_\s]*?\s*tháng\s*[\d.…_\s]*?\s*năm\s+\d{4}",
    re.IGNORECASE,
)
# The authority under a decision's subject, in the same run of capitals ("… CỦA CẤP TỈNH BỘ
# TRƯỞNG BỘ VĂN HÓA, …"): its last start in the run.
_AUTHORITY_HEAD = re.compile(
    r"\s(?=(?:BỘ TRƯỞNG|THỦ TƯỚNG|CHỦ TỊCH|ỦY BAN NHÂN DÂN|GIÁM ĐỐC|HỘI ĐỒNG NHÂN DÂN|"
    r"ỦY BAN THƯỜNG VỤ QUỐC HỘI)\s)"
)
# The head's office before its body's name, which the authority opens with ("… GIAI ĐOẠN
# 2018-2020” CHỦ TỊCH" / "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG").
_OFFICE_BEFORE = re.compile(r"\s(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|THỦ TƯỚNG)$")


# The national name and the motto run together with the issuer's lines by a copy that
# flattened the header's two columns with single spaces ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ
# NGHĨA VIỆT NAM THÀNH PHỐ HỒ CHÍ MINH Độc lập - Tự do - Hạnh phúc"), in capitals as printed
# (Decree 30/2020, Appendix I, part II, item 1), so that "Hiến pháp nước Cộng hòa xã hội chủ
# nghĩa Việt Nam" in a basis is left alone.
_NATIONAL_PHRASE = re.compile(
    _NATIONAL_WORDS + r"|Độc\s+lập\s*[-–—]?\s*Tự(?:\s+do)?\s*[-–—]?\s*Hạnh\s+phúc"
)


def _national_name_apart(text: str) -> list[str]:
    """A header line holding the national name or the motto and other words: each apart."""
    if not _NATIONAL_PHRASE.search(text) or _NATIONAL_PHRASE.fullmatch(text.strip()):
        return [text]
    parts, start = [], 0
    for found in _NATIONAL_PHRASE.finditer(text):
        parts += [text[start : found.start()], found.group(0)]
        start = found.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _opens_with_type(text: str) -> bool:
    words = text.split()
    return any(key(" ".join(words[:count])) in TYPES for count in (1, 2, 3))


# A document's type name in capitals, its title, and how far after the national name it is
# looked for in a copy on one line.
_TITLE_WORDS = re.compile(
    r"\b(?:KẾ HOẠCH|BÁO CÁO|QUYẾT ĐỊNH|THÔNG BÁO|CHƯƠNG TRÌNH|HƯỚNG DẪN|TỜ TRÌNH|NGHỊ QUYẾT|"
    r"CHỈ THỊ|QUY CHẾ|QUY ĐỊNH)\b"
)
_HEADER_REACH = 400


def _place_start(text: str, date_at: int) -> int:
    """Where the place before a date starts ("… giai đoạn 2018-2021 Hà Nội, ngày …", "TP. Hồ
    Chí Minh, ngày …"): up to four words in title case (or "TP.", a ward's number) right
    before the date's ", ngày"; the date's own start where there is none."""
    before = text[:date_at].rstrip()
    if not before.endswith(","):
        return date_at
    words = list(re.finditer(r"\S+", before[:-1]))[-4:]
    start = date_at
    for word in reversed(words):
        value = word.group(0).rstrip(",")
        if not (value in ("TP.", "Tp.") or value.isdigit() or value.istitle()):
            break
        start = word.start()
    return start


def _whole_document_on_one_line(text: str) -> list[str]:
    national = re.search(_NATIONAL_WORDS, text, re.IGNORECASE) or _ORGANISATION_NAME.search(text)
    if len(text) < _ONE_LINE_MIN or not (
        national
        and (
            re.search(r"\bSố\s*:\s*\d", text, re.IGNORECASE)
            # a draft's or a copy's header without its number: its title after the national
            # name
            or _TITLE_WORDS.search(text, national.end(), national.end() + _HEADER_REACH)
        )
    ):
        return [text]
    label = re.match(r"^\s*\d{1,3}\.\s+", text)  # the page's own "1." before the issuer
    if label and is_upper(text[label.end() : label.end() + 12]):
        text = text[label.end() :]
    if dated := _DATE_LINE_END.search(text):
        # the place and date a line of their own ("… giai đoạn 2018-2021 Hà Nội, ngày …")
        start = _place_start(text, dated.start())
        text = f"{text[:start]}\n{text[start : dated.end()]}\n{text[dated.end() :]}"
    parts: list[str] = []
    chunks = text.split("\n")
    # the header's cells, the organisation's name across from its committee among them
    chunks[0] = _ORGANISATION_NAME.sub(lambda found: f"\n{found.group(0)}\n", chunks[0])
    chunks[-1] = _GLUED_SUBJECT.sub("\n", chunks[-1])
    for chunk in "\n".join(chunks).split("\n"):
        for part in _ONE_LINE_PARTS.split(chunk):
            if not part or not part.strip():
                continue
            heads = list(_AUTHORITY_HEAD.finditer(part)) if is_upper(part) else []
            if heads and _opens_with_type(part) and len(part[: heads[-1].start()].split()) > 3:
                cut = heads[-1].start()
                if office := _OFFICE_BEFORE.search(part[:cut]):
                    cut = office.start()
                parts += [part[:cut], part[cut:].strip()]
            elif not parts and (cut := _issuer_after_page(part)):
                # a page's own words run onto the issuer's name before the national name
                # ("Hệ thống pháp luật BỘ Y TẾ")
                parts += [part[:cut].strip(), part[cut:].strip()]
            elif _opens_with_type(part) and (cut := _end_of_capitals(part)):
                # the title and its subject in capitals, then the body's first sentence ("KẾ
                # HOẠCH GIÁM SÁT … NĂM 2023 Thực hiện Nghị định số …")
                parts += [part[:cut].strip(), part[cut:].strip()]
            else:
                parts.append(part.strip())
    return parts


def _issuer_after_page(part: str) -> int | None:
    """Where the words in capitals that end a line in sentence case start (a page's title,
    then the issuer's name: "Hệ thống pháp luật BỘ Y TẾ"), if two words or more are in them."""
    words = list(re.finditer(r"\S+", part))
    start = len(words)
    while start > 0 and _in_capitals(words[start - 1].group(0)):
        start -= 1
    if start == 0 or len(words) - start < 2 or is_upper(part):
        return None
    return words[start].start()


def _in_capitals(word: str) -> bool:
    """A word of a name in capitals, a letter alone ("Y" of "BỘ Y TẾ") or a dash between."""
    return word in ("-", "–", "&") or (word.upper() == word and any(ch.isalpha() for ch in word))


def _end_of_capitals(part: str) -> int | None:
    """Where a run of words in capitals (a symbol in its own case among them, "856/QĐ-TTg")
    that opens a line ends, if four words or more are in it and three or more follow."""
    words = list(re.finditer(r"\S+", part))
    for index, word in enumerate(words):
        text = word.group(0)
        if any(ch.islower() for ch in text) and not _SYMBOL_WORD.search(text):
            return word.start() if index >= 4 and len(words) - index >= 3 else None
    return None


# A word that is a document's number and symbol, whose case is its own ("856/QĐ-TTg").
_SYMBOL_WORD = re.compile(r"\d+/\S+")


# "… thi hành Quyết định này./.Nơi nhận:": the closing's left column glued to the body's last
# sentence, whose "./." ends it, by a copy that flattened the two columns.
_GLUED_CLOSING = re.compile(r"(?<=/\.)\s*(?=N[ơo]i\s*nh[ậa]n\s*:)", re.IGNORECASE)


# A letter's number and its "V/v" subject in one cell run onto one line, as a web page's
# table gives them ("Số: 8120/UBND-VX V/v tăng cường …"): two lines again.
_NUMBER_LINE = re.compile(r"^\W*S[ốỐ]\s*:")
_SUBJECT_AFTER_NUMBER = re.compile(r"(?<=[\w)])\s+(?=V/v(?:\s|:|$))")


# Pairs of words in capitals that a PDF's text glues ("ỦYBAN NHÂN DÂN", "PHÓ CHỦTỊCH") in the
# lines the header, the authority and the signature are read by: set apart again.
_GLUED_CAPITALS = [
    ("ỦY", "BAN"),
    ("UỶ", "BAN"),
    ("NHÂN", "DÂN"),
    ("CHỦ", "TỊCH"),
    ("PHÓ", "CHỦ"),
    ("GIÁM", "ĐỐC"),
    ("PHÓ", "GIÁM"),
    ("TRƯỞNG", "BAN"),
    ("TRƯỞNG", "PHÒNG"),
    ("PHÓ", "TRƯỞNG"),
    ("BỘ", "TRƯỞNG"),
    ("THỨ", "TRƯỞNG"),
    ("THỦ", "TƯỚNG"),
    ("BÍ", "THƯ"),
    ("QUYẾT", "ĐỊNH"),
    ("KẾ", "HOẠCH"),
    ("BÁO", "CÁO"),
    ("THÔNG", "BÁO"),
    ("CHƯƠNG", "TRÌNH"),
    ("HƯỚNG", "DẪN"),
    ("BAN", "HÀNH"),
    ("THÀNH", "PHỐ"),
]
_GLUED_CAPITALS_PATTERN = re.compile(
    r"(?<![^\W\d_])(" + "|".join(f"{a}{b}" for a, b in _GLUED_CAPITALS) + r")(?![^\W\d_])"
)
_APART = {f"{a}{b}": f"{a} {b}" for a, b in _GLUED_CAPITALS}

# A level of local government glued by a PDF's text to the word in capitals before or after it
# in a header ("UBNDTỈNH QUẢNG TRỊ", "ỦY BAN NHÂN DÂNTỈNH", "TỈNHNINH THUẬN", "HĐNDHUYỆN"): no
# Vietnamese syllable has more letters before or after these, so they are set apart. "XÃ" and
# "THÀNH PHỐ" are not among them ("XÃI", "PHỐI" are words), save right after "UBND", "HĐND".
_LEVELS = ("TỈNH", "HUYỆN", "QUẬN", "PHƯỜNG")
_GLUED_LEVEL = re.compile(
    r"(?<=\w)(?="
    + "|".join(_LEVELS)
    + ")"
    + "".join(f"|(?<={level})(?=\\w)" for level in _LEVELS)
    + r"|(?<=UBND|HĐND)(?=XÃ|THÀNH|THỊ)"
)


def _apart_levels(text: str) -> str:
    # Whole words only: a symbol's parts ("NQ-HĐNDTP") are left as typed.
    return re.sub(
        r"(?<![^\s(])[^\W\d_]{5,}(?![^\s,.;:)])",
        lambda m: _GLUED_LEVEL.sub(" ", m.group(0)) if m.group(0).isupper() else m.group(0),
        text,
    )


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _GLUED_CAPITALS_PATTERN.sub(lambda m: _APART[m.group(1)], text)
    text = _apart_levels(text)
    text = _DRAWING_LEFTOVER.sub("", text)
    text = _GLUED_PAGE_NUMBER.sub("", text)
    text = _LOOSE_MARKS.sub("", text)
    if "<" in text:
        text = _INLINE_TAG.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    # The ministry's name with its dash typed as a full stop ("Bộ Lao động. Thương binh và Xã
    # hội"), which would end the sentence of a basis where a copy wraps the line there.
    text = _LABOUR_MINISTRY_STOP.sub(r"\1 - \2", text)
    text = _SYMBOL.sub(lambda m: _SYMBOL_DASH.sub("-", m.group(0)), text)
    return text.replace("\u2028", "\n").replace("\u000b", "\n")


# A number and symbol ("123/QĐ‑UBND") typed with Word's non-breaking hyphen (U+2011, so that
# the symbol is not cut at the end of a line), a hyphen U+2010 or a dash: the symbol's hyphen
# (Decree 30/2020, Appendix I, part II, item 3).
_SYMBOL_DASH = re.compile(r"[\u2010\u2011\u2012\u2013\u2014]")
_SYMBOL = re.compile(
    r"(?:\b\d+[A-Za-z]?|[.…_]+)\s?/[\w/.&\u2010-\u2014-]*[A-ZĐ][\w/.&\u2010-\u2014-]*"
)


_LABOUR_MINISTRY_STOP = re.compile(r"(Lao động)\s*\.\s*(Thương binh)", re.IGNORECASE)


# A line set letter-spaced, as a title or a subject is to stand out ("K Ế  H O Ạ C H"): one
# character between single spaces, words parted by two or more.
_LETTER_SPACED = re.compile(r"^\s*\S(?: \S)+(?: {2,}\S(?: \S)*)*\s*$")


def _letters_together(text: str) -> str:
    """A letter-spaced line with its words set back together ("K Ế  H O Ạ C H" -> "KẾ
    HOẠCH"). Without the wider gaps between words, only a type name can be read back; any
    other such line is left as typed."""
    if not _LETTER_SPACED.match(text):
        return text
    words = [word.replace(" ", "") for word in re.split(r" {2,}", text.strip())]
    if sum(ch.isalpha() for word in words for ch in word) < 4:
        return text  # "- + -", "1 2 3": not words
    if len(words) == 1 and key(words[0]) not in TYPES:
        return text
    return " ".join(words)


# How many of a text's lines may stand next to another and it still be spaced out a blank
# line after each (`_spaced_out`).
_SPACED_OUT_ADJACENT = 0.05
_SPACED_OUT_MIN_LINES = 12


def _spaced_out(lines: list[Line]) -> list[Line]:
    """A plain text with a blank line after every line (as a copy from a PDF or a web page
    into some editors gives it), with one blank line of each run taken out: a single blank
    line then parts nothing, two part paragraphs. Any other text as it is."""
    if any(line.column or line.bold is not None for line in lines):
        return lines  # a DOCX's or a PDF's paragraphs: their blank lines are their own
    texts = [bool(line.text.strip()) for line in lines]
    filled = sum(texts)
    adjacent = sum(1 for a, b in zip(texts, texts[1:], strict=False) if a and b)
    if filled < _SPACED_OUT_MIN_LINES or adjacent > _SPACED_OUT_ADJACENT * filled:
        return lines
    out: list[Line] = []
    for index, line in enumerate(lines):
        starts_run = not texts[index] and (index == 0 or texts[index - 1])
        if not starts_run:
            out.append(line)
    return out


def prepare(lines: list[Line], context: Context | None = None) -> list[Para]:
    """Clean lines and join them into paragraphs."""
    context = context or Context()
    lines = _spaced_out(lines)
    paras: list[Para] = []
    blank = False
    table: list[list[str]] = []
    in_closing = False
    seen = 0

    def flush_table():
        nonlocal table
        if not table:
            return
        width = max(len(row) for row in table)
        filled = [i for i in range(width) if any(i < len(r) and r[i] for r in table)]
        if len(filled) <= 2:
            for position, index in enumerate(filled):
                column = "left" if position == 0 else "right"
                for row in table:
                    if index < len(row) and row[index]:
                        for cell_line in _cell_lines(row[index]):
                            paras.append(Para(cell_line, column=column))
        elif (activities := _activity_table(table)) is not None:
            paras.extend(activities)
        else:
            context.warn(
                "Văn bản có bảng nhiều cột; nội dung bảng được đọc thành từng đoạn, hãy kiểm "
                "tra lại các nhiệm vụ lấy từ bảng."
            )
            for row in table:
                cells = [_LINE_BREAK_TAG.sub(" ", cell) for cell in row if cell]
                if cells:
                    paras.append(Para(" – ".join(cells)))
        table = []

    for line in lines:
        raw = _clean(line.text)
        pieces = raw.split("\n") if line.column else [raw.replace("\n", " ")]
        pieces = [part for piece in pieces for part in _addressee_cells(piece)]
        pieces = [part for piece in pieces for part in _whole_document_on_one_line(piece)]
        pieces = [part for piece in pieces for part in _national_name_apart(piece)]
        pieces = [part for piece in pieces for part in _GLUED_CLOSING.split(piece)]
        pieces = [
            _RULE_AFTER.sub("", part)
            for piece in pieces
            # a table's row keeps its rules until its cells are apart (flush_table)
            for part in ([piece] if _table_cells(piece) else _RULE_BETWEEN.split(piece))
        ]
        pieces = [part for piece in pieces for part in _bordered_cell_lines(piece)]
        for piece in pieces:
            piece = _letters_together(piece)
            text, heading, md_bold = _strip_markdown(piece.replace("\t", "    "))
            if _TABLE_RULE.match(text) and "-" in text:
                continue
            cells = _table_cells(text) if "|" in text else None
            if cells is not None:
                table.append(cells)
                continue
            if "|" in text and text.strip().strip("|").count("|") == 0:
                text = text.strip().strip("|").strip()  # one cell with its border: its text
            text = _LINE_BREAK_TAG.sub(" ", text)
            flush_table()
            if not text.strip():
                blank = True
                continue
            if re.fullmatch(r"[\s_\-–—=*~.·|]+", text):
                continue  # a rule under a heading, or a table cell's border copied alone
            seen += 1
            if NOI_NHAN.match(fold_keep(text.strip()).replace("ơ", "o")) or key(text).startswith(
                "noinhan"
            ):
                in_closing = True
            bold = line.bold if line.bold is not None else (True if md_bold else None)
            gap = _GAP.search(text.strip()) if line.column is None else None
            if gap is None and in_closing and line.column is None:
                gap = _signer_gap(text.strip())
            if gap and (seen <= 14 or in_closing):
                stripped = text.strip()
                left, right = stripped[: gap.start()], stripped[gap.end() :]
                paras.append(Para(collapse(left), bold, heading, "left", None, blank))
                paras.append(Para(collapse(right), bold, heading, "right", None, False))
            else:
                # The width the line took as typed, markdown included, for re-joining text
                # hard-wrapped at a fixed width.
                typed = collapse(piece)
                for part in _unglue_name(collapse(text)):
                    paras.append(
                        Para(
                            part,
                            bold,
                            heading or line.heading,
                            line.column,
                            line.centered,
                            blank,
                            line_length=len(typed),
                            first_word_length=len(typed.split()[0]) if typed.split() else 0,
                        )
                    )
            blank = False
    flush_table()
    context.wrap_width = _wrap_width_of(paras)
    return _unglue(_join(paras))


# A decision's "QUYẾT ĐỊNH:" run together with the last line of its preamble or its first
# article by a copy that flattened the lines ("… Sở Nội vụ. QUYẾT ĐỊNH: Điều 1. …").
_GLUED_DECIDES = re.compile(r"(?<=[.,;])\s*(?=QUYẾT ĐỊNH\s*:)|(?<=QUYẾT ĐỊNH:)\s*(?=Điều\s+\d)")


# The first basis run onto the last addressee's line, whose ";" or "." the copy lost ("- Phòng
# Giáo dục và Đào tạo huyện Phú Bình Căn cứ Luật Giáo dục năm 2005;").
_GLUED_GROUNDS = re.compile(r"(?<=[^\W\d_])\s+(?=Căn cứ\s)")


def _addressee_line(text: str) -> bool:
    return bool(ADDRESSEE_DASH.match(text) or KINH_GUI.match(text))


def _unglue(paras: list[Para]) -> list[Para]:
    """Parts of a document glued to the paragraph before them, found once the lines are
    joined (a glued "Nơi nhận:" may have been wrapped with it: "… này./.Nơi" / "nhận:"): each
    a paragraph of its own."""
    out: list[Para] = []
    for para in paras:
        parts = [
            piece
            for part in _GLUED_CLOSING.split(para.text)
            for cut in _GLUED_DECIDES.split(part)
            for glued in (_GLUED_GROUNDS.split(cut) if _addressee_line(cut) else [cut])
            for piece in (
                _SUBJECT_AFTER_NUMBER.split(glued) if _NUMBER_LINE.match(glued) else [glued]
            )
            if piece.strip()
        ]
        if len(parts) == 1:
            out.append(para)
            continue
        out.append(dataclasses.replace(para, text=parts[0]))
        out += [Para(part, column=para.column, line_length=len(part)) for part in parts[1:]]
    return out


# A letter's "V/v" in a cell of its own, its subject in the next one ("V/v" / ": Thực hiện …").
_ABOUT_MARK_ALONE = re.compile(r"^\W*V/v\s*:?$", re.IGNORECASE)


def _join(paras: list[Para]) -> list[Para]:
    width = _wrap_width_of(paras)
    out: list[Para] = []
    for para in paras:
        if (
            out
            and re.search(r"Lao động\s*\.$", out[-1].text)
            and para.text.startswith("Thương binh")
        ):
            # The ministry's dash typed as a full stop, at a line's end (see _clean).
            out[-1].text = re.sub(r"\s*\.$", " -", out[-1].text) + f" {para.text}"
            out[-1].line_length = para.line_length
            continue
        if (
            out
            and re.search(r"Lao động$", out[-1].text)
            and re.match(r"^[-–]\s*Thương binh", para.text)
        ):
            # The ministry's name wrapped at its dash ("Sở Lao động" / "- Thương binh và Xã
            # hội"): not a list item.
            out[-1].text = f"{out[-1].text} {para.text}"
            out[-1].line_length = para.line_length
            continue
        if out and (_continues(out[-1], para, width) or _ABOUT_MARK_ALONE.match(out[-1].text)):
            out[-1].text = f"{out[-1].text} {para.text}"
            out[-1].line_length = para.line_length
            continue
        out.append(para)
    return out


def _wrap_width_of(paras: list[Para]) -> int | None:
    """The wrap width of the lines outside the two columns; failing that, of the running text
    alone, without the lines in capitals: the header's and the headings' lines are never
    wrapped paragraphs, and in a short letter they outnumber the ones that are."""
    lines = [p for p in paras if p.column is None]
    return wrap_width([" " * p.line_length for p in lines]) or wrap_width(
        [" " * p.line_length for p in lines if not is_upper(p.text)]
    )


# The longest line a printed page holds, in characters.
_PRINTED_LINE = 110


def wrap_width(texts: list[str]) -> int | None:
    """The width at which a text was hard-wrapped (copied from an e-mail, a terminal, a PDF
    reader), or None when its lines are paragraphs. A wrapped text has many lines within a
    few characters of its longest, and no line much longer than a printed line."""
    lengths = [len(text) for text in texts if len(text) > 20]
    if len(lengths) < 8:
        return None
    # The width is the longest length that several lines reach: a web page's few lines above
    # a wrapped copy (a headline, a list of related documents), longer than the rest, do not
    # make it unwrapped nor set its width; many do.
    for width in sorted({length for length in lengths if length <= _PRINTED_LINE}, reverse=True):
        longer = sum(1 for length in lengths if length > width)
        if longer > 0.1 * len(lengths):
            return None
        reached = sum(1 for length in lengths if width - 3 <= length <= width)
        near = sum(1 for length in lengths if width - 12 <= length <= width)
        if reached >= max(2, 0.05 * len(lengths)) and near >= 0.25 * len(lengths):
            return width
    return None


# A heading this short may be cut by a narrow column; the most words the rest under it has.
_CUT_HEADING_WORDS = 2
_HEADING_REST_WORDS = 8
# Words that cannot end an upper-case heading: a heading cut after one of them was wrapped.
_OPEN_ENDS = ("VÀ", "CỦA", "VỀ", "CHO", "VỚI", "TRONG", "CÁC", "NHỮNG", "ĐỐI", "TẠI", "ĐỂ", "GIAI")


# An article's label alone on its line, its text on the next ("Điều 1." / "Ban hành …"), as a
# copy that put each cell or each run of a Word paragraph on a line of its own gives it.
_BARE_ARTICLE = re.compile(r"^(?:[Đđ]iều|ĐIỀU)\s*\d{1,3}\s*[.:]?$")


# A line that starts with a day's date ("Ngày cập nhật 17/03/2020", "Ngày 15/5/2008, …"):
# a sentence or a page's line of its own, not the end of the line above cut by a wrap.
_DATED_START = re.compile(r"^Ngày\b\D{0,20}\d{1,2}/\d{1,2}/\d{4}")

# Words a sentence does not end on: a hard-wrapped line that ends on one goes on.
_OPEN_WORDS = frozenset(
    "của và về cho với trong các những tại để theo ngày số tháng năm thuộc đối từ đến trên "
    "giữa bằng do là".split()
)


# A web page's address or an image's path copied with its text ("/UploadFiles/banner.png"):
# a line of its own, never part of a wrapped sentence.
_PAGE_PATH = re.compile(r"^\S*[/\\]\S*\.(?:png|jpe?g|gif|svg|webp|html?|aspx?|php)\S*$", re.I)


# A signing mark alone on its line (Decree 30/2020, Appendix I, part I.8): "TM.", "KT.", "TL.".
_MARK_ALONE = re.compile(r"(?:TM|KT|TL|TUQ|Q)\s*\.")
# Two or three spaces, the narrowest gap a copy leaves between the closing block's columns.
_NARROW_GAP = re.compile(r"(?<=\S) {2,3}(?=\S)")


def _signer_gap(text: str) -> re.Match | None:
    """In the closing block, the gap before the signer's column when a copy left only two or
    three spaces there ("- UBND tỉnh (b/c);   CHỦ TỊCH"): the last narrow gap, with a signing
    mark ("TM.", "KT.", "TL.") or a position in capitals after it."""
    gaps = list(_NARROW_GAP.finditer(text))
    if not gaps:
        return None
    right = text[gaps[-1].end() :]
    if re.match(r"^(?:TM|KT|TL|TUQ|Q)\s*\.", right) or (
        is_upper(right) and not re.search(r"[;:]$", right)
    ):
        return gaps[-1]
    return None


def _continues(previous: Para, para: Para, width: int | None = None) -> bool:
    if previous.column != para.column:
        return False
    if _PAGE_PATH.match(para.text.strip()) or _PAGE_PATH.match(previous.text.strip()):
        return False
    if _MARK_ALONE.fullmatch(para.text.strip()):
        return False  # "TM." alone, a cell per line: it opens the signature
    if _MARK_ALONE.fullmatch(previous.text.strip()):
        return True  # … and goes on with the body it signs for ("ỦY BAN NHÂN DÂN TỈNH")
    if _BARE_ARTICLE.match(para.text.strip()):
        return False
    if _BARE_ARTICLE.match(previous.text.strip()):
        return not section_label(para.text)
    if re.match(r"^\W*s[ốo]\s*[:.]", para.text, re.IGNORECASE) and number_and_symbol(para.text):
        return False  # "số: 12/KH-UBND" typed in lower case is the number's line
    if KINH_GUI.match(para.text) or NOI_NHAN.match(para.text):
        return False  # "kính gửi:", "nơi nhận:" typed in lower case open a part of their own
    if KINH_GUI.match(previous.text) and (
        len(para.text.split()) > 15
        or re.match(r"^\W*ng[àa]y\s+\d", para.text, re.IGNORECASE)
        or _BODY_OPENING.match(para.text)
    ):
        return False  # the addressees end where the letter's first sentence starts
    if len(previous.text) <= 60 and (dated := place_and_date(previous.text)) and dated["date"]:
        # A whole place and date ends its line: a line in lower case under it is the rest of
        # the other column's cell ("V/v hướng dẫn …    Đồng Nai, ngày 18 tháng 12 năm 2023" /
        # "bình đẳng giới năm 2024"), flattened after it.
        return False
    first = para.text[0]
    part = _PART.match(previous.text)
    if part and not part.group("r") and is_upper(para.text) and not section_label(para.text):
        return True  # "Phần thứ hai" alone, then its title "TỔ CHỨC THỰC HIỆN"
    if width and para.column is None and not previous.text.endswith(TERMINAL):
        # A dash that only looks like a list item: the wrap put "- Thương binh…" (of "Sở Lao
        # động - Thương binh") or "- TB&XH quận)" at the start of a line.
        if re.match(r"^[-–—]\s", para.text) and not para.blank_before:
            if previous.text.count("(") > previous.text.count(")"):
                return True
            if previous.line_length + 2 > width:
                return True
            # A range of years cut at its dash: "giai đoạn 2011" / "- 2015; …".
            if re.search(r"\b\d{4}$", previous.text) and re.match(r"^[-–]\s*\d{4}\b", para.text):
                return True
    if section_label(para.text):
        return False
    if (
        is_upper(previous.text)
        and is_upper(para.text)
        and not title_type(previous.text)
        and title_type(f"{previous.text} {para.text}")
        and len(previous.text.split()) == 1
    ):
        return True  # a type name wrapped: "QUYẾT" then "ĐỊNH"
    if is_upper(previous.text) and is_upper(para.text) and para.column is None:
        # A heading wrapped mid-phrase: "I. MỤC ĐÍCH," then "YÊU CẦU".
        last = previous.text.split()[-1]
        label = section_label(previous.text)
        return bool(label) and (
            previous.text.endswith(",")
            or last in _OPEN_ENDS
            # a heading of a word or two cut by a narrow column, the rest under it with no
            # blank line between ("I. CĂN CỨ" / "XÂY DỰNG KẾ HOẠCH")
            or (
                len(label.rest.split()) <= _CUT_HEADING_WORDS
                and not para.blank_before
                and len(para.text.split()) <= _HEADING_REST_WORDS
                and not para.text.endswith(TERMINAL + (":",))
            )
        )
    if is_upper(previous.text) and key(previous.text) in TYPES and first.islower():
        return False  # "KẾ HOẠCH" / "thực hiện Chỉ thị …": a subject in lower case, as a
        # Party committee writes it, is the subject, not more of the type name
    if previous.text.endswith((")", "”", '"')) and first.islower():
        return True  # "(qua Phòng Tư pháp)" then "trước ngày 15/02": a sentence goes on
    if re.search(r"\bs[ốo]\s*:?$", previous.text) and first.isdigit():
        return True  # "… Thông tư liên tịch số:" / "183/2010/TTLT/BTC-BNN, ngày …"
    # In hard-wrapped text a line may also break after ";" or "," inside a paragraph.
    if previous.text.endswith(TERMINAL) and not (width and previous.text.endswith((";", ","))):
        return False
    if first.islower():
        return True
    if (
        para.column is None
        and not para.blank_before
        and previous.text.split()[-1] in _OPEN_WORDS
        and not _own_line(para.text)
    ):
        # A line cut after a word no sentence ends on, before a name ("… gửi kế hoạch về" /
        # "Sở trước ngày 15/01/2024."), in a text too short for its wrap width to be measured.
        return True
    if first.isdigit() and not para.blank_before and para.column is None:
        return True
    if width and para.column is None and not para.blank_before:
        # The line was broken because its next word did not fit: the classic rule for
        # re-flowing hard-wrapped text, whatever the next word's case; but a line that
        # starts a part of the document of its own, or follows one, is never a wrap.
        if _own_line(para.text) or is_upper(previous.text) or _DATED_START.match(para.text):
            return False
        if number_and_symbol(previous.text) or place_and_date(previous.text):
            return False
        # A line that ends on a word that cannot end a sentence ("… một số điều của" /
        # "Luật Tổ chức Chính phủ …") was cut there, however short the copy left it.
        if previous.text.split()[-1] in _OPEN_WORDS:
            return True
        return previous.line_length + 1 + para.first_word_length > width
    return False
