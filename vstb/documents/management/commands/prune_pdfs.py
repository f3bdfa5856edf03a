from django.conf import settings
from django.core.management.base import BaseCommand

from vstb.documents.pdf import prune


class Command(BaseCommand):
    help = (
        "Delete kept PDFs, conversion failures and abandoned conversions older than "
        "VSTB_PDF_KEEP_DAYS (an issued document's PDF is made again at its next download). "
        "Daily, with the reminders (deploy/systemd/vstb-reminders.service)."
    )

    def handle(self, *args, **options):
        deleted = prune(settings.VSTB_PDF_KEEP_DAYS)
        self.stdout.write(
            f"Đã xóa {deleted} tệp PDF lưu tạm quá {settings.VSTB_PDF_KEEP_DAYS} ngày."
        )
