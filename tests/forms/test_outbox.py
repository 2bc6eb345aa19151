"""Tickets reach a real (local) help desk exactly once, however often it fails."""

import json
import socket
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from forms import outbox
from forms.models import OutboxEntry, Submission

from .conftest import VALID_HACKED

pytestmark = pytest.mark.django_db


def drain_until_done(rounds: int = 400) -> int:
    """Run the worker until nothing is pending; returns how many rounds it took."""
    for number in range(1, rounds + 1):
        outbox.drain(batch=100)
        if not OutboxEntry.objects.filter(status=OutboxEntry.Status.PENDING).exists():
            return number
    raise AssertionError("the outbox never emptied")


def test_500_forms_reach_a_help_desk_failing_half_the_time_exactly_once(
    hacked_form, helpdesk, settings
):
    settings.FORMS_RATE_LIMIT_IP = "1000/600"
    settings.FORMS_RATE_LIMIT_SESSION = "1000/600"
    settings.HELPDESK_MAX_ATTEMPTS = 100
    settings.HELPDESK_TIMEOUT = 0.1
    helpdesk.slow_seconds = 0.3  # longer than the timeout: the sender gives up, the desk stored it
    visitor = Client()
    references = set()
    for number in range(500):
        response = visitor.post(
            hacked_form.url, {**VALID_HACKED, "description": f"ticket number {number}"}
        )
        assert response.status_code == 303
        references.add(response["Location"].rsplit("=", 1)[1])
    assert Submission.objects.count() == 500 and len(references) == 500

    helpdesk.stop()  # first the help desk is unreachable: connection refused
    assert outbox.drain(batch=100).retried == 500
    helpdesk.start()
    helpdesk.mode = "flaky"  # then half of all requests fail, in every way we know
    drain_until_done()

    delivered = OutboxEntry.objects.filter(status=OutboxEntry.Status.DELIVERED)
    assert delivered.count() == 500  # none lost
    keys = {str(key) for key in delivered.values_list("idempotency_key", flat=True)}
    assert set(helpdesk.tickets) == keys  # every ticket arrived, once per key
    assert {t["reference"] for t in helpdesk.tickets.values()} == references
    assert helpdesk.resent_after_ack == 0  # never sent again once acknowledged
    assert helpdesk.outcomes["error"] and helpdesk.outcomes["lost"] and helpdesk.outcomes["hangup"]
    assert helpdesk.requests > 500  # failures were retried...
    retried = OutboxEntry.objects.filter(attempts__gt=1).count()
    assert retried > 100
    # ...and a ticket stored despite a failed answer was sent again under the same key
    assert sum(1 for t in helpdesk.tickets if helpdesk.headers[t]["Idempotency-Key"] == t) == 500


def test_the_ticket_follows_the_documented_schema(client, hacked_form, helpdesk):
    client.post(hacked_form.url, {**VALID_HACKED, "changes": ["ads"], "ad_spend": "40"})
    report = outbox.drain()
    assert report.delivered == 1
    ((key, ticket),) = helpdesk.tickets.items()
    submission = Submission.objects.get()
    assert helpdesk.headers[key]["Content-Type"].startswith("application/json")
    assert ticket["schema"] == "helpcenter.ticket/1"
    assert ticket["idempotency_key"] == key == str(submission.outbox.idempotency_key)
    assert ticket["reference"] == submission.reference
    assert ticket["form"]["title"] == "My account was hacked"
    assert (ticket["locale"], ticket["queue"], ticket["priority"], ticket["branch"]) == (
        "en",
        "security",
        "critical",
        "account_hacked",
    )
    answer = {a["name"]: a for a in ticket["answers"]}["changes"]
    assert answer == {
        "name": "changes",
        "label": "What did they do with your account?",
        "value": ["ads"],
        "display": "Ran ads",
    }
    json.dumps(ticket)  # plain JSON all the way down


