from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide commands (demo, serve) and the demonstration data."""

    name = "vstb.core"
    label = "core"
