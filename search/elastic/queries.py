"""Visitors' queries on their locale's index: autocomplete (titles as they are typed) and the
results page's search (highlights, spelling correction), both boosted by popularity. Each runs
within SEARCH_TIMEOUT (the client's timeout); the caller falls back to the database on failure."""

from ..analysis import normalise
from ..query import SearchQuery
from .client import alias_name, client

TYPO_FUZZINESS = "AUTO:5,100"  # no edit below 5 letters, one edit from 5 letters on


def _popularity(query: dict) -> dict:
    return {
        "function_score": {
            "query": query,
            "functions": [
                {"field_value_factor": {"field": "popularity", "modifier": "log1p", "missing": 0}}
            ],
            "boost_mode": "sum",
        }
    }


def autocomplete(text: str, language: str, limit: int) -> list[dict]:
    """Pages whose title words start with the typed words (edge n-grams), nearly match them
    (one typo from 5 letters on), or mean the same (the editors' synonyms, at search time)."""
    should = [
        {"match": {"title.prefix": {"query": text, "operator": "and", "boost": 3}}},
        {"match": {"title": {"query": text, "operator": "and", "boost": 2}}},
        {
            "match": {
                "title.words": {
                    "query": text,
                    "fuzziness": TYPO_FUZZINESS,
                    "prefix_length": 1,
                    "operator": "and",
                    "boost": 1.5,
                }
            }
        },
    ]
    query = _popularity({"bool": {"should": should, "minimum_should_match": 1}})
    response = client().search(
        index=alias_name(language),
        query=query,
        size=limit,
        source=["display_title", "url", "kind", "snippet"],
        track_total_hits=False,
        filter_path=["hits.hits._source"],
    )
    return [
        {
            "title": hit["_source"]["display_title"],
            "url": hit["_source"]["url"],
            "kind": hit["_source"]["kind"],
            "snippet": hit["_source"]["snippet"],
        }
        for hit in response.get("hits", {}).get("hits", [])
    ]


def search(query: SearchQuery) -> dict:
    """Articles and tutorials for the results page: hits with highlighted snippets, the total,
    and a spelling correction of the visitor's words."""
    text = query.text
    should = [
        {
            "multi_match": {
                "query": text,
                "fields": ["title^4", "summary^2", "body"],
            }
        },
        {
            "multi_match": {
                "query": text,
                "fields": ["title.words^2", "summary.words"],
                "fuzziness": TYPO_FUZZINESS,
                "prefix_length": 1,
            }
        },
    ]
    filters: list[dict] = [{"terms": {"kind": ["article", "tutorial"]}}]
    if query.topic:
        filters.append({"term": {"topics": query.topic}})
    if query.audience:
        filters.append({"terms": {"audience": [query.audience, "both"]}})
    must_not = [{"terms": {"url": list(query.exclude_urls)}}] if query.exclude_urls else []
    matching = {
        "bool": {
            "should": should,
            "minimum_should_match": 1,
            "filter": filters,
            "must_not": must_not,
        }
    }
    response = client().search(
        index=alias_name(query.language),
        query=_popularity(matching),
        from_=query.offset,
        size=query.size,
        source=["display_title", "url", "kind", "snippet"],
        highlight={
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "summary": {"number_of_fragments": 0},
                "body": {"fragment_size": 160, "number_of_fragments": 1},
            },
        },
        suggest={
            "text": text,
            "did_you_mean": {
                "term": {
                    "field": "title.words",
                    "analyzer": "plain",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                    "sort": "frequency",
                }
            },
            "did_you_mean_body": {
                "term": {
                    "field": "summary.words",
                    "analyzer": "plain",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                }
            },
        },
    )
    hits = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        hits.append(
            {
                "title": source["display_title"],
                "url": source["url"],
                "kind": source["kind"],
                "snippet": source["snippet"],
                "highlight": (highlight.get("summary") or highlight.get("body") or [""])[0],
            }
        )
    total = response["hits"]["total"]["value"]
    return {
        "hits": hits,
        "total": total,
        "correction": _correction(text, response.get("suggest", {}), query.language),
    }


def _correction(query: str, suggest: dict, language: str) -> str:
    best: dict[str, tuple[float, str]] = {}
    for name in ("did_you_mean", "did_you_mean_body"):
        for entry in suggest.get(name, []):
            for option in entry.get("options", [])[:1]:
                score = option.get("score", 0) * (1 + option.get("freq", 0))
                if entry["text"] not in best or best[entry["text"]][0] < score:
                    best[entry["text"]] = (score, option["text"])
    if not best:
        return ""
    corrected = query
    for word, (_score, replacement) in best.items():
        corrected = corrected.replace(word, replacement)
    corrected = normalise(corrected, language)
    return corrected if corrected != query else ""
