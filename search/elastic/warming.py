"""Warming the visitor indices, so that no visitor meets a cold index: a rebuilt index before
its alias moves to it (search.elastic.indices.rebuild), and the shard copies of a node that
started (or restarted) under existing indices (`warm_restarted_nodes`, every minute:
`manage.py warm_search_index`).

A warm-up replays the language's recent popular queries (search.searchlog.popular_queries) as
visitors send them: the autocomplete's query for what is typed on the way (the first letters,
then each word completed) and the results page's `_msearch` (words with highlights and the
suggester; meaning, kNN over the passages' vectors, for the first WARM_MEANING_QUERIES when
semantic search is on: each costs an embedding, and a few load the vector graph). So the terms,
prefix lookups and vectors the first visitors' queries read are in memory, and the JVM compiled
their code, before anyone waits on them.

Each node holding started copies of the index is warmed on its own copies
(`preference=_only_nodes:<node id>`): with replicas, every copy a visitor may be sent to gets
warm, not one of each shard. What was warmed is kept in the index's mapping `_meta` (per node:
its start time and the copies it held), so a node is warmed again only when it started since or
holds other copies; a copy still recovering is skipped and the next run warms it. Warming is an
optimisation: a query that fails is skipped, never a reason for a rebuild to fail.
"""

from elasticsearch import ApiError, TransportError

from ..query import SearchQuery, clean
from ..searchlog import popular_queries
from ..settings import (
    AUTOCOMPLETE_LIMIT,
    INDEXING_TIMEOUT,
    WARM_DAYS,
    WARM_MEANING_QUERIES,
    WARM_QUERIES,
)
from .client import alias_name, client
from .queries import autocomplete_request, meaning_voters, search_requests

META_KEY = "warmed_nodes"
# Autocomplete requests replayed per query at most (what is typed on the way to it).
TYPED_STEPS = 4


def typed_on_the_way(text: str) -> list[str]:
    """What a visitor typing `text` sends the autocomplete on the way: the first word's first
    half, then the text up to the end of each word (the last ones kept: at most TYPED_STEPS)."""
    words = text.split()
    if not words:
        return []
    if len(words) == 1:  # one word (or CJK, written without spaces): its half, then all of it
        half = text[: max(1, len(text) // 2)]
        return list(dict.fromkeys([half, text]))
    steps = [words[0][: max(1, len(words[0]) // 2)]]
    steps += [" ".join(words[: count + 1]) for count in range(len(words))]
    steps = list(dict.fromkeys(steps))
    return steps[:1] + steps[1:][-(TYPED_STEPS - 1) :]


def replay(es, index: str, language: str, queries, preference: str = "") -> int:
    """Sends `queries` (visitors' raw text) to `index` as visitors' autocomplete and results
    page would, on the copies `preference` names; returns how many requests were answered."""
    answered = 0
    routing = {"preference": preference} if preference else {}
    # The languages voting on meaning there, once (`meaning_voters`).
    voting = meaning_voters(language)
    for number, raw in enumerate(queries):
        text = clean(raw, language).text
        if not text:
            continue
        for typed in typed_on_the_way(text):
            try:
                es.search(
                    index=index,
                    **autocomplete_request(typed, language, AUTOCOMPLETE_LIMIT),
                    **routing,
                )
                answered += 1
            except (ApiError, TransportError):
                continue
        retrieval = "hybrid" if number < WARM_MEANING_QUERIES else "lexical"
        try:
            searches = search_requests(
                SearchQuery(text, language, retrieval=retrieval), index, preference, voting
            )
            es.msearch(searches=searches)
            answered += 1
        except (ApiError, TransportError):
            continue
    return answered


def copies_by_node(es, index: str) -> dict[str, list[str]]:
    """{node id: ["0", "1", …]}: the shards of `index` with a started copy on each node (a
    replica promoted to primary is the same warm copy: roles are left out)."""
    held: dict[str, set[str]] = {}
    for row in es.cat.shards(index=index, format="json", h="shard,state,id"):
        if row.get("state") == "STARTED" and row.get("id"):
            held.setdefault(row["id"], set()).add(str(row["shard"]))
    return {node: sorted(copies, key=int) for node, copies in held.items()}


def node_starts(es) -> dict[str, int]:
    """{node id: its JVM's start time (ms since the epoch)}."""
    nodes = es.nodes.info(metric="jvm", filter_path=["nodes.*.jvm.start_time_in_millis"])
    return {
        node: info["jvm"]["start_time_in_millis"] for node, info in nodes.get("nodes", {}).items()
    }


def warm(es, index: str, language: str, queries) -> list[str]:
    """Warms every node's copies of `index` that were not warmed since that node started and
    with these copies; records them in the index's `_meta`; returns the node ids warmed."""
    queries = list(queries)
    starts = node_starts(es)
    mapping = es.indices.get_mapping(index=index)[index]["mappings"]
    meta = dict(mapping.get("_meta", {}))
    warmed = dict(meta.get(META_KEY, {}))
    done = []
    for node, copies in copies_by_node(es, index).items():
        state = {"started": starts.get(node, 0), "copies": copies}
        if warmed.get(node) == state:
            continue
        if queries:
            replay(es, index, language, queries, preference=f"_only_nodes:{node}")
        warmed[node] = state
        done.append(node)
    if done:
        for node in set(warmed) - set(starts):  # nodes gone from the cluster
            del warmed[node]
        es.indices.put_mapping(index=index, meta={**meta, META_KEY: warmed})
    return done


def warm_restarted_nodes(languages, log=None) -> dict[str, list[str]]:
    """For each of `languages` with an index: warms the copies of the nodes that started (or
    got other copies) since they were last warmed; returns {language: node ids warmed}."""
    es = client().options(request_timeout=INDEXING_TIMEOUT)
    warmed = {}
    for language in languages:
        alias = alias_name(language)
        if not es.indices.exists_alias(name=alias):
            continue
        for index in es.indices.get_alias(name=alias):
            queries = popular_queries(language, WARM_QUERIES, WARM_DAYS)
            nodes = warm(es, index, language, queries)
            if nodes:
                warmed[language] = nodes
                if log:
                    log(f"search index {alias}: warmed on {len(nodes)} node(s)")
    return warmed
