"""Autocomplete over the whole article (title, summary, keywords, body), the last word as a
prefix, some words enough; and "did you mean" that only offers a correction finding more. On
Elasticsearch with the demo, and on the database backend with a page or two of its own."""

from urllib.parse import unquote

import pytest
from wagtail.rich_text import RichText

from search import api, database
from search.query import SearchQuery
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

DEMO = "/{lang}/{topic}/{slug}/"
REFUNDS = ("ads-and-billing", "ad-refunds-and-disputed-charges")
RESET = ("account-and-login", "reset-your-password")
DELETE = ("account-and-login", "deactivate-or-delete-your-account")
NOTIFICATIONS = ("home-feed-and-notifications", "fix-notifications-not-arriving")


def suggested(client, q, locale, backend):
    response = client.get("/api/v1/search/autocomplete", {"q": q, "locale": locale})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["backend"] == backend, body
    return [s["url"] for s in body["suggestions"]]


@pytest.mark.parametrize(
    "language, query, page",
    [
        ("en", "forgot my passw", RESET),  # the body's words, the last one half typed
        ("en", "close my account permanen", DELETE),
        ("es", "no recibo notificaciones", NOTIFICATIONS),
        ("ru", "вернуть ден", REFUNDS),
    ],
)
def test_words_of_the_article_not_of_its_title_suggest_it(
    client, demo, elasticsearch, language, query, page
):
    expected = DEMO.format(lang=language, topic=page[0], slug=page[1])
    assert expected in suggested(client, query, language, "elasticsearch")[:3]


def test_a_title_prefix_still_ranks_first(client, demo, elasticsearch):
    # A title starting with the typed word ranks first ("reset" → "Reset your password"), and
    # a word many articles hold ("password") suggests several of them.
    urls = suggested(client, "reset", "en", "elasticsearch")
    assert urls[0] == DEMO.format(lang="en", topic=RESET[0], slug=RESET[1])
    assert len(suggested(client, "password", "en", "elasticsearch")) > 1


def test_some_words_are_enough(client, demo, elasticsearch):
    expected = DEMO.format(lang="en", topic=RESET[0], slug=RESET[1])
    assert expected in suggested(client, "reset password qqzzx", "en", "elasticsearch")
    assert suggested(client, "qqzzx vvwwy", "en", "elasticsearch") == []


@pytest.mark.parametrize(
    "accented, typed",
    [
        ("cartão de crédito recusado", "cartao de credito recusado"),
        ("silenciar notificações de comentários", "silenciar notificacoes de comentarios"),
    ],
)
def test_brazilian_words_typed_without_accents_find_what_the_accented_ones_find(
    client, demo, elasticsearch, accented, typed
):
    # Portuguese's stemmer keeps the accents ("cartão" → "cartã", "cartao" → "carta"): the
    # words are stemmed without them, indexed and typed alike (search.analysis.ACCENTS_FOLDED).
    found = suggested(client, accented, "pt-br", "elasticsearch")
    assert found, "the demo holds these words"
    assert suggested(client, typed, "pt-br", "elasticsearch")[:3] == found[:3]
    results = [
        [hit["url"] for hit in api.search(SearchQuery(text, "pt-br", retrieval="lexical")).hits]
        for text in (accented, typed)
    ]
    assert results[0] and results[1][:3] == results[0][:3]


def did_you_mean(client, q, language="en"):
    html = client.get(f"/{language}/search/", {"q": q}).content.decode()
    if 'class="did-you-mean"' not in html:
        return None
    return html.split('class="did-you-mean"', 1)[1].split('href="?q=', 1)[1].split('"', 1)[0]


def test_did_you_mean_never_replaces_known_words(client, demo, elasticsearch):
    # Known: words of the locale's articles. ("user" is in no English demo article, so "block a
    # user" still gets a correction: a language dictionary would be needed, see issue 12.)
    assert did_you_mean(client, "block someone") is None
    assert did_you_mean(client, "block a board") is None
    assert did_you_mean(client, "pasword recovry") == "password%20recover"


def test_did_you_mean_spells_a_brazilian_word_with_its_accents(client, demo, elasticsearch):
    # Brazilian words are matched without their accents, so the closest indexed word to the
    # typo may be the one without them ("notificacoes"): offered as the articles spell it.
    assert unquote(did_you_mean(client, "notifcacoes", "pt-br")) == "notificações"


@pytest.fixture
def database_articles(settings):
    settings.SEARCH_URL = ""
    topic = TopicPageFactory(parent=HomePageFactory(), title="Account and login")
    reset = ArticlePageFactory(
        parent=topic,
        title="Reset your password",
        slug="reset-your-password",
        summary="Choose a new one from the link we email you.",
        body=[("text", RichText("<p>Forgot your password? Tap the link on the login screen.</p>"))],
    )
    block = ArticlePageFactory(
        parent=topic,
        title="Block someone",
        slug="block-someone",
        summary="Stop a user from following you or sending you messages.",
    )
    return {"reset": reset.get_url(), "block": block.get_url()}


def test_database_backend_suggests_from_the_whole_article(client, database_articles):
    reset = database_articles["reset"]
    assert suggested(client, "reset", "en", "database")[0] == reset  # title prefix first
    assert reset in suggested(client, "forgot", "en", "database")  # a word of the body
    assert reset in suggested(client, "forgot my passw", "en", "database")  # prefix, some words
    assert reset in suggested(client, "link emai", "en", "database")  # the summary
    assert database_articles["block"] in suggested(client, "stop a user", "en", "database")
    assert suggested(client, "qqzzx vvwwy", "en", "database") == []


def test_database_did_you_mean_never_replaces_known_words(database_articles):
    assert database.correct("block a user", "en") == ""  # "user" is a word of an article
    assert database.correct("forgott pasword", "en") == "forgot password"
    # Nothing more found: no correction.
    assert database.correct("pasword", "en", found=5) == ""


def test_enough_words():
    assert [database.enough_words(n) for n in range(1, 7)] == [1, 1, 2, 3, 4, 4]
