"""Dates in running text: days, ranges, months; deadlines, events, a task's due date or period.

"20/10" and "8/3" take the document's year; "từ ngày 15/11-15/12/2025" is a range; "tháng
6/2022" is the whole month. A date that belongs to a referenced document ("Chỉ thị số
21-CT/TW ngày 20/01/2018") is none of these, and a date after "trước ngày" is a deadline.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from vstb.documents.importer.text import collapse, fold_keep, strip_end

_D = r"(\d{1,2})\s*[/.]\s*(\d{1,2})(?:\s*[/.]\s*(\d{4}))?"
_RANGE = re.compile(
    rf"(?:\btu\s+)?(?:\bngay\s+)?(?<![\d/.]){_D}\s*(?:-|–|—|\bden(?:\s+het)?(?:\s+ngay)?\b|\btoi(?:\s+ngay)?\b)"
    rf"\s*(?:ngay\s+)?{_D}(?![\d/]|\.\d)"
)
# "ngày 29 tháng 11 năm 2006", its numbers glued to the words by a copy ("ngày22", "29tháng",
# "tháng4").
_LONG = re.compile(r"\bngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|-|\bnam\b)\s*(\d{4})(?![\d/])")
# A quarter ("Quý II/2025", "quý 3 năm 2025", "Quý IV"): its three months.
_QUARTER = re.compile(
    r"\bquy\s+(iv|i{1,3}|[1-4])(?!\w)(?:\s*(?:/|-|\bnam\b)\s*(\d{4})(?![\d/]))?", re.IGNORECASE
)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SINGLE = re.compile(rf"(?<![\d/.,]){_D}(?![\d/]|\.\d)")
_DEADLINE_BEFORE = re.compile(
    r"(?:\btruoc|\bcham nhat(?:\s+(?:la|vao))?|\bhan chot|\bhan cuoi|\bkhong muon hon|\bhan)"
    r"\s*(?:ngay)?\s*$"
)
_SYMBOL = re.compile(r"\d+\s*[/-]\s*[A-ZĐ0-9]|\bsố\s+\d|\bSố\s+\d", re.UNICODE)
# A referenced document's type, capitalised as in its name ("Luật Bình đẳng giới", not
# "pháp luật").
_DOC_NAMES = re.compile(
    r"(?<!\w)(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Thông tri|"
    r"Kế hoạch|Công văn|Chương trình|Kết luận|Hướng dẫn|Thông báo|Văn bản|Đề án|Pháp lệnh)"
    r"(?!\w)"
)


@dataclass
class Mention:
    start: int  # position in the text
    end: int
    kind: str  # "day", "range" or "month"
    first: str  # ISO dates
    last: str
    deadline: bool = False
    document: bool = False  # the date of a referenced document
    yearless: bool = False  # its year taken from the document, not written

    def ahead_of(self, issued: str | None) -> Mention:
        """A deadline written without its year ("trước ngày 28/02") that would fall before
        the document setting it falls in the next year: a plan for 2025 signed in December
        2024 wants "15/01" in 2025, a report on 2024 signed in January 2025 wants "28/02" in
        2025. Any other mention is as it is."""
        if not (self.deadline and self.yearless and issued and self.first < issued):
            return self
        first, last = _next_year(self.first), _next_year(self.last)
        if first is None or last is None:
            return self
        return dataclasses.replace(self, first=first, last=last)

    @property
    def span(self) -> tuple[str, str]:
        return self.first, self.last


def _months(year: int, first: int, last: int) -> tuple[str, str]:
    """The first day of month `first` and the last of month `last` of `year`, ISO."""
    return (
        date(year, first, 1).isoformat(),
        date(year, last, calendar.monthrange(year, last)[1]).isoformat(),
    )


def _next_year(iso: str) -> str | None:
    return _iso(iso[8:10], iso[5:7], int(iso[:4]) + 1)


def _iso(day, month, year) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


_DIGIT = re.compile(r"\d")


def mentions(text: str, year: int | None) -> list[Mention]:
    """Every date, range and month named in `text`, in order."""
    folded = fold_keep(text)
    if not _DIGIT.search(text) and "quy" not in folded:
        return []  # no date without a digit, but for a quarter ("Quý IV")
    taken = [False] * len(text)
    found: list[Mention] = []

    def free(a, b):
        return not any(taken[a:b])

    def take(a, b):
        for i in range(a, b):
            taken[i] = True

    for match in _RANGE.finditer(folded):
        d1, m1, y1, d2, m2, y2 = match.groups()
        yearless = not y2
        y2 = y2 or (str(year) if year else None)
        y1 = y1 or y2
        first, last = _iso(d1, m1, y1), _iso(d2, m2, y2)
        if first and last and first <= last and free(*match.span()):
            found.append(
                Mention(match.start(), match.end(), "range", first, last, yearless=yearless)
            )
            take(*match.span())
    for match in _LONG.finditer(folded):
        iso = _iso(*match.groups())
        if iso and free(*match.span()):
            found.append(Mention(match.start(), match.end(), "day", iso, iso))
            take(*match.span())
    for match in _MONTH.finditer(folded):
        month, y = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and free(*match.span()):
            found.append(Mention(match.start(), match.end(), "month", *_months(y, month, month)))
            take(*match.span())
    for match in _QUARTER.finditer(folded):
        quarter, y = _QUARTERS[match.group(1).upper()], match.group(2) or year
        if y and free(*match.span()):
            first, last = _months(int(y), 3 * quarter - 2, 3 * quarter)
            found.append(
                Mention(
                    match.start(), match.end(), "month", first, last, yearless=not match.group(2)
                )
            )
            take(*match.span())
    for match in _SINGLE.finditer(folded):
        d, m, y = match.groups()
        if "." in match.group(0) and not y:
            continue  # "1.5" is a number, not a date
        yearless = not y
        y = y or (str(year) if year else None)
        iso = _iso(d, m, y)
        if iso and free(*match.span()):
            found.append(Mention(match.start(), match.end(), "day", iso, iso, yearless=yearless))
            take(*match.span())
    found.sort(key=lambda m: m.start)
    previous_end = 0
    for mention in found:
        before = folded[max(previous_end, mention.start - 40) : mention.start]
        mention.deadline = bool(_DEADLINE_BEFORE.search(before))
        mention.document = _is_document_date(text, folded, mention, previous_end, year)
        previous_end = mention.end
    return found


def _is_document_date(text, folded, mention, previous_end, year) -> bool:
    if mention.kind != "day":
        return False
    before = folded[max(0, mention.start - 8) : mention.start]
    if not re.search(r"\bngay\s*$", before):
        return False
    # Back to the previous date or the start of the clause.
    start = max(previous_end, mention.start - 160)
    window = text[start : mention.start]
    clause = re.split(r"[;]|\.\s", window)[-1]
    if _SYMBOL.search(clause) or _DOC_NAMES.search(clause[-120:]):
        return True
    return bool(year) and int(mention.first[:4]) < int(year) - 1


def task_dates(
    text: str, year: int | None, issued: str | None = None
) -> tuple[str | None, dict | None]:
    """(due, period) of a task: one date gives `due`, one range or month gives `period`;
    several separate dates give neither. `issued`: the document's date, which a deadline
    written without its year comes after (`Mention.ahead_of`)."""
    spans = []
    kinds = {}
    for mention in mentions(text, year):
        if mention.document:
            continue
        mention = mention.ahead_of(issued)
        if mention.span not in spans:
            spans.append(mention.span)
            kinds[mention.span] = mention.kind
    if len(spans) != 1:
        return None, None
    first, last = spans[0]
    if kinds[spans[0]] == "day":
        return first, None
    return None, {"start": first, "end": last}


_NAME_START = re.compile(r"(?<![a-z])(?:ngay|thang)\s+(?=[^\d\s])")
_NAME_TAIL = re.compile(
    r"(?:\s|[(“\"',–-]|\btu\b|\bngay\b|\bvao\b|\bdip\b|\bnhan\b|\bhang nam\b|\bhang nam\b|"
    r"\bdien ra\b|\bla\b|\btrong\b|\bdot\b)+$"
)


def event_name(text: str, start: int, end: int) -> str | None:
    """The name of the event whose date sits at text[end]: "ngày Quốc tế Phụ nữ 8/3" gives
    "ngày Quốc tế Phụ nữ"; None when no "ngày …" or "Tháng …" name comes before the date."""
    prefix = text[start:end]
    folded = fold_keep(prefix)
    for _ in range(3):
        tail = _NAME_TAIL.search(folded)
        if tail:
            prefix, folded = prefix[: tail.start()], folded[: tail.start()]
        # "năm" (year), not "Nam" of "Việt Nam": only with its diacritics.
        year_word = re.search(r"\s(?:hàng|hằng)?\s*năm\s*$", prefix)
        if not year_word:
            break
        prefix, folded = prefix[: year_word.start()], folded[: year_word.start()]
    starts = list(_NAME_START.finditer(folded))
    if not starts:
        return None
    name = prefix[starts[-1].start() :]
    name = collapse(name.strip(" “”\"'()–-,;:"))
    name = strip_end(name, ";,:.").strip(" “”\"'")
    if not name or len(name.split()) > 20 or len(name.split()) < 2:
        return None
    return name


def events(texts: list[str], year: int | None) -> list[dict]:
    """One event per distinct date or range, in order of first mention, named as first
    mentioned; dates without a name, deadlines and documents' dates are not events."""
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for text in texts:
        previous_end = 0
        for mention in mentions(text, year):
            boundary = previous_end
            previous_end = mention.end
            if mention.document or mention.deadline or mention.span in seen:
                continue
            name = event_name(text, boundary, mention.start)
            if name is None:
                continue
            seen.add(mention.span)
            out.append({"name": name, "start": mention.first, "end": mention.last})
    return out


