"""Outdated translations are actionable: the translation editor says the source changed (which
segments, markup stripped) and a translator syncs their own language's translation — a draft,
nothing visitors see changes, never another language, never during review.
"""

import json
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.editorial import roles, source_sync
from tests.conftest import built_once_per_module
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases, locale

from .editorial import arabic_translator, assert_denied, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

OLD_SUMMARY = "Get an email when someone signs in."
NEW_SUMMARY = "Get an email or a text when someone signs in."


def translate_everything(source: TranslationSource, code: str) -> Translation:
    translation = Translation.objects.create(source=source, target_locale=locale(code))
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale(code),
            context=segment.context,
            data=f"{code}: {segment.string.data}",
            translation_type="manual",
        )
    translation.save_target(publish=True)
    return translation


@built_once_per_module
def world():
    """An English article translated into Arabic and Spanish (published), then changed and
    published again in English: its summary and body differ from the synced copy."""
    for code in ("en", "ar", "es"):
        locale(code)
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home)
    article = ArticlePageFactory(
        parent=topic,
        summary=OLD_SUMMARY,
        body=[("text", RichText("<p>Open <b>Settings</b> first.</p>"))],
    )
    aliases(home, "ar", "es")
    roles.grant_all_locale_trees()
    source, _created = TranslationSource.get_or_create_from_instance(article)
    arabic = translate_everything(source, "ar")
    spanish = translate_everything(source, "es")

    article.summary = NEW_SUMMARY
    article.body[0].value = RichText("<p>Open <b>Security</b> first.</p>")  # same block
    article.save_revision().publish()
    return {
        "arabic": arabic.id,
        "spanish": spanish.id,
        "arabic_page": arabic.get_target_instance().id,
        "spanish_page": spanish.get_target_instance().id,
        "translator": arabic_translator().id,
        "spanish_translator": make_user(roles.translator_group_name("es"), language="es").id,
    }


def login(client, world, role):
    client.force_login(get_user_model().objects.get(id=world[role]))


def changes(world, name="arabic"):
    return source_sync.source_changes(Translation.objects.get(id=world[name]))


def test_lists_the_changed_segments_as_plain_text(world):
    found = {(change.kind, change.before, change.after) for change in changes(world)}
    assert (source_sync.CHANGED, OLD_SUMMARY, NEW_SUMMARY) in found
    assert (source_sync.CHANGED, "Open Settings first.", "Open Security first.") in found
    assert len(found) == 2  # the title did not change
    assert {change.field for change in changes(world)} == {"Summary", "Body"}


