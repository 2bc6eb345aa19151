"""The reviewer's view of a translation: source and translation side by side, segment by segment,
and the review actions with a clear message after each.

GET `/admin/translations/<page id>/review/` shows, for a page made with the translation editor,
each string of the source the translation was built from (markup stripped) next to its
translation in the page's latest revision; segments whose translation differs from what visitors
see now come first, marked as changed, the others below; a translation that still reads as the
source (an untranslated segment falls back to it) is flagged and shown in the source's
direction. Anyone who may read the page in its locale sees it; the review actions (approve,
request changes, with an optional comment) are those the current workflow task offers the user
(`LocaleReviewTask.get_actions`: reviewers of that locale, no approval while machine drafts
block it). POST performs one of them through the
task, as Wagtail's own workflow action does, and says what happened.
"""

from dataclasses import dataclass
from itertools import zip_longest

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.editorial import localize_access, machine_drafts
from cms.editorial.review_messages import done_message
from cms.editorial.source_sync import field_label, segment_texts

COMMENT_MAX_LENGTH = 2000
KEPT_AS_SOURCE = {"slug"}


@dataclass(frozen=True)
class SegmentPair:
    field: str
    source: str
    translation: str
    changed: bool
    path: str = ""

    @property
    def same_as_source(self) -> bool:
        """Whether the translation still reads as the source (untranslated segments fall back
        to it), shown in the source's language and direction and flagged. Not for the slug,
        which translations may keep."""
        return self.translation == self.source and self.path not in KEPT_AS_SOURCE


def segment_pairs(page: Page, translation) -> list[SegmentPair]:
    """Each source string next to its translation in `page`'s latest revision; `changed` when
    that differs from what the page shows visitors now (everything, for a page not yet live)."""
    source = segment_texts(translation.source.as_instance())
    draft = segment_texts(page.get_latest_revision_as_object())
    live = segment_texts(page) if page.live else {}
    model = type(page)
    pairs = []
    for path, texts in source.items():
        drafts, lives = draft.get(path, []), live.get(path, [])
        for index, (text, translated) in enumerate(zip_longest(texts, drafts, fillvalue="")):
            if not text:
                continue
            now = lives[index] if index < len(lives) else None
            label = field_label(model, path)
            pairs.append(SegmentPair(label, text, translated, translated != now, path))
    return pairs


def review_actions(page: Page, user) -> list[tuple[str, str, bool]]:
    """The actions the current workflow task offers `user` on `page` (name, label, with a
    comment), one per name."""
    state = page.current_workflow_task_state if page.workflow_in_progress else None
    if state is None:
        return []
    actions, seen = [], set()
    for name, label, needs_comment in state.task.specific.get_actions(page, user):
        if name not in seen:
            seen.add(name)
            actions.append((name, label, needs_comment))
    return actions


def may_review_side_by_side(page: Page, user) -> bool:
    return bool(machine_drafts.page_translation(page)) and bool(review_actions(page, user))


def direction(language_code: str) -> str:
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


def review_translation(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id).specific
    if not localize_access.may_read(request.user, page):
        raise PermissionDenied
    translation = machine_drafts.page_translation(page)
    if translation is None:
        raise Http404(_("This page is not a translation made with the translation editor."))
    actions = review_actions(page, request.user)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in {name for name, _label, _comment in actions}:
            raise PermissionDenied
        comment = request.POST.get("comment", "").strip()[:COMMENT_MAX_LENGTH]
        state = page.current_workflow_task_state
        state.task.specific.on_action(state, request.user, action, comment=comment)
        page = Page.objects.get(id=page.id).specific
        messages.success(request, done_message(page, action))
        return redirect("wagtailadmin_home")
    drafts_left = machine_drafts.machine_drafts_left(translation)
    pairs = segment_pairs(page, translation)
    return TemplateResponse(
        request,
        "editorial/translation_side_by_side.html",
        {
            "page": page,
            "source_locale": translation.source.locale,
            "source_direction": direction(translation.source.locale.language_code),
            "target_direction": direction(page.locale.language_code),
            "changed": [pair for pair in pairs if pair.changed],
            "unchanged": [pair for pair in pairs if not pair.changed],
            "actions": actions,
            "drafts_left": drafts_left,
            "drafts_left_text": machine_drafts.drafts_left_text(drafts_left),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.id]),
            "comment_max_length": COMMENT_MAX_LENGTH,
        },
    )
