"""The review workflow, driven through the real admin over HTTP as each role."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from pages.models import TopicPage
from tests.factories import HomePageFactory, TopicPageFactory

from .editorial import (
    arabic_reviewer,
    arabic_translator,
    assert_denied,
    editor,
    reviewer,
    topic_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic() -> TopicPage:
    """A published topic, under the tree's root like every page: the review workflow covers it."""
    return TopicPageFactory(parent=HomePageFactory(), title="Account and login")


def edit_url(page: Page) -> str:
    return f"/admin/pages/{page.id}/edit/"


def submit(client, page: Page, **changes):
    return client.post(edit_url(page), topic_form(page, "action-submit", **changes))


def current_task_state(page: Page) -> TaskState:
    return WorkflowState.objects.for_instance(page).get(status="in_progress").current_task_state


def workflow_action(client, page: Page, action: str, comment: str = ""):
    task_state = current_task_state(page)
    url = f"/admin/pages/workflow/action/{page.id}/{action}/{task_state.id}/"
    return client.post(url, {"comment": comment} if comment else {})


def test_editor_submits_and_the_reviewer_approves_which_publishes(client, topic):
    client.force_login(editor())
    response = submit(client, topic, title="Account and login (reviewed)")
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title != "Account and login (reviewed)", "submitting must not publish"
    assert topic.workflow_in_progress
    assert topic.get_workflow().name == "Help content review"

    client.force_login(reviewer())
    assert client.get("/admin/").content.decode().count("Account and login (reviewed)") >= 1
    response = workflow_action(client, topic, "approve")
    assert response.status_code in (200, 302)
    topic.refresh_from_db()
    assert topic.title == "Account and login (reviewed)"
    assert topic.live and not topic.workflow_in_progress
    public = client.get(topic.url)
    assert "Account and login (reviewed)" in public.content.decode()


def test_request_changes_returns_the_page_with_the_comment(client, topic):
    author = editor()
    client.force_login(author)
    submit(client, topic, title="Draft needing work")

    client.force_login(reviewer())
    workflow_action(client, topic, "reject", comment="Please add the 2FA step.")
    topic.refresh_from_db()
    assert topic.title != "Draft needing work"
    state = WorkflowState.objects.for_instance(topic).latest("created_at")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(author)
    page = client.get(edit_url(topic)).content.decode()
    assert "Please add the 2FA step." in page
    assert "Changes requested" in page or "changes requested" in page.lower()
    # The editor fixes it and resubmits: the workflow starts again.
    assert submit(client, topic, title="Draft, fixed").status_code == 302
    assert topic.workflow_in_progress


def test_editor_cannot_publish_directly(client, topic):
    client.force_login(editor())
    original = topic.title
    response = client.post(edit_url(topic), topic_form(topic, "action-publish", title="Sneaky"))
    assert response.status_code in (200, 302, 403)
    topic.refresh_from_db()
    assert topic.title == original
    assert Page.objects.get(id=topic.id).specific.live_revision.as_object().title == original


def test_reviewer_may_publish_directly(client, topic):
    client.force_login(reviewer())
    client.post(edit_url(topic), topic_form(topic, "action-publish", title="Reviewed title"))
    topic.refresh_from_db()
    assert topic.title == "Reviewed title"


def test_reviewer_of_arabic_cannot_approve_english_page(client, topic):
    client.force_login(editor())
    submit(client, topic, title="Waiting for an English reviewer")

    client.force_login(arabic_reviewer())
    assert_denied(workflow_action(client, topic, "approve"))
    topic.refresh_from_db()
    assert topic.title != "Waiting for an English reviewer"
    assert topic.workflow_in_progress


def test_translator_is_refused_other_locales_the_source_and_publishing(client, demo):
    english = TopicPage.objects.child_of(demo).live().first()
    spanish = english.get_translation(english.locale.__class__.objects.get(language_code="es"))
    arabic = english.get_translation(english.locale.__class__.objects.get(language_code="ar"))
    client.force_login(arabic_translator())

    assert client.get(edit_url(arabic)).status_code == 200  # their own locale
    assert_denied(client.get(edit_url(english)))  # the source language
    assert_denied(client.get(edit_url(spanish)))  # another locale
    assert_denied(client.post(edit_url(spanish), topic_form(spanish, "action-submit")))
    assert_denied(client.get(f"/admin/pages/add/pages/topicpage/{english.id}/"))
    assert_denied(client.get(f"/admin/pages/{arabic.id}/delete/"))
    # Publishing from the translation editor is refused, and nothing was published.
    before = arabic.live_revision_id
    assert_denied(client.post(edit_url(arabic), {"action": "publish"}))
    arabic.refresh_from_db()
    assert arabic.live_revision_id == before


def test_locked_page_cannot_be_changed_or_submitted_by_the_editor(client, topic):
    client.force_login(reviewer())
    assert client.post(f"/admin/pages/{topic.id}/lock/").status_code == 302
    topic.refresh_from_db()
    assert topic.locked

    client.force_login(editor())
    revisions = topic.revisions.count()
    response = submit(client, topic, title="Changed while locked")
    assert response.status_code in (200, 302, 403)
    assert topic.revisions.count() == revisions
    assert not topic.workflow_in_progress


def test_scheduled_publishing_goes_through_review(client, topic):
    go_live = timezone.now() + datetime.timedelta(days=2)
    client.force_login(editor())
    submit(
        client,
        topic,
        title="Scheduled title",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    client.force_login(reviewer())
    workflow_action(client, topic, "approve")
    topic.refresh_from_db()
    assert topic.title != "Scheduled title", "approved but scheduled: not live yet"
    revision = topic.revisions.order_by("-created_at").first()
    assert revision.approved_go_live_at is not None
    assert topic.scheduled_revision == revision

    # When the time comes (moved into the past here), Wagtail's scheduler publishes it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    topic.refresh_from_db()
    assert topic.title == "Scheduled title"
