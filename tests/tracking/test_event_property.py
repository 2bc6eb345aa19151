"""Every visitor event names the web property (site) it happened on and the plan's version."""

import pytest

from tests.pages.properties import BUSINESS_HOST, two_properties
from tracking import delivery, plan

pytestmark = pytest.mark.django_db


def test_events_name_their_property_and_follow_the_plan(consenting_client, segment_sink):
    two_properties()
    assert (
        consenting_client.get("/en/billing/invoices/", HTTP_HOST=BUSINESS_HOST).status_code == 200
    )
    assert consenting_client.get("/en/billing/invoices/").status_code == 200
    delivery.flush()
    messages = [m for m in segment_sink.wait_for(8) if m["event"] == "Help Page Viewed"]
    assert [m["context"]["property"] for m in messages] == ["business", "help"]
    for message in messages:
        assert plan.validate(message["event"], message["properties"], message["context"]) is None
        assert message["context"]["tracking_plan"]["version"] == plan.plan_version()
    assert len({m["anonymousId"] for m in messages}) == 1  # one client, one cookie jar


def test_an_unknown_property_value_breaks_the_plan():
    context = {"locale": "en", "tracking_plan": {"version": plan.plan_version()}}
    assert plan.validate("Language Switched", {}, {**context, "property": "Not A Key!"})
