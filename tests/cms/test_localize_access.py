"""Every wagtail-localize admin endpoint × every editorial role × locale (Arabic, Spanish).

What each role may do is written out here (ROLES), independently of the permission layer in
cms/editorial/localize_access.py; each endpoint says which of those abilities it needs. A refused
request must answer 403 (400 for a bad upload) and change nothing.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms.editorial import localize_access, roles
from snippets.editor_guide.models import EditorGuide
from tests.conftest import built_once_per_module
from tests.factories import (
    ArticlePageFactory,
    HomePageFactory,
    TopicPageFactory,
    aliases,
    locale,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

LOCALES = ("ar", "es")
EVERY = {"en", "ar", "es"}
LINK = "https://example.com/account"


@dataclass(frozen=True)
class Abilities:
    """What a role may do, per language code: edit / publish pages, change / view the editor
    guide; whether it may submit translations; whether it works on translations at all."""

    page_edit: set = field(default_factory=set)
    page_publish: set = field(default_factory=set)
    guide_change: set = field(default_factory=set)
    submit: bool = False
    translation_staff: bool = False


ROLES = {
    "superuser": Abilities(EVERY, EVERY, EVERY, submit=True, translation_staff=True),
    "editor": Abilities(EVERY, set(), EVERY, submit=True, translation_staff=True),
    "reviewer": Abilities(EVERY, EVERY, EVERY, submit=True, translation_staff=True),
    "reviewer_ar": Abilities({"ar"}, {"ar"}, {"ar"}, translation_staff=True),
    "translator_ar": Abilities({"ar"}, set(), {"ar"}, translation_staff=True),
    "plain": Abilities(),
}


def make_user(name: str, *groups: str, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username=name, password="pw", email=f"{name}@example.com", is_superuser=superuser
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    if not groups and not superuser:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def translate(instance, code: str, publish_page: bool = True) -> Translation:
    """A real (not alias) translation of `instance` into `code`, every string translated."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale(code))
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale(code),
            context=segment.context,
            data=f"[{code}] {segment.string.data}",
        )
    if isinstance(instance, Page):
        translation.save_target(publish=False)
        target = translation.get_target_instance()
        if publish_page:
            target.get_latest_revision().publish()  # save_target publishes only on commit
    else:
        translation.save_target(publish=True)
    return translation


@built_once_per_module
def world():
    """English pages and editor guides; per locale, one of each translated into it (and only
    it); one page and one guide not translated yet; a user per role."""
    for code in EVERY:
        locale(code)
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home)
    body = [("text", RichText(f'<p>See <a href="{LINK}">the account page</a>.</p>'))]
    articles = {code: ArticlePageFactory(parent=topic, body=body) for code in LOCALES}
    untranslated_article = ArticlePageFactory(parent=topic)
    aliases(home, *LOCALES)
    roles.grant_all_locale_trees()
    guides = {
        code: EditorGuide.objects.create(
            locale=locale("en"),
            title=f"Guide for {code}",
            slug=f"guide-{code}",
            summary="How to translate a page.",
            body=f'<p>Open <a href="{LINK}">the page</a> and choose Translate.</p>',
        )
        for code in LOCALES
    }
    untranslated_guide = EditorGuide.objects.create(
        locale=locale("en"), title="Untranslated", slug="untranslated", summary="S", body="<p>B</p>"
    )
    data = {
        "untranslated_article": untranslated_article.id,
        "untranslated_guide": untranslated_guide.id,
    }
    for code in LOCALES:
        data[f"page_translation_{code}"] = translate(articles[code], code).id
        data[f"guide_translation_{code}"] = translate(guides[code], code).id
        data[f"article_{code}"] = articles[code].id
        data[f"guide_{code}"] = guides[code].id
    data["users"] = {
        "superuser": make_user("root", superuser=True).id,
        "editor": make_user("editor", roles.EDITORS).id,
        "reviewer": make_user("reviewer", roles.REVIEWERS).id,
        "reviewer_ar": make_user("reviewer-ar", roles.reviewer_group_name("ar")).id,
        "translator_ar": make_user("translator-ar", roles.translator_group_name("ar")).id,
        "plain": make_user("plain").id,
    }
    return data


# --- The endpoints -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    data: dict | None = None
    ok: tuple = (200,)


