"""The "account hacked" form in a real browser, in English and Arabic: branches appear and
disappear as the visitor answers, the steps work with the keyboard, and the reference shows."""

import re

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

TEXT = {
    "en": {"yes": "Yes", "title": "My account was hacked"},
    "ar": {"yes": "نعم", "title": "تم اختراق حسابي"},
}


def decline_measurement(context, site_url: str) -> None:
    """The visitor already answered the consent banner (it would cover the form's buttons)."""
    context.add_cookies([{"name": "hc_consent", "value": "denied", "url": site_url}])


def field(tab, name: str):
    return tab.locator(f'[data-field="{name}"]')


def current_step(tab):
    return tab.locator("[data-step]:visible")


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_account_hacked_form_branches_and_steps_with_the_keyboard(live_site, browser, code):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale=code)
    decline_measurement(context, live_site)
    tab = context.new_page()
    try:
        tab.goto(f"{live_site}/{code}/hacked-accounts/account-hacked/")
        assert tab.get_by_role("heading", level=1).inner_text() == TEXT[code]["title"]
        assert tab.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
        # With JavaScript: one step at a time, follow-ups hidden, conditions not written out.
        assert tab.locator("[data-step]:visible").count() == 1
        assert field(tab, "lost_email").is_hidden()
        assert tab.locator(".form-field__condition:visible").count() == 0
        screenshot(tab, f"contact-form-{code}-1-start")

        tab.locator("#id_email").focus()
        tab.keyboard.type("pinner@example.com")
        tab.keyboard.press("Tab")
        tab.locator("#id_hacked_0").focus()  # "yes"
        tab.keyboard.press("Space")
        assert field(tab, "lost_email").is_visible()
        assert field(tab, "last_access").is_visible()
        assert field(tab, "other_problem").is_hidden()
        screenshot(tab, f"contact-form-{code}-2-yes")

        tab.keyboard.press("ArrowDown" if code == "en" else "ArrowDown")  # radio group: "no"
        assert tab.locator("#id_hacked_1").is_checked()
        assert field(tab, "lost_email").is_hidden()
        assert field(tab, "other_problem").is_visible()
        screenshot(tab, f"contact-form-{code}-3-no")

        tab.keyboard.press("ArrowUp")  # back to "yes"
        assert tab.locator("#id_hacked_0").is_checked()
        assert field(tab, "lost_email").is_visible()
        tab.locator("#id_lost_email_1").focus()  # "no"
        tab.keyboard.press("Space")
        assert field(tab, "contact_email").is_visible()

        # Next with an empty required field stays put and says why.
        tab.locator("#id_email").fill("")
        tab.locator("#id_email").focus()
        tab.keyboard.press("Enter")
        assert current_step(tab).get_attribute("data-step") == "about"
        assert field(tab, "email").locator("[data-client-error]").is_visible()
        tab.keyboard.type("pinner@example.com")
        tab.keyboard.press("Enter")  # Enter in a one-line field moves to the next step
        assert current_step(tab).get_attribute("data-step") == "damage"
        assert tab.evaluate("document.activeElement.tagName") == "LEGEND"

        tab.locator("#id_changes_2").focus()  # "ran ads"
        tab.keyboard.press("Space")
        assert field(tab, "ad_spend").is_visible()
        tab.locator("#id_ad_spend").focus()
        tab.keyboard.type("120")
        screenshot(tab, f"contact-form-{code}-4-damage")
        tab.keyboard.press("Enter")
        assert current_step(tab).get_attribute("data-step") == "details"
        tab.locator("#id_description").focus()
        tab.keyboard.type("They ran ads I did not create.")
        current_step(tab).locator("[data-next]").focus()
        tab.keyboard.press("Enter")

        summary = tab.locator("[data-summary]")
        assert summary.is_visible()
        text = summary.inner_text()
        assert "pinner@example.com" in text and "120" in text and TEXT[code]["yes"] in text
        screenshot(tab, f"contact-form-{code}-5-summary")
        tab.locator("[data-submit-row] button").focus()
        tab.keyboard.press("Enter")
        tab.wait_for_selector("[data-reference]")
        reference = tab.locator("[data-reference]").inner_text()
        assert re.fullmatch(r"HC-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", reference)
        screenshot(tab, f"contact-form-{code}-6-confirmation")
    finally:
        context.close()


def test_without_javascript_every_branch_is_shown_with_its_condition(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    decline_measurement(context, live_site)
    tab = context.new_page()
    try:
        tab.goto(f"{live_site}/en/hacked-accounts/account-hacked/")
        assert tab.locator("[data-step]:visible").count() == 3
        assert field(tab, "lost_email").is_visible() and field(tab, "other_problem").is_visible()
        assert tab.get_by_text(
            "Only if “Do you think someone else got into your account?”"
        ).first.is_visible()
        screenshot(tab, "contact-form-en-no-javascript")
        tab.fill("#id_email", "pinner@example.com")
        tab.check("#id_hacked_1")
        tab.fill("#id_other_problem", "My avatar is gone.")
        tab.locator("[data-submit-row] button").click()
        tab.wait_for_selector("[data-reference]")
        assert tab.locator("[data-reference]").inner_text().startswith("HC-")
    finally:
        context.close()
