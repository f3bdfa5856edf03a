"""The header of an official document: the number and symbol, the place and date, the issuing
body (its parent above it), the national name and motto, the title (the type name) and the
subject under it, wrapped over lines or not.

`title_type`, `number_and_symbol`, `place_and_date` and `issuer` read one line (or the issuer's
lines); `_header` reads the lines above the title into the plan, and `_continues_subject` tells
where a subject wrapped over lines ends.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from vstb.documents.importer import dates
from vstb.documents.importer.parse.closing import _is_authority
from vstb.documents.importer.parse.paragraphs import Context, Para
from vstb.documents.importer.parse.sections import section_kind, section_label
from vstb.documents.importer.parse.vocabulary import (
    _CANONICAL,
    _ISSUER_HEADS,
    ABBREVIATIONS,
    COUNCIL_SESSION,
    KINH_GUI,
    MOTTO,
    NATIONAL,
    NOI_NHAN,
    ORGANISATIONS,
    SYMBOL_SEPARATOR,
    TYPE_NAMES,
    TYPES,
)
from vstb.documents.importer.text import TERMINAL, collapse, fold_keep, is_upper, key, strip_end

# A note after a draft's type name: "KẾ HOẠCH (Dự thảo)", "TỜ TRÌNH (dự thảo lần 2)".
_DRAFT_NOTE = re.compile(r"\s*\((?:[Dd]ự\s+thảo|DỰ\s+THẢO)[^)]*\)\s*$")
# The document's own number after its type name in capitals, as a page that names the
# document in its title gives it ("QUYẾT ĐỊNH 24/2021/QĐ-TTg", "QUYẾT ĐỊNH SỐ 24/2021/QĐ-TTg").
_TITLE_NUMBER = re.compile(
    r"\s+(?:SỐ\s*:?\s*)?\d+(?:/\d{4})?/[A-ZĐ][\w&.-]*(?:/[A-ZĐ][\w&-]*)*\s*$"
)


def _without_title_note(text: str) -> str:
    """A title line without what it may carry after its type name: a draft's mark in
    brackets, or the document's number after a type name in capitals (never after one in
    sentence case: a page's heading "Quyết định 1544/2019/QĐ-UBND" is no title)."""
    text = _DRAFT_NOTE.sub("", text)
    bare = _TITLE_NUMBER.sub("", text)
    return bare if bare != text and is_upper(bare) else text


def title_type(text: str) -> str | None:
    """The type abbreviation of a title line ("KẾ HOẠCH" -> "KH"), or None."""
    text = _without_title_note(text)
    if not (is_upper(text) or len(text) < 40):
        return None
    k = key(text)
    if k.startswith(NATIONAL) or not k:
        return None
    for name in sorted(TYPES, key=len, reverse=True):
        if k.startswith(name) and (len(k) - len(name) <= 40):
            if not is_upper(text) and k != name:
                return None
            if not _same_accents(text, name):
                continue
            return TYPES[name]
    return None


def _same_accents(text: str, name: str) -> bool:
    """Whether a line with its diacritics starts with the type name with its own: a copy that
    lost them all still reads by the folded letters."""
    printed = TYPE_NAMES.get(name)
    if printed is None or text.isascii():
        return True
    letters = re.sub(r"[\W\d_]", "", unicodedata.normalize("NFC", text)).upper()
    return letters.startswith(printed)


# A form's blank left for a number or a date: dots, an ellipsis, underscores.
_BLANK = re.compile(r"[.…_]+")


# The type name before "số:" on the number's line, as the National Assembly and its Standing
# Committee print it ("Nghị quyết số: 1250/2024/UBTVQH15", "Luật số: …") and older documents
# of other bodies too ("Quyết định số: 15/QĐ-UBND"), folded; always with its colon, as a web
# page's title naming the document ("Quyết định số 1544/2019/QĐ-UBND tỉnh Cà Mau") has none.
_TYPED_LABEL = (
    r"(?:nghi\s*quyet|quyet\s*dinh|ke\s*hoach|chuong\s*trinh|luat|phap\s*lenh|chi\s*thi|"
    r"nghi\s*dinh|thong\s*tu|lenh)\s+"
)


