"""A visitor searching one property finds only that property's pages: results page and
autocomplete, on the database backend and on Elasticsearch."""

import pytest

from tests.pages.properties import BUSINESS_HOST, two_properties

pytestmark = pytest.mark.django_db


def _urls(client, host, path, params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return response


def _check_scope(client):
    for host, mine, theirs in (
        (BUSINESS_HOST, "Invoices for advertisers", "Invoices for pinners"),
        ("testserver", "Invoices for pinners", "Invoices for advertisers"),
    ):
        page = _urls(client, host, "/en/search/", {"q": "invoices"}).content.decode()
        assert mine in page and theirs not in page
        body = _urls(
            client, host, "/api/v1/search/autocomplete", {"q": "invoi", "locale": "en"}
        ).json()
        titles = [s["title"] for s in body["suggestions"]]
        assert mine in titles and theirs not in titles
        assert all(s["url"].startswith("/en/") for s in body["suggestions"])  # on this host
    return body["backend"]


def test_database_backend_keeps_to_the_visitors_site(client, settings):
    settings.SEARCH_URL = ""
    two_properties()
    assert _check_scope(client) == "database"


def test_elasticsearch_keeps_to_the_visitors_site(client, settings):
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    from search import indexing
    from search.elastic import indices

    indices.ensure_index("en")
    sites = two_properties()
    for name in ("help_article", "business_article"):
        indexing.index_page(sites[name], refresh=True, raise_errors=True)
    assert _check_scope(client) == "elasticsearch"
