"""Embedding after a bulk load (decision 0016, `make run`): pages published inside
`search.indexing.embedding_deferred()` are found by their words at once and by their meaning once
`manage.py embed_passages` has embedded them; a second run embeds nothing and writes nothing."""

import pytest
from django.core.management import call_command

from search import api, embeddings, indexing
from search.models import PassageVector
from search.query import SearchQuery
from tests.search import semantic_content

pytestmark = [pytest.mark.django_db, semantic_content.SAME_WORKER]

PARAPHRASE = ("en", "i can't remember how to get in", "reset-your-password")


@pytest.fixture(autouse=True)
def semantic_on(settings, monkeypatch):
    settings.SEARCH_SEMANTIC = True
    monkeypatch.setattr(
        embeddings, "passage_vectors", semantic_content.memoised(embeddings.passage_vectors)
    )


@pytest.fixture
def loaded_without_vectors():
    with indexing.embedding_deferred():
        urls = semantic_content.build()
    return urls


def _urls(text: str, language: str, retrieval: str = "hybrid") -> list[str]:
    outcome = api.search(SearchQuery(text, language, retrieval=retrieval))
    return [hit["url"] for hit in outcome.hits]


def test_deferred_pages_are_found_by_words_then_by_meaning(settings, loaded_without_vectors):
    settings.SEARCH_URL = ""
    language, paraphrase, slug = PARAPHRASE
    reset = loaded_without_vectors[(language, slug)]
    assert not PassageVector.objects.exists()
    assert reset in _urls("reset password", language)[:1]
    assert reset not in _urls(paraphrase, language)[:3]  # words alone: not among the first

    call_command("embed_passages", verbosity=0)

    assert PassageVector.objects.filter(language="ru").exists()
    assert reset in _urls(paraphrase, language)[:3]
    first_ids = set(PassageVector.objects.values_list("id", flat=True))
    assert indexing.embed_all() == 0
    assert set(PassageVector.objects.values_list("id", flat=True)) == first_ids  # none rewritten


@pytest.fixture
def every_index(settings):
    """Each locale's index exists (the `elasticsearch` fixture refreshes them all)."""
    if settings.SEARCH_URL:
        from search.elastic import indices

        for code, _name in settings.LANGUAGES:
            indices.ensure_index(code)


def test_embed_passages_adds_the_vectors_to_elasticsearch(
    loaded_without_vectors, every_index, elasticsearch
):
    from search.elastic import indices

    language, paraphrase, slug = PARAPHRASE
    reset = loaded_without_vectors[(language, slug)]
    indices.refresh(language)
    assert reset not in _urls(paraphrase, language, "semantic")

    call_command("embed_passages", verbosity=0)
    indices.refresh(language)

    urls = _urls(paraphrase, language)
    assert reset in urls[:3]
    assert api.search(SearchQuery(paraphrase, language)).backend == api.ELASTICSEARCH


def test_embed_passages_says_when_semantic_search_is_off(settings, capsys):
    settings.SEARCH_SEMANTIC = False
    call_command("embed_passages")
    assert "nothing to embed" in capsys.readouterr().out
