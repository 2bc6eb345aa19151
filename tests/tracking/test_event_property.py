"""Every visitor event names the web property (site) it happened on and the plan's version."""

import pytest

from tests.pages.properties import BUSINESS_HOST, two_properties
from tracking import delivery, plan
from tracking.models import EventRecord

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


def test_page_published_names_the_property_of_the_pages_site(segment_sink, admin_user):
    pages = two_properties()
    EventRecord.objects.all().delete()  # the publications that built the two trees
    for page in (pages["business_article"], pages["help_article"]):
        page.title = f"{page.title} (updated)"
        page.save_revision(user=admin_user).publish(user=admin_user)
    delivery.flush()
    messages = [m for m in segment_sink.wait_for(2) if m["event"] == "Page Published"]
    by_page = {m["properties"]["page_id"]: m for m in messages}
    assert by_page[pages["business_article"].pk]["context"]["property"] == "business"
    assert by_page[pages["help_article"].pk]["context"]["property"] == "help"
    for message in messages:
        assert plan.validate(message["event"], message["properties"], message["context"]) is None
    kept = EventRecord.objects.filter(event="Page Published")
    assert {(r.properties["page_id"], r.web_property) for r in kept} == {
        (pages["business_article"].pk, "business"),
        (pages["help_article"].pk, "help"),
    }


def test_visitor_events_are_kept_with_their_property(consenting_client):
    two_properties()
    # Earlier tests' events may be in the log (its writer commits outside their transactions).
    before = EventRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    consenting_client.get("/en/billing/invoices/", HTTP_HOST=BUSINESS_HOST)
    consenting_client.get("/en/billing/invoices/")
    kept = EventRecord.objects.filter(event="Help Page Viewed", pk__gt=before).order_by(
        "occurred_at", "pk"
    )
    assert [record.web_property for record in kept] == ["business", "help"]
