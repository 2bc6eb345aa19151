"""Builds the demo contact forms from `content/forms/*.json`: branching forms in English,
translated through wagtail-localize (a PO file per form, imported like a translator's upload)
into every language their language maps name.

Each file holds a `ContactFormPage`'s fields, its `form_fields` and `routing` as Wagtail's
StreamField JSON (without block ids), texts as language maps; a `suggestion` block names its
page by slug. Idempotent: existing forms and translations are left as they are.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from forms.models import ContactFormPage

from .content_files import read_folder
from .language_maps import SOURCE_LANGUAGE, in_language, translations
from .locale_sync import synchronize_locales
from .translation_import import import_translation


def load_forms() -> list[dict]:
    return [spec for _name, spec in read_folder("forms")]


def _form_fields(spec: dict, parent: Page) -> list[tuple[str, dict]]:
    blocks = []
    for block in spec["form_fields"]:
        value = in_language(block["value"], SOURCE_LANGUAGE)
        if block["type"] == "suggestion":
            target = Page.objects.filter(slug=value["page"], locale=parent.locale).first()
            if target is None:
                continue
            value = {"text": value["text"], "page": target}
        blocks.append((block["type"], value))
    return blocks


def build(spec: dict, parent: Page) -> ContactFormPage:
    """The English form of `spec`, published under `parent`."""
    page = ContactFormPage(
        title=spec["title"][SOURCE_LANGUAGE],
        slug=spec["slug"],
        intro=spec["intro"][SOURCE_LANGUAGE],
        confirmation_text=spec["confirmation_text"][SOURCE_LANGUAGE],
        default_queue=spec["default_queue"],
        form_fields=_form_fields(spec, parent),
        routing=[(block["type"], block["value"]) for block in spec["routing"]],
    )
    parent.add_child(instance=page)
    page.clean()  # the demo forms pass the same logic checks as an editor's
    page.save_revision().publish()
    return page


def seed(log=print) -> dict[str, int]:
    english = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    created = translated = 0
    for spec in load_forms():
        parent = Page.objects.filter(slug=spec["parent"], locale=english).first()
        if parent is None:
            continue
        page = ContactFormPage.objects.filter(slug=spec["slug"], locale=english).first()
        if page is None:
            page = build(spec, parent.specific)
            created += 1
        texts = [spec["title"], spec["intro"], spec["confirmation_text"], spec["form_fields"]]
        for code, strings in translations(texts).items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                continue
            existing = page.get_translation_or_none(locale)
            if existing is not None and not existing.alias_of_id:
                continue  # a translator's work is never overwritten
            import_translation(page, locale, strings)
            translated += 1
    # Every other locale shows the forms as aliases of the English ones until translated.
    synced = LocaleSynchronization.objects.filter(sync_from=english).select_related("locale")
    synchronize_locales(english, [sync.locale for sync in synced])
    log(f"Demo contact forms: {created} created, {translated} translations made.")
    return {"forms_created": created, "translations_created": translated}
