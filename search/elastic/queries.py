"""Visitors' queries on their locale's index: autocomplete (whole articles as they are typed)
and the results page's search (highlights, spelling correction), both boosted by popularity.
Each runs within SEARCH_TIMEOUT (the client's timeout); the caller falls back to the database on
failure."""

from .. import embeddings, semantic, text_language, vocabulary
from ..analysis import CJK_LANGUAGES, fold_accents, normalise
from ..query import SearchQuery
from .client import QueryRejected, alias_name, client

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
# CJK queries are read as overlapping bigrams (search.analysis), about two per word, and a
# sentence's particles and endings are bigrams too: two in five are enough there.
SOME_BIGRAMS = "1<-1 3<40%"


def some_words(language: str) -> str:
    return SOME_BIGRAMS if language in CJK_LANGUAGES else SOME_WORDS


# Autocomplete adds popularity to the text score of its first POPULARITY_WINDOW pages (a rescore)
# rather than of every matching page (a function_score): a function_score has no bound on its
# score, so Lucene must score every page that matches, while a plain query can skip pages that
# cannot reach the first ones (block-max WAND, with `track_total_hits` off). Popularity adds at
# most log10(1 + clicks), a few points: it reorders pages whose text scores are nearly equal,
# and the window keeps that for the first 300 of them. At 100,000 pages (20,000 per index) the
# autocomplete's mean `took` went from 2.8 ms to 1.2 ms (window 100: 0.8 ms; 1,000: 1.7 ms).
POPULARITY_WINDOW = 300


def _popularity_rescore(window: int) -> dict:
    """Rescore: the first `window` pages' score plus log10(1 + popularity), as `_popularity`."""
    popularity = {
        "function_score": {
            "functions": [
                {"field_value_factor": {"field": "popularity", "modifier": "log1p", "missing": 0}}
            ],
            "boost_mode": "replace",
        }
    }
    return {
        "window_size": window,
        "query": {
            "rescore_query": popularity,
            "query_weight": 1,
            "rescore_query_weight": 1,
            "score_mode": "total",
        },
    }


def autocomplete_query(text: str, language: str, scope: str = "") -> dict:
    """The text query of `autocomplete`, without popularity (see `autocomplete_request`)."""
    enough = some_words(language)
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
        {"match": {"title": {"query": text, "minimum_should_match": enough, "boost": 3}}},
        {
            "multi_match": {
                "query": text,
                "type": "bool_prefix",
                "fields": ["content", "content.stemmed"],
                "minimum_should_match": enough,
                "fuzziness": TYPO_FUZZINESS,
                "prefix_length": 1,
            }
        },
    ]
    scoped = [{"term": {"tree": scope}}] if scope else []
    return {"bool": {"should": should, "minimum_should_match": 1, "filter": scoped}}


def autocomplete_request(text: str, language: str, limit: int, scope: str = "") -> dict:
    """The keyword arguments of `Elasticsearch.search` for `autocomplete` (warming replays
    them: search.elastic.warming): the text query, popularity as a rescore of its first pages,
    no total, only the fields a suggestion shows."""
    return {
        "query": autocomplete_query(text, language, scope),
        "rescore": _popularity_rescore(max(POPULARITY_WINDOW, limit)),
        "size": limit,
        "source": ["display_title", "url", "kind", "snippet"],
        "track_total_hits": False,
    }


def autocomplete(text: str, language: str, limit: int, scope: str = "") -> list[dict]:
    """Pages whose title words start with the typed words (edge n-grams), nearly match them
    (one typo from 5 letters on), or mean the same (the editors' synonyms, at search time),
    first; then pages whose title, summary, keywords or body hold enough of the words, the last
    one as typed so far (`bool_prefix`: a prefix of the words as written, the others also
    stemmed and with synonyms). Only pages below the tree path `scope` when given."""
    response = client().search(
        index=alias_name(language),
        **autocomplete_request(text, language, limit, scope),
        filter_path=["hits.hits._source", "hits.hits._score"],
    )
    return [
        # The score is for the fusion with meaning (search.api); it never reaches the JSON.
        {**_suggestion(hit["_source"]), "score": hit.get("_score") or 0.0}
        for hit in response.get("hits", {}).get("hits", [])
    ]


