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

from .analysis import normalise, words
from .documents import kind_of, searchable_pages, snippet_of
from .query import SearchQuery

VOCABULARY_PAGES = 2000


def _locale(language: str) -> Locale | None:
    return Locale.objects.filter(language_code=language).first()


def autocomplete(variants: list[str], language: str, limit: int) -> list[dict]:
    locale = _locale(language)
    if locale is None:
        return []
    matches = []
    for variant in variants:
        condition = Q()
        for word in variant.split():
            condition &= _title_has(word)
        matches.append(condition)
    pages = searchable_pages().filter(locale=locale).filter(reduce(or_, matches))
    starts = _title_has(variants[0], at_start=True)
    ranked = list(pages.filter(starts)[:limit])
    if len(ranked) < limit:
        ranked += list(pages.exclude(starts).order_by("title")[: limit - len(ranked)])
    return [
        {"title": p.title, "url": p.get_url(), "kind": kind_of(p), "snippet": snippet_of(p)}
        for p in ranked
    ]


def _title_has(text: str, at_start: bool = False) -> Q:
    """Titles containing (or starting with) `text`, case-insensitively in every script. SQLite's
    LIKE, behind `icontains`, folds ASCII letters only ("сбро" would miss "Сброс"), so there
    the match is `iregex`, which Django runs through Python's `re`."""
    if connection.vendor == "sqlite":
        return Q(title__iregex=("^" if at_start else "") + re.escape(text))
    return Q(title__istartswith=text) if at_start else Q(title__icontains=text)


def search(query: SearchQuery, variants: list[str]) -> dict:
    """`variants`: the query text first, then with the editors' synonyms swapped in."""
    locale = _locale(query.language)
    if locale is None:
        return {"hits": [], "total": 0, "correction": ""}
    pages = HelpPage.objects.live().public().filter(locale=locale)
    if query.topic:
        topic_page = Page.objects.filter(pk=query.topic).first()
        pages = pages.descendant_of(topic_page) if topic_page else pages.none()
    if query.audience:
        pages = pages.filter(audience__in=[query.audience, "both"])
    matching = reduce(or_, [PlainText(v) for v in variants])
    results = list(pages.specific().search(matching, backend=_backend_name()))
    results = [p for p in results if not p.alias_of_id and p.get_url() not in query.exclude_urls]
    hits = [
        {
            "title": p.title,
            "url": p.get_url(),
            "kind": kind_of(p),
            "snippet": snippet_of(p),
            "highlight": "",
        }
        for p in results[query.offset : query.offset + query.size]
    ]
    correction = correct(variants[0], query.language) if len(results) < 3 else ""
    return {"hits": hits, "total": len(results), "correction": correction}


def _backend_name() -> str:
    from django.conf import settings

    return "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"


def correct(query: str, language: str) -> str:
    """The query with each unknown word replaced by the closest word of the locale's titles
    and summaries ("" when nothing changes)."""
    locale = _locale(language)
    if locale is None:
        return ""
    texts = HelpPage.objects.live().filter(locale=locale).values_list("title", "summary")
    vocabulary = set()
    for title, summary in texts[:VOCABULARY_PAGES]:
        vocabulary.update(words(normalise(f"{title} {summary}", language)))
    corrected = []
    for word in query.split():
        if word in vocabulary or len(word) < 4:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
    result = " ".join(corrected)
    return result if result != query else ""
