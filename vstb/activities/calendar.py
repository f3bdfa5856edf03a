"""The calendar of the work: national days and action months, plan events and deadlines, the
due dates and periods of tasks and the activities recorded (planned and held), for one user or
one unit, as a month grid, an agenda, the home page's "due soon" block and an ICS feed for
calendar apps.

A task and the task derived from it at the reader's own level (a ward's task implementing the
district's) show once, as the reader's own. Notes about our own sources still to check are for
system administrators only; others see the status of a task or an activity.

Entries come from the functions in SOURCES; each sees only what `vstb.access` lets
the user see: reporting deadlines and committee meetings (vstb/meetings) among them.

The ICS feed leaves the application (calendar apps copy it to their servers), so it carries
only dates, the national days' names, plan, task, activity and meeting titles, statuses,
venues, a meeting's starting time, plan numbers and unit names: no status notes, no people,
nothing about victims (a support given to victims shows as its type only), no internal notes.
"""

from calendar import Calendar  # the standard library's
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vstb import access
from vstb.activities.models import ActivityKind
from vstb.lib.query import whole_number
from vstb.org.models import Unit
from vstb.plans.models import Task, TaskStatus

# Kinds of entries, in the order they are listed on one day.
OBSERVANCE = "observance"
PLAN_EVENT = "plan_event"
PLAN_DEADLINE = "plan_deadline"
TASK_DUE = "task_due"
TASK_PERIOD = "task_period"
TASK_START = "task_start"
TASK_END = "task_end"
REPORT_DUE = "report_due"
ACTIVITY_PLANNED = "activity_planned"
ACTIVITY_HELD = "activity_held"
MEETING = "meeting"
# The date by which a commendation round's proposals go up (vstb/commendations adds the source).
COMMENDATION_DUE = "commendation_due"
# An inspection team's visit to a unit or agency (vstb/inspections adds the source).
INSPECTION_VISIT = "inspection_visit"
KIND_ORDER = [
    OBSERVANCE,
    PLAN_EVENT,
    PLAN_DEADLINE,
    REPORT_DUE,
    COMMENDATION_DUE,
    MEETING,
    INSPECTION_VISIT,
    TASK_DUE,
    TASK_END,
    TASK_START,
    TASK_PERIOD,
    ACTIVITY_PLANNED,
    ACTIVITY_HELD,
]
KIND_LABELS = {
    OBSERVANCE: gettext_lazy("National day"),
    PLAN_EVENT: gettext_lazy("Plan event"),
    PLAN_DEADLINE: gettext_lazy("Plan deadline"),
    TASK_DUE: gettext_lazy("Task due"),
    TASK_PERIOD: gettext_lazy("Task period"),
    TASK_START: gettext_lazy("Task starts"),
    TASK_END: gettext_lazy("Task period ends"),
    REPORT_DUE: gettext_lazy("Report due"),
    ACTIVITY_PLANNED: gettext_lazy("Planned activity"),
    ACTIVITY_HELD: gettext_lazy("Activity held"),
    MEETING: gettext_lazy("Committee meeting"),
    COMMENDATION_DUE: gettext_lazy("Commendation proposals due"),
    INSPECTION_VISIT: gettext_lazy("Inspection visit"),
}
ACTION_MONTH_LABEL = gettext_lazy("Action month")
TITLE_LENGTH = 120


@dataclass(frozen=True)
class Observance:
    """A national day or action month that recurs on the same dates every year."""

    key: str  # stable English identifier, part of the feed's UIDs
    name: str  # the Vietnamese name the UI and the feed show
    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]  # (month, day), inclusive
    source: str  # what establishes it, cited on screen
    to_confirm: str = ""  # what is not yet confirmed about the source; empty when confirmed

    @property
    def is_month(self) -> bool:
        return self.start != self.end

    def dates(self, year: int) -> tuple[date, date]:
        return date(year, *self.start), date(year, *self.end)


