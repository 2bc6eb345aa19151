"""Unspaced Japanese sentences on the real Elasticsearch: a query is read as CJK bigrams without
the unigrams (search.analysis), so a whole sentence typed in autocomplete or on the results page
is answered by Elasticsearch instead of going over the cluster's clause limit; and a query the
cluster rejects all the same (an index made before that change) falls back for that request
without counting against the cluster (search.breaker)."""

import pytest
from wagtail.rich_text import RichText

from search import api
from search.breaker import CLOSED
from search.elastic import client as es_client
from search.elastic import indices
from search.elastic.capabilities import synonyms_mode
from search.elastic.synonyms import ensure_set
from search.query import SearchQuery
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, locale

pytestmark = pytest.mark.django_db

SENTENCE = "アカウントを完全に削除したい"
# Three sentences without a space: near the longest query a visitor can send.
PARAGRAPH = (
    "昨日からアカウントにログインできなくなったので、パスワードを再設定しようとしましたが、"
    "確認メールが届きません。アカウントを完全に削除して最初からやり直したいのですが、"
    "投稿やメッセージはどうなりますか。"
)


def _japanese_help_center() -> str:
    """Two Japanese articles, published (so indexed); the URL of the one about deleting."""
    home = HomePageFactory()
    japanese_home = home.copy_for_translation(locale("ja"), copy_parents=True)
    japanese_home.save_revision().publish()
    topic = TopicPageFactory(parent=japanese_home, title="アカウント", slug="account-ja")
    delete = ArticlePageFactory(
        parent=topic,
        title="アカウントを削除する",
        slug="delete-account-ja",
        summary="アカウントを削除すると、投稿とメッセージは元に戻せません。",
        body=[("text", RichText("<p>設定からアカウントを選び、削除を押します。</p>"))],
    )
    ArticlePageFactory(
        parent=topic,
        title="通知が届かない",
        slug="notifications-ja",
        summary="スマートフォンの通知設定を確認します。",
        body=[("text", RichText("<p>アプリの通知をオンにします。</p>"))],
    )
    indices.refresh("ja")
    return delete.url


def _suggested(client, text: str) -> dict:
    response = client.get("/api/v1/search/autocomplete", {"q": text, "locale": "ja"})
    assert response.status_code == 200, response.content
    return response.json()


def test_an_unspaced_sentence_is_answered_by_elasticsearch(client, own_indices):
    deleting = _japanese_help_center()
    for text in (SENTENCE, PARAGRAPH):
        suggested = _suggested(client, text)
        assert suggested["backend"] == api.ELASTICSEARCH, text
        assert deleting in [s["url"] for s in suggested["suggestions"]][:3], suggested
        found = api.search(SearchQuery(text, "ja"))
        assert found.backend == api.ELASTICSEARCH, text
        assert deleting in [hit["url"] for hit in found.hits][:3], found.hits
    assert api.breaker.state == CLOSED


@pytest.fixture
def index_before_the_fix(own_indices):
    """The ja index as it was made before queries were read as bigrams only (the index's own
    analyzer at search time too): Elasticsearch rejects an unspaced sentence on it."""
    body = indices.index_body("ja", synonyms_mode())
    analyzers = body["settings"]["analysis"]["analyzer"]
    analyzers["text_search"] = analyzers["text"]
    ensure_set("ja")
    es = es_client.client()
    name = f"{es_client.alias_name('ja')}-before"
    es.indices.create(index=name, **body)
    es.indices.put_alias(index=name, name=es_client.alias_name("ja"))


def test_a_flood_of_rejected_queries_does_not_open_the_breaker(
    client, index_before_the_fix, settings
):
    settings.SEARCH_BREAKER_FAILURES = 3
    deleting = _japanese_help_center()
    for _ in range(3 * settings.SEARCH_BREAKER_FAILURES):
        suggested = _suggested(client, SENTENCE)
        assert suggested["backend"] == api.DATABASE  # rejected: this request falls back
        found = api.search(SearchQuery(SENTENCE, "ja"))
        assert found.backend == api.DATABASE
        assert api.breaker.state == CLOSED
    assert client.get("/healthz").json()["search"] == "ok"
    # Every other visitor is still answered by Elasticsearch.
    suggested = _suggested(client, "アカウント")
    assert suggested["backend"] == api.ELASTICSEARCH
    assert deleting in [s["url"] for s in suggested["suggestions"]]
