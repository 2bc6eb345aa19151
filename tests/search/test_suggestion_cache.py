"""Autocomplete answers kept for a short while (search.suggestion_cache): the same prefix asks
Elasticsearch once; a page written to the index, another scope, limit or language asks again;
the database fallback's answers are never kept; a failing cache costs no answer."""

import pytest
from django.core.cache import caches

from search import api, indexing, suggestion_cache
from search.elastic import indices, queries
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings):
    settings.SEARCH_AUTOCOMPLETE_CACHE_SECONDS = 30
    caches[suggestion_cache.CACHE].clear()
    yield
    caches[suggestion_cache.CACHE].clear()


@pytest.fixture
def counted(monkeypatch):
    """Elasticsearch's autocomplete query, counted."""
    asked = []
    real = queries.autocomplete

    def autocomplete(text, language, limit, scope=""):
        asked.append((text, language, limit, scope))
        return real(text, language, limit, scope)

    monkeypatch.setattr(queries, "autocomplete", autocomplete)
    return asked


def _titles(answer):
    return [s["title"] for s in answer["suggestions"]]


def test_a_prefix_asks_elasticsearch_once_until_the_index_changes(
    kept, counted, own_indices, settings
):
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Billing", slug="billing")
    first = ArticlePageFactory(parent=topic, title="Invoices for pinners", slug="invoices")
    indexing.index_page(first, refresh=True, raise_errors=True)
    indices.ensure_index("es")

    answer = api.autocomplete("Invoi", "en")
    assert answer["backend"] == "elasticsearch" and _titles(answer) == ["Invoices for pinners"]
    again = api.autocomplete("invoi", "en")  # the same once normalised
    assert again == answer and len(counted) == 1

    assert api.autocomplete("invoi", "en", limit=3)["backend"] == "elasticsearch"
    assert api.autocomplete("invoi", "es")["backend"] == "elasticsearch"
    assert api.autocomplete("invoi", "en", scope=topic.path)["backend"] == "elasticsearch"
    assert len(counted) == 4  # another limit, language or scope is another answer

    second = ArticlePageFactory(parent=topic, title="Invoices for advertisers", slug="ads")
    indexing.index_page(second, refresh=True, raise_errors=True)  # invalidates
    fresh = api.autocomplete("invoi", "en")
    assert len(counted) == 5
    assert sorted(_titles(fresh)) == ["Invoices for advertisers", "Invoices for pinners"]

    indexing.remove_page(second, refresh=True)
    assert _titles(api.autocomplete("invoi", "en")) == ["Invoices for pinners"]
    assert len(counted) == 6


def test_the_database_fallbacks_answers_are_not_kept(kept, monkeypatch, settings):
    settings.SEARCH_URL = "http://127.0.0.1:9"  # configured, failing: the database answers
    asked = []

    def failing(text, language, limit, scope=""):
        asked.append(text)
        raise ConnectionError("down")

    monkeypatch.setattr(queries, "autocomplete", failing)
    assert api.autocomplete("invoi", "en")["backend"] == "database"
    api.reset()  # the breaker closed again
    monkeypatch.setattr(
        queries, "autocomplete", lambda *args, **kwargs: [{"title": "From Elasticsearch"}]
    )
    answer = api.autocomplete("invoi", "en")
    assert answer["backend"] == "elasticsearch" and _titles(answer) == ["From Elasticsearch"]
    assert asked == ["invoi"]


def test_no_cache_when_its_lifetime_is_zero(settings, monkeypatch):
    settings.SEARCH_AUTOCOMPLETE_CACHE_SECONDS = 0
    settings.SEARCH_URL = "http://127.0.0.1:9"
    asked = []
    monkeypatch.setattr(
        queries, "autocomplete", lambda text, *args, **kwargs: asked.append(text) or []
    )
    api.autocomplete("invoi", "en")
    api.autocomplete("invoi", "en")
    assert asked == ["invoi", "invoi"]


def test_a_failing_cache_costs_no_answer(kept, settings, monkeypatch):
    settings.SEARCH_URL = "http://127.0.0.1:9"

    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(suggestion_cache, "_cache", lambda: Down())
    monkeypatch.setattr(
        queries, "autocomplete", lambda *args, **kwargs: [{"title": "From Elasticsearch"}]
    )
    answer = api.autocomplete("invoi", "en")
    assert answer["backend"] == "elasticsearch" and _titles(answer) == ["From Elasticsearch"]
    suggestion_cache.invalidate()  # logged, not raised
