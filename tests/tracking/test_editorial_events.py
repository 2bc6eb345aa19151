"""Editorial events for the content team's KPIs: publishing, translation, workflow decisions."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from tests.cms.editorial import topic_form
from tests.factories import HomePageFactory, TopicPageFactory, aliases, locale
from tracking import delivery, plan, privacy
from tracking.models import EventRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    """A home with two topics; Hebrew is a site locale."""
    home = HomePageFactory()
    TopicPageFactory.create_batch(2, parent=home)
    locale("he")
    return home


def kept_publications() -> int:
    """ "Page Published" events kept for the KPI dashboard."""
    return EventRecord.objects.filter(event="Page Published").count()


def sent(sink, event):
    delivery.flush()
    return [m for m in sink.messages if m.get("event") == event]


def test_publishing_a_page_sends_page_published_with_a_pseudonymous_editor(
    home, segment_sink, admin_user
):
    page = home.get_children().first().specific
    page.save_revision(user=admin_user).publish(user=admin_user)
    (message,) = sent(segment_sink, "Page Published")
    assert message["properties"]["page_id"] == page.pk
    assert message["properties"]["page_type"] == "topic"
    assert message["userId"].startswith("staff-")
    assert admin_user.email not in json.dumps(message)
    assert plan.validate(message["event"], message["properties"], message["context"]) is None


def test_publishing_through_the_admin_sends_one_event_by_the_editor(
    home, segment_sink, admin_client, admin_user
):
    page = home.get_children().first().specific
    before = kept_publications()
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/", topic_form(page, "action-publish", title="Renamed")
    )
    assert response.status_code == 302
    (message,) = sent(segment_sink, "Page Published")
    assert message["properties"]["page_id"] == page.pk
    assert message["userId"] == privacy.pseudonymous_user_id(admin_user)
    assert kept_publications() == before + 1


def test_a_page_shown_in_other_languages_by_aliases_is_published_once(
    home, segment_sink, admin_user
):
    """Wagtail sends `page_published` for each alias the publish updates: one event still."""
    aliases(home, "fr", "he")
    page = home.get_children().first().specific
    before = kept_publications()
    page.save_revision(user=admin_user).publish(user=admin_user)
    (message,) = sent(segment_sink, "Page Published")
    assert message["properties"]["page_id"] == page.pk
    assert kept_publications() == before + 1


def test_editorial_events_respect_the_editors_do_not_track(home, segment_sink, admin_client):
    page = home.get_children().first().specific
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        topic_form(page, "action-publish", title="Renamed"),
        HTTP_SEC_GPC="1",
    )
    assert response.status_code == 302
    assert sent(segment_sink, "Page Published") == []


def test_a_workflow_approval_that_publishes_sends_page_published_once(
    home, segment_sink, admin_user
):
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(active=True).first()
    if workflow is None:
        pytest.skip("no active workflow")
    page = home.get_children().first().specific
    before = kept_publications()
    page.title = "Reviewed"
    page.save_revision(user=admin_user)
    state = workflow.start(page, admin_user)
    while state.status == state.STATUS_IN_PROGRESS:
        state.current_task_state.approve(user=admin_user)
        state.refresh_from_db()
    page.refresh_from_db()
    assert page.title == "Reviewed" and page.live
    (message,) = sent(segment_sink, "Page Published")
    assert message["properties"]["page_id"] == page.pk
    assert kept_publications() == before + 1


def test_a_scheduled_publish_sends_page_published_once(home, segment_sink, admin_user):
    page = home.get_children().first().specific
    before = kept_publications()
    page.title = "Scheduled"
    revision = page.save_revision(user=admin_user)
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.title == "Scheduled"
    (message,) = sent(segment_sink, "Page Published")
    assert message["properties"]["page_id"] == page.pk
    assert message["userId"] == privacy.pseudonymous_user_id(admin_user)  # who scheduled it
    assert kept_publications() == before + 1


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
