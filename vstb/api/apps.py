from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vstb.api"
    label = "api"
    verbose_name = "API"
