"""Who does what by when, written into a `vstb.plan/1` document the way the seeds write it.

A plan built or edited in VSTB records each task's lead agency (chủ trì), supporting agencies
(phối hợp) and deadline as data; the issued document must say them too. The seeds show two
ways, and `written_out` follows the one the plan already uses:

- by agency (Long Biên's plan): the "Tổ chức thực hiện" part lists each agency with its
  duties. A task's lead and supporting agencies get a duty under the agency's heading there,
  added to the heading the plan already has for that agency, or under a new one; the part
  itself is added after the last numbered part when the plan has none;
- per task, where the plan writes "Chủ trì: …" after its tasks: a line "Chủ trì: …; Phối
  hợp: …; Thời gian: …" under each task, as under a duty of the "Tổ chức thực hiện" part
  (its heading already names the lead).

Only what the text does not already say is added: an agency the task's item or its headings
already name, or a date already written, is not repeated. The result is for rendering: the
stored document (plan_to_json) keeps the text as written.
"""

import copy
import re
from datetime import date

from vstb.documents.plan_schema import new_section
from vstb.org.matching import canonical

IMPLEMENTATION_TITLE = "TỔ CHỨC THỰC HIỆN"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PER_TASK = re.compile(r"\bchủ trì\s*:", re.IGNORECASE)


def written_out(plan: dict) -> dict:
    """A copy of `plan` whose body says each task's agencies and deadline."""
    document = copy.deepcopy(plan)
    issuer = (document.get("issuer") or {}).get("name") or ""
    # Agencies are written with or without their unit's place ("Phòng Tư pháp quận Long
    # Biên", "Phòng Tư pháp quận"): names are compared without it.
    place = document.get("place") or ""
    sections = document.get("sections") or []
    places = _places(sections)
    per_task = any(PER_TASK.search(text) for text in _all_texts(sections))
    lines: dict[int, dict[int, str]] = {}  # id(section) → paragraph → line to add after it
    duties: dict[str, list[str]] = {}  # agency → duty items, in order of first mention
    for task in document.get("tasks") or []:
        found = places.get(task.get("path") or "")
        if found is None:
            continue
        section, paragraph, ancestors = found
        texts = section.get("paragraphs") or []
        text = texts[paragraph] if paragraph < len(texts) else (section.get("title") or "")
        headings = [section, *ancestors]
        context = " ".join([text, *(heading.get("title") or "" for heading in headings)])
        lead = [name for name in task.get("lead") or [] if not _names(context, name, place)]
        support = [n for n in task.get("support") or [] if not _names(context, n, place)]
        # The issuing body's own work ("Ủy ban nhân dân phường Bồ Đề" in the ward's own plan)
        # needs no attribution.
        lead = [name for name in lead if not _is(issuer, name, place)]
        when = _when(task, text)
        in_implementation = any(a.get("kind") == "implementation" for a in ancestors)
        if per_task or in_implementation or not (lead or support):
            line = _task_line(lead, support, when)
            if line:
                lines.setdefault(id(section), {})[paragraph] = line
            continue
        for role, names in (("Chủ trì", lead), ("Phối hợp", support)):
            for name in names:
                duties.setdefault(name, []).append(_duty(role, text, when))
    _add_lines(sections, lines)
    if duties:
        _add_duties(sections, duties, place)
    document["sections"] = sections
    return document


def _task_line(lead: list[str], support: list[str], when: str) -> str:
    parts = []
    if lead:
        parts.append(f"Chủ trì: {', '.join(lead)}")
    if support:
        parts.append(f"Phối hợp: {', '.join(support)}")
    if when:
        parts.append(f"Thời gian: {when}")
    return "; ".join(parts) + "." if parts else ""


def _duty(role: str, text: str, when: str) -> str:
    duty = f"{role}: {text.rstrip(' .;')}"
    return f"{duty} (thời gian: {when})." if when else f"{duty}."


