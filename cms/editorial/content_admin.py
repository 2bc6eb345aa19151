"""wagtail-modeladmin listings for content health: translation progress and freshness."""

from django.contrib.admin import SimpleListFilter
from django.db.models import BooleanField, Case, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PagePermissionHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from cms.editorial import content_health
from cms.editorial.models import TranslationProgress
from pages.models import HelpPage


class ReadOnlyForEditors(PermissionHelper):
    """Everyone who can reach the admin may read the figures; nobody edits them here."""

    def user_can_list(self, user) -> bool:
        return user.is_active and user.has_perm("wagtailadmin.access_admin")

    def user_can_create(self, user) -> bool:
        return False

    def user_can_edit_obj(self, user, obj) -> bool:
        return False

    def user_can_delete_obj(self, user, obj) -> bool:
        return False


class TranslationProgressAdmin(ModelAdmin):
    model = TranslationProgress
    base_url_path = "cms/translationprogress"  # the listing's address from before the app moved
    menu_label = _("Translation progress")
    menu_icon = "site"
    permission_helper_class = ReadOnlyForEditors
    list_display = ("language", "translated", "outdated", "missing", "current_share")
    search_fields = ("language_code",)
    ordering = ("language_code",)

    @staticmethod
    def _progress(obj) -> content_health.LocaleProgress:
        # Computed once per row (the listing's columns share the row's object).
        if not hasattr(obj, "_progress"):
            obj._progress = content_health.locale_progress(obj)
        return obj._progress

    @staticmethod
    def language(obj) -> str:
        return f"{obj.get_display_name()} ({obj.language_code})"

    language.short_description = _("Language")

    def translated(self, obj) -> int:
        return self._progress(obj).translated

    translated.short_description = _("Translated")

    def outdated(self, obj) -> int:
        return self._progress(obj).outdated

    outdated.short_description = _("Outdated")

    def missing(self, obj) -> int:
        return self._progress(obj).missing

    missing.short_description = _("Missing")

    def current_share(self, obj) -> str:
        return f"{self._progress(obj).percent_current} %"

    current_share.short_description = _("Up to date")


class AttentionFilter(SimpleListFilter):
    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("review", _("Review due")),
            ("outdated", _("Outdated translation")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return content_health.review_due(queryset)
        if self.value() == "outdated":
            return content_health.outdated_translations(queryset)
        return queryset


class ContentFreshnessAdmin(ModelAdmin):
    """Help pages due for an expert's review, and translations behind their source."""

    model = HelpPage
    menu_label = _("Content freshness")
    menu_icon = "time"
    permission_helper_class = PagePermissionHelper
    list_display = ("title", "language", "last_reviewed", "attention")
    list_filter = (AttentionFilter, "audience")
    search_fields = ("title",)
    ordering = ("last_reviewed", "title")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(alias_of__isnull=True)
        due = list(content_health.review_due(queryset).values_list("id", flat=True))
        outdated = list(content_health.outdated_translations(queryset).values_list("id", flat=True))
        return (
            queryset.filter(id__in=due + outdated)
            .annotate(
                is_review_due=Case(
                    When(id__in=due, then=True), default=False, output_field=BooleanField()
                ),
                is_outdated=Case(
                    When(id__in=outdated, then=True), default=False, output_field=BooleanField()
                ),
            )
            .select_related("locale")
        )

    @staticmethod
    def language(obj) -> str:
        return obj.locale.get_display_name()

    language.short_description = _("Language")

    def attention(self, obj) -> str:
        reasons = []
        if getattr(obj, "is_review_due", False):
            reasons.append(_("Review due"))
        if getattr(obj, "is_outdated", False):
            reasons.append(_("Outdated translation"))
        return format_html("{}", ", ".join(str(r) for r in reasons))

    attention.short_description = _("Needs attention")


class ContentHealthGroup(ModelAdminGroup):
    menu_label = _("Content health")
    menu_icon = "pick"
    menu_order = 250
    items = (TranslationProgressAdmin, ContentFreshnessAdmin)
