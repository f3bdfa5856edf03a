"""Lines of an official document -> a `vstb.plan/1` dict (shared/PLAN_JSON.md).

`parse_lines(lines)` runs the steps in order; each extractor is a small public function of
its own, tested on the variants officials write:

- `prepare`: markdown marks, "|" tables, two-column header lines, sentences broken by a page
  break -> paragraphs (`Para`);
- `number_and_symbol`, `place_and_date`, `issuer`, `title_type`: the header;
- `bases`: the documents named in "Căn cứ …" / "Thực hiện …";
- `section_label`, `build_sections`, `section_kind`: the body as a tree;
- `tasks`, `assignments`: who does what (agencies.py), `dates.deadlines`, `dates.events`;
- `recipients`, `recipients_to`, `signer`: the closing block.

Nothing here is specific to a document: the seeds are tests, not rules.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field

from vstb.documents import plan_schema
from vstb.documents.importer import agencies, dates
from vstb.documents.importer.read import VIETNAMESE_LETTERS, Line
from vstb.documents.importer.text import (
    TERMINAL,
    collapse,
    fold_keep,
    is_upper,
    key,
    strip_end,
    words_key,
)

# Decree 30/2020/NĐ-CP, Appendix III: type names and their abbreviations.
TYPES = {
    "kehoach": "KH",
    "chuongtrinh": "CTr",
    "baocao": "BC",
    "quyetdinh": "QĐ",
    "thongbao": "TB",
    "huongdan": "HD",
    "nghiquyet": "NQ",
    "chithi": "CT",
    "totrinh": "TTr",
    "congvan": "CV",
    "dean": "ĐA",
    "phuongan": "PA",
    "quyche": "QC",
    "quydinh": "QyĐ",
    "bienban": "BB",
    "congdien": "CĐ",
    "giaymoi": "GM",
    "ketluan": "KL",
    "thongtri": "TT",
    "thongtu": "TT",
    "thongtulientich": "TTLT",
    "nghidinh": "NĐ",
    "vanban": "CV",
}
ABBREVIATIONS = {
    "KH",
    "CTR",
    "BC",
    "QĐ",
    "QD",
    "TB",
    "HD",
    "NQ",
    "CT",
    "TTR",
    "CV",
    "ĐA",
    "PA",
    "QC",
    "BB",
    "CĐ",
    "GM",
    "KL",
    "TT",
    "TTLT",
    "NĐ",
    "HĐ",
}
_CANONICAL = {"CTR": "CTr", "TTR": "TTr", "QD": "QĐ"}
# Words that start a referenced document, longest first.
DOC_WORDS = [
    ("thongtulientich", "TTLT"),
    ("congvan", "CV"),
    ("vanban", "CV"),
    ("kehoach", "KH"),
    ("chuongtrinh", "CTr"),
    ("quyetdinh", "QĐ"),
    ("nghiquyet", "NQ"),
    ("nghidinh", "NĐ"),
    ("chithi", "CT"),
    ("thongtu", "TT"),
    ("thongtri", "TT"),
    ("huongdan", "HD"),
    ("thongbao", "TB"),
    ("ketluan", "KL"),
    ("baocao", "BC"),
    ("dean", "ĐA"),
    ("totrinh", "TTr"),
    ("congdien", "CĐ"),
    ("quydinh", "QyĐ"),
    ("bolaut", None),
    ("boluat", None),
    ("luat", None),
    ("phaplenh", None),
    ("chienluoc", None),
]
_DOC_START = re.compile(
    r"(?:thong tu lien tich|cong van|van ban|ke ?hoach|chuong ?trinh|quyet ?dinh|nghi ?quyet|"
    r"nghi ?dinh|chi ?thi|thong ?tu|thong ?tri|huong ?dan|thong ?bao|ket ?luan|bao ?cao|"
    r"de ?an|to ?trinh|cong ?dien|quy ?dinh|bo ?luat|luat|phap ?lenh|chien ?luoc)\b"
)

NATIONAL = "conghoaxahoichunghiavietnam"
MOTTO = "doclaptudohanhphuc"

KIND_WORDS = [
    (
        "implementation",
        (
            "to chuc thuc hien",
            "trach nhiem thuc hien",
            "phan cong thuc hien",
            "phan cong nhiem vu",
            "trach nhiem cua cac",
            "to chuc trien khai thuc hien",
        ),
    ),
    ("funding", ("kinh phi",)),
    ("purpose", ("muc dich", "yeu cau", "muc tieu", "quan diem")),
    (
        "tasks",
        (
            "nhiem vu",
            "noi dung",
            "giai phap",
            "hoat dong",
            "chi tieu",
            "phuong huong",
            "trong tam",
            "cong tac",
        ),
    ),
]

POSITIONS = (
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "THỦ TƯỚNG",
    "PHÓ THỦ TƯỚNG",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "CHÁNH VĂN PHÒNG",
    "THỦ TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "TỔNG GIÁM ĐỐC",
    "HIỆU TRƯỞNG",
    "TRƯỞNG ĐOÀN",
    "CHỦ NHIỆM",
    "THƯỜNG TRỰC",
    "TỔ TRƯỞNG",
    "TRƯỞNG TIỂU BAN",
)
# "TM.", "KT.", "TL.", "TUQ.", "Q." (Decree 30/2020, Appendix I, part I.8: the signing
# authority); typed also "T/M", "K/T", "T/L", "T/U/Q" with or without the dot.
_AUTHORITY = re.compile(
    r"^(?:T\.?M|K\.?T|T\.?L|T\.?U\.?Q|Q|TUQ)\s*\.\s*\S|^(?:T/M|K/T|T/L|T/U/Q)\.?\s+\S|^QUYỀN\s"
    # and without the dot, as a scan is often read: "KT CHỦ TỊCH"
    r"|^(?:TM|KT|TL|TUQ)\s+[A-ZĐÀ-Ỹ]{2}"
)
_SIGNATURE_NOISE = re.compile(
    r"^[\[(]?\s*(?:đã ký|da ky|ký|ky|ký tên|ký, ghi rõ|chữ ký|đóng dấu|daky|\(?signed)\b.*$",
    re.IGNORECASE,
)


@dataclass
class Para:
    text: str
    bold: bool | None = None
    heading: bool = False
    column: str | None = None
    centered: bool | None = None
    blank_before: bool = False
    # The length of the last physical line joined into this paragraph (for re-joining text
    # hard-wrapped at a fixed width).
    line_length: int = 0
    # The length of its first word as typed (markdown included), for the same purpose.
    first_word_length: int = 0

    def __post_init__(self) -> None:
        self.line_length = self.line_length or len(self.text)
        words = self.text.split()
        self.first_word_length = self.first_word_length or (len(words[0]) if words else 0)


@dataclass
class Context:
    warnings: list[str] = field(default_factory=list)
    year: int | None = None
    doc_type: str | None = None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


# --------------------------------------------------------------------------- preparing lines

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


def _table_cells(text: str) -> list[str] | None:
    stripped = text.strip()
    if stripped.count("|") < 1:
        return None
    if not (stripped.startswith("|") or stripped.endswith("|") or stripped.count(" | ") >= 1):
        return None
    cells = [collapse(cell) for cell in stripped.strip("|").split("|")]
    return cells if len(cells) >= 2 else None


# What Word writes for a drawing object (the line under the issuer, a text box) when a document
# is saved as text or copied: its English name and number, glued to the next words.
_DRAWING_LEFTOVER = re.compile(
    r"(?<!\w)(?:straight\s+(?:arrow\s+)?connector|elbow\s+connector|curved\s+connector|"
    r"text\s*box|rectangle|auto\s*shape|picture|group|oval|canvas|line)\s*\d+\s*",
    re.IGNORECASE,
)


def _addressee_cells(text: str) -> list[str]:
    """ "Kính gửi: | - Các sở…; | - UBND…" (a two-cell row copied on one line) as its lines."""
    if "|" in text and re.match(r"^\W*K[íi]nh\s*g[ửu]i", text.strip(), re.IGNORECASE):
        return [part for part in text.split("|") if part.strip()]
    return [text]


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _DRAWING_LEFTOVER.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    # The ministry's name with its dash typed as a full stop ("Bộ Lao động. Thương binh và Xã
    # hội"), which would end the sentence of a basis where a copy wraps the line there.
    text = _LABOUR_MINISTRY_STOP.sub(r"\1 - \2", text)
    return text.replace("\u2028", "\n").replace("\u000b", "\n")


_LABOUR_MINISTRY_STOP = re.compile(r"(Lao động)\s*\.\s*(Thương binh)", re.IGNORECASE)


def prepare(lines: list[Line], context: Context | None = None) -> list[Para]:
    """Clean lines and join them into paragraphs."""
    context = context or Context()
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
                        paras.append(Para(row[index], column=column))
        else:
            context.warn(
                "Văn bản có bảng nhiều cột; nội dung bảng được đọc thành từng đoạn, hãy kiểm "
                "tra lại các nhiệm vụ lấy từ bảng."
            )
            for row in table:
                cells = [cell for cell in row if cell]
                if cells:
                    paras.append(Para(" – ".join(cells)))
        table = []

    for line in lines:
        raw = _clean(line.text)
        pieces = raw.split("\n") if line.column else [raw.replace("\n", " ")]
        pieces = [part for piece in pieces for part in _addressee_cells(piece)]
        for piece in pieces:
            text, heading, md_bold = _strip_markdown(piece.replace("\t", "    "))
            if _TABLE_RULE.match(text) and "-" in text:
                continue
            cells = _table_cells(text) if "|" in text else None
            if cells is not None:
                table.append(cells)
                continue
            if "|" in text and text.strip().strip("|").count("|") == 0:
                text = text.strip().strip("|").strip()  # one cell with its border: its text
            flush_table()
            if not text.strip():
                blank = True
                continue
            if re.fullmatch(r"[\s_\-–—=*~.·|]+", text):
                continue  # a rule under a heading, or a table cell's border copied alone
            seen += 1
            if re.match(
                r"^\W*N[ơo]i\s*nh[ậa]n", fold_keep(text.strip()).replace("ơ", "o"), re.I
            ) or key(text).startswith("noinhan"):
                in_closing = True
            bold = line.bold if line.bold is not None else (True if md_bold else None)
            gap = _GAP.search(text.strip()) if line.column is None else None
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
    return _join(paras)


def _join(paras: list[Para]) -> list[Para]:
    width = wrap_width([" " * p.line_length for p in paras if p.column is None])
    out: list[Para] = []
    for para in paras:
        if out and re.search(r"Lao động\s*\.$", out[-1].text) and para.text.startswith(
            "Thương binh"
        ):
            # The ministry's dash typed as a full stop, at a line's end (see _clean).
            out[-1].text = re.sub(r"\s*\.$", " -", out[-1].text) + f" {para.text}"
            out[-1].line_length = para.line_length
            continue
        if out and _continues(out[-1], para, width):
            out[-1].text = f"{out[-1].text} {para.text}"
            out[-1].line_length = para.line_length
            continue
        out.append(para)
    return out


def wrap_width(texts: list[str]) -> int | None:
    """The width at which a text was hard-wrapped (copied from an e-mail, a terminal, a PDF
    reader), or None when its lines are paragraphs. A wrapped text has many lines within a
    few characters of its longest, and no line much longer than a printed line."""
    lengths = [len(text) for text in texts if len(text) > 20]
    if len(lengths) < 8:
        return None
    longest = max(lengths)
    if longest > 110:
        return None
    near = sum(1 for length in lengths if length >= longest - 12)
    return longest if near >= 0.25 * len(lengths) else None


# Words that cannot end an upper-case heading: a heading cut after one of them was wrapped.
_OPEN_ENDS = ("VÀ", "CỦA", "VỀ", "CHO", "VỚI", "TRONG", "CÁC", "NHỮNG", "ĐỐI", "TẠI", "ĐỂ", "GIAI")


def _continues(previous: Para, para: Para, width: int | None = None) -> bool:
    if previous.column != para.column:
        return False
    if re.match(r"^\W*k[íi]nh\s*g[ửu]i", previous.text, re.IGNORECASE) and (
        len(para.text.split()) > 15
        or re.match(r"^\W*ng[àa]y\s+\d", para.text, re.IGNORECASE)
        or _BODY_OPENING.match(para.text)
    ):
        return False  # the addressees end where the letter's first sentence starts
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
        return bool(section_label(previous.text)) and (
            previous.text.endswith(",") or last in _OPEN_ENDS
        )
    if previous.text.endswith((")", "”", '"')) and first.islower():
        return True  # "(qua Phòng Tư pháp)" then "trước ngày 15/02": a sentence goes on
    # In hard-wrapped text a line may also break after ";" or "," inside a paragraph.
    if previous.text.endswith(TERMINAL) and not (width and previous.text.endswith((";", ","))):
        return False
    if first.islower():
        return True
    if first.isdigit() and not para.blank_before and para.column is None:
        return True
    if width and para.column is None and not para.blank_before:
        # The line was broken because its next word did not fit: the classic rule for
        # re-flowing hard-wrapped text, whatever the next word's case; but a line that
        # starts a part of the document of its own, or follows one, is never a wrap.
        if _own_line(para.text) or is_upper(previous.text):
            return False
        if number_and_symbol(previous.text) or place_and_date(previous.text):
            return False
        return previous.line_length + 1 + para.first_word_length > width
    return False


def _own_line(text: str) -> bool:
    """Lines that start a part of an official document (or are one): the number, the place
    and date, "V/v", "Kính gửi", "Nơi nhận", a basis, a dashed item, an authority."""
    return bool(
        re.match(r"^[-–—•+*]\s", text)
        or _ABOUT.match(text)
        or re.match(r"^\W*(?:k[íi]nh\s*g[ửu]i|n[ơo]i\s*nh[ậa]n)", text, re.IGNORECASE)
        or number_and_symbol(text)
        or (len(text) <= 60 and re.search(r",\s*ngày", text) and place_and_date(text))
        or _is_authority(text)
        or _is_preamble(text)
    )


# --------------------------------------------------------------------------- header


def title_type(text: str) -> str | None:
    """The type abbreviation of a title line ("KẾ HOẠCH" -> "KH"), or None."""
    if not (is_upper(text) or len(text) < 40):
        return None
    k = key(text)
    if k.startswith(NATIONAL) or not k:
        return None
    for name in sorted(TYPES, key=len, reverse=True):
        if k.startswith(name) and (len(k) - len(name) <= 40):
            if not is_upper(text) and k != name:
                return None
            return TYPES[name]
    return None


def number_and_symbol(line: str) -> dict | None:
    """ "Số: 02 /CTr-BVSTBPN" -> number "02", symbol "CTr-BVSTBPN", doc_type "CTr"."""
    folded = fold_keep(line)
    match = re.match(r"^\W*so\s*(?::|\.|(?=\s*\d)|(?=\s*/))", folded)
    if not match and _BARE_NUMBER.fullmatch(tight_symbols(line.strip())):
        match = re.match(r"^\s*", folded)  # the whole line is the number and symbol
    if not match:
        return None
    rest = tight_symbols(line[match.end() :].strip())
    token = rest.split()[0] if rest.split() else ""
    after = rest[len(token) :].strip()
    token = token.strip(".,;")
    warning = None
    if "/" in token:
        number, symbol = token.split("/", 1)
    else:
        number, symbol = token, ""
    number = number.strip(" .-_…") or None
    symbol = symbol.strip(" .-_") or None
    if number and not re.fullmatch(r"\d+[\w-]*", number):
        number = None if re.fullmatch(r"[.…_]+", number) else number
    glued = re.fullmatch(r"(\d+)\s*([A-Za-zĐđ]+)", number or "")
    if glued and glued.group(2).upper() in ABBREVIATIONS:
        number = glued.group(1)
        symbol = f"{glued.group(2)}-{symbol}" if symbol else glued.group(2)
        warning = (
            f"Số và ký hiệu viết chưa đúng quy định ({collapse(line)}); "
            f"đã hiểu là số {number}, ký hiệu {symbol}."
        )
    doc_type = None
    for part in re.split(r"[-/]", f"{number or ''}-{symbol or ''}"):
        if part.upper() in ABBREVIATIONS and not part.isdigit():
            doc_type = _CANONICAL.get(part.upper(), part if part.upper() == part else part)
            doc_type = {"Ctr": "CTr", "CTR": "CTr", "TTR": "TTr"}.get(doc_type, doc_type)
            break
    if number is None and symbol is None:
        return None
    return {
        "number": number,
        "symbol": symbol,
        "doc_type": doc_type,
        "warning": warning,
        # What follows on the same line: the place and date, when a copy flattened the
        # header's two columns onto one line ("Số: 416/BC-CP Hà Nội, ngày 19 tháng 6…").
        "rest": after,
    }


# A number and symbol with no "Số:" before them, alone on a line: "5293/BVHTTDL-GĐ".
# A symbol has a hyphen (Decree 30/2020, Appendix I, part II, item 3: the type's or body's
# abbreviation "-" the issuing body's), which keeps a name such as "BAN CHỈ ĐẠO / 138/CP" out.
_BARE_NUMBER = re.compile(
    r"\d{1,5}/[A-ZĐ][A-ZĐa-z0-9&]*(?:/[A-ZĐ0-9][A-ZĐa-z0-9&]*)*(?:-[A-ZĐ0-9][A-ZĐa-z0-9&/]*)+"
)


def tight_symbols(text: str) -> str:
    """A number and symbol written with spaces around their "/" and "-" ("597 / QĐ - BNN",
    "KH- UBND"), as one token."""
    text = re.sub(r"(?<=[\wĐđ])\s*/\s*(?=[\wĐđ])", "/", text)
    return re.sub(r"(?<=[A-ZĐ0-9])(?:\s+-\s*|-\s+)(?=[A-ZĐ])", "-", text)


_NGAY = re.compile(r"(?<![a-z])ngay(?=[\s\d.…_]|$)")


def place_and_date(line: str) -> dict | None:
    """ "Hải Phòng, ngày 14 tháng 4 năm 2022" -> place, date, date_partial."""
    folded = fold_keep(line)
    match = _NGAY.search(folded)
    if not match:
        return None
    place = strip_end(line[: match.start()], ",.;: ").strip()
    if re.fullmatch(r"[.…_\s]*", place):
        place = ""  # a form's blank, "……., ngày … tháng …"
    if place and (len(place.split()) > 7 or re.search(r"\d", place)):
        return None
    if place and fold_keep(place).startswith(("thuc hien", "can cu", "truoc", "tu ")):
        return None
    rest = re.sub(r"[.…_]+", " ", folded[match.end() :])
    long_form = re.match(
        r"^\s*(?P<d>\d{1,2})?\s*thang\s*(?P<m>\d{1,2})?\s*nam\s*(?P<y>\d{4})?", rest
    )
    short_form = re.match(r"^\s*(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})\s*[/-]\s*(?P<y>\d{4})", rest)
    found = long_form or short_form
    if not found:
        return None
    if len(rest[found.end() :].split()) > 3:
        return None  # a sentence that starts with a date, not the date line
    day, month, year = found.group("d"), found.group("m"), found.group("y")
    iso = dates._iso(day, month, year) if day and month and year else None
    partial = None
    if not iso and year:
        partial = f"{int(year):04d}-{int(month):02d}" if month and 1 <= int(month) <= 12 else year
    return {"place": place or None, "date": iso, "date_partial": partial}


_ISSUER_HEADS = (
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "BAN",
    "PHÒNG",
    "SỞ",
    "HỘI",
    "CÔNG AN",
    "TRUNG TÂM",
    "VĂN PHÒNG",
    "BỘ",
    "CỤC",
    "CHI CỤC",
    "ĐẢNG BỘ",
    "ĐẢNG ỦY",
    "ĐOÀN",
    "LIÊN ĐOÀN",
    "MẶT TRẬN",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "HUYỆN ỦY",
    "QUẬN ỦY",
    "HỘI ĐỒNG",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "VIỆN",
    "TÒA ÁN",
    "THANH TRA",
    "KHO BẠC",
    "NGÂN HÀNG",
    "BẢO HIỂM",
    "CHI NHÁNH",
    "TỔNG CỤC",
    "ĐÀI",
    "BÁO",
    "QUỐC HỘI",
    "CHÍNH PHỦ",
    "NHÓM",
)


def _starts_body(text: str) -> bool:
    upper = text.upper()
    return any(upper == head or upper.startswith(head + " ") for head in _ISSUER_HEADS)


def issuer(lines: list[tuple[str, bool | None]]) -> dict:
    """The parent body and the issuing body from the header's left lines (text, bold)."""
    lines = [(collapse(t), b) for t, b in lines if collapse(t)]
    if not lines:
        return {"parent": None, "name": None}
    bolds = {b for _, b in lines}
    if True in bolds and False in bolds and lines[-1][1] is True:
        parent = [t for t, b in lines if not b]
        name = [t for t, b in lines if b]
        return {"parent": " ".join(parent) or None, "name": " ".join(name) or None}
    groups: list[list[str]] = []
    for text, _ in lines:
        joins = groups and (
            not _starts_body(text)
            or groups[-1][-1].endswith(("–", "-", "VÀ", ",", "&"))
            # A name cut by the copy before its head was complete ("ỦY" / "BAN NHÂN DÂN").
            or not _starts_body(" ".join(groups[-1]))
        )
        if joins:
            groups[-1].append(text)
        else:
            groups.append([text])
    names = [" ".join(group) for group in groups]
    if len(names) == 1:
        return {"parent": None, "name": names[0]}
    return {"parent": " ".join(names[:-1]), "name": names[-1]}


