"""The "Editor guide" in the admin: in the editor's admin language, English when missing."""

import pytest
from wagtail.models import Locale

from snippets.models import EditorGuide
from tests.cms.editorial import arabic_translator, editor, make_user

pytestmark = pytest.mark.django_db

GUIDE_SLUGS = ["write-an-article", "submit-for-review", "translate-a-page", "build-a-contact-form"]


def test_the_guide_is_written_in_english_spanish_arabic_and_russian(demo):
    for code in ("en", "es", "ar", "ru"):
        slugs = set(
            EditorGuide.objects.filter(locale__language_code=code).values_list("slug", flat=True)
        )
        assert slugs == set(GUIDE_SLUGS), code


def test_editor_guide_menu_item_and_index_in_the_admin_language(client, demo):
    client.force_login(arabic_translator())
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/editor-guide/" in dashboard

    index = client.get("/admin/editor-guide/")
    assert index.status_code == 200
    html = index.content.decode()
    assert "كيف تترجم صفحة" in html
    assert "How to translate a page" not in html

    client.force_login(make_user("Editors", language="ru"))
    assert "Как перевести страницу" in client.get("/admin/editor-guide/").content.decode()


def test_untranslated_guides_fall_back_to_english_with_a_notice(client, demo):
    client.force_login(make_user("Editors", language="ja"))
    page = client.get("/admin/editor-guide/translate-a-page/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "How to translate a page" in html
    assert 'lang="en"' in html


def test_a_newly_translated_guide_replaces_the_fallback(client, demo):
    english = EditorGuide.objects.get(slug="write-an-article", locale__language_code="en")
    japanese = english.copy_for_translation(Locale.objects.get(language_code="ja"))
    japanese.title = "記事の書き方"
    japanese.save()
    client.force_login(make_user("Editors", language="ja"))
    html = client.get("/admin/editor-guide/").content.decode()
    assert "記事の書き方" in html
    assert "How to submit for review" in html  # still English where untranslated


def test_unknown_guide_is_a_404_and_anonymous_users_are_sent_to_login(client, demo):
    client.force_login(editor())
    assert client.get("/admin/editor-guide/no-such-guide/", follow=True).status_code == 404
    client.logout()
    response = client.get("/admin/editor-guide/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_translators_edit_only_their_own_languages_guides(client, demo):
    client.force_login(arabic_translator())
    arabic = EditorGuide.objects.get(slug="translate-a-page", locale__language_code="ar")
    english = EditorGuide.objects.get(slug="translate-a-page", locale__language_code="en")
    spanish = EditorGuide.objects.get(slug="translate-a-page", locale__language_code="es")
    url = "/admin/snippets/snippets/editorguide/edit/{}/"
    assert client.get(url.format(arabic.pk)).status_code == 200
    for other in (english, spanish):
        response = client.get(url.format(other.pk))
        assert response.status_code == 403 or response.url == "/admin/"
    response = client.get(f"/admin/snippets/snippets/editorguide/delete/{arabic.pk}/")
    assert response.status_code == 403 or response.url == "/admin/"
    assert EditorGuide.objects.filter(pk=arabic.pk).exists()
