"""The hand-checked `vstb.plan/1` JSON of the three seed documents.

`vstb/documents/seeds/<name>.json` is the expected output of the importer for
`vstb/documents/seeds/<name>.txt` (a copy of `/work/shared/seeds/<name>.txt`), and the seed plan
that the demo loads and renders back to DOCX. These tests check that each JSON is complete
(every PLAN_JSON.md field plus "preamble") and that rendering it with the project's section
conventions gives back the seed's text paragraph by paragraph.

Conventions of the seed JSON (the importer must follow them to compare field by field):

- Section tree: "{label}. {title}" for a labelled heading; a "-" item is a child section with
  label "-", title null, one paragraph, kind of its parent; a numbered sentence item has label
  "1", title null and its sentence as paragraph; a plain paragraph after a section's children
  (a closing paragraph) is a section with label null and title null at the level where it
  appears (top level, kind "other", for the closing paragraph of the document).
- Task paths: the chain of section labels joined with "." ("II.1"); the n-th "-" item of the
  section at path P is "P.-n" ("II.1.-3", counting "-" items only, from 1); a section's plain
  paragraphs are tasks too: path P when the section has one paragraph ("III.2"), "P.p1",
  "P.p2"… when it has several. Tasks are the "-" items and paragraphs of the tasks and
  implementation sections (not of the purpose section, not the closing paragraphs), in
  document order.
- lead: the agency named as chủ trì, the agency that is the grammatical subject of the task
  when it is a specific body, or the implementation heading the duty sits under (without
  "Đề nghị" and without a parenthesised note). support: specific agencies after "phối hợp
  với" (not generic groups such as "các ngành", "các đơn vị liên quan"). units: lower units
  named as addressees ("UBND các xã, phường", "Ban Vì sự tiến bộ của phụ nữ các quận,
  huyện"), and "UBND các phường" for the duties under that heading.
- due: a single date (a "trước ngày" deadline, or the one day the task is held for, "nhân dịp
  … 20/10"); period: one date range ("từ ngày 15/11-15/12/2025", "tháng 6/2022"). A task that
  names several separate dates or ranges has neither (the events list carries them).
- events: one per distinct date or range, in the order of first mention, named as first
  mentioned. Dates without a year take the document's year.
- recipients: one string per line of "Nơi nhận" (so "Sở LĐ-TB&XH; Ban VSTBPN TPHN" is one line).
"""

from __future__ import annotations

import difflib
import json
import re
from datetime import date
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SEED_NAMES = [
    "bimson-2017-chuong-trinh",
    "haiphong-2022-chuong-trinh",
    "longbien-2025-ke-hoach",
]

