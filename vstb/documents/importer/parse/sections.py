"""The body of an official document as a tree of sections: each paragraph's label
(`section_label`: "II.", "1.", "a)", "-", "Điều 3.", "Phần thứ hai"), what a heading is about
(`section_kind`), and the tree itself (`build_sections`) with the closing sentences apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vstb.documents import plan_schema
from vstb.documents.importer.parse.paragraphs import Para
from vstb.documents.importer.parse.vocabulary import KIND_WORDS
from vstb.documents.importer.text import TERMINAL, fold_keep, is_upper, key, words_key

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


# The levels of list items, a dash ("- …") and a plus under it ("+ …"): items within a
# section, not numbered sections.
ITEM_LEVELS = ("-", "+")


# "Phần thứ nhất", "PHẦN THỨ HAI", "Phần I", "Phần 2": the parts above the roman sections of a
# long plan or report; "Chương I", "CHƯƠNG II": the chapters above a regulation's articles.
_PART = re.compile(
    r"^(?P<l>ph[ầâa]n\s+(?:th[ứu]\s+)?(?:nh[ấa]t|hai|ba|t[ưu]|b[ốo]n|n[ăa]m|s[áa]u|b[ảa]y|t[áa]m|"
    r"ch[íi]n|m[ưư][ờơ]i|[IVX]{1,4}|\d{1,2})|ch[ưu][ơo]ng\s+(?:[IVX]{1,5}|\d{1,2}))"
    r"\b\s*[.:\-–]?\s*(?P<r>.*)$",
    re.IGNORECASE,
)


def section_label(text: str) -> Label | None:
    """The label of a body paragraph: "II. NHIỆM VỤ" -> roman "II"; "a) …" -> letter "a";
    "- …" -> "-"; "Phần thứ hai. TỔ CHỨC THỰC HIỆN" -> part "Phần thứ hai"."""
    text = text.strip()
    match = _PART.match(text)
    if match and (not match.group("r") or is_upper(match.group("r")[:40])):
        label = match.group("l")
        if fold_keep(label).startswith("chuong"):
            label = "Chương " + label.split()[-1].upper()  # "CHƯƠNG I" as "Điều" is written
        return Label("part", label, match.group("r"))
    match = re.match(r"^(?P<l>[IVX]{1,5})\s*[.):\-–]\s*(?P<r>\S.*)$", text)
    if match and match.group("l") in _ROMAN:
        return Label("roman", match.group("l"), match.group("r"))
    # "Điều 3." or, in a heading set in capitals, "ĐIỀU 3."; a copy may glue "Điều3.".
    match = re.match(r"^(?:[Đđ]iều|ĐIỀU)\s*(?P<n>\d{1,3})\s*[.:]\s*(?P<r>\S.*)$", text)
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
    if index >= 0 and is_upper(paras[index].text):
        # The last heading's first paragraph is its text ("III. TỔ CHỨC THỰC HIỆN" / "Các
        # đơn vị báo cáo … trước ngày 15/12"), not the document's closing sentence.
        trailing = trailing[1:]
    if doc_type == "QĐ" and any(_is_article(p) for p in paras):
        # A decision ends with its last article ("… chịu trách nhiệm thi hành Quyết định
        # này./."): what follows the last article's first line is that article's text.
        trailing = []
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
        if found and found.level in ITEM_LEVELS:
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


def _is_article(para: Para) -> bool:
    found = section_label(para.text)
    return found is not None and found.level == "dieu"


# An article's title is a short phrase ("Điều 1. Phạm vi điều chỉnh"); a longer text, or one
# that ends as a sentence or a list's lead does, is the article's first paragraph.
_ARTICLE_TITLE_WORDS = 12


def _is_heading(found: Label, para: Para, next_labels, next_paras, stack_levels) -> bool:
    if found.level in ("part", "roman", "upper", "arabic-caps"):
        return True
    if found.level == "dieu":
        return len(found.rest.split()) <= _ARTICLE_TITLE_WORDS and not found.rest.endswith(
            (*TERMINAL, ",")
        )
    if para.heading:
        return True
    if not next_paras:
        return False
    following = next_labels[0]
    if following is None:
        belongs = not _is_unlabelled_heading(next_paras[0])
    elif following.level in ITEM_LEVELS:
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