# --------------------------------------------------------------------------- bases

_FINAL_CLAUSE = re.compile(
    r",\s+(?=(?:" + "|".join(agencies.HEADS + agencies.COMPLETE) + r")\b[^,;]*?\b"
    r"(?:ban hành|xây dựng|triển khai|đề ra|lập|thực hiện|tổ chức|báo cáo|hướng dẫn|thông báo)\b)"
)
_BASIS_PREFIX = re.compile(
    r"^\s*[(\-–]?\s*(?:căn cứ|thực hiện|triển khai|ban hành kèm theo|kèm theo)\s*"
    r"(?:(?:chỉ đạo|ý kiến chỉ đạo|nhiệm vụ)[^,;]*?tại\s+)?[:]?\s*",
    re.IGNORECASE,
)


def _doc_type_of(text: str) -> tuple[str | None, bool]:
    """(abbreviation, is a document) of a reference starting with a type word."""
    k = key(text[:40])
    for word, abbreviation in DOC_WORDS:
        if k.startswith(word):
            return abbreviation, True
    return None, False


def _split_outside_quotes(text: str, pattern: re.Pattern) -> list[str]:
    parts, depth, start = [], 0, 0
    quotes = {"“": 1, "”": -1, "(": 1, ")": -1}
    index = 0
    while index < len(text):
        ch = text[index]
        if ch in quotes:
            depth = max(0, depth + quotes[ch])
        elif depth == 0:
            match = pattern.match(text, index)
            if match and match.end() > index:
                parts.append(text[start:index])
                start = index = match.end()
                continue
        index += 1
    parts.append(text[start:])
    return [part.strip(" ,;") for part in parts if part.strip(" ,;")]


