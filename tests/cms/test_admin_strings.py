"""The admin pages the roles use show none of the project's own strings in English.

A translator and a reviewer of Arabic (then of Russian), each with the admin in their language,
open the dashboard, the explorer of their language's tree, the editor of an article translated
into it and the reports menu. The project's strings are its catalogues' msgids; none of them may
appear as a text, a label or a menu entry of those pages unless the language's translation is
the same as the English.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.functional import Promise
from django.utils.text import capfirst
from wagtail import blocks
from wagtail.admin.menu import help_menu, reports_menu
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.catalogs import catalog_paths
from cms.editorial import roles
from tests.conftest import built_once_per_module
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases, locale

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "ru")
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}


class ShownText(HTMLParser):
    """The texts a person sees or hears on a page: text nodes, labels in attributes, and the
    strings of the JSON the admin's sidebar and widgets are drawn from."""

    def __init__(self):
        super().__init__()
        self.texts: set[str] = set()
        self._skip = 0
        self._json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"style", "template"} or (
            tag == "script" and "json" not in attrs.get("type", "")
        ):
            self._skip += 1
        self._json = tag == "script" and "json" in (attrs.get("type") or "")
        for name, value in attrs.items():
            if value and (name in SHOWN_ATTRIBUTES or name.startswith("data-") and "{" in value):
                self.add(value)

    def handle_endtag(self, tag):
        if tag in {"style", "template", "script"} and self._skip:
            self._skip -= 1
        self._json = False

    def handle_data(self, data):
        if self._skip:
            return
        self.add(data)

    def add(self, text: str):
        text = text.strip()
        if text[:1] in "{[":
            try:
                self.texts.update(json_strings(json.loads(text)))
                return
            except ValueError:
                pass
        self.texts.add(re.sub(r"\s+", " ", text))


JSON_LABEL_KEYS = {"label", "title", "heading", "helpText", "help_text", "description", "text"}


def json_strings(value, key: str = "label") -> set[str]:
    """The labels in the admin's JSON (menu entries, block labels), not its names or values."""
    if isinstance(value, str):
        return {re.sub(r"\s+", " ", value.strip())} if key in JSON_LABEL_KEYS else set()
    items = value.items() if isinstance(value, dict) else ()
    if isinstance(value, list):
        items = ((key, item) for item in value)
    found = set()
    for item_key, item in items:
        found |= json_strings(item, item_key)
    return found


def project_strings(code: str) -> set[str]:
    """The project's msgids whose translation into `code` differs from the English, as shown."""
    folder = f"/locale/{code}/"
    strings = set()
    for path in (path for path in catalog_paths() if folder in str(path)):
        for entry in polib.pofile(str(path)):
            if entry.msgid_plural or "%" in entry.msgid or "{" in entry.msgid:
                continue
            if entry.msgstr and entry.msgstr != entry.msgid:
                strings.update({entry.msgid, capfirst(entry.msgid)})
    return strings


def english_of_project(html: str, code: str) -> list[str]:
    parser = ShownText()
    parser.feed(html)
    shown = {text.rstrip(":*").strip() for text in parser.texts}
    return sorted(shown & project_strings(code))


