"""Predicted queries that cannot leak or be poisoned (k distinct visitors, masking, DNT/GPC and
cross-site requests ignored, blocklist, approved-only mode), read from the daily aggregates;
on the database backend with a page or two from the factories."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from search.masking import looks_personal, mask_query
from search.models import (
    BlockedPrediction,
    CuratedQuery,
    SearchLogEntry,
    SearchTermDay,
    SearchTermVisitor,
)
from tests.conftest import built_once_per_module
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

REPORT = "/admin/reports/search-terms/"
BLOCK = "/admin/reports/search-terms/block/"


@built_once_per_module
def help_pages():
    """An English article that the searches below find."""
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account and login")
    return ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")


@pytest.fixture(autouse=True)
def database_backend(settings, help_pages, db):
    settings.SEARCH_URL = ""
    settings.SEARCH_PREDICTION_MIN_VISITORS = 5
    settings.SEARCH_PREDICTIONS_APPROVED_ONLY = False


def search(client, q, visitor=1, language="en", **headers):
    response = client.get(
        f"/{language}/search/",
        {"q": q},
        REMOTE_ADDR=f"203.0.113.{visitor}",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        **headers,
    )
    assert response.status_code == 200
    return response


def predicted(client, prefix, language="en"):
    response = client.get("/api/v1/search/autocomplete", {"q": prefix, "locale": language})
    assert response.status_code == 200, response.content
    return [item["text"] for item in response.json()["queries"]]


def searched_by_five(client, q, first=1):
    for visitor in range(first, first + 5):
        search(client, q, visitor=visitor)


def test_one_visitors_search_is_never_suggested(client):
    for _ in range(13):
        search(client, "reset your password")
    assert SearchTermDay.objects.get(query="reset your password").searches == 13
    assert predicted(client, "reset") == []


def test_five_distinct_visitors_make_a_prediction_four_do_not(client):
    for visitor in range(1, 5):
        search(client, "reset your password", visitor=visitor)
        search(client, "reset your password", visitor=visitor)  # a repeat counts once
    assert predicted(client, "reset") == []
    search(client, "reset your password", visitor=5)
    assert predicted(client, "reset") == ["reset your password"]
    assert predicted(client, "password") == ["reset your password"]  # contains the text
    day = SearchTermDay.objects.get(query="reset your password")
    assert (day.searches, day.visitors, day.zero_result_searches) == (9, 5, 0)
    assert predicted(client, "reset", language="es") == []  # only this language's searches


def test_a_search_without_results_is_never_suggested(client):
    searched_by_five(client, "qqzzx vvwwy")
    assert SearchTermDay.objects.get(query="qqzzx vvwwy").zero_result_searches == 5
    assert predicted(client, "qqzz") == []


def test_five_addresses_are_five_visitors_never_stored(client):
    searched_by_five(client, "reset your password")
    stored = list(SearchTermVisitor.objects.values_list("visitor", flat=True))
    assert len(set(stored)) == 5
    assert not any("203.0.113" in value for value in stored)


@pytest.mark.parametrize(
    "addresses",
    [
        ["203.0.113.7"] * 5,  # one address, a new browser each time
        [f"2001:db8:1:2::{n}" for n in range(1, 6)],  # one IPv6 /64, rotating its low half
    ],
)
def test_one_client_changing_its_browser_or_ipv6_suffix_is_one_visitor(client, addresses):
    for number, address in enumerate(addresses):
        client.get(
            "/en/search/",
            {"q": "reset your password"},
            REMOTE_ADDR=address,
            HTTP_USER_AGENT=f"Mozilla/5.0 (script {number})",
        )
    assert SearchTermVisitor.objects.filter(query="reset your password").count() == 1
    assert "reset your password" not in predicted(client, "reset")


@pytest.mark.parametrize(
    "typed, leaked",
    [
        ("reset password jane.doe@example.com", "example.com"),
        ("reset password +44 20 7946 0958", "7946"),
        ("reset password 4111 1111 1111 1111", "4111"),
        ("reset password https://evil.example/x", "evil.example"),
        ("reset password @janedoe", "janedoe"),
    ],
)
def test_personal_data_never_reaches_a_prediction_the_log_or_the_aggregate(client, typed, leaked):
    searched_by_five(client, typed)
    assert SearchLogEntry.objects.filter(kind="search").count() == 5
    stored = [
        *SearchLogEntry.objects.values_list("query", flat=True),
        *SearchTermDay.objects.values_list("query", flat=True),
        *SearchTermVisitor.objects.values_list("query", flat=True),
    ]
    assert not any(leaked in text for text in stored), stored
    assert predicted(client, "reset") == []  # masked, and still not eligible
    assert SearchTermVisitor.objects.count() == 0


def test_long_free_text_is_never_suggested(client):
    searched_by_five(client, "reset password for my account that i share with my brother")
    assert predicted(client, "reset") == []


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_DNT": "1"},
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
)
def test_dnt_gpc_and_cross_site_searches_leave_predictions_unchanged(client, headers):
    for visitor in range(1, 6):
        search(client, "reset your password", visitor=visitor, **headers)
    assert predicted(client, "reset") == []
    # Not logged at all: no raw row, no aggregate.
    assert not SearchLogEntry.objects.exists()
    assert not SearchTermDay.objects.exists()
    # The same searches from the visitors' own pages count.
    for visitor in range(1, 6):
        search(client, "reset your password", visitor=visitor, HTTP_SEC_FETCH_SITE="same-origin")
    assert predicted(client, "reset") == ["reset your password"]


def test_click_beacon_from_another_site_is_refused(client):
    payload = {
        "source": "result",
        "query": "reset",
        "locale": "en",
        "url": "/en/x/",
        "position": 1,
    }
    response = client.post(
        "/api/v1/search/click",
        payload,
        content_type="application/json",
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403
    response = client.post(
        "/api/v1/search/click", payload, content_type="application/json", HTTP_ORIGIN="https://evil"
    )
    assert response.status_code == 403
    assert not SearchLogEntry.objects.exists()
    response = client.post(
        "/api/v1/search/click",
        payload,
        content_type="application/json",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 204
    assert SearchTermDay.objects.get(query="reset").clicks == 1


def report_reader():
    """The least-privileged user who sees the Search terms report: admin access and the
    report's permission, nothing else."""
    group = Group.objects.create(name="Search analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_searchlogentry"),
    )
    user = get_user_model().objects.create_user("analyst", "analyst@example.com", "pw")
    user.groups.add(group)
    return user


