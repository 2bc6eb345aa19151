"""`manage.py embed_passages`: embeds the passages semantic search is missing (pages loaded with
`search.indexing.embedding_deferred()`, e.g. by `seed_demo`, or indexed while SEARCH_SEMANTIC
was off) and adds them to the Elasticsearch indices, page by page; pages already embedded cost
a read. `make run` starts it in the background once the demo is seeded, so the site serves
at once, by words, and becomes semantic as the vectors land."""

from django.core.management.base import BaseCommand

from search import embeddings, indexing


class Command(BaseCommand):
    help = "Embeds the missing passages of semantic search (and adds them to the search indices)."

    def handle(self, *args, **options):
        if not embeddings.enabled():
            self.stdout.write("Semantic search is off (SEARCH_SEMANTIC): nothing to embed.")
            return
        log = self.stdout.write if options["verbosity"] >= 1 else None
        indexing.embed_all(log=log)
