"""Stock synonyms (search.elastic.capabilities, search.elastic.synonyms): the synonyms API and a
`synonym_graph` filter over a synonyms set on full distributions, the project plugin elsewhere.

This machine's Elasticsearch (Maven Central's test build) has neither analysis-common nor the
reindex module the synonyms API needs, so the stock path is proven here as far as it can be:
every request goes through elasticsearch-py's typed methods (which reject a parameter the API
does not define) into a recording node, and the test compares the exact method, path and body
with the documented API; the real node then shows the detection picking the plugin and that the
stock definition differs from the plugin's in the synonyms filter only.
"""

import json

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse
from elasticsearch import Elasticsearch

from search import synonyms as editor_synonyms
from search.elastic import capabilities, indices
from search.elastic import client as es_client
from search.elastic import synonyms as published

pytestmark = pytest.mark.django_db


class RecordingNode(BaseNode):
    """An Elasticsearch node that answers from `answers` ({(method, path): (status, body)},
    default 200 {"acknowledged": true}) and records every request as (method, path, body)."""

    requests: list = []
    answers: dict = {}

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path = target.split("?", 1)[0]
        self.requests.append((method, path, json.loads(body) if body else None))
        status, answer = self.answers.get((method, path), (200, {"acknowledged": True}))
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
            ),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(answer).encode())


def _missing(what: str) -> tuple[int, dict]:
    return 404, {"error": {"type": "resource_not_found_exception", "reason": what}, "status": 404}


@pytest.fixture
def recorded(settings, monkeypatch):
    """The stock mode, every request recorded instead of sent."""
    settings.SEARCH_URL = "http://stock.invalid:9200"
    settings.SEARCH_INDEX_PREFIX = "helpcenter"
    settings.SEARCH_SYNONYMS_MODE = "stock"
    RecordingNode.requests = []
    RecordingNode.answers = {}
    es = Elasticsearch(settings.SEARCH_URL, node_class=RecordingNode)
    monkeypatch.setattr(es_client, "client", lambda: es)
    for module in (capabilities, indices, published):
        monkeypatch.setattr(module, "client", lambda: es)
    return RecordingNode


def test_a_rebuild_publishes_the_set_then_creates_the_index_over_it(recorded):
    recorded.answers[("HEAD", "/_alias/helpcenter-pages-en")] = (404, {})
    published.put_synonyms("en", {7: "hacked, compromised", 9: "pin, save"})
    indices.ensure_index("en")

    method, path, body = recorded.requests[0]
    assert (method, path) == ("PUT", "/_synonyms/helpcenter-synonyms-en")
    assert body == {
        "synonyms_set": [
            {"id": "7", "synonyms": "hacked, compromised"},
            {"id": "9", "synonyms": "pin, save"},
        ]
    }
    creates = [
        r for r in recorded.requests if r[0] == "PUT" and r[1].startswith("/helpcenter-p") and r[2]
    ]
    assert len(creates) == 1
    # The set exists (GET answered 200) before the index that refers to it is created.
    assert ("GET", "/_synonyms/helpcenter-synonyms-en") in [r[:2] for r in recorded.requests]
    settings_ = creates[0][2]["settings"]
    assert settings_["analysis"]["filter"]["synonyms"] == {
        "type": "synonym_graph",
        "synonyms_set": "helpcenter-synonyms-en",
        "updateable": True,
        "lenient": True,
    }
    analyzers = settings_["analysis"]["analyzer"]
    # An updateable filter may only be in search analyzers, never in an index-time one.
    mappings = creates[0][2]["mappings"]["properties"]
    index_time = {mappings["title"]["analyzer"], mappings["title"]["fields"]["prefix"]["analyzer"]}
    index_time |= {mappings["title"]["fields"]["words"]["analyzer"], mappings["body"]["analyzer"]}
    for name in index_time:
        assert "synonyms" not in analyzers[name]["filter"], name
    assert "synonyms" in analyzers["text_search"]["filter"]
    assert "synonyms" in analyzers["plain_search"]["filter"]
    # No reload call: the synonyms API reloads the analyzers that use the set.
    assert not [r for r in recorded.requests if "_reload_search_analyzers" in r[1]]


def test_an_index_over_a_missing_set_gets_an_empty_set_first(recorded):
    recorded.answers[("HEAD", "/_alias/helpcenter-pages-fr")] = (404, {})
    recorded.answers[("GET", "/_synonyms/helpcenter-synonyms-fr")] = _missing("no set")
    indices.ensure_index("fr")
    calls = [r[:2] for r in recorded.requests]
    put_set = calls.index(("PUT", "/_synonyms/helpcenter-synonyms-fr"))
    create = next(i for i, c in enumerate(calls) if c[1].startswith("/helpcenter-pages-fr-"))
    assert "mappings" in recorded.requests[create][2]
    assert put_set < create
    assert recorded.requests[put_set][2] == {"synonyms_set": []}


