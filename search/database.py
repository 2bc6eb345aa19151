"""The database side: what answers when Elasticsearch is not configured or cannot answer."""

import difflib
import re
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q
from modelsearch.query import PlainText
from wagtail.models import Locale, Page

from pages.models import HelpPage

from . import embeddings, semantic
from .analysis import fold_accents, normalise, same_stem, stems, with_stems, words
from .documents import (
    SEARCHABLE_TYPES,
    body_text,
    kind_of,
    searchable_pages,
    site_url,
    snippet_of,
)
from .query import SearchQuery
from .vocabulary import of_articles as vocabulary_of_articles

# Pages the autocomplete index is asked for, per suggestion still wanted (some hold too few of
# the words).
CANDIDATES_PER_SUGGESTION = 3
# Pages the semantic ranking adds to the words' results (its best ones).
SEMANTIC_CANDIDATES = 10


def _locale(language: str) -> Locale | None:
    return Locale.objects.filter(language_code=language).first()


def autocomplete(variants: list[str], language: str, limit: int, scope: str = "") -> list[dict]:
    """Titles holding every typed word first (those starting with the query before the others),
    then pages whose title, summary, keywords or body hold enough of the words
    (`enough_words`), the last one as a prefix (the backend's autocomplete index), best first;
    only pages below the tree path `scope` when given."""
    locale = _locale(language)
    if locale is None:
        return []
    pages = _within(searchable_pages().filter(locale=locale), scope)
    matches = []
    for variant in variants:
        condition = Q()
        for word in variant.split():
            condition &= _title_has(word)
        matches.append(condition)
    in_title = pages.filter(reduce(or_, matches))
    starts = _title_has(variants[0], at_start=True)
    ranked = list(in_title.filter(starts)[:limit])
    if len(ranked) < limit:
        ranked += list(in_title.exclude(starts).order_by("title")[: limit - len(ranked)])
    if len(ranked) < limit:
        seen = {p.pk for p in ranked}
        ranked += _in_whole_article(locale, variants, limit - len(ranked), seen, scope)
    return [
        {"title": p.title, "url": site_url(p), "kind": kind_of(p), "snippet": snippet_of(p)}
        for p in ranked
    ]


def meaning(text: str, language: str, limit: int, scope: str = "") -> list[dict]:
    """Articles and tutorials by meaning alone (search.semantic.ranked), as suggestions, each
    with its "closeness" to `text` (for the fusion: search.semantic.autocomplete_order)."""
    locale = _locale(language)
    if locale is None:
        return []
    pages = _within(HelpPage.objects.live().public().filter(locale=locale), scope)
    allowed = set(pages.values_list("pk", flat=True))
    matches = semantic.ranked(language, text, allowed, limit)
    wanted = [m.page_id for m in matches]
    by_id = {p.pk: p for p in Page.objects.filter(pk__in=wanted).specific()}
    return [
        {
            "title": p.title,
            "url": site_url(p),
            "kind": kind_of(p),
            "snippet": snippet_of(p),
            "closeness": m.closeness,
        }
        for m in matches
        if (p := by_id.get(m.page_id)) is not None
    ]


def _within(pages, scope: str):
    """Only the pages below the tree path `scope` (the visitor's site: search.scope)."""
    return pages.filter(path__startswith=scope) if scope else pages


def enough_words(count: int) -> int:
    """Of a query's `count` words, how many a page must hold to be suggested: all of one or two
    words but one, then all but a third (Elasticsearch's "1<-1 3<-34%")."""
    if count <= 1:
        return count
    if count <= 3:
        return count - 1
    return count - int(count * 0.34)


def _in_whole_article(
    locale: Locale, variants: list[str], wanted: int, seen: set[int], scope: str = ""
) -> list:
    pages = Page.objects.live().public().type(*SEARCHABLE_TYPES).filter(locale=locale).specific()
    pages = _within(pages, scope)
    found = []
    for variant in variants:
        variant = fold_accents(variant, locale.language_code)  # indexed so too (database_backend)
        typed = variant.split()
        if not typed:
            continue
        # The words, and the stems of those already complete, each as the start of a word
        # ("senhas" → "senh": "senha"); the last one is still being typed: a stem of a part of a
        # word ("تعي") would match words it is not the start of.
        complete = stems(" ".join(typed[:-1]), locale.language_code)
        asked = PlainText(" ".join([variant, *complete]), operator="or")
        candidates = pages.autocomplete(asked, backend=_backend_name())[
            : (wanted + len(seen)) * CANDIDATES_PER_SUGGESTION
        ]
        needed = enough_words(len(typed))
        for page in candidates:
            if page.pk in seen or _words_held(page, typed, locale.language_code) < needed:
                continue
            seen.add(page.pk)
            found.append(page)
            if len(found) == wanted:
                return found
    return found


