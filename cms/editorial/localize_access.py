"""One permission layer in front of every wagtail-localize admin endpoint (`/admin/localize/…`).

`LocalizeAccessMiddleware` looks at the URL the request resolved to. Every URL name in
wagtail-localize's namespaces has a rule in `ENDPOINTS`; a name without one is refused (so a new
upstream endpoint is closed until it is classified, and a test fails). The rules, for pages and
snippets alike, always in the locale the action works on (the translation's target locale):

- **read** (PO download, preview, the translation editor's snippet lookups): the user may
  translate there (edit the page / change the snippet type) or, for snippets, view the type;
- **translate** (string and override edits, PO upload, machine translation, disabling a
  translation): the user may translate there — drafts only, nothing visitors see changes;
- **publish** (convert a page to an alias; sync with "publish"; submitting a live page for
  translation while wagtail-localize copies the live status): the user may publish there
  (the page's publish permission; for snippets the publish permission, or for snippets without
  drafts the change permission, since saving them is publishing).

Users limited to locales (translator and per-locale reviewer groups, `roles.user_locales`) never
pass outside their languages, whatever other permissions say. Superusers pass everywhere.
A refusal is a 403 with a translated message (JSON for the translation editor's API calls).
The PO upload without a file, or with a file not exported by the translation editor, is a 400.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationSource

from cms.editorial import roles

# The URL namespaces wagtail-localize registers under /admin/localize/.
LOCALIZE_NAMESPACES = ("wagtail_localize", "wagtail_localize_modeladmin")
# Endpoints answered as JSON (the translation editor's API calls).
JSON_ENDPOINTS = {
    "wagtail_localize:edit_string_translation",
    "wagtail_localize:edit_override",
    "wagtail_localize:snippets_api_listing",
    "wagtail_localize:snippets_api_detail",
}
PO_FILE_MARKER = b"X-WagtailLocalize-TranslationID"


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused. The message is translated when the answer is rendered, in the
    user's admin language (`%(language)s` becomes the locale's name)."""

    message: str
    locale: Locale | None = None
    status: int = 403

    def text(self) -> str:
        if self.locale is None:
            return str(self.message)
        return str(self.message) % {"language": self.locale.get_display_name()}


Rule = Callable[[HttpRequest, dict], Refusal | None]


# --- What a user may do in a locale -------------------------------------------------------------


def in_user_locales(user, locale: Locale) -> bool:
    allowed = roles.user_locales(user)
    return allowed is None or locale.language_code in allowed


def _locale_tree(locale: Locale) -> Page:
    """The page whose permissions stand for a locale where the page itself does not exist yet."""
    return Page.objects.filter(depth=2, locale=locale).first() or Page.get_first_root_node()


def _snippet_perm(user, action: str, model) -> bool:
    return user.has_perm(get_permission_name(action, model))


def may_read(user, obj) -> bool:
    if user.is_superuser:
        return True
    if not in_user_locales(user, obj.locale):
        return False
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return _snippet_perm(user, "view", type(obj)) or _snippet_perm(user, "change", type(obj))


def may_translate(user, obj) -> bool:
    if user.is_superuser:
        return True
    if not in_user_locales(user, obj.locale):
        return False
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return _snippet_perm(user, "change", type(obj))


def may_publish(user, obj) -> bool:
    if user.is_superuser:
        return True
    if not in_user_locales(user, obj.locale):
        return False
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    model = type(obj)
    action = "publish" if issubclass(model, DraftStateMixin) else "change"
    return _snippet_perm(user, action, model)


def target_in(source_instance, locale: Locale):
    """The translation of `source_instance` in `locale`, or for a page not translated there yet,
    the locale's tree (its permissions are those the new page will have)."""
    existing = source_instance.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific if isinstance(existing, Page) else existing
    if isinstance(source_instance, Page):
        return _locale_tree(locale)
    return type(source_instance)(locale=locale)