def test_never_suggest_this_from_the_report_blocks_at_once(client):
    searched_by_five(client, "reset password")
    searched_by_five(client, "reset your password", first=10)
    assert sorted(predicted(client, "reset")) == ["reset password", "reset your password"]

    visitor_client = client.__class__()
    client.force_login(report_reader())
    html = client.get(REPORT, {"language": "en"}).content.decode()
    assert "Never suggest this" in html and 'name="csrfmiddlewaretoken"' in html

    response = client.post(BLOCK, {"language": "en", "query": "reset password"})
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT}?language=en"
    assert BlockedPrediction.objects.filter(language="en", phrase="reset password").exists()
    assert predicted(visitor_client, "reset") == ["reset your password"]
    assert "Never suggested" in client.get(REPORT, {"language": "en"}).content.decode()


def test_never_suggest_this_needs_the_report_permission_and_csrf(client):
    searched_by_five(client, "reset password")
    editor = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    for response in (client.get(REPORT), client.post(BLOCK, {"language": "en", "query": "reset"})):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not BlockedPrediction.objects.exists()

    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(report_reader())
    assert csrf_client.post(BLOCK, {"language": "en", "query": "reset"}).status_code == 403
    assert csrf_client.get(BLOCK).status_code == 405
    assert not BlockedPrediction.objects.exists()
    assert predicted(client, "reset") == ["reset password"]


def test_a_blocked_phrase_hides_every_prediction_containing_it_in_its_language(client):
    searched_by_five(client, "reset password")
    CuratedQuery.objects.create(language="en", text="reset password tips", weight=1)
    CuratedQuery.objects.create(language="en", text="reset your password", weight=1)
    BlockedPrediction.objects.create(language="es", phrase="reset password")
    assert predicted(client, "reset") == [
        "reset password",
        "reset password tips",
        "reset your password",
    ]
    BlockedPrediction.objects.create(language="en", phrase="Reset Password")
    assert predicted(client, "reset") == ["reset your password"]


def test_approved_only_mode_predicts_only_the_editors_queries(client, settings):
    searched_by_five(client, "reset password")
    CuratedQuery.objects.create(language="en", text="reset your password", weight=1)
    assert predicted(client, "reset") == ["reset password", "reset your password"]
    settings.SEARCH_PREDICTIONS_APPROVED_ONLY = True
    assert predicted(client, "reset") == ["reset your password"]


def test_blocklist_is_listed_in_the_admin(admin_client):
    BlockedPrediction.objects.create(language="en", phrase="scam")
    html = admin_client.get("/admin/snippets/search/blockedprediction/").content.decode()
    assert "scam" in html and "Blocked predictions" in html


@pytest.mark.parametrize(
    "typed, masked",
    [
        ("write to jane@example.com", "write to [email]"),
        ("see https://evil.example/a?b=1 now", "see [url] now"),
        ("www.example.com", "[url]"),
        ("ask @jane_doe", "ask [handle]"),
        ("card 4111-1111-1111-1111", "card [number]"),
        ("call +1 (555) 123-4567", "call [number]"),
        ("error 404", "error 404"),
    ],
)
def test_mask_query(typed, masked):
    assert mask_query(typed) == masked


def test_looks_personal():
    assert not looks_personal("reset password")
    assert looks_personal("write to [email]")
    assert looks_personal("one two three four five six seven eight nine")
    assert looks_personal("x" * 81)
