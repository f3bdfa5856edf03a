from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from vstb.audit.recorder import acting
from vstb.cases.exports import expire_old
from vstb.cases.models import AccessAction, Case, CaseStatus
from vstb.cases.services import log


def due_for_erasure(today=None):
    """Closed cases past the retention period (VSTB_CASE_RETENTION_DAYS after closure), not
    on legal hold."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.VSTB_CASE_RETENTION_DAYS)
    return Case.objects.filter(
        status=CaseStatus.CLOSED, closed_on__lt=cutoff, legal_hold=False
    ).select_related("unit")


class Command(BaseCommand):
    help = (
        "List the closed cases past their retention period (not on legal hold); with --erase, "
        "erase them: each leaves a tombstone (its code, when, by whom) in the access log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--erase", action="store_true")

    def handle(self, *args, erase, **options):
        wiped = expire_old()  # export files past their day are wiped whatever else runs
        if wiped:
            self.stdout.write(f"Đã hủy {wiped} tệp xuất dữ liệu quá hạn.")
        cases = list(due_for_erasure().order_by("closed_on", "pk"))
        for case in cases:
            self.stdout.write(f"{case.code}\t{case.unit.name}\t{case.closed_on:%d/%m/%Y}")
        if not erase:
            self.stdout.write(f"{len(cases)} vụ việc đến hạn xóa (chạy lại với --erase để xóa).")
            return
        with transaction.atomic(), acting(name="vstb case-retention"):
            for case in cases:
                log(case, AccessAction.ERASE, "retention")
                case.delete()
        self.stdout.write(f"Đã xóa {len(cases)} vụ việc; nhật ký truy cập giữ dấu vết của từng vụ.")
