from django.apps import AppConfig


class SnippetsConfig(AppConfig):
    name = "snippets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import regions

        regions.connect_signals()