_ENTRY_SPLIT = re.compile(
    r";\s*|\s+và\s+(?=(?:"
    + "|".join(
        w
        for w in (
            "Kế hoạch",
            "Chương trình",
            "Công văn",
            "Quyết định",
            "Nghị quyết",
            "Chỉ thị",
            "Thông tư",
            "Nghị định",
            "Luật",
            "Bộ luật",
            "Hướng dẫn",
            "Thông báo",
            "Thông tri",
            "Kết luận",
            "Đề án",
            "Văn bản",
            "Pháp lệnh",
        )
    )
    + r")\b)"
    # "… của Ban Thường vụ Tỉnh ủy triển khai Chỉ thị số 21-CT/TW …": the document it carries
    # out is a basis of its own.
    r"|\s+(?:triển khai|thực hiện|về việc thực hiện|về thực hiện)\s+(?=(?:Chỉ thị|Nghị quyết|"
    r"Kết luận|Quyết định|Kế hoạch|Chương trình|Nghị định|Thông tư|Luật)\s+số\s+\d)"
    r"|,\s+(?=(?:Kế hoạch|Chương trình|Công văn|Quyết định|Nghị quyết|Chỉ thị|Thông tư|"
    r"Nghị định|Hướng dẫn|Thông báo|Thông tri|Kết luận|Văn bản)\s+(?:số\s+)?\d)"
)


def base_fields(text: str, year: int | None = None) -> dict:
    """One referenced document: type, number, symbol, date, issuer."""
    doc_type, _ = _doc_type_of(text)
    number = symbol = None
    text = tight_symbols(text)
    # The first number the reference gives, with "số" or without ("Quyết định 215/QĐ-TTg"):
    # a later one belongs to what the sentence goes on to say.
    labelled = re.search(
        r"(?:số|so|Số)\s*:?\s*(\d+[\w.]*(?:-[\w]+)*|[.…_ ]*)\s*/\s*([\w\-/.&Đđ]+)", text
    )
    bare = re.search(r"\b(\d+(?:-[A-ZĐ]+)?)\s*/\s*((?:\d{4}/)?[A-ZĐ][\w\-/&Đđ]*)", text)
    match = labelled or bare
    if labelled and bare and bare.start() < labelled.start():
        match = bare
    if match:
        number = match.group(1).strip(" .…_") or None
        symbol = strip_end(match.group(2), ".,;")
        number, symbol = _party_number(number, symbol)
    elif re.search(r"\bsố\s+(\d+)\b", text):
        number = re.search(r"\bsố\s+(\d+)\b", text).group(1)
    if doc_type is None and symbol:
        for part in re.split(r"[-/]", symbol):
            if part.upper() in ABBREVIATIONS:
                doc_type = _CANONICAL.get(part.upper(), part)
                break
    when = None
    for mention in dates.mentions(text, year):
        if mention.kind == "day":
            when = mention.first
            break
    found_issuer = None
    stripped = _strip_quotes(text)
    of = re.search(r"\scủa\s+", stripped)
    if of:
        tail = stripped[of.end() :]
        tail = re.split(
            r"\s+(?:về|ngày|tại|trong|nhằm|hướng dẫn|triển khai|thực hiện|ban hành|phê duyệt|"
            r"quy định|sửa đổi|giai đoạn|năm \d)\b|[,;(]",
            tail,
        )[0]
        tail = strip_end(tail, ".,;: ")
        if tail and tail[0].isupper() and len(tail.split()) <= 15:
            found_issuer = tail
    return {
        "text": text,
        "doc_type": doc_type,
        "number": number,
        "symbol": symbol,
        "date": when,
        "issuer": found_issuer,
    }


def _party_number(number: str | None, symbol: str | None) -> tuple[str | None, str | None]:
    """The Communist Party numbers its documents "67-KH/TU": the number, "-", the type, "/",
    the body. The number is 67 and the symbol KH/TU."""
    party = re.fullmatch(r"(\d+)-([A-Za-zĐđ]+)", number or "")
    if party and party.group(2).upper() in ABBREVIATIONS and symbol:
        return party.group(1), f"{party.group(2)}/{symbol}"
    return number, symbol


def _strip_quotes(text: str) -> str:
    """The text with quoted titles blanked out (same length), so that "của" inside a quoted
    title is not taken for the issuer."""
    return re.sub(r"“[^”]*”|\"[^\"]*\"", lambda m: " " * len(m.group(0)), text)


