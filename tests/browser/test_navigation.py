"""A visitor browses home → topic → article in English, Arabic (RTL) and Russian (Cyrillic)."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

JOURNEYS = {
    # language: (topic title, article title) as the demo content has them
    "en": ("Boards & Pins", "Save a Pin to a board"),
    "ar": ("اللوحات والدبابيس", None),
    "ru": ("Доски и пины", None),
}


@pytest.mark.parametrize("code", ["en", "ar", "ru"])
def test_home_topic_article_journey(tab, live_site, code):
    topic_title, article_title = JOURNEYS[code]
    tab.goto(f"{live_site}/{code}/")
    html = tab.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
    screenshot(tab, f"home-{code}")

    tab.get_by_role("link", name=topic_title).first.click()
    tab.wait_for_load_state()
    assert tab.url.endswith(f"/{code}/boards-and-pins/")
    assert tab.get_by_role("heading", level=1).inner_text() == topic_title
    screenshot(tab, f"topic-{code}")

    cards = tab.locator("main .card")
    first_title = cards.first.locator("h3").inner_text()
    if article_title:
        tab.get_by_role("link", name=article_title).click()
    else:
        cards.first.click()
    tab.wait_for_load_state()
    heading = tab.get_by_role("heading", level=1).inner_text()
    assert heading == (article_title or first_title)
    assert tab.locator("article").get_attribute("lang") == code
    screenshot(tab, f"article-{code}")

    # The breadcrumb leads back to the topic, and text-direction decides where it starts.
    crumbs = tab.locator("nav.breadcrumbs ol")
    box = crumbs.locator("li").first.bounding_box()
    width = tab.viewport_size["width"]
    if code == "ar":
        assert box["x"] + box["width"] > width / 2, "RTL breadcrumb should start on the right"
    else:
        assert box["x"] < width / 2, "LTR breadcrumb should start on the left"


def test_rtl_layout_mirrors_header_and_steps(tab, live_site):
    tab.goto(f"{live_site}/ar/boards-and-pins/save-a-pin/")
    width = tab.viewport_size["width"]
    brand = tab.locator(".site-header__brand").bounding_box()
    assert brand["x"] > width / 2, "the brand sits at the inline start: the right in Arabic"
    step = tab.locator("ol.steps > li").first
    marker_left = tab.evaluate(
        "el => getComputedStyle(el, '::before').insetInlineStart", step.element_handle()
    )
    assert marker_left == "0px"
    text_box = step.bounding_box()
    padding_right = tab.evaluate("el => getComputedStyle(el).paddingRight", step.element_handle())
    assert padding_right != "0px", "step numbers sit on the right of Arabic steps"
    assert text_box["width"] > 0
    screenshot(tab, "article-ar-rtl")


def test_language_switcher_keeps_the_page(tab, live_site):
    tab.goto(f"{live_site}/en/boards-and-pins/save-a-pin/")
    tab.locator(".language-switcher summary").click()
    tab.get_by_role("link", name="العربية").click()
    tab.wait_for_load_state()
    assert tab.url == f"{live_site}/ar/boards-and-pins/save-a-pin/"
    assert tab.locator("html").get_attribute("dir") == "rtl"
    tab.locator(".language-switcher summary").click()
    tab.get_by_role("link", name="Русский").click()
    tab.wait_for_load_state()
    assert tab.url == f"{live_site}/ru/boards-and-pins/save-a-pin/"
    screenshot(tab, "switcher-ru")


def test_keyboard_user_can_skip_to_content_and_sees_focus(tab, live_site):
    tab.goto(f"{live_site}/en/")
    tab.keyboard.press("Tab")
    skip = tab.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"


def test_small_screen_has_no_horizontal_scroll(browser, live_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    for path in ("/ar/", "/ru/boards-and-pins/save-a-pin/"):
        tab.goto(live_site + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    screenshot(tab, "mobile-ru-article")
    context.close()
