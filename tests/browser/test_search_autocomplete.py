"""Search-as-you-type in a real browser: type, pick a suggestion with the keyboard, land on it.

The site is served by a real HTTP server on 127.0.0.1 over the seeded test database
(`site_in_process`); autocomplete answers from Elasticsearch when SEARCH_URL is set (as in
`make test`), from the database backend otherwise."""

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("en", "reset your", "/en/account-and-login/reset-your-password/"),
        ("ar", "إعادة تعي", "/ar/account-and-login/reset-your-password/"),
    ],
)
def test_type_choose_with_the_keyboard_and_land_on_the_article(
    site_in_process, tab, language, typed, expected
):
    tab.goto(f"{site_in_process}/{language}/search/")
    box = tab.locator("#search-results")
    box.click()
    box.press_sequentially(typed, delay=60)
    listbox = tab.locator("#search-results-listbox")
    # The list for the whole text: one for a shorter prefix may show first, and a list the
    # visitor moves through with the keys is never replaced under them.
    tab.locator(f'#search-results-listbox[data-for="{typed}"]').wait_for(
        state="visible", timeout=10_000
    )
    assert box.get_attribute("aria-expanded") == "true"
    assert tab.locator("#search-results-listbox [role=option]").count() >= 1
    status = tab.locator(".search-combobox [role=status]").first
    assert status.inner_text().strip()  # announced to screen readers
    box.press("ArrowDown")
    first = tab.locator("#search-results-listbox [role=option]").first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    screenshot(tab, f"search-autocomplete-{language}", full_page=False)
    if language == "ar":
        # The list opens under the box, aligned to its right edge in RTL.
        box_right = box.bounding_box()["x"] + box.bounding_box()["width"]
        list_box = listbox.bounding_box()
        assert tab.locator("html").get_attribute("dir") == "rtl"
        assert abs((list_box["x"] + list_box["width"]) - box_right) < 120
    with tab.expect_navigation():
        box.press("Enter")
    assert tab.url == f"{site_in_process}{expected}"


def test_escape_closes_the_suggestions(site_in_process, tab):
    tab.goto(f"{site_in_process}/en/search/")
    box = tab.locator("#search-results")
    box.click()
    box.press_sequentially("pass", delay=60)
    tab.locator("#search-results-listbox").wait_for(state="visible", timeout=10_000)
    box.press("Escape")
    assert tab.locator("#search-results-listbox").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