def test_editor_says_the_source_changed_and_offers_the_sync(client, world):
    login(client, world, "translator")
    response = client.get(f"/admin/pages/{world['arabic_page']}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-editorial-source-changed="2"' in html
    assert 'data-editorial-action="sync"' in html
    assert f"/admin/translations/{world['arabic_page']}/sync/" in html
    assert "<b>" not in html.split("data-editorial-source-changed", 1)[1].split("</section>")[0]
    assert "المصدر" in html  # the notice is in the translator's (Arabic) admin language


def test_translator_syncs_their_language_as_a_draft(client, world):
    page_before = Page.objects.get(id=world["arabic_page"]).specific
    live_summary = page_before.summary
    spanish_revision = Page.objects.get(id=world["spanish_page"]).latest_revision_id
    login(client, world, "translator")
    response = client.post(f"/admin/translations/{world['arabic_page']}/sync/")
    assert response.status_code == 302
    assert changes(world) == []
    page = Page.objects.get(id=world["arabic_page"]).specific
    assert page.summary == live_summary  # what visitors see is untouched
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.summary == NEW_SUMMARY  # the changed segment awaits its translation
    spanish = Page.objects.get(id=world["spanish_page"])
    assert spanish.latest_revision_id == spanish_revision  # other languages are not rebuilt
    html = client.get(f"/admin/pages/{world['arabic_page']}/edit/").content.decode()
    assert "data-editorial-source-changed" not in html


def test_translator_never_syncs_another_language(client, world):
    spanish_revision = Page.objects.get(id=world["spanish_page"]).latest_revision_id
    login(client, world, "translator")
    assert_denied(client.post(f"/admin/translations/{world['spanish_page']}/sync/"))
    assert len(changes(world, "spanish")) == 2  # nothing was synced
    assert Page.objects.get(id=world["spanish_page"]).latest_revision_id == spanish_revision


def test_spanish_translator_sees_no_sync_in_the_arabic_editor(client, world):
    login(client, world, "spanish_translator")
    assert_denied(client.get(f"/admin/pages/{world['arabic_page']}/edit/"))
    assert_denied(client.post(f"/admin/translations/{world['arabic_page']}/sync/"))
    assert len(changes(world)) == 2


def test_no_sync_while_the_translation_is_in_review(client, world):
    page = Page.objects.get(id=world["arabic_page"]).specific
    page.get_workflow().start(page, get_user_model().objects.get(id=world["translator"]))
    login(client, world, "translator")
    html = client.get(f"/admin/pages/{world['arabic_page']}/edit/").content.decode()
    assert 'data-editorial-action="sync"' not in html
    response = client.post(f"/admin/translations/{world['arabic_page']}/sync/")
    assert response.status_code == 302
    assert len(changes(world)) == 2


def test_sync_is_a_post(client, world):
    login(client, world, "translator")
    assert client.get(f"/admin/translations/{world['arabic_page']}/sync/").status_code == 405


def test_editor_shows_segment_sources_as_text(client, world):
    login(client, world, "translator")
    html = client.get(f"/admin/pages/{world['arabic_page']}/edit/").content.decode()
    props = json.loads(unescape(html.split('data-props="', 1)[1].split('"', 1)[0]))
    sources = [s["source"] for s in props["segments"] if s["type"] == "string"]
    assert "Open Settings first." in sources
    assert not [source for source in sources if "<b>" in source]
    assert any("<b>" in t["data"] for t in props["initialStringTranslations"]), "kept as is"


def test_editor_history_dates_are_in_the_admins_language(client, world):
    login(client, world, "translator")
    html = client.get(f"/admin/pages/{world['arabic_page']}/edit/").content.decode()
    props = json.loads(unescape(html.split('data-props="', 1)[1].split('"', 1)[0]))
    comments = [t["comment"] for t in props["initialStringTranslations"]]
    with translation.override("ar"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        manual = gettext("Translated manually on {date}").format(date=today)
    assert comments and set(comments) == {manual}
    english_month = timezone.localdate().strftime("%B")
    assert not [comment for comment in comments if english_month in comment]


def row_menu_links(client, parent_id) -> str:
    html = client.get(f"/admin/pages/{parent_id}/").content.decode()
    return html


def test_row_menu_offers_translators_no_move_copy_or_delete(client, world):
    page = Page.objects.get(id=world["arabic_page"])
    parent = page.get_parent()
    login(client, world, "translator")
    html = row_menu_links(client, parent.id)
    assert f"/admin/pages/{page.id}/edit/" in html
    for action in ("move", "copy", "delete"):
        assert f"/admin/pages/{page.id}/{action}/" not in html, action

    client.force_login(make_user(roles.EDITORS))
    assert f"/admin/pages/{page.id}/copy/" in row_menu_links(client, parent.id)


def test_side_by_side_flags_segments_that_still_read_as_the_source(client, world):
    login(client, world, "translator")
    client.post(f"/admin/translations/{world['arabic_page']}/sync/")
    client.post(f"/admin/translations/{world['arabic_page']}/submit-for-review/")
    html = client.get(f"/admin/translations/{world['arabic_page']}/review/").content.decode()
    rows = html.split('data-segment="changed"')[1:]
    summary = next(row for row in rows if NEW_SUMMARY in row)
    assert "data-same-as-source" in summary and 'lang="en" dir="ltr" data-same-as-source' in summary
    assert "مطابق للمصدر" in summary
