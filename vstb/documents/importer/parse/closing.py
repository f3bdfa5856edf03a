"""The closing block of an official document: where it starts, the "Nơi nhận" list
(`recipients`) and the signer (`signer`: the authority and position lines, then the name),
also when a copy lost its two columns (`split_closing`); and the "Kính gửi" addressees
(`recipients_to`), a list read the same way.

`_is_authority` and `_looks_like_name` tell a signature's lines; the header and the joining of
lines ask them too, to know where a part of the document starts.
"""

from __future__ import annotations

import re

from vstb.documents.importer.parse.paragraphs import Para
from vstb.documents.importer.parse.sections import section_label
from vstb.documents.importer.parse.vocabulary import (
    ADDRESSEE_DASH,
    GROUNDS_OPENING,
    KINH_GUI,
    NOI_NHAN,
    POSITIONS,
)
from vstb.documents.importer.text import collapse, is_upper, key, strip_end

# "TM.", "KT.", "TL.", "TUQ.", "Q." (Decree 30/2020, Appendix I, part I.8: the signing
# authority); typed also "T/M", "K/T", "T/L", "T/U/Q" with or without the dot.
_AUTHORITY = re.compile(
    r"^(?:T\.?M|K\.?T|T\.?L|T\.?U\.?Q|Q|TUQ)\s*\.\s*\S|^(?:T/M|K/T|T/L|T/U/Q)\.?\s+\S"
    # "QUYỀN CHỦ TỊCH" (acting), not the word of a subject ("… THUỘC THẨM" / "QUYỀN GIẢI QUYẾT")
    r"|^QUYỀN\s+(?:" + "|".join(POSITIONS) + r")\b"
    # and without the dot, as a scan is often read: "KT CHỦ TỊCH"
    r"|^(?:TM|KT|TL|TUQ)\s+[A-ZĐÀ-Ỹ]{2}"
)
_SIGNATURE_NOISE = re.compile(
    r"^[\[(]?\s*(?:đã ký|da ky|ký|ky|ký tên|ký, ghi rõ|chữ ký|đóng dấu|daky|\(?signed)\b.*$",
    re.IGNORECASE,
)
# A line with no word in it: a rule, stray punctuation.
_NO_WORDS = re.compile(r"[\W_]+")
# The dash of a recipient's line under "Nơi nhận:".
_DASHED = re.compile(r"^[-–—•+*]\s*")
# How a recipient's line ends ("…;", "….") and, with the heading's ":", how any line of the
# list does: the line after one is a new recipient, not the rest of this one.
_RECIPIENT_ENDS = (";", ".")
_LIST_LINE_ENDS = (";", ".", ":")


def _is_authority(text: str) -> bool:
    upper = text.upper()
    if _AUTHORITY.match(text):
        return True
    return is_upper(text) and any(upper.startswith(p) for p in POSITIONS)


# A rank or a degree before the signer's name ("Đại tá Phạm Văn Sinh", "PGS.TS. Lê Văn A"): the
# police's and the army's ranks, and the degrees some schools, hospitals and institutes print,
# as real copies show them. Decree 30/2020, Appendix I (the signer's name, element 7b in
# shared/research/regulations.md) prints the name without a degree; the exception for such
# institutions is not confirmed there.
_RANK = re.compile(
    r"^(?:(?:thiếu|trung|thượng|đại)\s+(?:úy|uý|tá|tướng)"
    r"|(?:(?:gs|pgs|ts|ths|bs|bsck(?:i|ii)?|ds|ks|ls|ncs)\.\s*)+)\s*(?=[A-ZĐÀ-Ỹ])",
    re.IGNORECASE,
)


def _without_rank(text: str) -> str:
    """A signer's name without the rank or degree printed before it."""
    return _RANK.sub("", text, count=1)


def _looks_like_name(text: str) -> bool:
    text = _without_rank(text)
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


