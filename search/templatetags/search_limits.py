"""The search box's limits for templates (`{% load search_limits %}`): `search_query_max_length`,
the `maxlength` of every search input and the widget's cut-off, and `autocomplete_limit`, how many
suggestions the widget asks for (search.settings), and `autocomplete_by_meaning`, "1" when the
widget asks for suggestions by meaning too when the visitor pauses (SEARCH_SEMANTIC on)."""

from django import template

from .. import embeddings
from ..settings import AUTOCOMPLETE_LIMIT, QUERY_MAX_LENGTH

register = template.Library()


@register.simple_tag
def search_query_max_length() -> int:
    return QUERY_MAX_LENGTH


@register.simple_tag
def autocomplete_limit() -> int:
    return AUTOCOMPLETE_LIMIT


@register.simple_tag
def autocomplete_by_meaning() -> str:
    return "1" if embeddings.enabled() else ""
