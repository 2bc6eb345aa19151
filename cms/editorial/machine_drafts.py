"""Machine drafts: translated segments that a machine filled and no person has confirmed yet.

wagtail-localize records how each string of a translation was made
(`StringTranslation.translation_type`: "machine" when the machine translator filled it, with its
`tool_name`; "manual" once a person saves it in the translation editor, unchanged or edited, or
imports it from a PO file). A *machine draft* is a segment of the translation's current source
whose translation in the target locale is still of type "machine".

While any remain, a translation may not be submitted for review, approved or published — unless
the setting `TRANSLATION_MACHINE_DRAFTS_BLOCK_APPROVAL` is False, or the target language is in
`TRANSLATION_MACHINE_DRAFTS_ALLOWED_LANGUAGES` (languages whose team accepts machine text).
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext, ngettext
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation


def machine_drafts_left(translation: Translation) -> int:
    """How many segments of `translation` still hold an unconfirmed machine translation."""
    machine = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    return (
        StringSegment.objects.filter(source_id=translation.source_id)
        .filter(Exists(machine))
        .count()
    )


def blocks_review(language_code: str) -> bool:
    """Whether machine drafts stop a translation into `language_code` from review and publishing."""
    if not getattr(settings, "TRANSLATION_MACHINE_DRAFTS_BLOCK_APPROVAL", True):
        return False
    allowed = getattr(settings, "TRANSLATION_MACHINE_DRAFTS_ALLOWED_LANGUAGES", ())
    return language_code not in allowed


def page_translation(page: Page) -> Translation | None:
    """The enabled wagtail-localize translation that produces `page` (None for source pages,
    aliases and pages made by hand)."""
    if page.alias_of_id:
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .first()
    )


def blocking_drafts(page: Page) -> int:
    """The machine drafts that stop `page` from review or publishing now (0 when none do)."""
    translation = page_translation(page)
    if translation is None or not blocks_review(page.locale.language_code):
        return 0
    return machine_drafts_left(translation)


def drafts_left_text(count: int) -> str:
    return ngettext("%(count)d machine draft left", "%(count)d machine drafts left", count) % {
        "count": count
    }


def refusal_text(count: int) -> str:
    instruction = gettext(
        "Edit or confirm each machine-translated segment in the translation editor first."
    )
    return f"{drafts_left_text(count)} {instruction}"