def _unglue_name(text: str) -> list[str]:
    """A position glued to the signer's name ("PHÓ CHỦ TỊCHTrần Văn A"), as a flattened
    signature block gives it, split in two; any other text as it is."""
    first = next((word for word in text.split() if any(ch.isalpha() for ch in word)), "")
    if first.upper() != first:
        return [text]  # a line whose first word is not in capitals has no position before
    for index in range(2, len(text) - 1):
        if text[index].isupper() and text[index + 1].islower() and text[index - 1].isupper():
            head, tail = text[:index].strip(), text[index:].strip()
            if len(head) >= 3 and is_upper(head) and _looks_like_name(tail):
                return [head, tail]
            break
    return [text]


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
            elif _SIGNATURE_NOISE.match(text) or _NO_WORDS.fullmatch(text):
                continue
            elif _is_authority(text) or is_upper(text):
                signing.append(text)
            elif (
                listed
                and not listed[-1].rstrip().endswith(_LIST_LINE_ENDS)
                and (text.rstrip().endswith(_RECIPIENT_ENDS) or not _looks_like_name(text))
            ):
                listed.append(text)  # a recipient wrapped over two lines
            elif listed and key(listed[-1]).startswith("noinhan") and not _looks_like_name(text):
                listed.append(text)  # the first recipient written without a dash
            else:
                signing.append(text)
    return listed, signing


def _recipient_lines(texts: list[str]) -> list[str]:
    """The lines of the "Nơi nhận" list, from its heading to the first line of the signer."""
    out = []
    for index, text in enumerate(texts):
        if index == 0 and key(text).startswith("noinhan"):
            out.append(text)
            continue
        if _DASHED.match(text):
            out.append(text)
            continue
        if _is_authority(text) or is_upper(text) or _looks_like_name(text):
            break
        if out and not out[-1].rstrip().endswith(_RECIPIENT_ENDS):
            out.append(text)
            continue
        if index <= 1:
            out.append(text)
            continue
        break
    return out


# The items of a list a web page's cell ran onto one line ("Nơi nhận: - Như trên; - TT Tỉnh
# ủy, HĐND tỉnh; - Lưu: VT, VX."): each after the ";" that ends the one before.
_LIST_RUN_TOGETHER = re.compile(r"(?<=;)\s+(?=[-–—•+]\s)")


def recipients(lines: list[str]) -> list[str]:
    """The "Nơi nhận" list: one string per line, without the "-" and the final ";" or "."."""
    out: list[str] = []
    previous = ""
    for text in (
        piece for raw in lines for piece in _LIST_RUN_TOGETHER.split(collapse(raw)) if piece
    ):
        ended, previous = previous.endswith(_LIST_LINE_ENDS), text
        head = NOI_NHAN.match(text)
        if head or key(text).startswith("noinhan"):
            text = text[head.end() :] if head else ""
            if not text:
                continue
        dashed = _DASHED.match(text)
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


# A signing mark inside a line, where a web page's cell ran the signature's lines together
# ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Bùi Đình Long").
_INNER_MARK = re.compile(r"\s+(?=(?:KT|TM|TL|TUQ|K/T|T/M|T/L)\.?\s+[A-ZĐÀ-Ỹ]{2})")
_POSITION = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, POSITIONS), key=len, reverse=True)) + r")(?!\w)"
)


def _signature_lines(text: str) -> list[str]:
    """The lines of a signature block a copy ran onto one line, apart again: at each signing
    mark, at the deputy's position after the one signed for ("KT. CHỦ TỊCH" / "PHÓ CHỦ
    TỊCH"), and before the name in sentence case that ends it. A line that is one already is
    returned as it is."""
    out: list[str] = []
    for part in _INNER_MARK.split(text):
        if _without_rank(part) != part and _looks_like_name(part):
            out.append(part)  # a name with its rank or degree ("PGS.TS. Trần Thị Hoa")
            continue
        words = part.split()
        # the name: the capitalised, not all-capital words that end the part
        cut = len(words)
        while cut > 0 and words[cut - 1][:1].isupper() and not words[cut - 1].isupper():
            cut -= 1
        head, name = " ".join(words[:cut]), " ".join(words[cut:])
        if not (head and is_upper(head) and 2 <= len(words) - cut <= 5):
            head, name = part, ""
        if _AUTHORITY.match(head) and is_upper(head):
            # A position after a comma is the same person's second office ("KT. BỘ TRƯỞNG,
            # CHỦ NHIỆM": the minister who heads the Government's Office), not the deputy's.
            deputy = next(
                (
                    position.start()
                    for position in list(_POSITION.finditer(head))[1:]
                    if not head[: position.start()].rstrip().endswith(",")
                ),
                None,
            )
            if deputy is not None and head[:deputy].strip():
                out += [head[:deputy].strip(), head[deputy:]]
                head = ""
        out += [line for line in (head, name) if line]
    return out


