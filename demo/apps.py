from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content as data files and the one loader that builds it; sits above every other app."""

    name = "demo"
    verbose_name = "Demo content"