def bases(paragraphs: list[str], year: int | None = None) -> list[dict]:
    """The documents named in "Căn cứ …" / "Thực hiện …" paragraphs, one entry each."""
    out = []
    listing = False  # the paragraph before was a basis ending in ";" or ":"
    for paragraph in paragraphs:
        folded = fold_keep(paragraph.strip(" (-–+"))
        opens = folded.startswith(
            ("can cu", "thuc hien", "trien khai", "ban hanh kem theo", "kem theo")
        )
        # A list of bases goes on, one document a line: "…giai đoạn 2011 - 2015;" then
        # "Kế hoạch số 127/KH-UBND …".
        goes_on = (
            listing
            and _doc_type_of(paragraph.strip(" -–+"))[1]
            and not is_upper(paragraph)  # "QUYẾT ĐỊNH:" after the bases
            and bool(re.search(r"\bsố\s*\d|\d+\s*/\s*[A-ZĐ]|\bngày\s+\d", paragraph))
        )
        listing = (opens or goes_on) and paragraph.rstrip().endswith((";", ":"))
        if not (opens or goes_on):
            continue
        text = _BASIS_PREFIX.sub("", paragraph.strip(" -–+"), count=1)
        text = text.strip(" ()")
        final = _FINAL_CLAUSE.search(text)
        earlier: list[str] = []
        if final:
            # The issuer's own action ("…, UBND tỉnh ban hành Kế hoạch … như sau"), which may
            # still name an earlier document by its number ("đã ban hành Kế hoạch số 129/…").
            earlier = [m.group(0) for m in _NUMBERED_REFERENCE.finditer(text[final.start() :])]
            text = text[: final.start()]
        text = re.sub(r"\s*như sau\s*:?\s*$", "", text)
        text = strip_end(text, ";.,:")
        entries = _joined_titles(
            [strip_end(entry, ";.,:") for entry in _split_outside_quotes(text, _ENTRY_SPLIT)]
        ) + [strip_end(entry, ";.,:") for entry in earlier]
        for entry in entries:
            entry = _ARTICLE_OF.sub("", entry, count=1)
            _, is_document = _doc_type_of(entry)
            if is_document or re.search(r"\bsố\s*\d*\s*/\s*[A-ZĐ]", entry):
                out.append(base_fields(entry, year))
    return out


# "Điều 13 Luật …", "khoản 2 Điều 5 của Nghị định …": the article of a document, read as the
# document it belongs to.
_ARTICLE_OF = re.compile(
    r"^\s*(?:(?:điểm\s+\w+|khoản\s+\d+|điều\s+\d+\w*)[,\s]+)+(?:của\s+)?", re.IGNORECASE
)


_NUMBERED_REFERENCE = re.compile(
    r"(?:Kế hoạch|Chương trình|Quyết định|Công văn|Văn bản|Nghị quyết|Chỉ thị|Hướng dẫn|"
    r"Thông báo|Báo cáo)\s+số\s+\d+\s*/\s*[A-ZĐ][^,;(]*"
)


def _joined_titles(entries: list[str]) -> list[str]:
    """Entries split at "và Luật …" put back together where the first part names no number
    and no date: a title that goes on ("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức
    Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019")."""
    out: list[str] = []
    for entry in entries:
        if out and not _identified(out[-1]) and re.match(r"^(?:Luật|Bộ luật)\b", entry):
            out[-1] = f"{out[-1]} và {entry}"
        else:
            out.append(entry)
    return out


def _identified(entry: str) -> bool:
    return bool(re.search(r"\d+\s*/|\bngày\b|\d{1,2}/\d{1,2}/\d{4}|\bnăm\s+\d{4}", entry))


# --------------------------------------------------------------------------- sections

_ROMAN = {
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
}


@dataclass
class Label:
    level: str  # "roman", "upper", "arabic", "arabic2", "letter", "-", "+", "dieu"
    label: str
    rest: str


# "Phần thứ nhất", "PHẦN THỨ HAI", "Phần I", "Phần 2": the parts above the roman sections of a
# long plan or report.
_PART = re.compile(
    r"^(?P<l>ph[ầâa]n\s+(?:th[ứu]\s+)?(?:nh[ấa]t|hai|ba|t[ưu]|b[ốo]n|n[ăa]m|s[áa]u|b[ảa]y|t[áa]m|"
    r"ch[íi]n|m[ưư][ờơ]i|[IVX]{1,4}|\d{1,2}))\b\s*[.:\-–]?\s*(?P<r>.*)$",
    re.IGNORECASE,
)


def section_label(text: str) -> Label | None:
    """The label of a body paragraph: "II. NHIỆM VỤ" -> roman "II"; "a) …" -> letter "a";
    "- …" -> "-"; "Phần thứ hai. TỔ CHỨC THỰC HIỆN" -> part "Phần thứ hai"."""
    text = text.strip()
    match = _PART.match(text)
    if match and (not match.group("r") or is_upper(match.group("r")[:40])):
        return Label("part", match.group("l"), match.group("r"))
    match = re.match(r"^(?P<l>[IVX]{1,5})\s*[.):\-–]\s*(?P<r>\S.*)$", text)
    if match and match.group("l") in _ROMAN:
        return Label("roman", match.group("l"), match.group("r"))
    match = re.match(r"^[Đđ]iều\s+(?P<n>\d{1,3})\s*[.:]\s*(?P<r>\S.*)$", text)
    if match:
        return Label("dieu", f"Điều {match.group('n')}", match.group("r"))
    match = re.match(r"^(?P<l>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<r>[^\d\s].*)$", text)
    if match:
        return Label("arabic2", match.group("l"), match.group("r"))
    match = re.match(r"^(?P<l>\d{1,2})\s*[.)]\s*(?P<r>[^\d\s/].*)$", text)
    if match:
        # "1. NHIỆM VỤ" in capitals is a level above "1. Công tác truyền thông".
        level = "arabic-caps" if is_upper(match.group("r")) else "arabic"
        return Label(level, match.group("l"), match.group("r"))
    match = re.match(r"^(?P<l>[a-zđ])\s*[)]\s*(?P<r>\S.*)$|^(?P<l2>[a-zđ])\.\s+(?P<r2>\S.*)$", text)
    if match:
        label = match.group("l") or match.group("l2")
        return Label("letter", label, match.group("r") or match.group("r2"))
    match = re.match(r"^(?P<l>[A-H])\s*[.)]\s+(?P<r>[A-ZĐÀ-Ỹ].*)$", text)
    if match and is_upper(match.group("r")[:30]):
        return Label("upper", match.group("l"), match.group("r"))
    match = re.match(r"^[-–—•▪●∙·]\s*(?P<r>\S.*)$", text)
    if match:
        return Label("-", "-", match.group("r"))
    match = re.match(r"^\+\s*(?P<r>\S.*)$", text)
    if match:
        return Label("+", "+", match.group("r"))
    return None


def section_kind(title: str | None) -> str:
    """purpose / tasks / funding / implementation / other, from a heading's words."""
    if not title:
        return "other"
    words = words_key(title)
    bare = words.replace(" ", "")
    for kind, phrases in KIND_WORDS:
        for phrase in phrases:
            if phrase in words or phrase.replace(" ", "") in bare:
                return kind
    return "other"


def _is_unlabelled_heading(para: Para) -> bool:
    text = para.text
    if section_label(text) or len(text.split()) > 20:
        return False
    if (
        is_upper(text)
        and len(re.sub(r"[^\w]", "", text)) >= 6
        and not text.endswith((";", ",", ":"))
    ):
        return not key(text).startswith(("noinhan", "kinhgui"))
    if text.endswith(TERMINAL) or len(text.split()) > 10:
        return False
    if para.heading or para.bold:
        return section_kind(text) != "other"
    return section_kind(text) != "other" and len(text.split()) <= 6


_CLOSING_START = (
    "tren day la",
    "trong qua trinh",
    "de nghi cac",
    "yeu cau cac",
    "nhan duoc",
    "giao cac",
    "cac co quan, don vi",
    "cac co quan don vi",
    "cac don vi",
    "de nghi thu truong",
    "trong qua trinh to chuc",
    "trong qua trinh trien khai",
)


def _is_closing(text: str) -> bool:
    folded = fold_keep(text.strip())
    if text.rstrip().endswith(("/.", "./.", "/")):
        return True
    if folded.startswith(_CLOSING_START):
        return True
    return bool(
        re.search(r"\b(?:ke hoach|chuong trinh|quyet dinh) nay\b", folded)
    ) and not section_label(text)


def build_sections(paras: list[Para], doc_type: str | None = None) -> list[dict]:
    """The body as a tree of sections (see test_seed_json's conventions)."""
    closing_from = len(paras)
    index = len(paras) - 1
    while (
        index >= 0
        and not section_label(paras[index].text)
        and not _is_unlabelled_heading(paras[index])
    ):
        index -= 1
    trailing = list(range(index + 1, len(paras)))
    for position in trailing:
        if _is_closing(paras[position].text):
            closing_from = position
            break
    body, closing = paras[:closing_from], paras[closing_from:]

    roots: list[dict] = []
    stack: list[tuple[str, dict]] = []
    labels = [section_label(p.text) for p in body]

    for position, para in enumerate(body):
        found = labels[position]
        parent = stack[-1][1] if stack else None
        if found and found.level in ("-", "+"):
            siblings = parent["children"] if parent else roots
            if found.level == "+" and siblings and siblings[-1]["label"] == "-":
                siblings[-1]["paragraphs"].append(f"+ {found.rest}")
                continue
            kind = parent["kind"] if parent else "other"
            siblings.append(plan_schema.new_section("-", None, kind, [found.rest]))
            continue
        if found:
            levels = [level for level, _ in stack]
            if found.level in levels:
                stack = stack[: levels.index(found.level)]
            elif found.level == "part":
                stack = []  # a part is the top level, whatever came before it
            parent = stack[-1][1] if stack else None
            heading = _is_heading(
                found, para, labels[position + 1 :], body[position + 1 :], [lv for lv, _ in stack]
            )
            if heading:
                section = plan_schema.new_section(
                    found.label, found.rest, parent["kind"] if parent else section_kind(found.rest)
                )
            else:
                section = plan_schema.new_section(
                    found.label, None, parent["kind"] if parent else "other", [found.rest]
                )
            (parent["children"] if parent else roots).append(section)
            stack.append((found.level, section))
            continue
        if _is_unlabelled_heading(para) and (not stack or is_upper(para.text)):
            section = plan_schema.new_section(None, para.text, section_kind(para.text))
            roots.append(section)
            stack = [("none", section)]
            continue
        if parent is None:
            if roots and roots[-1]["label"] is None and roots[-1]["title"] is None:
                roots[-1]["paragraphs"].append(para.text)
            else:
                roots.append(plan_schema.new_section(None, None, "other", [para.text]))
        elif not parent["children"]:
            parent["paragraphs"].append(para.text)
        else:
            last = parent["children"][-1]
            if last["label"] is None and last["title"] is None:
                last["paragraphs"].append(para.text)
            else:
                parent["children"].append(
                    plan_schema.new_section(None, None, parent["kind"], [para.text])
                )
    if closing:
        roots.append(plan_schema.new_section(None, None, "other", [p.text for p in closing]))
    _default_kinds(roots, doc_type)
    return roots


