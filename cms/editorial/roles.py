"""The editorial roles: groups, their page permissions per locale tree, and the review workflow.

Used by `seed_demo` and by the signal that equips a new locale's home; the data migration that
first created the groups (cms 0002) keeps its own frozen copy of these names. Every function is
idempotent.

| group                     | where                       | page permissions                      |
| ------------------------- | --------------------------- | ------------------------------------- |
| Editors                   | every locale (the root)     | add, change, lock                     |
| Reviewers                 | every locale (the root)     | add, change, publish, lock, unlock    |
| Reviewers – <Language>    | that locale's tree only     | add, change, publish, lock, unlock    |
| Translators – <Language>  | that locale's tree only     | add, change                           |
"""

from django.db import transaction
from wagtail.models import GroupPagePermission, Page

EDITORS = "Editors"
REVIEWERS = "Reviewers"
WORKFLOW_NAME = "Help content review"
SOURCE_LANGUAGE = "en"

# The English names of the site languages, for group names ("Translators – Arabic").
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt-br": "Portuguese (Brazil)",
    "ja": "Japanese",
    "ko": "Korean",
    "tr": "Turkish",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "he": "Hebrew",
}

LOCALE_PAGE_PERMISSIONS = {
    "translator": ("add", "change"),
    "reviewer": ("add", "change", "publish", "lock", "unlock"),
}


def translator_group_name(language_code: str) -> str:
    return f"Translators – {LANGUAGE_NAMES.get(language_code, language_code)}"


def reviewer_group_name(language_code: str) -> str:
    return f"Reviewers – {LANGUAGE_NAMES.get(language_code, language_code)}"


def grant_locale_tree(home: Page) -> int:
    """Give the groups scoped to `home`'s locale their permissions on that tree (home = a
    child of the root). Returns how many permissions were added."""
    from cms.editorial.models import LocaleScope

    added = 0
    scopes = LocaleScope.objects.filter(language_code=home.locale.language_code)
    for scope in scopes.select_related("group"):
        for permission_type in LOCALE_PAGE_PERMISSIONS[scope.role]:
            exists = GroupPagePermission.objects.filter(
                group=scope.group,
                page=home,
                permission__codename=f"{permission_type}_page",
                permission__content_type__app_label="wagtailcore",
            ).exists()
            if not exists:
                GroupPagePermission.objects.create(
                    group=scope.group, page=home, permission_type=permission_type
                )
                added += 1
    return added


@transaction.atomic
def grant_all_locale_trees() -> int:
    """Equip every locale tree (each child of the root) for its scoped groups."""
    return sum(grant_locale_tree(home) for home in Page.objects.filter(depth=2))


def user_locales(user) -> set[str] | None:
    """Language codes a translator-only user may work in; None when the user is not limited
    to locales (superusers, editors, reviewers of every locale)."""
    if user.is_superuser:
        return None
    groups = list(user.groups.select_related("locale_scope"))
    unscoped = [g for g in groups if not hasattr(g, "locale_scope")]
    if unscoped or not groups:
        return None
    return {g.locale_scope.language_code for g in groups}


def is_translator_only(user) -> bool:
    """True for users whose every group is a translator group."""
    if user.is_superuser:
        return False
    groups = list(user.groups.select_related("locale_scope"))
    return bool(groups) and all(
        hasattr(g, "locale_scope") and g.locale_scope.role == "translator" for g in groups
    )
