"""`make eval-search` helper (run by tests/bench/relevance.sh): the judged queries of
tests/search/queries/*.json against the demo content, through `search.api` as the views call it,
on each backend (Elasticsearch when SEARCH_URL is set, then the database backend), for the
autocomplete (its suggestions) and the results page (its first page of hits) by words alone
(lexical), by meaning alone (semantic) and both fused (hybrid, what visitors get), when
SEARCH_SEMANTIC is on. Prints hit@1, hit@3, MRR@10 and nDCG@10 per language, backend and
surface, for each set separately (the tuning sets and the held-out set), and for hybrid the
direct answers: how many queries got one and how many of those came from a right article.
Figures only, nothing asserted.

A query's answer is right when one of its `relevant` slugs is the last segment of a returned URL.
Each query file is a set: {"about", "queries": [{"language", "query", "relevant": [slug, …]}]};
`tuning.json` and `visitors.json` (harder: slang, dialect, typos) are the sets looked at while
tuning (optimistic figures); `heldout.json` is never looked at.

    python -m tests.bench.relevance [--set tuning --set visitors --set heldout]
        [--backend elasticsearch|database]
        [--surface 'autocomplete hybrid']
"""

import argparse
import json
import math
import os
from collections import defaultdict
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.conf import settings
from django.test import override_settings

from search import api, embeddings
from search.query import SearchQuery

QUERIES = Path(__file__).resolve().parent.parent / "search" / "queries"
DEPTH = 10  # MRR@10: a right answer below the tenth place counts as none


def load(name: str) -> list[dict]:
    return json.loads((QUERIES / f"{name}.json").read_text(encoding="utf-8"))["queries"]


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def rank(urls: list[str], relevant: list[str]) -> int | None:
    """The 1-based place of the first right answer among `urls`, None when there is none."""
    for place, url in enumerate(urls[:DEPTH], start=1):
        if slug_of(url) in relevant:
            return place
    return None


def ndcg(urls: list[str], relevant: list[str]) -> float:
    """nDCG@10 with binary gains: each right article counts once, at its first place."""
    seen, gain = set(), 0.0
    for place, url in enumerate(urls[:DEPTH], start=1):
        slug = slug_of(url)
        if slug in relevant and slug not in seen:
            seen.add(slug)
            gain += 1 / math.log2(place + 1)
    ideal = sum(1 / math.log2(place + 1) for place in range(1, min(len(relevant), DEPTH) + 1))
    return gain / ideal if ideal else 0.0


def answers(surface: str, query: dict) -> tuple[list[str], str, dict | None]:
    """The URLs `surface` shows for `query`, in order, the backend that answered, and the
    direct answer (results page)."""
    if surface.startswith("autocomplete"):
        meaning = surface == "autocomplete hybrid"
        body = api.autocomplete(query["query"], query["language"], limit=DEPTH, meaning=meaning)
        return [s["url"] for s in body["suggestions"]], body["backend"], None
    retrieval = surface.rsplit(" ", 1)[-1]
    outcome = api.search(
        SearchQuery(query["query"], query["language"], size=DEPTH, retrieval=retrieval)
    )
    return [hit["url"] for hit in outcome.hits], outcome.backend, outcome.answer


def evaluate(queries: list[dict], backend: str, surface: str, show_misses: bool) -> dict:
    """{language: [(place, nDCG@10, answer: None | right | wrong, answered by another backend)]}."""
    results: dict[str, list[tuple]] = defaultdict(list)
    for query in queries:
        api.reset()
        urls, answered_by, answer = answers(surface, query)
        if answered_by != backend:  # counted (the last column) and shown, not hidden
            print(f"  {backend} did not answer {surface} {query['query']!r} ({answered_by})")
        place = rank(urls, query["relevant"])
        verdict = None
        if answer is not None:
            verdict = "right" if slug_of(answer["url"]) in query["relevant"] else "wrong"
        results[query["language"]].append(
            (place, ndcg(urls, query["relevant"]), verdict, answered_by != backend)
        )
        if show_misses and (place is None or place > 3):
            shown = [slug_of(u) for u in urls[:3]]
            print(f"  miss {backend} {surface} {query['language']} {query['query']!r}: {shown}")
    return results


def figures(results: list[tuple]) -> str:
    count = len(results)
    places = [place for place, *_rest in results]
    hit1 = sum(1 for p in places if p == 1) / count
    hit3 = sum(1 for p in places if p is not None and p <= 3) / count
    mrr = sum(1 / p for p in places if p is not None) / count
    gain = sum(g for _place, g, *_rest in results) / count
    answered = [a for _place, _gain, a, _other in results if a is not None]
    shown = f"{len(answered):>4}  {sum(a == 'right' for a in answered):>5}" if answered else ""
    fell_back = sum(1 for *_rest, other in results if other)
    return (
        f"{count:>4}  {hit1:6.2f}  {hit3:6.2f}  {mrr:7.2f}  {gain:7.2f}  {shown:<11}"
        f"{f'  {fell_back} by the other backend' if fell_back else ''}"
    )


def surfaces() -> list[str]:
    if not embeddings.enabled():
        return ["autocomplete", "search lexical"]
    return [
        "autocomplete",
        "autocomplete hybrid",
        "search lexical",
        "search semantic",
        "search hybrid",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", action="append", help="a file of tests/search/queries (default: all three)"
    )
    parser.add_argument("--backend", choices=[api.ELASTICSEARCH, api.DATABASE], action="append")
    parser.add_argument("--misses", action="store_true", help="list queries not in the top 3")
    parser.add_argument("--surface", action="append", help="one of the surfaces (default: all)")
    options = parser.parse_args()
    backends = options.backend or (
        [api.ELASTICSEARCH, api.DATABASE] if settings.SEARCH_URL else [api.DATABASE]
    )
    for name in options.set or ["tuning", "visitors", "heldout"]:
        queries = load(name)
        print(f"\nquery set: {name} ({len(queries)} queries)")
        print(
            f"{'backend':<14}{'surface':<21}{'lang':<6}{'n':>4}  {'hit@1':>6}  {'hit@3':>6}  "
            f"MRR@10  nDCG@10  answers right"
        )
        for backend in backends:
            url = settings.SEARCH_URL if backend == api.ELASTICSEARCH else ""
            with override_settings(SEARCH_URL=url):
                for surface in options.surface or surfaces():
                    results = evaluate(queries, backend, surface, options.misses)
                    for language in sorted(results):
                        row = figures(results[language])
                        print(f"{backend:<14}{surface:<21}{language:<6}{row}")
                    every = [r for language_results in results.values() for r in language_results]
                    print(f"{backend:<14}{surface:<21}{'all':<6}{figures(every)}")


if __name__ == "__main__":
    main()
