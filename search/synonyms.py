"""Editor-managed synonyms. Elasticsearch applies them in each locale's search analyzer (rules
published to its synonyms index, analyzers reloaded: no reindex); the database fallback swaps
them into the query (`variants`)."""

import logging
import re

from . import elastic
from .models import SynonymSet

logger = logging.getLogger(__name__)

MAX_VARIANTS = 6


def variants(query: str, language: str) -> list[str]:
    """The normalised query first, then the query with each synonym swapped in
    ("hacked account" with "hacked, compromised" → ["hacked account", "compromised account"])."""
    found = [query]
    for terms in _sets(language):
        for term in terms:
            pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
            if not pattern.search(query):
                continue
            for other in terms:
                if other != term:
                    variant = pattern.sub(other, query)
                    if variant not in found:
                        found.append(variant)
    return found[:MAX_VARIANTS]


def _sets(language: str) -> list[list[str]]:
    return [s.term_list() for s in SynonymSet.objects.filter(language=language)]


def publish(language: str) -> None:
    """Give Elasticsearch the locale's current synonym sets (raises when it cannot answer)."""
    if not elastic.enabled():
        return
    rules = {s.pk: ", ".join(s.term_list()) for s in SynonymSet.objects.filter(language=language)}
    elastic.put_synonyms(language, rules)


def publish_after_commit(language: str) -> None:
    """After an editor's change: publish once the change is committed. If Elasticsearch cannot
    take it now, the next `rebuild_search_index` (or change) publishes it."""

    def run():
        try:
            publish(language)
        except Exception:
            logger.exception("search: could not publish the %s synonyms to Elasticsearch", language)

    from django.db import transaction

    transaction.on_commit(run)
