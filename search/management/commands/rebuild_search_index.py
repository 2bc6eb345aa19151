"""Bulk-rebuilds the per-locale visitor search indices with zero downtime: each locale gets a
new index, then its alias moves to it and the old index is dropped."""

from django.core.management.base import BaseCommand, CommandError

from search import elastic, indexing


class Command(BaseCommand):
    help = "Rebuilds the Elasticsearch visitor search indices (one per locale, behind aliases)."

    def handle(self, *args, **options):
        if not elastic.enabled():
            raise CommandError("SEARCH_URL is not set: the database backend needs no rebuild.")
        counts = indexing.rebuild_all(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values())} pages."))
