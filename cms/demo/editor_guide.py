"""Builds the editor guide from `content/editor_guide.json`, in every language it is written in.

English guides are created as snippets; the other languages go through wagtail-localize as a
translator's PO upload would, so later changes to an English guide can be synced and
translated like any page. Idempotent: existing guides and translations are left as they are.
"""

from django.utils.html import escape
from wagtail.models import Locale

from snippets.editor_guide.models import EditorGuide

from .content_files import DemoContentError, read
from .translation_import import import_translation

SOURCE_LANGUAGE = "en"


def body_html(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        if "h2" in block:
            parts.append(f"<h2>{escape(block['h2'])}</h2>")
        elif "p" in block:
            parts.append(f"<p>{escape(block['p'])}</p>")
        elif "ol" in block:
            items = "".join(f"<li>{escape(item)}</li>" for item in block["ol"])
            parts.append(f"<ol>{items}</ol>")
    return "".join(parts)


def _texts(text: dict) -> list[str]:
    texts = [text["title"], text["summary"]]
    for block in text["body"]:
        texts += block.get("ol") or [block.get("h2") or block.get("p")]
    return texts


def strings_for(guide: dict, language: str) -> dict[str, str]:
    """English text → text in `language`, segment by segment."""
    source, target = _texts(guide[SOURCE_LANGUAGE]), _texts(guide[language])
    if len(source) != len(target):
        raise DemoContentError(f"editor guide {guide['slug']}: {language} does not mirror English")
    return dict(zip(source, target, strict=True))


def seed(log=print) -> int:
    guides = read("editor_guide.json")
    source_locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    made = 0
    for guide in guides:
        english = guide[SOURCE_LANGUAGE]
        instance = EditorGuide.objects.filter(slug=guide["slug"], locale=source_locale).first()
        if instance is None:
            instance = EditorGuide.objects.create(
                locale=source_locale,
                slug=guide["slug"],
                sort_order=guide["sort_order"],
                title=english["title"],
                summary=english["summary"],
                body=body_html(english["body"]),
            )
            made += 1
        for language in guide:
            if language in {SOURCE_LANGUAGE, "slug", "sort_order"}:
                continue
            locale = Locale.objects.filter(language_code=language).first()
            if locale is None or instance.has_translation(locale):
                continue
            import_translation(instance, locale, strings_for(guide, language))
            made += 1
    log(f"Editor guide: {made} guides or translations created.")
    return made
