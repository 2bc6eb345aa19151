"""Outdated translations made actionable: what changed in the source since a translation was last
synced, and syncing one language's translation with it.

wagtail-localize keeps one copy of the source per source page (`TranslationSource`, its
segments), shared by every target language, and builds each translation from it. The copy is
*synced* when someone updates it from the source page (the page's current content: what
visitors see once it is published). `source_changes` compares the two segment by segment
(strings only, markup stripped) and lists the segments that changed, appeared or went away.

`sync_translation` (POST `/admin/translations/<page id>/sync/`) updates the copy and rebuilds
one translation — the page the user opened — as a draft: what visitors see does not change,
other languages' pages are untouched (their editors show the new segments as untranslated, and
content health keeps them outdated until they are translated), and changed segments await a
translation. Allowed to whoever may translate the page in its locale (`localize_access`), never
while the translation is in review (the reviewer would approve something else) or locked.
"""

from dataclasses import dataclass
from itertools import zip_longest

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.editorial import localize_access, translation_review
from cms.editorial.machine_drafts import page_translation

CHANGED, ADDED, REMOVED = "changed", "added", "removed"


@dataclass(frozen=True)
class SegmentChange:
    """One string of the source that differs between the synced copy and the source page."""

    field: str
    kind: str
    before: str
    after: str


def segment_texts(instance) -> dict[str, list[str]]:
    """{content path: [plain text of each string there, in order]} (rich text gives several
    strings per path)."""
    texts: dict[str, list[str]] = {}
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            texts.setdefault(segment.path, []).append(segment.string.render_text())
    return texts


def field_label(model, path: str) -> str:
    """The name of the field a content path starts in ("Body", "Title")."""
    name = path.split(".", 1)[0]
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # not a model field (an inline panel's relation): the path's first part
        return name


def source_changes(translation: Translation) -> list[SegmentChange]:
    """The segments of the source page that differ from the copy `translation` was synced from
    ([] when the source page no longer exists)."""
    try:
        current = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return []
    synced = translation.source.as_instance()
    before, after = segment_texts(synced), segment_texts(current)
    model = type(current)
    changes = []
    for path in list(before) + [p for p in after if p not in before]:
        pairs = zip_longest(before.get(path, []), after.get(path, []), fillvalue=None)
        for old, new in pairs:
            if old == new:
                continue
            kind = ADDED if old is None else REMOVED if new is None else CHANGED
            changes.append(SegmentChange(field_label(model, path), kind, old or "", new or ""))
    return changes


def sync_refusal(page: Page, user) -> str | None:
    """Why `user` may not sync `page` now (None when they may)."""
    if not localize_access.may_translate(user, page):
        return _("You may not sync translations in %(language)s.") % {
            "language": page.locale.get_display_name()
        }
    if page.workflow_in_progress:
        return _("This translation is in review; sync it once the review is over.")
    lock = page.get_lock()
    if lock and lock.for_user(user):
        return _("This page is locked, so it cannot be synced now.")
    return None


@transaction.atomic
def sync_translation(page: Page, translation: Translation, user) -> Page:
    """Update the source copy from the source page and rebuild `page` (the translation into
    one locale) as a draft from it."""
    translation.source.update_from_db()
    translation.source.update_target_view_restrictions(translation.target_locale)
    return translation_review.save_translation_draft(page, translation, user)


def changes_text(count: int) -> str:
    return ngettext("%(count)d segment changed", "%(count)d segments changed", count) % {
        "count": count
    }


@require_POST
def sync_from_source(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id).specific
    translation = page_translation(page)
    if translation is None:
        messages.error(
            request, _("This page is not a translation made with the translation editor.")
        )
        return redirect("wagtailadmin_pages:edit", page.id)
    if not localize_access.may_translate(request.user, page):
        raise PermissionDenied
    refusal = sync_refusal(page, request.user)
    if refusal is not None:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.id)
    changes = source_changes(translation)
    if not changes:
        messages.info(request, _("This translation is already in sync with its source."))
        return redirect("wagtailadmin_pages:edit", page.id)
    try:
        sync_translation(page, translation, request.user)
    except (ObjectDoesNotExist, ValidationError):
        messages.error(request, _("The source could not be synced; ask an editor to check it."))
        return redirect("wagtailadmin_pages:edit", page.id)
    messages.success(
        request,
        _(
            "Synced with the source: %(changes)s. Translate the changed segments, then submit "
            "the translation for review."
        )
        % {"changes": changes_text(len(changes))},
    )
    return redirect("wagtailadmin_pages:edit", page.id)
