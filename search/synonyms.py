"""Editor-managed synonyms, applied at query time (no reindex needed) by both backends."""

import re

from .models import SynonymSet

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
