"""Sends a page's translation into the review workflow.

Refused (409, the page says how many) while the translation has machine drafts left and
`machine_drafts.blocks_review` says they block its language.

wagtail-localize's translation editor only offers "Publish" (to those who may publish). A
translator instead saves the translated strings as a draft revision and submits it to the
"Help content review" workflow, where a reviewer of that locale approves or requests changes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.editorial import machine_drafts
from cms.editorial.machine_drafts import page_translation


@transaction.atomic
def save_translation_draft(page: Page, translation: Translation, user) -> Page:
    """A draft revision of the translated page, leaving what visitors see untouched.

    wagtail-localize's `save_target(publish=False)` also writes the draft onto the page's row,
    which is what a live page serves; the row is put back to what it held before afterwards.
    (Not from `live_revision`: a page that started as an alias still points to the source
    page's revision there, and restoring that would overwrite the source page.)
    """
    live_content = Page.objects.get(id=page.id).specific.serializable_data() if page.live else None
    translation.save_target(user=user, publish=False)
    draft = Page.objects.get(id=page.id).specific
    if live_content is None:
        return draft
    restored = draft.with_content_json(live_content)
    restored.save(clean=False)
    Page.objects.filter(id=page.id).update(
        latest_revision=draft.latest_revision,
        draft_title=draft.draft_title,
        has_unpublished_changes=True,
    )
    return Page.objects.get(id=page.id).specific


def can_submit_translation(page: Page, user) -> bool:
    lock = page.get_lock()
    return (
        page.permissions_for_user(user).can_edit()
        and page.get_workflow() is not None
        and not page.workflow_in_progress
        and not (lock and lock.for_user(user))
        and page_translation(page) is not None
    )


def submit_translation_for_review(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = page_translation(page)
    explore_url = reverse("wagtailadmin_explore", args=[page.get_parent().id])
    if translation is None:
        messages.error(
            request, _("This page is not a translation made with the translation editor.")
        )
        return redirect(explore_url)
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already in review."))
        return redirect(explore_url)
    lock = page.get_lock()
    if lock and lock.for_user(request.user):
        messages.error(request, _("This page is locked, so it cannot be submitted now."))
        return redirect(explore_url)
    workflow = page.get_workflow()
    if workflow is None:
        messages.error(request, _("No review workflow covers this page."))
        return redirect(explore_url)
    drafts_left = machine_drafts.machine_drafts_left(translation)
    blocked = drafts_left > 0 and machine_drafts.blocks_review(page.locale.language_code)
    if request.method != "POST" or blocked:
        return TemplateResponse(
            request,
            "editorial/submit_translation_for_review.html",
            {
                "page": page,
                "translation": translation,
                "progress": translation.get_progress(),
                "drafts_left": drafts_left,
                "drafts_left_text": machine_drafts.drafts_left_text(drafts_left),
                "blocked": blocked,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.id]),
            },
            # Submitting with machine drafts left is refused: the request conflicts with the
            # translation's state until each draft is confirmed.
            status=409 if request.method == "POST" else 200,
        )
    page = save_translation_draft(page, translation, request.user)
    workflow.start(page, request.user)
    messages.success(
        request,
        _("'%(title)s' was submitted for review in %(language)s.")
        % {"title": page.get_admin_display_title(), "language": page.locale.get_display_name()},
    )
    return redirect(explore_url)
