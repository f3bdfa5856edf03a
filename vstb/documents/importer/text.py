"""Small text helpers of the importer: tolerant matching of Vietnamese words.

Officials' files come with or without diacritics, and PDF exports glue words together
("Kếhoạch", "BANHÀNH"). Matching therefore runs on a folded copy of the text that keeps every
character's position (`fold_keep`), so that a match can be cut out of the original, and on a
key of letters only (`key`), so that spacing does not matter.
"""

import re
import unicodedata

from vstb.lib.text import fold

TERMINAL = (".", ";", ":", "!", "?", ")", "”", '"', "…")


def collapse(text: str) -> str:
    return " ".join(text.split())


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return (base[:1] or ch).lower()


class _FoldTable(dict):
    """`str.translate`'s table for `fold_keep`, each character's entry made the first time it
    is met: ASCII lower-cased, any other letter bare of its diacritics."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = ch.lower() if ch.isascii() else _fold_char(ch)
        if len(self) < _FOLD_TABLE_SIZE:  # a file of every character in Unicode stays small
            self[code] = folded
        return folded


# Far more than the characters Vietnamese documents use (Latin with its diacritics, digits,
# punctuation): a bound on what the table keeps in a long-lived worker.
_FOLD_TABLE_SIZE = 4096


_FOLD_TABLE = _FoldTable()


def fold_keep(text: str) -> str:
    """Lower-case, without diacritics, one character for each character of `text`."""
    return text.translate(_FOLD_TABLE)


def key(text: str) -> str:
    """Letters and digits only, folded: "TỔ CHỨC, THỰC HIỆN" -> "tochucthuchien". The national
    name and the motto are spelt one way, whatever a badly converted font made of them."""
    folded = _NOT_KEY.sub("", fold_keep(text))
    if "congh" in folded or "doclaptu" in folded:
        folded = _DAMAGED_HEADER_WORDS.sub(lambda found: _HEADER_WORDS[found.lastgroup], folded)
    return folded


_NOT_KEY = re.compile(r"[^a-z0-9]")
# "CỘNG HỒ" and "CỘNG HỊA" for "CỘNG HÒA" (an old font's "oà" and "òa" converted to one
# letter), "Độc lập – Tự – Hạnh phúc" (a site that drops short words), folded.
_DAMAGED_HEADER_WORDS = re.compile(r"(?P<national>congh(?:o|ia)xahoi)|(?P<motto>doclaptuhanhphuc)")
_HEADER_WORDS = {"national": "conghoaxahoi", "motto": "doclaptudohanhphuc"}


def words_key(text: str) -> str:
    """Folded words separated by one space, punctuation dropped."""
    return collapse(re.sub(r"[^a-z0-9]+", " ", fold(text)))


def is_upper(text: str) -> bool:
    """True when the text has letters and none of them is lower-case."""
    if not text.isupper() and text != text.upper():
        return False  # a letter in lower case: the common answer, without a loop in Python
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(not ch.islower() for ch in letters)


def strip_end(text: str, chars: str = ";.,") -> str:
    text = text.strip()
    while text and text[-1] in chars:
        if text.endswith("..."):
            break
        text = text[:-1].rstrip()
    return text
