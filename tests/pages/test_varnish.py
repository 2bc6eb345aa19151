"""Through a real Varnish (cms/services/varnish/default.vcl) in front of gunicorn on the test
database with the seeded demo: a second anonymous visit is a cache hit, a page with the consent
banner and the feedback form is kept, a publish shows within a second on every URL that shows
the page, and two regions (trusted header) and two languages never get each other's page.

Needs PostgreSQL (gunicorn serves the committed demo from the test database), REDIS_URL (the
navigation's version token shared by both processes) and varnishd: `make test` provides them
all (cms/services/run-tests.sh starts Varnish in front of VARNISH_BACKEND and exports
VARNISH_URL). Run alone, the module starts and stops its own Varnish with cms/services/varnish.sh.
The publish runs in another process, as an editor's would (the test's own transaction would
hide it from gunicorn); it is undone after its test."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REGION_HEADER = "CF-IPCountry"

pytestmark = pytest.mark.django_db


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def varnishd_available() -> bool:
    return bool(shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists())


@pytest.fixture(scope="module")
def backend_port():
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        pytest.skip("needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL): run `make test`")
    if not os.environ.get("VARNISH_URL") and not varnishd_available():
        pytest.skip("needs varnishd (cms/services/varnish.sh installs Debian's varnish as root)")
    backend = os.environ.get("VARNISH_BACKEND", "")
    return int(backend.rsplit(":", 1)[1]) if os.environ.get("VARNISH_URL") else free_port()


@pytest.fixture(scope="module")
def test_database_url(demo_site, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        url = urlsplit(os.environ["DATABASE_URL"])
        return urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(scope="module")
def gunicorn(backend_port, test_database_url, tmp_path_factory):
    test_database = test_database_url
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": test_database,
        "SEARCH_URL": "",
        "HELPDESK_URL": "",
        "GEO_TRUSTED_HEADER": REGION_HEADER,
        "GEOIP_PATH": "",
        "GUNICORN_BIND": f"127.0.0.1:{backend_port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "",
    }
    # Its log in a file (a pipe nobody reads would fill and block the server), shown on failure.
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "cms/gunicorn.conf.py", "cms.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{backend_port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{base}/robots.txt", timeout=10)
                break
            except requests.RequestException:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn exited: {log_path.read_text()[-2000:]}")
                time.sleep(0.5)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        print(f"gunicorn's log (the end): {log_path.read_text()[-3000:]}")  # shown on failure


@pytest.fixture(scope="module")
def varnish(gunicorn, backend_port):
    """The Varnish URL: `make test`'s, or one started (and stopped) here."""
    if os.environ.get("VARNISH_URL"):
        yield os.environ["VARNISH_URL"].rstrip("/")
        return
    script = ROOT / "cms" / "services" / "varnish.sh"
    env = {
        **os.environ,
        "VARNISH_BACKEND": f"127.0.0.1:{backend_port}",
        "SERVICES_DIR": os.environ.get("SERVICES_DIR", "/tmp/helpcenter-services/varnish-tests"),
    }
    started = subprocess.run(
        ["bash", str(script), "start"], env=env, capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        pytest.fail(f"varnish.sh start failed: {started.stderr[-2000:]}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(script), "stop"], env=env, check=False)


@pytest.fixture(scope="module")
def site_host(demo_site, django_db_blocker):
    """The Host the demo site answers to: the one frontend_cache's purges name."""
    from wagtail.models import Site

    with django_db_blocker.unblock():
        return urlsplit(Site.objects.get(is_default_site=True).root_url).netloc


@pytest.fixture
def through(varnish, site_host):
    """GET a path through Varnish as a visitor of the demo site."""

    def get(path: str, **headers) -> requests.Response:
        response = requests.get(varnish + path, headers={"Host": site_host, **headers}, timeout=20)
        assert response.status_code == 200, (path, response.status_code)
        return response

    return get


@pytest.fixture
def publish(varnish, test_database_url):
    """publish(page_id, title=None): publish the page in another process, as an editor would
    (with a new title, or its latest revision again), purging through FRONTEND_CACHE_URL."""

    def run(page_id: int, title: str | None = None) -> None:
        code = (
            "from wagtail.models import Page\n"
            f"page = Page.objects.get(pk={page_id}).specific\n"
            f"title = {title!r}\n"
            "if title:\n"
            "    page.title = title\n"
            "    page.save_revision().publish()\n"
            "else:\n"
            "    page.get_latest_revision().publish()\n"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": test_database_url,
            "SEARCH_URL": "",
            "FRONTEND_CACHE_URL": varnish,
        }
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]

    return run


def purge(varnish, site_host, *paths: str) -> None:
    for path in paths:
        requests.request("PURGE", varnish + path, headers={"Host": site_host}, timeout=10)


def is_hit(response) -> bool:
    """Varnish answered from its cache (X-Cache from the VCL; Age: seconds in the cache)."""
    return response.headers.get("X-Cache") == "HIT" and response.headers.get("Age", "").isdigit()


def shown_region(response) -> str:
    found = re.search(r'<section class="pricing" data-region="([^"]*)"', response.text)
    return found.group(1) if found else ""


def html_language(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.text).group(1)


def path_of(page) -> str:
    """The page's path on its own site (with two sites, `page.url` is absolute)."""
    return page.relative_url(page.get_site())


def live_article(django_db_blocker, language: str, slug: str):
    from pages.models import ArticlePage

    with django_db_blocker.unblock():
        return ArticlePage.objects.live().get(locale__language_code=language, slug=slug)


def test_a_second_anonymous_visit_is_a_hit_even_with_the_banner_and_the_feedback_form(
    through, varnish, site_host, django_db_blocker
):
    article = live_article(django_db_blocker, "en", "ad-pricing")
    path = path_of(article)
    purge(varnish, site_host, path)
    first = through(path, **{REGION_HEADER: "DE"})
    assert first.headers["X-Cache"] == "MISS"
    assert "public" in first.headers["Cache-Control"]
    assert "data-consent-banner" in first.text and "Was this helpful?" in first.text
    second = through(path, **{REGION_HEADER: "DE"})
    assert is_hit(second)
    assert second.text == first.text
    # The consent choice does not split the cache: the same copy, decided in the browser.
    consented = through(path, Cookie="hc_consent=granted", **{REGION_HEADER: "DE"})
    assert is_hit(consented) and consented.text == first.text
    # A session (signed-in staff) goes to the application every time.
    staff = through(path, Cookie="sessionid=abc", **{REGION_HEADER: "DE"})
    assert staff.headers["X-Cache"] == "MISS"


def test_regions_and_languages_never_get_each_others_page(
    through, varnish, site_host, django_db_blocker
):
    english = path_of(live_article(django_db_blocker, "en", "ad-pricing"))
    spanish = path_of(live_article(django_db_blocker, "es", "ad-pricing"))
    purge(varnish, site_host, english, spanish)
    seen = {}
    for _round in range(2):  # the second round comes from the cache
        for path, language in ((english, "en"), (spanish, "es")):
            for country, region in (("DE", "eurozone"), ("JP", "japan")):
                response = through(path, **{REGION_HEADER: country})
                assert shown_region(response) == region, (path, country)
                assert html_language(response) == language
                seen.setdefault((language, region), set()).add(response.text)
                if _round:
                    assert is_hit(response), (path, country)
    assert all(len(copies) == 1 for copies in seen.values())
    # A visitor's own X-Geo-Region cannot pick another region's copy.
    forged = through(english, **{REGION_HEADER: "JP", "X-Geo-Region": "eurozone"})
    assert shown_region(forged) == "japan"
    # Without the trusted header the region is unknown to the cache: never kept.
    unknown = through(english)
    assert "private" in unknown.headers["Cache-Control"]
    assert through(english).headers["X-Cache"] == "MISS"


def test_a_publish_shows_within_a_second_on_every_url_that_shows_the_page(
    through, publish, django_db_blocker
):
    from pages.models import ArticlePage

    with django_db_blocker.unblock():
        article = (
            ArticlePage.objects.live()
            .filter(locale__language_code="en", featured=True)
            .order_by("title")
            .first()
        )
        original_title = article.title
        topic_path = path_of(article.get_parent())
        home_path = path_of(article.get_parent().get_parent())
        other_versions = [path_of(page) for page in article.get_translations().live()]
    assert other_versions, "the demo article has translations"
    urls = [path_of(article), topic_path, home_path]
    for path in urls + other_versions:
        through(path, **{REGION_HEADER: "DE"})
        assert is_hit(through(path, **{REGION_HEADER: "DE"})), path

    new_title = f"0 Cache check {uuid.uuid4().hex[:8]}"  # sorts first among the home's answers
    try:
        publish(article.pk, new_title)
        published = time.monotonic()
        waiting = set(urls)
        while waiting and time.monotonic() - published < 1.0:
            for path in list(waiting):
                if new_title in through(path, **{REGION_HEADER: "DE"}).text:
                    waiting.discard(path)
        assert not waiting, f"still the old page after 1 s: {sorted(waiting)}"
        for path in other_versions:  # every language version was purged (its language links)
            assert through(path, **{REGION_HEADER: "DE"}).headers["X-Cache"] == "MISS", path
    finally:
        publish(article.pk, original_title)
    assert new_title not in through(path_of(article), **{REGION_HEADER: "DE"}).text


def test_another_host_name_of_the_site_is_never_kept_so_a_publish_shows_there_at_once(
    through, varnish, site_host, publish, django_db_blocker
):
    """The default site answers every host no site claims (127.0.0.1:8000 in `make run`), but
    purges name its own host only: a copy kept under another would stay stale for an hour."""
    article = live_article(django_db_blocker, "en", "ad-pricing")
    path = path_of(article)
    other_host = "127.0.0.1:8000"
    assert other_host != site_host

    def under_other_host() -> requests.Response:
        response = requests.get(
            varnish + path, headers={"Host": other_host, REGION_HEADER: "DE"}, timeout=20
        )
        assert response.status_code == 200
        return response

    for _visit in range(2):
        response = under_other_host()
        assert response.headers["X-Cache"] == "MISS"
        assert "private" in response.headers["Cache-Control"]
        assert "s-maxage" not in response.headers["Cache-Control"]
    through(path, **{REGION_HEADER: "DE"})
    assert is_hit(through(path, **{REGION_HEADER: "DE"}))  # the site's own host is kept

    new_title = f"Host check {uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock():
        original_title = article.title
    try:
        publish(article.pk, new_title)
        assert new_title in under_other_host().text
        assert new_title in through(path, **{REGION_HEADER: "DE"}).text
    finally:
        publish(article.pk, original_title)
