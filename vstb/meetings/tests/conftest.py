"""A meeting of Long Biên's committee for the tests: its 2025 third-quarter meeting, with the
district's members (the world's chair and member, and a secretary added here)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from vstb.meetings import services
from vstb.meetings.models import Meeting, MeetingKind
from vstb.meetings.services import Presence
from vstb.org.models import Membership, Position, Sex

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2025, 7, 15)  # a Tuesday
AGENDA = [
    "Báo cáo kết quả công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025",
    "Thảo luận nhiệm vụ trọng tâm 6 tháng cuối năm",
]


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def add_secretary(world) -> Membership:
    world.secretary = Membership.objects.create(
        committee=world.committee,
        full_name="Nguyễn Thị Thư Ký",
        sex=Sex.FEMALE,
        job_title="Chuyên viên Phòng Lao động – Thương binh và Xã hội quận",
        position=Position.SECRETARY,
        agency=world.womens_union,
        start=date(2024, 1, 1),
    )
    return world.secretary


def plan_meeting(world, **fields) -> Meeting:
    values = {
        "committee": world.committee,
        "kind": MeetingKind.SIX_MONTH_REVIEW,
        "title": "Hội nghị sơ kết công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025",
        "starts_at": at(DAY),
        "ends_at": at(DAY, 11, 30),
        "place": "Phòng họp số 2, UBND quận Long Biên",
        "agenda": [{"title": title, "notes": ""} for title in AGENDA],
        **fields,
    }
    return services.create(Meeting(**values), by=world.users["district_secretariat"])


def hold_meeting(world, meeting: Meeting) -> Meeting:
    """The chair and the secretary came; the member sent a deputy; notes on both items."""
    services.record_attendance(
        meeting,
        [
            Presence(world.chair.pk, True),
            Presence(world.secretary.pk, True),
            Presence(world.member.pk, False, "Đi công tác", "Ông Đỗ Văn Phó, Phó Trưởng phòng"),
        ],
        meeting.version,
    )
    meeting.refresh_from_db()
    services.record_notes(
        meeting,
        [
            "Đồng chí Trưởng ban trình bày báo cáo.\nCác thành viên thống nhất số liệu.",
            "Hội LHPN đề nghị tăng cường tuyên truyền tại các phường.",
        ],
        meeting.version,
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def meeting(world) -> Meeting:
    add_secretary(world)
    return plan_meeting(world)


@pytest.fixture
def held(world, meeting) -> Meeting:
    return hold_meeting(world, meeting)
