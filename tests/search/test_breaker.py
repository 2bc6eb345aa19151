"""The breaker in front of Elasticsearch (search.breaker, search.api): one slow answer sends
that one request to the database; only SEARCH_BREAKER_FAILURES failures in a row open the
breaker; after SEARCH_BREAKER_OPEN_SECONDS one probe asks again and its answer closes or reopens
it; the client never retries nor lets its node pool outlast the breaker.

The real-node tests go through a TCP proxy in front of the running Elasticsearch that turns
slow on demand (conftest.TcpProxy), so timeouts are real socket timeouts.
"""

import threading
import time

import pytest

from search import api
from search.breaker import CLOSED, HALF_OPEN, OPEN, Breaker
from search.elastic import client as es_client
from search.elastic import indices
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory
from tests.search.conftest import TcpProxy

pytestmark = pytest.mark.django_db

RESET = "/en/account/reset-your-password/"


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def breaker(settings):
    settings.SEARCH_BREAKER_FAILURES = 3
    settings.SEARCH_BREAKER_OPEN_SECONDS = 5
    clock = Clock()
    return Breaker(clock), clock


def test_failures_open_the_breaker_only_when_consecutive(breaker):
    breaker, _clock = breaker
    for _ in range(5):
        assert breaker.allow()
        breaker.failed()
        assert breaker.allow()
        breaker.failed()
        assert breaker.allow()
        breaker.succeeded()  # two failures, then a success: the count starts again
    assert breaker.state == CLOSED
    for _ in range(3):
        assert breaker.allow()
        breaker.failed()
    assert breaker.state == OPEN
    assert not breaker.allow()


def test_after_the_window_one_probe_closes_or_reopens(breaker):
    breaker, clock = breaker
    for _ in range(3):
        breaker.failed()
    clock.now += 4.9
    assert not breaker.allow()
    clock.now += 0.2
    assert breaker.allow()  # the probe
    assert breaker.state == HALF_OPEN
    assert not breaker.allow()  # everyone else waits for its answer
    breaker.failed()  # one failed probe reopens at once
    assert breaker.state == OPEN
    assert not breaker.allow()
    clock.now += 5.1
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == CLOSED
    assert breaker.allow() and breaker.allow()
    breaker.failed()
    assert breaker.state == CLOSED  # a single failure after closing does not reopen


def test_rejected_queries_never_count_as_failures(breaker):
    breaker, clock = breaker
    for _ in range(10):  # a flood of queries Elasticsearch refuses (HTTP 400)
        breaker.rejected()
    assert breaker.state == CLOSED and breaker.allow()
    breaker.failed()
    breaker.failed()
    breaker.rejected()  # neither a failure nor a success: the count goes on
    breaker.failed()
    assert breaker.state == OPEN
    clock.now += 5
    assert breaker.allow() and breaker.state == HALF_OPEN
    breaker.rejected()  # the probe was answered: the node is up
    assert breaker.state == CLOSED


def test_a_probe_that_never_answers_is_replaced_after_a_window(breaker):
    breaker, clock = breaker
    for _ in range(3):
        breaker.failed()
    clock.now += 5.1
    assert breaker.allow()
    clock.now += 4.0
    assert not breaker.allow()
    clock.now += 1.2
    assert breaker.allow()


def test_only_one_of_many_concurrent_requests_probes(breaker):
    breaker, clock = breaker
    for _ in range(3):
        breaker.failed()
    clock.now += 5.1
    allowed = []
    start = threading.Barrier(16)

    def visitor():
        start.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=visitor) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 15 + [True]


def test_the_client_never_retries_a_timeout_and_its_pool_never_outlasts_the_breaker(settings):
    settings.SEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_BREAKER_OPEN_SECONDS = 4
    es = es_client.client()
    assert es._max_retries == 1  # a refused connection, on the next node
    assert es._retry_on_timeout is False
    transport = es.transport
    assert transport.node_pool.max_dead_node_backoff == 4
    assert transport.node_pool.dead_node_backoff_factor <= 4


# --- against the real node, through a proxy that turns slow ---------------------------------


@pytest.fixture
def indexed(settings):
    """One English article in an index of its own, reached through a proxy."""
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    es_proxy = TcpProxy(settings.SEARCH_URL)
    settings.SEARCH_URL = es_proxy.url
    settings.SEARCH_INDEX_PREFIX = f"breaker-{time.monotonic_ns()}"
    settings.SEARCH_BREAKER_FAILURES = 3
    settings.SEARCH_BREAKER_OPEN_SECONDS = 1.0
    settings.SEARCH_AUTOCOMPLETE_TIMEOUT = 0.5
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    indices.refresh("en")
    yield es_proxy
    es_proxy.delay = 0
    es = es_client.client()
    es.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)
    es_proxy.stop()


def autocomplete(client):
    started = time.monotonic()
    response = client.get("/api/v1/search/autocomplete", {"q": "reset", "locale": "en"})
    assert response.status_code == 200
    body = response.json()
    assert RESET in [s["url"] for s in body["suggestions"]], body  # either backend finds it
    return body["backend"], time.monotonic() - started


def test_one_slow_answer_affects_that_request_only(client, indexed):
    assert autocomplete(client)[0] == "elasticsearch"
    indexed.delay = 0.8
    connections = indexed.connections
    backend, took = autocomplete(client)
    assert backend == "database"
    assert took >= 0.5  # it did wait for the timeout
    assert indexed.connections == connections  # and was not retried on a new connection
    indexed.delay = 0
    assert autocomplete(client)[0] == "elasticsearch"  # the very next visitor: Elasticsearch
    assert api.breaker.state == CLOSED
    assert client.get("/healthz").json()["search"] == "ok"


def test_consecutive_failures_open_the_breaker_and_a_probe_closes_it(client, indexed, settings):
    settings.SEARCH_BREAKER_OPEN_SECONDS = 3.0
    assert autocomplete(client)[0] == "elasticsearch"
    indexed.delay = 0.8
    for attempt in range(3):
        assert api.breaker.state == CLOSED, attempt
        assert autocomplete(client)[0] == "database"
    opened = time.monotonic()
    assert api.breaker.state == OPEN
    time.sleep(indexed.delay + 0.2)  # the proxy has counted what is already on its way
    sent = indexed.requests
    assert autocomplete(client)[0] == "database"
    assert indexed.requests == sent  # open: Elasticsearch was not asked
    time.sleep(max(0.0, opened + 3.05 - time.monotonic()))
    assert autocomplete(client)[0] == "database"  # the probe, still slow: open again
    reopened = time.monotonic()
    assert indexed.requests > sent
    assert api.breaker.state == OPEN
    assert client.get("/healthz").json()["search"] == "degraded"
    indexed.delay = 0
    time.sleep(max(0.0, reopened + 3.05 - time.monotonic()))
    assert autocomplete(client)[0] == "elasticsearch"  # the probe answers: closed
    assert api.breaker.state == CLOSED
    assert autocomplete(client)[0] == "elasticsearch"
    assert client.get("/healthz").json()["search"] == "ok"
