from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from cms.health import register_check

        from . import api, indexing, synonyms
        from .models import SynonymSet

        register_check("search", api.health)

        def published(sender, instance, **kwargs):
            indexing.index_page(instance)

        def removed(sender, instance, **kwargs):
            indexing.remove_page(instance)

        def synonyms_changed(sender, instance, **kwargs):
            synonyms.publish_after_commit(instance.language)

        for signal in (post_save, post_delete):
            signal.connect(
                synonyms_changed, sender=SynonymSet, weak=False, dispatch_uid="search-synonyms"
            )
        page_published.connect(published, weak=False, dispatch_uid="search-index-published")
        page_unpublished.connect(removed, weak=False, dispatch_uid="search-index-unpublished")
        post_delete.connect(
            removed, sender="wagtailcore.Page", weak=False, dispatch_uid="search-index-delete"
        )
