"""`{% translation_editor_footer %}`: the project's footer for wagtail-localize's page
translation editor (`cms.editorial.translation_editor`); `{% source_changed_notice %}`: what
changed in the source since the translation was last synced, and the sync button
(`cms.editorial.source_sync`); `{% editor_props %}`: the editor's props adjusted for display
(`cms.editorial.editor_props`)."""

from django import template
from django.urls import reverse

from cms.editorial import source_sync, start_translation
from cms.editorial.editor_props import for_display as display_props
from cms.editorial.translation_editor import footer_for

register = template.Library()


@register.inclusion_tag("editorial/translation_editor_footer.html", takes_context=True)
def translation_editor_footer(context):
    request = context["request"]
    footer = footer_for(context["instance"], context["translation"], request.user)
    return {"footer": footer, "csrf_token": context.get("csrf_token"), "request": request}


@register.simple_tag(takes_context=True)
def may_start_translation(context, page) -> bool:
    """Whether the current user may translate this untranslated copy (`start_translation`)."""
    return start_translation.may_start_translation(page, context["request"].user)


@register.inclusion_tag("editorial/source_changed_notice.html", takes_context=True)
def source_changed_notice(context):
    """Nothing when the translation is in sync with its source."""
    translation, page = context["translation"], context["instance"]
    changes = source_sync.source_changes(translation)
    if not changes:
        return {"changes": []}
    source_locale = translation.source.locale
    return {
        "changes": changes,
        "changes_text": source_sync.changes_text(len(changes)),
        "source_language": source_locale.get_display_name(),
        "source_code": source_locale.language_code,
        "synced_at": translation.source.last_updated_at,
        "refusal": source_sync.sync_refusal(page, context["request"].user),
        "sync_url": reverse("editorial_sync_translation", args=[page.id]),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def editor_props(props: str, translation) -> str:
    """The editor's props for display in the admin's language (`cms.editorial.editor_props`)."""
    return display_props(props, translation)
