"""The translator's path in the Arabic (right-to-left) and English admin: the dashboard's
"your language" line, the one button on an untranslated page, and the translation editor's
footer with "Submit for review" first and the machine drafts left.

Served in-process (`site_in_process`); the users are committed for the module and removed
afterwards, with the articles (English and Arabic) made for it.
"""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "translator-password"
PREFIX = "i15-translator-"


@pytest.fixture(scope="module")
def translators(demo_site, django_db_blocker):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page
    from wagtail.users.models import UserProfile
    from wagtail_localize.models import Translation, TranslationSource

    from cms.editorial import roles
    from pages.models import ArticlePage, TopicPage

    with django_db_blocker.unblock():
        arabic = Locale.objects.get(language_code="ar")
        topic = TopicPage.objects.filter(locale__language_code="en", live=True).first()
        copies = {}
        for language in ("ar", "en"):
            article = ArticlePage(
                title=f"Translator path {language}",
                slug=f"{PREFIX}{language}",
                summary="An article for the translator's path.",
            )
            topic.add_child(instance=article)
            article.save_revision().publish()
            copies[language] = article.copy_for_translation(arabic, alias=True).id
            user = get_user_model().objects.create_user(
                username=f"{PREFIX}{language}", password=PASSWORD, first_name="Test"
            )
            user.groups.add(Group.objects.get(name=roles.translator_group_name("ar")))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
    yield copies
    with django_db_blocker.unblock():
        for page in Page.objects.filter(slug__startswith=PREFIX).order_by("locale__language_code"):
            Translation.objects.filter(source__object_id=page.translation_key).delete()
            TranslationSource.objects.filter(object_id=page.translation_key).delete()
            page.delete()
        get_user_model().objects.filter(username__startswith=PREFIX).delete()


def sign_in(tab, base_url: str, username: str) -> None:
    tab.goto(f"{base_url}/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.locator("form button[type=submit]").first.click()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_translator_starts_then_sees_submit_for_review_first(
    site_in_process, translators, tab, language
):
    base_url = site_in_process
    sign_in(tab, base_url, f"{PREFIX}{language}")
    panel = tab.locator("[data-editorial-language-work]")
    assert panel.is_visible()
    assert tab.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    screenshot(panel, f"translator-dashboard-{language}")

    tab.goto(f"{base_url}/admin/pages/{translators[language]}/edit/")
    start = tab.locator("[data-editorial-action=start_translation]")
    assert start.is_visible()
    screenshot(tab, f"translator-untranslated-page-{language}", full_page=False)
    with tab.expect_navigation():
        start.click()

    footer = tab.locator("[data-editorial-translation-footer]")
    footer.wait_for()
    primary = footer.locator("[data-editorial-action]").first
    assert primary.get_attribute("data-editorial-action") == "submit"
    assert primary.is_visible()
    assert not tab.locator(".js-translation-editor footer.footer").is_visible()
    assert footer.locator("[data-editorial-action=convert_to_alias]").count() == 0
    screenshot(tab, f"translator-editor-footer-{language}", full_page=False)
