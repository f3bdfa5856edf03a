"""Funding (kinh phí) of a plan: its estimate (dự toán) by activity group, budget item and
source, and spending followed through the activities' costs (issue 16)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "vstb.budget"
    label = "budget"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from vstb.activities.models import Activity
        from vstb.budget import services
        from vstb.plans import services as plans
        from vstb.reporting import document

        # The plan's funding part and the reports' budget part come from the estimates
        # (plans and reporting may not import this app).
        if services.plan_funding_paragraphs not in plans.FUNDING_PARAGRAPHS:
            plans.FUNDING_PARAGRAPHS.append(services.plan_funding_paragraphs)
        if services.report_funding_lines not in document.FUNDING_LINES:
            document.FUNDING_LINES.append(services.report_funding_lines)
        # A linked activity's cost changed: its plan may now be overspent.
        post_save.connect(
            services.on_activity_saved, sender=Activity, dispatch_uid="budget_activity_cost"
        )
