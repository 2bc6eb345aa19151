"""`manage.py warm_search_index`: warms the shard copies of every Elasticsearch node that started
(or restarted, or got other copies) since it was last warmed, with each language's recent
popular queries (search.elastic.warming). Cheap when nothing changed (a few cluster-state reads):
the `helpcenter-search-warm` timer runs it every minute, so a node that restarts is warmed
within a minute of its copies recovering, before the traffic it gets back meets cold caches."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import elastic
from search.elastic import warming


class Command(BaseCommand):
    help = (
        "Warms the search index copies of Elasticsearch nodes that started since they were "
        "last warmed, with each language's recent popular queries."
    )

    def handle(self, *args, **options):
        if not elastic.enabled():
            raise CommandError("SEARCH_URL is not set: there is no Elasticsearch to warm.")
        languages = [code for code, _name in settings.LANGUAGES]
        warmed = warming.warm_restarted_nodes(languages, log=self.stdout.write)
        if options["verbosity"] >= 1 and not warmed:
            self.stdout.write("Search indices: every node's copies are warm.")
