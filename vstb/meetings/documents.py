"""The words of a meeting's documents, as `vstb.plan/1` dicts (vstb/issuing builds them).

Each builder reads the meeting named by `document.params["meeting"]` and what is recorded on
it (invitees, attendance, notes, conclusions), never writes, and is run again when the
document is issued (unless the clerk corrected the draft), so that an issued document says
what was recorded on its day of issue; issuing then freezes it. People are named as their
memberships were on the meeting's day: a membership that ends afterwards changes nothing.

- the invitation (giấy mời, GM; Decree 30/2020/NĐ-CP, Appendix III, Mẫu 1.4): "Trân trọng
  kính mời" the members, then the time, the place and the agenda;
- the minutes (biên bản, BB; Mẫu 1.8): time, place, who attended, the chair, the secretary,
  the proceedings item by item, the closing time; signed by the secretary (left) and the
  chair (right);
- the notice of conclusions (thông báo kết luận, TB): each conclusion with its lead agency
  and deadline.
"""

from datetime import datetime

from django.utils import timezone

from vstb.documents.plan_schema import new_section
from vstb.issuing.builders import base, member_line
from vstb.issuing.models import IssuedDocument
from vstb.lib.dates import long_date
from vstb.meetings.models import Attendance, Meeting
from vstb.org.models import POSITION_ORDER, Membership

WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
# Left for the secretary to fill in by hand when the closing time was not recorded.
DOTS = "…"


def meeting_of(document: IssuedDocument) -> Meeting | None:
    pk = (document.params or {}).get("meeting")
    if not isinstance(pk, int):
        return None
    return (
        Meeting.objects.select_related("committee__unit", "chair__agency", "secretary__agency")
        .filter(pk=pk)
        .first()
    )


def invitation(document: IssuedDocument) -> dict:
    content = base(document)
    meeting = meeting_of(document)
    if meeting is None:
        return content
    committee = meeting.committee
    invitees = [row.membership for row in attendance(meeting)]
    invite = new_section(None, None, paragraphs=["Trân trọng kính mời:"])
    if invitees:
        invite["children"] = [
            new_section("-", None, paragraphs=[member_line(m, last=i == len(invitees))])
            for i, m in enumerate(invitees, start=1)
        ]
    else:
        invite["paragraphs"] = [f"Trân trọng kính mời: các thành viên {committee.name}."]
    subject = new_section(None, None, paragraphs=[f"Tới dự: {meeting.title}."])
    when = new_section(None, None, paragraphs=[f"Thời gian: {time_span(meeting)}."])
    where = new_section(None, None, paragraphs=[f"Địa điểm: {meeting.place}."])
    agenda = meeting.agenda_titles
    contents = new_section(
        None, None, paragraphs=["Nội dung:" if agenda else f"Nội dung: {meeting.title}."]
    )
    contents["children"] = [
        new_section(
            str(index), None, paragraphs=[_ended(title, ";" if index < len(agenda) else ".")]
        )
        for index, title in enumerate(agenda, start=1)
    ]
    standing = (
        committee.standing_agency.name
        if committee.standing_agency_id
        else f"Thường trực {committee.name}"
    )
    closing = new_section(
        None,
        None,
        paragraphs=[
            "Đề nghị các đồng chí bố trí thời gian tham dự đúng giờ. Trường hợp vắng mặt, đề "
            f"nghị báo về {standing} trước cuộc họp./."
        ],
    )
    content["sections"] = [invite, subject, when, where, contents, closing]
    content["recipients"] = ["Như trên", "Lưu: VT"]
    return content


def minutes(document: IssuedDocument) -> dict:
    content = base(document)
    meeting = meeting_of(document)
    if meeting is None:
        return content
    rows = attendance(meeting)
    present = [row for row in rows if row.present]
    absent = [row for row in rows if not row.present]
    attended = new_section(
        None,
        None,
        paragraphs=[
            f"Thành phần tham dự: {len(present)}/{len(rows)} thành viên {meeting.committee.name}:"
            if present
            else "Thành phần tham dự: không có thành viên nào có mặt."
        ],
    )
    attended["children"] = [
        new_section(
            "-", None, paragraphs=[_ended(person(row.membership), ";" if i < len(present) else ".")]
        )
        for i, row in enumerate(present, start=1)
    ]
    missing = new_section(None, None, paragraphs=["Vắng mặt:" if absent else "Vắng mặt: không."])
    missing["children"] = [
        new_section("-", None, paragraphs=[_ended(absence(row), ";" if i < len(absent) else ".")])
        for i, row in enumerate(absent, start=1)
    ]
    proceedings = new_section(None, None, paragraphs=["Nội dung (theo diễn biến cuộc họp):"])
    proceedings["children"] = [
        new_section(
            str(index), None, paragraphs=[item.get("title", ""), *_lines(item.get("notes"))]
        )
        for index, item in enumerate(meeting.agenda or [], start=1)
        if isinstance(item, dict)
    ]
    content["sections"] = [
        new_section(
            None,
            None,
            paragraphs=[
                f"Thời gian bắt đầu: {clock(meeting.starts_at)}, {long_date(meeting.day)}."
            ],
        ),
        new_section(None, None, paragraphs=[f"Địa điểm: {meeting.place}."]),
        attended,
        missing,
        new_section(None, None, paragraphs=[f"Chủ trì: {_who(meeting.chair)}."]),
        new_section(
            None, None, paragraphs=[f"Thư ký (người ghi biên bản): {_who(meeting.secretary)}."]
        ),
        proceedings,
        new_section(None, None, paragraphs=[f"Cuộc họp kết thúc vào {_closing_time(meeting)}./."]),
    ]
    # Decree 30/2020/NĐ-CP, Appendix III, Mẫu 1.8: THƯ KÝ signs on the left, CHỦ TỌA on the right.
    content["countersigner"] = {"lines": ["THƯ KÝ"], "name": _name(meeting.secretary)}
    content["signer"] = {"lines": ["CHỦ TỌA"], "name": _name(meeting.chair)}
    content["recipients"] = [f"Thành viên {meeting.committee.name}", "Lưu: VT, hồ sơ"]
    return content