def _is_heading(found: Label, para: Para, next_labels, next_paras, stack_levels) -> bool:
    if found.level in ("part", "roman", "upper", "arabic-caps"):
        return True
    if para.heading:
        return True
    if not next_paras:
        return False
    following = next_labels[0]
    if following is None:
        belongs = not _is_unlabelled_heading(next_paras[0])
    elif following.level in ("-", "+"):
        belongs = True
    else:
        belongs = following.level not in stack_levels and following.level != found.level
    if not belongs:
        return False
    if para.bold is False and (found.rest.endswith((".", ";")) or len(found.rest.split()) > 30):
        return False
    return True


def _default_kinds(roots: list[dict], doc_type: str | None) -> None:
    """Numbered top sections of a plan or programme that name no kind are its tasks, when no
    section is called "Nhiệm vụ" or the like."""
    if doc_type not in ("KH", "CTr", None):
        return
    if any(s["kind"] == "tasks" for s in roots):
        return
    for section in roots:
        if section["label"] is not None and section["kind"] == "other":
            _set_kind(section, "tasks")


def _set_kind(section: dict, kind: str) -> None:
    section["kind"] = kind
    for child in section["children"]:
        _set_kind(child, kind)


# --------------------------------------------------------------------------- tasks


def _walk(sections: list[dict], prefix: str = ""):
    for section in sections:
        if section["label"] in (None, "-"):
            continue
        path = f"{prefix}.{section['label']}" if prefix else section["label"]
        yield path, section
        yield from _walk(section["children"], path)


_COLON_AGENCY = re.compile(r"^(?P<a>[^:]{3,90}?)\s*:\s+(?P<rest>\S.*)$")


def _colon_agency(text: str) -> tuple[str | None, str]:
    match = _COLON_AGENCY.match(text)
    if match and agencies.is_agency_heading(match.group("a")):
        return agencies.agency_of_heading(match.group("a")), match.group("rest")
    return None, text


def tasks_and_assignments(sections: list[dict], year: int | None) -> tuple[list, list, list]:
    """(tasks, assignments, deadlines) of the tasks and implementation sections."""
    tasks: list[dict] = []
    assignments: list[dict] = []
    found_deadlines: list[dict] = []
    heading_agency: dict[int, str] = {}

    # Agencies named by the headings of the implementation part, at any depth, and by the
    # "Phòng X: …" items there, in document order.
    def mark(section_list, inside):
        for section in section_list:
            implementing = section["kind"] == "implementation" and inside
            if implementing and section["label"] is not None and section["title"] is None:
                agency, rest = _colon_agency(" ".join(section["paragraphs"]))
                if agency:
                    assignments.append({"agency": agency, "duties": [rest]})
                continue
            if section["label"] in (None, "-"):
                continue
            if implementing and section["title"]:
                if agencies.is_agency_heading(section["title"]):
                    agency = agencies.agency_of_heading(section["title"])
                    heading_agency[id(section)] = agency
                    duties = list(section["paragraphs"])
                    for child in section["children"]:
                        if child["paragraphs"]:
                            duties.append(
                                child["paragraphs"][0]
                                if child["label"] == "-"
                                else " ".join(child["paragraphs"])
                            )
                        elif child["title"]:
                            duties.append(child["title"])
                    assignments.append({"agency": agency, "duties": duties})
                    continue
            mark(section["children"], inside or section["kind"] == "implementation")

    mark(sections, False)

    def agency_for(path_sections):
        for section in reversed(path_sections):
            if id(section) in heading_agency:
                return heading_agency[id(section)]
        return None

    def visit(section_list, prefix, chain):
        for section in section_list:
            if section["label"] in (None, "-"):
                continue
            path = f"{prefix}.{section['label']}" if prefix else section["label"]
            here = [*chain, section]
            if section["kind"] in ("tasks", "implementation"):
                heading = agency_for(here)
                paragraphs = section["paragraphs"]
                for i, text in enumerate(paragraphs, 1):
                    slot = path if len(paragraphs) == 1 else f"{path}.p{i}"
                    tasks.append(_task(slot, text, heading, section["kind"], year, assignments))
                dashes = [c for c in section["children"] if c["label"] == "-"]
                for i, child in enumerate(dashes, 1):
                    text = " ".join(child["paragraphs"])
                    tasks.append(
                        _task(f"{path}.-{i}", text, heading, section["kind"], year, assignments)
                    )
            visit(section["children"], path, here)

    visit(sections, "", [])
    for task in tasks:
        found_deadlines += dates.deadlines(
            task["text"], year, task["lead"][0] if task["lead"] else None
        )
    return tasks, assignments, found_deadlines


def _task(path, text, heading_agency, kind, year, assignments) -> dict:
    lead: list[str] = []
    body = text
    if heading_agency:
        lead = [heading_agency]
    elif kind == "implementation":
        agency, body = _colon_agency(text)
        if agency:
            lead = [agency]
    if not lead:
        lead = agencies.lead(body)
    units = agencies.units(body)
    if heading_agency and agencies.units(heading_agency) == [heading_agency]:
        units = [heading_agency] + [u for u in units if u != heading_agency]
    support = [s for s in agencies.support(body) if s not in lead]
    due, period = dates.task_dates(text, year)
    return {
        "path": path,
        "text": text,
        "lead": lead,
        "support": support,
        "units": units,
        "due": due,
        "period": period,
    }


def section_texts(sections: list[dict]) -> list[str]:
    out = []
    for section in sections:
        if section["title"]:
            out.append(section["title"])
        out.extend(section["paragraphs"])
        out.extend(section_texts(section["children"]))
    return out


# --------------------------------------------------------------------------- closing


def recipients(lines: list[str]) -> list[str]:
    """The "Nơi nhận" list: one string per line, without the "-" and the final ";" or "."."""
    out: list[str] = []
    previous = ""
    for raw in lines:
        text = collapse(raw)
        if not text:
            continue
        ended, previous = previous.endswith((";", ".", ":")), text
        head = re.match(r"^\W*N[ơo]i\s*nh[ậa]n\s*:?\s*", text, re.IGNORECASE)
        if head or key(text).startswith("noinhan"):
            text = text[head.end() :] if head else ""
            if not text:
                continue
        dashed = re.match(r"^[-–—•+*]\s*", text)
        item = text[dashed.end() :] if dashed else text
        item = re.sub(r"\s*[;.,]$", "", item.strip())
        item = item.rstrip(";").rstrip()
        if not item:
            continue
        if not dashed and out and not ended:
            out[-1] = f"{out[-1]} {item}"
            continue
        out.append(item)
    return out


def _is_authority(text: str) -> bool:
    upper = text.upper()
    if _AUTHORITY.match(text):
        return True
    return is_upper(text) and any(upper.startswith(p) for p in POSITIONS)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or re.search(r"[\d:;/()]", text):
        return False
    if is_upper(text):
        return not any(
            p in text
            for p in (
                "CHỦ TỊCH",
                "TRƯỞNG",
                "GIÁM ĐỐC",
                "ỦY BAN",
                "UBND",
                "BAN ",
                "BÍ THƯ",
                "PHÒNG",
                "SỞ",
            )
        )
    return all(w[0].isupper() for w in words if w[0].isalpha())


def signer(lines: list[str]) -> dict | None:
    """The authority and position lines and the signer's name."""
    kept = []
    for text in lines:
        text = collapse(text).strip()
        if not text or _SIGNATURE_NOISE.match(text) or re.fullmatch(r"[\W_]+", text):
            continue
        if text.endswith(";"):  # the end of a recipient's line, flattened into the block
            continue
        kept.append(text)
    if not kept:
        return None
    name = None
    authority: list[str] = []
    for text in kept:
        if name is None and not authority and not _is_authority(text) and not is_upper(text):
            continue
        if authority and _looks_like_name(text) and (not is_upper(text) or text is kept[-1]):
            name = text
            break
        if is_upper(text) or _is_authority(text):
            if authority and _continues_authority(authority[-1], text):
                authority[-1] = f"{authority[-1]} {text}"
            else:
                authority.append(text)
    if not authority and name is None:
        return None
    return {"lines": authority, "name": name}


