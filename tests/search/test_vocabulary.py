"""The words of a locale's articles (search.vocabulary): the database backend's "did you mean"
reads them again after a publish; a search by meaning never waits for them (a task reads them
when none are kept, once, and the search goes on with the query as typed), and takes the words
kept even from before the latest publish; a Brazilian word Elasticsearch offers without its
accents is spelt as the articles spell it."""

from types import SimpleNamespace

import pytest

from search import semantic, vocabulary
from tests.factories import (
    ArticlePageFactory,
    HomePageFactory,
    TopicPageFactory,
    aliases,
    locale,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicPageFactory(parent=HomePageFactory())


@pytest.fixture
def queued(monkeypatch):
    """The background reads asked for, not run (as when a worker takes them later)."""
    asked = []
    monkeypatch.setattr(vocabulary, "refresh_in_background", SimpleNamespace(enqueue=asked.append))
    return asked


def test_a_search_does_not_wait_for_the_words_and_asks_for_them_once(topic, queued):
    ArticlePageFactory(parent=topic, title="Reset your password", summary="Use the email link.")
    assert vocabulary.known_words("en") is None
    assert vocabulary.known_words("en") is None
    assert queued == ["en"]  # once for every search asking meanwhile
    vocabulary.refresh("en")  # the worker
    assert {"reset", "password", "email"} <= vocabulary.known_words("en")


def test_did_you_mean_reads_a_publish_at_once_meaning_takes_the_words_kept(topic, queued):
    ArticlePageFactory(parent=topic, title="Reset your password")
    vocabulary.refresh("en")
    ArticlePageFactory(parent=topic, title="Block someone")
    assert "block" not in vocabulary.known_words("en")
    assert "block" in vocabulary.of_articles("en")
    assert "block" in vocabulary.known_words("en")  # of_articles kept what it read
    assert queued == []


def test_meaning_goes_on_as_typed_until_the_words_are_read(topic, queued, add_synonyms):
    ArticlePageFactory(parent=topic, title="Reset your password")
    add_synonyms("en", "password, creds")
    typed = semantic.embeddings.query_vector("creds lost")
    assert (semantic.query_vector("creds lost", "en") == typed).all()
    vocabulary.refresh("en")
    assert not (semantic.query_vector("creds lost", "en") == typed).all()


def test_a_brazilian_word_offered_without_accents_is_spelt_as_the_articles_spell_it(settings):
    home = HomePageFactory()
    aliases(home, "pt-br")
    topic = TopicPageFactory(parent=home.get_translation(locale("pt-br")))
    ArticlePageFactory(
        parent=topic,
        title="Notificações atrasadas",
        summary="Um perfil público, e o que ele publicou; quem publicó.",
    )
    vocabulary.refresh("pt-br")
    assert vocabulary.as_written("notificacoes", "pt-br") == "notificações"
    assert vocabulary.as_written("atrasadas", "pt-br") == "atrasadas"  # held as it is
    assert vocabulary.as_written("publico", "pt-br") == "publico"  # "público" or "publicó"
    assert vocabulary.as_written("perfils", "pt-br") == "perfils"  # no such word
    # Only where words are matched without their accents (search.analysis.ACCENTS_FOLDED).
    assert vocabulary.as_written("notificacoes", "es") == "notificacoes"