def conclusions(document: IssuedDocument) -> dict:
    content = base(document)
    meeting = meeting_of(document)
    if meeting is None:
        return content
    committee = meeting.committee
    items = list(meeting.conclusions.select_related("lead").order_by("order", "pk"))
    present = sum(1 for row in attendance(meeting) if row.present)
    opening = (
        f"Ngày {meeting.day:%d/%m/%Y}, tại {meeting.place}, {committee.name} tổ chức "
        f"{_lower_first(meeting.title)}"
    )
    opening += f" do {_who(meeting.chair)} chủ trì" if meeting.chair_id else ""
    opening += f", với sự tham dự của {present} thành viên Ban." if present else "."
    closing_line = (
        f"Sau khi nghe báo cáo và ý kiến của các thành viên, {_name(meeting.chair)} kết luận như sau:"
        if meeting.chair_id
        else "Sau khi nghe báo cáo và ý kiến của các thành viên, chủ tọa kết luận như sau:"
    )
    body = new_section(None, None, paragraphs=[opening, closing_line])
    body["children"] = [
        new_section(
            str(index),
            None,
            paragraphs=[
                f"{_ended(item.text, '.')} Giao {item.lead.name} chủ trì thực hiện, hoàn thành "
                f"trước ngày {item.deadline:%d/%m/%Y}."
            ],
        )
        for index, item in enumerate(items, start=1)
    ]
    closing = new_section(
        None,
        None,
        paragraphs=[
            f"{committee.name} thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./."
        ],
    )
    content["sections"] = [body, closing]
    leads = list(dict.fromkeys(item.lead.name for item in items))
    content["recipients"] = [*leads, f"Thành viên {committee.name}", "Lưu: VT"]
    return content


# Pieces ---------------------------------------------------------------------------------------


def attendance(meeting: Meeting) -> list[Attendance]:
    """The members invited, chair first, then vice-chairs, members and the secretary."""
    rows = list(meeting.attendances.select_related("membership__agency"))
    return sorted(
        rows,
        key=lambda r: (POSITION_ORDER.get(r.membership.position, 9), r.membership.full_name, r.pk),
    )


def clock(moment: datetime) -> str:
    """ "08 giờ 00", in Vietnam's time."""
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M}"


def time_span(meeting: Meeting) -> str:
    """ "08 giờ 00, thứ Tư, ngày 15 tháng 7 năm 2026", or "từ 08 giờ 00 đến 11 giờ 30, …" when
    the meeting ends on its day."""
    start = clock(meeting.starts_at)
    if meeting.ends_at and timezone.localtime(meeting.ends_at).date() == meeting.day:
        start = f"từ {start} đến {clock(meeting.ends_at)}"
    return f"{start}, {WEEKDAYS[meeting.day.weekday()]}, {long_date(meeting.day)}"


def person(member: Membership) -> str:
    """ "Bà Trần Thị Hoa, Phó Chủ tịch UBND quận, Trưởng ban"."""
    return member_line(member).rstrip(";.")


def absence(row: Attendance) -> str:
    text = person(row.membership)
    details = []
    if row.absent_reason.strip():
        details.append(f"lý do: {row.absent_reason.strip().rstrip('.;')}")
    if row.represented_by.strip():
        details.append(f"dự thay: {row.represented_by.strip().rstrip('.;')}")
    return f"{text} ({'; '.join(details)})" if details else text


def _who(member: Membership | None) -> str:
    return person(member) if member is not None else DOTS


def _name(member: Membership | None) -> str:
    return member.full_name if member is not None else ""


def _closing_time(meeting: Meeting) -> str:
    """ "11 giờ 30, ngày 15 tháng 7 năm 2026", or dots for the secretary to fill in."""
    if meeting.ends_at is None:
        return f"{DOTS} giờ {DOTS}, ngày {DOTS} tháng {DOTS} năm {DOTS}"
    return f"{clock(meeting.ends_at)}, {long_date(timezone.localtime(meeting.ends_at).date())}"


def _lines(text) -> list[str]:
    return (
        [line.strip() for line in (text or "").splitlines() if line.strip()]
        if isinstance(text, str)
        else []
    )


def _ended(text: str, mark: str) -> str:
    """The text ending with `mark` (";" inside a list, "." at its end), whatever it ended with."""
    return text.strip().rstrip(";.,:") + mark


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
