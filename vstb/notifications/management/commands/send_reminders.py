from datetime import date

from django.core.management.base import BaseCommand, CommandError

from vstb.notifications.reminders import send_reminders


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Send today's reminders (tasks and reports due soon or overdue, action months coming) "
        "by e-mail and in the app, each once, then the daily digests. Run it once a day; "
        "running it again sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=_day, default=None, help="Act as if today were YYYY-MM-DD."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be sent; record and send nothing.",
        )

    def handle(self, *args, today, dry_run, **options):
        summary = send_reminders(today=today, dry_run=dry_run)
        self.stdout.write(summary.line())
