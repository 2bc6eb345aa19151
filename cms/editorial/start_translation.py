"""Starting the translation of a page into one locale, from that locale's untranslated copy.

A page not translated into a language exists there as an alias of the English page. Anyone who
may translate in that locale — translators of that language included, and only there — turns
it into a translation with one button (POST `/admin/translations/<alias id>/translate/`): the
wagtail-localize translation is created for that one locale and the translation editor opens.
The copy stays a draft (`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`); if settings
ever made new translations go live at once, the publish permission there would be required.
wagtail-localize's own "Translate this page" (every locale at once) stays with those who hold
`submit_translation` (editors and reviewers of every locale).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.operations import TranslationCreator

from cms.editorial import localize_access


def untranslated_copy(page: Page) -> bool:
    """Whether `page` is the alias a locale shows until someone translates the page."""
    return bool(page.alias_of_id) and page.alias_of.locale_id != page.locale_id


def may_start_translation(page: Page, user) -> bool:
    """Whether `user` may turn the untranslated copy `page` into a translation of its locale."""
    if not untranslated_copy(page):
        return False
    if not localize_access.may_translate(user, page):
        return False
    source = page.alias_of.specific
    if localize_access.goes_live_on_translate(source):
        return localize_access.may_publish(user, page)
    return True


@require_POST
def start_translation(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id).specific
    if not untranslated_copy(page):
        messages.error(request, _("This page is already translated."))
        return redirect("wagtailadmin_pages:edit", page.id)
    if not may_start_translation(page, request.user):
        raise PermissionDenied
    TranslationCreator(request.user, [page.locale]).create_translations(page.alias_of.specific)
    messages.success(
        request,
        _(
            "Translation into %(language)s started: translate each segment, then submit it "
            "for review."
        )
        % {"language": page.locale.get_display_name()},
    )
    return redirect("wagtailadmin_pages:edit", page.id)