def number_and_symbol(line: str) -> dict | None:
    """ "Số: 02 /CTr-BVSTBPN" -> number "02", symbol "CTr-BVSTBPN", doc_type "CTr"."""
    folded = fold_keep(line)
    match = re.match(
        r"^\W*so\s*(?::|\.|(?=\s*\d)|(?=\s*/)|(?=\s*-\s*[a-z]{1,5}/))", folded
    ) or re.match(r"^\W*" + _TYPED_LABEL + r"so\s*:", folded)
    if not match and _BARE_NUMBER.fullmatch(tight_symbols(line.strip())):
        match = re.match(r"^\s*", folded)  # the whole line is the number and symbol
    if not match:
        return None
    rest = tight_symbols(_BLANK_NUMBER_SLASH.sub(r"\1/", line[match.end() :].strip(), count=1))
    # The Party's number left blank before its type ("Số     - BC/HU", Hướng dẫn 36-HD/VPTW)
    rest = re.sub(r"^[.…_\s]*-\s*(?=[A-Za-zĐđ]{1,5}/)", "/", rest)
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
    # A steering committee's symbol written with a space in it ("52/BCĐ 130/CP"): its second
    # part, before the place and date a flattened copy may put after it.
    more = re.match(r"^(\d+/[A-ZĐ][\w&-]*)(?=\s|$)", after)
    if more and symbol and re.fullmatch(r"[A-ZĐ]+", symbol):
        symbol = f"{symbol} {more.group(1)}"
        after = after[more.end() :].strip()
    old_style = re.fullmatch(r"(\d+)-([A-ZĐ][A-Za-zĐđ&-]*)", number or "")
    if old_style and not symbol:
        # an older number, its body's code after a hyphen and no slash ("Số: 646-TTg", 1994)
        number, symbol = old_style.group(1), old_style.group(2)
    if number and not re.fullmatch(r"\d+[\w-]*", number):
        number = None if _BLANK.fullmatch(number) else number
    party = re.fullmatch(r"(\d+)-([A-Za-zĐđ]+)", number or "")
    if party and party.group(2).upper() in ABBREVIATIONS and symbol:
        # The Party numbers its documents "45-KH/HU" (Hướng dẫn 36-HD/VPTW, 2018): the number
        # 45, the symbol KH/HU.
        number, symbol = party.group(1), f"{party.group(2)}/{symbol}"
    glued = re.fullmatch(r"(\d+)\s*([A-Za-zĐđ]+)", number or "")
    if glued and glued.group(2).upper() in ABBREVIATIONS:
        number = glued.group(1)
        symbol = f"{glued.group(2)}-{symbol}" if symbol else glued.group(2)
        warning = (
            f"Số và ký hiệu viết chưa đúng quy định ({collapse(line)}); "
            f"đã hiểu là số {number}, ký hiệu {symbol}."
        )
    doc_type = None
    for part in SYMBOL_SEPARATOR.split(f"{number or ''}-{symbol or ''}"):
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


# A blank number's "/" parted by spaces from the symbol after it ("Số:        / TB-UBND").
_BLANK_NUMBER_SLASH = re.compile(r"^([.…_]*)\s*/\s+(?=[A-ZĐ])")


def tight_symbols(text: str) -> str:
    """A number and symbol written with spaces around their "/" and "-" ("597 / QĐ - BNN",
    "KH- UBND"), as one token."""
    text = re.sub(r"(?<=[\wĐđ])\s*/\s*(?=[\wĐđ])", "/", text)
    # the hyphen typed as a dash, or after a type's abbreviation in mixed case ("TTr - UBND")
    return re.sub(r"(?:(?<=[A-ZĐ0-9])|(?<=/[CT]Tr))(?:\s+[-–]\s*|[-–]\s+)(?=[A-ZĐ])", "-", text)


_NGAY = re.compile(r"(?<![a-z])ngay(?=[\s\d.…_]|$)")


_WEEKDAY = re.compile(r"(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat)")


# A district or ward named by its number ("Quận 9", "Phường 3"): the only place with a digit.
_NUMBERED_PLACE = re.compile(r"(?:Quận|Phường|QUẬN|PHƯỜNG)\s+\d{1,2}")


