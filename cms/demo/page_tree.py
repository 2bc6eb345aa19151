"""Builds the demo help center's page tree from `content/home.json` and `content/topics/*.json`.

English pages are created and published; es, ar, ru and he get full translations through
wagtail-localize (a PO file per page, imported like a translator's upload); every other locale
gets translated home and topic titles and is kept in sync with English through wagtail-localize's
locale synchronisation (untranslated articles appear as aliases of the English ones).
Running it again changes nothing that exists. `load.seed` runs it inside one transaction
(cms/demo/batch.py); run alone, each page is committed as it is made and a failed run is finished
by running it again.
"""

import datetime
import html
from dataclasses import dataclass, field

from django.utils.text import slugify
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.site_setup import (
    SOURCE_LANGUAGE,
    ensure_home,
    ensure_locales,
    remove_wagtail_welcome_pages,
    site_languages,
)
from pages.models import ArticlePage, TopicPage, TutorialPage

from .content_files import DemoContentError, read, read_folder
from .locale_sync import synchronize_locales
from .translation_import import import_translation

FULLY_TRANSLATED = ("es", "ar", "ru", "he", "uk", "ko", "tr", "pt-br", "ja", "fr")


@dataclass
class Translations:
    """English source text → text in each target language, for one page."""

    by_language: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, language: str, source: str, target: str) -> None:
        if source and target:
            self.by_language.setdefault(language, {})[source] = target


# --- Loading and validating the content files --------------------------------------------------


def load_topics() -> list[dict]:
    files = read_folder("topics")
    topics = [topic for _name, topic in files]
    validate_topics(topics, [name for name, _topic in files])
    return topics


def _shape(page_type: str, text: dict) -> list:
    if page_type == "tutorial":
        return ["steps", len(text["steps"])]
    shape = []
    for block in text["body"]:
        count = len(block.get("paragraphs") or block.get("items") or [])
        shape.append((block["type"], count))
    return shape


def validate_topics(topics: list[dict], names: list[str]) -> None:
    languages = site_languages()
    slugs: set[str] = set()
    for topic, name in zip(topics, names, strict=True):
        missing = [code for code in languages if not topic.get("title", {}).get(code)]
        if missing:
            raise DemoContentError(f"{name}: topic title lacks {', '.join(missing)}")
        for page in topic["pages"]:
            where = f"{name}: {page.get('slug')}"
            if page.get("slug") != slugify(page.get("slug", "")) or page["slug"] in slugs:
                raise DemoContentError(f"{where}: slug missing, malformed or used twice")
            slugs.add(page["slug"])
            if page["type"] not in {"article", "tutorial"}:
                raise DemoContentError(f"{where}: unknown type {page['type']!r}")
            english = _shape(page["type"], page[SOURCE_LANGUAGE])
            for code in FULLY_TRANSLATED:
                if code not in page:
                    raise DemoContentError(f"{where}: no {code} text")
                if _shape(page["type"], page[code]) != english:
                    raise DemoContentError(f"{where}: {code} does not mirror the English blocks")
    for topic, name in zip(topics, names, strict=True):
        for page in topic["pages"]:
            unknown = set(page.get("related", [])) - slugs
            if unknown:
                raise DemoContentError(f"{name}: {page['slug']} relates to unknown {unknown}")


# --- Building the English tree ---------------------------------------------------------------


def _paragraphs_html(paragraphs: list[str]) -> RichText:
    return RichText("".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs))


def _article_body(text: dict) -> list[tuple[str, object]]:
    body: list[tuple[str, object]] = []
    for block in text["body"]:
        if block["type"] == "text":
            body.append(("text", _paragraphs_html(block["paragraphs"])))
        elif block["type"] == "steps":
            body.append(("steps", list(block["items"])))
        elif block["type"] == "callout":
            body.append(
                (
                    "callout",
                    {"tone": block["tone"], "title": block.get("title", ""), "text": block["text"]},
                )
            )
        else:
            raise DemoContentError(f"unknown block type {block['type']!r}")
    return body


def _tutorial_steps(text: dict) -> list[tuple[str, dict]]:
    return [
        ("step", {"title": s["title"], "text": s["text"], "image": None}) for s in text["steps"]
    ]


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child(parent: Page, slug: str) -> Page | None:
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def _page_translations(data: dict, languages=FULLY_TRANSLATED) -> Translations:
    translations = Translations()
    source = data[SOURCE_LANGUAGE]
    for code in languages:
        target = data[code]
        translations.add(code, source["title"], target["title"])
        translations.add(code, source["summary"], target["summary"])
        if data["type"] == "tutorial":
            for s_step, t_step in zip(source["steps"], target["steps"], strict=True):
                translations.add(code, s_step["title"], t_step["title"])
                translations.add(code, s_step["text"], t_step["text"])
            continue
        for s_block, t_block in zip(source["body"], target["body"], strict=True):
            for key in ("paragraphs", "items"):
                for s_text, t_text in zip(s_block.get(key, []), t_block.get(key, []), strict=True):
                    translations.add(code, s_text, t_text)
            for key in ("title", "text"):
                translations.add(code, s_block.get(key, ""), t_block.get(key, ""))
    return translations