def _translation(world, kind: str, code: str) -> Translation:
    return Translation.objects.get(id=world[f"{kind}_translation_{code}"])


def _target_page(world, code: str) -> Page:
    return _translation(world, "page", code).get_target_instance()


def _string_segment(translation: Translation) -> StringSegment:
    return StringSegment.objects.filter(source=translation.source).order_by("order").first()


def _po_upload(translation: Translation) -> SimpleUploadedFile:
    po = polib.pofile(str(translation.export_po()))
    for entry in po:
        entry.msgstr = f"uploaded {entry.msgid}"
    return SimpleUploadedFile("t.po", str(po).encode(), "text/x-gettext-translation")


def string_edit(kind):
    def call(world, code):
        translation = _translation(world, kind, code)
        segment = _string_segment(translation)
        return Call(
            "put",
            f"/admin/localize/translate/{translation.id}/strings/{segment.id}/edit/",
            {"value": "changed"},
            (200, 201),
        )

    return call


def override_edit(kind):
    def call(world, code):
        translation = _translation(world, kind, code)
        segment = OverridableSegment.objects.filter(source=translation.source).first()
        return Call(
            "put",
            f"/admin/localize/translate/{translation.id}/overrides/{segment.id}/edit/",
            {"value": "https://example.com/changed"},
            (200, 201),
        )

    return call


def po_download(kind):
    def call(world, code):
        translation = _translation(world, kind, code)
        return Call("get", f"/admin/localize/translate/{translation.id}/pofile/download/")

    return call


def po_upload(kind):
    def call(world, code):
        translation = _translation(world, kind, code)
        return Call(
            "post",
            f"/admin/localize/translate/{translation.id}/pofile/upload/",
            {"file": _po_upload(translation), "next": "/admin/"},
            (302,),
        )

    return call


def machine_translate(kind):
    def call(world, code):
        translation = _translation(world, kind, code)
        StringTranslation.objects.filter(locale=translation.target_locale).delete()
        return Call(
            "post",
            f"/admin/localize/translate/{translation.id}/machine_translate/",
            {"next": "/admin/"},
            (302,),
        )

    return call


def disable(kind):
    def call(world, code):
        translation = _translation(world, kind, code)
        return Call(
            "post",
            f"/admin/localize/translate/{translation.id}/disable/",
            {"next": "/admin/"},
            (302,),
        )

    return call


def preview(mode: str | None):
    def call(world, code):
        translation = _translation(world, "page", code)
        path = f"/admin/localize/translate/{translation.id}/preview/"
        if mode is None:
            return Call("get", path)
        # No such preview mode: an allowed user reaches the view's 404, which LocaleMiddleware
        # answers with a redirect to the same path under /en/ (which is a 404 too).
        return Call("get", f"{path}{mode}/", ok=(302,))

    return call


def convert(method):
    def call(world, code):
        page = _target_page(world, code)
        return Call(
            method,
            f"/admin/localize/page/{page.id}/convert_to_alias/",
            {},
            (302,) if method == "post" else (200,),
        )

    return call


def update(kind, method, **data):
    def call(world, code):
        translation = _translation(world, kind, code)
        ok = (302,) if method == "post" else (200,)
        return Call(method, f"/admin/localize/update/{translation.source_id}/", data, ok)

    return call


def submit(kind, method):
    def call(world, code):
        if kind == "page":
            path = f"/admin/localize/submit/page/{world['untranslated_article']}/"
        else:
            guide = world["untranslated_guide"]
            path = f"/admin/localize/submit/snippet/snippets/editorguide/{guide}/"
        data = {"locales": [locale(code).id]} if method == "post" else None
        return Call(method, path, data, (302,) if method == "post" else (200,))

    return call


def fixed(path):
    return lambda world, code: Call("get", path)


def snippet_detail(world, code):
    guide = EditorGuide.objects.get(
        translation_key=EditorGuide.objects.get(id=world[f"guide_{code}"]).translation_key,
        locale=locale(code),
    )
    return Call("get", f"/admin/localize/api/snippets/snippets/editorguide/{guide.id}/")


# (label, URL name, request builder, who may: abilities × locale → bool)
def page_edit(a, code):
    return code in a.page_edit


def page_publish(a, code):
    return code in a.page_publish


def guide_change(a, code):
    return code in a.guide_change


