"""A visitor types a natural question in English and in Arabic, sees the article suggested
before finishing the sentence, submits, reads the direct answer above the results, says it
helped, and opens the answer's place in the article (its anchor). In German, where the demo
shows the English articles, a question suggests its article once the visitor pauses (the
widget's second round, by meaning).

Served in-process (`site_in_process`) on the seeded demo with semantic search on (the database
backend); the passages of the account topic's articles in en and ar are embedded and committed
for the module (the server's threads must see them) and removed afterwards."""

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ARTICLE = "/{language}/account-and-login/reset-your-password/"
QUESTIONS = {
    # (typed before the suggestion must show, the rest of the sentence)
    "en": ("forgot my passw", "ord, how do i reset it"),
    "ar": ("نسيت كلمة المرو", "ر، كيف أستعيدها؟"),
}


@pytest.fixture(scope="module")
def embedded(demo_site, django_db_blocker):
    from django.test import override_settings
    from wagtail.models import Page

    from search import semantic
    from search.models import AnswerFeedback, PassageVector

    with django_db_blocker.unblock(), override_settings(SEARCH_SEMANTIC=True, SEARCH_URL=""):
        topics = Page.objects.filter(slug="account-and-login", locale__language_code__in=QUESTIONS)
        pages = [
            page
            for topic in topics
            for page in topic.get_descendants(inclusive=True).live().specific()
        ]
        for page in pages:
            semantic.store(page)
        yield {
            page.locale.language_code: page.title
            for page in pages
            if page.slug == "reset-your-password"
        }
        PassageVector.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        AnswerFeedback.objects.filter(page_id__in=[page.pk for page in pages]).delete()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_question_suggests_answers_and_leads_to_the_place(
    embedded, settings, site_in_process, tab, language
):
    settings.SEARCH_SEMANTIC = True
    settings.SEARCH_URL = ""
    article = ARTICLE.format(language=language)
    start, rest = QUESTIONS[language]
    tab.goto(f"{site_in_process}/{language}/search/")
    box = tab.locator("#search-results")
    box.click()
    box.press_sequentially(start, delay=40)
    suggestion = tab.locator("#search-results-listbox [role=option]", has_text=embedded[language])
    suggestion.first.wait_for(state="visible", timeout=10_000)  # before the sentence is finished
    box.press_sequentially(rest, delay=40)
    with tab.expect_navigation():
        box.press("Enter")

    answer = tab.locator("[data-search-answer]")
    answer.wait_for(state="visible", timeout=10_000)
    assert tab.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    quoted = answer.locator(".search-answer__text").inner_text().strip()
    link = answer.locator("[data-search-answer-link]")
    href = link.get_attribute("href")
    assert href.startswith(article + "#b-")
    screenshot(tab, f"search-answer-{language}", full_page=False)

    answer.locator("button[value=yes]").click()
    status = answer.locator("[data-answer-feedback-status]")
    status.wait_for(state="visible", timeout=10_000)
    assert status.inner_text().strip()

    link.click()
    tab.wait_for_url(f"{site_in_process}{href}")
    anchor = href.split("#", 1)[1]
    place = tab.locator(f'[id="{anchor}"]')
    assert place.is_visible()
    assert (
        tab.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        == anchor
    )
    assert quoted[:20] in " ".join(place.inner_text().split())
    screenshot(tab, f"search-answer-anchor-{language}", full_page=False)


def test_a_pause_suggests_by_meaning_where_words_cannot(
    embedded, settings, site_in_process, tab, client
):
    """German words cannot match the English text shown at /de/: the first round suggests
    nothing useful, the second (meaning=1, after the pause) the article."""
    settings.SEARCH_SEMANTIC = True
    settings.SEARCH_URL = ""
    question = "neue Mailadresse eintragen"
    title = "Change your email address"
    by_words = client.get(
        "/api/v1/search/autocomplete", {"q": question, "locale": "de", "meaning": "0"}
    ).json()
    assert title not in [s["title"] for s in by_words["suggestions"][:3]]
    tab.goto(f"{site_in_process}/de/search/")
    box = tab.locator("#search-results")
    box.click()
    box.press_sequentially(question, delay=40)
    suggestion = tab.locator("#search-results-listbox [role=option]", has_text=title)
    suggestion.first.wait_for(state="visible", timeout=10_000)
    options = tab.locator("#search-results-listbox [role=option]")
    assert title in " ".join(options.nth(i).inner_text() for i in range(min(3, options.count())))
    screenshot(tab, "search-autocomplete-meaning-de", full_page=False)
    with tab.expect_navigation():
        suggestion.first.click()
    assert tab.url == f"{site_in_process}/de/account-and-login/change-your-email-address/"


# The second round answers this long after the pause (the page's fetch is slowed), so the
# pointer is on the list before it arrives.
SLOW_SECOND_ROUND = """(() => {
  const fetchNow = window.fetch;
  window.fetch = (url, options) => String(url).includes("meaning=1")
    ? new Promise((wait) => setTimeout(wait, 1500)).then(() => fetchNow(url, options))
    : fetchNow(url, options);
})();"""


def test_the_second_round_waits_while_the_pointer_is_on_the_list(
    embedded, settings, site_in_process, tab, client
):
    """A suggestion never moves under the mouse: while the pointer rests on the list, the
    second round's answer is held; it replaces the list once the pointer leaves."""
    settings.SEARCH_SEMANTIC = True
    settings.SEARCH_URL = ""
    question = "email change"

    def titles(meaning: str) -> list[str]:
        answer = client.get(
            "/api/v1/search/autocomplete", {"q": question, "locale": "de", "meaning": meaning}
        ).json()
        return [s["title"] for s in answer["suggestions"]]

    first, second = titles("0"), titles("1")
    assert first and second and first != second  # otherwise nothing here could fail
    tab.add_init_script(SLOW_SECOND_ROUND)
    tab.goto(f"{site_in_process}/de/search/")
    box = tab.locator("#search-results")
    box.click()
    pages = tab.locator("#search-results-listbox .search-combobox__option--page")
    with tab.expect_response(lambda response: "meaning=1" in response.url, timeout=15_000):
        box.press_sequentially(question, delay=40)
        pages.first.wait_for(state="visible", timeout=10_000)
        assert pages.locator(".search-combobox__text").all_inner_texts() == first
        pages.nth(1).hover()
    tab.wait_for_timeout(300)  # the answer has been read
    assert pages.locator(".search-combobox__text").all_inner_texts() == first
    tab.mouse.move(5, 5)
    tab.wait_for_function(
        "titles => [...document.querySelectorAll("
        "'#search-results-listbox .search-combobox__option--page .search-combobox__text')]"
        ".map(e => e.textContent).join('|') === titles.join('|')",
        arg=second,
        timeout=5_000,
    )
