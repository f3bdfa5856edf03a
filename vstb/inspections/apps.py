from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "vstb.inspections"
    label = "inspections"
    verbose_name = _("Inspection and supervision")
