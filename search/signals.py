"""Signals the search app sends; other apps listen. Receivers must never raise or block."""

from django.dispatch import Signal

# kwargs: request, query (normalised text), locale (language code), result_count (int),
#         backend ("elasticsearch" | "database")
search_performed = Signal()
# kwargs: request, query, locale, url (of the chosen page), kind ("article"|"tutorial"|"topic"),
#         position (1-based)
suggestion_selected = Signal()
# kwargs: request, query, locale, url, position (1-based)
result_clicked = Signal()
# kwargs: request, locale, page_id (of the answering page), helpful (bool)
answer_rated = Signal()
