"""The documents an official document names as its grounds, in "Căn cứ …", "Thực hiện …",
"Triển khai …" paragraphs: one entry each, with its type, number, symbol, date and issuer
(`bases`, `base_fields`)."""

from __future__ import annotations

import re

from vstb.documents.importer import agencies, dates
from vstb.documents.importer.parse.header import tight_symbols
from vstb.documents.importer.parse.vocabulary import (
    _CANONICAL,
    ABBREVIATIONS,
    DOC_WORDS,
    NUMBERED_BASIS,
    SYMBOL_SEPARATOR,
)
from vstb.documents.importer.text import fold_keep, is_upper, key, strip_end

_FINAL_CLAUSE = re.compile(
    r",\s+(?=(?:" + "|".join(agencies.HEADS + agencies.COMPLETE) + r")\b[^,;]*?\b"
    r"(?:ban hành|xây dựng|triển khai|đề ra|lập|thực hiện|tổ chức|báo cáo|hướng dẫn|thông báo|"
    r"đề nghị|yêu cầu)\b)"
)
_BASIS_PREFIX = re.compile(
    r"^\s*[(\-–]?\s*(?:căn\s*cứ(?:\s*vào)?|(?:để\s*)?thực\s*hiện|thi\s*hành|triển\s*khai|"
    r"trên\s*cơ\s*sở|"
    r"ban\s*hành\s*kèm\s*theo|kèm\s*theo|theo(?=\s*(?:Nghị quyết|Quyết định|Kế hoạch|Chỉ thị|Công văn|"
    r"Văn bản|Kết luận|Thông báo|Hướng dẫn)\s+số))\s*"
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
    # a quote or a bracket the text never closes (a copy cut it) hides nothing after it
    quotes = {
        mark: step
        for opening, closing in (("“", "”"), ("(", ")"))
        if text.count(opening) == text.count(closing)
        for mark, step in ((opening, 1), (closing, -1))
    }
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
            "Công điện",
        )
    )
    + r")\b)"
    # "… và hướng dẫn số 09 ngày 15/12/2015 …": a document named in lower case, with its number
    r"|\s+và\s+(?=(?:kế hoạch|chương trình|công văn|văn bản|quyết định|nghị quyết|chỉ thị|"
    r"hướng dẫn|thông báo|kết luận)\s+số\s*\d)"
    # "… và Điều 2 Quyết định của Ban Bí thư số 91-QĐ/TW": an article of another document
    r"|\s+và\s+(?=(?:điểm\s+\w+\s+)?(?:khoản\s+\d+\s+)?Điều\s+\d+\w*\s+(?:của\s+)?"
    r"(?:Quyết định|Nghị quyết|Nghị định|Thông tư|Chỉ thị|Quy định|Luật|Bộ luật)\b)"
    # "… của Ban Thường vụ Tỉnh ủy triển khai Chỉ thị số 21-CT/TW …": the document it carries
    # out is a basis of its own.
    r"|\s+(?:triển khai|thực hiện|về việc thực hiện|về thực hiện|trên cơ sở|căn cứ)\s+"
    r"(?=(?:Chỉ thị|Nghị quyết|"
    r"Kết luận|Quyết định|Kế hoạch|Chương trình|Nghị định|Thông tư|Luật)\s+(?:số\s+\d|\d+(?:-[A-ZĐ]+)?\s*/))"
    r"|,\s+(?=(?:Kế hoạch|Chương trình|Công văn|Quyết định|Nghị quyết|Chỉ thị|Thông tư|"
    r"Nghị định|Hướng dẫn|Thông báo|Thông tri|Kết luận|Văn bản)\s+(?:số\s+)?\d)"
)


# "ngày" glued to the word before it by a PDF's text ("… bình đẳng giớingày 29/11/2006").
_GLUED_DAY = re.compile(r"(?<=[^\W\d_])(ng[àa]y\s*\d)")
# The word after a symbol glued to it by a PDF's text ("2351/QĐ-TTgngày 24/12/2010").
_GLUED_AFTER_SYMBOL = re.compile(r"(?<=[A-Za-zĐđ\d])(?:ngày|ngay|của|cua|về|ve)$")
_PARTY_NUMBER_SPACED = re.compile(r"\bsố\s+(\d+)\s+([A-ZĐ]{1,5}/[A-ZĐ][\w&/-]*)")
# "số 15" where the reference gives no symbol.
_NUMBER_WITHOUT_SYMBOL = re.compile(r"\bsố\s+(\d+)\b")