def _continues_authority(previous: str, text: str) -> bool:
    """Whether an upper-case line of a signature block is the rest of the line before it,
    wrapped mid-phrase ("TM. ỦY BAN NHÂN" then "DÂN"; "TM. BAN VÌ SỰ TIẾN BỘ" then "CỦA PHỤ
    NỮ"), rather than a line of its own ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    if _is_authority(text) or any(text.upper().startswith(p) for p in POSITIONS):
        return False
    if not (_is_authority(previous) or any(previous.upper().startswith(p) for p in POSITIONS)):
        return False
    # A position line is complete ("PHÓ CHỦ TỊCH"); what follows it is a new line.
    return not any(previous.upper() == p for p in POSITIONS)


def recipients_to(paras: list[str]) -> list[str]:
    """The "Kính gửi:" addressees."""
    out = []
    for index, text in enumerate(paras):
        match = re.match(r"^\W*K[íi]nh\s*g[ửu]i\s*:?\s*", text, re.IGNORECASE)
        if not match:
            continue
        first = text[match.end() :].strip()
        if first:
            out.extend(strip_end(re.sub(r"^[-–•+]\s*", "", part), ";.,") for part in [first])
        for following in paras[index + 1 :]:
            dashed = re.match(r"^[-–—•+]\s*", following)
            if not dashed:
                break
            out.append(strip_end(following[dashed.end() :], ";.,"))
        break
    # A blank left to fill in ("……", "......") names nobody.
    return [item for item in out if item and not re.fullmatch(r"[.…_\s-]+", item)]


# --------------------------------------------------------------------------- whole document


def glued_words(text: str) -> list[str]:
    """Words that are two Vietnamese syllables without a space ("Kếhoạch", "BANHÀNH"): a
    syllable has one group of vowels, and a word with a Vietnamese letter is not a loanword."""
    out = []
    for word in re.findall(r"[^\W\d_]+", text):
        if not any(ch in VIETNAMESE_LETTERS for ch in word):
            continue
        vowels = re.findall(r"[aeiouy]+", fold_keep(word))
        if len(vowels) >= 2:
            out.append(word)
    return out


def _glued_words(paras: list[Para]) -> bool:
    return any(glued_words(para.text) for para in paras)


def _find_title(paras: list[Para], start: int = 0, limit: int = 40) -> int | None:
    for index in range(start, min(len(paras), start + limit)):
        para = paras[index]
        if para.column == "right" and not is_upper(para.text):
            continue
        if title_type(para.text) and (is_upper(para.text) or para.heading):
            if section_label(para.text):
                continue
            return index
    return None


def _signer_start(paras: list[Para], start: int) -> int | None:
    for index in range(start, len(paras)):
        if _is_authority(paras[index].text):
            rest = paras[index:]
            if len(rest) <= 8:
                return index
    return None


def _signer_before(paras: list[Para], start: int, end: int) -> int:
    """Where the closing block starts when the signer's column was flattened before the
    "Nơi nhận" column (at `end`): the run of authority, position, name and signature lines
    just above it, if it holds an authority or a position; otherwise `end`."""
    index = end
    found_authority = False
    while index > start:
        text = paras[index - 1].text
        if section_label(text) and not _is_authority(text):
            break
        if _is_authority(text) or (
            is_upper(text) and any(text.upper().startswith(p) for p in POSITIONS)
        ):
            found_authority = True
        elif not (
            _SIGNATURE_NOISE.match(text)
            or (is_upper(text) and len(text.split()) <= 8)
            or (_looks_like_name(text) and index == end)
        ):
            break
        index -= 1
        if end - index > 8:
            return end
    return index if found_authority else end


def parse_lines(lines: list[Line], warnings: list[str] | None = None) -> dict:
    """The vstb.plan/1 dict of a document's lines (not yet normalised nor validated)."""
    context = Context(warnings=list(warnings or []))
    paras = prepare(lines, context)
    if not paras:
        plan = plan_schema.empty_plan()
        plan["warnings"] = context.warnings + ["Văn bản không có nội dung."]
        return plan
    title_at = _find_title(paras)
    if title_at is not None and title_type(paras[title_at].text) == "QĐ":
        second = next(
            (
                i
                for i in range(title_at + 2, len(paras))
                if title_type(paras[i].text) in ("KH", "CTr", "HD", "ĐA", "PA", "QC")
                and is_upper(paras[i].text)
                and not paras[i].text.endswith(":")
                and not section_label(paras[i].text)
            ),
            None,
        )
        if second is not None:
            return _decision_with_plan(paras, title_at, second, context)
    return _parse(paras, title_at, context)


def _parse(paras: list[Para], title_at: int | None, context: Context) -> dict:
    plan = plan_schema.empty_plan()
    if title_at is not None:
        paras = _title_apart(paras, title_at)
    if _glued_words(paras):
        context.warn(
            'Văn bản có chữ bị dính liền (ví dụ "Kếhoạch", "cơquan"), thường do xuất PDF lỗi; '
            "hãy kiểm tra lại chính tả các trường đã nhập."
        )
    # An official letter (công văn) has no type name: its subject line "V/v …" ends the
    # header (Decree 30/2020, Appendix I, part I.5.b).
    about_at = (
        None
        if title_at is not None
        else next((i for i, p in enumerate(paras[:20]) if _ABOUT.match(p.text)), None)
    )
    if about_at is not None:
        header = paras[:about_at]
    else:
        header = paras[:title_at] if title_at is not None else _leading_header(paras)
    _header(plan, header, context)
    position = 0
    if about_at is not None:
        plan["doc_type"] = plan["doc_type"] or "CV"
        subject = _ABOUT.sub("", paras[about_at].text).strip()
        position = about_at + 1
        # A subject wrapped onto lines of its own, then the place and date, which a copy that
        # flattened the header's two columns puts after the subject.
        while position < len(paras) and paras[position].text[:1].islower():
            subject += " " + paras[position].text
            position += 1
        plan["subject"] = subject or None
        if position < len(paras) and plan["date"] is None and plan["date_partial"] is None:
            if (dated := place_and_date(paras[position].text)) is not None:
                plan.update(dated)
                position += 1
    elif title_at is not None:
        plan["title"] = paras[title_at].text
        position = title_at + 1
        type_from_title = title_type(paras[title_at].text)
        if plan["doc_type"] is None:
            plan["doc_type"] = type_from_title
        elif type_from_title and type_from_title != plan["doc_type"]:
            # Decree 30/2020, Appendix I, part II, items 5.a and 3: the type name states the
            # document's type and the symbol abbreviates it; one that disagrees was mistyped.
            context.warn(
                f"Ký hiệu văn bản ({plan['symbol']}) không khớp với tên loại "
                f"{paras[title_at].text}; đã lấy loại theo tên loại văn bản."
            )
            plan["doc_type"] = type_from_title
    else:
        context.warn(
            "Không tìm thấy tên loại văn bản (KẾ HOẠCH, CHƯƠNG TRÌNH, BÁO CÁO…); "
            "hãy kiểm tra lại loại văn bản."
        )
        position = len(header)  # _leading_header: the first lines, up to the body
    # Subject: the paragraph under the title, unless the body starts at once.
    if position < len(paras):
        candidate = paras[position]
        if (
            title_at is not None
            and not section_label(candidate.text)
            and not re.match(r"^\W*(?:k[íi]nh\s*g[ửu]i|c[ăa]n\s*c[ứu])", candidate.text, re.I)
            and candidate.column is None
        ):
            subject = candidate.text
            position += 1
            # A subject wrapped over centred lines (bold in a Word file; a scan cannot say).
            while (
                position < len(paras)
                and candidate.bold is not False
                and candidate.centered
                and paras[position].bold is not False
                and paras[position].bold == candidate.bold
                and paras[position].centered
                and not section_label(paras[position].text)
                and not _own_line(paras[position].text)
            ):
                subject += " " + paras[position].text
                position += 1
            # A plain-text copy says nothing of bold or centring: the subject goes on while
            # its lines read as its continuation.
            if candidate.bold is None:
                decision = title_type(paras[title_at].text) in ("QĐ", "NQ")
                while position < len(paras) and _continues_subject(
                    subject,
                    paras[position],
                    decision,
                    paras[position + 1].text if position + 1 < len(paras) else "",
                ):
                    subject += " " + paras[position].text
                    position += 1
            plan["subject"] = re.sub(r"^[Vv]/[Vv]\s*:?\s*", "", subject).strip() or None
    # "Kính gửi:" block.
    if position < len(paras) and re.match(r"^\W*k[íi]nh\s*g[ửu]i", paras[position].text, re.I):
        texts = [p.text for p in paras[position:]]
        plan["recipients_to"] = recipients_to(texts)
        position += 1
        while position < len(paras) and re.match(r"^[-–—•+]", paras[position].text):
            position += 1
    elif any(re.match(r"^\W*k[íi]nh\s*g[ửu]i", p.text, re.I) for p in header):
        plan["recipients_to"] = recipients_to([p.text for p in header])
    if plan["doc_type"] is None and plan["title"] is None and plan["recipients_to"]:
        plan["doc_type"] = "CV"  # no type name, addressed to someone: an official letter
    plan["year"] = _year(plan)
    context.year = plan["year"]
    context.doc_type = plan["doc_type"]

    # The closing block: "Nơi nhận", then the signer; or the signer alone.
    end = next(
        (i for i in range(position, len(paras)) if key(paras[i].text).startswith("noinhan")),
        None,
    )
    if end is not None:
        end = _signer_before(paras, position, end)
    else:
        end = _signer_start(paras, position)
    if end is None:
        end = len(paras)
        context.warn("Không tìm thấy phần Nơi nhận và người ký ở cuối văn bản.")
    body, closing = paras[position:end], paras[end:]
    _closing(plan, closing)

    # Preamble: the paragraphs before the first section.
    first_section = next(
        (
            i
            for i, p in enumerate(body)
            if (section_label(p.text) and section_label(p.text).level not in ("-", "+"))
            or _is_unlabelled_heading(p)
        ),
        None,
    )
    articles = [
        i for i, p in enumerate(body) if (found := section_label(p.text)) and found.level == "dieu"
    ]
    if plan["doc_type"] == "QĐ" and articles:
        first_section = articles[0]
    if first_section is None:
        first_section = 0
        while first_section < len(body) and _is_preamble(body[first_section].text):
            first_section += 1
        # An official letter's body is usually unnumbered paragraphs.
        if body[first_section:] and plan["doc_type"] != "CV":
            context.warn("Không nhận ra các mục đánh số (I, II… hoặc 1, 2…) của văn bản.")
    plan["preamble"] = [p.text for p in body[:first_section]]
    plan["bases"] = bases(plan["preamble"], plan["year"])
    plan["sections"] = build_sections(body[first_section:], plan["doc_type"])
    found_tasks, found_assignments, task_deadlines = tasks_and_assignments(
        plan["sections"], plan["year"]
    )
    plan["tasks"] = found_tasks
    plan["assignments"] = found_assignments
    all_deadlines = list(task_deadlines)
    if plan["doc_type"] == "CV":
        # An official letter often asks for its one thing in the sentence of its basis
        # ("Thực hiện …, UBND tỉnh đề nghị … báo cáo trước ngày 20/12").
        for text in plan["preamble"]:
            all_deadlines += dates.deadlines(text, plan["year"])
    for section in plan["sections"]:
        if section["label"] is None:
            for text in section["paragraphs"]:
                all_deadlines += dates.deadlines(text, plan["year"])
    plan["deadlines"] = []
    for deadline in all_deadlines:
        if deadline not in plan["deadlines"]:
            plan["deadlines"].append(deadline)
    plan["deadlines"].sort(key=lambda d: d["date"])
    plan["events"] = dates.events(section_texts(plan["sections"]), plan["year"])
    if plan["doc_type"] and plan["doc_type"] not in ("KH", "CTr"):
        names = {
            "BC": "Báo cáo",
            "QĐ": "Quyết định",
            "CV": "Công văn",
            "TB": "Thông báo",
            "HD": "Hướng dẫn",
        }
        context.warn(
            f"Văn bản là {names.get(plan['doc_type'], plan['doc_type'])} ({plan['doc_type']}), "
            "không phải kế hoạch (KH) hay chương trình (CTr)."
        )
    plan["warnings"] = context.warnings
    return plan