# Sources: checked against United Nations pages and Vietnamese government pages (November
# 2026); what could only be checked on secondary pages says so in `to_confirm`.
OBSERVANCES = [
    # UN General Assembly resolution 32/142 of 16 December 1977 invited States to proclaim a
    # day for women's rights; the UN has observed 8 March since International Women's Year 1975.
    Observance(
        key="international-womens-day",
        name="Ngày Quốc tế Phụ nữ",
        start=(3, 8),
        end=(3, 8),
        source="Liên hợp quốc kỷ niệm từ năm 1975; Nghị quyết 32/142 (1977) của Đại hội đồng Liên hợp quốc",
    ),
    # UN General Assembly resolution 66/281, adopted 28 June 2012.
    Observance(
        key="international-day-of-happiness",
        name="Ngày Quốc tế Hạnh phúc",
        start=(3, 20),
        end=(3, 20),
        source="Nghị quyết 66/281 (2012) của Đại hội đồng Liên hợp quốc",
    ),
    # Decision 363/QĐ-TTg of 8 March 2016: June of every year. Government and provincial pages
    # cite this number; the text itself has not been read.
    Observance(
        key="domestic-violence-action-month",
        name="Tháng hành động quốc gia về phòng, chống bạo lực gia đình",
        start=(6, 1),
        end=(6, 30),
        source="Quyết định số 363/QĐ-TTg ngày 08/3/2016 của Thủ tướng Chính phủ",
        to_confirm=(
            "to confirm: provincial and ministry pages cite Decision 363/QĐ-TTg of 08/3/2016 "
            "(not 215/QĐ-TTg of 2020); check the text in the Official Gazette (Công báo)"
        ),
    ),
    # Decision 72/2001/QĐ-TTg of 4 May 2001.
    Observance(
        key="vietnamese-family-day",
        name="Ngày Gia đình Việt Nam",
        start=(6, 28),
        end=(6, 28),
        source="Quyết định số 72/2001/QĐ-TTg ngày 04/5/2001 của Thủ tướng Chính phủ",
    ),
    # The founding of the Vietnam Women's Union on 20 October 1930.
    Observance(
        key="vietnamese-womens-day",
        name="Ngày Phụ nữ Việt Nam",
        start=(10, 20),
        end=(10, 20),
        source="Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam (20/10/1930)",
    ),
    # Held every year from 2016, first under the National Action Programme on Gender Equality
    # 2016–2020 (Decision 1696/QĐ-TTg of 2 October 2015). The instrument fixing 15/11–15/12
    # for 2021–2030 is not confirmed; Decision 2244/QĐ-TTg (2010) was not found.
    Observance(
        key="gender-equality-action-month",
        name=(
            "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"
        ),
        start=(11, 15),
        end=(12, 15),
        source=(
            "Tổ chức hằng năm từ năm 2016, theo Chương trình hành động quốc gia về bình đẳng giới "
            "giai đoạn 2016–2020 (Quyết định số 1696/QĐ-TTg ngày 02/10/2015 của Thủ tướng Chính phủ)"
        ),
        to_confirm=(
            "to confirm: the current legal basis of the 15/11–15/12 dates (2021–2030); "
            "Decision 2244/QĐ-TTg (2010) could not be found"
        ),
    ),
    # UN General Assembly resolution 54/134 of 17 December 1999.
    Observance(
        key="elimination-of-violence-against-women-day",
        name="Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ",
        start=(11, 25),
        end=(11, 25),
        source="Nghị quyết 54/134 (1999) của Đại hội đồng Liên hợp quốc",
    ),
]


@dataclass(frozen=True)
class Entry:
    kind: str
    title: str
    start: date
    end: date  # inclusive
    uid: str  # stable across fetches, so calendar apps update an entry rather than copy it
    url: str = ""
    detail: str = ""  # plan number and unit, or an activity's unit and venue
    source: str = ""  # what establishes a national day
    to_confirm: str = ""  # for system administrators only (access.sees_internal_notes)
    status: str = ""  # a task's status (TaskStatus value)

    @property
    def label(self) -> str:
        if self.kind == OBSERVANCE and self.is_multi_day:
            return str(ACTION_MONTH_LABEL)
        return str(KIND_LABELS[self.kind])

    @property
    def status_label(self) -> str:
        return str(TaskStatus(self.status).label) if self.status else ""

    @property
    def is_multi_day(self) -> bool:
        return self.end > self.start

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and self.end >= first

    def sort_key(self) -> tuple:
        return (self.start, KIND_ORDER.index(self.kind), self.title)


Source = Callable[[object, date, date, Unit | None], Iterable[Entry]]


# Sources -----------------------------------------------------------------------------------