def base_fields(text: str, year: int | None = None) -> dict:
    """One referenced document: type, number, symbol, date, issuer."""
    doc_type, _ = _doc_type_of(text)
    number = symbol = None
    text = _GLUED_DAY.sub(r" \1", tight_symbols(text))
    # The first number the reference gives, with "số" or without ("Quyết định 215/QĐ-TTg"):
    # a later one belongs to what the sentence goes on to say.
    labelled = re.search(
        r"(?:số|so|Số)\s*:?\s*(\d+[\w.]*(?:-[\w]+)*|[.…_ ]*)\s*/\s*([\w\-/.&Đđ]+)", text
    )
    bare = re.search(r"\b(\d+[a-z]?(?:-[A-ZĐ]+)?)\s*/\s*((?:\d{4}/)?[A-ZĐ][\w\-/&Đđ]*)", text)
    match = labelled or bare
    if labelled and bare and bare.start() < labelled.start():
        match = bare
    if match:
        number = match.group(1).strip(" .…_") or None
        symbol = _GLUED_AFTER_SYMBOL.sub("", strip_end(match.group(2), ".,;"))
        number, symbol = _party_number(number, symbol)
        # "số 52/BCĐ 130/CP": a steering committee's symbol with a space in it.
        more = re.match(r"\s+(\d+/[A-ZĐ][\w&-]*)", text[match.end() :])
        if more and symbol and re.fullmatch(r"[A-ZĐ]+", symbol):
            symbol = f"{symbol} {strip_end(more.group(1), '.,;')}"
        # "83/2015/QH 13": the National Assembly's term cut from its "QH" by a space
        term = re.match(r"\s(\d{1,2})\b(?!\s*/)", text[match.end() :])
        if term and symbol and symbol.endswith("/QH"):
            symbol = f"{symbol}{term.group(1)}"
    elif party := _PARTY_NUMBER_SPACED.search(text):
        # the Party's "84-QĐ/TWĐTN" with its hyphen lost to a space ("số 84 QĐ/TWĐTN")
        number, symbol = party.group(1), strip_end(party.group(2), ".,;")
    elif numbered := _NUMBER_WITHOUT_SYMBOL.search(text):
        number = numbered.group(1)
    if doc_type is None and symbol:
        for part in SYMBOL_SEPARATOR.split(symbol):
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


# "Theo Nghị quyết số …", "Theo Kế hoạch số …": grounds named with "theo" (not "Theo đề nghị
# của …", which names who proposed the decision).
_THEO_DOCUMENT = re.compile(
    r"^Theo\s+(?:Nghị quyết|Quyết định|Kế hoạch|Chỉ thị|Công văn|Văn bản|Kết luận|Thông báo|"
    r"Hướng dẫn)\s+số\b"
)

# "Căn cứ:" alone, over a list of the grounds a line each; the mark of such a line.
_GROUNDS_HEADING = re.compile(r"(?:[-–+]\s*)?(?:Căn cứ|CĂN CỨ|Căn cứ pháp lý|CĂN CỨ PHÁP LÝ)\s*:")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•+]|\d{1,2}[.)]|[a-zđ]\))\s*")
# What opens a basis, folded; a PDF's text may glue its words ("Căncứ", "Thựchiện").
_OPENS = re.compile(
    # "Thi hành …": how the Party's documents open theirs ("Thi hành Điều 2 Quyết định của Bộ
    # Chính trị số 31-QĐ/TW …")
    r"^(?:can\s*cu|thuc\s*hien|thi\s*hanh|de\s*thuc\s*hien|trien\s*khai|ban\s*hanh\s*kem\s*theo|"
    r"kem\s*theo|tren\s*co\s*so)"
)
# A day's date written with dashes after "ngày" ("ngày 24-12-2010", "ngày 21 - 6 - 1994").
_DASHED_DATE = re.compile(r"(?<=ngày )(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{4})\b")

# Where a paragraph's next sentence names more grounds ("… giai đoạn 2021 - 2025. Trên cơ sở Kế
# hoạch số …", "… chậm hoàn thiện hồ sơ. Căn cứ Nghị quyết số …"): a basis paragraph of its own.
_GROUNDS_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=(?:Căn cứ|Thực hiện|Trên cơ sở|Triển khai)\s)")

# The next document glued to the year that ends the one before, where a copy lost the line
# between them ("… ngày 15 tháng 6 năm 2004Luật sửa đổi, bổ sung …").
_GLUED_NEXT = re.compile(
    r"(?<=\bnăm \d{4})(?=(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị)\b)"
)
# A year cut by a space in a day's date ("16/7/20 21"), as a copy of a PDF may type it.
_SPLIT_YEAR = re.compile(r"\b(\d{1,2}/\d{1,2}/)(19|20) (\d{2})\b")


