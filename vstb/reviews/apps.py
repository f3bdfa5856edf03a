from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "vstb.reviews"
    label = "reviews"
    verbose_name = _("Gender reviews of draft legal documents")

    def ready(self) -> None:
        from vstb.issuing import builders
        from vstb.issuing.models import Purpose
        from vstb.issuing.services import document_issued
        from vstb.reviews import services

        # The opinion letter is written from the review, and written again at issue unless
        # the clerk corrected it (issuing.services.issue).
        builders.register(Purpose.REVIEW_OPINION, services.opinion_letter)
        document_issued.connect(services.opinion_issued, dispatch_uid="reviews.opinion_issued")
        # A unit's report counts its reviews where its figures ask for them.
        from vstb.reporting.services import COUNTERS

        if services.report_counts not in COUNTERS:
            COUNTERS.append(services.report_counts)
