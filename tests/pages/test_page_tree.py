"""The demo help center's page tree and its translations."""

import pytest
from wagtail.models import Locale, Page

from forms.models import ContactFormPage
from pages.models import ArticlePage, HelpCenterHomePage, HelpPage, TopicPage, TutorialPage

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_home_lists_topics_which_hold_articles_and_tutorials(demo):
    topics = TopicPage.objects.child_of(demo).live()
    assert topics.count() >= 8
    for topic in topics:
        kinds = {type(child.specific) for child in topic.get_children().live()}
        assert kinds <= {ArticlePage, TutorialPage, TopicPage, ContactFormPage}, topic.title
        assert ArticlePage in kinds, f"{topic.title} has no article"
    english = HelpPage.objects.live().filter(locale__language_code="en")
    assert english.count() >= 60
    assert TutorialPage.objects.filter(locale__language_code="en").count() >= 8


def test_wagtail_allows_only_the_intended_tree():
    assert HelpCenterHomePage.allowed_subpage_models() == [TopicPage, ContactFormPage]
    assert set(TopicPage.allowed_subpage_models()) == {
        TopicPage,
        ArticlePage,
        TutorialPage,
        ContactFormPage,
    }
    assert ArticlePage.allowed_subpage_models() == []
    assert not HelpPage.is_creatable


@pytest.mark.parametrize("code", ["es", "ar", "ru", "he", "uk", "ko", "tr", "pt-br", "ja", "fr"])
def test_every_article_is_fully_translated_in_real_text(demo, code):
    locale = Locale.objects.get(language_code=code)
    # The Help Center's articles (Business Help's are in its own languages: es, fr, de, …).
    english_pages = HelpPage.objects.live().descendant_of(demo).filter(locale__language_code="en")
    for english in english_pages.specific():
        translation = english.get_translation(locale).specific
        assert not translation.alias_of_id, f"{english.slug} is only an alias in {code}"
        assert translation.live
        assert translation.title != english.title
        assert translation.summary != english.summary


def test_script_of_translations_is_the_languages_own(demo):
    page = ArticlePage.objects.get(slug="save-a-pin", locale__language_code="en")
    arabic = page.get_translation(Locale.objects.get(language_code="ar")).specific
    russian = page.get_translation(Locale.objects.get(language_code="ru")).specific
    hebrew = page.get_translation(Locale.objects.get(language_code="he")).specific
    ukrainian = page.get_translation(Locale.objects.get(language_code="uk")).specific
    korean = page.get_translation(Locale.objects.get(language_code="ko")).specific
    japanese = page.get_translation(Locale.objects.get(language_code="ja")).specific
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic.title)
    assert any("\u0400" <= ch <= "\u04ff" for ch in russian.title)
    assert any("\u0600" <= ch <= "\u06ff" for ch in str(arabic.body))
    assert any("\u0590" <= ch <= "\u05ff" for ch in hebrew.title)
    assert any("\u0590" <= ch <= "\u05ff" for ch in str(hebrew.body))
    assert any(ch in "іїєґ" for ch in ukrainian.title.lower() + str(ukrainian.body))  # not Russian
    assert any("\uac00" <= ch <= "\ud7a3" for ch in korean.title)
    assert any("\u3040" <= ch <= "\u30ff" for ch in japanese.title + str(japanese.body))


@pytest.mark.parametrize("code", ["fr", "de", "pt-br", "ja", "ko", "tr", "uk", "he"])
def test_other_locales_are_synchronised_through_wagtail_localize(demo, code):
    locale = Locale.objects.get(language_code=code)
    home = demo.get_translation(locale)
    assert not home.alias_of_id and home.title != demo.title
    for topic in TopicPage.objects.child_of(demo):
        translated = topic.get_translation(locale)
        assert translated.title != topic.title or code == "de"  # a few titles are alike
    english_pages = Page.objects.descendant_of(demo).count()
    assert Page.objects.descendant_of(home).count() == english_pages


def test_seed_demo_is_idempotent(demo):
    from django.core.management import call_command

    before = Page.objects.count()
    call_command("seed_demo", verbosity=0)
    assert Page.objects.count() == before


def test_the_navigation_gives_every_page_the_url_wagtail_gives_it(demo):
    """pages.page_urls computes the URLs without Wagtail's get_url_parts: on the demo's two
    sites, in every language (Arabic and Cyrillic slugs, aliases), they must be the same."""
    from django.utils import translation

    from pages import navigation

    nav = navigation.build()
    compared = 0
    with translation.override("en"):
        for page in Page.objects.live().public().filter(depth__gt=1):
            parts = page.get_url_parts()
            entry = nav.pages.get(page.id)
            if parts is None or parts[2] is None:
                assert entry is None, page.url_path
                continue
            assert (entry.site_id, entry.root_url, entry.page_path) == parts, page.url_path
            compared += 1
    assert compared > 800
