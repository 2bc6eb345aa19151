"""Admin wiring of the project itself: the script that starts Wagtail's date and time choosers
without inline scripts (see cms/templates/wagtailadmin/widgets/)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def date_choosers_js():
    return format_html('<script src="{}"></script>', static("cms/js/date-choosers.js"))
