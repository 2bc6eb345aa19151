"""Editor-managed synonyms. Elasticsearch applies them in each locale's search analyzer (rules
published through the synonyms API, or to the plugin's rules index: search.elastic.synonyms;
no reindex); the database fallback swaps them into the query (`variants`)."""

import logging
import re

from django.db import transaction

from . import elastic
from .elastic import synonyms as published_rules
from .models import SynonymSet
from .query import clean

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


def cleaned_variants(text: str, language: str) -> list[str]:
    """`text` (a query already cleaned: search.query.clean) first, then its `variants`, each
    cleaned the same way (the editors' synonyms are text too)."""
    cleaned = [clean(variant, language).text for variant in variants(text, language)]
    return list(dict.fromkeys(v for v in cleaned if v)) or [text]


def _sets(language: str) -> list[list[str]]:
    return [s.term_list() for s in SynonymSet.objects.filter(language=language)]


def publish(language: str) -> None:
    """Give Elasticsearch all of the locale's synonym sets (rebuilds; raises when it cannot)."""
    if not elastic.enabled():
        return
    rules = {s.pk: ", ".join(s.term_list()) for s in SynonymSet.objects.filter(language=language)}
    published_rules.put_synonyms(language, rules)


def publish_saved(synonym_set: SynonymSet, previous_language: str | None) -> None:
    """After an editor saved a set: store it and reload its locale (and the one it left)."""
    pk, language, rules = synonym_set.pk, synonym_set.language, ", ".join(synonym_set.term_list())
    languages = {language, previous_language} - {None, ""}
    _after_commit(
        lambda: published_rules.put_synonym_rule(pk, language, rules, previous_language or ""),
        languages,
        f"set {pk} ({language})",
    )


def publish_deleted(synonym_set: SynonymSet) -> None:
    pk, language = synonym_set.pk, synonym_set.language
    _after_commit(
        lambda: published_rules.delete_synonym_rule(pk, language),
        {synonym_set.language},
        f"deletion of set {pk}",
    )


def _after_commit(change, languages: set[str], what: str) -> None:
    """Once the change is committed: apply it in Elasticsearch and reload the locales. Errors
    are logged, never raised (the editor's save stands); the next change of the locale or
    `manage.py update_index` publishes again."""
    if not elastic.enabled():
        return

    def run():
        try:
            change()
            for language in sorted(languages):
                published_rules.reload_synonyms(language)
        except Exception:
            logger.exception("search: could not publish the synonyms %s to Elasticsearch", what)

    transaction.on_commit(run)