def test_an_editors_save_move_and_delete_are_rule_requests(
    recorded, add_synonyms, django_capture_on_commit_callbacks
):
    synonym_set = add_synonyms("en", "hacked, compromised")
    pk = str(synonym_set.pk)
    assert recorded.requests[-1] == (
        "PUT",
        f"/_synonyms/helpcenter-synonyms-en/{pk}",
        {"synonyms": "hacked, compromised"},
    )
    recorded.requests.clear()
    synonym_set.language, synonym_set.terms = "es", "hackeada, comprometida"
    add_synonyms.save(synonym_set)
    assert recorded.requests == [
        ("DELETE", f"/_synonyms/helpcenter-synonyms-en/{pk}", None),
        ("PUT", f"/_synonyms/helpcenter-synonyms-es/{pk}", {"synonyms": "hackeada, comprometida"}),
    ]
    recorded.requests.clear()
    with_missing_set = ("PUT", f"/_synonyms/helpcenter-synonyms-es/{pk}")
    recorded.answers[with_missing_set] = _missing("synonyms set [helpcenter-synonyms-es] not found")
    synonym_set.terms = "hackeada, robada"
    add_synonyms.save(synonym_set)
    assert recorded.requests[-1] == (
        "PUT",
        "/_synonyms/helpcenter-synonyms-es",
        {"synonyms_set": [{"id": pk, "synonyms": "hackeada, robada"}]},
    )
    recorded.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor_synonyms.publish_deleted(synonym_set)  # as on deletion
    delete = ("DELETE", f"/_synonyms/helpcenter-synonyms-es/{pk}")
    recorded.answers[delete] = _missing("gone")
    published.delete_synonym_rule(synonym_set.pk, "es")  # deleting twice is no error
    assert recorded.requests == [(*delete, None), (*delete, None)]


def test_the_typed_client_refuses_what_the_api_does_not_define(recorded):
    """The guard the tests above rely on: a parameter outside the API's spec never reaches the
    wire."""
    es = es_client.client()
    with pytest.raises(TypeError):
        es.synonyms.put_synonym(id="x", rules=[{"synonyms": "a, b"}])
    with pytest.raises(TypeError):
        es.synonyms.put_synonym_rule(set_id="x", rule_id="1", synonym="a, b")
    assert recorded.requests == []


def test_the_detection_asks_analyze_for_synonym_graph(recorded):
    assert capabilities.detect() == capabilities.STOCK
    assert recorded.requests == [
        (
            "POST",
            "/_analyze",
            {
                "tokenizer": "standard",
                "filter": [{"type": "synonym_graph", "synonyms": ["reset, restore"]}],
                "text": "reset",
            },
        )
    ]


def test_the_detection_picks_the_plugin_on_this_machines_elasticsearch(settings):
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    settings.SEARCH_SYNONYMS_MODE = "auto"
    capabilities.forget()
    assert capabilities.detect() == capabilities.PLUGIN
    assert capabilities.synonyms_mode() == capabilities.PLUGIN
    es = es_client.client()
    # The gap, stated in docs/decisions/0013: no synonyms API here (it needs the reindex
    # module) and no synonym_graph (analysis-common).
    from elasticsearch import ApiError, BadRequestError

    with pytest.raises(ApiError):
        es.synonyms.put_synonym(id="helpcenter-probe", synonyms_set=[{"synonyms": "a, b"}])
    with pytest.raises(BadRequestError, match="synonym_graph"):
        es.indices.create(index="helpcenter-stock-probe", **indices.index_body("en", "stock"))


def test_one_index_definition_for_both_mechanisms():
    stock, plugin = indices.index_body("de", "stock"), indices.index_body("de", "plugin")
    stock_filters = stock["settings"]["analysis"].pop("filter")
    plugin_filters = plugin["settings"]["analysis"].pop("filter")
    assert stock == plugin
    assert {k: v for k, v in stock_filters.items() if k != "synonyms"} == {
        k: v for k, v in plugin_filters.items() if k != "synonyms"
    }
    assert plugin_filters["synonyms"]["type"] == "helpcenter_synonyms"


def test_shards_and_replicas_come_from_the_settings(settings):
    settings.SEARCH_SHARDS, settings.SEARCH_REPLICAS = 2, 1
    body = indices.index_body("en", "stock")["settings"]
    assert (body["number_of_shards"], body["number_of_replicas"]) == (2, 1)