def page_source(a, code):
    return a.submit and "en" in a.page_edit


def guide_source(a, code):
    return a.submit and "en" in a.guide_change


ENDPOINT_CASES = [
    ("page string edit", "edit_string_translation", string_edit("page"), page_edit),
    ("guide string edit", "edit_string_translation", string_edit("guide"), guide_change),
    ("page override edit", "edit_override", override_edit("page"), page_edit),
    ("guide override edit", "edit_override", override_edit("guide"), guide_change),
    ("page PO download", "download_pofile", po_download("page"), page_edit),
    ("guide PO download", "download_pofile", po_download("guide"), guide_change),
    ("page PO upload", "upload_pofile", po_upload("page"), page_edit),
    ("guide PO upload", "upload_pofile", po_upload("guide"), guide_change),
    ("page machine translation", "machine_translate", machine_translate("page"), page_edit),
    ("guide machine translation", "machine_translate", machine_translate("guide"), guide_change),
    ("page preview", "preview_translation", preview(None), page_edit),
    ("page preview mode", "preview_translation", preview("no-such-mode"), page_edit),
    ("page disable", "stop_translation", disable("page"), page_edit),
    ("guide disable", "stop_translation", disable("guide"), guide_change),
    ("convert to alias (confirm)", "convert_to_alias", convert("get"), page_edit),
    ("convert to alias", "convert_to_alias", convert("post"), page_publish),
    ("page sync (form)", "update_translations", update("page", "get"), page_source),
    (
        "page sync",
        "update_translations",
        update("page", "post"),
        lambda a, code: page_source(a, code) and page_edit(a, code),
    ),
    (
        "page sync and publish",
        "update_translations",
        update("page", "post", publish_translations="on"),
        lambda a, code: page_source(a, code) and page_publish(a, code),
    ),
    (
        "page sync with machine translation",
        "update_translations",
        update("page", "post", use_machine_translation="on"),
        lambda a, code: page_source(a, code) and page_edit(a, code),
    ),
    ("guide sync (form)", "update_translations", update("guide", "get"), guide_source),
    (
        "guide sync and publish",
        "update_translations",
        update("guide", "post", publish_translations="on"),
        lambda a, code: guide_source(a, code) and guide_change(a, code),
    ),
    ("translate page (form)", "submit_page_translation", submit("page", "get"), page_source),
    (
        "translate page",
        "submit_page_translation",
        submit("page", "post"),
        lambda a, code: page_source(a, code) and page_edit(a, code),
    ),
    ("translate guide (form)", "submit_snippet_translation", submit("guide", "get"), guide_source),
    (
        "translate guide",
        "submit_snippet_translation",
        submit("guide", "post"),
        lambda a, code: guide_source(a, code) and guide_change(a, code),
    ),
    (
        "translations report",
        "translations_report",
        fixed("/admin/localize/reports/translations/"),
        lambda a, code: a.translation_staff,
    ),
    (
        "translations report results",
        "translations_report_results",
        fixed("/admin/localize/reports/translations/results/"),
        lambda a, code: a.translation_staff,
    ),
    (
        "JavaScript catalog",
        "javascript_catalog",
        fixed("/admin/localize/jsi18n/"),
        lambda a, code: True,
    ),
    (
        "snippet chooser listing",
        "snippets_api_listing",
        fixed("/admin/localize/api/snippets/snippets/editorguide/"),
        lambda a, code: bool(a.guide_change),
    ),
    ("snippet chooser detail", "snippets_api_detail", snippet_detail, guide_change),
]


def snapshot() -> dict:
    """Everything a localize endpoint could change."""
    return {
        "pages": list(
            Page.objects.order_by("id").values_list(
                "id",
                "live",
                "alias_of_id",
                "live_revision_id",
                "latest_revision_id",
                "title",
                "has_unpublished_changes",
            )
        ),
        "translations": list(Translation.objects.order_by("id").values_list("id", "enabled")),
        "strings": list(
            StringTranslation.objects.order_by("id").values_list("id", "data", "locale_id")
        ),
        "overrides": list(SegmentOverride.objects.order_by("id").values_list("id", "data_json")),
        "guides": list(
            EditorGuide.objects.order_by("id").values_list("id", "title", "summary", "locale_id")
        ),
        "sources": list(
            TranslationSource.objects.order_by("id").values_list("id", "last_updated_at")
        ),
    }


