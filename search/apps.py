from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from cms.health import register_check

        from . import api, indexing

        register_check("search", api.health)

        def published(sender, instance, **kwargs):
            indexing.index_page(instance)

        def removed(sender, instance, **kwargs):
            indexing.remove_page(instance)

        page_published.connect(published, weak=False, dispatch_uid="search-index-published")
        page_unpublished.connect(removed, weak=False, dispatch_uid="search-index-unpublished")
        post_delete.connect(
            removed, sender="wagtailcore.Page", weak=False, dispatch_uid="search-index-delete"
        )
