"""`make eval-search` helper (run by tests/bench/relevance.sh): the judged queries of
tests/search/queries/*.json against the demo content, through `search.api` as the views call it,
on each backend (Elasticsearch when SEARCH_URL is set, then the database backend), for the
autocomplete (its suggestions) and the results page (its first page of hits). Prints hit@1, hit@3
and MRR@10 per language, backend and surface. Figures only, nothing asserted.

A query's answer is right when one of its `relevant` slugs is the last segment of a returned URL.
Each query file is a set: {"about", "queries": [{"language", "query", "relevant": [slug, …]}]};
`tuning.json` is the set looked at while tuning (optimistic figures).

    python -m tests.bench.relevance [--set tuning] [--backend elasticsearch|database]
"""

import argparse
import json
import os
from collections import defaultdict
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.conf import settings
from django.test import override_settings

from search import api
from search.query import SearchQuery

QUERIES = Path(__file__).resolve().parent.parent / "search" / "queries"
DEPTH = 10  # MRR@10: a right answer below the tenth place counts as none


def load(name: str) -> list[dict]:
    return json.loads((QUERIES / f"{name}.json").read_text(encoding="utf-8"))["queries"]


def rank(urls: list[str], relevant: list[str]) -> int | None:
    """The 1-based place of the first right answer among `urls`, None when there is none."""
    for place, url in enumerate(urls[:DEPTH], start=1):
        if url.rstrip("/").rsplit("/", 1)[-1] in relevant:
            return place
    return None


def answers(surface: str, query: dict) -> tuple[list[str], str]:
    """The URLs `surface` shows for `query`, in order, and the backend that answered."""
    if surface == "autocomplete":
        body = api.autocomplete(query["query"], query["language"], limit=DEPTH)
        return [s["url"] for s in body["suggestions"]], body["backend"]
    outcome = api.search(SearchQuery(query["query"], query["language"], size=DEPTH))
    return [hit["url"] for hit in outcome.hits], outcome.backend


def evaluate(queries: list[dict], backend: str, surface: str, show_misses: bool) -> dict:
    places: dict[str, list[int | None]] = defaultdict(list)
    for query in queries:
        api.reset()
        urls, answered_by = answers(surface, query)
        if answered_by != backend:
            raise SystemExit(f"{backend} did not answer {query['query']!r} ({answered_by})")
        place = rank(urls, query["relevant"])
        places[query["language"]].append(place)
        if show_misses and (place is None or place > 3):
            shown = [u.rstrip("/").rsplit("/", 1)[-1] for u in urls[:3]]
            print(f"  miss {backend} {surface} {query['language']} {query['query']!r}: {shown}")
    return places


def figures(places: list[int | None]) -> str:
    count = len(places)
    hit1 = sum(1 for p in places if p == 1) / count
    hit3 = sum(1 for p in places if p is not None and p <= 3) / count
    mrr = sum(1 / p for p in places if p is not None) / count
    return f"{count:>4}  {hit1:6.2f}  {hit3:6.2f}  {mrr:7.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="tuning", help="a file of tests/search/queries")
    parser.add_argument("--backend", choices=[api.ELASTICSEARCH, api.DATABASE], action="append")
    parser.add_argument("--misses", action="store_true", help="list queries not in the top 3")
    options = parser.parse_args()
    queries = load(options.set)
    backends = options.backend or (
        [api.ELASTICSEARCH, api.DATABASE] if settings.SEARCH_URL else [api.DATABASE]
    )
    print(f"query set: {options.set} ({len(queries)} queries)")
    print(f"{'backend':<14}{'surface':<14}{'lang':<6}{'n':>4}  {'hit@1':>6}  {'hit@3':>6}  MRR@10")
    for backend in backends:
        url = settings.SEARCH_URL if backend == api.ELASTICSEARCH else ""
        with override_settings(SEARCH_URL=url):
            for surface in ("autocomplete", "search"):
                places = evaluate(queries, backend, surface, options.misses)
                for language in sorted(places):
                    row = figures(places[language])
                    print(f"{backend:<14}{surface:<14}{language:<6}{row}")
                every = [p for language_places in places.values() for p in language_places]
                print(f"{backend:<14}{surface:<14}{'all':<6}{figures(every)}")


if __name__ == "__main__":
    main()
