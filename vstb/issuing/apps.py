from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuingConfig(AppConfig):
    name = "vstb.issuing"
    label = "issuing"
    verbose_name = _("Issued documents")

    def ready(self) -> None:
        from vstb.issuing.models import IssuedDocument
        from vstb.plans.models import NUMBERED

        # One register of outgoing documents per issuer and year (Decree 30/2020/NĐ-CP,
        # Article 15): a decision's or letter's number is taken from the plans' register.
        if IssuedDocument not in NUMBERED:
            NUMBERED.append(IssuedDocument)
