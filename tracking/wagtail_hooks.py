"""Wagtail hooks: page views become events (publications are `receivers.on_page_published`);
the admin gets the KPI dashboard and the tracking plan's documentation."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views, emit
from .page_kinds import page_type_of, topic_of


@hooks.register("before_serve_page")
def track_help_page_viewed(page, request, serve_args, serve_kwargs):
    if not emit.allowed("Help Page Viewed", request):
        return None
    page_type = page_type_of(page)
    emit.track(
        "Help Page Viewed",
        {
            "page_id": page.pk,
            "page_type": page_type,
            "topic": topic_of(page, page_type),
            "locale": emit.current_locale(request),
            "region": emit.region_of(request),
            "audience": getattr(page, "audience", None),
        },
        request=request,
    )
    return None


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.dashboard, name="dashboard"),
        path("plan/", admin_views.tracking_plan, name="plan"),
    ]
    return [path("tracking/", include((urls, "tracking_admin"), namespace="tracking_admin"))]


@hooks.register("register_admin_menu_item")
def register_tracking_menu():
    submenu = Menu(
        items=[
            MenuItem(_("KPI dashboard"), reverse("tracking_admin:dashboard"), icon_name="list-ul"),
            MenuItem(_("Tracking plan"), reverse("tracking_admin:plan"), icon_name="doc-full"),
        ]
    )
    return SubmenuMenuItem(_("Analytics"), submenu, icon_name="list-ul", order=900)
