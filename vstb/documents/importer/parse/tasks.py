"""Who does what: the tasks of a plan's tasks and implementation sections, each with its lead,
support and units (agencies.py) and dates (dates.py), the agencies the implementation part
assigns duties to, and the deadlines the tasks set."""

from __future__ import annotations

import re

from vstb.documents.importer import agencies, dates
from vstb.documents.importer.text import strip_end

_COLON_AGENCY = re.compile(r"^(?P<a>[^:]{3,90}?)\s*:\s+(?P<rest>\S.*)$")


def _colon_agency(text: str) -> tuple[str | None, str]:
    match = _COLON_AGENCY.match(text)
    if match and agencies.is_agency_heading(match.group("a")):
        return agencies.agency_of_heading(match.group("a")), match.group("rest")
    return None, text


# Sections that are a paragraph or a dashed item of the section above, not a numbered part.
_UNNUMBERED = (None, "-")


def tasks_and_assignments(
    sections: list[dict], year: int | None, issued: str | None = None
) -> tuple[list, list, list]:
    """(tasks, assignments, deadlines) of the tasks and implementation sections. `year` and
    `issued` (the document's date) date what is written without a year."""
    tasks: list[dict] = []
    assignments: list[dict] = []
    found_deadlines: list[dict] = []
    heading_agency: dict[int, str] = {}

    # Agencies named by the headings of the implementation part, at any depth, and by the
    # "Phòng X: …" items there, in document order.
    def mark(section_list, inside):
        for section in section_list:
            implementing = section["kind"] == "implementation" and inside
            if implementing and section["label"] is not None and section["title"] is None:
                agency, rest = _colon_agency(" ".join(section["paragraphs"]))
                if agency:
                    assignments.append({"agency": agency, "duties": [rest]})
                continue
            if section["label"] in _UNNUMBERED:
                continue
            if implementing and section["title"]:
                if agencies.is_agency_heading(section["title"]):
                    agency = agencies.agency_of_heading(section["title"])
                    heading_agency[id(section)] = agency
                    duties = list(section["paragraphs"])
                    for child in section["children"]:
                        if child["paragraphs"]:
                            duties.append(
                                child["paragraphs"][0]
                                if child["label"] == "-"
                                else " ".join(child["paragraphs"])
                            )
                        elif child["title"]:
                            duties.append(child["title"])
                    assignments.append({"agency": agency, "duties": duties})
                    continue
            mark(section["children"], inside or section["kind"] == "implementation")

    mark(sections, False)

    def agency_for(path_sections):
        for section in reversed(path_sections):
            if id(section) in heading_agency:
                return heading_agency[id(section)]
        return None

    def add(slot, text, heading, kind):
        tasks.append(_task(slot, text, heading, kind, (year, issued), assignments))

    def visit(section_list, prefix, chain):
        for section in section_list:
            if section["label"] in _UNNUMBERED:
                continue
            path = f"{prefix}.{section['label']}" if prefix else section["label"]
            here = [*chain, section]
            if section["kind"] in ("tasks", "implementation") and _with_attributes(section):
                # One activity and what it is given ("- Đơn vị chủ trì: …", "- Thời gian: …"):
                # one task, not a task per line.
                text = "; ".join(strip_end(t, ";.") for t in _activity_lines(section))
                add(path, text, agency_for(here), section["kind"])
                continue
            if section["kind"] in ("tasks", "implementation"):
                heading = agency_for(here)
                paragraphs = section["paragraphs"]
                for i, text in enumerate(paragraphs, 1):
                    slot = path if len(paragraphs) == 1 else f"{path}.p{i}"
                    add(slot, text, heading, section["kind"])
                dashes = [c for c in section["children"] if c["label"] == "-"]
                for i, child in enumerate(dashes, 1):
                    text = " ".join(child["paragraphs"])
                    add(f"{path}.-{i}", text, heading, section["kind"])
            visit(section["children"], path, here)

    visit(sections, "", [])
    for task in tasks:
        found_deadlines += dates.deadlines(
            task["text"], year, task["lead"][0] if task["lead"] else None, issued
        )
    return tasks, assignments, found_deadlines


# What a line giving an activity's lead, partners or time names before its colon ("- Đơn vị
# chủ trì: Sở Lao động - Thương binh và Xã hội", "- Thời gian thực hiện: Quý II/2025"): these
# make a line list an activity's, with their colon, not the verb that opens a task ("Phối hợp
# với Hội Liên hiệp phụ nữ …"); and the other things a plan gives an activity ("- Kinh phí: …").
_ACTIVITY_WORDS = "chủ trì|phối hợp|thời gian|thời hạn|tiến độ"
_OTHER_WORDS = (
    "thực hiện|tham mưu|kinh phí|nguồn kinh phí|sản phẩm|kết quả|địa điểm|đối tượng|thành phần"
)


def _attribute_line(words: str) -> re.Pattern:
    return re.compile(
        rf"^(?:(?:cơ quan|đơn vị|bộ phận)\s+)?(?:{words})(?:\s+(?!với\b)\w+){{0,3}}\s*:",
        re.IGNORECASE,
    )


_ACTIVITY_ATTRIBUTE = _attribute_line(_ACTIVITY_WORDS)
_ATTRIBUTE = _attribute_line(f"{_ACTIVITY_WORDS}|{_OTHER_WORDS}")


def _with_attributes(section: dict) -> bool:
    """A numbered activity whose lines say who leads it or when ("1. Tổ chức hội nghị …" /
    "- Đơn vị chủ trì: …" / "- Thời gian: tháng 12/2025"), with nothing numbered under it."""
    if section["label"] in _UNNUMBERED or any(
        child["label"] not in _UNNUMBERED for child in section["children"]
    ):
        return False
    lines = _activity_lines(section)
    if not any(_ACTIVITY_ATTRIBUTE.match(line) for line in lines):
        return False
    # Without a heading, the activity is its first line and every line after it one of its
    # attributes: otherwise the lines are tasks of their own that name a lead.
    return bool(section["title"]) or all(_ATTRIBUTE.match(line) for line in lines[1:])


def _activity_lines(section: dict) -> list[str]:
    """The activity's name, its text and its attributes, in the document's order."""
    lines = [section["title"]] if section["title"] else []
    lines += section["paragraphs"]
    lines += [" ".join(child["paragraphs"]) for child in section["children"] if child["paragraphs"]]
    return [line for line in lines if line]


def _task(path, text, heading_agency, kind, when, assignments) -> dict:
    """One task; `when`: the document's year and date, for the dates written without a
    year."""
    lead: list[str] = []
    body = text
    if heading_agency:
        lead = [heading_agency]
    elif kind == "implementation":
        agency, body = _colon_agency(text)
        if agency:
            lead = [agency]
    if not lead:
        lead = agencies.lead(body)
    units = agencies.units(body)
    if heading_agency and agencies.units(heading_agency) == [heading_agency]:
        units = [heading_agency] + [u for u in units if u != heading_agency]
    support = [s for s in agencies.support(body) if s not in lead]
    due, period = dates.task_dates(text, *when)
    return {
        "path": path,
        "text": text,
        "lead": lead,
        "support": support,
        "units": units,
        "due": due,
        "period": period,
    }


def section_texts(sections: list[dict]) -> list[str]:
    out = []
    for section in sections:
        if section["title"]:
            out.append(section["title"])
        out.extend(section["paragraphs"])
        out.extend(section_texts(section["children"]))
    return out
