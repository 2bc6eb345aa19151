"""A rebuilt index is warmed with its language's recent popular queries before its alias moves
to it, as visitors send them (autocomplete on the way, then the results page), and a node's
copies are warmed again when the node started since (search.elastic.warming; the real restart of
a node is in test_cluster.py)."""

import datetime

import pytest
from django.utils import timezone

from search import indexing
from search.elastic import client as es_client
from search.elastic import warming
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


def test_what_a_visitor_types_on_the_way_to_a_query():
    assert warming.typed_on_the_way("reset password") == ["re", "reset", "reset password"]
    assert warming.typed_on_the_way("pin") == ["p", "pin"]
    assert warming.typed_on_the_way("パスワード") == ["パス", "パスワード"]
    # The first letters, then the last words completed (TYPED_STEPS at most).
    assert warming.typed_on_the_way("how do i reset my password") == [
        "h",
        "how do i reset",
        "how do i reset my",
        "how do i reset my password",
    ]
    assert warming.typed_on_the_way("") == []


def searches_answered(es, index: str) -> int:
    stats = es.indices.stats(index=index, metric="search")
    return stats["indices"][index]["total"]["search"]["query_total"]


def test_the_new_index_answered_the_popular_queries_before_the_alias_moved(own_indices):
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    for number, query in enumerate(["reset password", "reset", "hacked account", "pin"]):
        searched(query, 10 - number)
    searched("Reset   PASSWORD!", 1)  # as typed: cleaned like a visitor's query, then replayed
    indexing.rebuild_all()
    es = es_client.client().options(request_timeout=30)
    (index,) = es.indices.get_alias(name=es_client.alias_name("en"))
    # No visitor has searched it yet: every query it answered was a warming query. Per query,
    # the autocomplete on the way to it (re, reset, reset password | res, reset | hac, hacked,
    # hacked account | p, pin | re, reset, reset password) and one results page (words).
    assert searches_answered(es, index) == (3 + 1) + (2 + 1) + (3 + 1) + (2 + 1) + (3 + 1)
    # Recorded: this node's copies are warm, so the every-minute check has nothing to do.
    (node,) = es.nodes.info(metric="jvm")["nodes"]
    meta = es.indices.get_mapping(index=index)[index]["mappings"]["_meta"]
    assert meta[warming.META_KEY][node]["copies"] == ["0"]
    assert warming.warm_restarted_nodes(["en", "es"]) == {}
    assert searches_answered(es, index) == 18


def test_a_node_that_started_since_its_copies_were_warmed_is_warmed_again(own_indices):
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    searched("reset password", 3)
    indexing.rebuild_all()
    es = es_client.client().options(request_timeout=30)
    (index,) = es.indices.get_alias(name=es_client.alias_name("en"))
    assert searches_answered(es, index) == 4
    # As after a restart: the node's start time is not the one its copies were warmed at.
    meta = es.indices.get_mapping(index=index)[index]["mappings"]["_meta"]
    (node,) = meta[warming.META_KEY]
    meta[warming.META_KEY][node]["started"] -= 60_000
    es.indices.put_mapping(index=index, meta=meta)
    assert warming.warm_restarted_nodes(["en"]) == {"en": [node]}
    assert searches_answered(es, index) == 8
    assert warming.warm_restarted_nodes(["en"]) == {}  # once per start
    assert searches_answered(es, index) == 8
