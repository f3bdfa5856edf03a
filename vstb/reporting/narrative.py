"""Merging the narratives of the reports a unit compiles, section by section.

A report's narrative has the sections of NARRATIVE_SECTIONS (results, difficulties,
recommendations, direction), and a results text is written under headings: the parts of the
plan its activities carried out ("1. Công tác tuyên truyền…", as `services.prefill` writes
them), or whatever headings the reporter typed. Compiling puts, under each heading, each
contributor's text once ("- Phường Bồ Đề: …"), without the contributor's own headings, so
that the compiled text reads as one report and is ready to edit.

Nothing is ever lost: a line that falls under no heading goes to an "other content" part at
the end; a heading that names one of the report's own sections ("III. KHÓ KHĂN, VƯỚNG MẮC"
typed inside the results) sends what follows it to that section.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from vstb.lib.text import fold

# The report's own sections as documents title them (reporting/document.py), and the words a
# reporter types for them: a heading matching one is dropped, its text goes to that section.
SECTION_TITLES = {
    "results": ("KẾT QUẢ THỰC HIỆN", "KẾT QUẢ", "KẾT QUẢ ĐẠT ĐƯỢC"),
    "difficulties": ("KHÓ KHĂN, VƯỚNG MẮC", "KHÓ KHĂN, HẠN CHẾ", "TỒN TẠI, HẠN CHẾ"),
    "recommendations": ("KIẾN NGHỊ, ĐỀ XUẤT", "KIẾN NGHỊ", "ĐỀ XUẤT, KIẾN NGHỊ"),
    "next_period": ("PHƯƠNG HƯỚNG", "PHƯƠNG HƯỚNG, NHIỆM VỤ", "NHIỆM VỤ TRỌNG TÂM"),
}

# "I. ", "II. ", "1. ", "2.1. ", "3) ": a numbered heading. Lettered items ("a)") are the
# contributor's own sub-points, kept as text: "a)" in two reports are not the same part.
NUMBERED = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s+(?=\S)")
# Bullets opening a line, stripped with the spaces between them ("- ", "+ ", "• ").
BULLETS = "-+•*– \t"
# A heading is short; a numbered line ending a sentence is a numbered point of text.
MAX_HEADING = 160


def heading_key(line: str) -> str:
    """What two headings share when they name the same part: "2. Công tác tuyên truyền:"
    and "1. CÔNG TÁC TUYÊN TRUYỀN" → "cong tac tuyen truyen"."""
    return fold(NUMBERED.sub("", line.strip()).rstrip(":").strip())


SECTION_OF = {heading_key(title): key for key, titles in SECTION_TITLES.items() for title in titles}


def is_heading(line: str, known: set[str]) -> bool:
    if line[0] in BULLETS or len(line) > MAX_HEADING:
        return False
    if heading_key(line) in known:
        return True
    if NUMBERED.match(line):
        return not line.endswith((".", ";", ","))
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and line == line.upper()


@dataclass
class Part:
    title: str  # the heading as it will be written; "" for the text under no heading
    blocks: list[tuple[str, list[str]]] = field(default_factory=list)  # (contributor, lines)


@dataclass
class MergedSection:
    """One narrative section being merged: its parts by heading key, in order."""

    parts: dict[str, Part] = field(default_factory=dict)

    def part(self, key: str, title: str) -> Part:
        if key not in self.parts:
            self.parts[key] = Part(title)
        return self.parts[key]

    def text(self) -> str:
        other = self.parts.get("")
        headed = [part for key, part in self.parts.items() if key and part.blocks]
        out = []
        for part in headed:
            out.append(part.title)
            out.extend(line for block in part.blocks for line in _attributed(*block))
        if other and other.blocks:
            if headed:
                out.append(_("Other content"))
            out.extend(line for block in other.blocks for line in _attributed(*block))
        return "\n".join(out)


def _attributed(contributor: str, lines: list[str]) -> list[str]:
    """ "- Phường Bồ Đề: …" once, its further lines as "+ …" below it."""
    if len(lines) == 1:
        return [f"- {contributor}: {lines[0]}"]
    return [f"- {contributor}:", *["+ " + line for line in lines]]


def merge(
    contributions: list[tuple[str, dict]],
    section_keys: list[str],
    template: dict[str, list[str]] | None = None,
) -> dict[str, str]:
    """{section key: merged text} from [(contributor's name, its narrative dict)].

    `template` gives, per section, the headings expected in that order (the parts of the
    plan the requirement came from); other headings follow in the order first met."""
    sections = {key: MergedSection() for key in section_keys}
    # The heading pre-filled reports give activities carried out under no task.
    known = {*SECTION_OF, heading_key(_("Other activities"))}
    for key, titles in (template or {}).items():
        for title in titles:
            sections[key].part(heading_key(title), title)
            known.add(heading_key(title))
    for contributor, narrative in contributions:
        # (section, heading key) → lines of this contributor, in the order met
        found: dict[tuple[str, str], list[str]] = {}
        titles: dict[tuple[str, str], str] = {}
        for key in section_keys:
            target, heading = key, ""
            lines = [
                line for line in map(str.strip, (narrative or {}).get(key, "").splitlines()) if line
            ]
            if all(line[0] in BULLETS for line in lines):
                # Only bulleted lines (a compiled report's text): no heading among them.
                text = [bare for bare in (line.lstrip(BULLETS) for line in lines) if bare]
                if text:
                    found.setdefault((key, ""), []).extend(text)
                continue
            marks = [is_heading(line, known) for line in lines]
            for index, line in enumerate(lines):
                hkey = heading_key(line) if marks[index] else ""
                if hkey in SECTION_OF and SECTION_OF[hkey] in sections:
                    target, heading = SECTION_OF[hkey], ""
                    continue
                if hkey and index + 1 < len(lines):
                    if marks[index + 1]:
                        continue  # a heading over headings ("II. NỘI DUNG…"): structure only
                    heading = hkey
                    titles.setdefault((target, hkey), line.rstrip(":").strip())
                    continue
                # A heading last of all, with nothing under it, is kept as text.
                text = line.lstrip(BULLETS)
                if text:
                    found.setdefault((target, heading), []).append(text)
        for (key, hkey), lines in found.items():
            title = titles.get((key, hkey), "")
            sections[key].part(hkey, title).blocks.append((contributor, lines))
    return {key: section.text() for key, section in sections.items()}
