"""Without a mail server, a workflow submission logs one warning line, no traceback, and names
nobody; with EMAIL_HOST set, Django's SMTP backend is used."""

import logging

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from tests.factories import HomePageFactory, TopicPageFactory

from .editorial import editor, reviewer, topic_form

pytestmark = pytest.mark.django_db


def test_a_submission_without_a_mail_server_logs_one_warning_line(client, settings, caplog):
    settings.EMAIL_BACKEND = "cms.mail.NoMailServerBackend"
    topic = TopicPageFactory(parent=HomePageFactory(), title="Account and login")
    reviewer()  # someone the submission notifies
    author = editor()
    client.force_login(author)

    with caplog.at_level(logging.INFO):
        response = client.post(f"/admin/pages/{topic.id}/edit/", topic_form(topic, "action-submit"))

    assert response.status_code == 302
    assert WorkflowState.objects.for_instance(topic).filter(status="in_progress").exists()
    assert not [record for record in caplog.records if record.exc_info]
    warnings = [record for record in caplog.records if record.name == "cms.mail"]
    assert warnings and all(record.levelno == logging.WARNING for record in warnings)
    for record in warnings:
        line = record.getMessage()
        assert "\n" not in line and "not sent" in line
        assert "@" not in line and topic.title not in line


def test_the_backend_sends_nothing_and_says_so(caplog):
    from cms.mail import NoMailServerBackend

    message = mail.EmailMessage("Subject", "Body", "from@x.test", ["someone@x.test"])
    with caplog.at_level(logging.WARNING):
        assert NoMailServerBackend().send_messages([message]) == 0
    assert caplog.messages == ["No mail server configured (EMAIL_HOST): 1 e-mail(s) not sent."]
