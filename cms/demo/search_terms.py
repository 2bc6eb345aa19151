"""Demo search content from `content/search.json`: synonym sets and suggested queries per
language, then a bulk (re)build of the Elasticsearch indices when SEARCH_URL is set."""

from search import elastic, indexing
from search.models import CuratedQuery, SynonymSet

from .content_files import read


def seed(log=print) -> None:
    data = read("search.json")
    for language, sets in data["synonyms"].items():
        for terms in sets:
            SynonymSet.objects.get_or_create(language=language, terms=terms)
    for language, texts in data["suggested_queries"].items():
        for text in texts:
            CuratedQuery.objects.get_or_create(language=language, text=text)
    if elastic.enabled():
        counts = indexing.rebuild_all()
        log(f"Search: indexed {sum(counts.values())} pages in {len(counts)} locale indices.")
