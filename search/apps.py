from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_init, post_save
        from wagtail.signals import page_published, page_unpublished

        from . import elastic, embeddings, synonyms, tasks
        from .models import SynonymSet

        # Indexing runs as a background task (search.tasks), never inside the editor's request:
        # into Elasticsearch, and the passages' vectors into the database (semantic search on
        # the database backend needs them without Elasticsearch too).
        def indexed() -> bool:
            return elastic.enabled() or embeddings.enabled()

        def published(sender, instance, **kwargs):
            if indexed():
                tasks.enqueue_index(instance)

        def removed(sender, instance, **kwargs):
            if indexed():
                tasks.enqueue_removal(instance)

        def synonyms_loaded(sender, instance, **kwargs):
            instance.published_language = instance.language  # where Elasticsearch has it

        def synonyms_saved(sender, instance, **kwargs):
            synonyms.publish_saved(instance, getattr(instance, "published_language", None))
            instance.published_language = instance.language

        def synonyms_deleted(sender, instance, **kwargs):
            synonyms.publish_deleted(instance)

        uid = "search-synonyms"
        post_init.connect(synonyms_loaded, sender=SynonymSet, weak=False, dispatch_uid=uid)
        post_save.connect(synonyms_saved, sender=SynonymSet, weak=False, dispatch_uid=uid)
        post_delete.connect(synonyms_deleted, sender=SynonymSet, weak=False, dispatch_uid=uid)
        page_published.connect(published, weak=False, dispatch_uid="search-index-published")
        page_unpublished.connect(removed, weak=False, dispatch_uid="search-index-unpublished")
        post_delete.connect(
            removed, sender="wagtailcore.Page", weak=False, dispatch_uid="search-index-delete"
        )
