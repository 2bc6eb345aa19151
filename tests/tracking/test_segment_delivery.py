"""Events reach a real local HTTP server playing Segment's API: what, how, and what never."""

import json
import re
import time

import pytest
from django.test import RequestFactory

from forms.signals import form_submitted
from search.signals import search_performed, suggestion_selected
from tests.tracking.conftest import article_url
from tracking import delivery, emit, plan
from tracking.models import EventRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("help_pages")]

IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def visit(client, sink, *, query="How to reset my password", reference="HC-2026-000123"):
    """A visitor reads an article, searches, picks a suggestion and sends the contact form.
    The search and forms apps land separately: their signals are sent here as they will be."""
    response = client.get(article_url(), REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 200
    request = RequestFactory().get("/en/search/", REMOTE_ADDR="203.0.113.77")
    request.COOKIES.update({k: v.value for k, v in client.cookies.items()})
    request.LANGUAGE_CODE = "en"
    search_performed.send(
        sender=None, request=request, query=query, locale="en", result_count=3, backend="database"
    )
    suggestion_selected.send(
        sender=None,
        request=request,
        query=query,
        locale="en",
        url="https://help.example/en/account/reset-password/?ref=ac",
        kind="article",
        position=2,
    )

    class FormPage:
        slug = "contact-support"

    form_submitted.send(
        sender=None,
        request=request,
        form_page=FormPage(),
        locale="en",
        branch="billing",
        priority="normal",
        reference=reference,
    )
    delivery.flush()
    return response


@pytest.mark.smoke
def test_a_visit_sends_exactly_these_batches_and_every_payload_follows_the_plan(
    consenting_client, segment_sink
):
    response = visit(consenting_client, segment_sink)
    messages = segment_sink.wait_for(4)
    assert segment_sink.events() == [
        "Help Page Viewed",
        "Search Performed",
        "Search Suggestion Selected",
        "Contact Form Submitted",
    ]
    assert segment_sink.write_key_used() == "test-write-key"
    anonymous_id = response.cookies["hc_aid"].value
    assert re.fullmatch(r"[0-9a-f]{32}", anonymous_id)
    for message in messages:
        assert message["type"] == "track"
        assert message["anonymousId"] == anonymous_id
        assert plan.validate(message["event"], message["properties"], message["context"]) is None
        assert message["context"]["tracking_plan"]["version"] == plan.plan_version()
    viewed, searched, selected, submitted = (m["properties"] for m in messages)
    assert viewed["page_type"] == "article" and viewed["locale"] == "en"
    assert searched == {
        "query": "how to reset my password",
        "locale": "en",
        "result_count": 3,
        "backend": "database",
    }
    assert selected["url"] == "/en/account/reset-password/"
    assert selected["position"] == 2
    assert submitted == {
        "form": "contact-support",
        "locale": "en",
        "branch": "billing",
        "priority": "normal",
    }
    assert delivery.counters.snapshot()["sent"] == 4
    session = response.cookies["hc_sid"].value
    assert EventRecord.objects.filter(session=session).count() == 4


def test_a_search_without_results_also_sends_zero_results_returned(consenting_client, segment_sink):
    consenting_client.get(article_url())
    request = RequestFactory().get("/en/search/")
    request.COOKIES["hc_consent"] = "granted"
    search_performed.send(
        sender=None,
        request=request,
        query="xyzzy",
        locale="en",
        result_count=0,
        backend="elasticsearch",
    )
    delivery.flush()
    assert segment_sink.events()[-2:] == ["Search Performed", "Zero Results Returned"]


@pytest.mark.parametrize(
    "headers, cookie",
    [
        ({"HTTP_DNT": "1"}, "granted"),
        ({"HTTP_SEC_GPC": "1"}, "granted"),
        ({}, None),
        ({}, "denied"),
    ],
    ids=["do-not-track", "global-privacy-control", "no-consent", "consent-refused"],
)
def test_visits_without_consent_send_and_keep_nothing(client, segment_sink, headers, cookie):
    kept = EventRecord.objects.exclude(session="").count()
    if cookie:
        client.cookies["hc_consent"] = cookie
    response = client.get(article_url(), **headers)
    assert response.status_code == 200
    assert "hc_aid" not in response.cookies
    request = RequestFactory().get("/en/search/", **headers)
    if cookie:
        request.COOKIES["hc_consent"] = cookie
    search_performed.send(
        sender=None,
        request=request,
        query="help",
        locale="en",
        result_count=1,
        backend="database",
    )
    delivery.flush()
    time.sleep(0.3)
    assert segment_sink.messages == []
    assert EventRecord.objects.exclude(session="").count() == kept


def test_an_invalid_event_is_refused_counted_and_logged_with_its_property(segment_sink, caplog):
    request = RequestFactory().get("/en/")
    request.COOKIES["hc_consent"] = "granted"
    sent = emit.track(
        "Search Performed",
        {"query": "ok", "locale": "en", "result_count": -4, "backend": "database"},
        request=request,
    )
    leaked = emit.track(
        "Contact Form Submitted",
        {"form": "c", "locale": "en", "branch": "", "priority": "normal", "email": "a@b.co"},
        request=request,
    )
    unknown = emit.track("Page Liked", {"locale": "en"}, request=request)
    delivery.flush()
    time.sleep(0.2)
    assert (sent, leaked, unknown) == (False, False, False)
    assert segment_sink.messages == []
    assert delivery.counters.snapshot()["invalid"] == 3
    assert "result_count" in caplog.text and "email" in caplog.text


def test_no_payload_or_event_log_row_contains_an_ip_an_email_or_a_form_answer(
    consenting_client, segment_sink
):
    visit(
        consenting_client,
        segment_sink,
        query="  Refund for jane.doe@example.com   call +33 6 12 34 56 78 ",
        reference="HC-SECRET-REF-42",
    )
    segment_sink.wait_for(4)
    assert len(segment_sink.raw) >= 1
    for raw in segment_sink.raw:
        text = raw.decode()
        assert not IPV4.search(text), text
        assert not EMAIL.search(text), text
        for secret in ("jane", "203.0.113.77", "HC-SECRET-REF-42", "12 34 56"):
            assert secret not in text
    searched = [m for m in segment_sink.messages if m["event"] == "Search Performed"][0]
    assert searched["properties"]["query"] == "refund for [email] call [number]"
    # The event log the KPI dashboard reads holds the same masked properties.
    logged = json.dumps(list(EventRecord.objects.values("event", "session", "properties")))
    assert not EMAIL.search(logged) and not IPV4.search(logged), logged
    for secret in ("jane", "HC-SECRET-REF-42", "12 34 56"):
        assert secret not in logged
    assert "refund for [email] call [number]" in logged


def test_a_blocked_segment_never_holds_up_a_page(consenting_client, segment_sink):
    segment_sink.mode = "blocked"
    consenting_client.get(article_url())  # its event is now stuck in the sink
    assert segment_sink.waiting.wait(5), "the sink never received the first batch"
    started = time.monotonic()
    response = consenting_client.get(article_url())
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert not segment_sink.release.is_set(), "the page waited for Segment"
    assert b"Was this helpful?" in response.content
    segment_sink.release.set()
    print(f"page served in {elapsed:.3f}s while Segment was blocked")


def test_a_full_queue_drops_and_counts_instead_of_waiting(
    consenting_client, segment_sink, settings
):
    settings.TRACKING_QUEUE_SIZE = 2
    segment_sink.mode = "blocked"
    consenting_client.get(article_url())
    # The delivery thread is now stuck sending that batch: the next events wait in the queue.
    assert segment_sink.waiting.wait(5), "the sink never received the first batch"
    for _ in range(4):
        assert consenting_client.get(article_url()).status_code == 200
    assert delivery.counters.snapshot()["dropped"] >= 1
    segment_sink.release.set()


def test_segment_down_retries_then_counts_failures_and_healthz_shows_it(
    consenting_client, segment_sink
):
    segment_sink.mode = "down"
    assert consenting_client.get(article_url()).status_code == 200
    delivery.flush()
    assert segment_sink.requests >= 2, "the library should have retried"
    body = consenting_client.get("/healthz").json()
    assert body["tracking"] == "degraded"
    assert body["details"]["tracking"]["failed"] == 1
    assert body["status"] == "degraded"
    segment_sink.mode = "up"
    consenting_client.get(article_url())
    delivery.flush()
    body = consenting_client.get("/healthz").json()
    assert body["tracking"] == "ok"
    assert body["details"]["tracking"] == {"sent": 1, "failed": 1, "invalid": 0, "dropped": 0}


def test_staff_are_identified_by_a_pseudonymous_id_only(client, segment_sink, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor-jane", "jane.editor@example.com", "pw-123456789"
    )
    client.cookies["hc_consent"] = "granted"
    client.force_login(user)
    client.get(article_url())
    from tracking.receivers import on_user_logged_in

    request = RequestFactory().get("/admin/login/")
    request.COOKIES["hc_consent"] = "granted"
    on_user_logged_in(sender=None, request=request, user=user)
    delivery.flush()
    messages = segment_sink.wait_for(2)
    identify = [m for m in messages if m["type"] == "identify"][0]
    viewed = [m for m in messages if m.get("event") == "Help Page Viewed"][0]
    assert identify["userId"].startswith("staff-") and identify["userId"] == viewed["userId"]
    text = json.dumps(messages)
    assert "jane" not in text and "@" not in text
