"""One anonymous profile across properties, only with consent: the hand-over on links between
properties, DNT/GPC and "no" honoured on each, and "forget me"."""

import pytest

from tests.pages.properties import BUSINESS_HOST, two_properties
from tracking import cross_property, delivery, privacy
from tracking.models import EventRecord

pytestmark = pytest.mark.django_db

AID = "0123456789abcdef0123456789abcdef"
BUSINESS_HOME = f"http://{BUSINESS_HOST}/en/"


@pytest.fixture
def sites():
    return two_properties()


def _follow_to_business(client, **headers):
    """Leave the help center for Business Help through the footer link; the token's URL."""
    response = client.get("/tracking/to", {"next": BUSINESS_HOME}, **headers)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(BUSINESS_HOME + "?hc_handover=")
    return location.split("?", 1)[1]


def _arrive(client, query, **headers):
    response = client.get("/en/?" + query, HTTP_HOST=BUSINESS_HOST, **headers)
    assert response.status_code == 302 and response["Location"] == "/en/"  # token dropped
    return response


def _id_given(response) -> bool:
    cookie = response.cookies.get(privacy.ANONYMOUS_ID_COOKIE)
    return cookie is not None and bool(cookie.value)


def test_the_footer_links_the_other_property_through_the_hand_over(client, sites):
    html = client.get("/en/").content.decode()
    assert "/tracking/to?next=http%3A%2F%2Fbusiness.localhost%2Fen%2F" in html
    assert "Business Help" in html and "data-forget-me" in html


def test_consent_and_id_follow_the_visitor_to_the_other_property(client, sites):
    client.cookies[privacy.CONSENT_COOKIE] = privacy.CONSENT_GRANTED
    client.cookies[privacy.ANONYMOUS_ID_COOKIE] = AID
    query = _follow_to_business(client)
    client.cookies.clear()  # the other host: its own cookie jar
    arrived = _arrive(client, query)
    assert arrived.cookies[privacy.ANONYMOUS_ID_COOKIE].value == AID
    assert arrived.cookies[privacy.CONSENT_COOKIE].value == privacy.CONSENT_GRANTED


@pytest.mark.parametrize("opt_out", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
def test_dnt_and_gpc_stop_the_hand_over_on_either_side(client, sites, opt_out):
    client.cookies[privacy.CONSENT_COOKIE] = privacy.CONSENT_GRANTED
    client.cookies[privacy.ANONYMOUS_ID_COOKIE] = AID
    leaving = _follow_to_business(client, **opt_out)  # opted out where they leave
    client.cookies.clear()
    assert not _id_given(_arrive(client, leaving))
    granted = _follow_to_business(client)
    assert not _id_given(_arrive(client, granted, **opt_out))


def test_no_on_either_property_is_kept(client, sites):
    client.cookies[privacy.CONSENT_COOKIE] = privacy.CONSENT_DENIED
    query = _follow_to_business(client)
    client.cookies.clear()
    arrived = _arrive(client, query)
    assert arrived.cookies[privacy.CONSENT_COOKIE].value == privacy.CONSENT_DENIED
    assert not _id_given(arrived)
    # Said no on Business Help: a "yes" handed over from the help center does not override it.
    client.cookies[privacy.CONSENT_COOKIE] = privacy.CONSENT_GRANTED
    client.cookies[privacy.ANONYMOUS_ID_COOKIE] = AID
    query = _follow_to_business(client)
    client.cookies[privacy.CONSENT_COOKIE] = privacy.CONSENT_DENIED
    del client.cookies[privacy.ANONYMOUS_ID_COOKIE]
    assert not _id_given(_arrive(client, query))


def test_an_altered_or_foreign_token_and_an_outside_link_are_refused(client, sites):
    assert not _id_given(_arrive(client, "hc_handover=not-a-token"))
    for target in ("https://evil.example/", "http://[::1", "http://business.localhost:x/", ""):
        assert client.get("/tracking/to", {"next": target}).status_code == 400
    assert cross_property.is_property_url(BUSINESS_HOME)


def test_forget_me_resets_the_id_and_deletes_its_local_events(consenting_client, sites, settings):
    settings.TRACKING_RECORD_ASYNC = False
    first = consenting_client.get("/en/billing/invoices/")
    old_id = first.cookies[privacy.ANONYMOUS_ID_COOKIE].value
    delivery.flush()
    assert EventRecord.objects.filter(visitor=old_id).exists()
    forgotten = consenting_client.post(
        "/tracking/forget", {"next": "/en/"}, HTTP_ORIGIN="http://testserver"
    )
    assert forgotten.status_code == 303
    assert not EventRecord.objects.filter(visitor=old_id).exists()
    assert forgotten.cookies[privacy.ANONYMOUS_ID_COOKIE].value == ""
    again = consenting_client.get("/en/billing/invoices/")
    new_id = again.cookies[privacy.ANONYMOUS_ID_COOKIE].value
    assert new_id and new_id != old_id
