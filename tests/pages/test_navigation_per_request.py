"""One navigation per request (pages.middleware): its version token is read once per request,
the request's Wagtail site comes from it without a query, and a change to a site or a publish
during the request still shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from pages import navigation
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory
from tests.pages.properties import BUSINESS_HOST, two_properties

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    home = HomePageFactory()
    return ArticlePageFactory(parent=TopicPageFactory(parent=home), title="Save a pin")


@pytest.fixture
def token_reads(monkeypatch):
    reads = []
    real = navigation._current_version

    def counted():
        reads.append(1)
        return real()

    monkeypatch.setattr(navigation, "_current_version", counted)
    return reads


def test_a_page_reads_the_navigation_token_once(client, article, token_reads):
    client.get(article.url)
    token_reads.clear()
    response = client.get(article.url)
    assert response.status_code == 200 and b"Save a pin" in response.content
    assert len(token_reads) == 1


def test_outside_a_request_every_call_reads_the_token(article, token_reads):
    navigation.current()
    navigation.current()
    assert len(token_reads) == 2


def test_a_page_finds_its_site_without_a_query(client, article):
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    assert not [q["sql"] for q in queries if '"wagtailcore_site"' in q["sql"]]


def test_each_host_still_gets_its_own_site(client):
    sites = two_properties()
    for _ in range(2):  # the second time from the remembered sites
        business = client.get("/en/billing/invoices/", HTTP_HOST=BUSINESS_HOST)
        assert b"Invoices for advertisers" in business.content
        assert business.wsgi_request._wagtail_site == sites["business_site"]
        helped = client.get("/en/billing/invoices/")
        assert b"Invoices for pinners" in helped.content
        assert helped.wsgi_request._wagtail_site == sites["help_site"]


def test_a_changed_site_hostname_is_matched_at_once(client):
    sites = two_properties()
    assert b"advertisers" in client.get("/en/billing/invoices/", HTTP_HOST=BUSINESS_HOST).content
    business = sites["business_site"]
    business.hostname = "ads.localhost"
    business.save()
    old_host = client.get("/en/billing/invoices/", HTTP_HOST=BUSINESS_HOST)
    assert b"pinners" in old_host.content  # no site of its own any more: the default one
    new_host = client.get("/en/billing/invoices/", HTTP_HOST="ads.localhost")
    assert b"advertisers" in new_host.content
    assert new_host.wsgi_request._wagtail_site == Site.objects.get(hostname="ads.localhost")


def test_a_refused_host_is_not_remembered(client, article, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    response = client.get(article.url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not hasattr(response.wsgi_request, "_wagtail_site")
    assert all(host != "evil.example" for host, _port in navigation.current().sites_by_host)


def test_remembered_hosts_are_bounded(article):
    nav = navigation.current()
    for number in range(navigation.SITE_MEMO_LIMIT + 10):
        assert nav.site_for_host(f"host{number}.localhost", 80) == Site.objects.get()
    assert len(nav.sites_by_host) == navigation.SITE_MEMO_LIMIT


def test_a_publish_during_the_request_drops_the_pinned_navigation(article):
    with navigation.pinned():
        before = navigation.current()
        assert navigation.current() is before
        article.title = "Save a pin, renamed"
        article.save_revision().publish()
        after = navigation.current()
        assert after is not before
        assert after.pages[article.id].title == "Save a pin, renamed"


@pytest.mark.parametrize("shared", [True, False], ids=["shared cache", "cache of its own"])
def test_the_token_expires_only_where_no_other_process_sees_a_publish(
    settings, tmp_path, monkeypatch, shared
):
    """In a cache every worker shares (Redis in production; here a file-based one) a publish
    reaches every worker, so the token never expires: no worker rebuilds a large site's
    navigation every minute. In a process's own memory it expires after MAX_AGE."""
    backend = "filebased.FileBasedCache" if shared else "locmem.LocMemCache"
    settings.CACHES = {
        **settings.CACHES,
        "navigation-probe": {
            "BACKEND": f"django.core.cache.backends.{backend}",
            "LOCATION": str(tmp_path),
        },
    }
    settings.NAVIGATION_CACHE = "navigation-probe"
    tokens = navigation._tokens()
    lifetimes = []
    real_set = tokens.set

    def recorded_set(key, value, timeout, version=None):
        lifetimes.append(timeout)
        return real_set(key, value, timeout, version)

    monkeypatch.setattr(tokens, "set", recorded_set)
    navigation.invalidate()
    assert lifetimes == ([None] if shared else [navigation.MAX_AGE])
    assert tokens.get(navigation.VERSION_KEY)


def test_a_slug_in_arabic_or_cyrillic_gets_the_url_wagtail_gives_it(article):
    """The navigation's URLs (pages.page_urls) percent-encode as Django's reverse does."""
    topic = article.get_parent()
    pages = [
        ArticlePageFactory(parent=topic, title="Reset", slug="إعادة-تعيين-كلمة-المرور"),
        ArticlePageFactory(parent=topic, title="Reset", slug="сброс-пароля"),
        article,
    ]
    nav = navigation.build()
    for page in pages:
        entry = nav.pages[page.id]
        assert (entry.site_id, entry.root_url, entry.page_path) == page.get_url_parts()
    assert nav.pages[pages[0].id].page_path.count("%D8") > 5
    assert "%D1%81%D0%B1%D1%80%D0%BE%D1%81" in nav.pages[pages[1].id].page_path