def signer(lines: list[str]) -> dict | None:
    """The authority and position lines and the signer's name."""
    kept = []
    for raw in lines:
        for text in _signature_lines(collapse(raw).strip()):
            text = text.strip()
            if not text or _SIGNATURE_NOISE.match(text) or _NO_WORDS.fullmatch(text):
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
            name = _without_rank(text)
            break
        if is_upper(text) or _is_authority(text):
            if authority and _continues_authority(authority[-1], text):
                authority[-1] = f"{authority[-1]} {text}"
            elif authority and _heading_after(text):
                break  # an attached document's heading under a signature the page left unnamed
            else:
                authority.append(text)
    if not authority and name is None:
        return None
    return {"lines": authority, "name": name}


# The most words the rest of a signature's wrapped line has ("CỦA PHỤ NỮ TỈNH QUẢNG NAM").
_WRAPPED_SIGNATURE_WORDS = 8


def _heading_after(text: str) -> bool:
    """Whether an upper-case line under a signature's lines, none of them itself, is the next
    document's heading ("CỦA ỦY BAN NHÂN DÂN TỈNH … NHIỆM KỲ 2016 - 2021"): too long for a
    signature's line, or dated."""
    return not _is_authority(text) and (
        len(text.split()) > _WRAPPED_SIGNATURE_WORDS or bool(re.search(r"\d", text))
    )


