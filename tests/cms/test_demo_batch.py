"""The demo loads as one batch (cms/demo/batch.py): search and reference indexing held back until
the end, then done for every saved object; nothing left behind by a failed batch; Wagtail's own
save receivers back afterwards. And the shared locale-tree index (cms/demo/locale_sync.py) is the
one wagtail-localize reads page by page."""

import pytest
from django.apps import apps
from wagtail.models import ReferenceIndex
from wagtail_localize.synctree import PageIndex

from cms.demo import batch, locale_sync
from pages.models import ArticlePage
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases

pytestmark = pytest.mark.django_db


def indexed(page) -> bool:
    entries = apps.get_model("wagtailsearch", "IndexEntry").objects
    return entries.filter(object_id=str(page.pk), title=page.title).exists()


def references_to(page) -> int:
    return ReferenceIndex.get_references_to(page).count()


def test_saves_in_a_batch_are_indexed_once_at_its_end():
    messages = []
    with batch.one_batch(log=messages.append):
        home = HomePageFactory()
        topic = TopicPageFactory(parent=home)
        article = ArticlePageFactory(parent=topic, body=[("related", [topic])])
        assert not indexed(article)  # held back
        assert references_to(topic) == 0
    assert indexed(article) and indexed(topic)
    assert references_to(topic) >= 1  # the article's related link
    assert "search and reference index updates" in messages[0]


def test_a_failed_batch_leaves_nothing_and_saves_index_again_afterwards():
    home = HomePageFactory()
    with pytest.raises(RuntimeError), batch.one_batch(log=lambda message: None):
        TopicPageFactory(parent=home, title="Rolled back")
        raise RuntimeError("a data file broke the rules")
    assert not home.get_children().filter(title="Rolled back").exists()
    topic = TopicPageFactory(parent=home)
    article = ArticlePageFactory(parent=topic, body=[("related", [topic])])
    assert indexed(article)  # the receivers are connected again
    assert references_to(topic) >= 1


def test_an_object_saved_then_deleted_in_a_batch_is_not_indexed():
    home = HomePageFactory()
    with batch.one_batch(log=lambda message: None):
        article = ArticlePageFactory(parent=TopicPageFactory(parent=home))
        article_id = article.pk
        article.delete()
    assert not ArticlePage.objects.filter(pk=article_id).exists()
    entries = apps.get_model("wagtailsearch", "IndexEntry").objects
    assert not entries.filter(object_id=str(article_id)).exists()


def entries(index: PageIndex) -> list[tuple]:
    return [
        (
            entry.content_type,
            entry.translation_key,
            entry.source_locale,
            entry.parent_translation_key,
            sorted(entry.locales),
            sorted(entry.aliased_locales),
        )
        for entry in index
    ]


def test_the_shared_page_index_is_wagtail_localizes():
    home = HomePageFactory()
    for _topic in range(2):
        topic = TopicPageFactory(parent=home)
        ArticlePageFactory(parent=topic)
        ArticlePageFactory(parent=topic)
    aliases(home, "es", "ar")
    expected = entries(PageIndex.from_database().sort_by_tree_position())
    assert len(expected) == 8  # Wagtail's welcome page, the home, two topics, four articles
    assert entries(locale_sync.page_index()) == expected