def bases(paragraphs: list[str], year: int | None = None) -> list[dict]:
    """The documents named in "Căn cứ …" / "Thực hiện …" / "Trên cơ sở …" paragraphs (or
    sentences), one entry each; a document named again (the one a later basis carries out)
    once."""
    out = []
    seen: set[tuple] = set()
    listing = False  # the paragraph before was a basis ending in ";" or ":"
    heading = False  # under a "Căn cứ:" of its own, whose list is the bases
    sentences = [
        _GLUED_NEXT.sub("; ", _DASHED_DATE.sub(r"\1/\2/\3", _SPLIT_YEAR.sub(r"\1\2\3", part)))
        for paragraph in paragraphs
        for part in _GROUNDS_SENTENCE.split(paragraph)
    ]
    for paragraph in sentences:
        paragraph = NUMBERED_BASIS.sub("", paragraph)  # "1. Căn cứ …": a basis all the same
        if (
            heading
            and _LIST_ITEM.match(paragraph)
            and _doc_type_of(_LIST_ITEM.sub("", paragraph))[1]
        ):
            # "Căn cứ:" / "- Luật Bình đẳng giới năm 2006;" / "- Quyết định số …": each item a
            # basis, with or without a number or a date.
            paragraph = f"Căn cứ {_LIST_ITEM.sub('', paragraph)}"
        else:
            heading = bool(_GROUNDS_HEADING.fullmatch(paragraph.strip()))
        folded = fold_keep(paragraph.strip(" (-–+•"))
        opens = bool(_OPENS.match(folded)) or bool(_THEO_DOCUMENT.match(paragraph.strip(" (-–+•")))
        # A list of bases goes on, one document a line: "…giai đoạn 2011 - 2015;" then
        # "Kế hoạch số 127/KH-UBND …".
        goes_on = (
            listing
            and _doc_type_of(paragraph.strip(" -–+•"))[1]
            and not is_upper(paragraph)  # "QUYẾT ĐỊNH:" after the bases
            and bool(re.search(r"\bsố\s*\d|\d+\s*/\s*[A-ZĐ]|\bngày\s+\d", paragraph))
        )
        listing = (opens or goes_on) and paragraph.rstrip().endswith((";", ":"))
        if not (opens or goes_on):
            continue
        text = _BASIS_PREFIX.sub("", paragraph.strip(" -–+•"), count=1)
        text = text.strip(" ()")
        if _CONSIDERING.match(text):
            continue  # "Trên cơ sở xem xét Tờ trình số …": the proposal, as "Xét …" is
        text = _PURPOSE.split(text, maxsplit=1)[0]
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
            [strip_end(entry, ";.,:") for entry in _split_outside_quotes(text, _ENTRY_SPLIT)],
            text,
        ) + [strip_end(entry, ";.,:") for entry in earlier]
        shared = None  # "các Nghị định của Chính phủ: số …; số …": the type they share
        for entry in entries:
            entry = _ARTICLE_OF.sub("", _ENTRY_OPENING.sub("", entry, count=1), count=1)
            if of_type := _SHARED_TYPE.match(entry):
                shared = of_type.group("type")
                entry = f"{shared} {entry[of_type.end() :]}"
            elif shared and _NUMBER_FIRST.match(entry):
                entry = f"{shared} {entry}"
            elif is_type := _TYPE_WORD.match(entry):
                # "Nghị quyết số 340/…; số 160/…; 148/…": the type the list goes on with
                shared = is_type.group(0)
            kind, is_document = _doc_type_of(entry)
            if kind and entry[:1].islower() and not _NAMES_ONE.search(entry):
                # "Thực hiện chương trình công tác Đoàn năm 2024": a kind of work, in lower
                # case and without a number or a day, names no document (a law or a charter,
                # "căn cứ điều lệ Hội …", is one of its kind and named all the same)
                continue
            if is_document or re.search(r"\bsố\s*\d*\s*/\s*[A-ZĐ]", entry):
                found = base_fields(entry, year)
                identity = (found["doc_type"], found["number"], found["symbol"])
                if found["number"] and identity in seen:
                    continue
                seen.add(identity)
                if (
                    out
                    and out[-1]["number"]
                    and out[-1]["date"] is None
                    and found["date"]
                    and out[-1]["doc_type"] == found["doc_type"]
                    and f" và {entry}" in text
                ):
                    # "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013":
                    # the date the two share
                    out[-1]["date"] = found["date"]
                out.append(found)
    return out