_ABOUT = re.compile(r"^\W*(?:Công văn\s+)?(?:V/v|V/V|v/v|Về việc)\s*:?\s*")


def _title_apart(paras: list[Para], title_at: int) -> list[Para]:
    """The type name alone on its line (Decree 30/2020, Appendix I, part II, item 5.a), when a
    copy put the subject's first words beside it ("BÁO CÁO KẾT QUẢ HOẠT ĐỘNG CỦA NHÓM…")."""
    para = paras[title_at]
    words = para.text.split()
    for count in range(1, min(4, len(words))):
        if key(" ".join(words[:count])) in TYPES and len(words) - count >= 3:
            title, rest = (
                dataclasses.replace(para, text=text, line_length=0, first_word_length=0)
                for text in (" ".join(words[:count]), " ".join(words[count:]))
            )
            return [*paras[:title_at], title, rest, *paras[title_at + 1 :]]
    return paras

# Words a subject line wrapped mid-phrase ends on: what follows completes it.
_SUBJECT_OPEN_END = re.compile(
    r"(?:[,\-–]|\b(?:CỦA|VỀ|VÀ|TẠI|TRÊN|CHO|VỚI|ĐẾN|TRONG|THEO|NĂM|GIAI ĐOẠN|TỈNH|THÀNH PHỐ|VIỆC|"
    r"HUYỆN|QUẬN|XÃ|PHƯỜNG|THỊ XÃ|ĐỊA BÀN|của|về|và|tại|trên|cho|với|đến|trong|theo))$"
)
_BODY_OPENING = re.compile(
    r"^\W*(?:k[íi]nh\s*g[ửu]i|c[ăa]n\s*c[ứu]|th[ựu]c\s*hi[ệe]n|tri[ểe]n\s*khai|x[ée]t\s|theo\s)",
    re.IGNORECASE,
)


_REFERENCE_END = re.compile(
    r"\b(?:báo cáo|kế hoạch|quyết định|chương trình|công văn|nghị quyết|nghị định|chỉ thị|"
    r"thông tư|thông báo|hướng dẫn)$",
    re.IGNORECASE,
)


def _continues_subject(
    subject: str, para: Para, decision: bool = False, following: str = ""
) -> bool:
    """Whether a line under a subject (of a plain-text copy) is the rest of it: an upper-case
    line after an upper-case subject, or a line starting in lower case, up to what opens the
    body (a basis, "Kính gửi", a numbered or known heading) or, in a decision, names the
    authority that issues it ("ỦY BAN NHÂN DÂN TỈNH …"), unless the subject was cut
    mid-phrase."""
    text = para.text.strip()
    if re.search(r"\d$", subject) and re.match(r"^[-–]\s*\d{4}\b", text):
        return True  # a range of years wrapped at its dash ("GIAI ĐOẠN 2006" / "- 2010")
    if re.match(r"^s[ốo]\s+\d", text, re.IGNORECASE) and _REFERENCE_END.search(subject):
        return True  # "… VÀO BÁO CÁO" / "SỐ 102/BC-CP …": the number of a document named
    both_upper = is_upper(subject) and is_upper(text)
    if not text or section_label(text) or title_type(text):
        return False
    # What opens the body is written in sentence case: in capitals, it is the subject going on
    # ("… VỀ VIỆC" / "THỰC HIỆN CÁC MỤC TIÊU …").
    if not both_upper and (_own_line(text) or _BODY_OPENING.match(text)):
        return False
    if (
        both_upper
        and (number_and_symbol(text) or _is_preamble(text))
        and not (_SUBJECT_OPEN_END.search(subject.strip()))
    ):
        return False
    # Cut mid-phrase: an open last word, or a subject of a word or two ("TRIỂN" / "KHAI …").
    open_end = bool(_SUBJECT_OPEN_END.search(subject.strip())) or len(subject.split()) <= 2
    if not open_end and section_kind(text) != "other" and len(text.split()) <= 6:
        return False  # a heading of the body ("MỤC ĐÍCH, YÊU CẦU")
    if both_upper:
        # A decision names the authority that issues it under its subject ("ỦY BAN NHÂN DÂN
        # TỈNH …", "BỘ TRƯỞNG BỘ …"); elsewhere a body's name there is the subject going on.
        if decision and not open_end:
            if _is_authority(text):
                return False
            # A body's name is the authority when the body's bases or "QUYẾT ĐỊNH:" follow it
            # ("ỦY BAN NHÂN DÂN TỈNH LONG AN" / "Căn cứ …"), not when more of the subject does
            # ("… BAN VÌ SỰ TIẾN" / "BỘ CỦA PHỤ NỮ TỈNH …").
            if _starts_body(text) and (
                not following or _BODY_OPENING.match(following) or title_type(following)
            ):
                return False
        return True
    return text[0].islower() or open_end


def _leading_header(paras: list[Para]) -> list[Para]:
    """With no type name and no "V/v" line to end it, the header is the first lines up to
    what opens the body (a "Kính gửi", a basis, a sentence): never the signature block of a
    letter that has no header at all."""
    header: list[Para] = []
    for para in paras[:8]:
        text = para.text.strip()
        cut_date = bool(header) and bool(_CUT_DATE.search(fold_keep(header[-1].text)))
        if _BODY_OPENING.match(text) or len(text.split()) > 20:
            break
        if text[:1].islower() and not cut_date:  # the rest of a date cut after "tháng 5"
            break
        header.append(para)
    return header


def _is_preamble(text: str) -> bool:
    folded = fold_keep(text)
    return folded.startswith(
        ("can cu", "thuc hien", "theo de nghi", "xet de nghi", "trien khai")
    ) or folded.rstrip().endswith(("nhu sau:", "nhu sau"))


def _is_header_line(para: Para) -> bool:
    return bool(
        para.column
        or is_upper(para.text)
        or number_and_symbol(para.text)
        or place_and_date(para.text)
        or key(para.text).startswith(MOTTO)
    )


def _motto_lines(header: list[Para]) -> set[int]:
    """The header lines that spell the national name and the motto, also when a copy made
    them one cell per line and wrapped them mid-phrase between the issuer's lines
    ("CỘNG HÒA XÃ", "TỈNH QUẢNG NAM", "HỘI CHỦ NGHĨA VIỆT NAM")."""
    found: set[int] = set()
    for phrase in (NATIONAL, MOTTO):
        rest, pieces = phrase, []
        for index, para in enumerate(header):
            k = key(para.text)
            if len(k) >= 3 and rest.startswith(k) and (pieces or len(k) >= 4):
                pieces.append(index)
                rest = rest[len(k) :]
                if not rest:
                    found.update(pieces)
                    break
    return found


