"""Vietnamese text helpers shared by search and matching."""

import re
import unicodedata

# đ/Đ are letters of their own, not d with a combining mark, so NFD leaves them alone.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: "Long Biên" -> "long bien"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", bare).strip().lower()
