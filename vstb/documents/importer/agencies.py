"""Who does a task: the lead agency (chủ trì, or the body that is the sentence's subject),
the supporting agencies (phối hợp với …) and the lower units addressed (UBND các phường…).

Only specific bodies count as lead or support: "Phòng Tư pháp quận", "Hội LHPN", "ngành Tài
chính"; generic groups ("các ngành", "các đơn vị liên quan", "Ban, ngành") do not.
"""

from __future__ import annotations

import re

from vstb.documents.importer.text import collapse, strip_end

# Words that start the name of a body; the name goes on with a capitalised word.
HEADS = (
    "Ban",
    "Phòng",
    "Sở",
    "Hội",
    "Trung tâm",
    "Văn phòng",
    "Cục",
    "Vụ",
    "Chi cục",
    "Đài",
    "Báo",
    "Trường",
    "Bệnh viện",
    "Viện",
    "Tòa án",
    "Toà án",
    "Thanh tra",
    "Kho bạc",
    "Ngân hàng",
    "Bảo hiểm",
    "Liên đoàn",
    "Mặt trận",
    "Ủy ban",
    "Uỷ ban",
    "Đoàn",
    "Bộ",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Đảng ủy",
    "Cơ quan",
    "Chi nhánh",
    "Hạt",
    "Trạm",
    "Quận đoàn",
    "Huyện đoàn",
    "Thành đoàn",
    "Tỉnh đoàn",
    "Hội đồng",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Đội",
    "Công chức",
    "Cán bộ",
    "Tổ",
    "ngành",
    "Ngành",
)
# Bodies whose name may go on in lower case: "Công an quận", "Hội liên hiệp phụ nữ".
COMPLETE = (
    "UBND",
    "HĐND",
    "MTTQ",
    "UBMTTQ",
    "LĐLĐ",
    "Công an",
    "Liên đoàn Lao động",
    "Liên đoàn lao động",
    "Hội liên hiệp",
    "Hội Liên hiệp",
    "Hội LHPN",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Ban vì sự tiến bộ",
    "Ban Vì sự tiến bộ",
    "Mặt trận Tổ quốc",
    "Đoàn Thanh niên",
    "Tòa án nhân dân",
    "Viện kiểm sát",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
)
PREFIXES = ("Thường trực ", "Lãnh đạo ", "Chủ tịch ", "Đề nghị ")

# Verbs and prepositions that end the name of a body in a sentence.
VERBS = (
    "tổ chức|triển khai|tham mưu|thực hiện|giới thiệu|xây dựng|tuyên truyền|hướng dẫn|"
    "kiểm tra|rà soát|đánh giá|nắm|tăng cường|tiến hành|chỉ đạo|vận động|hỗ trợ|giám sát|"
    "định kỳ|tập huấn|bồi dưỡng|theo dõi|đôn đốc|báo cáo|tổng hợp|đề xuất|lồng ghép|"
    "phát động|biểu dương|khen thưởng|đảm bảo|bảo đảm|lựa chọn|cung cấp|chuẩn bị|phổ biến|"
    "truyền thông|duy trì|nâng cao|xử lý|giải quyết|điều tra|khảo sát|thống kê|thu thập|"
    "cập nhật|ban hành|trình|xác minh|kiến nghị|quản lý|sơ kết|tổng kết|có trách nhiệm|"
    "chủ động|trao đổi|phối hợp|chủ trì|làm|là|được|sẽ|cần|phải|tích cực|thường xuyên|"
    "tiếp tục|đẩy mạnh|quan tâm|bố trí|hoàn thành|gửi|nộp|cử|tham gia|tham dự|ký|"
    "trong|để|nhằm|về|tại|cho|thông qua|khi|nếu|theo|trên|đối với|nhân dịp|nhân|vào|từ|"
    "đến|trước|sau|năm"
)
_VERB = re.compile(rf"(?<!\w)(?:{VERBS})(?!\w)")

LEVELS = r"(?:xã|phường|thị trấn|quận|huyện|thị xã|thành phố|tỉnh|Xã|Phường|Quận|Huyện)"
_UNIT_HEAD = (
    r"(?:(?:các cấp|cấp|Các cấp)\s+)?"
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ban [Vv]ì sự tiến bộ (?:của )?[Pp]hụ nữ|"
    r"Ban VSTB\w*|Ban Chỉ đạo|Hội Liên hiệp [Pp]hụ nữ|Hội liên hiệp [Pp]hụ nữ|Hội LHPN|Hội|"
    r"Đoàn Thanh niên|Công an|Trạm Y tế|Trường|HĐND|Hội đồng nhân dân|MTTQ|Ủy ban MTTQ|"
    r"cán bộ|Phòng \w+(?: \w+)?|Thường trực)"
)
_UNITS = re.compile(
    rf"(?:(?P<head>{_UNIT_HEAD})\s+)?(?P<cac>[Cc]ác)\s+{LEVELS}(?:\s*(?:,|và)\s*{LEVELS}(?!\s+\w*[a-zđ]\w*\s+(?:các|{LEVELS})))*(?!\w)"
)
_NOT_UNIT_BEFORE = re.compile(
    r"(?:\bở|\btại|đối với|\btrên|\btrong|\bgiữa|\bcủa|\bthuộc|\bcho|\btừ|\bvề|\bquận,|\bhuyện,)\s*$"
)


