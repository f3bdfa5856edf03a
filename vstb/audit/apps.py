from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vstb.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from vstb.audit import recorder

        recorder.connect()