def _suggestion(source: dict) -> dict:
    return {
        "title": source["display_title"],
        "url": source["url"],
        "kind": source["kind"],
        "snippet": source["snippet"],
    }


def _msearch(searches: list[dict]) -> list[dict]:
    """The responses of one `_msearch`; a search it rejected (400) raises QueryRejected (the
    query's fault: search.api answers from the database without counting a failure), any
    other error RuntimeError."""
    responses = client().msearch(searches=searches)["responses"]
    for response in responses:
        if "error" in response:
            kind = response["error"].get("type", "error")
            if response.get("status") == 400:
                raise QueryRejected(f"msearch: {kind}")
            raise RuntimeError(f"msearch: {kind}")
    return responses


def meaning(text: str, language: str, limit: int, scope: str = "") -> list[dict]:
    """Articles and tutorials by meaning alone, as suggestions (the autocomplete's second
    round): the kNN of the results page over the passages' vectors (each language voting in a
    locale mostly showing other text: `meaning_voters`), in one `_msearch`; each with its
    "closeness" to `text` (for the fusion: search.semantic.autocomplete_order)."""
    filters: list[dict] = [{"terms": {"kind": ["article", "tutorial"]}}]
    if scope:
        filters.append({"term": {"tree": scope}})
    vector = semantic.query_vector(text, language).tolist()
    voters = meaning_voters(language)
    header = {"index": alias_name(language)}
    searches: list[dict] = []
    for voter in voters or [None]:
        body = _meaning_body(vector, filters, [], voter)
        body["knn"]["inner_hits"]["_source"] = False  # their scores only: no direct answer here
        searches += [header, body]
    responses = _msearch(searches)
    rankings = [_by_closeness(response["hits"]["hits"]) for response in responses]
    hits = _voted(rankings) if voters else rankings[0]
    return [{**_suggestion(hit["_source"]), "closeness": _closeness(hit)} for hit in hits[:limit]]


def search(query: SearchQuery) -> dict:
    """Articles and tutorials for the results page: hits with highlighted snippets, the total,
    a spelling correction of the visitor's words, and the passage answering the query when the
    first hit is confidently the right one. Words (BM25) and meaning (kNN over the passages'
    vectors) are asked in one `_msearch` and fused here by reciprocal rank fusion
    (`query.retrieval` may ask for one of them alone)."""
    text = query.text
    wanted = query.offset + query.size
    use_words, use_meaning = _retrievals(query)
    voters = meaning_voters(query.language) if use_meaning else []
    searches = search_requests(query, alias_name(query.language), voters=voters)
    responses = _msearch(searches)
    empty = {"hits": {"hits": [], "total": {"value": 0}}}
    words = responses.pop(0) if use_words else empty
    meanings = [responses.pop(0) for _ in range(max(len(voters), 1))] if use_meaning else []
    meaning = _voted([_by_closeness(r["hits"]["hits"]) for r in meanings]) if voters else []
    if use_meaning and not voters:
        meaning = _by_closeness(meanings[0]["hits"]["hits"])
    evidence = responses[0]["hits"]["hits"] if responses else []
    by_id = {hit["_id"]: hit for hit in meaning}
    by_id.update({hit["_id"]: hit for hit in words["hits"]["hits"]})
    # Meaning leads, words weigh less; the words' first stays first when they are confident
    # (search.semantic.hybrid_order).
    word_hits = words["hits"]["hits"]
    order = semantic.hybrid_order(
        [hit["_id"] for hit in meaning],
        [_closeness(hit) for hit in meaning],
        [hit["_id"] for hit in word_hits],
        [hit.get("_score") or 0.0 for hit in word_hits] if use_meaning else None,
    )
    hits = [_hit(by_id[key]) for key in order[query.offset : wanted]]
    extra = len({hit["_id"] for hit in meaning} - {hit["_id"] for hit in words["hits"]["hits"]})
    total = words["hits"]["total"]["value"] + extra
    correction = ""
    if use_words:
        correction = _correction(text, words.get("suggest", {}), query.language)
        if correction and not _finds_more(correction, text, query.language):
            correction = ""
    answer = None
    words_first = [hit["_id"] for hit in evidence]
    if (
        order
        and meaning
        and not query.offset
        and semantic.confident(
            meaning[0]["_id"], _cosine(meaning[0].get("_score")), order[0], words_first
        )
    ):
        answer = _answer(meaning[0])
    return {"hits": hits, "total": total, "correction": correction, "answer": answer}


