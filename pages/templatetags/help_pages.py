from django import template

from pages import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    return languages.language_links(page, context.get("request"))


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page):
    return languages.hreflang_alternates(page, context.get("request"))


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    return languages.canonical_url(page, context.get("request"))


@register.simple_tag
def content_language(page):
    return languages.content_language(page)


@register.filter
def text_direction(language_code):
    return languages.text_direction(language_code)


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    from wagtail.models import Locale

    code = Locale.get_active().language_code
    return languages.locale_home_urls(context.get("request")).get(code, f"/{code}/")