def goes_live_on_translate(source_instance) -> bool:
    """Whether wagtail-localize publishes a new translation of `source_instance` at once."""
    if not isinstance(source_instance, DraftStateMixin):
        return True  # snippets without drafts: saving is publishing
    if not getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True):
        return False
    return bool(getattr(source_instance, "live", True))


# --- Refusals -------------------------------------------------------------------------------------


def _no_access(locale: Locale) -> Refusal:
    return Refusal(_("You do not have access to this content in %(language)s."), locale)


def _no_publish(locale: Locale) -> Refusal:
    return Refusal(
        _(
            "This changes what visitors see in %(language)s, so only someone who may publish in "
            "%(language)s can do it. Submit the translation for review instead."
        ),
        locale,
    )


def _no_translation_tools() -> Refusal:
    return Refusal(_("You do not have permission to use the translation tools."))


# --- Rules per endpoint -------------------------------------------------------------------------


def _target_of(translation: Translation):
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:  # the target was deleted: judge by the locale's tree
        return target_in(translation.source.get_source_instance(), translation.target_locale)
    return instance.specific if isinstance(instance, Page) else instance


def _on_translation(check: Callable, refusal: Callable) -> Rule:
    def rule(request, kwargs):
        translation = (
            Translation.objects.select_related("source", "target_locale")
            .filter(id=kwargs["translation_id"])
            .first()
        )
        if translation is None:
            return None  # the view answers 404
        if not check(request.user, _target_of(translation)):
            return refusal(translation.target_locale)
        return None

    return rule


reading_a_translation = _on_translation(may_read, _no_access)
translating = _on_translation(may_translate, _no_access)


def uploading_a_po_file(request, kwargs):
    refusal = translating(request, kwargs)
    if refusal is not None or request.method != "POST":
        return refusal
    upload = request.FILES.get("file")
    if upload is None:
        return Refusal(_("Choose a PO file to upload."), status=400)
    head = upload.read()
    upload.seek(0)
    if PO_FILE_MARKER not in head:
        return Refusal(
            _("This is not a PO file downloaded from the translation editor."), status=400
        )
    return None


def converting_to_alias(request, kwargs):
    page = Page.objects.filter(id=kwargs["page_id"]).first()
    if page is None:
        return None
    page = page.specific
    if not may_translate(request.user, page):
        return _no_access(page.locale)
    if request.method == "POST" and not may_publish(request.user, page):
        return _no_publish(page.locale)  # the page's own content is replaced by the source's
    return None


def _chosen_locales(request) -> list[Locale]:
    ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
    return list(Locale.objects.filter(id__in=ids))


