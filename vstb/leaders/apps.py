"""The pipeline of women leaders: candidates in planning (quy hoạch) for leadership positions,
their training and appointment, and the shares of women against the Strategy's targets
(issue 16)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadersConfig(AppConfig):
    name = "vstb.leaders"
    label = "leaders"
    verbose_name = _("Women in leadership")

    def ready(self) -> None:
        from vstb.issuing import builders
        from vstb.issuing.models import Purpose
        from vstb.leaders import services

        # The review report is written from the pipeline, and written again at issue unless
        # the clerk corrected it (issuing.services.issue).
        builders.register(Purpose.LEADERS_REVIEW, services.review_report)
        # The issued review fixes the year's leadership figures from the register.
        from vstb.issuing.services import document_issued

        document_issued.connect(services.review_issued, dispatch_uid="leaders.review_issued")
