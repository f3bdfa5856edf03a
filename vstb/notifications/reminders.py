"""Reminders: tasks and reports due soon or overdue, and action months coming, by e-mail and
in the app.

`send_reminders(today)` is the whole job (`vstb send-reminders` runs it once a day). It
decides what is due today, finds who receives it, drops what a user opted out of or has
already received, records the rest in the ReminderSent log, creates the notifications and
sends one e-mail per user. Decisions (docs/decisions/0005-reminders.md):

- A task is reminded on the days before its deadline (its due date, else the end of its
  period) that the plan's unit chose (UnitReminderSettings, default 7 and 1). A run that was
  missed is made up: a task 5 days from its deadline gets the "7d" reminder if it has not
  had it yet.
- An overdue task is reminded once a week while it stays open: the day after its deadline,
  then every 7 days. The occasion names the first day of that week ("overdue:2026-11-21"),
  so a week's reminder goes out once even when runs are missed or repeated.
- An action month is announced 14 days before it starts, to everyone with a role.
- A report is reminded 7 days and 1 day before its due date and once when it is overdue (up
  to a week late; after that chasing is the receiving unit's push), to those who write it
  for each expected reporter that has not sent it (access.people_to_tell's rule).
- Who receives a task's reminder is who finds it in "my tasks" (access.tasks_for_user),
  computed for all users at once: one UNION query over the ways a task reaches a user, so
  the number of queries does not grow with the number of users or tasks.
- A reminder goes out at most once: the unique key of ReminderSent (user, kind, object,
  occasion). A run inserts its keys with ON CONFLICT DO NOTHING, reads back those it
  inserted itself and notifies only those; a run at the same time inserts none of them.
- In the app always; by e-mail unless the user opted out of the kind or takes the daily
  digest (notifications.services, the one way to tell people).
- E-mails are Vietnamese and carry only a task's first words and a link.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import router, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vstb.access import action_month_recipients, report_reminder_recipients, task_recipients
from vstb.activities.calendar import OBSERVANCES
from vstb.notifications.models import (
    DEFAULT_DAYS_BEFORE,
    Kind,
    Notification,
    ReminderSent,
    UnitReminderSettings,
)
from vstb.notifications.services import DIGEST, email_blocked, send_digest, site_url
from vstb.plans.models import PlanStatus, Task, TaskStatus

TITLE_CHARS = 80
OVERDUE_EVERY_DAYS = 7
ACTION_MONTH_NOTICE_DAYS = 14
# Rows per INSERT; SQLite lowers it to what its 999 parameters allow.
BATCH_SIZE = 2000
DEFAULT_SITE_URL = "http://127.0.0.1:8000"
TASK_KINDS = [Kind.TASK_DUE, Kind.TASK_OVERDUE]
REPORT_KINDS = [Kind.REPORT_DUE, Kind.REPORT_OVERDUE]
KIND_ORDER = {
    Kind.REPORT_OVERDUE: 0,
    Kind.TASK_OVERDUE: 1,
    Kind.REPORT_DUE: 2,
    Kind.TASK_DUE: 3,
    Kind.ACTION_MONTH: 4,
    Kind.RECOMMENDATION: 5,
}
# Apps above this one remind of their own objects in the same run, log and e-mail: each
# collector takes (today, emails), adds its recipients' addresses to `emails` and returns its
# Reminders (inspections registers its recommendations from its AppConfig.ready()).
COLLECTORS: list = []
# Reports: reminded 7 days and 1 day before they are due, and once when overdue, made up for
# a week of missed runs.
REPORT_DAYS_BEFORE = [7, 1]
REPORT_OVERDUE_DAYS = 7


# The calendar ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionMonth:
    start: date
    name: str  # the official Vietnamese name, as the calendar shows it


def action_months(year: int) -> list[ActionMonth]:
    """The action months starting in `year`, from the calendar's national days (June: domestic
    violence prevention; 15 November: gender equality and gender-based violence)."""
    return [
        ActionMonth(start=observance.dates(year)[0], name=observance.name)
        for observance in OBSERVANCES
        if observance.is_month
    ]


def months_to_announce(today: date) -> list[ActionMonth]:
    """Action months starting within the notice period (14 days, or fewer when runs were
    missed: the announcement is made up until the day before the month starts)."""
    return [
        month
        for month in chain(action_months(today.year), action_months(today.year + 1))
        if month.start - timedelta(days=ACTION_MONTH_NOTICE_DAYS) <= today < month.start
    ]


# What is due -------------------------------------------------------------------------------


def task_occasion(deadline: date, today: date, days_before: list[int]) -> tuple[str, str] | None:
    """The reminder a task with this deadline is due for today: (kind, occasion), or None.

    Before the deadline, the window of the smallest reminder day at or above the days left:
    with [7, 1], "7d" from 7 to 2 days before, "1d" from 1 day before to the day itself.
    After it, one reminder a week, the week starting the day after the deadline.
    """
    days_left = (deadline - today).days
    if days_left < 0:
        weeks = (-days_left - 1) // OVERDUE_EVERY_DAYS
        week_start = deadline + timedelta(days=1 + OVERDUE_EVERY_DAYS * weeks)
        return Kind.TASK_OVERDUE, f"overdue:{week_start.isoformat()}"
    for days in sorted(days_before):
        if days_left <= days:
            return Kind.TASK_DUE, f"{days}d"
    return None


def short_title(text: str) -> str:
    """A task's first words: nothing past TITLE_CHARS characters ever leaves in a reminder."""
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def task_path_pattern() -> str:
    """The task page's path with "{}" for the task's id. reverse() costs about 0.1 ms; once
    per run rather than once for each of thousands of tasks."""
    marker = 918273645
    return reverse("plans:task_detail", args=[marker]).replace(str(marker), "{}")