def _retrievals(query: SearchQuery) -> tuple[bool, bool]:
    """Whether `query` asks words (BM25), meaning (kNN), or both."""
    use_words = query.retrieval != "semantic" or not embeddings.enabled()
    use_meaning = query.retrieval != "lexical" and embeddings.enabled()
    return use_words, use_meaning


def meaning_voters(language: str) -> list[str]:
    """The languages voting on the ranking by meaning (search.semantic.translations_vote): each
    has its own kNN; none (one kNN over every passage) in a locale mostly showing its own text."""
    if not semantic.translations_vote(language):
        return []
    return text_language.own_text_languages()


def _voted(rankings: list[list[dict]]) -> list[dict]:
    """The kNN hits of each language fused by reciprocal rank fusion; of a page, its hit where
    it scored best (its nearest passages, the direct answer's, among its inner hits)."""
    best: dict[str, dict] = {}
    for hits in rankings:
        for hit in hits:
            if hit["_id"] not in best or (hit.get("_score") or 0) > (
                best[hit["_id"]].get("_score") or 0
            ):
                best[hit["_id"]] = hit
    return [best[key] for key in semantic.fuse([[hit["_id"] for hit in hits] for hits in rankings])]


def search_requests(
    query: SearchQuery, index: str, preference: str = "", voters: list[str] | None = None
) -> list[dict]:
    """The `_msearch` body of `search` on `index` (header, body; words, meaning — one kNN per
    language of `voters` (`meaning_voters`) when given — then the words' evidence for a
    direct answer): warming replays it (search.elastic.warming), on the shard copies
    `preference` names."""
    filters: list[dict] = [{"terms": {"kind": ["article", "tutorial"]}}]
    if query.topic:
        filters.append({"term": {"topics": query.topic}})
    if query.audience:
        filters.append({"terms": {"audience": [query.audience, "both"]}})
    if query.scope:
        filters.append({"term": {"tree": query.scope}})
    must_not = [{"terms": {"url": list(query.exclude_urls)}}] if query.exclude_urls else []
    use_words, use_meaning = _retrievals(query)
    header = {"index": index, **({"preference": preference} if preference else {})}
    searches: list[dict] = []
    if use_words:
        # Beside meaning, words count only when enough of them match (some_words): one
        # common word shared with a page ("want", "someone") is not a reason to rank it.
        enough = some_words(query.language) if use_meaning else None
        wanted = query.offset + query.size
        searches += [header, _words_body(query.text, filters, must_not, wanted, enough)]
    if use_meaning:
        vector = semantic.query_vector(query.text, query.language).tolist()
        for language in voters or [None]:
            searches += [header, _meaning_body(vector, filters, must_not, language)]
    if use_words and use_meaning and not query.offset:
        # A direct answer's evidence from words: their first pages without the minimum of
        # words (a question's "how do i … my" rarely all match), as the lexical ranking.
        searches += [header, _evidence_body(query.text, filters, must_not)]
    return searches


def _words_body(
    text: str, filters: list, must_not: list, size: int, enough: str | None = None
) -> dict:
    words = {"minimum_should_match": enough} if enough else {}
    should = [
        {"multi_match": {"query": text, "fields": ["title^4", "summary^2", "body"], **words}},
        {
            "multi_match": {
                "query": text,
                "fields": ["title.words^2", "summary.words"],
                "fuzziness": TYPO_FUZZINESS,
                "prefix_length": 1,
                **words,
            }
        },
    ]
    matching = {
        "bool": {
            "should": should,
            "minimum_should_match": 1,
            "filter": filters,
            "must_not": must_not,
        }
    }
    return {
        "query": _popularity(matching),
        "size": size,
        "_source": ["display_title", "url", "kind", "snippet"],
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "summary": {"number_of_fragments": 0},
                "body": {"fragment_size": 160, "number_of_fragments": 1},
            },
        },
        "suggest": {
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
    }


