from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "geo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.health import register_check

        from . import resolve

        register_check("geo", resolve.health)
