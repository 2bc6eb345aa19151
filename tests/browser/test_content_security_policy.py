"""The public site and the Wagtail admin work under the enforced Content-Security-Policy.

Every visit collects violations three ways: Chromium's console messages about the policy, the
`securitypolicyviolation` DOM events of every frame (an init script records them, so the live
preview's iframe is covered too), and the reports the server logged at its `/csp-report`
endpoint. Each test asserts that all three are empty, and saves screenshots to look at.
"""

import json
import subprocess
import sys

import pytest

from .conftest import LIVE_SITES, ROOT, screenshot

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI}` +
      ` at ${event.sourceFile}:${event.lineNumber}`
  );
}, true);
"""
USERNAME, PASSWORD = "csp-superuser", "csp-superuser-password-9c1"
FIND_PAGES = f"""
import json
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from pages.models import ArticlePage

user, _ = get_user_model().objects.get_or_create(username={USERNAME!r})
user.is_staff = user.is_superuser = True
user.set_password({PASSWORD!r})
user.save()
article = ArticlePage.objects.get(
    locale__language_code="en", url_path__endswith="/troubleshoot-login-problems/"
)
arabic = article.get_translation(Locale.objects.get(language_code="ar"))
print(json.dumps({{"article": article.pk, "arabic": arabic.pk}}))
"""


class Violations:
    """What the browser and the server said about the policy while a tab was open."""

    def __init__(self, site: str, tab):
        self.tab = tab
        self.console: list[str] = []
        self.log = LIVE_SITES[site]["log"]
        self.log_start = self.log.stat().st_size
        tab.context.add_init_script(RECORD_VIOLATIONS)
        tab.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and self.console.append(f"{tab.url}: {message.text}")
            ),
        )

    def in_frames(self) -> list[str]:
        found = []
        for frame in self.tab.frames:
            try:
                recorded = frame.evaluate("window.__cspViolations || []")
                found += [f"{frame.url}: {violation}" for violation in recorded]
            except Exception:  # a frame navigating away while asked
                continue
        return found

    def reported_to_server(self) -> list[str]:
        with self.log.open() as log:
            log.seek(self.log_start)
            return [line for line in log if "CSP violation" in line]

    def assert_none(self, where: str) -> None:
        self.tab.wait_for_timeout(300)  # reports are sent asynchronously
        found = self.console + self.in_frames() + self.reported_to_server()
        assert not found, f"CSP violations on {where}:\n" + "\n".join(found)


@pytest.fixture
def decline_measurement():
    def decline(context, site_url):
        context.add_cookies([{"name": "hc_consent", "value": "denied", "url": site_url}])

    return decline


def enforced_policy(response) -> str:
    headers = response.all_headers()
    assert "content-security-policy-report-only" not in headers
    policy = headers["content-security-policy"]
    assert "'unsafe-eval'" not in policy
    return policy


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_public_site_works_under_the_policy(live_site, browser, code, decline_measurement):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale=code)
    decline_measurement(context, live_site)
    tab = context.new_page()
    violations = Violations(live_site, tab)
    try:
        policy = enforced_policy(tab.goto(f"{live_site}/{code}/"))
        assert "'unsafe-inline'" not in policy
        assert tab.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
        # Styled: the stylesheet and the region theme's own stylesheet both apply.
        assert tab.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
        screenshot(tab, f"csp-home-{code}")

        tab.goto(f"{live_site}/{code}/account-and-login/troubleshoot-login-problems/")
        tab.get_by_role("heading", level=1).wait_for()
        screenshot(tab, f"csp-article-{code}")

        tab.goto(f"{live_site}/{code}/search/")
        box = tab.locator("#search-results")
        box.click()
        box.press_sequentially("reset your" if code == "en" else "تسجيل", delay=60)
        tab.locator("#search-results-listbox").wait_for(state="visible", timeout=10_000)
        screenshot(tab, f"csp-search-{code}", full_page=False)

        tab.goto(f"{live_site}/{code}/hacked-accounts/account-hacked/")
        assert tab.locator('[data-field="lost_email"]').is_hidden()
        tab.locator("#id_hacked_0").check()  # the conditional follow-up appears (JavaScript ran)
        assert tab.locator('[data-field="lost_email"]').is_visible()
        screenshot(tab, f"csp-contact-form-{code}")
        violations.assert_none(f"the public site in {code}")
    finally:
        context.close()


@pytest.fixture
def admin_pages(live_site) -> dict:
    """Signs up a superuser on the live site's database; the ids of the pages to visit."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", FIND_PAGES],
        env=LIVE_SITES[live_site]["env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_admin_editor_preview_and_translation_editor_work_under_the_policy(
    live_site, browser, admin_pages
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    violations = Violations(live_site, tab)
    try:
        tab.goto(f"{live_site}/admin/login/")
        tab.fill("input[name=username]", USERNAME)
        tab.fill("input[name=password]", PASSWORD)
        tab.locator("form button[type=submit]").first.click()
        tab.wait_for_url(f"{live_site}/admin/")
        policy = enforced_policy(tab.reload())
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        screenshot(tab, "csp-admin-dashboard")

        tab.goto(f"{live_site}/admin/pages/")
        filter_date = tab.locator("[name=latest_revision_created_at_from]")
        assert filter_date.get_attribute("data-hc-chooser-started") == "true"
        screenshot(tab, "csp-admin-explorer", full_page=False)

        tab.goto(f"{live_site}/admin/pages/{admin_pages['article']}/edit/")
        # The "last reviewed" date chooser started without an inline script.
        assert tab.locator("#id_last_reviewed").get_attribute("data-hc-chooser-started") == "true"
        body = tab.locator("#panel-child-content-body-section")
        body.locator("button.c-sf-add-button[title='Insert a block']").first.click()
        tab.locator("[role=option]:visible", has_text="Callout").first.click()
        body.locator("[data-contentpath=tone]").first.wait_for()
        tab.locator("button[data-side-panel-toggle='preview']").click()
        # Wagtail loads the preview into a second iframe and then swaps them: the newest one.
        preview = tab.locator("iframe[data-w-preview-target='iframe']").last.content_frame
        preview.locator("h1").first.wait_for(timeout=20_000)
        tab.wait_for_timeout(1000)
        screenshot(tab, "csp-admin-editor-preview", full_page=False)

        tab.goto(f"{live_site}/admin/pages/{admin_pages['arabic']}/edit/")
        editor = tab.locator(".js-translation-editor")
        editor.get_by_text("حل مشكلات تسجيل الدخول").first.wait_for(timeout=20_000)
        screenshot(tab, "csp-admin-translation-editor-ar", full_page=False)

        tab.goto(f"{live_site}/admin/editor-guide/")
        screenshot(tab, "csp-admin-editor-guide", full_page=False)

        tab.goto(f"{live_site}/admin/reports/search-terms/")
        with tab.expect_navigation():  # the language menu submits itself (no inline handler)
            tab.select_option("#report-language", "ar")
        assert "language=ar" in tab.url

        tab.goto(f"{live_site}/admin/tracking/")
        tab.locator("figure svg").first.wait_for()
        screenshot(tab, "csp-admin-kpi-dashboard")
        violations.assert_none("the admin")
    finally:
        context.close()
