"""A search analyst (the report's permission, and seeing the blocklist) keeps a visitors' query
out of the predictions from the Search terms report, in English and in Arabic (right to left),
and sees it in the Blocked predictions listing.

Served in-process (`site_in_process`) on the seeded demo; the analysts and the visitors'
searches are committed for the module (the server's threads must see them) and removed
afterwards, with the block they made."""

import pytest
from django.test import Client

from .conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "analyst-password"
PREFIX = "search-analyst-"
# One query per analyst (en, ar), each searched by five visitors: what one analyst blocks (a
# row the server commits) cannot hide the other's.
QUERIES = {"en": "reset your password", "ar": "password reset email"}


def predicted(client: Client, prefix: str) -> list[str]:
    body = client.get("/api/v1/search/autocomplete", {"q": prefix, "locale": "en"}).json()
    return [item["text"] for item in body["queries"]]


def forget_the_queries():
    from search.models import BlockedPrediction, SearchLogEntry, SearchTermDay, SearchTermVisitor

    for model, field in [
        (SearchLogEntry, "query"),
        (SearchTermDay, "query"),
        (SearchTermVisitor, "query"),
        (BlockedPrediction, "phrase"),
    ]:
        model.objects.filter(**{f"{field}__in": QUERIES.values()}).delete()


@pytest.fixture(scope="module")
def analysts(demo_site, django_db_blocker):
    """Two analysts (English and Arabic admin) and five visitors' searches of each query,
    committed. Returns a visitor's client (the database backend answers)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.test import override_settings
    from wagtail.users.models import UserProfile

    visitors = Client()
    with django_db_blocker.unblock(), override_settings(SEARCH_URL=""):
        forget_the_queries()
        for query in QUERIES.values():
            for number in range(1, 6):
                visitors.get("/en/search/", {"q": query}, REMOTE_ADDR=f"198.51.100.{number}")
        group = Group.objects.create(name=f"{PREFIX}group")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_searchlogentry"),
            Permission.objects.get(codename="view_blockedprediction"),  # the listing
        )
        for language in ("en", "ar"):
            user = get_user_model().objects.create_user(f"{PREFIX}{language}", password=PASSWORD)
            user.groups.add(group)
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
    yield visitors
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username__startswith=PREFIX).delete()
        Group.objects.filter(name=f"{PREFIX}group").delete()
        forget_the_queries()


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("ar", "rtl")])
def test_never_suggest_this_from_the_report(
    site_in_process, tab, analysts, settings, language, direction
):
    from search.models import BlockedPrediction

    settings.SEARCH_URL = ""
    settings.SEARCH_PREDICTION_MIN_VISITORS = 5
    query, prefix = QUERIES[language], QUERIES[language].split()[0]
    assert query in predicted(analysts, prefix)
    page, base = tab, site_in_process
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", f"{PREFIX}{language}")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")
    report = f"{base}/admin/reports/search-terms/?language=en"
    page.goto(report)
    assert page.locator("html").get_attribute("dir") == direction
    row = page.locator("#top-queries tr", has_text=query)
    row.locator("form button").wait_for(state="visible")
    screenshot(page, f"search-terms-report-{language}")

    row.locator("form button").click()
    page.wait_for_url(report)
    assert BlockedPrediction.objects.filter(language="en", phrase=query).exists()
    assert query not in predicted(analysts, prefix)  # at once
    assert row.locator(".w-status").count() == 1
    screenshot(page, f"search-terms-report-blocked-{language}")

    page.goto(f"{base}/admin/snippets/search/blockedprediction/")
    assert page.get_by_text(query).first.is_visible()
    screenshot(page, f"blocked-predictions-{language}")
