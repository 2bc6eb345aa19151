"""A reviewer (who can publish) enrols in two-factor in the Arabic, right-to-left admin and in
English; a locked-out sign-in and the Locked-out sign-ins listing, as a browser shows them."""

from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import TOTP

from .conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "reviewer-password"


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
def test_a_reviewer_enrols_then_reaches_the_admin(tab, live_server, language):
    make_reviewer(f"reviewer-{language}", language)
    sign_in(tab, live_server.url, f"reviewer-{language}")
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
    tab.wait_for_url(f"{live_server.url}/admin/")
    tab.locator("#wagtail-sidebar").get_by_role("link").first.wait_for(state="visible")


@override_settings(GEO_TRUSTED_PROXIES=1)
def test_a_locked_out_sign_in_in_arabic_and_the_unlock_listing(browser, live_server):
    """The failures come through a (pretend) proxy from another address, so the administrator
    signing in directly from 127.0.0.1 is not caught by the address lock."""
    from django.contrib.auth import get_user_model

    make_reviewer("reviewer-locked", "ar")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="ar",
        extra_http_headers={"X-Forwarded-For": "203.0.113.50"},
    )
    page = context.new_page()
    try:
        for _ in range(5):
            sign_in(page, live_server.url, "reviewer-locked", "wrong")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("[data-lockout]").is_visible()
        screenshot(page, "login-locked-out-ar")
    finally:
        context.close()

    get_user_model().objects.create_superuser("root", password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "root")
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/locked-out-sign-ins/")
        row = page.locator("tr[data-attempt]")
        assert "reviewer-locked" in row.first.inner_text()
        screenshot(page, "locked-out-sign-ins-en")
        row.first.get_by_role("button").click()
        page.wait_for_url(f"{live_server.url}/admin/locked-out-sign-ins/")
        assert page.locator("tr[data-attempt]").count() == 0
    finally:
        context.close()
