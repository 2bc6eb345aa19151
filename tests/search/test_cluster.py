"""A real two-node cluster (cms/services/elasticsearch-cluster.sh: node 1 master and data, node 2
data only, one replica per index): stopping a node mid-run loses no search and no update, the
cluster goes yellow and back to green and /healthz reports it, and the alias swap of a rebuild
works on the cluster. Started for this module only, beside the suite's single node."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.utils import timezone

from search import indexing
from search.elastic import client as es_client
from search.elastic import indices, warming
from search.models import SearchTermDay
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "cms" / "services" / "elasticsearch-cluster.sh"


def cluster_script(*args: str) -> str:
    return subprocess.run(
        ["bash", str(SCRIPT), *args], check=True, timeout=600, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def cluster_urls():
    if "SERVICES_DIR" not in os.environ or not os.environ.get("SEARCH_URL"):
        pytest.skip("needs SERVICES_DIR and Elasticsearch (run through `make test`)")
    urls = cluster_script("start")
    yield urls
    cluster_script("stop")


def found(client, q: str) -> tuple[str, list[str]]:
    body = client.get("/api/v1/search/autocomplete", {"q": q, "locale": "en"}).json()
    return body["backend"], [s["url"] for s in body["suggestions"]]


def test_a_node_stopped_mid_run_loses_no_search_and_no_update(client, cluster_urls, settings):
    settings.SEARCH_URL = cluster_urls
    settings.SEARCH_INDEX_PREFIX = f"cluster-{time.monotonic_ns()}"
    settings.SEARCH_REPLICAS = 1
    settings.SEARCH_AUTOCOMPLETE_TIMEOUT = settings.SEARCH_PAGE_TIMEOUT = 5
    es = es_client.client().options(request_timeout=120)
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    alias = es_client.alias_name("en")
    before = set(es.indices.get_alias(name=alias))
    indexing.rebuild_all()  # a new index behind the alias, on the cluster
    after = set(es.indices.get_alias(name=alias))
    assert after and after != before and not es.indices.exists(index=sorted(before)[0])
    es.cluster.health(index=alias, wait_for_status="green", timeout="90s")
    health = client.get("/healthz").json()
    assert health["search"] == "ok"
    assert health["details"]["search"] == {"cluster": "green", "nodes": 2, "breaker": "closed"}
    assert found(client, "reset") == ("elasticsearch", ["/en/account/reset-your-password/"])

    cluster_script("stop-node", "2")
    try:
        for _ in range(10):  # every search, whichever node the client tries first
            assert found(client, "reset") == (
                "elasticsearch",
                ["/en/account/reset-your-password/"],
            )
        # An update during the outage lands (on a promoted primary when node 2 held it).
        ArticlePageFactory(parent=topic, title="Recover a hacked account", slug="hacked")
        indices.refresh("en")
        assert found(client, "recover") == ("elasticsearch", ["/en/account/hacked/"])
        health = client.get("/healthz").json()
        assert health["search"] == "ok"
        assert health["details"]["search"]["cluster"] == "yellow"
        assert health["details"]["search"]["nodes"] == 1
    finally:
        cluster_script("start-node", "2")
    es.cluster.health(index=alias, wait_for_status="green", timeout="120s")
    health = client.get("/healthz").json()
    assert health["details"]["search"] == {"cluster": "green", "nodes": 2, "breaker": "closed"}
    assert found(client, "recover") == ("elasticsearch", ["/en/account/hacked/"])
    es.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*")


def copy_searches(es, index: str) -> dict[str, int]:
    """{node id: queries its copies of `index` answered}."""
    shards = es.indices.stats(index=index, metric="search", level="shards")["indices"][index]
    answered: dict[str, int] = {}
    for copies in shards["shards"].values():
        for copy in copies:
            node = copy["routing"]["node"]
            answered[node] = answered.get(node, 0) + copy["search"]["query_total"]
    return answered


def test_a_restarted_node_is_warmed_on_its_own_copies(cluster_urls, settings):
    settings.SEARCH_URL = cluster_urls
    settings.SEARCH_INDEX_PREFIX = f"warm-cluster-{time.monotonic_ns()}"
    settings.SEARCH_REPLICAS = 1
    es = es_client.client().options(request_timeout=120)
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    SearchTermDay.objects.create(
        language="en", query="reset password", day=timezone.localdate(), period=1, searches=5
    )
    indexing.rebuild_all()
    (index,) = es.indices.get_alias(name=es_client.alias_name("en"))
    # Both copies (primary on one node, replica on the other) answered the warming queries:
    # 3 autocomplete requests on the way to "reset password", then its results page.
    assert sorted(copy_searches(es, index).values()) == [4, 4]
    assert warming.warm_restarted_nodes(["en"]) == {}
    (node_2,) = es.nodes.info(node_id="node-2", metric="jvm")["nodes"]

    cluster_script("stop-node", "2")
    cluster_script("start-node", "2")
    es.cluster.health(index=index, wait_for_status="green", timeout="120s")
    before = copy_searches(es, index)
    assert before[node_2] == 0  # a restarted node's copy starts cold
    assert warming.warm_restarted_nodes(["en"]) == {"en": [node_2]}
    after = copy_searches(es, index)
    assert after[node_2] == 4  # its own copy, and only it, was warmed
    assert {node: count for node, count in after.items() if node != node_2} == {
        node: count for node, count in before.items() if node != node_2
    }
    assert warming.warm_restarted_nodes(["en"]) == {}  # once per start
    es.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*")
