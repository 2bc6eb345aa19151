"""Seeds the whole demo help center from the data files of `content/`, in dependency order.

One transaction, indexed once at the end (batch.py), by words: semantic search's passages are
embedded afterwards by `manage.py embed_passages` (`make run` starts it in the background), so
seeding does not wait for the embedding model. Idempotent: what exists is left as it is.
Raises `DemoContentError` when a data file breaks the rules of docs/demo-content-format.md.
"""

from django.db import transaction

from search import embeddings, indexing

from . import (
    ad_pricing,
    batch,
    business_help,
    contact_forms,
    editor_guide,
    editorial_users,
    page_tree,
    regions,
    search_terms,
)
from .content_files import DemoContentError

__all__ = ["DemoContentError", "seed"]


def seed_regions_and_pricing(log=print) -> None:
    with transaction.atomic():
        created = regions.seed_themes_and_regions()
    article = ad_pricing.seed_pricing_article()
    log(
        f"Demo regions: {created} regions created; ad pricing article "
        f"{'created' if article else 'already there'}."
    )


def seed(log=print) -> None:
    with indexing.embedding_deferred(), batch.one_batch(log=log):
        page_tree.seed(log=log)
        business_help.seed(log=log)  # before the users: their groups are made here
        editorial_users.seed(log=log)
        editor_guide.seed(log=log)
        seed_regions_and_pricing(log=log)
        contact_forms.seed(log=log)
        # Last: the search index is built over everything the other seeds created.
        search_terms.seed(log=log)
    if embeddings.enabled():
        log("Semantic search: `manage.py embed_passages` embeds the passages not embedded yet.")
