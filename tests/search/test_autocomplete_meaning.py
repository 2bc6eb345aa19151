"""The autocomplete's second round (`meaning=1`, asked by the widget when the visitor pauses):
the word suggestions fused with the pages nearest in meaning, so a question sharing no word with
its article, or typed in a locale showing the English articles (Ukrainian, Japanese), suggests
it; on the database backend and on Elasticsearch. Bad values of `meaning` get a 400; with
SEARCH_SEMANTIC off the second round is the first."""

import pytest
from django.core.management import call_command

from search import embeddings
from search.elastic import indices
from tests.conftest import built_once_per_module
from tests.factories import aliases
from tests.search import semantic_content

pytestmark = [pytest.mark.django_db, semantic_content.SAME_WORKER]

# Questions sharing no word with their article (test_semantic checks these in en, es, ar, ru),
# in a translated locale or in one showing the English text (uk, ja), where words alone cannot
# suggest it (checked below).
QUESTIONS = [
    ("en", "i can't remember how to get in", "reset-your-password"),
    ("es", "no me salen avisos en el móvil", "fix-notifications-not-arriving"),
    ("ar", "أريد إرجاع فلوسي", "ad-refunds-and-disputed-charges"),
    ("ru", "не хочу видеть этого человека", "block-someone-on-pinwheel"),
    ("uk", "хочу повернути гроші", "ad-refunds-and-disputed-charges"),
    ("ja", "パスワードを忘れてログインできない", "reset-your-password"),
]

TITLES_BEING_TYPED = [
    ("en", "reset your pass", "reset-your-password"),
    ("en", "deactivate or de", "deactivate-or-delete-your-account"),
    ("es", "reembolsos y car", "ad-refunds-and-disputed-charges"),
    ("ar", "إعادة تعيين كل", "reset-your-password"),
    ("ru", "не загружаются изоб", "images-or-videos-not-loading"),
]


@pytest.fixture(autouse=True)
def semantic_on(settings, monkeypatch):
    settings.SEARCH_SEMANTIC = True
    monkeypatch.setattr(
        embeddings, "passage_vectors", semantic_content.memoised(embeddings.passage_vectors)
    )


@built_once_per_module
def help_center_with_aliases() -> dict[tuple[str, str], str]:
    """The small help center in en, es, ar, ru, shown in uk and ja as aliases of the English
    pages, every passage embedded; built once for the module's tests; {(language, slug): url}."""
    from pages.models import HelpCenterHomePage

    with semantic_content.semantic_search_on():
        urls = semantic_content.build()
        aliases(HelpCenterHomePage.objects.get(locale__language_code="en"), "uk", "ja")
        call_command("embed_passages", verbosity=0)  # aliases are created without publishing
    for language in ("uk", "ja"):
        for slug in semantic_content.SLUGS:
            urls[(language, slug)] = f"/{language}/help-en/{slug}/"
    return urls


def suggested(client, q: str, locale: str, backend: str, meaning: str = "1") -> list[str]:
    response = client.get(
        "/api/v1/search/autocomplete", {"q": q, "locale": locale, "meaning": meaning}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["backend"] == backend, body
    for suggestion in body["suggestions"]:  # what a suggestion shows, nothing internal
        assert set(suggestion) == {"title", "url", "kind", "snippet"}, suggestion
    return [s["url"] for s in body["suggestions"]]


def _check(client, urls, backend):
    for language, question, slug in QUESTIONS:
        url = urls[(language, slug)]
        if language in ("uk", "ja"):
            by_words = suggested(client, question, language, backend, meaning="0")
            assert url not in by_words[:3], (language, question, by_words)
        with_meaning = suggested(client, question, language, backend)
        assert url in with_meaning[:3], (language, question, with_meaning)
    # A title being typed stays first.
    for language, typed, slug in TITLES_BEING_TYPED:
        assert suggested(client, typed, language, backend)[0] == urls[(language, slug)], typed


def test_database_suggests_by_meaning(client, settings, help_center_with_aliases):
    settings.SEARCH_URL = ""
    _check(client, help_center_with_aliases, "database")


def test_elasticsearch_suggests_by_meaning(client, help_center_with_aliases, own_indices):
    call_command("update_index", verbosity=0)
    for code in ("uk", "ja"):
        indices.refresh(code)
    _check(client, help_center_with_aliases, "elasticsearch")


@pytest.mark.parametrize("meaning", ["yes", "2", "true", "1 OR 1=1", "-1"])
def test_a_bad_meaning_is_a_400(client, meaning):
    response = client.get(
        "/api/v1/search/autocomplete", {"q": "password", "locale": "en", "meaning": meaning}
    )
    assert response.status_code == 400
    assert "meaning" in response.json()["error"]


def test_without_semantic_search_the_second_round_is_the_first(
    client, settings, help_center_with_aliases
):
    settings.SEARCH_URL = ""
    settings.SEARCH_SEMANTIC = False
    first = suggested(client, "reset password", "en", "database", meaning="0")
    assert first[0] == help_center_with_aliases[("en", "reset-your-password")]
    assert suggested(client, "reset password", "en", "database") == first


def test_the_widget_asks_for_meaning_only_when_semantic_search_is_on(
    client, settings, help_center_with_aliases
):
    settings.SEARCH_URL = ""
    assert 'data-meaning="1"' in client.get("/en/search/").content.decode()
    settings.SEARCH_SEMANTIC = False
    assert 'data-meaning=""' in client.get("/en/search/").content.decode()
