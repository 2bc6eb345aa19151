"""Admin wiring of the project itself: the script that starts Wagtail's date and time choosers
without inline scripts (see cms/templates/wagtailadmin/widgets/), and menu labels translated per
request where upstream freezes them (`cms.admin_menu_labels`)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from cms import admin_menu_labels


@hooks.register("insert_global_admin_js")
def date_choosers_js():
    return format_html('<script src="{}"></script>', static("cms/js/date-choosers.js"))


@hooks.register("construct_reports_menu", order=-100)
def reports_menu_in_request_language(request, menu_items):
    admin_menu_labels.relabel_reports_menu(menu_items)


@hooks.register("construct_help_menu", order=-100)
def help_menu_in_request_language(request, menu_items):
    admin_menu_labels.relabel_help_menu(menu_items)
