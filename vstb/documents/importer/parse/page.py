"""A web page's own lines above a document (a login notice, a list of related documents, a
table of the document's details, a headline and its category, a visitor counter), as officials
copy a page that publishes it: where the document starts (`_page_before_header`)."""

from __future__ import annotations

import re

from vstb.documents.importer.parse.header import (
    _ABOUT,
    _BARE_NUMBER,
    _BLANK_NUMBER_LABEL,
    _labelled_number,
    _starts_body,
    place_and_date,
    tight_symbols,
)
from vstb.documents.importer.parse.paragraphs import Para
from vstb.documents.importer.parse.vocabulary import MOTTO, NATIONAL, ORGANISATIONS, TYPES
from vstb.documents.importer.text import is_upper, key


def _page_before_header(paras: list[Para]) -> int:
    """Where the document starts when a web page's own lines come before its header (a login
    notice, a list of related documents, a table of the document's details, a headline and
    its category): at the issuer's lines above the national name. 0 when what comes before
    holds any of the header's fields (a number, a date line, a "V/v" subject, an issuer),
    as a copy that flattened the header's columns, the left one first, puts them there."""
    anchor = next(
        (
            index
            for index, para in enumerate(paras[:_PAGE_LINES])
            if key(para.text).startswith((NATIONAL, *ORGANISATIONS))
            # the national name's first words, where a narrow cell wrapped it ("CỘNG HÒA XÃ HỘI")
            or (len(key(para.text)) >= len("conghoa") and NATIONAL.startswith(key(para.text)))
            # or, in a copy without it, the number or the place and date
            or _header_field(para.text, own_fields_only=True)
        ),
        None,
    )
    if not anchor:
        return 0
    start = anchor
    # a page's table of details, its labels in the left column ("Số hiệu", "Cơ quan ban
    # hành") and their values in the right one ("1589/QĐ-TTg", "Thủ tướng Chính phủ")
    details = any(p.column == "left" and key(p.text) in _DETAIL_LABELS for p in paras[:anchor])
    # up over the header's lines: the issuer's, its number, the national name and the motto
    # cut by a narrow cell, the rules between them
    while (
        start > 0
        and not (details and paras[start - 1].column == "right")
        and (
            _issuer_like(paras[start - 1].text)
            or _header_field(paras[start - 1].text)
            or _national_piece(paras[start - 1].text)
        )
    ):
        start -= 1
    before = paras[:start]
    if not before or any(
        (
            _header_field(para.text)
            # a number and symbol alone on its line, not in a page's table of details
            or (para.column is None and _BARE_NUMBER.fullmatch(tight_symbols(para.text.strip())))
        )
        # a value under its label in a page's details ("Số hiệu:" / "2883/LĐTBXH-BVCSTE",
        # "Cơ quan ban hành:" / "Bộ Lao động …")
        and not (index and _DETAIL_LABEL.fullmatch(before[index - 1].text.strip()))
        and not (details and para.column == "right")
        # a part of the document in Roman numerals: what comes before is the document (a
        # form dated above its signature), no page's
        or _ROMAN_PART.match(para.text)
        for index, para in enumerate(before)
    ):
        return 0
    return start


# The labels of a page's table of a document's details, as `key` spells them.
_DETAIL_LABELS = frozenset(
    key(label)
    for label in (
        "Số hiệu",
        "Số kí hiệu",
        "Số ký hiệu",
        "Ngày ban hành",
        "Ngày có hiệu lực",
        "Ngày hết hiệu lực",
        "Loại văn bản",
        "Cơ quan ban hành",
        "Nơi ban hành",
        "Người ký",
        "Lĩnh vực",
        "Tình trạng",
        "Tình trạng hiệu lực",
        "Số công báo",
        "Ngày đăng công báo",
        "Áp dụng",
    )
)
_ROMAN_PART = re.compile(r"^\s*[IVX]{1,4}\s*[.)]\s+\S")
# A label of a page's table of details on a line of its own ("Số hiệu:", "Cơ quan ban hành:",
# "Ngày ban hành:"): two words or more, never the header's own "Số:" or "V/v:".
_DETAIL_LABEL = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){1,4}\s*:")


def _national_piece(text: str) -> bool:
    """A piece of the national name or the motto, as a narrow cell wraps them."""
    k = key(text)
    return len(k) >= len("cong") and (k in NATIONAL or k in MOTTO)


# How far down a page the national name is looked for.
_PAGE_LINES = 60
# The most words a line of the issuer's name has ("BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH …").
_ISSUER_WORDS = 14


def _issuer_like(text: str) -> bool:
    """A line of the issuer's block: its name in capitals, a rule under it, a cell's "|"; never
    a page's line with a label ("VIEWS: 10 PAGES: 1")."""
    words = text.split()
    return not any(ch.isalpha() for ch in text) or (
        is_upper(text)
        and ":" not in text
        # ministries issuing together name each on one line ("BỘ CÔNG AN - BỘ QUỐC PHÒNG - …")
        and len(words) <= _ISSUER_WORDS * max(1, len(re.findall(r"(?:^|[\s\-–])BỘ\s", text)))
    )


def _header_field(text: str, own_fields_only: bool = False) -> bool:
    """Whether a line gives one of the header's fields: its number, its place and date, its
    "V/v" subject, or (unless `own_fields_only`) the name of a body, in any case."""
    text = text.strip()
    return bool(
        # a number after its label (a page's table of details gives it bare, "142/KH-UBND")
        _labelled_number(text)
        or _BLANK_NUMBER_LABEL.fullmatch(text)
        # a place and date ("Ngày 13/08/2023 22:14" alone is when a page posted it)
        or (place_and_date(text) or {}).get("place")
        or _ABOUT.match(text)
        or (
            not own_fields_only
            and len(text.split()) <= _ISSUER_WORDS
            and _starts_body(text.upper())
            # "Báo cáo sơ kết …", a page's headline: no body's name
            and not any(key(" ".join(text.split()[:count])) in TYPES for count in (1, 2, 3))
            # "Ban hành", a page's state of a document: the verb, no committee ("Ban …")
            and not key(text).startswith("banhanh")
        )
    )