def is_specific(phrase: str) -> bool:
    """True for the name of one specific body: "Phòng Tư pháp quận", "Hội LHPN"."""
    phrase = phrase.strip(" ,;:.")
    for prefix in PREFIXES:
        if phrase.startswith(prefix):
            phrase = phrase[len(prefix) :]
            break
    if not phrase or phrase[0].islower() and not phrase.startswith("ngành "):
        return False
    for complete in COMPLETE:
        if phrase == complete or phrase.startswith(complete + " "):
            return True
    for head in sorted(HEADS, key=len, reverse=True):
        if phrase.startswith(head + " "):
            rest = phrase[len(head) + 1 :]
            return bool(rest) and (rest[0].isupper() or rest[0].isdigit())
    return False


def units(text: str) -> list[str]:
    """The lower units a task addresses: "UBND các xã, phường", "Ban … các quận, huyện"."""
    out = []
    for match in _UNITS.finditer(text):
        phrase = collapse(match.group(0))
        if not match.group("head"):
            before = text[max(0, match.start() - 12) : match.start()]
            if _NOT_UNIT_BEFORE.search(before):
                continue
        phrase = strip_end(phrase, ",;. ")
        if phrase not in out:
            out.append(phrase)
    return out


def _cut_at_verb(text: str) -> str:
    match = _VERB.search(text)
    text = text[: match.start()] if match else text
    return re.split(r"[.;:()]", text)[0]


def _items(text: str) -> list[str]:
    """A list of bodies split at commas and at "và" before a new body."""
    parts: list[str] = []
    for piece in re.split(r",\s*", text):
        subs = re.split(r"\s+và\s+(?=(?:các\s|Các\s|" + "|".join(HEADS) + r")\b)", piece)
        for position, sub in enumerate(subs):
            sub = collapse(sub).strip(" ,;")
            if not sub:
                continue
            # "Sở Văn hóa, Thể thao và Du lịch": a capitalised piece that names no body of
            # its own goes on with the name before it.
            if (
                position == 0
                and parts
                and sub[0].isupper()
                and not is_specific(sub)
                and not sub.startswith(("Các ", "UBND", "Ban", "Hội", "Phòng", "Sở"))
                and is_specific(parts[-1])
            ):
                parts[-1] = f"{parts[-1]}, {sub}"
                continue
            parts.append(sub)
    return parts


def _without_units(text: str) -> str:
    return _UNITS.sub(" ", text)


def subject(text: str) -> list[str]:
    """The specific bodies that are the subject of a sentence starting with them."""
    first = text.lstrip()
    if not (is_specific(first) or first.startswith(("Các ", "Thường trực "))):
        return []
    head = _cut_at_verb(first)
    return [item for item in _items(_without_units(head)) if is_specific(item)]


_LEAD_PATTERNS = [
    re.compile(r"(?:[Cc]ơ quan|[Đđ]ơn vị)?\s*[Cc]hủ trì\s*:\s*(?P<a>[^;.)\n]+)"),
    re.compile(r"(?:[Gg]iao(?: cho)?|[Dd]o)\s+(?P<a>[A-ZĐ][^,;.()]*?)\s+(?:chủ trì|làm đầu mối)"),
    re.compile(r"(?:^|[,;]\s*)(?P<a>[A-ZĐ][^,;.()]*?)\s+chủ trì"),
]
_SUPPORT_PATTERNS = [
    re.compile(r"[Pp]hối hợp với\s+(?P<a>.+)"),
    re.compile(r"(?:[Cc]ơ quan|[Đđ]ơn vị)?\s*[Pp]hối hợp\s*:\s*(?P<a>[^;.)\n]+)"),
]


def lead(text: str) -> list[str]:
    out = [item for item in subject(text)]
    for pattern in _LEAD_PATTERNS:
        for match in pattern.finditer(text):
            found = match.group("a")
            if ":" not in pattern.pattern:
                found = _cut_at_verb(found) if pattern is not _LEAD_PATTERNS[2] else found
            for item in _items(_without_units(found)):
                if is_specific(item) and item not in out:
                    out.append(item)
    return out


def support(text: str) -> list[str]:
    out: list[str] = []
    for pattern in _SUPPORT_PATTERNS:
        for match in pattern.finditer(text):
            found = match.group("a")
            found = _cut_at_verb(found) if "với" in pattern.pattern else found
            for item in _items(_without_units(found)):
                if is_specific(item) and item not in out:
                    out.append(item)
    return out


def agency_of_heading(title: str) -> str:
    """ "Đề nghị Hội Liên hiệp phụ nữ quận" -> "Hội Liên hiệp phụ nữ quận"; a parenthesised
    note is dropped."""
    title = re.sub(r"^Đề nghị\s+", "", title.strip())
    title = re.sub(r"\s*\(.*\)\s*[.:]?$", "", title)
    return strip_end(title, ".:;,")


def is_agency_heading(title: str) -> bool:
    agency = agency_of_heading(title)
    return (
        is_specific(agency) or bool(_UNITS.fullmatch(agency)) or agency.startswith("Các ")
    ) and len(agency.split()) <= 20
