"""Content health: a page is due for review some time after its last review or, never reviewed,
after its first publication; never on the day it is written."""

import datetime

import pytest
from django.utils import timezone

from cms.editorial import content_health
from pages.models import ArticlePage
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db


def due_ids() -> set[int]:
    return set(content_health.review_due().values_list("id", flat=True))


def test_a_new_article_is_not_due_on_day_one(settings):
    settings.HELPCENTER_REVIEW_AFTER_DAYS = 180
    article = ArticlePageFactory(parent=TopicPageFactory(parent=HomePageFactory()))
    assert ArticlePage.objects.get(id=article.id).last_reviewed is None
    assert article.id not in due_ids()


def test_a_never_reviewed_article_becomes_due_after_the_review_period(settings):
    settings.HELPCENTER_REVIEW_AFTER_DAYS = 180
    article = ArticlePageFactory(parent=TopicPageFactory(parent=HomePageFactory()))
    long_ago = timezone.now() - datetime.timedelta(days=181)
    ArticlePage.objects.filter(id=article.id).update(first_published_at=long_ago)
    assert article.id in due_ids()


def test_a_reviewed_article_is_due_by_its_review_date_whenever_it_was_published(settings):
    settings.HELPCENTER_REVIEW_AFTER_DAYS = 180
    reviewed, stale = ArticlePageFactory.create_batch(
        2, parent=TopicPageFactory(parent=HomePageFactory())
    )
    long_ago = timezone.now() - datetime.timedelta(days=400)
    ArticlePage.objects.filter(id__in=[reviewed.id, stale.id]).update(first_published_at=long_ago)
    today = timezone.localdate()
    ArticlePage.objects.filter(id=reviewed.id).update(last_reviewed=today)
    ArticlePage.objects.filter(id=stale.id).update(last_reviewed=today - datetime.timedelta(200))
    assert due_ids() & {reviewed.id, stale.id} == {stale.id}


def test_a_draft_never_published_is_not_due(settings):
    settings.HELPCENTER_REVIEW_AFTER_DAYS = 1
    topic = TopicPageFactory(parent=HomePageFactory())
    draft = topic.add_child(instance=ArticlePage(title="Draft", summary="S", body=[], live=False))
    assert draft.first_published_at is None
    assert draft.id not in due_ids()
