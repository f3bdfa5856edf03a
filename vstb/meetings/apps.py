from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "vstb.meetings"
    label = "meetings"
    verbose_name = _("Committee meetings")

    def ready(self) -> None:
        from vstb.issuing import builders
        from vstb.issuing.models import Purpose
        from vstb.issuing.services import document_issued
        from vstb.meetings import documents, services
        from vstb.plans import services as plans

        # The words of the three documents a meeting gives (issuing rebuilds them at issue).
        builders.register(Purpose.MEETING_INVITATION, documents.invitation)
        builders.register(Purpose.MEETING_MINUTES, documents.minutes)
        builders.register(Purpose.MEETING_CONCLUSIONS, documents.conclusions)
        document_issued.connect(services.on_document_issued, dispatch_uid="meetings")
        # A conclusion's task follows the plan up but is no part of its issued text.
        if services.conclusion_sections not in plans.FOLLOW_UP_SECTIONS:
            plans.FOLLOW_UP_SECTIONS.append(services.conclusion_sections)
