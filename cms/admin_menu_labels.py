"""Admin menu labels in the language of each request, for the upstream items that freeze theirs.

Wagtail builds its menus once, at the first admin request, and two upstream items translate their
label right then (non-lazy gettext, or a lazy string formatted at once): wagtail-localize's
"Translations" report and Wagtail's "What's new in Wagtail N". Every later request would show
them in the first visitor's language. The construct-menu hooks in `cms.wagtail_hooks` hand each
request copies of those items, labelled afresh in the request's language, with the stable names
other hooks match on (`translations`).
"""

import copy

from django.urls import reverse

# The labels are Wagtail's and wagtail-localize's own msgids, translated by their catalogues: an
# alias keeps makemessages from copying them into the project's.
from django.utils.translation import gettext as upstream_translation
from wagtail.admin.menu import MenuItem
from wagtail.utils.version import get_main_version

TRANSLATIONS_REPORT_NAME = "translations"


def whats_new_label() -> str:
    return upstream_translation("What's new in Wagtail %(version)s") % {
        "version": get_main_version(include_patch=False)
    }


def relabelled(item: MenuItem, label: str, name: str | None = None) -> MenuItem:
    """A copy of a shared menu item with this request's label (the shared one stays as it is)."""
    fresh = copy.copy(item)
    fresh.label = label
    if name:
        fresh.name = name
    return fresh


def relabel_reports_menu(menu_items: list[MenuItem]) -> None:
    report_url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [
        relabelled(item, upstream_translation("Translations"), TRANSLATIONS_REPORT_NAME)
        if item.url == report_url
        else item
        for item in menu_items
    ]


def relabel_help_menu(menu_items: list[MenuItem]) -> None:
    whats_new_name = f"whats-new-in-wagtail-{get_main_version(include_patch=False)}"
    menu_items[:] = [
        relabelled(item, whats_new_label()) if item.name == whats_new_name else item
        for item in menu_items
    ]