# What a council or a committee considers ("xem xét Tờ trình …"): no basis.
_CONSIDERING = re.compile(r"(?:xem\s+)?xét\b", re.IGNORECASE)
# The purpose a sentence of grounds goes on to ("…; nhằm tiếp tục triển khai …"): no basis
# after it.
_PURPOSE = re.compile(r"[;,]\s*nhằm\s")


# An entry opened by the word a basis opens with, in lower case inside the sentence ("…; căn
# cứ Công văn số 1624/BVHTTDL-VHCS …").
_ENTRY_OPENING = re.compile(r"^(?:căn cứ|thực hiện|triển khai|trên cơ sở)\s+(?=[A-ZĐ])")
# An entry that names only a number ("số 160/NQ-HĐND …", "148/NQ-HĐND …"), of the type before.
_NUMBER_FIRST = re.compile(r"(?i)(?:số\s*)?\d+[\w.-]*\s*/\s*[A-ZĐ\d]|số\s*\d")
# The types a list of bases names its documents by, one after the other.
_LISTED_TYPES = (
    "Nghị quyết",
    "Quyết định",
    "Nghị định",
    "Thông tư",
    "Chỉ thị",
    "Kế hoạch",
    "Công văn",
    "Văn bản",
    "Kết luận",
    "Thông báo",
)
_TYPE_WORD = re.compile(
    r"(?:" + "|".join((*_LISTED_TYPES, "Hướng dẫn", "Chương trình")) + r")(?=\s+số\b|\s+\d)"
)
# Several documents of one type under one name ("các Nghị định của Chính phủ: số 78/2025/NĐ-CP
# …; số 187/2025/NĐ-CP …"): the type, which each "số …" after it names.
_SHARED_TYPE = re.compile(
    r"^các\s+(?P<type>" + "|".join((*_LISTED_TYPES, "Luật")) + r")\b[^:;]{0,80}:\s*(?=số\s*\d)",
    re.IGNORECASE,
)


# "Điều 13 Luật …", "khoản 2 Điều 5 của Nghị định …": the article of a document, read as the
# document it belongs to.
_ARTICLE_OF = re.compile(
    r"^\s*(?:(?:điểm\s+\w+|khoản\s+\d+|điều\s+\d+\w*)[,\s]+)+(?:của\s+)?", re.IGNORECASE
)


_NUMBERED_REFERENCE = re.compile(
    r"(?:Kế hoạch|Chương trình|Quyết định|Công văn|Văn bản|Nghị quyết|Chỉ thị|Hướng dẫn|"
    r"Thông báo|Báo cáo)\s+(?:số\s+)?\d+(?:-[A-ZĐ]+)?\s*/\s*[A-ZĐ][^,;(]*"
)


def _joined_titles(entries: list[str], text: str) -> list[str]:
    """Entries split at "và Luật …" put back together where the first part names no number
    and no date: a title that goes on ("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức
    Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019"); where the second names
    neither, after a title that names a law ("Nghị định số 121/2005/NĐ-CP … hướng dẫn thi hành
    Luật Thi đua, Khen thưởng và Luật sửa đổi, bổ sung …"); and at "và Kế hoạch 5 năm …", a
    span of years in the title."""
    out: list[str] = []
    for entry in entries:
        if out and (
            (not _identified(out[-1]) and re.match(r"^(?:Luật|Bộ luật)\b", entry))
            or (
                not _identified(entry)
                and re.match(r"^(?:Luật|Bộ luật)\b", entry)
                and _NAMES_A_LAW.search(out[-1])
                and f" và {entry}" in text
            )
            or _SPAN_OF_YEARS.match(entry)
        ):
            out[-1] = f"{out[-1]} và {entry}"
        else:
            out.append(entry)
    return out


# A law named inside a document's title ("… quy định chi tiết một số điều của Luật …").
_NAMES_A_LAW = re.compile(r"\s(?:của|thi hành|theo)\s+(?:Luật|Bộ luật)\s")
# A plan or programme named by the years it spans, inside another document's title ("… kinh tế
# - xã hội hằng năm và Kế hoạch 5 năm (2021 - 2025)"): no document of its own.
_SPAN_OF_YEARS = re.compile(r"^(?:Kế hoạch|Chương trình|Chiến lược)\s+\d{1,2}\s+năm\b")


# What names one document and not a kind of them: its number or its day.
_NAMES_ONE = re.compile(r"\d+\s*/|\bsố\s*\d|\bngày\s+\d|\d{1,2}/\d{1,2}/\d{4}")


def _identified(entry: str) -> bool:
    return bool(re.search(r"\d+\s*/|\bngày\b|\d{1,2}/\d{1,2}/\d{4}|\bnăm\s+\d{4}", entry))
