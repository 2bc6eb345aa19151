"""Visitors' queries on their locale's index: autocomplete (whole articles as they are typed)
and the results page's search (highlights, spelling correction), both boosted by popularity.
Each runs within SEARCH_TIMEOUT (the client's timeout); the caller falls back to the database on
failure."""

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


# Of a query's words, how many must be found in the article (the word being typed included):
# one or two words, one; then all but a third. Titles still need every word.
SOME_WORDS = "1<-1 3<-34%"


def autocomplete(text: str, language: str, limit: int) -> list[dict]:
    """Pages whose title words start with the typed words (edge n-grams), nearly match them
    (one typo from 5 letters on), or mean the same (the editors' synonyms, at search time),
    first; then pages whose title, summary, keywords or body hold enough of the words, the last
    one as typed so far (`bool_prefix`: a prefix of the words as written, the others also
    stemmed and with synonyms)."""
    should = [
        {"match": {"title.prefix": {"query": text, "operator": "and", "boost": 30}}},
        {"match": {"title": {"query": text, "operator": "and", "boost": 20}}},
        {
            "match": {
                "title.words": {
                    "query": text,
                    "fuzziness": TYPO_FUZZINESS,
                    "prefix_length": 1,
                    "operator": "and",
                    "boost": 15,
                }
            }
        },
        {"match": {"title": {"query": text, "minimum_should_match": SOME_WORDS, "boost": 3}}},
        {
            "multi_match": {
                "query": text,
                "type": "bool_prefix",
                "fields": ["content", "content.stemmed"],
                "minimum_should_match": SOME_WORDS,
                "fuzziness": TYPO_FUZZINESS,
                "prefix_length": 1,
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
                    "field": "content",
                    "analyzer": "plain",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                    "sort": "score",
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
    correction = _correction(text, response.get("suggest", {}), query.language)
    if correction and not _finds_more(correction, text, query.language):
        correction = ""
    return {"hits": hits, "total": total, "correction": correction}


def _correction(query: str, suggest: dict, language: str) -> str:
    """The query with each word that no article of the locale holds (the suggester's "missing"
    mode on `content`: title, summary, keywords and body as written) replaced by its closest
    word that some article holds; "" when no word changes."""
    replacements = {}
    for entry in suggest.get("did_you_mean", []):
        options = entry.get("options", [])
        if options:
            replacements[entry["text"]] = options[0]["text"]
    if not replacements:
        return ""
    corrected = " ".join(replacements.get(word, word) for word in query.split())
    corrected = normalise(corrected, language)
    return corrected if corrected != query else ""


def _finds_more(corrected: str, typed: str, language: str) -> bool:
    """Whether more articles hold every word of `corrected` (stemmed, with synonyms) than hold
    every word of `typed`: only then is the correction worth offering."""

    index = alias_name(language)
    searches = []
    for text in (corrected, typed):
        searches += [
            {"index": index},
            {
                "size": 0,
                "track_total_hits": True,
                "query": {"match": {"content.stemmed": {"query": text, "operator": "and"}}},
            },
        ]
    found = [r["hits"]["total"]["value"] for r in client().msearch(searches=searches)["responses"]]
    return found[0] > found[1]