def _words_held(page, typed: list[str], language: str) -> int:
    """How many of `typed` the page's text holds (a word of the same stem counts); the last one
    as the start of a word."""
    text = " ".join(
        [page.title, getattr(page, "summary", ""), page.search_description or "", body_text(page)]
    )
    held = set(words(fold_accents(normalise(text), language)))
    *complete, last = typed
    count = sum(1 for word in complete if same_stem(word, held, language))
    return count + (1 if any(word.startswith(last) for word in held) else 0)


def _title_has(text: str, at_start: bool = False) -> Q:
    """Titles containing (or starting with) `text`, case-insensitively in every script. SQLite's
    LIKE, behind `icontains`, folds ASCII letters only ("сбро" would miss "Сброс"), so there
    the match is `iregex`, which Django runs through Python's `re`."""
    if connection.vendor == "sqlite":
        return Q(title__iregex=("^" if at_start else "") + re.escape(text))
    return Q(title__istartswith=text) if at_start else Q(title__icontains=text)


def search(query: SearchQuery, variants: list[str]) -> dict:
    """`variants`: the query text first, then with the editors' synonyms swapped in. Words
    (the backend's full-text search), meaning (search.semantic, cosine over the passages'
    vectors) or both fused (reciprocal rank fusion), as `query.retrieval` asks."""
    locale = _locale(query.language)
    if locale is None:
        return {"hits": [], "total": 0, "correction": "", "answer": None}
    pages = _within(HelpPage.objects.live().public().filter(locale=locale), query.scope)
    if query.topic:
        topic_page = Page.objects.filter(pk=query.topic).first()
        pages = pages.descendant_of(topic_page) if topic_page else pages.none()
    if query.audience:
        pages = pages.filter(audience__in=[query.audience, "both"])
    lexical, matches = [], []
    if query.retrieval != "semantic" or not embeddings.enabled():
        lexical = [
            p
            for p in _by_words(pages, variants, query.language)
            if site_url(p) not in query.exclude_urls
        ]
    if query.retrieval != "lexical" and embeddings.enabled():
        allowed = set(pages.values_list("pk", flat=True))
        matches = semantic.ranked(query.language, query.text, allowed, SEMANTIC_CANDIDATES)
    by_id = {p.pk: p for p in lexical}
    missing = [m.page_id for m in matches if m.page_id not in by_id]
    by_id.update({p.pk: p for p in Page.objects.filter(pk__in=missing).specific()})
    # Meaning leads, words weigh less (search.semantic.hybrid_order). The database's full-text
    # scores are not compared: its words are never "confident", unlike Elasticsearch's.
    order = semantic.hybrid_order(
        [m.page_id for m in matches],
        [m.closeness for m in matches],
        [p.pk for p in lexical],
        None,
    )
    results = [by_id[pk] for pk in order if site_url(by_id[pk]) not in query.exclude_urls]
    hits = [
        {
            "title": p.title,
            "url": site_url(p),
            "kind": kind_of(p),
            "snippet": snippet_of(p),
            "highlight": "",
        }
        for p in results[query.offset : query.offset + query.size]
    ]
    correction = correct(variants[0], query.language, len(lexical)) if len(lexical) < 3 else ""
    answer = None
    words_first = [p.pk for p in lexical[: semantic.WORDS_AGREE_WITHIN]]
    if (
        results
        and matches
        and not query.offset
        and semantic.confident(matches[0].page_id, matches[0].score, results[0].pk, words_first)
    ):
        answer = semantic.answer(query.language, query.text, results[0])
    return {"hits": hits, "total": len(results), "correction": correction, "answer": answer}


def _by_words(pages, variants: list[str], language: str) -> list:
    """Pages holding some of the words or their stems, not necessarily all (as Elasticsearch's
    match query): the backend is asked for any of them and ranks by relevance (BM25 on SQLite,
    ts_rank on PostgreSQL: the more of the words a page holds, and the rarer they are, the
    higher). The pages are indexed with their words' stems too (search.database_backend)."""
    folded = [fold_accents(v, language) for v in variants]  # indexed so too (database_backend)
    matching = reduce(or_, [PlainText(with_stems(v, language), operator="or") for v in folded])
    return list(pages.specific().search(matching, backend=_backend_name()))


def _backend_name() -> str:
    from django.conf import settings

    return "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"


def correct(query: str, language: str, found: int = 0) -> str:
    """The query with each word that no article of the locale holds (search.vocabulary)
    replaced by the closest word that one does; "" when nothing changes or when the corrected
    query would not find more pages than the `found` of the query as typed."""
    vocabulary = vocabulary_of_articles(language)
    if not vocabulary:
        return ""
    corrected = []
    for word in query.split():
        if word in vocabulary or len(word) < 4:
            corrected.append(word)
            continue
        near = [known for known in vocabulary if abs(len(known) - len(word)) <= 2]
        close = difflib.get_close_matches(word, near, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
    result = " ".join(corrected)
    if result == query:
        return ""
    return result if _count(result, language) > found else ""


def _count(text: str, language: str) -> int:
    locale = _locale(language)
    pages = HelpPage.objects.live().public().filter(locale=locale)
    return sum(1 for _page in pages.search(PlainText(text), backend=_backend_name()))
