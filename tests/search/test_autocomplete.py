"""Autocomplete over HTTP against the real Elasticsearch: prefixes, typos and synonyms in five
languages, locale isolation, predicted queries, validation."""

import pytest
from wagtail.models import Locale

from search.models import CuratedQuery
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases

pytestmark = pytest.mark.django_db

RESET = "/{lang}/account-and-login/reset-your-password/"


def autocomplete(client, q, locale, **params):
    response = client.get("/api/v1/search/autocomplete", {"q": q, "locale": locale, **params})
    assert response.status_code == 200, response.content
    return response.json()


def urls(body):
    return [s["url"] for s in body["suggestions"]]


CASES = {
    # language: (prefix, typo, (synonym set, query using the new word))
    "en": ("reset yo", "resett", ("forgotten, reset", "forgotten")),
    "es": ("restab", "restablese", ("recuperar, restablece", "recuperar")),
    "ar": ("إعادة تع", "تعبين", ("استرجاع, تعيين", "استرجاع")),
    "ru": ("сбро", "сбрас", ("обнуление, сброс", "обнуление")),
}


@pytest.mark.parametrize("language", CASES)
def test_prefix_typo_and_synonym_find_the_article(
    client, demo, elasticsearch, add_synonyms, language
):
    prefix, typo, (terms, synonym_query) = CASES[language]
    expected = RESET.format(lang=language)

    body = autocomplete(client, prefix, language)
    assert body["backend"] == "elasticsearch"
    assert body["locale"] == language
    assert urls(body)[0] == expected

    assert expected in urls(autocomplete(client, typo, language))

    assert expected not in urls(autocomplete(client, synonym_query, language))
    add_synonyms(language, terms)
    assert expected in urls(autocomplete(client, synonym_query, language))


INFLECTED = {
    # Other forms of the title's words (stemming, stop words, Arabic normalisation).
    "en": "resetting passwords",
    "es": "restablecer contraseñas",
    "ru": "сбросу паролей",
    "ar": "تَعيين كلمات المرور",
}


@pytest.mark.parametrize("language", INFLECTED)
def test_other_word_forms_find_the_article(client, demo, elasticsearch, language):
    body = autocomplete(client, INFLECTED[language], language)
    assert body["backend"] == "elasticsearch"
    assert RESET.format(lang=language) in urls(body)


def test_synonyms_change_without_reindexing(client, demo, elasticsearch, add_synonyms):
    expected = RESET.format(lang="ru")
    synonym_set = add_synonyms("ru", "обнуление, сброс")
    assert expected in urls(autocomplete(client, "обнуление", "ru"))
    synonym_set.terms = "забвение, сброс"
    add_synonyms.save(synonym_set)
    assert expected not in urls(autocomplete(client, "обнуление", "ru"))
    assert expected in urls(autocomplete(client, "забвение", "ru"))
    # Only the locale's own synonyms apply.
    assert expected.replace("/ru/", "/uk/") not in urls(autocomplete(client, "забвение", "uk"))


def test_japanese_prefix_typo_and_synonym(client, demo, elasticsearch, add_synonyms):
    expected = "/ja/account-and-login/reset-your-password/"  # "パスワードをリセットする"
    body = autocomplete(client, "パスワ", "ja")
    assert body["backend"] == "elasticsearch"
    assert urls(body)[0] == expected
    assert expected in urls(autocomplete(client, "パスワーデ", "ja"))
    assert expected not in urls(autocomplete(client, "暗証番号", "ja"))
    add_synonyms("ja", "暗証番号, パスワード")
    assert expected in urls(autocomplete(client, "暗証番号", "ja"))


def test_suggestions_describe_each_page(client, demo, elasticsearch):
    suggestion = autocomplete(client, "reset your", "en", limit=1)["suggestions"][0]
    assert suggestion == {
        "title": "Reset your password",
        "url": "/en/account-and-login/reset-your-password/",
        "kind": "tutorial",
        "snippet": suggestion["snippet"],
    }
    assert suggestion["snippet"].startswith("Forgot your password?")


def test_answers_only_from_the_visitors_locale(client, demo, elasticsearch):
    # "Pin" is a word of the English, Spanish and Russian titles alike.
    for language in ("en", "es", "ru", "ar"):
        body = autocomplete(client, "pin", language, limit=20)
        assert body["suggestions"], language
        assert all(url.startswith(f"/{language}/") for url in urls(body)), urls(body)
    # English words no Arabic article holds do not leak into Arabic suggestions. ("password"
    # would: an Arabic article advises against passwords like "pinwheel" or "password".)
    assert autocomplete(client, "notifications", "ar")["suggestions"] == []


def test_limit_caps_the_suggestions(client, demo, elasticsearch):
    assert len(autocomplete(client, "a", "en", limit=3)["suggestions"]) == 3


def test_predicted_queries_come_from_the_search_log_and_editors(client, demo, elasticsearch):
    assert autocomplete(client, "how to", "en")["queries"] == []
    # Five distinct visitors (search.predictions); one visitor's repeats would not count.
    for visitor in range(1, 6):
        response = client.get(
            "/en/search/", {"q": "How to  RESET password"}, REMOTE_ADDR=f"203.0.113.{visitor}"
        )
        assert response.status_code == 200
        client.get("/en/search/", {"q": "qqzzx vvwwy"}, REMOTE_ADDR=f"203.0.113.{visitor}")
    CuratedQuery.objects.create(language="en", text="how to make a board", weight=1)

    queries = [q["text"] for q in autocomplete(client, "how to", "en")["queries"]]
    assert queries == ["how to reset password", "how to make a board"]  # most searched first
    assert autocomplete(client, "qqzz", "en")["queries"] == []  # found nothing: never predicted
    # Another language's log is not used.
    assert autocomplete(client, "how to", "es")["queries"] == []
    # Queries containing the text are predicted too.
    assert "how to reset password" in [
        q["text"] for q in autocomplete(client, "reset pass", "en")["queries"]
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"locale": "en"},
        {"q": "", "locale": "en"},
        {"q": "   ", "locale": "en"},
        {"q": "x" * 201, "locale": "en"},
        {"q": "reset"},
        {"q": "reset", "locale": "xx"},
        {"q": "reset", "locale": "en", "limit": "0"},
        {"q": "reset", "locale": "en", "limit": "21"},
        {"q": "reset", "locale": "en", "limit": "ten"},
    ],
)
@pytest.mark.smoke
def test_bad_parameters_get_400_json(client, params):
    response = client.get("/api/v1/search/autocomplete", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


@pytest.mark.smoke
def test_database_backend_answers_without_elasticsearch(client, settings):
    settings.SEARCH_URL = ""
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account and login")
    aliases(home, "ru")  # the Russian home and topic
    russian_topic = topic.get_translation(Locale.objects.get(language_code="ru"))
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    ArticlePageFactory(parent=russian_topic, title="Сброс пароля", slug="reset-your-password")
    body = autocomplete(client, "reset", "en")
    assert body["backend"] == "database"
    assert "/en/account-and-login/reset-your-password/" in urls(body)
    # Case-insensitive beyond ASCII on every database ("сбро" finds "Сброс пароля").
    assert "/ru/account-and-login/reset-your-password/" in urls(autocomplete(client, "сбро", "ru"))
    assert client.get("/healthz").json()["search"] == "ok"
