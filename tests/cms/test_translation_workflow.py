"""Translating with wagtail-localize inside the review workflow: sync, PO files, machine drafts."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from cms.editorial import content_health
from pages.models import ArticlePage

from .editorial import (
    arabic_reviewer,
    arabic_translator,
    assert_denied,
    editor,
    reviewer,
)

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "Reset your password from the login screen in under a minute."
ARABIC_SUMMARY = "أعد تعيين كلمة المرور من شاشة تسجيل الدخول في أقل من دقيقة."


@pytest.fixture
def arabic():
    return Locale.objects.get(language_code="ar")


@pytest.fixture
def article(demo, arabic) -> ArticlePage:
    """An English article with a real (not alias) Arabic translation."""
    for page in ArticlePage.objects.descendant_of(demo).live().filter(alias_of__isnull=True):
        translation = page.get_translation_or_none(arabic)
        if translation is not None and translation.alias_of_id is None:
            return page
    raise AssertionError("the demo has no article translated into Arabic")


def change_english(article: ArticlePage) -> None:
    """An English editor's change, approved and published by a reviewer."""
    changed = article.get_latest_revision_as_object()
    changed.summary = NEW_SUMMARY
    changed.save_revision(user=editor()).publish(user=reviewer())


def translation_for(article: ArticlePage, arabic: Locale) -> Translation:
    source = TranslationSource.objects.get_for_instance(article)
    return Translation.objects.get(source=source, target_locale=arabic)


def download_po(client, translation: Translation) -> polib.POFile:
    response = client.get(f"/admin/localize/translate/{translation.id}/pofile/download/")
    assert response.status_code == 200, response.status_code
    return polib.pofile(response.content.decode("utf-8"))


def sync(client, article: ArticlePage, **data):
    source = TranslationSource.objects.get_for_instance(article)
    return client.post(f"/admin/localize/update/{source.id}/", data)


def test_source_change_then_sync_marks_the_arabic_translation_outdated(client, article, arabic):
    arabic_page = article.get_translation(arabic)
    assert content_health.translation_states(arabic)[article.translation_key] == "translated"

    change_english(article)
    # Changed but not yet synced: already outdated (source newer than the last sync).
    assert content_health.translation_states(arabic)[article.translation_key] == "outdated"

    client.force_login(editor())
    assert sync(client, article).status_code == 302

    # Still outdated after the sync: the changed segment waits for the translator.
    assert content_health.translation_states(arabic)[article.translation_key] == "outdated"
    client.force_login(arabic_translator())
    po = download_po(client, translation_for(article, arabic))
    pending = [entry for entry in po if entry.msgid == NEW_SUMMARY]
    assert pending and pending[0].msgstr == "", "the changed segment is pending"
    unchanged = [entry for entry in po if entry.msgstr]
    assert unchanged, "segments that did not change keep their Arabic translation"

    # The admin lists it: translation progress and content freshness.
    client.force_login(editor())
    progress = client.get("/admin/cms/translationprogress/").content.decode()
    assert "Arabic" in progress or "العربية" in progress
    freshness = client.get("/admin/pages/helppage/?attention=outdated")
    assert freshness.status_code == 200
    assert arabic_page.title in freshness.content.decode()
    assert article.title not in freshness.content.decode()


def test_po_export_edit_import_round_trips_arabic(client, article, arabic):
    change_english(article)
    client.force_login(editor())
    sync(client, article)

    client.force_login(arabic_translator())
    translation = translation_for(article, arabic)
    po = download_po(client, translation)
    for entry in po:
        if entry.msgid == NEW_SUMMARY:
            entry.msgstr = ARABIC_SUMMARY
    upload = SimpleUploadedFile("ar.po", str(po).encode("utf-8"), "text/x-gettext-translation")
    response = client.post(
        f"/admin/localize/translate/{translation.id}/pofile/upload/",
        {"file": upload, "next": f"/admin/pages/{article.get_translation(arabic).id}/edit/"},
    )
    assert response.status_code == 302

    again = download_po(client, translation)
    assert [e.msgstr for e in again if e.msgid == NEW_SUMMARY] == [ARABIC_SUMMARY]
    total, done = translation.get_progress()
    assert done >= total - 1  # everything but, at most, the English slug kept as it is

    # Not published by the upload: the live Arabic page still has the old summary.
    arabic_page = article.get_translation(arabic)
    assert arabic_page.summary != ARABIC_SUMMARY

    # The translator submits the translation into the review workflow…
    submit_url = f"/admin/translations/{arabic_page.id}/submit-for-review/"
    assert client.get(submit_url).status_code == 200
    assert client.post(submit_url).status_code == 302
    arabic_page.refresh_from_db()
    assert arabic_page.workflow_in_progress
    assert arabic_page.summary != ARABIC_SUMMARY
    assert ARABIC_SUMMARY not in client.get(arabic_page.url).content.decode(), "not public yet"

    # …an English-only reviewer of another locale cannot approve it; the Arabic reviewer can.
    state = WorkflowState.objects.for_instance(arabic_page).get(status="in_progress")
    action_url = (
        f"/admin/pages/workflow/action/{arabic_page.id}/approve/{state.current_task_state.id}/"
    )
    client.force_login(arabic_reviewer())
    assert client.post(action_url).status_code in (200, 302)
    arabic_page.refresh_from_db()
    assert arabic_page.summary == ARABIC_SUMMARY
    assert content_health.translation_states(arabic)[article.translation_key] == "translated"
    public = client.get(arabic_page.url)
    assert ARABIC_SUMMARY in public.content.decode()


def test_machine_translation_makes_a_marked_draft_never_published(client, article, arabic):
    change_english(article)
    client.force_login(editor())
    sync(client, article)
    arabic_page = article.get_translation(arabic)
    live_before = arabic_page.live_revision_id

    client.force_login(arabic_translator())
    translation = translation_for(article, arabic)
    edit_url = f"/admin/pages/{arabic_page.id}/edit/"
    response = client.post(
        f"/admin/localize/translate/{translation.id}/machine_translate/", {"next": edit_url}
    )
    assert response.status_code == 302
    po = download_po(client, translation)
    assert [e.msgstr for e in po if e.msgid == NEW_SUMMARY] == [f"[MT] {NEW_SUMMARY}"]
    # Segments a human translated are left alone, and the slug is not marked.
    assert not [e for e in po if e.msgid != NEW_SUMMARY and e.msgstr.startswith("[MT]")]
    arabic_page.refresh_from_db()
    assert arabic_page.live_revision_id == live_before
    assert "[MT]" not in client.get(arabic_page.url).content.decode()


def test_only_those_who_may_publish_can_publish_through_sync(client, article, arabic):
    change_english(article)
    arabic_page = article.get_translation(arabic)
    live_before = arabic_page.live_revision_id

    client.force_login(arabic_translator())
    assert_denied(sync(client, article))  # translators do not sync the source

    client.force_login(editor())
    assert_denied(sync(client, article, publish_translations="on"))
    arabic_page.refresh_from_db()
    assert arabic_page.live_revision_id == live_before

    client.force_login(reviewer())
    assert sync(client, article, publish_translations="on").status_code == 302