def _when(task: dict, text: str) -> str:
    """ "trước ngày 15/12/2025" or "từ ngày … đến ngày …", unless the text gives the date."""
    period = task.get("period") or {}
    due, start, end = (_date(task.get("due")), _date(period.get("start")), _date(period.get("end")))
    if due and not _gives(text, due):
        return f"trước ngày {due:%d/%m/%Y}"
    if start and end and not _gives(text, start):
        return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    return ""


def _gives(text: str, day: date) -> bool:
    return bool(re.search(rf"(?<!\d)0?{day.day}/0?{day.month}(?!\d)", text))


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _names(text: str, name: str, place: str) -> bool:
    """Whether `text` already names the agency `name`, as officials write it."""
    wanted = canonical(_words(name), place)
    return bool(wanted) and f" {wanted} " in f" {canonical(_words(text), place)} "


def _is(text: str, name: str, place: str) -> bool:
    return bool(text) and canonical(_words(text), place) == canonical(_words(name), place)


def _words(text: str) -> str:
    return re.sub(r"[^\w&–-]+", " ", text)


# Places of tasks: the same paths as vstb.plan/1 (plans/services.py, body_tree).


def _places(sections: list[dict]) -> dict[str, tuple[dict, int, list[dict]]]:
    places: dict[str, tuple[dict, int, list[dict]]] = {}

    def visit(items: list[dict], parent_path: str, ancestors: list[dict]) -> None:
        dashes = 0
        for section in items:
            label = section.get("label")
            if label == "-":
                dashes += 1
                path = f"{parent_path}.-{dashes}" if parent_path else f"-{dashes}"
            elif label:
                path = f"{parent_path}.{label}" if parent_path else label
            else:
                path = parent_path
            paragraphs = section.get("paragraphs") or []
            if len(paragraphs) > 1:
                for index in range(len(paragraphs)):
                    places.setdefault(f"{path}.p{index + 1}", (section, index, ancestors))
            else:
                places.setdefault(path, (section, 0, ancestors))
            visit(section.get("children") or [], path, [*ancestors, section])

    visit(sections, "", [])
    return places


def _all_texts(sections: list[dict]):
    for section in sections:
        yield from section.get("paragraphs") or []
        yield from _all_texts(section.get("children") or [])


def _add_lines(sections: list[dict], lines: dict[int, dict[int, str]]) -> None:
    for section in sections:
        added = lines.get(id(section))
        if added:
            paragraphs = list(section.get("paragraphs") or [])
            if not paragraphs:  # a task that is a heading: its line is the first paragraph
                paragraphs = [added[0]]
            else:
                for index in sorted(added, reverse=True):
                    paragraphs.insert(index + 1, added[index])
            section["paragraphs"] = paragraphs
        _add_lines(section.get("children") or [], lines)


def _add_duties(sections: list[dict], duties: dict[str, list[str]], place: str) -> None:
    part = next((s for s in sections if s.get("kind") == "implementation"), None)
    if part is None:
        part = new_section(_next_roman(sections), IMPLEMENTATION_TITLE, kind="implementation")
        last = max((i for i, s in enumerate(sections) if s.get("label")), default=-1)
        sections.insert(last + 1, part)
    headings = part.setdefault("children", [])
    for agency, items in duties.items():
        heading = next((h for h in headings if _is_heading_of(h, agency, place)), None)
        if heading is None:
            number = sum(1 for h in headings if (h.get("label") or "").isdigit()) + 1
            heading = new_section(str(number), agency)
            headings.append(heading)
        heading.setdefault("children", []).extend(
            new_section("-", None, paragraphs=[item]) for item in items
        )


def _is_heading_of(heading: dict, agency: str, place: str) -> bool:
    title = re.sub(r"\(.*?\)", " ", heading.get("title") or "")
    return bool(title.strip()) and _is(title, agency, place)


def _next_roman(sections: list[dict]) -> str | None:
    labels = [s.get("label") for s in sections if s.get("label") in ROMAN]
    if not labels and any(s.get("label") for s in sections):
        return None
    index = max((ROMAN.index(label) for label in labels), default=-1) + 1
    return ROMAN[index] if index < len(ROMAN) else None
