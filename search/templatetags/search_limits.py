"""The search box's limits for templates (`{% load search_limits %}`): `search_query_max_length`,
the `maxlength` of every search input and the widget's cut-off, and `autocomplete_limit`, how many
suggestions the widget asks for (search.settings)."""

from django import template

from ..settings import AUTOCOMPLETE_LIMIT, QUERY_MAX_LENGTH

register = template.Library()


@register.simple_tag
def search_query_max_length() -> int:
    return QUERY_MAX_LENGTH


@register.simple_tag
def autocomplete_limit() -> int:
    return AUTOCOMPLETE_LIMIT
