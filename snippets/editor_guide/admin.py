"""Admin wiring of the editor guide: its snippet listing, the "Editor guide" menu and views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import EditorGuide


class EditorGuideViewSet(SnippetViewSet):
    model = EditorGuide
    icon = "help"
    list_display = ["title", "slug", "sort_order"]
    search_fields = ["title"]


register_snippet(EditorGuideViewSet)


@hooks.register("register_admin_urls")
def register_editor_guide_urls():
    return [
        path("editor-guide/", views.index, name="editor_guide"),
        path("editor-guide/<slug:slug>/", views.detail, name="editor_guide_detail"),
    ]


@hooks.register("register_admin_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(_("Editor guide"), reverse("editor_guide"), icon_name="help", order=10000)
