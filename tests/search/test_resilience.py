"""When Elasticsearch goes down, turns slow or is stopped, answers come from the database,
say so, and /healthz reports "degraded"; nothing returns a 500."""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from search import api, indexing
from search.elastic import client as es_client
from search.elastic import indices

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def autocomplete(client, q="reset", locale="en"):
    response = client.get("/api/v1/search/autocomplete", {"q": q, "locale": locale})
    assert response.status_code == 200
    return response.json()


def assert_falls_back(client):
    body = autocomplete(client)
    assert body["backend"] == "database"
    assert "/en/account-and-login/reset-your-password/" in [s["url"] for s in body["suggestions"]]
    page = client.get("/en/search/", {"q": "password"})
    assert page.status_code == 200
    assert 'data-backend="database"' in page.content.decode()
    assert "/en/account-and-login/reset-your-password/" in page.content.decode()
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["search"] == "degraded"
    assert health.json()["status"] == "degraded"


def test_elasticsearch_going_down_falls_back_to_the_database(client, demo, es_proxy):
    assert autocomplete(client)["backend"] == "elasticsearch"
    assert client.get("/healthz").json()["search"] == "ok"
    es_proxy.stop()
    assert_falls_back(client)


def test_a_slow_elasticsearch_times_out_to_the_database(client, demo, es_proxy):
    assert autocomplete(client)["backend"] == "elasticsearch"
    es_proxy.delay = es_client.query_timeout() + 0.5
    api.reset()
    assert autocomplete(client)["backend"] == "database"
    es_proxy.delay = 0
    api.reset()
    assert autocomplete(client)["backend"] == "elasticsearch"


def test_an_elasticsearch_error_falls_back(client, demo, elasticsearch, settings):
    settings.SEARCH_INDEX_PREFIX = "no-such-index"
    body = autocomplete(client)
    assert body["backend"] == "database"
    assert body["suggestions"]


@pytest.fixture
def own_node(settings, demo):
    """A node of this test's own, started through the project's script with the demo indexed in
    it: stopping it leaves the suite's node to the tests running beside (pytest-xdist)."""
    if "SERVICES_DIR" not in os.environ:
        pytest.skip("needs the services of `make test` (SERVICES_DIR)")
    folder = Path(tempfile.mkdtemp(prefix="helpcenter-own-node-"))
    folder.chmod(0o755)  # the servers' unprivileged user works in it

    def script(action: str) -> str:
        return subprocess.run(
            ["bash", str(ROOT / "cms" / "services" / "elasticsearch.sh"), action],
            env=os.environ | {"SERVICES_DIR": str(folder)},
            check=True,
            timeout=300,
            capture_output=True,
            text=True,
        ).stdout.strip()

    settings.SEARCH_URL = script("start")
    api.reset()
    indexing.rebuild_all()  # the visitor indices of every locale
    yield script
    script("stop")
    shutil.rmtree(folder, ignore_errors=True)


def test_stopping_elasticsearch_mid_test(client, own_node, add_synonyms, settings):
    """Stops the real node through the project's script, then starts it again: the editors'
    synonyms are back too."""
    add_synonyms("en", "forgotten, reset")
    assert autocomplete(client)["backend"] == "elasticsearch"
    own_node("stop")
    try:
        assert_falls_back(client)
    finally:
        url = own_node("start")
    assert url == settings.SEARCH_URL
    api.reset()
    for code in ("en",):
        indices.refresh(code)
    assert autocomplete(client)["backend"] == "elasticsearch"
    assert client.get("/healthz").json()["search"] == "ok"
    reset = "/en/account-and-login/reset-your-password/"
    for _ in range(50):  # the synonyms load once the node's synonyms index has started
        found = client.get("/api/v1/search/autocomplete", {"q": "forgotten", "locale": "en"})
        if reset in [s["url"] for s in found.json()["suggestions"]]:
            break
        time.sleep(0.2)
    else:
        pytest.fail("the synonyms did not come back after the restart")
