"""The consent banner (in the visitor's language; the same page for every visitor, consent.js
decides in the browser) and article feedback."""

import pytest

from tests.tracking.conftest import article_url
from tracking import delivery
from tracking.models import ArticleFeedback

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("help_pages")]


def test_the_banner_asks_in_the_visitors_language_and_no_script_loads_before_consent(client):
    from pages.models import ArticlePage

    page = ArticlePage.objects.live().filter(locale__language_code="es").first()
    html = client.get(page.url).content.decode()
    assert "data-consent-banner hidden" in html  # consent.js shows it when no choice was made
    assert "No, thanks" not in html  # Spanish page, Spanish banner
    assert '<script src="/static/tracking/js/tracking.js' not in html  # only consent.js loads it
    assert 'data-tracking-src="/static/tracking/js/tracking.js"' in html


def test_the_page_is_the_same_whatever_the_consent_cookie_or_browser_opt_out(client):
    """Nothing about the visitor's choice is in the page: a shared cache may keep one copy."""
    url = article_url()
    first = client.get(url).content
    client.cookies["hc_consent"] = "granted"
    assert client.get(url).content == first
    client.cookies["hc_consent"] = "denied"
    assert client.get(url, HTTP_DNT="1", HTTP_SEC_GPC="1").content == first


def test_choosing_sets_the_cookie_and_the_banner_goes_away(client):
    url = article_url()
    client.get(url)  # sets the CSRF cookie through the banner's form
    response = client.post("/tracking/consent", {"choice": "granted", "next": url})
    assert response.status_code == 303 and response["Location"] == url
    assert response.cookies["hc_consent"].value == "granted"  # read by consent.js
    assert "httponly" not in response.cookies["hc_consent"].output().lower()


def test_refusing_removes_tracking_cookies_and_nothing_is_sent(client, segment_sink):
    client.cookies["hc_aid"] = "a" * 32
    response = client.post(
        "/tracking/consent", {"choice": "denied", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert response.cookies["hc_aid"].value == ""
    client.get(article_url())
    delivery.flush()
    assert segment_sink.messages == []


def test_dnt_visitors_are_not_tracked(client, segment_sink):
    client.cookies["hc_consent"] = "granted"
    client.get(article_url(), HTTP_DNT="1")
    response = client.post(
        "/api/v1/events",
        {
            "event": "Language Switched",
            "properties": {"from_locale": "en", "to_locale": "fr", "path": "/en/"},
        },
        content_type="application/json",
        HTTP_DNT="1",
    )
    assert response.status_code == 202 and response.json()["sent"] is False
    delivery.flush()
    assert segment_sink.messages == []


def test_article_feedback_works_without_javascript_and_is_sent(consenting_client, segment_sink):
    from pages.models import ArticlePage

    page = ArticlePage.objects.live().filter(locale__language_code="en").first()
    html = consenting_client.get(page.url).content.decode()
    assert "Was this helpful?" in html
    response = consenting_client.post(
        f"/tracking/feedback/{page.pk}/", {"helpful": "no", "reason": "outdated"}
    )
    assert response.status_code == 303
    assert response["Location"] == f"{page.url}?feedback=thanks#article-feedback"
    thanks = consenting_client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback." in thanks
    feedback = ArticleFeedback.objects.get()
    assert (feedback.helpful, feedback.reason, feedback.locale) == (False, "outdated", "en")
    delivery.flush()
    sent = [m for m in segment_sink.wait_for(2) if m["event"] == "Article Feedback Submitted"]
    assert sent[0]["properties"] == {
        "page_id": page.pk,
        "locale": "en",
        "helpful": False,
        "reason": "outdated",
    }


def test_bad_feedback_gets_a_clear_error(client):
    from pages.models import ArticlePage, TopicPage

    page = ArticlePage.objects.live().filter(locale__language_code="ru").first()
    response = client.post(f"/tracking/feedback/{page.pk}/", {"helpful": "maybe"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert (
        client.post(f"/tracking/feedback/{page.pk}/", {"helpful": "yes", "reason": "x"}).status_code
        == 400
    )
    topic = TopicPage.objects.live().first()
    assert client.post(f"/tracking/feedback/{topic.pk}/", {"helpful": "yes"}).status_code == 400
    assert client.post("/tracking/feedback/999999/", {"helpful": "yes"}).status_code == 400
    assert client.get(f"/tracking/feedback/{page.pk}/").status_code == 405
    assert ArticleFeedback.objects.count() == 0
