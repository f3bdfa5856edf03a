"""Agency names as officials write them, matched to the unit's agencies.

"Phòng Lao động TB&XH quận", "Phòng LĐTBXH" and "Phòng Lao động – Thương binh và Xã hội
Thành phố" are one agency. Names are compared in a canonical form: without case or
diacritics, with the abbreviations of GLOSSARY.md written out, without "và" and without the
trailing level words and place name ("quận", "thành phố", "Long Biên").
"""

import re

from vstb.lib.text import fold

# Abbreviation (folded) → words (folded). Longest first, so "ld tb va xh" wins over "tb va xh".
ABBREVIATIONS = [
    ("ld tb va xh", "lao dong thuong binh va xa hoi"),
    ("ld tbxh", "lao dong thuong binh va xa hoi"),
    ("ldtbxh", "lao dong thuong binh va xa hoi"),
    ("tb va xh", "thuong binh va xa hoi"),
    ("tbxh", "thuong binh va xa hoi"),
    ("gd va dt", "giao duc va dao tao"),
    ("gddt", "giao duc va dao tao"),
    ("vh tt", "van hoa thong tin"),
    ("vhtt", "van hoa thong tin"),
    ("tc kh", "tai chinh ke hoach"),
    ("tckh", "tai chinh ke hoach"),
    ("hoi lhpn", "hoi lien hiep phu nu"),
    ("hlhpn", "hoi lien hiep phu nu"),
    ("lhpn", "lien hiep phu nu"),
    ("ldld", "lien doan lao dong"),
    ("mttq", "mat tran to quoc"),
    ("ubnd", "uy ban nhan dan"),
    ("bvstbpn", "ban vi su tien bo cua phu nu"),
    ("ttyt", "trung tam y te"),
]
LEVEL_WORDS = ["thanh pho", "thi xa", "thi tran", "quan", "huyen", "tinh", "phuong", "xa", "tp"]
POLITE_PREFIXES = ["de nghi "]


def canonical(name: str, place: str = "") -> str:
    text = fold(name).replace("&", " va ").replace("–", " ").replace("-", " ")
    text = re.sub(r"\s+", " ", text).strip()
    for prefix in POLITE_PREFIXES:
        text = text.removeprefix(prefix)
    text = re.sub(r"(?<=\s)p\.\s*", "phong ", f" {text} ")  # "P.LĐTBXH": Phòng LĐTBXH
    for short, full in ABBREVIATIONS:
        text = re.sub(rf"(?<=\s){re.escape(short)}(?=\s)", full, text)
    words = [w for w in text.split() if w != "va"]
    place_words = [w for w in fold(place).split() if w != "va"]
    changed = True
    while changed and words:
        changed = False
        if (
            place_words
            and words[-len(place_words) :] == place_words
            and len(words) > len(place_words)
        ):
            words, changed = words[: -len(place_words)], True
        for level in LEVEL_WORDS:
            level_words = level.split()
            if len(words) > len(level_words) and words[-len(level_words) :] == level_words:
                words, changed = words[: -len(level_words)], True
                break
    return " ".join(words)


def find_agency(agencies, name: str, place: str = ""):
    """The one agency `name` designates among `agencies`, or None when none or several do."""
    wanted = canonical(name, place)
    if not wanted:
        return None
    forms = [
        (agency, {canonical(agency.name, place), canonical(agency.short_name, place)} - {""})
        for agency in agencies
    ]
    exact = [agency for agency, names in forms if wanted in names]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    # A written name may stop short of the full one ("Phòng Tư pháp" of "Phòng Tư pháp quận
    # Long Biên"), never run past it: "UBND các phường" is not the district's UBND.
    prefix = [agency for agency, names in forms if any(n.startswith(wanted + " ") for n in names)]
    return prefix[0] if len(prefix) == 1 else None
