"""Inspection and supervision (kiểm tra, giám sát) of the plan's implementation at member
agencies and lower units: the inspection plan, its targets suggested from data, visits and
findings, recommendations followed until done (issue 16)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "vstb.inspections"
    label = "inspections"
    verbose_name = _("Inspection and supervision")

    def ready(self) -> None:
        from vstb.activities.calendar import SOURCES
        from vstb.inspections import dates, documents, reminders, services
        from vstb.issuing import builders
        from vstb.issuing.models import Purpose
        from vstb.issuing.services import document_issued
        from vstb.notifications.reminders import COLLECTORS

        # The words of the three documents of an inspection (issuing rebuilds them at issue).
        builders.register(Purpose.INSPECTION_PLAN, documents.plan_decision)
        builders.register(Purpose.INSPECTION_TEAM, documents.team_decision)
        builders.register(Purpose.INSPECTION_CONCLUSIONS, documents.conclusions)
        document_issued.connect(services.on_document_issued, dispatch_uid="inspections")
        # Recommendations due soon or overdue go out with the tasks' reminders, once each.
        if reminders.recommendation_reminders not in COLLECTORS:
            COLLECTORS.append(reminders.recommendation_reminders)
        # The visits of issued plans on the calendar and its feed.
        if dates.visit_dates not in SOURCES:
            SOURCES.append(dates.visit_dates)
