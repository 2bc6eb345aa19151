from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms import locale_trees  # noqa: F401  (connects the new-locale-home receiver)
