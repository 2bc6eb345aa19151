"""A search analyst (the report's permission only) keeps a visitors' query out of the
predictions from the Search terms report, in English and in Arabic (right to left), and sees it
in the Blocked predictions listing.

Runs against pytest-django's live server with a page or two from the factories (committed, so
the server thread sees them)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.users.models import UserProfile

from search.models import BlockedPrediction
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

from .conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "analyst-password"
QUERY = "reset password"


def predicted(client: Client, prefix: str) -> list[str]:
    body = client.get("/api/v1/search/autocomplete", {"q": prefix, "locale": "en"}).json()
    return [item["text"] for item in body["queries"]]


# Committed data (the server thread must see it); the migrations' data is restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_never_suggest_this_from_the_report_in_english_and_arabic(browser, live_server, settings):
    settings.SEARCH_URL = ""
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account and login")
    ArticlePageFactory(parent=topic, title="Reset your password", slug="reset-your-password")
    visitors = Client()
    for number in range(1, 6):
        visitors.get("/en/search/", {"q": QUERY}, REMOTE_ADDR=f"198.51.100.{number}")
    visitors.get("/en/search/", {"q": "qqzzx"}, REMOTE_ADDR="198.51.100.9")
    assert predicted(visitors, "reset") == [QUERY]
    group = Group.objects.create(name="Search analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_searchlogentry"),
    )
    for language, direction in [("en", "ltr"), ("ar", "rtl")]:
        BlockedPrediction.objects.all().delete()
        assert predicted(visitors, "reset") == [QUERY]
        analyst_blocks_from_the_report(browser, live_server, group, visitors, language, direction)


def analyst_blocks_from_the_report(browser, live_server, group, visitors, language, direction):
    user = get_user_model().objects.create_user(f"analyst-{language}", password=PASSWORD)
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/reports/search-terms/?language=en")
        assert page.locator("html").get_attribute("dir") == direction
        button = page.locator("#top-queries form button").first
        button.wait_for(state="visible")
        screenshot(page, f"search-terms-report-{language}")

        button.click()
        page.wait_for_url(f"{live_server.url}/admin/reports/search-terms/?language=en")
        assert BlockedPrediction.objects.filter(language="en", phrase=QUERY).exists()
        assert predicted(visitors, "reset") == []  # at once
        assert page.locator("#top-queries .w-status").count() == 1
        screenshot(page, f"search-terms-report-blocked-{language}")

        # Seeing the listing needs the snippet's permission: an editor who has it.
        user.user_permissions.add(Permission.objects.get(codename="view_blockedprediction"))
        page.goto(f"{live_server.url}/admin/snippets/search/blockedprediction/")
        assert page.get_by_text(QUERY).first.is_visible()
        screenshot(page, f"blocked-predictions-{language}")
    finally:
        context.close()
