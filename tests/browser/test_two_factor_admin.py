"""A reviewer (who can publish) enrols in two-factor in the Arabic, right-to-left admin and in
English; a locked-out sign-in and the Locked-out sign-ins listing, as a browser shows them.

Served in-process (`site_in_process`) so that the tests can turn settings on; the accounts are
committed for the module and removed afterwards, with what the server recorded about them.
"""

from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import TOTP

from .conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "reviewer-password"
PREFIX = "2fa-test-"


def make_reviewer(username: str, language: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name="Reviewers"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture(scope="module")
def staff(demo_site, django_db_blocker):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        for language in ("ar", "en", "locked"):
            make_reviewer(f"{PREFIX}{language}", "en" if language == "en" else "ar")
        get_user_model().objects.create_superuser(f"{PREFIX}root", password=PASSWORD)
    yield
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username__startswith=PREFIX).delete()  # and devices
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__startswith=PREFIX).delete()


def sign_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()


def code_for(secret: str) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


@override_settings(STAFF_2FA_REQUIRED=True)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_reviewer_enrols_then_reaches_the_admin(site_in_process, staff, tab, language):
    base_url = site_in_process
    sign_in(tab, base_url, f"{PREFIX}{language}")
    tab.wait_for_url("**/admin/two-factor/enrol/**")
    html = tab.locator("html")
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert tab.locator(".second-factor-qr svg").is_visible()
    if language == "ar":
        assert "إعداد المصادقة الثنائية" in tab.locator("h1").inner_text()
        # Steps start on the right in RTL; the key stays left-to-right.
        steps = tab.locator(".second-factor-steps").bounding_box()
        assert steps["x"] + steps["width"] > 1280 / 2
        assert tab.locator("[data-secret]").get_attribute("dir") == "ltr"
    screenshot(tab, f"two-factor-enrol-{language}")

    tab.fill("input[name=code]", code_for(tab.locator("[data-secret]").inner_text()))
    tab.locator("form.login-form button[type=submit]").click()
    codes = tab.locator("[data-recovery-codes] li")
    codes.first.wait_for()
    assert codes.count() == 10
    screenshot(tab, f"two-factor-recovery-codes-{language}")
    tab.locator("main a.button").click()
    tab.wait_for_url(f"{base_url}/admin/")
    tab.locator("#wagtail-sidebar").get_by_role("link").first.wait_for(state="visible")


@override_settings(GEO_TRUSTED_PROXIES=1)
def test_a_locked_out_sign_in_in_arabic_and_the_unlock_listing(browser, site_in_process, staff):
    """The failures come through a (pretend) proxy from another address, so the administrator
    signing in directly from 127.0.0.1 is not caught by the address lock."""
    base_url = site_in_process
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="ar",
        extra_http_headers={"X-Forwarded-For": "203.0.113.50"},
    )
    page = context.new_page()
    try:
        for _ in range(5):
            sign_in(page, base_url, f"{PREFIX}locked", "wrong")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("[data-lockout]").is_visible()
        screenshot(page, "login-locked-out-ar")
    finally:
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, base_url, f"{PREFIX}root")
        page.wait_for_url(f"{base_url}/admin/")
        page.goto(f"{base_url}/admin/locked-out-sign-ins/")
        row = page.locator("tr[data-attempt]", has_text=f"{PREFIX}locked")
        assert "203.0.113.50" in row.inner_text()
        screenshot(page, "locked-out-sign-ins-en")
        with page.expect_navigation():
            row.get_by_role("button").click()
        assert page.locator("tr[data-attempt]", has_text=f"{PREFIX}locked").count() == 0
    finally:
        context.close()
