"""`manage.py update_index`: Wagtail's own command (modelsearch's indices: admin search and the
database fallback), then, when Elasticsearch is configured, the per-locale visitor indices
(search.indexing.rebuild_all: a new index per locale behind its alias, zero downtime). So the
one command Wagtail documents rebuilds everything search needs."""

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as WagtailUpdateIndexCommand,
)

from search import elastic, indexing


class Command(WagtailUpdateIndexCommand):
    help = (
        "Rebuilds Wagtail's search indices, then the Elasticsearch visitor search indices "
        "(one per locale, behind aliases)."
    )

    def handle(self, **options):
        super().handle(**options)
        if elastic.enabled():
            # The rebuild embeds each page's passages as it writes its document.
            counts = indexing.rebuild_all(log=self.stdout.write)
            self.stdout.write(f"Visitor search: {sum(counts.values())} pages indexed.")
        else:
            indexing.embed_all(log=self.stdout.write)