_REPORT_NOUNS = (
    r"(?:kế hoạch|báo cáo|danh sách|dự toán|văn bản|đề án|chương trình|đề xuất|tham luận|"
    r"sáng kiến|bài viết|hồ sơ)"
)
_PRODUCE = re.compile(
    rf"(?:xây dựng|gửi|nộp|hoàn thành|ban hành|lập|đăng ký|tổng hợp)\s+(?P<noun>{_REPORT_NOUNS})"
    r"(?P<qual>(?:\s+(?:sơ kết|tổng kết|kết quả))?(?:\s+(?:\d+\s+tháng(?:\s+đầu\s+năm)?|năm|quý\s+[IV\d]+|tháng|định kỳ))?)",
    re.IGNORECASE,
)
_NOUN = re.compile(
    rf"(?P<noun>{_REPORT_NOUNS})"
    r"(?P<qual>(?:\s+(?:sơ kết|tổng kết|kết quả))?(?:\s+(?:\d+\s+tháng(?:\s+đầu\s+năm)?|năm|quý\s+[IV\d]+|tháng|định kỳ))?)",
    re.IGNORECASE,
)
_SHORT_WHAT = re.compile(rf"^{_REPORT_NOUNS}\b", re.IGNORECASE)


def deadlines(
    text: str, year: int | None, agency: str | None = None, issued: str | None = None
) -> list[dict]:
    """The dated obligations to send something: "Báo cáo 6 tháng trước ngày 25/5/2025".
    `issued`: the document's date, which one written without its year comes after."""
    out = []
    for mention in mentions(text, year):
        if not mention.deadline or mention.kind != "day":
            continue
        mention = mention.ahead_of(issued)
        head = text[: mention.start]
        tail = re.search(
            r"\s*(?:truoc|cham nhat(?: la| vao)?|han chot|han cuoi|khong muon hon|han)\s*(?:ngay)?\s*$",
            fold_keep(head),
        )
        head = head[: tail.start()] if tail else head
        segment = re.split(r"[;:]|\.\s", head)[-1].strip(" ,")
        segment = re.sub(r"\s*\([^)]*\)\s*$", "", segment).strip(" ,")
        what = None
        if segment and len(segment.split()) <= 6 and _SHORT_WHAT.match(segment):
            what = segment[0].upper() + segment[1:]
        else:
            produced = list(_PRODUCE.finditer(segment)) or list(_NOUN.finditer(segment))
            if produced:
                match = produced[-1]
                what = collapse(match.group("noun") + match.group("qual"))
                what = what[0].upper() + what[1:]
                if agency and agency not in what:
                    what = f"{what} của {agency}"
            elif segment:
                words = segment.split()
                what = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
                what = what[0].upper() + what[1:]
        if what:
            out.append({"what": what, "date": mention.first})
    return out
