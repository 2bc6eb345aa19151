"""A locale nobody translated yet shows the English articles as aliases at its own URLs: its
visitors find them, by meaning in their own language (a multilingual model) and by the English
words they type, at their locale's URL; the aliases reuse the English passages' vectors (nothing
embedded twice) and a direct answer is marked as English text (decision 0016)."""

import pytest
from django.core.management import call_command

from search import api, embeddings
from search.models import PassageVector
from search.query import SearchQuery
from tests.conftest import built_once_per_module
from tests.factories import aliases
from tests.search import semantic_content

pytestmark = [pytest.mark.django_db, semantic_content.SAME_WORKER]


@pytest.fixture(autouse=True)
def semantic_on(settings, monkeypatch):
    settings.SEARCH_SEMANTIC = True
    settings.SEARCH_URL = ""
    monkeypatch.setattr(
        embeddings, "passage_vectors", semantic_content.memoised(embeddings.passage_vectors)
    )


@built_once_per_module
def japanese_and_hebrew_aliases():
    """The small help center, shown in ja and he as aliases of the English pages, for the
    module's tests; {(language, slug): url}."""
    from pages.models import HelpCenterHomePage

    with semantic_content.semantic_search_on(), pytest.MonkeyPatch.context() as patch:
        urls = semantic_content.build()
        home = HelpCenterHomePage.objects.get(locale__language_code="en")
        aliases(home, "ja", "he")
        embed = embeddings.passage_vectors
        embedded = []

        def recorded(texts):
            embedded.extend(texts)
            return embed(texts)

        patch.setattr(embeddings, "passage_vectors", recorded)
        call_command("embed_passages", verbosity=0)  # aliases are created without publishing
    assert embedded == []  # their vectors are the English ones
    return urls


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("ja", "パスワードを忘れてログインできない"),
        ("he", "שכחתי את הסיסמה שלי"),
        ("ja", "forgot password"),
    ],
)
def test_untranslated_locale_finds_the_english_text_at_its_own_url(
    client, japanese_and_hebrew_aliases, language, query
):
    outcome = api.search(SearchQuery(query, language))
    assert outcome.hits, (language, query)
    assert outcome.hits[0]["url"] == f"/{language}/help-en/reset-your-password/"
    assert PassageVector.objects.filter(language=language).exists()


def test_an_answer_from_an_alias_is_marked_english(client, japanese_and_hebrew_aliases):
    html = client.get("/he/search/", {"q": "how do I reset my password"}).content.decode()
    assert "data-search-answer" in html
    assert 'lang="en" dir="auto"' in html