def _submitting(load_source: Callable) -> Rule:
    def rule(request, kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            return _no_translation_tools()
        source = load_source(kwargs)
        if source is None:
            return None
        if not may_read(request.user, source):
            return _no_access(source.locale)
        if request.method != "POST":
            return None
        live = goes_live_on_translate(source)
        for locale in _chosen_locales(request):
            target = target_in(source, locale)
            if not may_translate(request.user, target):
                return _no_access(locale)
            if live and not may_publish(request.user, target):
                return _no_publish(locale)
        return None

    return rule


def _source_page(kwargs):
    page = Page.objects.filter(id=kwargs["page_id"]).first()
    return page.specific if page is not None else None


def _source_snippet(kwargs):
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except LookupError:
        return None
    if not hasattr(model, "locale"):
        return None  # not translatable: the view answers 404
    return model._default_manager.filter(pk=kwargs["pk"]).first()


def updating_translations(request, kwargs):
    """ "Sync translated pages/snippets": the source's side, then every enabled translation's."""
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        return _no_translation_tools()
    source = TranslationSource.objects.filter(id=kwargs["translation_source_id"]).first()
    if source is None:
        return None
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:  # the source object was deleted: the view answers 404
        return None
    instance = instance.specific if isinstance(instance, Page) else instance
    if not may_read(request.user, instance):
        return _no_access(instance.locale)
    if request.method != "POST":
        return None
    publish = bool(request.POST.get("publish_translations"))
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        target = _target_of(translation)
        if not may_translate(request.user, target):
            return _no_access(translation.target_locale)
        if publish and not may_publish(request.user, target):
            return _no_publish(translation.target_locale)
    return None


def working_on_translations(request, kwargs):
    """The translations report: for those who translate (any locale) or submit translations."""
    user = request.user
    if user.is_superuser or user.has_perm("wagtail_localize.submit_translation"):
        return None
    if user.groups.filter(locale_scope__isnull=False).exists():
        return None
    return _no_translation_tools()


def using_snippet_lookup(request, kwargs):
    """The translation editor's snippet chooser: those who may see that snippet type (and, for
    one snippet, its locale)."""
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except LookupError:
        return None
    user = request.user
    if not user.is_superuser and not any(
        _snippet_perm(user, action, model) for action in ("view", "change", "add", "delete")
    ):
        return _no_translation_tools()
    if "pk" in kwargs and hasattr(model, "locale"):
        instance = model._default_manager.filter(pk=kwargs["pk"]).first()
        if instance is not None and not may_read(user, instance):
            return _no_access(instance.locale)
    return None


def anyone_in_the_admin(request, kwargs):
    return None  # static: the translation editor's JavaScript catalog


ENDPOINTS: dict[str, Rule] = {
    "wagtail_localize:javascript_catalog": anyone_in_the_admin,
    "wagtail_localize:submit_page_translation": _submitting(_source_page),
    "wagtail_localize:submit_snippet_translation": _submitting(_source_snippet),
    "wagtail_localize:update_translations": updating_translations,
    "wagtail_localize:edit_string_translation": translating,
    "wagtail_localize:edit_override": translating,
    "wagtail_localize:download_pofile": reading_a_translation,
    "wagtail_localize:upload_pofile": uploading_a_po_file,
    "wagtail_localize:machine_translate": translating,
    "wagtail_localize:preview_translation": reading_a_translation,
    "wagtail_localize:stop_translation": translating,
    "wagtail_localize:convert_to_alias": converting_to_alias,
    "wagtail_localize:translations_report": working_on_translations,
    "wagtail_localize:translations_report_results": working_on_translations,
    "wagtail_localize:snippets_api_listing": using_snippet_lookup,
    "wagtail_localize:snippets_api_detail": using_snippet_lookup,
}


def is_localize_endpoint(namespace: str) -> bool:
    return any(
        namespace == name or namespace.startswith(name + ":") for name in LOCALIZE_NAMESPACES
    )


def refusal_for(request: HttpRequest, view_name: str, kwargs: dict) -> Refusal | None:
    rule = ENDPOINTS.get(view_name)
    if rule is None:
        return Refusal(_("This translation action is not available."))
    return rule(request, kwargs)


def refusal_response(request: HttpRequest, view_name: str, refusal: Refusal) -> HttpResponse:
    if view_name in JSON_ENDPOINTS:
        return JsonResponse({"error": refusal.text()}, status=refusal.status)
    response = TemplateResponse(
        request,
        "editorial/localize_refused.html",
        {"message": refusal.text()},
        status=refusal.status,
    )
    return response.render()


class LocalizeAccessMiddleware:
    """Applies `ENDPOINTS` to every request that resolved to a wagtail-localize URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not is_localize_endpoint(match.namespace):
            return None
        if not request.user.is_authenticated:
            return None  # the admin's own check sends the visitor to the login page
        refusal = refusal_for(request, match.view_name, view_kwargs)
        if refusal is None:
            return None

        # Through the admin's own access check, which also switches to the user's admin language.
        def refuse(request):
            return refusal_response(request, match.view_name, refusal)

        return require_admin_access(refuse)(request)
