"""The translator's path through HTTP, in the Arabic admin: the translation editor's footer per
role, and machine drafts that block submitting, approving and publishing until each is confirmed.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.editorial import machine_drafts
from tests.conftest import built_once_per_module
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases, locale

from .editorial import arabic_reviewer, arabic_translator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

MACHINE_DRAFTS = 2


@built_once_per_module
def world():
    """An English article translated into Arabic: two segments machine-drafted, the rest manual."""
    for code in ("en", "ar", "es"):
        locale(code)
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home)
    article = ArticlePageFactory(parent=topic)
    untranslated = ArticlePageFactory(parent=topic)
    aliases(home, "ar", "es")
    from cms.editorial import roles

    roles.grant_all_locale_trees()
    source, _created = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=locale("ar"))
    segments = list(
        StringSegment.objects.filter(source=source).select_related("string").order_by("order")
    )
    machine_segments = [s for s in segments if s.context.path != "slug"][:MACHINE_DRAFTS]
    for segment in segments:
        machine = segment in machine_segments
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale("ar"),
            context=segment.context,
            data=("[MT] " if machine else "ع ") + segment.string.data,
            translation_type="machine" if machine else "manual",
            tool_name="Offline draft translator" if machine else "",
        )
    translation.save_target(publish=False)
    return {
        "translation": translation.id,
        "page": translation.get_target_instance().id,
        "machine_segments": [s.id for s in machine_segments],
        "untranslated_ar": untranslated.get_translation(locale("ar")).id,
        "untranslated_es": untranslated.get_translation(locale("es")).id,
        "translator": arabic_translator().id,
        "reviewer": arabic_reviewer().id,
    }


def login(client, world, role):
    client.force_login(get_user_model().objects.get(id=world[role]))


def arabic_page(world) -> Page:
    return Page.objects.get(id=world["page"]).specific


def confirm(client, world, segment_id):
    """What the translation editor sends when a person saves a segment (here unchanged)."""
    translation = Translation.objects.get(id=world["translation"])
    segment = StringSegment.objects.select_related("string").get(id=segment_id)
    current = StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=translation.target_locale
    )
    response = client.put(
        f"/admin/localize/translate/{translation.id}/strings/{segment_id}/edit/",
        urlencode({"value": current.data}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.status_code


def confirm_all(client, world):
    for segment_id in world["machine_segments"]:
        confirm(client, world, segment_id)


def footer_actions(html: str) -> list[str]:
    footer = html.split("data-editorial-translation-footer", 1)[1].split("</footer>", 1)[0]
    return [part.split('"', 1)[0] for part in footer.split('data-editorial-action="')[1:]]


def test_counts_machine_drafts_until_a_person_confirms_each(client, world):
    translation = Translation.objects.get(id=world["translation"])
    assert machine_drafts.machine_drafts_left(translation) == MACHINE_DRAFTS
    login(client, world, "translator")
    confirm(client, world, world["machine_segments"][0])
    assert machine_drafts.machine_drafts_left(translation) == MACHINE_DRAFTS - 1


def test_translator_footer_submits_for_review_first_and_never_offers_an_alias(client, world):
    login(client, world, "translator")
    response = client.get(f"/admin/pages/{world['page']}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    actions = footer_actions(html)
    assert actions[0] == "submit", actions  # the primary action, outside the menu
    assert "convert_to_alias" not in actions and "publish" not in actions
    assert f'data-machine-drafts="{MACHINE_DRAFTS}"' in html
    assert "مسودات" in html or "مسودتا" in html  # "machine drafts left", in Arabic
    assert "editorial/translation_editor.css" in html  # hides the React editor's own footer


def test_reviewer_footer_publishes_first_and_may_convert_to_an_alias(client, world):
    login(client, world, "reviewer")
    html = client.get(f"/admin/pages/{world['page']}/edit/").content.decode()
    actions = footer_actions(html)
    assert actions[0] == "publish", actions
    assert "convert_to_alias" in actions[1:] and "submit" in actions[1:]


def test_submitting_is_refused_while_machine_drafts_are_left(client, world):
    login(client, world, "translator")
    url = f"/admin/translations/{world['page']}/submit-for-review/"
    page = client.get(url)
    assert page.status_code == 200
    assert f'data-machine-drafts="{MACHINE_DRAFTS}"' in page.content.decode()
    assert 'type="submit"' not in page.content.decode().split('class="nice-padding"')[1]

    refused = client.post(url)
    assert refused.status_code == 409
    assert not arabic_page(world).workflow_in_progress

    confirm_all(client, world)
    assert client.post(url).status_code == 302
    assert arabic_page(world).workflow_in_progress


@override_settings(TRANSLATION_MACHINE_DRAFTS_ALLOWED_LANGUAGES=("ar",))
def test_a_language_listed_in_the_setting_may_submit_machine_drafts(client, world):
    login(client, world, "translator")
    response = client.post(f"/admin/translations/{world['page']}/submit-for-review/")
    assert response.status_code == 302
    assert arabic_page(world).workflow_in_progress


def submit_with_drafts_left(client, world):
    with override_settings(TRANSLATION_MACHINE_DRAFTS_BLOCK_APPROVAL=False):
        login(client, world, "translator")
        client.post(f"/admin/translations/{world['page']}/submit-for-review/")
    page = arabic_page(world)
    assert page.workflow_in_progress
    return page


def approve(client, world, page):
    task_state = page.current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.id}/approve/{task_state.id}/", {"comment": ""}
    )


def test_the_reviewer_cannot_approve_while_machine_drafts_are_left(client, world):
    page = submit_with_drafts_left(client, world)
    login(client, world, "reviewer")
    reviewer = get_user_model().objects.get(id=world["reviewer"])
    task = page.current_workflow_task
    assert [name for name, *_rest in task.get_actions(page, reviewer)] == ["reject"]

    live_before = page.live_revision_id
    refused = approve(client, world, page)
    assert refused.status_code in (302, 403)
    page = arabic_page(world)
    assert page.workflow_in_progress and page.live_revision_id == live_before

    login(client, world, "translator")
    confirm_all(client, world)
    login(client, world, "reviewer")
    assert approve(client, world, arabic_page(world)).status_code in (200, 302)
    page = arabic_page(world)
    assert not page.workflow_in_progress and page.live_revision_id != live_before


def test_publishing_from_the_translation_editor_is_refused_with_drafts_left(
    client, world, django_capture_on_commit_callbacks
):
    login(client, world, "reviewer")
    live_before = arabic_page(world).live_revision_id
    response = client.post(f"/admin/pages/{world['page']}/edit/", {"action": "publish"})
    assert response.status_code == 302
    assert arabic_page(world).live_revision_id == live_before

    login(client, world, "translator")
    confirm_all(client, world)
    login(client, world, "reviewer")
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        client.post(f"/admin/pages/{world['page']}/edit/", {"action": "publish"})
    assert arabic_page(world).live_revision_id != live_before


# --- Starting a translation: translators may, into their own language only -------------------


def test_translator_starts_the_translation_of_an_untranslated_page_into_arabic(client, world):
    login(client, world, "translator")
    url = f"/admin/pages/{world['untranslated_ar']}/edit/"
    html = client.get(url).content.decode()
    assert 'data-editorial-action="start_translation"' in html
    assert "/admin/localize/submit/" not in html  # not sent to the every-locale form (refused)

    response = client.post(f"/admin/translations/{world['untranslated_ar']}/translate/")
    assert response.status_code == 302 and response.url == url
    page = Page.objects.get(id=world["untranslated_ar"])
    assert page.alias_of_id is None  # the copy is now a translation
    assert not page.live or page.live_revision is None or page.has_unpublished_changes is not None
    editor = client.get(url).content.decode()
    assert footer_actions(editor)[0] == "submit"


def test_translator_cannot_start_a_translation_in_another_language(client, world):
    login(client, world, "translator")
    html = client.get(f"/admin/pages/{world['untranslated_es']}/edit/")
    assert html.status_code in (302, 403)  # outside the translator's locales altogether
    response = client.post(f"/admin/translations/{world['untranslated_es']}/translate/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == "/admin/"
    assert Page.objects.get(id=world["untranslated_es"]).alias_of_id is not None


def test_starting_needs_post_and_an_untranslated_copy(client, world):
    login(client, world, "translator")
    assert (
        client.get(f"/admin/translations/{world['untranslated_ar']}/translate/").status_code == 405
    )
    already = client.post(f"/admin/translations/{world['page']}/translate/")
    assert already.status_code == 302
    missing = client.post("/admin/translations/999999/translate/", follow=True)
    assert missing.status_code == 404


# --- The dashboard ----------------------------------------------------------------------------


def test_dashboard_shows_the_translators_language_work_with_links(client, world):
    login(client, world, "translator")
    html = client.get("/admin/").content.decode()
    panel = html.split("data-editorial-language-work", 1)[1].split("</section>", 1)[0]
    # The untranslated article waits (the home and topic copies are not help pages' work)…
    assert "/admin/translations/my-languages/ar/to-translate/" in panel
    assert "/admin/translations/my-languages/ar/outdated/" in panel
    listing = client.get("/admin/translations/my-languages/ar/to-translate/")
    assert listing.status_code == 200
    assert f"/admin/pages/{world['untranslated_ar']}/edit/" in listing.content.decode()
    outdated = client.get("/admin/translations/my-languages/ar/outdated/").content.decode()
    assert f"/admin/pages/{world['page']}/edit/" not in outdated  # translated, source unchanged


def test_other_languages_and_kinds_are_not_found(client, world):
    login(client, world, "translator")
    for url in (
        "/admin/translations/my-languages/es/to-translate/",
        "/admin/translations/my-languages/ar/everything/",
    ):
        assert client.get(url, follow=True).status_code == 404


def test_users_without_a_language_see_no_panel(client, world):
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.com", "pw"))
    assert "data-editorial-language-work" not in client.get("/admin/").content.decode()