def test_the_worker_task_delivers_right_after_the_submission_commits(
    client, hacked_form, helpdesk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(hacked_form.url, VALID_HACKED)
    assert response.status_code == 303
    assert len(helpdesk.tickets) == 1
    assert Submission.objects.get().outbox.status == OutboxEntry.Status.DELIVERED


def test_the_visitor_gets_a_reference_while_the_help_desk_is_down(
    client, hacked_form, helpdesk, django_capture_on_commit_callbacks
):
    helpdesk.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(hacked_form.url, VALID_HACKED)
    assert response.status_code == 303
    assert Submission.objects.get().reference in client.get(response["Location"]).content.decode()
    entry = OutboxEntry.objects.get()
    assert entry.status == OutboxEntry.Status.PENDING and entry.attempts == 1
    assert "Connection" in entry.last_error or "refused" in entry.last_error.lower()
    helpdesk.start()
    drain_until_done()
    assert len(helpdesk.tickets) == 1


def test_retries_back_off_exponentially(client, hacked_form, helpdesk, settings):
    settings.HELPDESK_BACKOFF_SECONDS = 10
    settings.HELPDESK_MAX_ATTEMPTS = 4
    helpdesk.mode = "error"
    client.post(hacked_form.url, VALID_HACKED)
    entry = OutboxEntry.objects.get()
    waits = []
    for _attempt in range(3):
        before = timezone.now()
        OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=before)
        assert outbox.drain().retried == 1
        entry.refresh_from_db()
        waits.append((entry.next_attempt_at - before).total_seconds())
    assert 8 <= waits[0] <= 12.5 and 16 <= waits[1] <= 24.5 and 32 <= waits[2] <= 48.5
    assert outbox.drain().attempts == 0  # not due yet: nothing is sent early
    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())
    assert outbox.drain().failed == 1  # the fourth failure gives up
    entry.refresh_from_db()
    assert entry.status == OutboxEntry.Status.FAILED and "HTTP 500" in entry.last_error


def test_a_refused_ticket_fails_at_once_and_is_visible(client, hacked_form, helpdesk):
    helpdesk.mode = "reject"
    client.post(hacked_form.url, VALID_HACKED)
    assert outbox.drain().failed == 1
    entry = OutboxEntry.objects.get()
    assert entry.status == OutboxEntry.Status.FAILED and "HTTP 422" in entry.last_error
    assert entry.attempts == 1


def test_without_helpdesk_url_tickets_stay_in_the_admin(client, hacked_form, settings):
    settings.HELPDESK_URL = ""
    client.post(hacked_form.url, VALID_HACKED)
    assert outbox.drain().attempts == 0
    assert OutboxEntry.objects.get().status == OutboxEntry.Status.PENDING
    assert client.get("/healthz").json()["helpdesk"] == "disabled"


def test_healthz_reports_a_backed_up_outbox_as_degraded(client, hacked_form, helpdesk, settings):
    assert client.get("/healthz").json()["helpdesk"] == "ok"
    client.post(hacked_form.url, VALID_HACKED)
    assert client.get("/healthz").json()["helpdesk"] == "ok"  # fresh tickets are fine
    Submission.objects.update(created_at=timezone.now() - timedelta(hours=1))
    body = client.get("/healthz").json()
    assert (body["helpdesk"], body["status"]) == ("degraded", "degraded")
    drain_until_done()
    assert client.get("/healthz").json()["helpdesk"] == "ok"


def test_two_workers_never_claim_the_same_ticket(client, hacked_form, helpdesk, settings):
    settings.FORMS_RATE_LIMIT_SESSION = "100/600"
    for _i in range(5):
        client.post(hacked_form.url, VALID_HACKED)
    first = outbox.claim(3)
    second = outbox.claim(10)
    assert len(first) == 3 and len(second) == 2
    assert not {e.pk for e in first} & {e.pk for e in second}


def test_the_drain_outbox_command_delivers_what_is_due(client, hacked_form, helpdesk, capsys):
    client.post(hacked_form.url, VALID_HACKED)
    call_command("drain_outbox")
    assert "delivered 1" in capsys.readouterr().out
    assert len(helpdesk.tickets) == 1


def test_a_timeout_is_retried(client, hacked_form, helpdesk):
    helpdesk.mode = "slow"
    client.post(hacked_form.url, VALID_HACKED)
    report = outbox.drain()
    assert report.retried == 1
    assert "timed out" in OutboxEntry.objects.get().last_error
    helpdesk.mode = "ok"
    drain_until_done()
    assert OutboxEntry.objects.get().status == OutboxEntry.Status.DELIVERED
    assert len(helpdesk.tickets) == 1


def test_free_port_refuses_connections():
    """Sanity check of the test double: a stopped help desk really refuses connections."""
    from .helpdesk import HelpDesk

    desk = HelpDesk().start()
    port = desk.port
    desk.stop()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 1):
        pass
