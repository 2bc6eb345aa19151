"""Search tests run against the real Elasticsearch that `make test` starts (SEARCH_URL)."""

import socket
import threading
import time

import pytest
from django.conf import settings

from tests.conftest import built_once_per_module

from . import semantic_content


@pytest.fixture(autouse=True)
def fresh_search_state():
    from search import api, semantic, vocabulary

    api.reset()
    # A rolled-back test's passages can leave the same row count and last id as the next
    # test's (SQLite reuses ids after a rollback): the matrices' version would not change.
    semantic.forget_matrices()
    vocabulary.forget()  # kept across publishes, as on a site: each test has its own articles
    yield
    api.reset()


@built_once_per_module
def semantic_help_center() -> dict[tuple[str, str], str]:
    """The semantic tests' small help center (tests/search/semantic_content.py), its passages
    embedded into the database, built once for the module's tests (their changes roll back);
    {(language, slug): url}."""
    with semantic_content.semantic_search_on():
        return semantic_content.build()


@pytest.fixture
def elasticsearch():
    """The URL of the running Elasticsearch, its indices refreshed."""
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    from search.elastic import indices

    for code, _name in settings.LANGUAGES:
        indices.refresh(code)
    return settings.SEARCH_URL


@pytest.fixture
def own_indices(settings):
    """Indices (and synonyms sets) of this test's own, under a fresh SEARCH_INDEX_PREFIX, so
    that pages other tests indexed in the shared ones cannot change its results; removed after."""
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    from search.elastic import client
    from search.elastic.capabilities import STOCK, synonyms_mode

    prefix = f"own-{time.monotonic_ns()}"
    settings.SEARCH_INDEX_PREFIX = prefix
    yield prefix
    es = client.client()
    es.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
    if synonyms_mode() == STOCK:
        for code, _name in settings.LANGUAGES:
            es.options(ignore_status=404).synonyms.delete_synonym(id=client.synonyms_set_name(code))


class TcpProxy:
    """A real TCP proxy on 127.0.0.1 in front of Elasticsearch that can go down (close every
    socket, refuse connections) or turn slow on demand."""

    def __init__(self, target: str):
        host, port = target.split("//", 1)[1].rstrip("/").split(":")
        self.target = (host, int(port))
        self.delay = 0.0
        self.requests = 0  # chunks sent on to Elasticsearch (one per small request)
        self.connections = 0
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(32)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.sockets: list[socket.socket] = []
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.connections += 1
            self.sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    def _pipe(self, source, destination, upstream=False):
        try:
            while data := source.recv(65536):
                if upstream:
                    self.requests += 1
                if self.delay:
                    time.sleep(self.delay)
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, destination):
                try:
                    sock.close()
                except OSError:
                    pass

    def stop(self):
        self.running = False
        try:
            self.server.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        self.server.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass


@pytest.fixture
def es_proxy(elasticsearch, settings):
    proxy = TcpProxy(elasticsearch)
    settings.SEARCH_URL = proxy.url
    yield proxy
    proxy.stop()


@pytest.fixture
def add_synonyms(django_capture_on_commit_callbacks):
    """add_synonyms(language, "a, b"): an editor's synonym set, published to Elasticsearch as
    after a committed save; removed (and unpublished) after the test."""
    from search.models import SynonymSet

    created = []

    def add(language: str, terms: str) -> SynonymSet:
        with django_capture_on_commit_callbacks(execute=True):
            created.append(SynonymSet.objects.create(language=language, terms=terms))
        return created[-1]

    def save(synonym_set: SynonymSet) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            synonym_set.save()

    add.save = save
    yield add
    for synonym_set in created:
        with django_capture_on_commit_callbacks(execute=True):
            synonym_set.delete()
