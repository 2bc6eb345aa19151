"""`{% translation_editor_footer %}`: the project's footer for wagtail-localize's page
translation editor (`cms.editorial.translation_editor`)."""

from django import template

from cms.editorial import start_translation
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
