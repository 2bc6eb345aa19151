"""Cache headers of public pages (pages.http_cache) and the purges a page change sends
(pages.purge through wagtail.contrib.frontend_cache's HTTP backend), against a local HTTP server
standing in for Varnish. The same through a real Varnish: tests/pages/test_varnish.py."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import (
    ArticlePageFactory,
    HomePageFactory,
    TopicPageFactory,
    aliases,
)
from tests.pages.properties import BUSINESS_HOST, two_properties

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    """A stand-in proxy recording (Host, path) of each PURGE; frontend_cache pointed at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tree():
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, slug="accounts")
    other_topic = TopicPageFactory(parent=home, slug="billing")
    article = ArticlePageFactory(parent=topic, slug="reset-password")
    aliases(home, "fr", "ar")
    return home, topic, other_topic, article


@pytest.fixture(autouse=True)
def visits_under_the_sites_host(client):
    """Visitors ask for the default site under its own host (the one purges name)."""
    client.defaults["HTTP_HOST"] = "localhost"


def purged_paths(proxy) -> set[str]:
    return {path for _host, path in proxy.purged}


def test_an_anonymous_article_is_public_for_shared_caches_only(client, tree, settings):
    response = client.get("/en/accounts/reset-password/")
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and f"s-maxage={settings.HTTP_CACHE_SECONDS}" in cache_control
    assert "max-age=" not in cache_control.replace("s-maxage=", "")  # browsers keep nothing
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "Accept-Language" not in response.get("Vary", "")  # the language is in the URL
    assert "Was this helpful?" in response.content.decode()  # the feedback form is in it
    assert "data-consent-banner" in response.content.decode()
    for url in ("/fr/accounts/", "/ar/", "/sitemap.xml"):
        assert "public" in client.get(url)["Cache-Control"], url


def test_staff_sessions_and_other_answers_are_not_shared(client, tree, django_user_model):
    client.cookies["sessionid"] = "anything"
    assert "public" not in client.get("/en/accounts/").get("Cache-Control", "")
    del client.cookies["sessionid"]
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    assert "public" not in client.get("/en/accounts/").get("Cache-Control", "")
    client.logout()
    missing = client.get("/en/accounts/nothing-here/")
    assert missing.status_code == 404 and "public" not in missing.get("Cache-Control", "")
    assert "public" not in client.get("/en/search/?q=password").get("Cache-Control", "")


def test_nothing_is_marked_when_the_cache_time_is_zero(client, tree, settings):
    settings.HTTP_CACHE_SECONDS = 0
    assert "public" not in client.get("/en/accounts/").get("Cache-Control", "")


def test_publishing_purges_the_page_in_every_language_its_listings_and_the_sitemap(
    tree, proxy, django_capture_on_commit_callbacks
):
    _home, _topic, _other, article = tree
    article.title = "Reset your password"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    paths = purged_paths(proxy)
    for language in ("en", "fr", "ar"):
        assert f"/{language}/accounts/reset-password/" in paths
        assert f"/{language}/accounts/" in paths  # the topic listing it
        assert f"/{language}/" in paths  # the home
    assert "/sitemap.xml" in paths
    assert "/en/billing/" not in paths  # an unrelated topic keeps its copy
    assert {host for host, _path in proxy.purged} == {"localhost"}  # the site's host


def test_publishing_a_topic_purges_the_pages_below_it(
    tree, proxy, django_capture_on_commit_callbacks
):
    _home, topic, _other, _article = tree
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision().publish()
    assert "/en/accounts/reset-password/" in purged_paths(proxy)  # its breadcrumbs


def test_unpublish_move_and_delete_purge_old_and_new_urls(
    tree, proxy, django_capture_on_commit_callbacks
):
    _home, _topic, other_topic, article = tree
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other_topic, pos="last-child")
    paths = purged_paths(proxy)
    assert {"/en/accounts/reset-password/", "/en/billing/reset-password/"} <= paths
    assert {"/en/accounts/", "/en/billing/"} <= paths

    proxy.purged.clear()
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert "/en/billing/reset-password/" in purged_paths(proxy)

    proxy.purged.clear()
    french = article.get_translation(article.locale.__class__.objects.get(language_code="fr"))
    french_path = french.url
    with django_capture_on_commit_callbacks(execute=True):
        french.delete()
    assert french_path in purged_paths(proxy)


def test_without_a_configured_proxy_nothing_is_sent(
    tree, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.WAGTAILFRONTENDCACHE = {}
    _home, _topic, _other, article = tree
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.save_revision().publish()
    assert not any("purge" in getattr(c, "__qualname__", "") for c in callbacks)


def test_only_the_host_purges_name_may_be_shared(client, proxy, django_capture_on_commit_callbacks):
    """The default site answers any host no site claims (127.0.0.1:8000 in `make run`); a copy
    kept under one of them would never be purged, so only the site's own host is shared."""
    pages = two_properties()
    assert "public" in client.get("/en/billing/invoices/")["Cache-Control"]
    for host in ("127.0.0.1:8000", "LOCALHOST", "localhost:80", "help.example.com"):
        other = client.get("/en/billing/invoices/", HTTP_HOST=host)
        assert other.status_code == 200, host
        directives = {part.strip().split("=")[0] for part in other["Cache-Control"].split(",")}
        assert "private" in directives and not directives & {"public", "s-maxage"}, host
    business = client.get("/en/billing/invoices/", HTTP_HOST=BUSINESS_HOST)
    assert "public" in business["Cache-Control"] and "Invoices for advertisers" in (
        business.content.decode()
    )
    # ...and a publish purges each property's pages under that property's own host.
    with django_capture_on_commit_callbacks(execute=True):
        pages["business_article"].save_revision().publish()
        pages["help_article"].save_revision().publish()
    hosts = {(host, path) for host, path in proxy.purged}
    assert (BUSINESS_HOST, "/en/billing/invoices/") in hosts
    assert ("localhost", "/en/billing/invoices/") in hosts
    assert {host for host, _path in proxy.purged} == {"localhost", BUSINESS_HOST}
