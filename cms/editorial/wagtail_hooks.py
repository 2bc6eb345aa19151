"""Admin wiring for the editorial workflow: role guards, translation review, content health."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import TranslatableMixin
from wagtail_modeladmin.options import modeladmin_register

from cms.editorial import (
    language_work,
    localize_access,
    machine_drafts,
    roles,
    source_sync,
    start_translation,
    translation_review,
    translation_side_by_side,
)
from cms.editorial.content_admin import ContentHealthGroup


def _refuse_outside_locales(request, obj) -> None:
    """Translators work only in the locales of their groups, whatever the permissions say."""
    allowed = roles.user_locales(request.user)
    if allowed is not None and obj.locale.language_code not in allowed:
        raise PermissionDenied


@hooks.register("before_edit_page")
def guard_edit(request, page):
    _refuse_outside_locales(request, page)


PUBLISH_ACTIONS = ("action-publish", "publish")  # the page editor's, the translation editor's


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize's translation editor
def refuse_publishing_machine_drafts(request, page):
    """A translation with machine drafts left is not published (see `machine_drafts`)."""
    if request.method != "POST":
        return None
    if not any(
        request.POST.get(name) or request.POST.get("action") == name for name in PUBLISH_ACTIONS
    ):
        return None
    left = machine_drafts.blocking_drafts(page)
    if not left:
        return None
    messages.error(request, machine_drafts.refusal_text(left))
    return redirect("wagtailadmin_pages:edit", page.id)


@hooks.register("before_create_page")
def guard_create(request, parent_page, page_class):
    _refuse_outside_locales(request, parent_page)


@hooks.register("before_delete_page")
def guard_delete(request, page):
    if roles.is_translator_only(request.user):
        raise PermissionDenied  # translators translate; the page tree is the editors' to change


@hooks.register("before_move_page")
def guard_move(request, page, destination):
    if roles.is_translator_only(request.user):
        raise PermissionDenied


@hooks.register("before_copy_page")
def guard_copy(request, page):
    if roles.is_translator_only(request.user):
        raise PermissionDenied


TREE_CHANGES = ("wagtailadmin_pages:move", "wagtailadmin_pages:copy", "wagtailadmin_pages:delete")


@hooks.register("construct_page_listing_buttons")
def hide_tree_changes_from_translators(buttons, page, user, context=None):
    """The row menu's Move, Copy and Delete answer translators "no permission" (the guards
    above), so they are not offered to them."""
    if not roles.is_translator_only(user):
        return
    refused = {reverse(name, args=[page.id]) for name in TREE_CHANGES}
    for button in buttons:
        if hasattr(button, "dropdown_buttons"):
            button.dropdown_buttons = [
                item
                for item in button.dropdown_buttons
                if (item.url or "").split("?", 1)[0] not in refused
            ]


@hooks.register("before_edit_snippet")
def guard_edit_snippet(request, instance):
    """Translatable snippets (e.g. the editor guide): translators edit their locales only."""
    if isinstance(instance, TranslatableMixin):
        _refuse_outside_locales(request, instance)


@hooks.register("before_create_snippet")
def guard_create_snippet(request, model):
    if issubclass(model, TranslatableMixin) and roles.is_translator_only(request.user):
        raise PermissionDenied  # new snippets start in the source language, by editors


@hooks.register("before_delete_snippet")
def guard_delete_snippet(request, instances):
    if roles.is_translator_only(request.user):
        raise PermissionDenied


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "translations/<int:page_id>/submit-for-review/",
            translation_review.submit_translation_for_review,
            name="editorial_submit_translation_for_review",
        ),
        path(
            "translations/<int:page_id>/translate/",
            start_translation.start_translation,
            name="editorial_start_translation",
        ),
        path(
            "translations/<int:page_id>/review/",
            translation_side_by_side.review_translation,
            name="editorial_review_translation",
        ),
        path(
            "translations/<int:page_id>/sync/",
            source_sync.sync_from_source,
            name="editorial_sync_translation",
        ),
        path(
            "translations/my-languages/<str:language_code>/<slug:kind>/",
            language_work.language_work,
            name="editorial_language_work",
        ),
    ]


def translation_review_button(page, user, view_name=None, next_url=None):
    if translation_review.can_submit_translation(page, user):
        yield ListingButton(
            _("Submit translation for review"),
            reverse("editorial_submit_translation_for_review", args=[page.id]),
            priority=50,
            icon_name="resubmit",
        )


hooks.register("register_page_header_buttons", translation_review_button)
hooks.register("register_page_listing_more_buttons", translation_review_button)


def side_by_side_button(page, user, view_name=None, next_url=None):
    """Reviewers of a translation in review: the side-by-side view with its review actions."""
    if page.workflow_in_progress and translation_side_by_side.may_review_side_by_side(page, user):
        yield ListingButton(
            _("Review side by side"),
            reverse("editorial_review_translation", args=[page.id]),
            priority=10,
            icon_name="doc-full",
        )


hooks.register("register_page_header_buttons", side_by_side_button)
hooks.register("register_page_listing_more_buttons", side_by_side_button)


@hooks.register("construct_homepage_panels")
def add_language_work_panel(request, panels):
    """Translators and per-locale reviewers: what waits in their languages, first."""
    lines = language_work.lines_for(request.user)
    if lines:
        panels.append(language_work.LanguageWorkPanel(lines))


@hooks.register("construct_reports_menu")
def hide_translations_report(request, menu_items):
    """wagtail-localize shows its report to everyone; the permission layer refuses it to admin
    users who do not work on translations, so they do not see it in the menu either."""
    if localize_access.working_on_translations(request, {}) is not None:
        menu_items[:] = [item for item in menu_items if item.name != "translations"]


modeladmin_register(ContentHealthGroup)
