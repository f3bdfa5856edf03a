from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from vstb.audit.models import AuditEntry
from vstb.audit.recorder import Action, record


class Command(BaseCommand):
    help = (
        "Delete audit entries older than VSTB_AUDIT_RETENTION_DAYS (the only way entries are "
        "ever deleted); the pruning itself is recorded."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.VSTB_AUDIT_RETENTION_DAYS)
        old = AuditEntry.objects.filter(at__lt=cutoff)
        # QuerySet.delete() is refused on the trail; the raw delete is this command's alone.
        deleted = old._raw_delete(old.db)
        record(
            Action.SECURITY,
            event="audit pruned",
            changes={"before": cutoff.isoformat(), "deleted": deleted},
            actor_name="vstb prune-audit",
        )
        self.stdout.write(f"Đã xóa {deleted} mục nhật ký trước {cutoff:%d/%m/%Y}.")
