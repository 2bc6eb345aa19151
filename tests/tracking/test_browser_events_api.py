"""`POST /api/v1/events`: the first-party script's door, as strict as the plan."""

import json

import pytest

from tracking import delivery

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"


def post(client, body, content_type="application/json", **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type, **headers)


CLICK = {
    "event": "Search Result Clicked",
    "properties": {"query": "Reset  PASSWORD", "locale": "fr", "url": "/fr/compte/", "position": 3},
    "path": "/fr/search/",
}


def test_a_valid_browser_event_is_forwarded_to_segment(consenting_client, segment_sink):
    response = post(consenting_client, CLICK, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 202
    assert response.json() == {"accepted": True, "sent": True}
    delivery.flush()
    (message,) = segment_sink.wait_for(1)
    assert message["event"] == "Search Result Clicked"
    assert message["properties"]["query"] == "reset password"
    assert message["context"]["page"] == {"path": "/fr/search/"}
    assert response.cookies["hc_aid"].value == message["anonymousId"]


def test_without_consent_the_event_is_accepted_but_not_sent(client, segment_sink):
    response = post(client, CLICK)
    assert response.status_code == 202
    assert response.json()["sent"] is False
    delivery.flush()
    assert segment_sink.messages == []


@pytest.mark.parametrize(
    "body, status, needle",
    [
        ("not json", 400, "not valid JSON"),
        ([1, 2], 400, '"event"'),
        ({"event": "Search Result Clicked"}, 400, '"event"'),
        ({**CLICK, "extra": 1}, 400, "Unexpected"),
        ({**CLICK, "event": "Page Published"}, 400, "cannot be sent"),
        ({**CLICK, "event": "Nope"}, 400, "cannot be sent"),
        ({**CLICK, "path": "https://evil.example/"}, 400, "path"),
        ({**CLICK, "properties": {**CLICK["properties"], "position": 0}}, 400, "plan"),
        ({**CLICK, "properties": {**CLICK["properties"], "url": "/x/?email=a@b.c"}}, 400, "plan"),
    ],
)
def test_bad_input_gets_a_400_json_error(consenting_client, segment_sink, body, status, needle):
    response = post(consenting_client, body)
    assert response.status_code == status
    assert needle in response.json()["error"] or needle in json.dumps(response.json())
    delivery.flush()
    assert segment_sink.messages == []


def test_plan_violations_name_the_property_and_are_counted(consenting_client, segment_sink):
    body = {**CLICK, "properties": {**CLICK["properties"], "position": "first"}}
    response = post(consenting_client, body)
    assert response.json()["property"] == "position"
    assert delivery.counters.snapshot()["invalid"] == 1


def test_other_content_types_methods_origins_and_sizes_are_refused(consenting_client):
    assert post(consenting_client, json.dumps(CLICK), content_type="text/plain").status_code == 415
    form = consenting_client.post(URL, {"event": "x"})
    assert form.status_code == 415
    assert consenting_client.get(URL).status_code == 405
    assert post(consenting_client, CLICK, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert post(consenting_client, CLICK, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    huge = {**CLICK, "properties": {**CLICK["properties"], "query": "x" * 5000}}
    assert post(consenting_client, huge).status_code == 413