def place_and_date(line: str) -> dict | None:
    """ "Hải Phòng, ngày 14 tháng 4 năm 2022" -> place, date, date_partial."""
    folded = fold_keep(line)
    match = _NGAY.search(folded)
    if not match:
        return None
    # A place never opens with a list's mark: the Party's "*" under the committee's name,
    # flattened onto the date's line (Hướng dẫn 36-HD/VPTW), reads as one.
    place = strip_end(line[: match.start()], ",.;: ").strip().lstrip("-–*•+ ")
    if re.fullmatch(r"[.…_\s]*", place):
        place = ""  # a form's blank, "……., ngày … tháng …"
    if place and (
        len(place.split()) > 7 or (re.search(r"\d", place) and not _NUMBERED_PLACE.fullmatch(place))
    ):
        return None
    if place and fold_keep(place).startswith(("thuc hien", "can cu", "truoc", "tu ")):
        return None
    if _WEEKDAY.fullmatch(fold_keep(place)):
        return None  # "Chủ nhật, Ngày 27/10/2024": the day a page shows, not a place's date
    rest = _BLANK.sub(" ", folded[match.end() :])
    long_form = re.match(
        r"^\s*(?P<d>\d{1,2})?\s*thang\s*(?P<m>\d{1,2})?\s*,?\s*nam\s*(?P<y>\d{4})?", rest
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


# Names that end on a head whose body the line under them names: a standing or executive
# committee ("ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI", "BAN CHẤP HÀNH" / "ĐẢNG BỘ …") and the Prime
# Minister ("THỦ TƯỚNG" / "CHÍNH PHỦ").
_NAMED_WITH_THE_NEXT = ("THƯỜNG VỤ", "CHẤP HÀNH", "THỦ TƯỚNG")


def _starts_body(text: str) -> bool:
    upper = text.upper()
    # the head alone, or followed by the rest of the name ("TRƯỜNG THCS …", "TRƯỜNG: THCS …")
    return any(re.match(re.escape(head) + r"(?:$|\s|:)", upper) for head in _ISSUER_HEADS)


def issuer(lines: list[tuple[str, bool | None]]) -> dict:
    """The parent body and the issuing body from the header's left lines (text, bold)."""
    # without a list's bullet a page set before the name ("• BỘ VĂN HÓA, …")
    lines = [(collapse(t).lstrip("•·*▪ "), b) for t, b in lines if collapse(t).lstrip("•·*▪ ")]
    if not lines:
        return {"parent": None, "name": None}
    bolds = {b for _, b in lines}
    if True in bolds and False in bolds and lines[-1][1] is True:
        parent = [t for t, b in lines if not b]
        name = [t for t, b in lines if b]
        return {"parent": " ".join(parent) or None, "name": " ".join(name) or None}
    lines = [(part, bold) for text, bold in lines for part in _parent_and_unit(text)]
    groups: list[list[str]] = []
    for text, _ in lines:
        joins = groups and (
            not _starts_body(text)
            or groups[-1][-1].endswith(("–", "-", "VÀ", ",", "&"))
            or groups[-1][-1].endswith(_NAMED_WITH_THE_NEXT)
            # A name cut by the copy before its head was complete ("ỦY" / "BAN NHÂN DÂN").
            or not _starts_body(" ".join(groups[-1]))
        )
        if joins:
            groups[-1].append(text)
        else:
            groups.append([text])
    names = [" ".join(group) for group in groups]
    # A page's title line that repeats the issuer's first line ("UỶ BAN NHÂN DÂN" / "UỶ BAN
    # NHÂN DÂN" / "TỈNH VĨNH LONG"): no body is its own parent.
    names = [
        name
        for index, name in enumerate(names)
        if index + 1 == len(names) or not key(names[index + 1]).startswith(key(name))
    ]
    if len(names) == 1:
        return {"parent": None, "name": names[0]}
    if all(name.upper().startswith("BỘ ") for name in names):
        # Ministries issuing together ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" / "BỘ Y TẾ" / "BỘ
        # CÔNG AN"): a ministry is under no other, they are one joint issuer.
        return {"parent": None, "name": " ".join(names)}
    return {"parent": " ".join(names[:-1]), "name": names[-1]}


def _parent_and_unit(text: str) -> list[str]:
    """A unit's name run onto its parent's line ("UBND THÀNH PHỐ HUẾ TRƯỜNG MẦM NON II",
    "ỦY BAN NHÂN DÂN TỈNH SƠN LA SỞ GIÁO DỤC VÀ ĐÀO TẠO"): the two lines again."""
    found = _PARENT_AND_UNIT.fullmatch(text)
    return [found.group("parent"), found.group("unit")] if found else [text]


# A people's committee with its level and place, then a unit under it (Decree 30/2020,
# Appendix I, part II, item 2: the parent body's name above the issuer's).
_PARENT_AND_UNIT = re.compile(
    r"(?P<parent>(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|"
    r"THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG|ĐẶC KHU)\s+\S+(?:\s+\S+){0,3}?)\s+"
    r"(?P<unit>(?:TRƯỜNG|PHÒNG|SỞ|TRUNG TÂM|BỆNH VIỆN|BAN|BCĐ|HỘI ĐỒNG|CHI CỤC|VĂN PHÒNG)\s.+)"
)


# A letter's subject with "Về" for its "V/v" ("Về cho học sinh nghỉ học"): a short line.
_ABOUT_WITHOUT_MARK = re.compile(r"^\s*Về\s+\S+(?:\s+\S+){0,24}\s*$")
# A letter's subject line: "V/v …" (về việc).
_ABOUT = re.compile(r"^\W*(?:Công văn\s+)?(?:V/v|V/V|v/v|Về việc|Về\s*(?=:))\s*:?\s*")


# What opens the body under the header: "Kính gửi", or a basis ("Căn cứ", "Thực hiện", …).
_BODY_OPENING = re.compile(
    r"^\W*(?:k[íi]nh\s*g[ửu]i|(?:\d{1,2}[.)]\s*)?c[ăa]n\s*c[ứu]|th[ựu]c\s*hi[ệe]n|tri[ểe]n\s*khai|x[ée]t\s|theo\s)",
    re.IGNORECASE,
)


def _is_preamble(text: str) -> bool:
    folded = fold_keep(text).lstrip(" -–•+*")  # "- Căn cứ …", a basis set as a list item
    folded = re.sub(r"^\d{1,2}[.)]\s*(?=can\s*cu)", "", folded)  # "1. Căn cứ …" too
    return bool(_PREAMBLE_OPENING.match(folded)) or folded.rstrip().endswith(
        ("nhu sau:", "nhu sau")
    )


# What opens a line of the preamble, folded, its words glued or not ("Căncứ", a PDF's text).
_PREAMBLE_OPENING = re.compile(
    r"^(?:can\s*cu|thuc\s*hien|theo\s*de\s*nghi|xet\s*de\s*nghi|trien\s*khai)"
)


# "(Kèm theo …)", "(Ban hành kèm theo …)", "(Phê duyệt kèm theo …)" under an attachment's subject.
_ATTACHED_NOTE = re.compile(
    r"^\(\s*(?:(?:ban\s+hành|phê\s+duyệt)\s+)?kèm\s+theo\b"
    r"|^\(\s*(?:ban\s+hành|phê\s+duyệt)\s+theo\s+(?:Quyết định|Nghị quyết)\b",
    re.IGNORECASE,
)


def _own_line(text: str) -> bool:
    """Lines that start a part of an official document (or are one): the number, the place
    and date, "V/v", "Kính gửi", "Nơi nhận", a basis, a dashed item, an authority, the note
    under an attached document's subject ("(Kèm theo Quyết định số …)")."""
    return bool(
        re.match(r"^[-–—•+*]\s", text)
        or _ATTACHED_NOTE.match(text)
        or _ABOUT.match(text)
        or KINH_GUI.match(text)
        or NOI_NHAN.match(text)
        or number_and_symbol(text)
        or _BLANK_NUMBER_LABEL.fullmatch(text)
        or (
            len(text) <= 60 and re.search(r",\s*ngày", text, re.IGNORECASE) and place_and_date(text)
        )
        or _is_authority(text)
        or _is_preamble(text)
    )


def _find_title(paras: list[Para], start: int = 0, limit: int = 40) -> int | None:
    end = min(len(paras), start + limit)
    motto_at = next((i for i in range(start, end) if _is_motto(paras[i].text)), None)
    for index in range(start, end):
        para = paras[index]
        if para.column == "right" and not is_upper(para.text):
            continue
        if para.text.rstrip().endswith(":"):
            continue  # "QUYẾT ĐỊNH:" opens a decision's articles; a title has no colon
        bare = _without_title_note(para.text)
        # The type name alone in sentence case ("Kế hoạch"), not the value of a web page's
        # "Loại văn bản:" and never "Công văn", which a letter does not print (Decree 30/2020,
        # Appendix I, part I.5.b).
        sentence_case = (
            key(bare) in TYPES
            and TYPES[key(bare)] != "CV"
            and not (index and paras[index - 1].text.rstrip().endswith(":"))
        )
        if (
            title_type(para.text) and (is_upper(bare) or para.heading or sentence_case)
        ) or _type_then_subject(para.text):
            if section_label(para.text):
                continue
            if motto_at is not None and index < motto_at:
                # A web page's heading naming the document ("KẾ HOẠCH Triển khai …") above
                # its header: the title is the one under the motto (Decree 30/2020, Appendix I,
                # part II: the type name stands under the header's two columns).
                continue
            if _letters_heading(paras[start:index], title_type(para.text)):
                return None
            if _subject_of_another_type(paras[start:index], para.text):
                return None
            return index
    return _sentence_case_title(paras, start)


def _subject_of_another_type(header: list[Para], text: str) -> bool:
    """Whether a line in capitals that opens with a type name and goes on ("QUY ĐỊNH MỨC HỖ
    TRỢ …") is the subject of a document whose number names another type ("Số: 49/2020/
    NQ-HĐND"), its own type name lost by the copy: the verb "quy định", not a regulation."""
    words = _without_title_note(text).split()
    if key(" ".join(words)) in TYPES:
        return False  # the type name alone is a title, whatever the symbol says
    kind = next(
        (TYPES[k] for count in (3, 2, 1) if (k := key(" ".join(words[:count]))) in TYPES), None
    )
    if not kind:
        return False
    named = _symbol_parts(header) & ABBREVIATIONS
    return bool(named) and kind.upper() not in named


def _letters_heading(header: list[Para], kind: str | None) -> bool:
    """Whether a type name in capitals under a header that gave a "V/v" subject is a letter's
    heading ("V/v: Hướng dẫn quản lý …" / "HƯỚNG DẪN QUẢN LÝ …" over its body): a letter
    prints no type name (Decree 30/2020, Appendix I, part I.5.b), unless its number's symbol
    names that type."""
    if not any(_ABOUT.match(para.text) and len(_ABOUT.sub("", para.text)) > 3 for para in header):
        return False
    return not (kind and kind.upper() in _symbol_parts(header))


def _symbol_parts(header: list[Para]) -> set[str]:
    """The parts of the header's number's symbol, in capitals ("2020/NQ-HĐND": 2020, NQ,
    HĐND), where the document's type may be named."""
    return {
        part.upper()
        for para in header
        if (found := number_and_symbol(para.text))
        for part in SYMBOL_SEPARATOR.split(found["symbol"] or "")
    }


def _is_motto(text: str) -> bool:
    """The motto under the national name, or the Party's name where a Party committee's
    document prints the national name."""
    k = key(text)
    # the organisation's name in capitals, as its header prints it, not in a sentence
    return k.startswith(MOTTO) or (k.startswith(ORGANISATIONS) and is_upper(text))


# How far down a web page's title line in sentence case may stand (under the site's search box
# and banner), and how long it may be: further down or longer, it is a sentence of the body.
_SENTENCE_TITLE_LINES = 6
_SENTENCE_TITLE_WORDS = 30


# A document's number and symbol in a line ("203/KH-UBND", "15/2023/QĐ-UBND"), not a month
# ("tháng 9/2018").
_NAMED_BY_NUMBER = re.compile(r"\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]")


def _sentence_case_title(paras: list[Para], start: int = 0) -> int | None:
    """With no title in capitals, a line near the top that starts with the type name in
    sentence case and goes on with its subject in lower case ("Báo cáo tình hình kinh tế - xã
    hội Quý III …"), as a web page titles a document it prints without its header. Never a
    line naming a document by its number ("Kế hoạch 203/KH-UBND năm 2017 …", a law site's
    summary), nor one ending a sentence, nor a letter's (which has no type name)."""
    for index in range(start, min(len(paras), start + _SENTENCE_TITLE_LINES)):
        text = paras[index].text.strip()
        words = text.split()
        if _ABOUT.match(text) or KINH_GUI.match(text) or _BODY_OPENING.match(text):
            return None
        if (
            len(words) > _SENTENCE_TITLE_WORDS
            or text.endswith(TERMINAL)
            or _NAMED_BY_NUMBER.search(text)
            or (index and paras[index - 1].text.rstrip().endswith(":"))
        ):
            continue
        for count in (1, 2, 3):
            head, rest = " ".join(words[:count]), words[count:]
            if (
                len(rest) >= 3
                and head[:1].isupper()
                and head[1:] == head[1:].lower()
                and key(head) in TYPES
                and TYPES[key(head)] != "CV"
                and rest[0][:1].islower()
            ):
                return index
    return None


def _type_then_subject(text: str) -> bool:
    """A type name in capitals with its subject after it on the same line ("THÔNG BÁO Về việc
    lấy ý kiến cử tri …", "QUYẾT ĐỊNH BAN HÀNH HỆ THỐNG …", however long), as a web page or a
    flattened copy prints a document's title: the type name is the title, the rest the subject
    (`_title_apart`)."""
    words = text.split()
    for count in (1, 2, 3):
        head, rest = " ".join(words[:count]), words[count:]
        if (
            len(rest) >= 3
            and is_upper(head)
            and key(head) in TYPES
            and title_type(head)
            and rest[0][:1].isupper()
        ):
            return True
    return False


def _title_apart(paras: list[Para], title_at: int) -> list[Para]:
    """The type name alone on its line (Decree 30/2020, Appendix I, part II, item 5.a), when a
    copy put the subject's first words beside it ("BÁO CÁO KẾT QUẢ HOẠT ĐỘNG CỦA NHÓM…")."""
    para = paras[title_at]
    if key(para.text) in TYPES:
        return paras  # the type name alone ("THÔNG TƯ LIÊN TỊCH")
    words = para.text.split()
    following = paras[title_at + 1].text if title_at + 1 < len(paras) else ""
    # A title line wrapped a word or two after the type name ("QUY CHẾ LÀM" / "VIỆC CỦA …"):
    # the rest of the subject in capitals under it.
    wrapped = is_upper(para.text) and is_upper(following) and not section_label(following)
    # the longest type name the line opens with ("THÔNG TƯ LIÊN TỊCH", not "THÔNG TƯ")
    for count in range(min(4, len(words) - 1), 0, -1):
        if key(" ".join(words[:count])) in TYPES and len(words) - count >= (1 if wrapped else 3):
            title, rest = (
                dataclasses.replace(para, text=text, line_length=0, first_word_length=0)
                for text in (" ".join(words[:count]), " ".join(words[count:]))
            )
            return [*paras[:title_at], title, rest, *paras[title_at + 1 :]]
    return paras


# Words a subject line wrapped mid-phrase ends on: what follows completes it.
_SUBJECT_OPEN_END = re.compile(
    r"(?:[,\-–]|\b(?:CỦA|VỀ|VÀ|TẠI|TRÊN|CHO|VỚI|ĐẾN|TRONG|THEO|NĂM|GIAI ĐOẠN|TỈNH|THÀNH PHỐ|VIỆC|"
    r"HUYỆN|QUẬN|XÃ|PHƯỜNG|THỊ XÃ|ĐỊA BÀN|CÁC|NHỮNG|của|về|và|tại|trên|cho|với|đến|trong|theo|"
    r"các|những))$"
)


# The words of `_SUBJECT_OPEN_END` that only join ("CỦA", "VÀ", a dash), not a place's kind.
_CONNECTIVE_END = re.compile(
    r"(?:[,\-–]|\b(?:CỦA|VỀ|VÀ|TẠI|TRÊN|CHO|VỚI|ĐẾN|TRONG|THEO|VIỆC|CÁC|NHỮNG|của|về|và|tại|"
    r"trên|cho|với|đến|trong|theo|các|những))$"
)


_REFERENCE_END = re.compile(
    r"\b(?:báo cáo|kế hoạch|quyết định|chương trình|công văn|nghị quyết|nghị định|chỉ thị|"
    r"thông tư|thông báo|hướng dẫn)$",
    re.IGNORECASE,
)


# A document's number and symbol ("856/QĐ-TTg", "2019/NĐ-CP"), whose case is its own.
_SYMBOLS = re.compile(r"\d+/[\w/.&-]+")


def _continues_subject(
    subject: str, para: Para, decision: bool = False, following: str = "", beyond: str = ""
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
    if re.fullmatch(r"\(\s*\d{4}\s*[-–]\s*\d{4}\s*\)", text):
        return True  # the span of years in brackets ("… GIAI ĐOẠN II" / "(2021-2025)")
    # a document's symbol in a subject in capitals keeps its own case ("QĐ-TTg")
    both_upper = is_upper(_SYMBOLS.sub("", subject)) and is_upper(_SYMBOLS.sub("", text))
    if not text or section_label(text):
        return False
    if both_upper and _CONNECTIVE_END.search(subject.strip()):
        # A phrase cut after a word that cannot end it ("… THỰC HIỆN CÁC"): the next line goes
        # on with it even when it starts with a type name ("CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA …").
        return True
    if title_type(text):
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
    if (
        both_upper
        and decision
        and _is_authority(text)
        and _BODY_OPENING.match(following)
        and not _CONNECTIVE_END.search(subject.strip())
    ):
        return False  # "… CỦA CẤP TỈNH" / "BỘ TRƯỞNG BỘ …" / "Căn cứ …": the authority
    # Cut mid-phrase: an open last word, or a subject of a word or two ("TRIỂN" / "KHAI …").
    open_end = bool(_SUBJECT_OPEN_END.search(subject.strip())) or len(subject.split()) <= 2
    if not open_end and section_kind(text) != "other" and len(text.split()) <= 6:
        return False  # a heading of the body ("MỤC ĐÍCH, YÊU CẦU")
    if both_upper:
        # A decision names the authority that issues it under its subject ("ỦY BAN NHÂN DÂN
        # TỈNH …", "BỘ TRƯỞNG BỘ …"); elsewhere a body's name there is the subject going on.
        if decision and _names_authority(text, following):
            # after a place's word ("… HỘI LIÊN HIỆP PHỤ NỮ THÀNH PHỐ"), a body's name is the
            # authority, not the place's name
            if not open_end or (_starts_body(text) and not _CONNECTIVE_END.search(subject)):
                return False
        return True
    if text[0].islower():
        return True
    if open_end:
        # a subject in capitals cut before its place's name goes on, not into the body's first
        # sentence ("… TRÊN ĐỊA BÀN TỈNH" / "Trong thời gian qua, thực hiện …")
        return not (is_upper(subject) and len(text.split()) > _SUBJECT_LINE_WORDS)
    head, about, _rest = text.partition(" về ")
    if (
        about
        and is_upper(subject)
        and len(head.split()) >= 2
        and is_upper(head)
        and not text.rstrip().endswith(_SENTENCE_END)
    ):
        # the Party's subject: its meeting in capitals, then what it is about in sentence
        # case ("HỘI NGHỊ LẦN THỨ BẢY" / "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVI) về xây dựng …")
        return True
    if re.match(r"Của\s", text) and not text.rstrip().endswith(_SENTENCE_END):
        return True  # the subject's line typed with a capital ("… ngày 06/9/2023" / "Của Ban …")
    if text[0] in '“"' and not text.rstrip().endswith(_SENTENCE_END):
        return True  # a name in quotes the subject wrapped before ("… phong trào" / "“Toàn dân …”")
    if _PERIOD_LINE.match(text) and not text.rstrip().endswith(_SENTENCE_END):
        # the period the subject is for, on a line of its own ("Giai đoạn 2000-2020", "Thời
        # điểm tháng 10 năm 2020" under "… XÓA MÙ CHỮ")
        return True
    # A subject in sentence case wrapped before a name that takes a capital ("… tại cuộc họp"
    # / "Ban Vì sự tiến bộ của phụ nữ xã quý III năm 2025"): a short line with no end mark and
    # no date of its own (a web page's "Ngày cập nhật 08/10/2019"), the body opening under it.
    return (
        not is_upper(subject)
        and not is_upper(text)
        and not text.endswith(TERMINAL + (",",))
        and not re.search(r"\d{1,2}/\d{1,2}/\d{4}", text)
        # a decision's authority in sentence case ("Ủy ban nhân dân xã Hòa Bình")
        and not (decision and (_starts_body(text.upper()) or _is_authority(text.upper())))
        # Only the subject stands between the type name and "Kính gửi" (Decree 30/2020,
        # Appendix III, form 1.4): its lines a copy joined may be long.
        and len(text.split()) <= _SUBJECT_LINE_WORDS * (3 if KINH_GUI.match(following) else 1)
        and (
            _opens_body(following)
            # a decision's authority under the subject ("… trong học tập" / "Năm học 2020 -
            # 2021" / "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC …")
            or (decision and _names_authority(following, beyond))
            # or the subject's last line, in lower case, comes between ("… đạt chuẩn" / "Phổ
            # cập giáo dục tiểu học và …" / "đúng độ tuổi năm 2014" / "Kính gửi: …")
            or (
                following[:1].islower()
                and len(following.split()) <= _SUBJECT_LINE_WORDS
                and not following.rstrip().endswith(TERMINAL)
                and _opens_body(beyond)
            )
        )
    )


# What ends a sentence (a bracket or a quote may end a subject's line).
_SENTENCE_END = (".", ";", ":", "!", "?", "…")
# A period's line of its own under a subject: a few words naming the years.
_PERIOD_LINE = re.compile(
    r"^\(?(?:Giai đoạn|GIAI ĐOẠN|Năm học|NĂM HỌC|Nhiệm kỳ|NHIỆM KỲ|Thời điểm|Năm|NĂM)\s+"
    r"[^,;:]{0,30}\b(?:19|20)\d{2}\b[^,;:]{0,12}$"
    # or the horizon a strategy's plan names ("Đến năm 2025, định hướng đến năm 2030")
    r"|^(?:Giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|Đến năm\s+\d{4})"
    r"(?:\s*,\s*(?:định hướng|tầm nhìn)\s+(?:đến\s+)?năm\s+\d{4})?$",
    re.IGNORECASE,
)
# How many words a subject's wrapped line in sentence case may hold.
_SUBJECT_LINE_WORDS = 16
# A body's first sentence dated ("Ngày 17/10/2025, …", "Sáng ngày 03/11/2025, …").
_DATED_OPENING = re.compile(r"^(?:(?:sáng|chiều|tối)\s+)?ngày\s+\d{1,2}\s*[/-]", re.IGNORECASE)


def _opens_body(text: str) -> bool:
    """Whether a line opens a document's body: a basis, "Kính gửi", a numbered heading, a
    dated first sentence."""
    text = text.strip()
    return bool(
        text
        and (
            _BODY_OPENING.match(text)
            or section_label(text)
            or KINH_GUI.match(text)
            or _DATED_OPENING.match(text)
        )
    )


def _names_authority(text: str, following: str = "") -> bool:
    """Whether a line under a decision's subject names the authority that issues it ("ỦY BAN
    NHÂN DÂN TỈNH …", "BỘ TRƯỞNG BỘ …") rather than going on with the subject."""
    if _is_authority(text):
        return True
    # A body's name is the authority when the body's bases or "QUYẾT ĐỊNH:" follow it
    # ("ỦY BAN NHÂN DÂN TỈNH LONG AN" / "Căn cứ …"), not when more of the subject does
    # ("… BAN VÌ SỰ TIẾN" / "BỘ CỦA PHỤ NỮ TỈNH …").
    return _starts_body(text) and bool(
        not following
        or _BODY_OPENING.match(following)
        or title_type(following)
        or _AUTHORITY_PLACE.match(following)
        or COUNCIL_SESSION.match(following)
    )


# The rest of an authority wrapped before its place ("ỦY BAN NHÂN DÂN" / "TỈNH KHÁNH HÒA").
_AUTHORITY_PLACE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG|ĐẶC KHU)\s")


# A date line cut before its end: "…, ngày 12", "…, ngày 12 tháng", "…, ngày 12 tháng 5 năm".
_CUT_DATE = re.compile(r"ngay(?:\s*\d{1,2})?(?:\s*thang(?:\s*\d{1,2})?)?(?:\s*nam)?\s*$")


def _leading_header(paras: list[Para]) -> list[Para]:
    """With no type name and no "V/v" line to end it, the header is the first lines up to
    what opens the body (a "Kính gửi", a basis, a sentence): never the signature block of a
    letter that has no header at all."""
    header: list[Para] = []
    issuer_seen = numbered = dated = False
    for index, para in enumerate(paras[:8]):
        text = para.text.strip()
        cut_date = bool(header) and bool(_CUT_DATE.search(fold_keep(header[-1].text)))
        # a letter's subject under its number, the date under it, may be long
        subject_under_number = (
            bool(header)
            and bool(number_and_symbol(header[-1].text))
            and index + 1 < len(paras)
            and bool(place_and_date(paras[index + 1].text))
        )
        if _BODY_OPENING.match(text) or len(text.split()) > (40 if subject_under_number else 20):
            break
        if (
            issuer_seen
            and numbered
            and dated
            and ((is_upper(text) and not _is_motto(text)) or _ABOUT_WITHOUT_MARK.match(text))
        ):
            break  # the header is whole: a copy that lost the type name gives the subject here
        issuer_seen = issuer_seen or (is_upper(text) and _starts_body(text))
        numbered = numbered or bool(number_and_symbol(text))
        dated = dated or bool(place_and_date(text))
        if header and is_upper(text) and _is_authority(text):
            break  # a decision's authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") opens its body
        if text[:1].islower() and not cut_date:  # the rest of a date cut after "tháng 5"
            break
        header.append(para)
    return header


_NUMBER_LABELLED = re.compile(r"\W*S[ốỐoO](?:\s*[:.]|\s+[\d/.…_-])")


def _labelled_number(text: str) -> bool:
    """A number and symbol after their "Số" ("Số: 12/KH-UBND", "Số 04/BC"), not a bare one."""
    return bool(_NUMBER_LABELLED.match(text) and number_and_symbol(text))


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


def _place_cut(header: list[Para]) -> list[Para]:
    """A place's name cut from its date line by a copy that split the cell ("Yên" / "Bái,
    ngày 16 tháng 3"), as one line again."""
    out: list[Para] = []
    for para in header:
        if (
            out
            and _PLACE_PIECE.fullmatch(out[-1].text.strip())
            and not is_upper(out[-1].text)
            and _PLACE_DATE_START.match(para.text)
            and out[-1].column == para.column
        ):
            out[-1] = dataclasses.replace(para, text=f"{out[-1].text.strip()} {para.text}")
            continue
        out.append(para)
    return out


# One or two capitalised words, the first part of a place's name; the line a date starts on.
_PLACE_PIECE = re.compile(r"[^\W\d_][^\W\d_]*(?:\s+[^\W\d_]+)?")
_PLACE_DATE_START = re.compile(
    r"^[^\W\d_][^\W\d_]*(?:\s+[^\W\d_]+){0,3},\s*ng[àa]y\b", re.IGNORECASE
)


def _number_alone(header: list[Para]) -> list[Para]:
    """ "Số:" alone on its line and the number and symbol on the next, as one line; also when
    the other column's lines (the national name, the motto) came between them, as a copy of
    a draft with a blank number gives it ("Số:" / "CỘNG HÒA …" / "Độc lập …" / "/TTr-VPCP")."""
    out: list[Para] = []
    label_at: int | None = None
    open_at: int | None = None  # a number line whose symbol a narrow cell cut after a "-"
    for para in header:
        if open_at is not None and _SYMBOL_REST.fullmatch(para.text.strip()):
            # "Số: 255 / BC-BCĐPCGD-" / "Nga Sơn, ngày …" / "XMC": the symbol's last part
            cut = out[open_at]
            out[open_at] = dataclasses.replace(cut, text=cut.text.rstrip() + para.text.strip())
            open_at = None
            continue
        if _NUMBER_LABELLED.match(para.text) and para.text.rstrip().endswith("-"):
            open_at = len(out)
        elif open_at is not None and len(out) - open_at >= _NUMBER_LABEL_REACH:
            open_at = None
        if label_at is not None and re.match(r"^[\d.…_ ]*(?:/|-\s*[A-Za-zĐđ]{1,5}/)", para.text):
            label = out[label_at]
            out[label_at] = Para(f"Số: {para.text}", label.bold, column=label.column)
            label_at = None
            continue
        if _NUMBER_LABEL.fullmatch(para.text):
            label_at = len(out)
        elif label_at is not None and len(out) - label_at >= _NUMBER_LABEL_REACH:
            label_at = None
        out.append(para)
    return out


# The rest of a symbol cut after its "-": one word in capitals ("XMC", "TĐKT").
_SYMBOL_REST = re.compile(r"[A-ZĐ][A-ZĐ0-9&]{1,11}")
# "Số:" alone on its line, in any case ("SỐ:" where a copy kept a web page's capitals).
_NUMBER_LABEL = re.compile(r"\W*S[ốỐoO]\s*[:.]?\s*")
# The same with a form's blank for the number ("SỐ: …………").
_BLANK_NUMBER_LABEL = re.compile(r"\W*S[ốỐoO]\s*[:.]?[\s.…_]*")
# How many lines of the other column may come between "Số:" and its number (the national
# name, the motto, the place and date).
_NUMBER_LABEL_REACH = 4


# The marks of urgency and of secrecy a document may carry in its header (Decree 30/2020,
# Article 8.3 and Appendix I, part II, items 10-11: "HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"; the
# secrecy marks of the Law on Protection of State Secrets 2018, Article 8: "TUYỆT MẬT",
# "TỐI MẬT", "MẬT"), as `key` spells them: never the issuer's name.
_URGENCY_MARKS = frozenset(
    {"hoatoc", "thuongkhan", "khan", "tuyetmat", "toimat", "mat", "hoatochengio"}
)


# A draft's mark in the header ("DỰ THẢO", "DỰ THẢO LẦN 3", "Dự thảo 2"), as `key` spells it.
_DRAFT_MARK = re.compile(r"duthao(?:lan)?\d{0,2}")


def _header(plan: dict, header: list[Para], context: Context) -> None:
    issuer_lines: list[tuple[str, bool | None]] = []
    number_seen = issuer_before_number = words_between = False
    header = _place_cut(_number_alone(header))
    motto = _motto_lines(header)
    skip: set[int] = set()
    # A number after its "Số:" and a date after its place are the document's; a bare number
    # or a bare date above them is a page's (its table of details, when it posted it).
    labelled = any(_labelled_number(p.text) for p in header)
    placed = any((place_and_date(p.text) or {}).get("place") for p in header)
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
        if labelled and not _NUMBER_LABELLED.match(text) and number_and_symbol(text):
            continue
        if not number_seen and (found := number_and_symbol(text)):
            plan["number"], plan["symbol"] = found["number"], found["symbol"]
            plan["doc_type"] = found["doc_type"] or plan["doc_type"]
            if found["warning"]:
                context.warn(found["warning"])
            number_seen = True
            issuer_before_number = bool(issuer_lines)
            if plan["date"] is None and (dated := place_and_date(found["rest"])) is not None:
                plan.update(dated)
            continue
        if plan["date"] is None and plan["date_partial"] is None and plan["place"] is None:
            if (found := place_and_date(text)) is not None and (not placed or found["place"]):
                plan.update(found)
                continue
        if k.startswith((NATIONAL, MOTTO, *ORGANISATIONS)) or k in ("", "xxx"):
            continue
        if _BLANK_NUMBER_LABEL.fullmatch(text):
            continue  # "SỐ: ……", a blank number in capitals: not the issuer's name
        if _DRAFT_MARK.fullmatch(k) or k in _URGENCY_MARKS:
            continue  # "DỰ THẢO", "Dự thảo lần 2", "HỎA TỐC" above the title: not the issuer
        if para.column == "right" or (number_seen and issuer_before_number):
            # Under the number, the left column holds no more of the issuer's name; a copy
            # that put the number first (a Word drawing's leftover text before "Số:") still
            # gives the issuer under it.
            continue
        if is_upper(text) and not title_type(text):
            if words_between:
                # A web page's headline and category above the document ("TẠM DỪNG TIẾP CÔNG
                # DÂN …" / "Văn hóa - Xã hội" / "ỦY BAN NHÂN DÂN"): the issuer's lines are
                # capitals without a line of running words among them.
                issuer_lines = []
                words_between = False
            for piece in text.split("\n"):
                issuer_lines.append((piece, para.bold))
        elif issuer_lines and not number_seen and any(ch.islower() for ch in text):
            words_between = True  # running words, never a line of a header's capitals
    if plan["symbol"] and plan["doc_type"] is None:
        plan["doc_type"] = "CV" if not any(p for p in header if title_type(p.text)) else None
    plan["issuer"] = issuer(issuer_lines)
