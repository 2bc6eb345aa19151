"""A visitor's query with the editors' synonyms swapped in (`variants`): what the database
backend asks for beside the query (Elasticsearch applies the synonyms in its analyzer:
search.synonyms), and what tells the ranking by meaning what a visitor's word means
(search.semantic.query_vector)."""

import re

from .models import SynonymSet
from .query import clean

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


def cleaned_variants(text: str, language: str) -> list[str]:
    """`text` (a query already cleaned: search.query.clean) first, then its `variants`, each
    cleaned the same way (the editors' synonyms are text too)."""
    cleaned = [clean(variant, language).text for variant in variants(text, language)]
    return list(dict.fromkeys(v for v in cleaned if v)) or [text]


def _sets(language: str) -> list[list[str]]:
    return [s.term_list() for s in SynonymSet.objects.filter(language=language)]