def _evidence_body(text: str, filters: list, must_not: list) -> dict:
    """The words' first pages (ids only) as the lexical ranking finds them: any of the words."""
    matching = _words_body(text, filters, must_not, semantic.WORDS_AGREE_WITHIN)["query"]
    return {
        "query": matching,
        "size": semantic.WORDS_AGREE_WITHIN,
        "_source": False,
        "track_total_hits": False,
    }


# Pages the kNN search returns, and the passages it compares per shard to find them.
MEANING_PAGES = 10
MEANING_CANDIDATES = 100


def _meaning_body(
    vector: list[float], filters: list, must_not: list, language: str | None = None
) -> dict:
    """Pages by their passage nearest to `vector` (nested kNN), with their nearest passages
    (inner hits: `_by_closeness` pools their cosines, and the direct answer is among them); only
    passages written in `language` when given (a filter on the nested passages, apart from the
    page's)."""
    knn_filter: dict | list = {"bool": {"filter": filters, "must_not": must_not}}
    if language:
        knn_filter = [knn_filter, {"term": {"passages.language": language}}]
    return {
        "knn": {
            "field": f"passages.{embeddings.VECTOR_FIELD}",
            "query_vector": vector,
            "k": MEANING_PAGES,
            "num_candidates": MEANING_CANDIDATES,
            "filter": knn_filter,
            "inner_hits": {
                "size": semantic.PASSAGES_POOLED,
                "_source": ["passages.anchor", "passages.text"],
            },
        },
        "size": MEANING_PAGES,
        "_source": ["display_title", "url", "kind", "snippet"],
    }


def _by_closeness(hits: list[dict]) -> list[dict]:
    """kNN hits (ranked by their nearest passage) by their nearest passages' cosines pooled, as
    the database backend ranks them (search.semantic.closeness), best first."""
    return sorted(hits, key=lambda hit: -_closeness(hit))


def _closeness(hit: dict) -> float:
    return semantic.closeness(_passage_cosines(hit))


def _passage_cosines(hit: dict) -> list[float]:
    inner = hit.get("inner_hits", {}).get("passages", {}).get("hits", {}).get("hits", [])
    return [_cosine(passage.get("_score")) for passage in inner] or [_cosine(hit.get("_score"))]


def _hit(hit: dict) -> dict:
    source = hit["_source"]
    highlight = hit.get("highlight", {})
    return {
        "title": source["display_title"],
        "url": source["url"],
        "kind": source["kind"],
        "snippet": source["snippet"],
        "highlight": (highlight.get("summary") or highlight.get("body") or [""])[0],
    }


def _cosine(score: float | None) -> float:
    """The cosine of a kNN score: dot_product similarity is scored (1 + cosine) / 2."""
    return 2 * (score or 0.0) - 1


def _answer(hit: dict) -> dict | None:
    """The direct answer from the first kNN hit (search.semantic.confident decided that it
    gets one): its nearest passage other than the title and summary."""
    inner = hit.get("inner_hits", {}).get("passages", {}).get("hits", {}).get("hits", [])
    for passage in inner:
        source = passage["_source"]
        if source.get("anchor"):
            return {
                "page_id": int(hit["_id"]),
                "title": hit["_source"]["display_title"],
                "url": hit["_source"]["url"],
                "anchor": source["anchor"],
                "text": source["text"],
                "score": _cosine(passage.get("_score")),
            }
    return None


def _correction(query: str, suggest: dict, language: str) -> str:
    """The query with each word that no article of the locale holds (the suggester's "missing"
    mode on `content`: title, summary, keywords and body as written) replaced by its closest
    word that some article holds, spelt as the articles spell it (a Brazilian word is searched
    and may be offered without its accents: search.vocabulary.as_written); "" when no word
    changes."""
    replacements = {}
    for entry in suggest.get("did_you_mean", []):
        options = entry.get("options", [])
        if options:
            replacements[entry["text"]] = vocabulary.as_written(options[0]["text"], language)
    if not replacements:
        return ""
    # The suggester's words are the analysed ones: without accents in ACCENTS_FOLDED.
    corrected = " ".join(
        replacements.get(fold_accents(word, language), word) for word in query.split()
    )
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