def open_tasks_until(horizon: date):
    """Open tasks of issued plans whose deadline is on or before `horizon` (the overdue ones
    included): the tasks that may be due for a reminder."""
    return (
        Task.objects.filter(plan__status=PlanStatus.ISSUED)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANNOT_DO])
        .filter(Q(due__lte=horizon) | Q(due__isnull=True, period_end__lte=horizon))
        .order_by()
    )


# Who receives it ---------------------------------------------------------------------------

# Collecting --------------------------------------------------------------------------------


class Reminder(NamedTuple):
    """One reminder for one user. A tuple: a national run makes hundreds of thousands."""

    user_id: int
    kind: str
    object_id: int
    occasion: str
    title: str
    url: str  # a path on this site
    on: date  # the task's deadline, or the action month's first day

    @property
    def key(self) -> tuple[int, str, int, str]:
        return (self.user_id, self.kind, self.object_id, self.occasion)


class _DueTask(NamedTuple):
    kind: str
    occasion: str
    title: str
    url: str
    deadline: date


def collect(today: date) -> tuple[list[Reminder], dict[int, str]]:
    """The reminders due today that have not gone out and that their users still want, and
    each recipient's e-mail address. Reads only, in at most six queries whatever the number
    of users or tasks."""
    days_by_unit = dict(UnitReminderSettings.objects.values_list("unit_id", "days_before"))
    longest = max(chain(DEFAULT_DAYS_BEFORE, *days_by_unit.values()))
    candidates = open_tasks_until(today + timedelta(days=longest))

    due: dict[int, _DueTask] = {}
    task_path = task_path_pattern()
    rows = candidates.values_list(
        "pk",
        "plan__unit",
        "due",
        "period_end",
        "paragraph",
        "section__paragraphs",
        "section__title",
    )
    for pk, unit_id, due_on, period_end, paragraph, paragraphs, heading in rows:
        deadline = due_on or period_end
        found = task_occasion(deadline, today, days_by_unit.get(unit_id, DEFAULT_DAYS_BEFORE))
        if found:
            text = paragraphs[paragraph] if paragraph < len(paragraphs or []) else heading
            url = task_path.format(pk)
            due[pk] = _DueTask(*found, title=short_title(text), url=url, deadline=deadline)

    reminders: list[Reminder] = []
    emails: dict[int, str] = {}
    if due:
        for task_id, user_id, email in task_recipients(candidates, today):
            task = due.get(task_id)
            if task is not None:
                reminders.append(
                    Reminder(
                        user_id,
                        task.kind,
                        task_id,
                        task.occasion,
                        task.title,
                        task.url,
                        task.deadline,
                    )
                )
                emails[user_id] = email

    months = months_to_announce(today)
    if months:
        calendar = reverse("activities:calendar")
        for user_id, email in action_month_recipients(today):
            emails[user_id] = email
            for month in months:
                occasion = f"month:{month.start.isoformat()}"
                url = f"{calendar}?month={month.start:%Y-%m}"
                reminders.append(
                    Reminder(user_id, Kind.ACTION_MONTH, 0, occasion, month.name, url, month.start)
                )

    report_reminders = due_reports(today, emails)
    reminders += report_reminders
    collected = [r for collector in COLLECTORS for r in collector(today, emails)]
    reminders += collected

    if not reminders:
        return [], {}
    sent = already_sent(
        candidates,
        task_occasions={task.occasion for task in due.values()},
        month_occasions={f"month:{month.start.isoformat()}" for month in months},
        report_keys={(r.object_id, r.occasion) for r in report_reminders},
        other_keys={(r.kind, r.object_id, r.occasion) for r in collected},
    )
    unique = {}
    for r in reminders:
        if r.key not in sent:
            unique.setdefault(r.key, r)
    return list(unique.values()), emails


