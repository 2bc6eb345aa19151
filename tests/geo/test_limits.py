"""Rate limits (geo.limits, django-ratelimit): every limited endpoint answers 429 with
Retry-After (a translated page for pages, JSON for APIs), buckets follow the real client address
behind trusted proxies (a forged X-Forwarded-For changes nothing), invalid contact-form posts
have their own higher limit, and a cache that cannot be reached lets requests through."""

import json

import pytest
from django.test import Client, override_settings

from tests.conftest import built_once_per_module
from tests.factories import HomePageFactory, TopicPageFactory, contact_form

pytestmark = pytest.mark.django_db

VALID_HACKED = {
    "email": "pinner@example.com",
    "hacked": "yes",
    "lost_email": "no",
    "changes": ["pins"],
    "description": "Someone posted spam Pins.",
}
INVALID_HACKED = {"email": "not an address", "hacked": "yes"}
CLICK = {"source": "result", "locale": "en", "query": "log in", "url": "/en/", "position": 1}
EVENT = {
    "event": "Search Result Clicked",
    "properties": {"query": "log in", "locale": "en", "url": "/en/", "position": 1},
}


@built_once_per_module
def site():
    home = HomePageFactory()
    return contact_form(parent=TopicPageFactory(parent=home, title="Hacked accounts"))


def search(client, **headers):
    return client.get("/en/search/", {"q": "password"}, **headers)


def assert_retry_after(response):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_the_search_page_answers_429_with_a_translated_page(client, site, settings, rate_limits):
    settings.SEARCH_RATE_LIMIT = "2/m"
    assert [search(client).status_code for _i in range(2)] == [200, 200]
    response = search(client)
    assert_retry_after(response)
    assert "data-too-many-requests" in response.content.decode()
    spanish = client.get("/es/search/", {"q": "contraseña"})
    assert_retry_after(spanish)
    assert "Demasiadas solicitudes" in spanish.content.decode()


@pytest.mark.parametrize(
    "setting, request_",
    [
        (
            "SEARCH_AUTOCOMPLETE_RATE_LIMIT",
            lambda c: c.get("/api/v1/search/autocomplete", {"q": "pass", "locale": "en"}),
        ),
        (
            "SEARCH_CLICK_RATE_LIMIT",
            lambda c: c.post("/api/v1/search/click", CLICK, content_type="application/json"),
        ),
        (
            "TRACKING_EVENTS_RATE_LIMIT",
            lambda c: c.post("/api/v1/events", json.dumps(EVENT), content_type="application/json"),
        ),
    ],
)
def test_the_apis_answer_429_json(client, site, settings, rate_limits, setting, request_):
    setattr(settings, setting, "3/m")
    codes = [request_(client).status_code for _i in range(3)]
    assert all(code < 400 for code in codes), codes
    response = request_(client)
    assert_retry_after(response)
    assert "Too many requests" in response.json()["error"]


def test_behind_a_trusted_proxy_the_bucket_is_the_real_client(site, settings, rate_limits):
    settings.GEO_TRUSTED_PROXIES = 1
    settings.SEARCH_RATE_LIMIT = "2/m"
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    visitor = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert search(proxy, **visitor).status_code == 200
    # Whatever a client puts left of what the proxy appended is forgeable: same bucket.
    forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.1, 1.2.3.4, 198.51.100.7"}
    assert search(proxy, **forged).status_code == 200
    assert search(proxy, **forged).status_code == 429
    assert search(proxy, **visitor).status_code == 429
    # Other visitors behind the same proxy have their own buckets.
    assert search(proxy, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_without_trusted_proxies_x_forwarded_for_is_ignored(site, settings, rate_limits):
    settings.GEO_TRUSTED_PROXIES = 0
    settings.SEARCH_RATE_LIMIT = "2/m"
    client = Client(REMOTE_ADDR="198.51.100.9")
    codes = [search(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_invalid_contact_posts_have_their_own_higher_limit(site, settings, rate_limits):
    settings.FORMS_RATE_LIMIT_IP = "2/600"
    settings.FORMS_RATE_LIMIT_INVALID = "4/600"
    visitor = Client(REMOTE_ADDR="198.51.100.20")
    mistakes = [visitor.post(site.url, INVALID_HACKED).status_code for _i in range(3)]
    assert mistakes == [400, 400, 400]
    # Mistakes do not use up the submissions: the next visitor on the address still gets in.
    neighbour = Client(REMOTE_ADDR="198.51.100.20")
    assert neighbour.post(site.url, VALID_HACKED).status_code == 303
    assert visitor.post(site.url, INVALID_HACKED).status_code == 400  # the 4th mistake
    response = visitor.post(site.url, INVALID_HACKED)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please wait a few minutes" in response.content.decode()


def test_accepted_submissions_stop_at_the_limit(site, settings, rate_limits):
    from forms.models import Submission

    settings.FORMS_RATE_LIMIT_IP = "2/600"
    codes = [
        Client(REMOTE_ADDR="198.51.100.30").post(site.url, VALID_HACKED).status_code
        for _i in range(3)
    ]
    assert codes == [303, 303, 429]
    assert Submission.objects.count() == 2


def test_an_unreachable_counter_store_lets_requests_through(client, site, settings, rate_limits):
    settings.SEARCH_RATE_LIMIT = "1/m"
    unreachable = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    with override_settings(CACHES=unreachable):
        assert [search(client).status_code for _i in range(3)] == [200, 200, 200]
