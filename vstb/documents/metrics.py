"""How wide a line of Times New Roman is, to size the rules of the header and wrap its lines.

Decree 30/2020/NĐ-CP draws rules whose length depends on the text above them (Appendix I,
Part I, II.1.b and II.2.b), and Word has no "as wide as the line above" border, so the
renderer measures the text itself. The advance widths are those of Liberation Serif, which
is metric-compatible with Times New Roman (same widths by design), in font units of 1/2048
em, for ASCII 32–126. A Vietnamese letter has the width of its base letter, except that the
horn of ư and ơ widens them a little (ignored: the rules only need to be about right).
"""

import unicodedata

_EM = 2048
_FIRST = 32
# fmt: off
_REGULAR = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886,
    1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
    1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
    682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
    1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108
)
_BOLD = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024,
    1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479,
    1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190,
    1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139,
    1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065
)
# fmt: on
_OTHER = {"–": 1024, "—": 2048, "“": 1024, "”": 1024, "…": 2048}


def char_width(char: str, bold: bool) -> int:
    if char in _OTHER:
        return _OTHER[char]
    base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[:1] or " "
    table = _BOLD if bold else _REGULAR
    index = ord(base) - _FIRST
    return table[index] if 0 <= index < len(table) else _EM // 2


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` in points at `size` points."""
    return sum(char_width(char, bold) for char in text) * size / _EM


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` broken at spaces into lines no wider than `width` points, as Word does."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines
