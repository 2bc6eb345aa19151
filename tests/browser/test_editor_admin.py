"""An Arabic-speaking editor works in an Arabic, right-to-left admin and reads the Editor guide.

Runs against pytest-django's live server on the session's seeded database; the editor is
committed outside any test transaction so the server thread sees them.
"""

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
USERNAME, PASSWORD = "arabic-editor", "arabic-editor-password"


@pytest.fixture(scope="module")
def arabic_editor(django_db_setup, django_db_blocker):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    with django_db_blocker.unblock():
        user, _created = get_user_model().objects.get_or_create(username=USERNAME)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ar"
        profile.save()
    return user


@pytest.fixture(scope="module")
def chromium():
    # Playwright's sync API runs an event loop in this thread; Django must not take the test
    # process for async code meanwhile. Restored afterwards so it leaks into nothing else.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_arabic_editor_gets_an_rtl_admin_and_the_arabic_editor_guide(
    chromium, live_server, arabic_editor
):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", USERNAME)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/admin/")

        html = page.locator("html")
        assert html.get_attribute("lang") == "ar"
        assert html.get_attribute("dir") == "rtl"
        # The sidebar sits on the right in an RTL admin.
        menu_item = page.locator("#wagtail-sidebar").get_by_role("link", name="دليل المحرر")
        menu_item.first.wait_for(state="visible")
        box = menu_item.first.bounding_box()
        assert box is not None and box["x"] > 1280 / 2, box
        screenshot(page, "admin-dashboard-ar")

        page.get_by_role("link", name="دليل المحرر").first.click()
        page.wait_for_url(f"{live_server.url}/admin/editor-guide/")
        assert page.get_by_role("heading", name="دليل المحرر").first.is_visible()
        page.get_by_role("link", name="كيف تترجم صفحة").click()
        page.wait_for_url(f"{live_server.url}/admin/editor-guide/translate-a-page/")
        article = page.locator("article.editor-guide")
        assert article.get_attribute("lang") == "ar"
        assert "مزامنة الصفحات المترجمة" in article.inner_text()
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        screenshot(page, "editor-guide-ar")
    except Exception:
        screenshot(page, "FAILED-editor-guide-ar")
        raise
    finally:
        context.close()
