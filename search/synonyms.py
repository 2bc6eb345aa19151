"""Editor-managed synonyms. Elasticsearch applies them in each locale's search analyzer (rules
published through the synonyms API, or to the plugin's rules index: search.elastic.synonyms;
no reindex); the database backend and the ranking by meaning swap them into the query
(search.query_variants)."""

import logging

from django.db import transaction

from . import elastic
from .elastic import synonyms as published_rules
from .models import SynonymSet

logger = logging.getLogger(__name__)


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