def _continues_authority(previous: str, text: str) -> bool:
    """Whether an upper-case line of a signature block is the rest of the line before it,
    wrapped mid-phrase ("TM. ỦY BAN NHÂN" then "DÂN"; "TM. BAN VÌ SỰ TIẾN BỘ" then "CỦA PHỤ
    NỮ"), rather than a line of its own ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    if _is_authority(text) or any(text.upper().startswith(p) for p in POSITIONS):
        return False
    if text.upper().startswith("PHÓ "):  # a deputy's office, whichever ("PHÓ VĂN PHÒNG")
        return False
    if _heading_after(text):
        return False
    if not (_is_authority(previous) or any(previous.upper().startswith(p) for p in POSITIONS)):
        return False
    # A position line is complete ("PHÓ CHỦ TỊCH"); what follows it is a new line.
    return not any(previous.upper() == p for p in POSITIONS)


# The most words an addressee's line without a dash has ("Ủy ban nhân dân các tỉnh, thành phố
# trực thuộc trung ương"); a longer line under "Kính gửi:" is the letter's first sentence.
_ADDRESSEE_WORDS = 16


# The most words the rest of a dashed addressee wrapped after a comma has ("Huyện;").
_WRAPPED_ADDRESSEE_WORDS = 6


# A dash between addressees run together, a body's name after it ("… - Bộ Công an"), not the
# dash inside a name ("Bộ Lao động - Thương binh và Xã hội").
_DASHED_BODY = re.compile(
    r"\s+[-–]\s+(?=(?:Bộ|Ủy ban|Uỷ ban|UBND|Sở|Ban|Các|Hội|Tổng cục|Cục|Văn phòng|Thủ trưởng|"
    r"Giám đốc|Chủ tịch)\s)"
)


# The end of an addressee where a sentence or a basis starts after it.
_SENTENCE_AFTER = re.compile(r"[.;]\s+(?=[A-ZĐÀ-Ỹ])")


def _without_sentence_after(parts: list[str]) -> list[str]:
    """Addressees a line ran together, up to the letter's first sentence run onto the last one
    ("- Bộ Y tế. Vừa qua, …", as a whole letter copied onto one line gives it)."""
    for index, part in enumerate(parts):
        end = _SENTENCE_AFTER.search(part)
        if end and len(part.split()) > _ADDRESSEE_WORDS:
            return [*parts[:index], part[: end.start()]]
    return parts


def _rest_of_addressee(line: str, most_words: int) -> bool:
    """Whether the line under an addressee wrapped after a comma goes on with it: no dash of
    its own, no grounds, at most `most_words` words."""
    return (
        not ADDRESSEE_DASH.match(line)
        and not GROUNDS_OPENING.match(line)
        and len(line.split()) <= most_words
    )


def recipients_to(paras: list[str]) -> list[str]:
    """The "Kính gửi:" addressees."""
    out = []
    for index, text in enumerate(paras):
        match = KINH_GUI.match(text)
        if not match:
            continue
        first = text[match.end() :].strip()
        following_lines = paras[index + 1 :]
        while (
            first.endswith(",")
            and following_lines
            and _rest_of_addressee(following_lines[0], _ADDRESSEE_WORDS)
        ):
            # one addressee wrapped after a comma ("Hiệu trưởng các trường Mầm non, Tiểu học,"
            # / "THCS trên địa bàn thị xã.")
            first = f"{first} {following_lines[0].strip()}"
            following_lines = following_lines[1:]
        if (
            first
            and following_lines
            and re.fullmatch(r"\([^():]{1,40}\)[;.,]?", following_lines[0].strip())
        ):
            # the rest of the addressee's name in brackets ("Công ty TNHH …" / "(Việt Nam)")
            first = f"{first} {following_lines[0].strip()}"
            following_lines = following_lines[1:]
        while (
            first
            and len(following_lines) >= 2
            and not ADDRESSEE_DASH.match(following_lines[0])
            and not GROUNDS_OPENING.match(following_lines[0])
            and following_lines[0][:1].isupper()
            and len(following_lines[0].split()) <= _ADDRESSEE_WORDS
            and not following_lines[0].rstrip().endswith((".", ":"))
            # nor the date line a flattened header put under the addressees
            and not re.search(r"\bngày\s*\d", following_lines[0], re.IGNORECASE)
            and GROUNDS_OPENING.match(following_lines[1])
        ):
            # another addressee on the line under the first, without a dash, the letter's
            # grounds under it ("Kính gửi: BGH trường …" / "Các anh chị phụ trách …" /
            # "Thực hiện …")
            first = f"{strip_end(first, ';.,')}; - {following_lines[0].strip()}"
            following_lines = following_lines[1:]
        if first:
            # "Kính gửi: - Các sở …; - UBND …" on one line: each addressee after its dash.
            parts = re.split(r"[;,]\s*[-–•+]\s+", re.sub(r"^[-–•+]\s*", "", first))
            if ADDRESSEE_DASH.match(first) and len(parts) == 1:
                # dashed addressees run together without their ";" ("- Bộ Ngoại giao - Bộ Công
                # an"): each after a dash that a body's name follows
                parts = _DASHED_BODY.split(parts[0])
            out.extend(strip_end(part, ";.,") for part in _without_sentence_after(parts))
        if not first and following_lines and not ADDRESSEE_DASH.match(following_lines[0]):
            # Addressees a line each without dashes ("Kính gửi:" / "Các bộ …;" / "UBND …."):
            # lines of a few words, each but the last ending in ";".
            for following in following_lines:
                if len(following.split()) > _ADDRESSEE_WORDS:
                    break
                out.append(strip_end(following, ";.,"))
                if not following.rstrip().endswith(";"):
                    break
        for position, following in enumerate(following_lines):
            dashed = ADDRESSEE_DASH.match(following)
            if not dashed or GROUNDS_OPENING.match(following):
                break  # "- Căn cứ …": the letter's grounds, set as a list, start
            item = following[dashed.end() :]
            rest = following_lines[position + 1 : position + 2]
            if (
                item.rstrip().endswith(",")
                and rest
                and _rest_of_addressee(rest[0], _WRAPPED_ADDRESSEE_WORDS)
            ):
                # one addressee wrapped after a comma ("- Ban Thường vụ Liên đoàn Lao động các
                # Quận," / "Huyện;")
                item = f"{item} {rest[0].strip()}"
            # several a web page's cell ran onto one line ("- Các bộ …; - Ủy ban nhân dân …")
            first, *more = _LIST_RUN_TOGETHER.split(item)
            parts = [first, *(ADDRESSEE_DASH.sub("", item) for item in more)]
            out.extend(strip_end(part, ";.,") for part in _without_sentence_after(parts))
        break
    # A blank left to fill in ("……", "......") names nobody.
    return [item for item in out if item and not re.fullmatch(r"[.…_\s-]+", item)]