def report_occasion(due: date, today: date) -> tuple[str, str] | None:
    """The reminder a report due on `due` is due for today: "7d" from 7 to 2 days before,
    "1d" the day before and the day itself, "overdue" for the week after."""
    days_left = (due - today).days
    if days_left < 0:
        return (Kind.REPORT_OVERDUE, "overdue") if -days_left <= REPORT_OVERDUE_DAYS else None
    for days in sorted(REPORT_DAYS_BEFORE):
        if days_left <= days:
            return Kind.REPORT_DUE, f"{days}d"
    return None


def due_reports(today: date, emails: dict[int, str]) -> list[Reminder]:
    """Reminders of reports due soon or just overdue, to those who write each expected
    reporter's report and have not sent it. One query for the requirements, then one per
    requirement falling due today (a handful), whatever the number of reporters or users."""
    # Reporting sits above notifications in the layers: imported where it is used.
    from vstb.notifications.handoffs import expected_reporters
    from vstb.reporting.models import Report, ReportStatus, Requirement

    reminders = []
    url = reverse("reporting:my_reports")
    requirements = Requirement.objects.filter(
        year__in=[today.year - 1, today.year, today.year + 1]
    ).select_related("unit")
    for requirement in requirements:
        occasions = {}
        for key, value in (requirement.due_dates or {}).items():
            found = report_occasion(date.fromisoformat(value), today)
            if found:
                occasions[key] = (*found, date.fromisoformat(value))
        if not occasions:
            continue
        units, agencies = expected_reporters(requirement)
        sent = Report.objects.filter(
            requirement=requirement, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
        )
        levels = [int(key) for key in occasions if key.isdigit()]
        owing_units = owing_agencies = None
        if levels:
            owing_units = units.filter(level__in=levels).exclude(
                pk__in=sent.filter(unit__isnull=False).values("unit")
            )
        if "agency" in occasions:
            owing_agencies = agencies.exclude(
                pk__in=sent.filter(agency__isnull=False).values("agency")
            )
        roles = report_reminder_recipients(owing_units, owing_agencies, today)
        title = short_title(requirement.title)
        for user_id, email, agency_id, level in roles.order_by():
            key = "agency" if agency_id else str(level)
            if key not in occasions:
                continue
            kind, occasion, due_on = occasions[key]
            emails[user_id] = email
            reminders.append(Reminder(user_id, kind, requirement.pk, occasion, title, url, due_on))
    return reminders


def already_sent(
    tasks,
    task_occasions: set[str],
    month_occasions: set[str],
    report_keys: set[tuple[int, str]] = frozenset(),
    other_keys: set[tuple[str, int, str]] = frozenset(),
) -> set[tuple]:
    """Keys in the log for today's occasions: of `tasks`, of the action months and of the
    requirements whose reports are due."""
    condition = Q(pk__in=[])
    if task_occasions:
        condition |= Q(
            kind__in=TASK_KINDS,
            object_id__in=tasks.values("pk"),
            occasion__in=sorted(task_occasions),
        )
    if month_occasions:
        condition |= Q(kind=Kind.ACTION_MONTH, object_id=0, occasion__in=sorted(month_occasions))
    if report_keys:
        condition |= Q(
            kind__in=REPORT_KINDS,
            object_id__in=sorted({object_id for object_id, _o in report_keys}),
            occasion__in=sorted({occasion for _i, occasion in report_keys}),
        )
    for kind in sorted({kind for kind, _i, _o in other_keys}):
        condition |= Q(
            kind=kind,
            object_id__in=sorted({i for k, i, _o in other_keys if k == kind}),
            occasion__in=sorted({o for k, _i, o in other_keys if k == kind}),
        )
    return set(
        ReminderSent.objects.filter(condition).values_list("user", "kind", "object_id", "occasion")
    )


# Recording and sending ---------------------------------------------------------------------


def record(reminders: list[Reminder], blocked: set = frozenset()) -> list[Reminder]:
    """Log the reminders and create their notifications, in one transaction; the reminders
    this run claimed, which are the only ones it may send (a run at the same time, or one
    that got there first, has claimed the others). Those of users on the daily digest wait
    for it (`blocked`: notifications.services.email_blocked)."""
    run = uuid.uuid4()
    now = timezone.now()
    with transaction.atomic(using=router.db_for_write(ReminderSent)):
        ReminderSent.objects.bulk_create(
            [
                ReminderSent(
                    user_id=r.user_id,
                    kind=r.kind,
                    object_id=r.object_id,
                    occasion=r.occasion,
                    sent_at=now,
                    run=run,
                )
                for r in reminders
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
        claimed = set(
            ReminderSent.objects.filter(run=run).values_list(
                "user", "kind", "object_id", "occasion"
            )
        )
        mine = [r for r in reminders if r.key in claimed]
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=r.user_id,
                    kind=r.kind,
                    title=r.title,
                    url=r.url,
                    created_at=now,
                    digest_pending=(r.user_id, DIGEST) in blocked
                    and (r.user_id, r.kind) not in blocked,
                )
                for r in mine
            ],
            batch_size=BATCH_SIZE,
        )
    return mine


