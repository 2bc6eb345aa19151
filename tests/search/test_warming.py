"""A rebuilt index is warmed with its language's recent popular queries before its alias moves
to it (search.indexing.rebuild_all, search.elastic.indices.warm)."""

import datetime
import time

import pytest
from django.utils import timezone

from search import indexing
from search.elastic import client as es_client
from search.models import SearchTermDay
from search.searchlog import popular_queries
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db


def searched(query: str, searches: int, days_ago: int = 0, language: str = "en") -> None:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    SearchTermDay.objects.create(
        language=language, query=query, day=day, period=1, searches=searches
    )


def test_popular_queries_are_the_most_searched_of_the_window():
    searched("reset password", 5)
    searched("reset password", 4, days_ago=3)
    searched("hacked", 7)
    searched("billing", 50, days_ago=30)  # too old
    searched("pin", 90, language="es")  # another language
    assert popular_queries("en", 10, 7) == ["reset password", "hacked"]
    assert popular_queries("en", 1, 7) == ["reset password"]


def test_the_new_index_answered_the_popular_queries_before_the_alias_moved(settings):
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    settings.SEARCH_INDEX_PREFIX = f"warm-{time.monotonic_ns()}"
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    for number, query in enumerate(["reset password", "reset", "hacked account", "pin"]):
        searched(query, 10 - number)
    indexing.rebuild_all()
    es = es_client.client().options(request_timeout=30)
    (index,) = es.indices.get_alias(name=es_client.alias_name("en"))
    stats = es.indices.stats(index=index, metric="search")
    # No visitor has searched it yet: every query it answered was a warming query.
    assert stats["indices"][index]["total"]["search"]["query_total"] == 4
    es.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*")
