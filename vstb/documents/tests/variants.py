"""Rewrite a plain-text official document into the copies officials really paste: the header
and signature tables copied cell by cell or with their "|" borders, the two columns of a
block flattened in either order, lines hard-wrapped at any width, Word's drawing objects
named in the text, and the encodings' quirks (NFD, CRLF, non-breaking spaces).

Each function takes the document's text, as written with its two columns separated by a run
of spaces, and returns a variant that must read into the same fields.
"""

import re
import textwrap
import unicodedata

# Two columns on one line: a run of four spaces or more between text (not the blank of an
# undated "ngày      tháng").
_GAP = re.compile(r"(?<!ngày)\s{4,}(?=\S)")


def _columns(line: str) -> list[str]:
    return [part.strip() for part in _GAP.split(line.strip(), maxsplit=1)]


def cells_per_line(text: str) -> str:
    """Each cell of a two-column row on its own line, row by row (left, right, left…)."""
    return "\n".join(part for line in text.splitlines() for part in _columns(line)) + "\n"


def pipe_joined(text: str) -> str:
    """The two cells of a row on one line, separated by " | "."""
    return "\n".join(" | ".join(_columns(line)) for line in text.splitlines()) + "\n"


def pipe_alone(text: str) -> str:
    """Each cell on its own line with the border between them alone on a line."""
    out = []
    for line in text.splitlines():
        parts = _columns(line)
        out += [parts[0], "|", parts[1]] if len(parts) == 2 else [line]
    return "\n".join(out) + "\n"


def flattened(text: str, right_first: bool = False) -> str:
    """Every two-column block (the header, the "Nơi nhận" and signer block) as one column
    after the other: the left column first, or the right one."""
    lines, out, index = text.splitlines(), [], 0
    while index < len(lines):
        if len(_columns(lines[index])) < 2:
            out.append(lines[index])
            index += 1
            continue
        left, right = [], []
        while index < len(lines) and lines[index].strip():
            parts = _columns(lines[index])
            if len(parts) < 2 and not lines[index].lstrip().startswith(("-", "+")):
                break
            left.append(parts[0])
            right += parts[1:]
            index += 1
        out += right + left if right_first else left + right
    return "\n".join(out) + "\n"


def wrapped(text: str, width: int) -> str:
    """Cells per line, then every line hard-wrapped at `width` characters."""
    out = []
    for line in cells_per_line(text).splitlines():
        out += textwrap.wrap(line, width, break_on_hyphens=False) or [""]
    return "\n".join(out) + "\n"


def drawing_leftovers(text: str) -> str:
    """The names of Word's drawing objects glued before the number and under the motto."""
    text = re.sub(r"(?m)^(\s*)Số:", r"\1Straight Connector 2Số:", text, count=1)
    return re.sub(r"(?m)^(.*Hạnh phúc.*)$", r"\1\nText Box 5", text, count=1)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def non_breaking_spaces(text: str) -> str:
    return re.sub(r"(?<=\S) (?=\S)", "\u00a0", text, count=60)


# What a page that publishes documents prints above one: a login notice, the page's headline
# and the time it posted it, its list of related documents, a table of the document's details.
PAGE_ABOVE = (
    "Để dùng đầy đủ các tiện ích của trang, vui lòng chọn và đăng ký một gói dịch vụ.\n"
    "Nếu bạn đã là thành viên. Vui lòng ĐĂNG NHẬP để đọc tiếp.\n"
    "Văn bản mới cập nhật\n"
    "Ngày 14/02/2024 08:30:12\n"
    "- 1Luật Bình đẳng giới 2006\n"
    "- 2Nghị quyết 28/NQ-CP năm 2021 ban hành Chiến lược quốc gia về bình đẳng giới giai"
    " đoạn 2021 - 2030 do Chính phủ ban hành\n"
    "Số hiệu | 99/KH-UBND |\n"
    "Loại văn bản | Kế hoạch |\n"
    "Người ký | Nguyễn Văn A |\n"
)


def under_a_web_page(text: str) -> str:
    """The document as a page that publishes it is copied: the page's own lines above it."""
    return PAGE_ABOVE + text


LAYOUTS = {
    "under a web page's own lines": under_a_web_page,
    "cells per line": cells_per_line,
    "| between cells": pipe_joined,
    "| alone on a line": pipe_alone,
    "left column first": flattened,
    "right column first": lambda text: flattened(text, right_first=True),
    "Word drawing objects": drawing_leftovers,
}
ENCODINGS = {"NFD": nfd, "CRLF": crlf, "non-breaking spaces": non_breaking_spaces}
