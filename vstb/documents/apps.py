from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "vstb.documents"
    label = "documents"
    # No models yet, so nothing of this app shows in the UI; a plain string keeps it out of
    # the translation catalogue.
    verbose_name = "Official documents"
