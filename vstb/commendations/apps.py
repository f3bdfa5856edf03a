from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "vstb.commendations"
    label = "commendations"
    verbose_name = _("Commendation")

    def ready(self) -> None:
        from vstb.commendations import services
        from vstb.issuing import builders
        from vstb.issuing.models import Purpose
        from vstb.issuing.services import document_issued

        # The Tờ trình and the decision are written from the round, and written again at
        # issue unless the clerk corrected them (issuing.services.issue).
        builders.register(Purpose.COMMENDATION_PROPOSAL, services.proposal_document)
        builders.register(Purpose.COMMENDATION_DECISION, services.decision_document)
        document_issued.connect(
            services.submission_issued, dispatch_uid="commendations.submission_issued"
        )
        # The day a round's proposals go up, on the calendars.
        from vstb.activities.calendar import SOURCES
        from vstb.commendations.dates import proposal_deadlines

        if proposal_deadlines not in SOURCES:
            SOURCES.append(proposal_deadlines)