def _number_alone(header: list[Para]) -> list[Para]:
    """ "Số:" alone on its line and the number and symbol on the next, as one line."""
    out: list[Para] = []
    for para in header:
        if (
            out
            and re.fullmatch(r"\W*S[ốo]\s*[:.]?\s*", out[-1].text)
            and re.match(r"^[\d.…_ ]*/", para.text)
        ):
            out[-1] = Para(f"Số: {para.text}", out[-1].bold, column=out[-1].column)
            continue
        out.append(para)
    return out


# A date line cut before its end: "…, ngày 12", "…, ngày 12 tháng", "…, ngày 12 tháng 5 năm".
_CUT_DATE = re.compile(r"ngay(?:\s*\d{1,2})?(?:\s*thang(?:\s*\d{1,2})?)?(?:\s*nam)?\s*$")


def _header(plan: dict, header: list[Para], context: Context) -> None:
    issuer_lines: list[tuple[str, bool | None]] = []
    number_seen = False
    header = _number_alone(header)
    motto = _motto_lines(header)
    skip: set[int] = set()
    for index, para in enumerate(header):
        text = para.text
        k = key(text)
        if index in motto or index in skip:
            continue
        # A date cut after its day ("Kon Tum, ngày 12" / "tháng 5 năm 2025"), in or out of
        # a table's cell: one line again.
        following = fold_keep(header[index + 1].text.strip()) if index + 1 < len(header) else ""
        if _CUT_DATE.search(fold_keep(text)) and re.match(r"(?:thang|nam|\d)", following):
            text = f"{text} {header[index + 1].text}"
            skip.add(index + 1)
        if not number_seen and (found := number_and_symbol(text)):
            plan["number"], plan["symbol"] = found["number"], found["symbol"]
            plan["doc_type"] = found["doc_type"] or plan["doc_type"]
            if found["warning"]:
                context.warn(found["warning"])
            number_seen = True
            if plan["date"] is None and (dated := place_and_date(found["rest"])) is not None:
                plan.update(dated)
            continue
        if plan["date"] is None and plan["date_partial"] is None and plan["place"] is None:
            if (found := place_and_date(text)) is not None:
                plan.update(found)
                continue
        if k.startswith(NATIONAL) or k.startswith(MOTTO) or k in ("", "xxx"):
            continue
        if para.column == "right" or number_seen:
            continue
        if is_upper(text) and not title_type(text):
            for piece in text.split("\n"):
                issuer_lines.append((piece, para.bold))
    if plan["symbol"] and plan["doc_type"] is None:
        plan["doc_type"] = "CV" if not any(p for p in header if title_type(p.text)) else None
    plan["issuer"] = issuer(issuer_lines)


def _year(plan: dict) -> int | None:
    subject = plan.get("subject") or ""
    match = re.search(r"(?:năm|nam)\s+(\d{4})", subject)
    if match:
        return int(match.group(1))
    for value in (plan.get("date"), plan.get("date_partial")):
        if value:
            return int(value[:4])
    match = re.search(r"\b(19[4-9]\d|2[01]\d\d)\b", subject)
    return int(match.group(1)) if match else None


def _closing(plan: dict, closing: list[Para]) -> None:
    if not closing:
        return
    if any(p.column for p in closing):
        # A line outside the two columns (the signer's name under a blank line, indented
        # alone) belongs to the side it reads as.
        alone = [p for p in closing if not p.column]
        _, alone_signing = split_closing([p.text for p in alone])
        to_right = {id(p) for p in alone if p.text in alone_signing}
        left = [p.text for p in closing if p.column != "right" and id(p) not in to_right]
        right = [p.text for p in closing if p.column == "right" or id(p) in to_right]
        signer_found = signer(right) or signer(left[len(recipients(left)) :])
        plan["recipients"] = recipients(_recipient_lines(left))
        plan["signer"] = signer_found
        return
    listed, signing = split_closing([p.text for p in closing])
    plan["recipients"] = recipients(listed) if listed else []
    plan["signer"] = signer(signing)


def split_closing(texts: list[str]) -> tuple[list[str], list[str]]:
    """The "Nơi nhận" lines and the signer's lines of a closing block that has lost its two
    columns: copied cell by cell (recipient and signer lines interleaved), one column after
    the other in either order, or wrapped at any width. Each line is told by what it is, not
    by where it stands: a dashed line or the continuation of an unfinished one is a
    recipient; an authority, a position (upper case) or a name belongs to the signer."""
    listed: list[str] = []
    signing: list[str] = []
    for raw in texts:
        for text in _unglue_name(collapse(raw)):
            if not text:
                continue
            if key(text).startswith("noinhan"):
                listed.append(text)
            elif re.match(r"^[-–—•+*]\s*\S", text):
                listed.append(text)
            elif _SIGNATURE_NOISE.match(text) or re.fullmatch(r"[\W_]+", text):
                continue
            elif _is_authority(text) or is_upper(text):
                signing.append(text)
            elif (
                listed
                and not listed[-1].rstrip().endswith((";", ".", ":"))
                and (text.rstrip().endswith((";", ".")) or not _looks_like_name(text))
            ):
                listed.append(text)  # a recipient wrapped over two lines
            elif listed and key(listed[-1]).startswith("noinhan") and not _looks_like_name(text):
                listed.append(text)  # the first recipient written without a dash
            else:
                signing.append(text)
    return listed, signing


def _unglue_name(text: str) -> list[str]:
    """A position glued to the signer's name ("PHÓ CHỦ TỊCHTrần Văn A"), as a flattened
    signature block gives it, split in two; any other text as it is."""
    for index in range(2, len(text) - 1):
        if text[index].isupper() and text[index + 1].islower() and text[index - 1].isupper():
            head, tail = text[:index].strip(), text[index:].strip()
            if len(head) >= 3 and is_upper(head) and _looks_like_name(tail):
                return [head, tail]
            break
    return [text]


def _recipient_lines(texts: list[str]) -> list[str]:
    """The lines of the "Nơi nhận" list, from its heading to the first line of the signer."""
    out = []
    for index, text in enumerate(texts):
        if index == 0 and key(text).startswith("noinhan"):
            out.append(text)
            continue
        if re.match(r"^[-–—•+*]", text):
            out.append(text)
            continue
        if _is_authority(text) or is_upper(text) or _looks_like_name(text):
            break
        if out and not out[-1].rstrip().endswith((";", ".")):
            out.append(text)
            continue
        if index <= 1:
            out.append(text)
            continue
        break
    return out


def _decision_with_plan(paras, decision_at, plan_at, context: Context) -> dict:
    """A decision (QĐ) that issues a plan: the plan, with the decision's header and signer
    where the plan has none of its own."""
    decision_context = Context()
    decision = _parse(paras[:plan_at], decision_at, decision_context)
    # The plan's own header, if the attachment repeats one, sits just before its title.
    start = plan_at
    while (
        start > 0
        and _is_header_line(paras[start - 1])
        and not key(paras[start - 1].text).startswith("noinhan")
    ):
        if _is_authority(paras[start - 1].text) or _looks_like_name(paras[start - 1].text):
            break
        start -= 1
    attached = _parse(paras[start:], plan_at - start, Context())
    plan = attached
    for name in ("place", "date", "date_partial"):
        if not plan[name]:
            plan[name] = decision[name]
    if not (plan["issuer"] or {}).get("name"):
        plan["issuer"] = decision["issuer"]
    if not plan["signer"]:
        plan["signer"] = decision["signer"]
    if not plan["recipients"]:
        plan["recipients"] = decision["recipients"]
    plan["year"] = _year(plan)
    reference = " ".join(
        part
        for part in (
            f"Quyết định số {decision['number'] or ''}/{decision['symbol'] or ''}".replace(
                "số /", "số "
            ),
            _date_words(decision),
        )
        if part
    )
    mentioned = any(b.get("doc_type") == "QĐ" for b in plan["bases"])
    if not mentioned and (decision["number"] or decision["symbol"]):
        plan["bases"].insert(
            0,
            {
                "text": reference,
                "doc_type": "QĐ",
                "number": decision["number"],
                "symbol": decision["symbol"],
                "date": decision["date"],
                "issuer": (decision["issuer"] or {}).get("name"),
            },
        )
    # The decision's own bases are the plan's too (it issues the plan under them).
    known = {(b.get("number"), b.get("symbol"), b.get("text")) for b in plan["bases"]}
    for basis in decision["bases"]:
        if (basis.get("number"), basis.get("symbol"), basis.get("text")) not in known:
            plan["bases"].append(basis)
    plan["issued_by"] = {
        name: decision[name]
        for name in (
            "doc_type", "number", "symbol", "issuer", "place", "date", "title", "subject",
            "bases", "signer",
        )
    }  # fmt: skip
    number = "/".join(x for x in (decision["number"] or "", decision["symbol"] or "") if x)
    context.warn(
        f"Tệp là một Quyết định{(' số ' + number) if number else ''} ban hành kèm theo "
        f"{(plan['title'] or 'kế hoạch').lower()}: đã nhập phần {plan['title'] or 'kế hoạch'} "
        "đi kèm; ngày, cơ quan ban hành và người ký lấy theo Quyết định."
    )
    inherited = [w for w in decision_context.warnings if not w.startswith("Văn bản là ")]
    own = [w for w in attached["warnings"] if not w.startswith("Không tìm thấy phần Nơi nhận")]
    for warning in inherited + own:
        context.warn(warning)
    plan["warnings"] = context.warnings
    return plan


def _date_words(plan: dict) -> str:
    if not plan.get("date"):
        return ""
    year, month, day = plan["date"].split("-")
    return f"ngày {int(day):02d}/{int(month):02d}/{year}"
