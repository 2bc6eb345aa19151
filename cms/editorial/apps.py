from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import locale_trees  # noqa: F401  (connects the new-locale-home receiver)