# PLAN_JSON.md fields, in order, with the project's "preamble" right after "subject".
FIELDS = [
    "schema",
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "place",
    "date",
    "date_partial",
    "title",
    "subject",
    "authority",
    "preamble",
    "year",
    "recipients_to",
    "bases",
    "sections",
    "tasks",
    "assignments",
    "deadlines",
    "events",
    "recipients",
    "signer",
    "countersigner",
    "annexes",
    "warnings",
]
KINDS = {"purpose", "tasks", "funding", "implementation", "other"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TERMINAL = (".", ";", ":", "!", "?", ")", "”")


def load(name: str) -> dict:
    return json.loads((SEEDS_DIR / f"{name}.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- seed text


def collapse(s: str) -> str:
    return " ".join(s.split())


def seed_lines(name: str) -> list[str]:
    """The seed's non-empty lines: markdown marks removed, whitespace collapsed, and a sentence
    broken across a page break (a line not ending in . ; : ! ? ) ” followed by blank lines and
    a line starting with a lower-case letter) joined into one line."""
    text = (SEEDS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    lines: list[str] = []
    blank_before = False
    for raw in text.splitlines():
        line = collapse(re.sub(r"^\s*#+\s*", "", raw).replace("*", ""))
        if not line:
            blank_before = True
            continue
        if lines and blank_before and not lines[-1].endswith(TERMINAL) and line[0].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        blank_before = False
    # The distribution list: "- X;" in the seed is "X" in the JSON.
    if "Nơi nhận:" in lines:
        i = lines.index("Nơi nhận:") + 1
        while i < len(lines) and lines[i].startswith("- "):
            lines[i] = strip_recipient(lines[i])
            i += 1
    return [number_line(x) for x in lines]


def strip_recipient(line: str) -> str:
    return re.sub(r"[;.]$", "", re.sub(r"^-\s*", "", line))


def number_line(line: str) -> str:
    """Make "Số: 02 /CTr-BVSTBPN" and "Số: 02/CTr-BVSTBPN" compare equal."""
    return re.sub(r"\s*/\s*", "/", line) if line.startswith("Số:") else line


# --------------------------------------------------------------------------- rendering


def render_sections(sections: list[dict]) -> list[str]:
    """Render a section tree to lines with the DOCX renderer's conventions."""
    out: list[str] = []
    for s in sections:
        label, title, paragraphs = s["label"], s["title"], list(s["paragraphs"])
        if label == "-":
            out.append(f"- {paragraphs.pop(0)}")
        elif label is not None and title is not None:
            out.append(f"{label}. {title}")
        elif label is not None:
            out.append(f"{label}. {paragraphs.pop(0)}")
        elif title is not None:
            out.append(title)
        out.extend(paragraphs)
        out.extend(render_sections(s["children"]))
    return out


def place_date_line(plan: dict) -> str:
    place = plan["place"]
    if plan["date"]:
        d = date.fromisoformat(plan["date"])
        # Decree 30: days below 10 and the months 1 and 2 are written with a leading 0.
        day = f"{d.day:02d}" if d.day < 10 else str(d.day)
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"{place}, ngày {day} tháng {month} năm {d.year}"
    partial = plan["date_partial"] or ""
    if re.fullmatch(r"\d{4}-\d{2}", partial):
        year, month = partial.split("-")
        return f"{place}, ngày tháng {int(month)} năm {year}"
    return collapse(f"{place}, ngày tháng năm {partial}")


def render_plan(plan: dict) -> list[str]:
    lines: list[str] = []
    if plan["number"] or plan["symbol"]:
        lines.append(f"Số: {plan['number'] or ''}/{plan['symbol'] or ''}")
    lines.append(place_date_line(plan))
    lines += [plan["title"], plan["subject"], *plan["preamble"]]
    lines += render_sections(plan["sections"])
    lines.append("Nơi nhận:")
    lines += plan["recipients"]
    lines += [*plan["signer"]["lines"], plan["signer"]["name"]]
    return [number_line(collapse(x)) for x in lines]


# --------------------------------------------------------------------------- tasks from the tree


def walk(sections: list[dict], prefix: str = ""):
    """Yield (path, section) for every labelled, non-"-" section."""
    for s in sections:
        if s["label"] in (None, "-"):
            continue
        path = f"{prefix}.{s['label']}" if prefix else s["label"]
        yield path, s
        yield from walk(s["children"], path)


def task_slots(sections: list[dict]) -> list[tuple[str, str]]:
    """(path, text) of every task the tree implies, by the path convention above."""
    slots = []
    for path, s in walk(sections):
        if s["kind"] not in ("tasks", "implementation"):
            continue
        paragraphs = s["paragraphs"]
        for i, p in enumerate(paragraphs, 1):
            slots.append((path if len(paragraphs) == 1 else f"{path}.p{i}", p))
        dashes = [c for c in s["children"] if c["label"] == "-"]
        for i, c in enumerate(dashes, 1):
            slots.append((f"{path}.-{i}", c["paragraphs"][0]))
    return slots


def agency_of(title: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", re.sub(r"^Đề nghị ", "", title))


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from all_strings(v)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", SEED_NAMES)
def test_fields_present_and_clean(name):
    plan = load(name)
    assert list(plan) == FIELDS
    assert plan["schema"] == "vstb.plan/1"
    assert plan["warnings"] == []
    assert plan["recipients_to"] == []
    assert set(plan["issuer"]) == {"parent", "name"}
    assert set(plan["signer"]) == {"lines", "name"}
    for s in all_strings(plan):
        assert s, "empty string: absent values are null or []"
        assert s == collapse(s), f"whitespace not collapsed: {s!r}"
        assert "*" not in s and not s.startswith("#"), f"markdown mark left: {s!r}"
    for key in ("date",):
        assert plan[key] is None or ISO.match(plan[key])
    assert (plan["date"] is None) != (plan["date_partial"] is None)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_rendering_gives_back_the_seed(name):
    plan = load(name)
    expected = seed_lines(name)
    rendered = render_plan(plan)
    if rendered != expected:
        diff = "\n".join(
            difflib.unified_diff(expected, rendered, "seed", "rendered JSON", lineterm="", n=1)
        )
        pytest.fail(f"{name}: rendering differs from the seed text:\n{diff}")


def check_section(s: dict, parent_kind: str | None):
    assert list(s) == ["label", "title", "kind", "paragraphs", "children"]
    assert s["kind"] in KINDS
    if s["label"] == "-":
        assert s["title"] is None and len(s["paragraphs"]) == 1 and s["children"] == []
        assert s["kind"] == parent_kind
    if s["label"] is None and s["title"] is None:
        assert s["paragraphs"] and s["children"] == []
    for c in s["children"]:
        check_section(c, s["kind"])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_sections_and_tasks_consistent(name):
    plan = load(name)
    for s in plan["sections"]:
        check_section(s, None)
    tasks = plan["tasks"]
    for t in tasks:
        assert list(t) == ["path", "text", "lead", "support", "units", "due", "period"]
        for key in ("lead", "support", "units"):
            assert isinstance(t[key], list) and all(isinstance(x, str) for x in t[key])
        assert t["due"] is None or ISO.match(t["due"])
        if t["period"] is not None:
            assert list(t["period"]) == ["start", "end"]
            assert ISO.match(t["period"]["start"]) and ISO.match(t["period"]["end"])
            assert t["period"]["start"] <= t["period"]["end"]
    assert [(t["path"], t["text"]) for t in tasks] == task_slots(plan["sections"])
    assert len({t["path"] for t in tasks}) == len(tasks)

    # Assignments: one per agency heading of the implementation part, duties in order, and
    # every duty's task has that agency as lead.
    implied = []
    for s in plan["sections"]:
        if s["kind"] == "implementation" and s["label"] is not None:
            for c in s["children"]:
                if c["label"] in (None, "-"):
                    continue
                duties = c["paragraphs"] + [d["paragraphs"][0] for d in c["children"]]
                implied.append({"agency": agency_of(c["title"]), "duties": duties})
                prefix = f"{s['label']}.{c['label']}"
                for t in tasks:
                    if t["path"] == prefix or t["path"].startswith(prefix + "."):
                        assert t["lead"] == [implied[-1]["agency"]], t["path"]
    assert plan["assignments"] == implied

    year = plan["year"]
    for d in plan["deadlines"]:
        assert list(d) == ["what", "date"] and ISO.match(d["date"])
    for e in plan["events"]:
        assert list(e) == ["name", "start", "end"]
        assert e["start"].startswith(str(year)) and e["start"] <= e["end"]
    preamble = " ".join(plan["preamble"])
    for b in plan["bases"]:
        assert list(b) == ["text", "doc_type", "number", "symbol", "date", "issuer"]
        assert b["text"] in preamble
        assert b["date"] is None or ISO.match(b["date"])
    for r in plan["recipients"]:
        assert not r.startswith("-") and not r.endswith((";", "."))


# Counts determined by hand: (sections in the whole tree, top-level sections, tasks,
# assignments, deadlines, events, recipients, bases).
COUNTS = {
    "bimson-2017-chuong-trinh": (23, 4, 19, 0, 0, 6, 5, 2),
    "haiphong-2022-chuong-trinh": (20, 3, 13, 0, 0, 2, 15, 1),
    "longbien-2025-ke-hoach": (73, 4, 56, 11, 3, 3, 6, 2),
}


def count_sections(sections: list[dict]) -> int:
    return sum(1 + count_sections(s["children"]) for s in sections)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_counts(name):
    plan = load(name)
    got = (
        count_sections(plan["sections"]),
        len(plan["sections"]),
        len(plan["tasks"]),
        len(plan["assignments"]),
        len(plan["deadlines"]),
        len(plan["events"]),
        len(plan["recipients"]),
        len(plan["bases"]),
    )
    assert got == COUNTS[name]


def task(plan: dict, path: str) -> dict:
    (found,) = [t for t in plan["tasks"] if t["path"] == path]
    return found


def test_bimson_spot_values():
    plan = load("bimson-2017-chuong-trinh")
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CTr", None, None)
    assert (plan["place"], plan["date"], plan["year"]) == ("Bỉm Sơn", "2017-05-23", 2017)
    assert len(plan["preamble"]) == 2
    assert plan["bases"][0] == {
        "text": "Công văn số 32/CT-BVSTBPN ngày 28 tháng 02 năm 2017 của Ban Vì sự tiến bộ của "
        "Phụ nữ tỉnh Thanh Hóa về chương trình công tác năm 2017",
        "doc_type": "CV",
        "number": "32",
        "symbol": "CT-BVSTBPN",
        "date": "2017-02-28",
        "issuer": "Ban Vì sự tiến bộ của Phụ nữ tỉnh Thanh Hóa",
    }
    assert plan["bases"][1]["doc_type"] == "KH" and plan["bases"][1]["number"] is None
    assert [s["label"] for s in plan["sections"]] == ["1", "2", "3", "4"]
    assert {s["kind"] for s in plan["sections"]} == {"tasks"}
    assert plan["sections"][0]["title"].endswith("Vì sự tiến bộ phụ nữ.")
    assert "lòng ghép giới" in task(plan, "3.-2")["text"]
    assert task(plan, "3.-2")["support"] == ["Sở Lao động – TBXH"]
    assert task(plan, "2.-9")["units"] == ["UBND các xã, phường"]
    assert task(plan, "2.-6")["period"] == {"start": "2017-11-15", "end": "2017-12-15"}
    assert {"name": "Ngày Quốc tế Hạnh phúc", "start": "2017-03-20", "end": "2017-03-20"} in (
        plan["events"]
    )
    assert "Trường ban VSTBCPN xã, phường" in plan["recipients"]
    assert plan["recipients"][-1] == "Lưu.VT, PLĐ"
    assert plan["signer"] == {"lines": ["PHÓ CHỦ TỊCH UBND THỊ XÃ"], "name": "Mai Đình Lâm"}


def test_haiphong_spot_values():
    plan = load("haiphong-2022-chuong-trinh")
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("CTr", "02", "CTr-BVSTBPN")
    assert (plan["place"], plan["date"], plan["date_partial"]) == ("Hải Phòng", "2022-04-14", None)
    assert plan["bases"] == [
        {
            "text": "Công văn số 02/UBQG-VP ngày 10/3/2022 của Ủy ban Quốc gia Vì sự tiến bộ "
            "của phụ nữ Việt Nam về việc hướng dẫn hoạt động năm 2022",
            "doc_type": "CV",
            "number": "02",
            "symbol": "UBQG-VP",
            "date": "2022-03-10",
            "issuer": "Ủy ban Quốc gia Vì sự tiến bộ của phụ nữ Việt Nam",
        }
    ]
    # Page-break-split sentences are one paragraph.
    assert "Tháng hành động vì Bình đẳng giới và phòng ngừa" in task(plan, "II.1.-3")["text"]
    assert "của Ủy ban nhân dân thành phố về phòng ngừa" in task(plan, "II.3.-1")["text"]
    kiem_tra = plan["sections"][1]["children"][3]
    assert (kiem_tra["label"], kiem_tra["title"], len(kiem_tra["paragraphs"])) == (
        "4",
        "Công tác kiểm tra",
        2,
    )
    closing = plan["sections"][-1]
    assert (closing["label"], closing["title"], closing["kind"]) == (None, None, "other")
    assert closing["paragraphs"][0].startswith("Trong quá trình thực hiện Chương trình công tác")
    assert plan["events"][0] == {
        "name": "Tháng hành động quốc gia về phòng, chống bạo lực gia đình",
        "start": "2022-06-01",
        "end": "2022-06-30",
    }
    assert plan["recipients"][-1] == "Lưu: VT"
    assert plan["signer"] == {"lines": ["PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN"], "name": "Lê Khắc Nam"}


def test_longbien_spot_values():
    plan = load("longbien-2025-ke-hoach")
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("KH", None, "KH-UBND")
    assert (plan["date"], plan["date_partial"], plan["year"]) == (None, "2025", 2025)
    assert plan["bases"][0]["number"] == "07" and plan["bases"][0]["date"] == "2025-01-06"
    assert plan["bases"][0]["issuer"] == "UBND Thành phố Hà Nội"
    assert plan["bases"][1]["doc_type"] == "CTr" and plan["bases"][1]["number"] is None
    first = plan["sections"][0]["children"][0]
    assert (first["label"], first["title"]) == ("1", None)
    assert first["paragraphs"][0].startswith("Tiếp tục tăng cường sự lãnh đạo")
    assert "và các văn bản của Trung ương" in task(plan, "II.1.-1")["text"]
    assert task(plan, "III.2") == {
        "path": "III.2",
        "text": "Tổ chức tuyên truyền phổ biến chính sách pháp luật về bình đẳng giới và vì sự "
        "tiến bộ phụ nữ.",
        "lead": ["Phòng Tư pháp quận"],
        "support": [],
        "units": [],
        "due": None,
        "period": None,
    }
    assert task(plan, "III.3.-1")["lead"] == ["Phòng Nội vụ quận"]
    assert task(plan, "III.11.-1")["due"] == "2025-02-15"
    assert task(plan, "III.11.-3")["period"] == {"start": "2025-11-15", "end": "2025-12-15"}
    assert "đốc đốc" in task(plan, "III.1.-8")["text"]
    assert "chuyên đổi số" in task(plan, "III.1.-4")["text"]
    assert task(plan, "III.11.-2")["text"].startswith("Cùng cố")
    agencies = [a["agency"] for a in plan["assignments"]]
    assert agencies[0] == "Phòng Lao động TB&XH quận"
    assert agencies[8:] == [
        "Hội Liên hiệp phụ nữ quận",
        "Liên đoàn Lao động quận",
        "UBND các phường",
    ]
    assert plan["deadlines"] == [
        {"what": "Kế hoạch của UBND các phường", "date": "2025-02-15"},
        {"what": "Báo cáo 6 tháng", "date": "2025-05-25"},
        {"what": "Báo cáo năm", "date": "2025-11-25"},
    ]
    assert plan["events"][0]["start"] == "2025-11-15" and plan["events"][0]["end"] == "2025-12-15"
    closing = plan["sections"][-1]
    assert (closing["label"], closing["title"], closing["kind"]) == (None, None, "other")
    assert plan["recipients"][-1] == "Lưu: VT, LĐTBXH (05)"
    assert plan["signer"] == {
        "lines": ["TM. ỦY BAN NHÂN DÂN", "KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "name": "Nguyễn Thị Thanh Hằng",
    }
