"""Template tags of the public pages: language links, hreflang, canonical URL, breadcrumbs and
page URLs, all read from the cached navigation (`pages.navigation`)."""

from django import template
from django.utils.safestring import mark_safe

from pages import anchors, languages, navigation, properties

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
def web_property(context):
    """The request's property (`pages.properties.PropertyInfo`): its key, theme, languages."""
    return properties.for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    return languages.locale_home_url(context.get("request"))


@register.simple_tag(takes_context=True)
def page_url(context, item):
    """The URL of a page or a navigation entry (both have `get_url(request)`)."""
    return item.get_url(context.get("request")) or ""


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's live ancestors below the tree's root, top down; queried when the page is not
    in the navigation (a draft in preview)."""
    nav = navigation.current()
    if page.id in nav.pages or page.id is None:
        return nav.ancestors(page.path)
    return list(page.get_ancestors().live()[1:])


@register.simple_tag(takes_context=True)
def related_pages(context, pages):
    """The chosen pages in the active language (the page itself when untranslated), live only."""
    nav = navigation.current()
    language = navigation.current_language()
    found = []
    for page in pages:
        if page is None:
            continue
        translations = nav.translations.get(str(page.translation_key), {})
        target = translations.get(language) or nav.pages.get(page.id)
        if target is not None:
            found.append(target)
    return found


@register.filter
def anchored(rich_text, block_id):
    """A rich text block rendered with an `id` on each paragraph (pages.anchors), so a search
    answer can link to the paragraph it quotes."""
    return mark_safe(anchors.with_anchors(str(rich_text), str(block_id)))