def national_days(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    internal = access.sees_internal_notes(user)
    for year in range(first.year, last.year + 1):
        for observance in OBSERVANCES:
            start, end = observance.dates(year)
            yield Entry(
                kind=OBSERVANCE,
                title=observance.name,
                start=start,
                end=end,
                uid=f"{observance.key}-{year}@vstb",
                source=observance.source,
                to_confirm=observance.to_confirm if internal else "",
            )


def plan_dates(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    """Events and deadlines of issued plans: the unit's, or those the user's work answers to."""
    if unit is None:
        plans = access.plans_over_user(user)
    else:
        plans = access.plans_visible_to(user).issued().filter(unit=unit)
    # A plan's dates lie in its year, or reach a little into the next or the one before (a
    # plan for 2026 issued in December 2025); see Task.date_warnings.
    plans = plans.filter(year__gte=first.year - 1, year__lte=last.year + 1).select_related("unit")
    for plan in plans.only("number", "symbol", "unit__name", "events", "deadlines"):
        detail = " · ".join(filter(None, [plan.number_and_symbol, plan.unit.name]))
        url = reverse("plans:detail", args=[plan.pk])
        for index, event in enumerate(plan.events or []):
            if not isinstance(event, dict):
                continue
            start = _parse_date(event.get("start")) or _parse_date(event.get("end"))
            if start is None:
                continue
            end = max(start, _parse_date(event.get("end")) or start)
            # Issued plans are frozen, so an event's position in the list is stable.
            yield Entry(
                kind=PLAN_EVENT,
                title=_truncate(event.get("name", "")),
                start=start,
                end=end,
                uid=f"plan-{plan.pk}-event-{index}@vstb",
                url=url,
                detail=detail,
            )
        for index, deadline in enumerate(plan.deadlines or []):
            if not isinstance(deadline, dict):
                continue
            day = _parse_date(deadline.get("date"))
            if day is None:
                continue
            yield Entry(
                kind=PLAN_DEADLINE,
                title=_truncate(deadline.get("what", "")),
                start=day,
                end=day,
                uid=f"plan-{plan.pk}-deadline-{index}@vstb",
                url=url,
                detail=detail,
            )


def task_dates(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    """Due dates and periods of the user's tasks, or of the tasks the unit carries out."""
    if unit is None:
        tasks = _at_reader_level(access.tasks_for_user(user), access.managed_unit_ids(user))
    else:
        tasks = _at_reader_level(access.tasks_of_unit(user, unit), [unit.pk])
    within = (
        Q(due__range=(first, last))
        | Q(period_start__lte=last, period_end__gte=first)
        | Q(period_start__isnull=True, period_end__range=(first, last))
        | Q(period_end__isnull=True, period_start__range=(first, last))
    )
    for task in tasks.filter(within).select_related("plan__unit", "section"):
        yield from _task_entries(task)


def report_deadlines(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    """Due dates of the reporting requirements the user (or the unit) reports against."""
    requirements = access.requirements_visible_to(user)
    if unit is not None:
        requirements = requirements.filter(unit_id__in=[unit.pk, *unit.ancestor_ids])
    requirements = requirements.filter(
        year__gte=first.year - 1, year__lte=last.year + 1
    ).select_related("unit")
    for requirement in requirements:
        url = reverse("reporting:requirement", args=[requirement.pk])
        # One entry a date: levels (and agencies) due on the same day share it.
        days = {_parse_date(value) for value in (requirement.due_dates or {}).values()}
        for day in sorted(d for d in days if d and first <= d <= last):
            yield Entry(
                kind=REPORT_DUE,
                title=_truncate(requirement.title),
                start=day,
                end=day,
                uid=f"requirement-{requirement.pk}-{day:%Y%m%d}@vstb",
                url=url,
                detail=requirement.unit.name,
            )


def activity_dates(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    """Activities recorded, planned (starting after today) or held: those of the user's own
    units, or the unit's; only what the user may see."""
    if unit is None:
        activities = access.activities_at_own_units(user)
    else:
        activities = access.activities_visible_to(user).filter(unit=unit)
    within = Q(start__lte=last) & (Q(end__gte=first) | Q(end__isnull=True, start__gte=first))
    today = timezone.localdate()
    for activity in activities.filter(within).select_related("unit"):
        # Counts only, and nothing about the people: a support to victims shows as its type.
        title = (
            str(ActivityKind.VICTIM_SUPPORT.label)
            if activity.kind == ActivityKind.VICTIM_SUPPORT
            else activity.title
        )
        yield Entry(
            kind=ACTIVITY_PLANNED if activity.start > today else ACTIVITY_HELD,
            title=_truncate(title),
            start=activity.start,
            end=max(activity.end or activity.start, activity.start),
            uid=f"activity-{activity.pk}@vstb",
            url=reverse("activities:detail", args=[activity.pk]),
            detail=" · ".join(filter(None, [activity.unit.name, activity.place])),
        )


def meeting_dates(user, first: date, last: date, unit: Unit | None = None) -> Iterable[Entry]:
    """Meetings of the committees of the user's own units, or of the unit's committee, not
    cancelled; only what the user may see. The entry is the day; its detail gives the time."""
    # The day in Vietnam's time: a meeting at 07:00 on the 1st starts on the 31st in UTC.
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    meetings = access.meetings_on_calendar(user, unit).filter(
        starts_at__gte=start, starts_at__lt=end
    )
    for meeting in meetings.select_related("committee__unit"):
        local = timezone.localtime(meeting.starts_at)
        yield Entry(
            kind=MEETING,
            title=_truncate(meeting.title),
            start=local.date(),
            end=local.date(),
            uid=f"meeting-{meeting.pk}@vstb",
            url=reverse("meetings:detail", args=[meeting.pk]),
            detail=" · ".join(
                filter(None, [f"{local:%H:%M}", meeting.place, meeting.committee.unit.name])
            ),
        )


# Where calendar entries come from: each takes (user, first, last, unit) and returns what it
# knows between `first` and `last` that the user may see (for `unit`'s calendar when given).
SOURCES: list[Source] = [
    national_days,
    plan_dates,
    task_dates,
    report_deadlines,
    activity_dates,
    meeting_dates,
]


# Reading the calendar ------------------------------------------------------------------------


def entries_for(user, first: date, last: date, unit: Unit | None = None) -> list[Entry]:
    """Every entry between `first` and `last` (inclusive), sorted; for `unit`'s calendar when
    given (the caller has loaded it through access.get_unit_for_user)."""
    found: dict[str, Entry] = {}
    for source in SOURCES:
        for entry in source(user, first, last, unit):
            if entry.overlaps(first, last):
                found[entry.uid] = entry
    return sorted(found.values(), key=Entry.sort_key)


def parse_month(value: str, today: date) -> date:
    """The first day of the month written `2026-11`; this month for anything else."""
    year, _dash, month = (value or "").partition("-")
    year, month = whole_number(year, 2000, 2100), whole_number(month, 1, 12)
    if year and month:
        return date(year, month, 1)
    return today.replace(day=1)


def add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    # (entry, note): single-day entries, and longer ones on the day they start or end.
    items: list[tuple[Entry, str]] = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]
    spanning: list[Entry]  # entries over several days that touch this month
    observances: list[Entry]  # national days and action months of this month, with sources

    @property
    def previous(self) -> date:
        return add_months(self.first, -1)

    @property
    def next(self) -> date:
        return add_months(self.first, 1)


def month_for(user, first: date, today: date, unit: Unit | None = None) -> Month:
    """The month grid starting on Monday, as Vietnamese calendars do."""
    weeks = Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    entries = entries_for(user, weeks[0][0], weeks[-1][-1], unit)
    days = {
        day: Day(date=day, in_month=day.month == first.month, is_today=day == today)
        for week in weeks
        for day in week
    }
    for entry in entries:
        if not entry.is_multi_day:
            days[entry.start].items.append((entry, ""))
            continue
        if entry.start in days:
            days[entry.start].items.append((entry, _("starts")))
        if entry.end in days:
            days[entry.end].items.append((entry, _("ends")))
    last = add_months(first, 1) - timedelta(days=1)
    in_month = [e for e in entries if e.overlaps(first, last)]
    return Month(
        first=first,
        weeks=[[days[day] for day in week] for week in weeks],
        spanning=[e for e in in_month if e.is_multi_day],
        observances=[e for e in in_month if e.kind == OBSERVANCE],
    )


def agenda_for(
    user, today: date, days: int = 60, unit: Unit | None = None
) -> list[tuple[date, list[Entry]]]:
    """The next `days` days, today included, by day; an entry already under way is listed
    under today."""
    by_day: dict[date, list[Entry]] = {}
    for entry in entries_for(user, today, today + timedelta(days=days - 1), unit):
        by_day.setdefault(max(entry.start, today), []).append(entry)
    return sorted(by_day.items())


def due_soon(user, today: date | None = None, days: int = 14) -> list[Entry]:
    """For the home page: the user's open tasks due, or whose period ends, in the next `days`
    days (today included), and the national days and action months starting in them."""
    today = today or timezone.localdate()
    last = today + timedelta(days=days - 1)
    tasks = (
        _at_reader_level(access.tasks_for_user(user), access.managed_unit_ids(user))
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANNOT_DO])
        .filter(Q(due__range=(today, last)) | Q(period_end__range=(today, last)))
        .select_related("plan__unit", "section")
    )
    found = [e for e in national_days(user, today, last) if today <= e.start <= last]
    for task in tasks:
        detail, url = _task_detail(task)
        if task.due and today <= task.due <= last:
            found.append(_task_entry(task, TASK_DUE, task.due, task.due, "due", detail, url))
        if task.period_end and today <= task.period_end <= last and task.period_end != task.due:
            end = task.period_end
            found.append(_task_entry(task, TASK_END, end, end, "end", detail, url))
    return sorted(found, key=Entry.sort_key)


# The ICS feed (RFC 5545) --------------------------------------------------------------------


def feed_window(today: date) -> tuple[date, date]:
    """What the feed holds: last year, this year and next year."""
    return date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)


def ics_feed(entries: Iterable[Entry], name: str, base_url: str = "") -> str:
    """The entries as an iCalendar file of all-day events. Call it inside
    translation.override("vi"): the summaries are Vietnamese."""
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//VSTB//Lich cong tac//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    for entry in entries:
        summary = entry.title if entry.kind == OBSERVANCE else f"{entry.label}: {entry.title}"
        # The feed leaves the application: no internal note (Entry.to_confirm), ever.
        description = (
            _("Source: %(source)s") % {"source": entry.source}
            if entry.source
            else " · ".join(filter(None, [entry.status_label, entry.detail]))
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}",
            f"DTSTAMP:{stamp}",
            # All-day events: DTEND is the day after the last day (RFC 5545, 3.6.1).
            f"DTSTART;VALUE=DATE:{entry.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{entry.end + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(summary)}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{_ics_text(description)}")
        if entry.url and base_url:
            lines.append(f"URL:{base_url.rstrip('/')}{entry.url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(f"{_fold(line)}\r\n" for line in lines)


# Helpers -----------------------------------------------------------------------------------


def _at_reader_level(tasks, own_unit_ids: list[int]):
    """A task and a task derived from it both listed (the district's task addressed to every
    ward, and the ward's own task implementing it) show once, at the reader's level: the
    parent is left out unless it is a task of the reader's own units."""
    parents = tasks.filter(parent_task__isnull=False).values("parent_task_id")
    return tasks.exclude(Q(pk__in=parents) & ~Q(plan__unit_id__in=own_unit_ids))


def _task_entries(task: Task) -> Iterable[Entry]:
    detail, url = _task_detail(task)
    if task.due:
        yield _task_entry(task, TASK_DUE, task.due, task.due, "due", detail, url)
    start, end = task.period_start, task.period_end
    if start and end and end >= start:
        yield _task_entry(task, TASK_PERIOD, start, end, "period", detail, url)
    elif end and end != task.due:
        yield _task_entry(task, TASK_END, end, end, "end", detail, url)
    elif start and not end:
        yield _task_entry(task, TASK_START, start, start, "start", detail, url)


def _task_detail(task: Task) -> tuple[str, str]:
    plan = task.plan
    detail = " · ".join(filter(None, [plan.number_and_symbol, plan.unit.name]))
    return detail, reverse("plans:task_detail", args=[task.pk])


def _task_entry(task, kind, start, end, what, detail, url) -> Entry:
    return Entry(
        kind=kind,
        title=_truncate(task.text),
        start=start,
        end=end,
        uid=f"task-{task.pk}-{what}@vstb",
        url=url,
        detail=detail,
        status=task.status,
    )


def _parse_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _truncate(text: str) -> str:
    return Truncator(" ".join(str(text).split())).chars(TITLE_LENGTH)


def _ics_text(value: str) -> str:
    """RFC 5545, 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """RFC 5545, 3.1: lines of more than 75 octets continue on lines starting with a space,
    never splitting a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            parts.append(current)
            current, size = "", 1  # the continuation line's leading space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
