from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "vstb.org"
    label = "org"
    verbose_name = _("Administrative units and committees")
