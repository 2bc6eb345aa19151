"""Translating an object through wagtail-localize from known strings, as a translator's PO upload
would: used to load demo content written in several languages.

The translation is published inside the caller's transaction (wagtail-localize itself publishes a
translated page when the outermost transaction commits), so a loader may run in one transaction
and later steps see the translation live."""

import html

from django.db.models import Model
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import Translation, TranslationSource


def import_translation(
    instance: Model, locale: Locale, strings: dict[str, str], *, publish: bool = True
) -> Translation:
    """Translate `instance` into `locale` with `strings` (source text → translated text), then
    save the target (published, for pages and other publishable objects, unless `publish` is
    False). Segments without a string fall back to the source text."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        text = html.unescape(entry.msgid)
        if text in strings:
            entry.msgstr = html.escape(strings[text], quote=False)
    translation.import_po(po, tool_name="seed_demo")
    if not isinstance(instance, DraftStateMixin):
        translation.save_target()  # saved as it is: nothing to publish
        return translation
    translation.save_target(publish=False)  # a new revision of the target
    if publish:
        translation.get_target_instance().latest_revision.publish()
    return translation
