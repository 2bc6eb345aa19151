"""The database search backend (the fallback when Elasticsearch is not set or fails, and the
only one without SEARCH_URL): modelsearch's backend for the database in use, with Arabic folded
the same way at index time and at query time (`search.analysis.fold_arabic`: hamza/madda alef
forms, alef maqsura, teh marbuta, diacritics, tatweel), on PostgreSQL as on SQLite. Neither
PostgreSQL's text search configurations nor SQLite's FTS5 tokenizer fold these, so "الاعلانات"
would miss an article titled "الإعلانات" (Elasticsearch's `arabic_normalization` does it there).
In a language whose visitors type without accents (`search.analysis.ACCENTS_FOLDED`: Brazilian
Portuguese), the page's accented words are indexed also without them, and their stems are of the
words without them: the databases keep accents, so "cartao" would miss "cartão"
(Elasticsearch's `accents` filter). search.database asks without them; the admin's search,
with them, still finds the words as written.

The searched fields (SearchField: title, summary, body…) are also indexed with their words'
stems in the page's language (`search.analysis.stems`: Snowball's, as Elasticsearch's `stemmer`
filters), after the words themselves, and search.database asks for the typed words and their
stems: SQLite's FTS5 tokenizer and PostgreSQL's "simple" configuration stem no language, so
"senhas" would miss "senha". The autocomplete fields are not stemmed (only folded).

WAGTAILSEARCH_BACKENDS names this module ("search.database_backend"). Text already indexed
unfolded or without stems gets them at the next `manage.py update_index` (or the page's next
publish).
"""

from __future__ import annotations

import copy

from django.db import connection
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.index import RelatedFields, SearchField
from modelsearch.query import And, Boost, Not, Or, SearchQuery
from wagtail.models import Locale

from .analysis import fold_arabic, with_stems, with_unaccented


def fold_value(value, language: str = ""):
    """An indexed value with its Arabic folded, and in a language whose visitors drop accents its
    accented words also without them (`search.analysis.with_unaccented`): strings, and strings
    in lists or dicts."""
    if isinstance(value, str):
        return with_unaccented(fold_arabic(value), language)
    if isinstance(value, list | tuple):
        return [fold_value(item, language) for item in value]
    if isinstance(value, dict):
        return {key: fold_value(item, language) for key, item in value.items()}
    return value


def fold_query(query):
    """A search query (a string or modelsearch's query objects) with its Arabic folded."""
    if isinstance(query, str):
        return fold_arabic(query)
    if not isinstance(query, SearchQuery):
        return query
    query = copy.copy(query)
    if hasattr(query, "query_string"):  # PlainText, Phrase, Fuzzy
        query.query_string = fold_arabic(query.query_string)
    if isinstance(query, And | Or):
        query.subqueries = [fold_query(sub) for sub in query.subqueries]
    if isinstance(query, Boost | Not):
        query.subquery = fold_query(query.subquery)
    return query


def stemmed_value(value, language: str):
    """An indexed value with the stems of its words after them (`search.analysis.with_stems`):
    strings, and strings in lists or dicts."""
    if isinstance(value, str):
        return with_stems(value, language)
    if isinstance(value, list | tuple):
        return [stemmed_value(item, language) for item in value]
    if isinstance(value, dict):
        return {key: stemmed_value(item, language) for key, item in value.items()}
    return value


def _folding_field(field, language: str):
    """A copy of a search field whose value comes out folded, and a searched field's with its
    stems in `language` (related fields: each of theirs)."""
    folding = copy.copy(field)
    read = field.get_value
    if isinstance(field, RelatedFields):
        folding.fields = [_folding_field(sub, language) for sub in field.fields]

        def get_value(obj):  # the related objects themselves; their fields fold
            return read(_unwrapped(obj))

    elif isinstance(field, SearchField):
        # The indexer reads every field three times (for its title, body and autocomplete
        # columns): the stems are found once per object.
        found = {}

        def get_value(obj):
            key = (type(obj), obj.pk)
            if key not in found:
                found[key] = stemmed_value(fold_value(read(_unwrapped(obj)), language), language)
            return found[key]

    else:

        def get_value(obj):
            return fold_value(read(_unwrapped(obj)), language)

    folding.get_value = get_value
    return folding


class _Folding:
    """What the backend's indexer reads of an object: its pk and its search fields, folding (and
    stemming in the object's locale's language, when it has one)."""

    def __init__(self, obj, language: str):
        self.object = obj
        self.pk = obj.pk
        self.language = language

    def get_search_fields(self):
        return [_folding_field(f, self.language) for f in self.object.get_search_fields()]


def _unwrapped(obj):
    return obj.object if isinstance(obj, _Folding) else obj


class _FoldingIndexMixin:
    def add_items(self, model, objs):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        super().add_items(
            model, [_Folding(o, languages.get(getattr(o, "locale_id", None), "")) for o in objs]
        )


class _FoldingBackendMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(query_compiler_class, fold_query(query), model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    backend = vendor_backend(params)
    if connection.vendor not in {"postgresql", "sqlite"} or isinstance(
        backend, DatabaseSearchBackend
    ):
        return backend  # LIKE-based backends search the live columns: nothing indexed to fold
    backend_class = type(backend)
    index_class = type(
        f"Folding{backend_class.index_class.__name__}",
        (_FoldingIndexMixin, backend_class.index_class),
        {},
    )
    folding_class = type(
        f"Folding{backend_class.__name__}",
        (_FoldingBackendMixin, backend_class),
        {"index_class": index_class},
    )
    return folding_class(params)