def email_texts(today: date) -> dict:
    """The e-mail's sentences and addresses, in the active language, made once per run."""
    base = site_url()
    return {
        "subject": _("VSTB reminders of %(date)s") % {"date": f"{today:%d/%m/%Y}"},
        "opening": _("VSTB reminds you of the following."),
        Kind.TASK_DUE: _("Task due on %(date)s: %(title)s"),
        Kind.TASK_OVERDUE: _("Task past its deadline of %(date)s: %(title)s"),
        Kind.ACTION_MONTH: _("Action month starting on %(date)s: %(title)s"),
        Kind.REPORT_DUE: _("Report due on %(date)s: %(title)s"),
        Kind.REPORT_OVERDUE: _("Report past its due date of %(date)s: %(title)s"),
        Kind.RECOMMENDATION: _("Inspection recommendation due on %(date)s: %(title)s"),
        "closing": _("To stop a kind of reminder, change your preferences:"),
        "preferences": base + reverse("notifications:preferences"),
        "site": base,
    }


def email_entry(reminder: Reminder, texts: dict) -> str:
    """A reminder's two lines: its kind, date and short title; its link. Nothing else."""
    sentence = texts[reminder.kind] % {"date": f"{reminder.on:%d/%m/%Y}", "title": reminder.title}
    return f"- {sentence}\n  {texts['site']}{reminder.url}"


def email_messages(
    reminders: list[Reminder], emails: dict[int, str], today: date, blocked: set = frozenset()
) -> list[EmailMessage]:
    """One Vietnamese e-mail per user with an address, listing that user's reminders but
    those of kinds they opted out of; none for a user on the daily digest."""
    by_user: dict[int, list[Reminder]] = defaultdict(list)
    for r in reminders:
        if (
            emails.get(r.user_id)
            and (r.user_id, r.kind) not in blocked
            and (r.user_id, DIGEST) not in blocked
        ):
            by_user[r.user_id].append(r)
    with translation.override("vi"):
        texts = email_texts(today)
    # A reminder's lines are the same for each of its recipients: written once.
    entries: dict[tuple, str] = {}
    messages = []
    for user, items in by_user.items():
        lines = [texts["opening"], ""]
        for r in sorted(items, key=lambda r: (KIND_ORDER[r.kind], r.on, r.object_id)):
            key = (r.kind, r.object_id, r.occasion)
            if key not in entries:
                entries[key] = email_entry(r, texts)
            lines.append(entries[key])
        lines += ["", texts["closing"], f"  {texts['preferences']}", ""]
        messages.append(
            EmailMessage(
                texts["subject"], "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [emails[user]]
            )
        )
    return messages


@dataclass
class Summary:
    today: date
    dry_run: bool
    by_kind: Counter = field(default_factory=Counter)
    users: int = 0
    emails: int = 0
    digests: int = 0

    @property
    def notifications(self) -> int:
        return sum(self.by_kind.values())

    def line(self) -> str:
        text = (
            f"Reminders for {self.today.isoformat()}: {self.by_kind[Kind.TASK_DUE]} task due, "
            f"{self.by_kind[Kind.TASK_OVERDUE]} task overdue, "
            f"{self.by_kind[Kind.ACTION_MONTH]} action month, "
            f"{self.by_kind[Kind.REPORT_DUE]} report due, "
            f"{self.by_kind[Kind.REPORT_OVERDUE]} report overdue; {self.notifications} "
            f"notifications to {self.users} users, {self.emails} e-mails, "
            f"{self.digests} daily digests"
        )
        return text + (" (dry run: nothing recorded or sent)." if self.dry_run else ".")


def send_reminders(today: date | None = None, dry_run: bool = False, connection=None) -> Summary:
    """Send today's reminders once: in-app notifications and one e-mail per user, through
    one mail connection; then the daily digests (notifications.services.send_digest). A dry
    run computes everything and writes and sends nothing."""
    today = today or timezone.localdate()
    connection = connection or get_connection()
    reminders, emails = collect(today)
    blocked = email_blocked(Kind.values) if reminders else set()
    if reminders and not dry_run:
        reminders = record(reminders, blocked)
    messages = email_messages(reminders, emails, today, blocked)
    if messages and not dry_run:
        connection.send_messages(messages)
    return Summary(
        today=today,
        dry_run=dry_run,
        by_kind=Counter(r.kind for r in reminders),
        users=len({r.user_id for r in reminders}),
        emails=len(messages),
        digests=send_digest(today, dry_run=dry_run, connection=connection),
    )
