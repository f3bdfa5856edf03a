from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "vstb.bench"
    label = "bench"
    verbose_name = "Benchmarks"
