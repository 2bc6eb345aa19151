"""Signals the forms app sends; other apps listen. Receivers must never raise or block."""

from django.dispatch import Signal

# kwargs: request, form_page, locale (language code), branch (str), priority ("normal"|"critical"),
#         reference (str, the visitor's ticket reference)
form_submitted = Signal()