@pytest.mark.parametrize("code", LOCALES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("label", "url_name", "build", "allowed_if"),
    ENDPOINT_CASES,
    ids=[case[0] for case in ENDPOINT_CASES],
)
def test_endpoint_role_locale(client, world, label, url_name, build, allowed_if, role, code):
    client.force_login(get_user_model().objects.get(id=world["users"][role]))
    call = build(world, code)
    before = snapshot()
    if call.method == "put":  # as the translation editor sends it
        response = client.put(
            call.path, urlencode(call.data), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = getattr(client, call.method)(call.path, call.data or {})
    assert response.resolver_match.view_name == f"wagtail_localize:{url_name}"
    if allowed_if(ROLES[role], code):
        assert response.status_code in call.ok, (
            label,
            role,
            code,
            response.status_code,
            response.get("Location"),
        )
    else:
        assert response.status_code == 403, (label, role, code, response.status_code)
        assert snapshot() == before, "a refused request changed something"


# --- The layer covers every endpoint --------------------------------------------------------------


def admin_localize_urls() -> dict[str, str]:
    """Every URL pattern under /admin/localize/ (route → view name), walked from the resolver."""
    found = {}

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern) and route.startswith("admin/localize/"):
                found[route] = ":".join(filter(None, [namespace, entry.name]))

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_localize_url_is_classified_by_the_layer():
    urls = admin_localize_urls()
    assert len(urls) >= 16, urls
    unclassified = {
        route: name
        for route, name in urls.items()
        if not localize_access.is_localize_endpoint(name.rpartition(":")[0])
        or name not in localize_access.ENDPOINTS
    }
    assert not unclassified, f"endpoints the permission layer does not classify: {unclassified}"


def test_the_matrix_tests_every_classified_endpoint():
    tested = {f"wagtail_localize:{case[1]}" for case in ENDPOINT_CASES}
    assert tested == set(localize_access.ENDPOINTS)


def test_an_unclassified_localize_endpoint_is_refused(rf):
    refusal = localize_access.refusal_for(rf.get("/"), "wagtail_localize:something_new", {})
    assert refusal is not None and refusal.status == 403


# --- Messages and bad input -----------------------------------------------------------------------


def arabic_translator(world):
    user = get_user_model().objects.get(id=world["users"]["translator_ar"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()
    return user


def test_a_translator_cannot_convert_a_live_arabic_page_and_is_told_why_in_arabic(client, world):
    client.force_login(arabic_translator(world))
    page = _target_page(world, "ar")
    response = client.post(f"/admin/localize/page/{page.id}/convert_to_alias/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "أرسل الترجمة للمراجعة" in text, "the refusal is in the admin language"
    page.refresh_from_db()
    assert page.live and page.alias_of_id is None
    assert Translation.objects.filter(id=world["page_translation_ar"], enabled=True).exists()


def test_a_refused_string_edit_answers_json(client, world):
    client.force_login(arabic_translator(world))
    translation = _translation(world, "guide", "es")
    segment = _string_segment(translation)
    response = client.put(
        f"/admin/localize/translate/{translation.id}/strings/{segment.id}/edit/",
        urlencode({"value": "changed"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403
    assert response.json()["error"]


@pytest.mark.parametrize("kind", ["page", "guide"])
def test_a_po_upload_without_a_file_is_a_bad_request(client, world, kind):
    client.force_login(arabic_translator(world))
    translation = _translation(world, kind, "ar")
    url = f"/admin/localize/translate/{translation.id}/pofile/upload/"
    before = snapshot()
    response = client.post(url, {"next": "/admin/"})
    assert response.status_code == 400
    assert response.content.decode().strip()
    not_po = SimpleUploadedFile("t.po", b"/etc/passwd", "text/x-gettext-translation")
    assert client.post(url, {"file": not_po}).status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(("role", "shown"), [("plain", False), ("translator_ar", True)])
def test_the_reports_menu_lists_the_translations_report_only_to_those_allowed(
    client, world, role, shown
):
    client.force_login(get_user_model().objects.get(id=world["users"][role]))
    dashboard = client.get("/admin/").content.decode()
    assert ("/admin/localize/reports/translations/" in dashboard) is shown
