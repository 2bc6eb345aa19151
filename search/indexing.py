"""Keeps the per-locale Elasticsearch indices in step with the page tree: one page at once on
publish, unpublish and delete; everything in bulk on rebuild (a new index, warmed with the
language's recent popular queries, then behind the alias).

Semantic search's passages are embedded here too (search.semantic), on publish and rebuild,
except inside `embedding_deferred()` (loading many pages at once, e.g. the demo): the pages are
then indexed by their words only, and `embed_all()` (`manage.py embed_passages`, which `make run`
starts in the background) embeds what is missing later and adds the vectors to the indices, page
by page, so search is lexical at first and semantic as the vectors land.

A page showing another locale's text (an alias) carries its article's translations' passages
(search.semantic.indexed_passages): when a translation is indexed, the documents of those pages
are written again (`_pooling_pages`); a rebuild embeds the pages showing their own text first."""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from wagtail.models import Locale, Page

from pages.models import TopicPage

from . import elastic, embeddings, semantic, synonyms, text_language
from .documents import document, is_searchable, searchable_pages, site_url
from .elastic import client, indices
from .searchlog import clicks_by_url, popular_queries
from .settings import WARM_DAYS, WARM_QUERIES

logger = logging.getLogger(__name__)

# True inside embedding_deferred(): publishing and rebuilding leave the embedding to embed_all().
_deferred = False


@contextmanager
def embedding_deferred():
    """Inside, indexing does not embed passages (process-wide: meant for bulk loads)."""
    global _deferred
    previous, _deferred = _deferred, True
    try:
        yield
    finally:
        _deferred = previous


def index_page(page: Page, refresh: bool = False, raise_errors: bool = False) -> None:
    """Put `page` in (or take it out of) its locale's index, with its passages' vectors. A
    failure is logged, or raised with `raise_errors` (the background task, which is then tried
    again)."""
    page = page.specific
    _store_passages(page)
    if not elastic.enabled():
        return
    language = page.locale.language_code
    try:
        if is_searchable(page):
            url = site_url(page)
            popularity = clicks_by_url(language).get(url, 0)
            doc = document(page, popularity)
            doc["passages"] = semantic.indexed_passages(page.pk)
            indices.put_document(language, page.pk, doc, refresh=refresh)
        else:
            indices.delete_document(language, page.pk, refresh=refresh)
        for pooling in _pooling_pages(page):
            _put_document(pooling, refresh=refresh, raise_errors=True)
    except Exception:  # never block publishing; `manage.py update_index` catches up
        if raise_errors:
            raise
        logger.exception("search: could not index page %s", page.pk)


def _pooling_pages(page: Page):
    """The searchable pages whose passages pool `page`'s (search.semantic.indexed_passages):
    those of other locales showing another locale's text for the same article; none when
    `page` shows another locale's text itself, or when semantic search is off."""
    if not embeddings.enabled() or text_language.shows_other_text(page.pk):
        return []
    return [
        p for p in text_language.translations_shown_elsewhere(page).specific() if is_searchable(p)
    ]


def _store_passages(page: Page) -> None:
    """The page's passages and their vectors in the database (search.semantic), when semantic
    search is on; a page no longer searchable loses them."""
    if not embeddings.enabled() or _deferred:
        return
    try:
        if is_searchable(page):
            semantic.store(page)
        else:
            semantic.forget(page.pk)
    except Exception:  # never block publishing; `manage.py update_index` catches up
        logger.exception("search: could not embed page %s", page.pk)


def remove_page(page: Page, refresh: bool = False) -> None:
    remove_document(page.locale.language_code, page.pk, refresh=refresh)


def remove_document(
    language: str, page_id: int, refresh: bool = False, raise_errors: bool = False
) -> None:
    """Take page `page_id` out of `language`'s index and forget its passages (logged, or raised
    with `raise_errors`)."""
    if embeddings.enabled():
        semantic.forget(page_id)
    if not elastic.enabled():
        return
    try:
        indices.delete_document(language, page_id, refresh=refresh)
    except Exception:
        if raise_errors:
            raise
        logger.exception("search: could not remove page %s from the index", page_id)


def rebuild_all(log=None) -> dict[str, int]:
    """Bulk-builds every locale's index; returns {language: documents}."""
    counts = {}
    # Passages of pages showing their own text first: a page of an earlier locale showing
    # another's text carries its translations' passages (search.semantic.indexed_passages).
    stored = set()
    if embeddings.enabled() and not _deferred:
        for page in searchable_pages().filter(text_language.own_text()).iterator(chunk_size=500):
            _store_passages(page)
            stored.add(page.pk)
    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        popularity = clicks_by_url(code)
        topic_paths = dict(TopicPage.objects.filter(locale=locale).values_list("path", "pk"))
        pages = searchable_pages().filter(locale=locale).iterator(chunk_size=500)

        def docs(pages=pages, popularity=popularity, code=code, topic_paths=topic_paths):
            for page in pages:
                doc = document(page, 0, topic_paths)
                doc["popularity"] += popularity.get(doc["url"], 0)
                if page.pk not in stored:
                    _store_passages(page)
                doc["passages"] = semantic.indexed_passages(page.pk)
                yield page.pk, doc

        synonyms.publish(code)
        warm_queries = popular_queries(code, WARM_QUERIES, WARM_DAYS)
        progress = None
        if log:

            def progress(sent, code=code):
                log(f"search index {client.alias_name(code)}: {sent} pages sent")

        counts[code] = indices.rebuild(code, docs(), warm_queries, progress)
        if log:
            log(f"search index {client.alias_name(code)}: {counts[code]} pages")
    return counts


def embed_all(log=None) -> int:
    """Embeds the passages of every searchable page of every locale that has none or changed
    ones (unchanged passages keep their vectors, an alias reuses its original's), page by page,
    committing each, and rewrites those pages' Elasticsearch documents with their passages;
    returns how many passages got a vector."""
    if not embeddings.enabled():
        return 0
    started = time.monotonic()
    embedded = pages = 0
    for code, _name in settings.LANGUAGES:
        for page in searchable_pages().filter(locale__language_code=code).iterator(chunk_size=200):
            count = semantic.store(page)
            if not count:
                continue
            embedded += count
            pages += 1
            if elastic.enabled():
                for written in [page, *_pooling_pages(page)]:
                    _put_document(written)
        if log and pages:
            log(
                f"semantic search: {embedded} passages of {pages} pages given vectors ({code} done)"
            )
    if log:
        seconds = time.monotonic() - started
        log(
            f"semantic search: {embedded} passages given vectors in {seconds:.0f} s "
            f"({embedded / max(seconds, 0.001):.1f} passages/s)"
        )
    return embedded


def _put_document(page: Page, refresh: bool = False, raise_errors: bool = False) -> None:
    try:
        language = page.locale.language_code
        doc = document(page, clicks_by_url(language).get(site_url(page), 0))
        doc["passages"] = semantic.indexed_passages(page.pk)
        indices.put_document(language, page.pk, doc, refresh=refresh)
    except Exception:  # the next publish or `manage.py update_index` catches up
        if raise_errors:
            raise
        logger.exception("search: could not add the passages of page %s to the index", page.pk)
