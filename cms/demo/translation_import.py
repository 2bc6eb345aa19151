"""Translating an object through wagtail-localize from known strings, as a translator's PO upload
would: used to load demo content written in several languages.

The strings are written as wagtail-localize's `Translation.import_po` writes an uploaded PO file's
(a StringTranslation per segment, "manual", named after the tool, flagged when its HTML or links
do not fit the source's, as StringTranslation.save flags it), in two queries per translation
instead of five or six per string: the demo has about 800 translations, and importing them one
string at a time was a fifth of `seed_demo`.

The translation is published inside the caller's transaction (wagtail-localize itself publishes a
translated page when the outermost transaction commits), so a loader may run in one transaction
and later steps see the translation live."""

import html

from django.db.models import Model
from django.utils import timezone
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue, validate_translation_links

TOOL_NAME = "seed_demo"


def fits(source: str, translated: str) -> bool:
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source, translated)
    except ValueError:
        return False
    return True


def write_strings(translation: Translation, strings: dict[str, str]) -> None:
    """The translation's string for each segment of its source that `strings` translates (new,
    or replacing a different one), as `import_po` would from a PO file holding them."""
    now = timezone.now()
    rows = {}
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        text = html.unescape(segment.string.data)
        if strings.get(text):
            data = html.escape(strings[text], quote=False)
            rows[(segment.string_id, segment.context_id)] = StringTranslation(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale_id=translation.target_locale_id,
                data=data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                tool_name=TOOL_NAME,
                has_error=not fits(segment.string.data, data),
                field_error="",
                created_at=now,
                updated_at=now,
            )
    StringTranslation.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["locale", "translation_of", "context"],
        update_fields=[
            "data",
            "translation_type",
            "tool_name",
            "has_error",
            "field_error",
            "updated_at",
        ],
    )


def import_translation(
    instance: Model, locale: Locale, strings: dict[str, str], *, publish: bool = True
) -> Translation:
    """Translate `instance` into `locale` with `strings` (source text → translated text), then
    save the target (published, for pages and other publishable objects, unless `publish` is
    False). Segments without a string fall back to the source text."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    write_strings(translation, strings)
    if not isinstance(instance, DraftStateMixin):
        translation.save_target()  # saved as it is: nothing to publish
        return translation
    translation.save_target(publish=False)  # a new revision of the target
    if publish:
        translation.get_target_instance().latest_revision.publish()
    return translation
