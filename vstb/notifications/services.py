"""One way to tell people: `notify()` (docs/decisions/0008-notify.md).

Every hand-off of the cycle, every reminder and every đôn đốc goes out through here:

- in the app always (a Notification per person, one bulk INSERT);
- by e-mail unless the person opted out of that kind (ReminderPreference) or chose the daily
  digest (NotificationSettings), in which case the notification waits for `send_digest`;
- an e-mail carries a short Vietnamese sentence and a link, nothing else: no figure, no
  comment, never anything about a case or a survivor (`detail` is shown in the app only);
- e-mails leave after the transaction commits (a transition rolled back tells nobody), through
  one mail connection;
- a constant number of queries whatever the number of people.

Who is told is decided by the access module (`access.people_to_tell`); the units and
agencies where nobody holds such a role come back in `Told.nobody`, for the page to name.
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import router, transaction
from django.db.models import CharField, Value
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vstb.access import Audience
from vstb.notifications import tasks
from vstb.notifications.models import (
    Notification,
    NotificationSettings,
    ReminderPreference,
)
from vstb.org.models import Agency

logger = logging.getLogger(__name__)

DEFAULT_SITE_URL = "http://127.0.0.1:8000"
TITLE_CHARS = 120  # Notification.title
# Rows per INSERT; SQLite lowers it to what its parameters allow.
BATCH_SIZE = 2000
# How many units without anyone to tell a page names before "and N more".
NOBODY_NAMED = 10
DIGEST = "*"  # in the set `email_blocked` returns: the user takes the daily digest
UNIT_NOBODY = gettext_lazy(
    "%(name)s has nobody to receive notifications: assign a role at this unit."
)
AGENCY_NOBODY = gettext_lazy(
    "%(name)s has nobody to receive notifications: assign a focal point of this agency."
)
CLOSING = gettext_lazy("To stop these e-mails or receive one a day, change your preferences:")


def site_url() -> str:
    return getattr(settings, "VSTB_SITE_URL", DEFAULT_SITE_URL).rstrip("/")


def in_vietnamese(message, **params) -> str:
    """A message in Vietnamese, whatever the language of the request: what is stored and
    e-mailed is read by people who may have chosen another language."""
    with translation.override("vi"):
        text = str(message)
        return text % params if params else text


def fit(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Told:
    """What `notify` did: how many people were told, how many e-mails left, and the units
    and agencies concerned where nobody holds a role to be told."""

    people: int = 0
    emails: int = 0
    nobody: list = field(default_factory=list)

    def __add__(self, other: "Told") -> "Told":
        return Told(
            self.people + other.people, self.emails + other.emails, self.nobody + other.nobody
        )

    def nobody_messages(self) -> list[str]:
        """A sentence for each unit and agency nobody was told at, for the sender (the first
        NOBODY_NAMED of them, then how many more)."""
        seen, items = set(), []
        for item in self.nobody:
            key = (isinstance(item, Agency), item.pk)
            if key not in seen:
                seen.add(key)
                items.append(item)
        messages = [
            (AGENCY_NOBODY if isinstance(item, Agency) else UNIT_NOBODY) % {"name": item}
            for item in items[:NOBODY_NAMED]
        ]
        rest = len(items) - NOBODY_NAMED
        if rest > 0:
            messages.append(
                ngettext(
                    "%(count)s more unit or agency has nobody to receive notifications either.",
                    "%(count)s more units and agencies have nobody to receive notifications "
                    "either.",
                    rest,
                )
                % {"count": rest}
            )
        return messages


def audience_of(recipients) -> Audience:
    """An Audience from what callers have: an Audience, or users."""
    if isinstance(recipients, Audience):
        return recipients
    return Audience({user.pk: user.email or "" for user in recipients})


def email_blocked(kinds: Iterable[str]) -> set[tuple[int, str]]:
    """(user, kind) pairs not to e-mail: opt-outs of `kinds`, and (user, DIGEST) for those who
    take the daily digest. One query, whatever the number of people."""
    opted_out = ReminderPreference.objects.filter(kind__in=list(kinds), enabled=False).values_list(
        "user", "kind"
    )
    digest = NotificationSettings.objects.filter(daily_digest=True).values_list(
        "user", Value(DIGEST, output_field=CharField())
    )
    return set(opted_out.order_by().union(digest.order_by()))


def send_after_commit(messages: list[EmailMessage]) -> None:
    """Hand the messages to a background job once the transaction commits (none if it rolls
    back); the job retries a failing mail server, which never undoes what was done (the
    notifications in the app remain). vstb/notifications/tasks.py."""
    if messages:
        payload = [
            {"subject": m.subject, "body": m.body, "from_email": m.from_email, "to": m.to}
            for m in messages
        ]
        transaction.on_commit(
            lambda: tasks.send_emails.enqueue(payload),
            using=router.db_for_write(Notification),
            robust=True,
        )


def notify(
    recipients, kind: str, title: str, link: str, *, detail: str = "", subject: str = ""
) -> Told:
    """Tell `recipients` (an Audience from access.people_to_tell, or users) about one thing.

    `title` is one Vietnamese sentence without personal data (it is the notification's line
    and the e-mail's whole text); `link` a path on this site; `detail` is shown in the app
    only; `subject` replaces the e-mail's default one ("VSTB: " and the title). Two queries
    (opt-outs and digests, the INSERT), none per person; e-mails after commit.
    """
    audience = audience_of(recipients)
    people = audience.people
    if not people:
        return Told(0, 0, audience.nobody)
    title = fit(title)
    blocked = email_blocked([kind])
    to_email = {
        user_id: email
        for user_id, email in people.items()
        if email and (user_id, kind) not in blocked and (user_id, DIGEST) not in blocked
    }
    digest = {user_id for user_id in people if (user_id, DIGEST) in blocked}
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                kind=kind,
                title=title,
                url=link,
                detail=detail,
                created_at=now,
                digest_pending=user_id in digest and (user_id, kind) not in blocked,
            )
            for user_id in people
        ],
        batch_size=BATCH_SIZE,
    )
    body = email_body(title, link)
    messages = [
        EmailMessage(
            subject or fit(f"VSTB: {title}", 150), body, settings.DEFAULT_FROM_EMAIL, [email]
        )
        for email in to_email.values()
    ]
    send_after_commit(messages)
    return Told(len(people), len(messages), audience.nobody)


def email_body(title: str, link: str) -> str:
    """The sentence, its link, and where to change what is e-mailed. Nothing else."""
    base = site_url()
    closing = in_vietnamese(CLOSING)
    return f"{title}\n{base}{link}\n\n{closing}\n{base}{reverse('notifications:preferences')}\n"


# The daily digest ------------------------------------------------------------------------------


def send_digest(today: date | None = None, dry_run: bool = False, connection=None) -> int:
    """One e-mail per person on the daily digest, listing the notifications waiting for it;
    each notification goes into one digest only (a run claims its rows with one UPDATE, so
    two runs at once never send the same line twice). The number of e-mails sent."""
    today = today or timezone.localdate()
    pending = Notification.objects.filter(digest_pending=True)
    if dry_run:
        return pending.values("user").distinct().count()
    run = uuid.uuid4()
    pending.update(digest_pending=False, digest_run=run)
    rows = (
        Notification.objects.filter(digest_run=run)
        .order_by("user", "created_at", "pk")
        .values_list("user", "user__email", "title", "url")
    )
    by_user: dict[int, list] = defaultdict(list)
    emails = {}
    for user_id, email, title, url in rows:
        by_user[user_id].append((title, url))
        emails[user_id] = email
    base = site_url()
    with translation.override("vi"):
        subject = _("VSTB: your notifications of %(date)s") % {"date": f"{today:%d/%m/%Y}"}
        opening = _("Your notifications in VSTB since the last e-mail:")
        closing = str(CLOSING)
    messages = []
    for user_id, items in by_user.items():
        if not emails[user_id]:
            continue
        lines = [opening, ""]
        lines += [f"- {title}\n  {base}{url}" for title, url in items]
        lines += ["", closing, f"  {base}{reverse('notifications:preferences')}", ""]
        messages.append(
            EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [emails[user_id]])
        )
    if messages:
        (connection or get_connection()).send_messages(messages)
    return len(messages)
