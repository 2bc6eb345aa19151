"""Outdated translations and review in the Arabic (right-to-left) and English admin: the
translator opens a translation whose English source changed, sees "the source changed" with the
changed segments, syncs it, translates the changed segment in the editor and submits it; the
reviewer approves it from the side-by-side view and is told it was published.

Served in-process (`site_in_process`); the users and articles are committed for the module and
removed afterwards.
"""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "review-password"
PREFIX = "i15-sync-"
OLD_SUMMARY = "Get an email when someone signs in to your account."
NEW_SUMMARY = "Get an email or a text message when someone signs in to your account."
NEW_SUMMARY_AR = "احصل على رسالة بريد إلكتروني أو رسالة نصية عند تسجيل الدخول إلى حسابك."


@pytest.fixture(scope="module")
def outdated_translations(demo_site, django_db_blocker):
    """Per admin language, an English article translated into Arabic and published, whose
    English summary then changed and was published; a translator and a reviewer of Arabic."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page
    from wagtail.rich_text import RichText
    from wagtail.users.models import UserProfile
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    from cms.editorial import roles
    from pages.models import ArticlePage, TopicPage

    with django_db_blocker.unblock():
        arabic = Locale.objects.get(language_code="ar")
        topic = TopicPage.objects.filter(locale__language_code="en", live=True).first()
        pages = {}
        for language in ("ar", "en"):
            article = ArticlePage(
                title=f"Login alerts {language}",
                slug=f"{PREFIX}{language}",
                summary=OLD_SUMMARY,
                body=[("text", RichText("<p>Open <b>Settings</b>, then <b>Security</b>.</p>"))],
            )
            topic.add_child(instance=article)
            article.save_revision().publish()
            source, _created = TranslationSource.get_or_create_from_instance(article)
            translation = Translation.objects.create(source=source, target_locale=arabic)
            for segment in StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            ):
                StringTranslation.objects.create(
                    translation_of=segment.string,
                    locale=arabic,
                    context=segment.context,
                    data="تنبيهات تسجيل الدخول"
                    if segment.context.path == "title"
                    else f"ترجمة: {segment.string.data}",
                    translation_type="manual",
                )
            translation.save_target(publish=True)
            article = Page.objects.get(id=article.id).specific
            article.summary = NEW_SUMMARY
            article.save_revision().publish()
            pages[language] = translation.get_target_instance().id
            for role, group in (
                ("translator", roles.translator_group_name("ar")),
                ("reviewer", roles.reviewer_group_name("ar")),
            ):
                user = get_user_model().objects.create_user(
                    username=f"{PREFIX}{role}-{language}",
                    password=PASSWORD,
                    first_name=role.capitalize(),
                )
                user.groups.add(Group.objects.get(name=group))
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = language
                profile.save()
    yield pages
    with django_db_blocker.unblock():
        for page in Page.objects.filter(slug__startswith=PREFIX).order_by("-locale__language_code"):
            Translation.objects.filter(source__object_id=page.translation_key).delete()
            TranslationSource.objects.filter(object_id=page.translation_key).delete()
            page.delete()
        get_user_model().objects.filter(username__startswith=PREFIX).delete()


def sign_in(tab, base_url: str, username: str) -> None:
    tab.context.clear_cookies()
    tab.goto(f"{base_url}/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.locator("form button[type=submit]").first.click()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_translator_syncs_then_reviewer_approves_side_by_side(
    site_in_process, outdated_translations, tab, language
):
    base_url = site_in_process
    page_id = outdated_translations[language]
    edit_url = f"{base_url}/admin/pages/{page_id}/edit/"

    sign_in(tab, base_url, f"{PREFIX}translator-{language}")
    tab.goto(edit_url)
    assert tab.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    notice = tab.locator("[data-editorial-source-changed]")
    assert notice.is_visible()
    assert notice.get_attribute("data-editorial-source-changed") == "1"
    assert notice.locator("ins").inner_text() == NEW_SUMMARY
    assert notice.locator("del").inner_text() == OLD_SUMMARY
    tab.locator(".js-translation-editor").get_by_text("ترجمة").first.wait_for()
    screenshot(tab, f"translation-source-changed-{language}", full_page=False)
    with tab.expect_navigation():
        notice.locator("[data-editorial-action=sync]").click()
    assert tab.locator("[data-editorial-source-changed]").count() == 0
    assert tab.locator(".messages .success").is_visible()
    segment = tab.locator(".js-translation-editor li.incomplete").filter(has_text=NEW_SUMMARY)
    segment.wait_for()
    source = tab.locator(".js-translation-editor").get_by_text("Open Settings, then Security.")
    assert source.count() == 1  # the source as text, without its tags
    screenshot(tab, f"translation-synced-{language}", full_page=False)
    segment.locator("button").first.click()  # "Translate"
    segment.locator("textarea").fill(NEW_SUMMARY_AR)
    segment.locator("textarea").press("Enter")  # saves the segment
    done = tab.locator(".js-translation-editor li.complete").filter(has_text=NEW_SUMMARY_AR)
    done.wait_for()
    done.scroll_into_view_if_needed()
    screenshot(tab, f"translation-segment-translated-{language}", full_page=False)

    primary = tab.locator("[data-editorial-translation-footer] [data-editorial-action]").first
    assert primary.get_attribute("data-editorial-action") == "submit"
    with tab.expect_navigation():
        primary.click()
    with tab.expect_navigation():
        tab.locator(".nice-padding form button[type=submit]").click()

    sign_in(tab, base_url, f"{PREFIX}reviewer-{language}")
    tab.goto(edit_url)
    primary = tab.locator("[data-editorial-translation-footer] [data-editorial-action]").first
    assert primary.get_attribute("data-editorial-action") == "review"
    with tab.expect_navigation():
        primary.click()
    view = tab.locator("[data-editorial-side-by-side]")
    assert view.is_visible()
    changed = view.locator("tr[data-segment=changed]")
    assert changed.count() >= 1
    summary_row = changed.filter(has_text=NEW_SUMMARY)
    assert summary_row.locator("td[lang=en]").get_attribute("dir") == "ltr"
    assert summary_row.locator("td[lang=ar]").get_attribute("dir") == "rtl"
    assert summary_row.locator("td[lang=ar]").inner_text() == NEW_SUMMARY_AR
    assert view.locator("[data-same-as-source]").count() == 0
    screenshot(tab, f"translation-side-by-side-{language}")
    with tab.expect_navigation():
        view.locator("[data-editorial-review-action=approve]").click()
    message = tab.locator(".messages .success")
    assert message.is_visible()
    expected = "نُشرت" if language == "ar" else "approved and published"
    assert expected in message.inner_text()
    screenshot(tab, f"translation-approved-{language}", full_page=False)
