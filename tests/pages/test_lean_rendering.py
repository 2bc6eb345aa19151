"""Public pages render with a small, constant number of queries, whatever the number of
languages, topics and related articles (the navigation is cached, pages.navigation), and what
is published shows up in that navigation at once."""

import re

import pytest
from django.conf import settings
from wagtail.models import Page

from pages import navigation
from pages.models import TutorialPage
from tests.factories import (
    ArticlePageFactory,
    HomePageFactory,
    PublishedPageFactory,
    TopicPageFactory,
    aliases,
    locale,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


class TutorialPageFactory(PublishedPageFactory):
    title = "A tutorial"
    summary = "Step by step."
    steps = [("step", {"title": "First", "text": "Do this."})]

    class Meta:
        model = TutorialPage


def build_tree(topics: int, related: int, languages: list[str]) -> dict:
    home = HomePageFactory()
    built_topics = [TopicPageFactory(parent=home) for _ in range(topics)]
    first = built_topics[0]
    targets = [ArticlePageFactory(parent=first, featured=True) for _ in range(related)]
    article = ArticlePageFactory(
        parent=first, body=[("text", "<p>Body</p>"), ("related", targets)], featured=True
    )
    tutorial = TutorialPageFactory(parent=first)
    # A real translation in one language, so hreflang and the switcher have one to show;
    # aliases of the whole tree in the others (and of the rest of the tree in that one).
    spanish = article.copy_for_translation(locale("es"), copy_parents=True)
    spanish.title = "Artículo"
    spanish.save_revision().publish()
    aliases(home, *languages)
    return {
        "home": "/en/",
        "topic": first.url,
        "article": article.url,
        "tutorial": tutorial.url,
        "search": "/en/search/?q=article",
        "alias article": article.url.replace("/en/", f"/{languages[-1]}/", 1),
    }


def query_counts(client, paths: dict) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, path in paths.items():
        client.get(path)  # the navigation is built once, on the first request after a change
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (label, path)
        counts[label] = len(queries)
    return counts


def test_every_kind_of_page_renders_in_few_queries(client):
    paths = build_tree(topics=6, related=5, languages=["es", "ru", "ar", "fr"])
    kinds = ["home", "topic", "article", "tutorial", "alias article"]
    counts = query_counts(client, {kind: paths[kind] for kind in kinds})
    assert max(counts.values()) <= MAX_QUERIES, counts


def test_query_counts_do_not_grow_with_languages_topics_and_related_articles(client):
    small = query_counts(client, build_tree(topics=1, related=1, languages=["es", "fr"]))
    Page.objects.filter(depth__gt=1).delete()
    navigation.invalidate()
    languages = [code for code, _name in settings.LANGUAGES if code not in ("en", "fr")] + ["fr"]
    large = query_counts(client, build_tree(topics=4, related=4, languages=languages))
    pages = {label: count for label, count in large.items() if label != "search"}
    assert pages == {label: small[label] for label in pages}, (small, large)
    assert max(pages.values()) <= MAX_QUERIES


def switcher(client, path: str) -> dict[str, str]:
    text = client.get(path).content.decode()
    return {
        code: url for url, code in re.findall(r'<li><a href="([^"]+)" hreflang="([^"]+)"', text)
    }


def test_publishing_a_translation_shows_in_language_links_at_once(client):
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home)
    article = ArticlePageFactory(parent=topic, slug="save")
    assert switcher(client, article.url)["ru"] == "/ru/"  # no Russian yet: that home

    russian = article.copy_for_translation(locale("ru"), copy_parents=True)
    russian.title = "Сохранить"
    russian.save_revision().publish()

    assert switcher(client, article.url)["ru"] == russian.url
    hreflang = client.get(article.url).content.decode()
    assert re.search(rf'hreflang="ru" href="https?://[^/"]+{re.escape(russian.url)}"', hreflang)
    assert client.get(russian.url).status_code == 200


def test_publishing_a_topic_lists_it_at_once_and_unpublishing_removes_it(client):
    home = HomePageFactory()
    TopicPageFactory(parent=home, title="Billing")
    assert "Billing" in client.get("/en/").content.decode()

    topic = TopicPageFactory(parent=home, title="Safety and privacy")
    assert "Safety and privacy" in client.get("/en/").content.decode()
    assert client.get(topic.url).status_code == 200

    topic.unpublish()
    assert "Safety and privacy" not in client.get("/en/").content.decode()
    assert client.get(topic.url).status_code == 404


def test_moved_and_deleted_pages_leave_the_navigation(client):
    home = HomePageFactory()
    first = TopicPageFactory(parent=home, title="First")
    second = TopicPageFactory(parent=home, title="Second")
    article = ArticlePageFactory(parent=first, title="Wanderer", slug="wanderer")
    old_url = article.url
    assert "Wanderer" in client.get(first.url).content.decode()

    article.move(second, pos="last-child")
    assert "Wanderer" not in client.get(first.url).content.decode()
    assert "Wanderer" in client.get(second.url).content.decode()
    assert client.get(old_url).status_code == 301  # Wagtail's automatic redirect to the new URL
    assert client.get("/en/second/wanderer/".replace("second", second.slug)).status_code == 200

    Page.objects.get(id=second.id).delete()
    assert "Second" not in client.get("/en/").content.decode()


def test_a_stale_navigation_never_serves_a_page_at_another_url(client):
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, slug="old")
    navigation.current()
    Page.objects.filter(id=topic.id).update(
        slug="renamed", url_path=topic.url_path.replace("old", "renamed")
    )
    # The table still says /en/old/, the page is no longer there: Wagtail's own routing decides.
    assert client.get("/en/old/").status_code == 404


def test_the_language_and_its_translation_stay_apart(client):
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, slug="topic")
    russian_home = home.copy_for_translation(locale("ru"))
    russian_home.title = "Справочный центр"
    russian_home.save_revision().publish()
    russian = topic.copy_for_translation(locale("ru"))
    russian.title = "Тема"
    russian.save_revision().publish()

    english = client.get("/en/topic/").content.decode()
    ru = client.get("/ru/topic/").content.decode()
    assert '<html lang="en"' in english and "<h1>" + topic.title in english
    assert '<html lang="ru"' in ru and "<h1>Тема" in ru
    assert 'class="site-header__brand" href="/ru/"' in ru
    assert 'class="site-header__brand" href="/en/"' in english


def test_a_tutorial_shows_its_minutes_and_an_article_none(client):
    """The shared header asks for minutes only of a tutorial (an article has no such field: a
    failed lookup on a page is slow in templates)."""
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home)
    tutorial = TutorialPageFactory(parent=topic, estimated_minutes=7)
    article = ArticlePageFactory(parent=topic)
    assert "7 minutes" in client.get(tutorial.url).content.decode()
    assert "minute" not in client.get(article.url).content.decode()
