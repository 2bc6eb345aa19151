"""The results page: highlighted snippets, promotions first, "did you mean", filters, zero
results, the search log and its admin report, the click beacon and its signals."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from search import searchlog, signals
from search.models import SearchLogEntry
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db


def hit_urls(response) -> list[str]:
    return re.findall(r'<a href="([^"]+)" data-search-result', response.content.decode())


def test_results_are_highlighted_and_in_the_visitors_language(client, demo, elasticsearch):
    response = client.get("/es/search/", {"q": "contraseña"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-backend="elasticsearch"' in html
    assert "/es/account-and-login/reset-your-password/" in hit_urls(response)
    assert all(url.startswith("/es/") for url in hit_urls(response))
    assert "<mark>contraseña</mark>" in html.lower()


def test_promoted_results_come_first(client, demo, elasticsearch):
    guidelines = Page.objects.get(locale__language_code="en", slug="pinwheel-community-guidelines")
    promotion = SearchPromotion.objects.create(
        query=Query.get("password"), page=guidelines, description="Read this first."
    )
    urls = hit_urls(client.get("/en/search/", {"q": "Password"}))
    on_this_site = guidelines.relative_url(guidelines.get_site())  # the demo has two sites
    assert urls[0] == on_this_site
    assert urls.count(on_this_site) == 1
    assert "/en/account-and-login/reset-your-password/" in urls
    promotion.delete()


def test_did_you_mean_corrects_a_misspelt_query(client, demo, elasticsearch):
    response = client.get("/en/search/", {"q": "pasword recovry"})
    html = response.content.decode()
    match = re.search(r'class="did-you-mean">.*?<a href="\?q=([^"]+)"', html, re.S)
    assert match, "no did-you-mean"
    assert match.group(1) == "password%20recover"
    # A well-spelt query with results gets no correction.
    assert "did-you-mean" not in client.get("/en/search/", {"q": "password"}).content.decode()


def test_filters_by_topic_and_audience(client, demo, elasticsearch):
    topic = Page.objects.get(locale__language_code="en", slug="hacked-accounts")
    urls = hit_urls(client.get("/en/search/", {"q": "password", "topic": topic.pk}))
    assert urls and all(url.startswith("/en/hacked-accounts/") for url in urls)
    advertisers = hit_urls(client.get("/en/search/", {"q": "account", "audience": "advertiser"}))
    everyone = hit_urls(client.get("/en/search/", {"q": "account"}))
    assert advertisers and len(advertisers) <= len(everyone)


def test_paginates(client, demo, elasticsearch):
    first = client.get("/en/search/", {"q": "account"})
    second = client.get("/en/search/", {"q": "account", "page": 2})
    assert 'rel="next"' in first.content.decode()
    assert hit_urls(second) and not set(hit_urls(first)) & set(hit_urls(second))
    assert client.get("/en/search/", {"q": "account", "page": "zz"}).status_code == 200


@pytest.mark.smoke
def test_zero_results_page_helps(client):
    ArticlePageFactory(parent=TopicPageFactory(parent=HomePageFactory(), title="Contact us"))
    response = client.get("/en/search/", {"q": "qqzzx vvwwy"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No results for" in html
    assert "Popular answers" in html
    assert "Contact support" in html


@pytest.mark.smoke
def test_an_overlong_query_is_a_400_page(client):
    response = client.get("/en/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "too long" in response.content.decode()


def test_each_search_is_logged_and_signalled(client, demo, elasticsearch):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    signals.search_performed.connect(receiver)
    try:
        client.get("/ru/search/", {"q": "  Пароль "})
    finally:
        signals.search_performed.disconnect(receiver)
    entry = SearchLogEntry.objects.get(kind="search", language="ru")
    assert entry.query == "пароль" and entry.result_count > 0 and entry.backend == "elasticsearch"
    assert received[0]["query"] == "пароль"
    assert received[0]["locale"] == "ru"
    assert received[0]["backend"] == "elasticsearch"
    assert received[0]["result_count"] == entry.result_count


def test_personal_data_typed_into_search_is_masked_in_the_search_log(client, demo):
    """Searches and clicks alike: the log keeps "[email]" and "[number]", never the address or
    the phone number a visitor typed."""
    before = SearchLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client.get("/en/search/", {"q": "Reset password Jane.Doe@example.com +44 20 7946 0958"})
    beacon(
        client,
        source="result",
        query="reset jane.doe@example.com",
        locale="en",
        url="/en/account-and-login/reset-your-password/",
        position=1,
    )
    logged = SearchLogEntry.objects.filter(pk__gt=before).order_by("pk")  # the in-process
    # site of the browser tests commits its own log rows
    assert list(logged.values_list("kind", "query")) == [
        ("search", "reset password [email] [number]"),
        ("result", "reset [email]"),
    ]
    assert not SearchLogEntry.objects.filter(query__contains="example.com").exists()


def beacon(client, **payload):
    return client.post("/api/v1/search/click", json.dumps(payload), content_type="application/json")


@pytest.mark.smoke
def test_click_beacon_logs_and_signals(client):
    selected, clicked = [], []
    signals.suggestion_selected.connect(lambda sender, **kw: selected.append(kw), weak=False)
    signals.result_clicked.connect(lambda sender, **kw: clicked.append(kw), weak=False)
    url = "/en/account-and-login/reset-your-password/"
    response = beacon(
        client,
        source="suggestion",
        query="Reset",
        locale="en",
        url=url,
        kind="tutorial",
        position=1,
    )
    assert response.status_code == 204
    assert (
        beacon(client, source="result", query="reset", locale="en", url=url, position=3).status_code
        == 204
    )
    assert selected[-1]["kind"] == "tutorial" and selected[-1]["query"] == "reset"
    assert clicked[-1]["position"] == 3 and clicked[-1]["url"] == url
    assert SearchLogEntry.objects.filter(query="reset", url=url).count() == 2


@pytest.mark.parametrize(
    "payload",
    [
        {"source": "other", "query": "x", "locale": "en", "url": "/en/", "position": 1},
        {"source": "result", "query": "x", "locale": "xx", "url": "/en/", "position": 1},
        {"source": "result", "query": "", "locale": "en", "url": "/en/", "position": 1},
        {"source": "result", "query": "x", "locale": "en", "url": "https://evil", "position": 1},
        {"source": "result", "query": "x", "locale": "en", "url": "/en/", "position": 0},
        {"source": "result", "query": "x", "locale": "en", "url": "/en/", "position": "1"},
        {
            "source": "suggestion",
            "query": "x",
            "locale": "en",
            "url": "/en/",
            "position": 1,
            "kind": "video",
        },
    ],
)
def test_bad_beacons_get_400(client, payload):
    before = SearchLogEntry.objects.count()
    assert beacon(client, **payload).status_code == 400
    assert SearchLogEntry.objects.count() == before


def test_beacon_rejects_non_json(client):
    response = client.post("/api/v1/search/click", "q=1", content_type="text/plain")
    assert response.status_code == 400
    assert client.get("/api/v1/search/click").status_code == 405


def test_admin_report_shows_top_zero_result_queries_and_click_through(client):
    """The report reads the daily aggregates that each logged search and click updates."""
    for query, results in [("reset", 4), ("reset", 4), ("qqzzx", 0)]:
        searchlog.record_search(RequestFactory().get("/"), query, "en", results, "database")
    searchlog.record_click(
        RequestFactory().post("/"), SearchLogEntry.Kind.RESULT, "reset", "en", "/en/x/", 1
    )
    searchlog.record_search(RequestFactory().get("/"), "пароль", "ru", 2, "database")
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(admin)
    response = client.get("/admin/reports/search-terms/", {"language": "en"})
    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.content.decode())
    top = html[html.index('id="top-queries"') : html.index('id="zero-result-queries"')]
    assert "<td>reset</td><td>2</td><td>0</td><td>1</td><td>50%</td><td>" in top
    zero = html[html.index('id="zero-result-queries"') :]
    assert "<td>qqzzx</td><td>1</td>" in zero
    assert "пароль" not in html
    assert "/admin/reports/search-terms/" in client.get("/admin/").content.decode()


def test_report_is_for_staff_only(client):
    assert client.get("/admin/reports/search-terms/").status_code == 302


def test_untranslated_locale_finds_the_english_articles_it_shows(client, demo, elasticsearch):
    # German has no translated articles in the demo: its aliases of the English ones are
    # searched, at the German URLs (decision 0016), so no English section is needed.
    html = client.get("/de/search/", {"q": "password"}).content.decode()
    assert 'href="/de/account-and-login/reset-your-password/"' in html
    assert "search-fallback" not in html


def test_few_results_in_the_locale_add_answers_in_english(client, settings):
    settings.SEARCH_URL = ""
    from tests.factories import locale

    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    spanish_home = home.copy_for_translation(locale("es"))
    spanish_home.save_revision().publish()
    html = client.get("/es/search/", {"q": "password"}).content.decode()
    assert 'class="search-fallback"' in html
    assert 'href="/en/account/reset-your-password/"' in html
    # Enough results in the visitor's own language: no English section.
    html = client.get("/en/search/", {"q": "password"}).content.decode()
    assert "search-fallback" not in html
