"""Review fit for translations: the reviewer sees source and translation side by side, acts
from there and is told what happened; and submitting a translation that started as an alias
leaves the source page alone.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.editorial import roles
from tests.conftest import built_once_per_module
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases, locale

from .editorial import arabic_reviewer, arabic_translator, assert_denied, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

SUMMARY = "Get an email when someone signs in."


@built_once_per_module
def world():
    """An English article translated into Arabic by hand and submitted for review; a second
    English article whose Arabic page is still the untranslated copy (an alias)."""
    for code in ("en", "ar", "es"):
        locale(code)
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home)
    article = ArticlePageFactory(parent=topic, summary=SUMMARY)
    untranslated = ArticlePageFactory(parent=topic)
    aliases(home, "ar", "es")
    roles.grant_all_locale_trees()
    source, _created = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=locale("ar"))
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale("ar"),
            context=segment.context,
            data=f"ترجمة {segment.string.data}",
            translation_type="manual",
        )
    translator = arabic_translator()
    page = Page.objects.get(id=translation.get_target_instance().id).specific
    from cms.editorial.translation_review import save_translation_draft

    page = save_translation_draft(page, translation, translator)
    page.get_workflow().start(page, translator)
    return {
        "page": page.id,
        "untranslated_ar": untranslated.get_translation(locale("ar")).id,
        "english_untranslated": untranslated.id,
        "translator": translator.id,
        "reviewer": arabic_reviewer().id,
        "spanish_reviewer": make_user(roles.reviewer_group_name("es"), language="es").id,
    }


def login(client, world, role):
    client.force_login(get_user_model().objects.get(id=world[role]))


def review_url(world):
    return f"/admin/translations/{world['page']}/review/"


def test_reviewer_sees_source_and_translation_side_by_side(client, world):
    login(client, world, "reviewer")
    response = client.get(review_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-editorial-side-by-side" in html
    assert f'<td lang="en" dir="ltr">{SUMMARY}</td>' in html
    assert f'<td lang="ar" dir="rtl">ترجمة {SUMMARY}</td>' in html
    assert html.count('data-segment="changed"') >= 3  # the page shows visitors English so far
    assert 'data-editorial-review-action="approve"' in html
    assert 'data-editorial-review-action="reject"' in html
    assert "data-same-as-source" not in html  # everything translated; the slug may stay
    assert 'dir="rtl"' in html.split("<html", 1)[1].split(">", 1)[0]


def test_the_editor_and_header_lead_the_reviewer_to_the_side_by_side_view(client, world):
    login(client, world, "reviewer")
    html = client.get(f"/admin/pages/{world['page']}/edit/").content.decode()
    footer = html.split("data-editorial-translation-footer", 1)[1]
    assert footer.split('data-editorial-action="', 1)[1].startswith("review")
    assert review_url(world) in footer


def test_approving_says_it_was_published(client, world):
    login(client, world, "reviewer")
    response = client.post(review_url(world), {"action": "approve", "comment": "جيد"})
    assert response.status_code == 302 and response.url == "/admin/"
    page = Page.objects.get(id=world["page"]).specific
    assert not page.workflow_in_progress
    assert page.live and page.summary == f"ترجمة {SUMMARY}"
    text = [str(message) for message in get_messages(response.wsgi_request)]
    assert len(text) == 1 and "نُشر" in text[0], text


def test_requesting_changes_says_where_the_translation_goes(client, world):
    login(client, world, "reviewer")
    response = client.post(review_url(world), {"action": "reject", "comment": "راجع العنوان"})
    assert response.status_code == 302
    page = Page.objects.get(id=world["page"])
    assert not page.workflow_in_progress
    text = [str(message) for message in get_messages(response.wsgi_request)]
    assert len(text) == 1 and page.locale.get_display_name() in text[0], text


def test_translator_sees_the_view_without_review_actions(client, world):
    login(client, world, "translator")
    html = client.get(review_url(world)).content.decode()
    assert "data-editorial-side-by-side" in html
    assert "data-editorial-review-action" not in html
    assert_denied(client.post(review_url(world), {"action": "approve"}))
    assert Page.objects.get(id=world["page"]).workflow_in_progress


def test_reviewers_of_another_language_are_refused(client, world):
    login(client, world, "spanish_reviewer")
    assert_denied(client.get(review_url(world)))
    assert_denied(client.post(review_url(world), {"action": "approve"}))
    assert Page.objects.get(id=world["page"]).workflow_in_progress


def test_an_unknown_action_is_refused(client, world):
    login(client, world, "reviewer")
    assert_denied(client.post(review_url(world), {"action": "publish"}))
    assert Page.objects.get(id=world["page"]).workflow_in_progress


def test_submitting_a_translation_started_from_an_alias_leaves_the_source_alone(client, world):
    english = Page.objects.get(id=world["english_untranslated"]).specific
    english_title, english_revision = english.title, english.latest_revision_id
    login(client, world, "translator")
    client.post(f"/admin/translations/{world['untranslated_ar']}/translate/")
    response = client.post(f"/admin/translations/{world['untranslated_ar']}/submit-for-review/")
    assert response.status_code == 302
    english = Page.objects.get(id=world["english_untranslated"]).specific
    assert (english.title, english.latest_revision_id) == (english_title, english_revision)
    assert english.locale.language_code == "en"
    assert Page.objects.get(id=world["untranslated_ar"]).workflow_in_progress


def test_approving_through_wagtails_own_action_says_so_too(client, world):
    login(client, world, "reviewer")
    page = Page.objects.get(id=world["page"])
    state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.id}/approve/{state.id}/"
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    text = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("نُشر" in line for line in text), text
    again = client.post(url, {"comment": ""})  # the task is over: no second message
    published = [str(m) for m in get_messages(again.wsgi_request) if "نُشر" in str(m)]
    assert len(published) <= 1, published  # at most the first one, not yet shown


def test_requesting_changes_through_wagtails_own_action_says_so_too(client, world):
    login(client, world, "reviewer")
    page = Page.objects.get(id=world["page"])
    state = page.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.id}/reject/{state.id}/", {"comment": "راجع"}
    )
    assert response.status_code in (200, 302)
    text = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(page.locale.get_display_name() in line for line in text), text
