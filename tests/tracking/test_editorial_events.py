"""Editorial events for the content team's KPIs: publishing, translation, workflow decisions."""

import json

import pytest
from django.test import RequestFactory
from wagtail import hooks
from wagtail.models import Locale

from tests.factories import HomePageFactory, TopicPageFactory, locale
from tracking import delivery, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    """A home with two topics; Hebrew is a site locale."""
    home = HomePageFactory()
    TopicPageFactory.create_batch(2, parent=home)
    locale("he")
    return home


def sent(sink, event):
    delivery.flush()
    return [m for m in sink.messages if m.get("event") == event]


def test_publishing_a_page_sends_page_published_with_a_pseudonymous_editor(
    home, segment_sink, admin_user
):
    request = RequestFactory().post("/admin/pages/1/edit/")
    request.user = admin_user
    page = home.get_children().first().specific
    page.save_revision(user=admin_user).publish(user=admin_user)
    for hook in hooks.get_hooks("after_publish_page"):
        hook(request, page)
    (message,) = sent(segment_sink, "Page Published")
    assert message["properties"]["page_id"] == page.pk
    assert message["properties"]["page_type"] == "topic"
    assert message["userId"].startswith("staff-")
    assert admin_user.email not in json.dumps(message)
    assert plan.validate(message["event"], message["properties"], message["context"]) is None


def test_editorial_events_respect_the_editors_do_not_track(home, segment_sink, admin_user):
    request = RequestFactory().post("/admin/pages/1/edit/", HTTP_SEC_GPC="1")
    request.user = admin_user
    for hook in hooks.get_hooks("after_publish_page"):
        hook(request, home)
    assert sent(segment_sink, "Page Published") == []


def test_submitting_for_translation_sends_translation_submitted(home, segment_sink):
    from wagtail_localize.models import Translation, TranslationSource

    topic = home.get_children().first().specific
    source, _created = TranslationSource.get_or_create_from_instance(topic)
    target = Locale.objects.get(language_code="he")
    Translation.objects.filter(source=source, target_locale=target).delete()
    Translation.objects.create(source=source, target_locale=target)
    (message,) = sent(segment_sink, "Translation Submitted")
    assert message["properties"] == {
        "object_type": "pages.topicpage",
        "source_locale": "en",
        "target_locale": "he",
    }


def test_workflow_approval_and_rejection_are_sent(home, segment_sink, admin_user):
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(active=True).first()
    if workflow is None:
        pytest.skip("no active workflow")
    pages = list(home.get_children().specific()[:2])
    for page, decision in zip(pages, ("approve", "reject"), strict=True):
        page.save_revision(user=admin_user)
        state = workflow.start(page, admin_user)
        while state.status == state.STATUS_IN_PROGRESS and decision == "approve":
            state.current_task_state.approve(user=admin_user)
            state.refresh_from_db()
        if decision == "reject":
            state.current_task_state.reject(user=admin_user)
    approved = sent(segment_sink, "Workflow Approved")
    rejected = sent(segment_sink, "Workflow Rejected")
    assert [m["properties"]["page_id"] for m in approved] == [pages[0].pk]
    assert [m["properties"]["page_id"] for m in rejected] == [pages[1].pk]
    assert approved[0]["properties"]["workflow"] == workflow.name