def translate(page: Page, code: str) -> Page:
    """The page translated into `code` with wagtail-localize, every segment translated."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale(code))
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale(code),
            context=segment.context,
            data=f"[{code}] {segment.string.data}",
        )
    translation.save_target(publish=False)
    target = translation.get_target_instance()
    target.get_latest_revision().publish()
    return target


def make_user(name: str, group: str, language: str):
    user = get_user_model().objects.create_user(
        username=name, password="pw", first_name="Sam", last_name="Lee", email=f"{name}@x.test"
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@built_once_per_module
def world():
    """An English article translated into Arabic and Russian; a translator and reviewer of each."""
    for code in LANGUAGES:
        locale(code)
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home)
    article = ArticlePageFactory(parent=topic)
    aliases(home, *LANGUAGES)
    roles.grant_all_locale_trees()
    data = {"users": {}, "articles": {}, "homes": {}}
    for code in LANGUAGES:
        data["articles"][code] = translate(article, code).id
        data["homes"][code] = home.get_translation(locale(code)).id
        data["users"][f"translator-{code}"] = make_user(
            f"translator-{code}", roles.translator_group_name(code), code
        ).id
        data["users"][f"reviewer-{code}"] = make_user(
            f"reviewer-{code}", roles.reviewer_group_name(code), code
        ).id
    return data


def pages_of(world, code: str) -> list[str]:
    return [
        "/admin/",
        f"/admin/pages/{world['homes'][code]}/",
        f"/admin/pages/{world['articles'][code]}/edit/",
        "/admin/reports/locked/",
    ]


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("role", ["translator", "reviewer"])
def test_admin_pages_of_a_role_show_no_english_project_string(world, client, code, role):
    user = get_user_model().objects.get(pk=world["users"][f"{role}-{code}"])
    client.force_login(user)
    found = {}
    for url in pages_of(world, code):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        english = english_of_project(response.content.decode(), code)
        if english:
            found[url] = english
    assert not found, f"English strings of the project in the {code} admin: {found}"


def test_the_scan_finds_an_english_project_string():
    html = '<label for="x">Last reviewed</label><script type="application/json">{"a": "Help"}'
    html += '</script><button aria-label="Language">x</button>'
    assert english_of_project(html, "ar") == ["Language", "Last reviewed"]


def shown_texts(html: str) -> set[str]:
    parser = ShownText()
    parser.feed(html)
    return parser.texts


def test_menus_are_labelled_in_each_request_language(world):
    """Upstream labels frozen at the first admin request: Arabic first, then English."""
    for menu in (help_menu, reports_menu):
        menu.__dict__.pop("registered_menu_items", None)  # as after a restart
    arabic = Client()
    arabic.force_login(get_user_model().objects.get(pk=world["users"]["translator-ar"]))
    assert "الترجمات" in shown_texts(arabic.get("/admin/").content.decode())
    english = Client()
    english.force_login(get_user_model().objects.create_superuser("root", "root@x.test", "pw"))
    texts = shown_texts(english.get("/admin/").content.decode())
    assert "Translations" in texts and "الترجمات" not in texts
    whats_new = {text for text in texts if text.startswith("What's new in Wagtail")}
    assert whats_new and not any(text.startswith("ما الجديد") for text in texts)


def test_catalogues_exist_for_both_languages():
    assert all(Path(p).exists() for p in catalog_paths())


def labels_of_blocks(block, path: str):
    """(path, block) for every block under `block`, list items included."""
    children = dict(getattr(block, "child_blocks", {}))
    if isinstance(block, blocks.ListBlock):
        children["[]"] = block.child_block
    for name, child in children.items():
        yield f"{path}.{name}", child
        yield from labels_of_blocks(child, f"{path}.{name}")


def project_models():
    root = Path(__file__).resolve().parents[2]
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(root) and not path.is_relative_to(root / ".venv"):
            yield from config.get_models()


def test_every_label_an_editor_sees_is_a_lazy_translation():
    """Page and snippet fields and StreamField blocks: Django and Wagtail make a label from the
    field's name when none is given ("Summary", "Tone"), which no catalogue can translate, and a
    label translated at import time stays in the language of the process's first request."""
    untranslatable = []
    for model in project_models():
        if not issubclass(model, (Page, TranslatableMixin)):
            continue
        meta = model._meta
        if not isinstance(meta.verbose_name, Promise):
            untranslatable.append(f"{model.__name__} (model)")
        if not isinstance(meta.verbose_name_plural, Promise):
            untranslatable.append(f"{model.__name__} (model, plural)")
        for field in meta.get_fields():
            if not field.concrete or field.auto_created or field.model is not model:
                continue
            if not field.editable:
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslatable.append(f"{model.__name__}.{field.name}")
            if isinstance(field, StreamField):
                for path, block in labels_of_blocks(field.stream_block, model.__name__):
                    if block.label and not isinstance(block.meta.label, Promise):
                        untranslatable.append(f"{path}: {block.label!r}")
    assert not untranslatable, "labels without gettext_lazy:\n" + "\n".join(untranslatable)