def _help_page(topic_page: TopicPage, data: dict, related: list[Page]) -> Page:
    text = data[SOURCE_LANGUAGE]
    common = {
        "title": text["title"],
        "slug": data["slug"],
        "summary": text["summary"],
        "audience": data.get("audience", "both"),
        "featured": bool(data.get("popular")),
        "last_reviewed": datetime.date.fromisoformat(data["last_reviewed"])
        if data.get("last_reviewed")
        else None,
    }
    if data["type"] == "tutorial":
        page = TutorialPage(
            **common,
            estimated_minutes=data.get("estimated_minutes", 5),
            steps=_tutorial_steps(text),
        )
    else:
        body = _article_body(text)
        if related:
            body.append(("related", related))
        page = ArticlePage(**common, body=body)
    return _publish(topic_page, page)


# --- Translating through wagtail-localize ----------------------------------------------------


def _title_and_intro_translations(data: dict) -> Translations:
    translations = Translations()
    for code, title in data["title"].items():
        translations.add(code, data["title"][SOURCE_LANGUAGE], title)
    for code, intro in data.get("intro", {}).items():
        translations.add(code, data["intro"][SOURCE_LANGUAGE], intro)
    return translations


def seed(log=print) -> dict[str, int]:
    home_data = read("home.json")
    topics = load_topics()
    locales = ensure_locales()
    home = ensure_home(
        locales[SOURCE_LANGUAGE],
        title=home_data["title"][SOURCE_LANGUAGE],
        slug=home_data["slug"],
        intro=home_data["intro"][SOURCE_LANGUAGE],
    )
    remove_wagtail_welcome_pages()
    created: dict[str, Page] = {}
    translations: dict[int, Translations] = {home.id: _title_and_intro_translations(home_data)}

    pages_by_slug = {p.slug: p for p in Page.objects.descendant_of(home).specific()}
    for topic in topics:
        topic_page = _child(home, topic["slug"])
        if topic_page is None:
            topic_page = _publish(
                home,
                TopicPage(
                    title=topic["title"][SOURCE_LANGUAGE],
                    slug=topic["slug"],
                    intro=topic.get("intro", {}).get(SOURCE_LANGUAGE, ""),
                ),
            )
            created[topic_page.slug] = topic_page
        translations[topic_page.id] = _title_and_intro_translations(topic)
        pages_by_slug[topic_page.slug] = topic_page

    # Help pages in two passes, so "related articles" can point at pages of later topics.
    all_pages = [(topic, data) for topic in topics for data in topic["pages"]]
    for topic, data in sorted(all_pages, key=lambda item: bool(item[1].get("related"))):
        if data["slug"] in pages_by_slug:
            translations[pages_by_slug[data["slug"]].id] = _page_translations(data)
            continue
        related = [pages_by_slug[s] for s in data.get("related", []) if s in pages_by_slug]
        page = _help_page(pages_by_slug[topic["slug"]], data, related)
        pages_by_slug[page.slug] = page
        created[page.slug] = page
        translations[page.id] = _page_translations(data)

    # Translate, parents first, into every language the content has text for.
    translated = 0
    tree = [home] + list(Page.objects.descendant_of(home).order_by("path").specific())
    for page in tree:
        for code, strings in translations.get(page.id, Translations()).by_language.items():
            if code == SOURCE_LANGUAGE:
                continue
            existing = page.get_translation_or_none(locales[code])
            if existing is not None and not existing.alias_of_id:
                continue  # already translated: a translator's work is never overwritten
            import_translation(page, locales[code], strings)
            translated += 1

    # Every other page appears in every locale as an alias until a translator takes it on.
    synchronize_locales(locales[SOURCE_LANGUAGE], locales.values())

    summary = {
        "pages_created": len(created),
        "translations_created": translated,
        "pages_total": Page.objects.filter(depth__gt=1).count(),
    }
    log(
        "Demo help center: {pages_created} pages created, {translations_created} translations "
        "made, {pages_total} pages in all locales.".format(**summary)
    )
    return summary
