"""Masking of personal data visitors type into a search box, before a query is stored or sent
anywhere (the search log, its aggregates, tracking events). One function for every consumer:

- e-mail addresses → "[email]"
- URLs (with a scheme or "www.") → "[url]"
- @handles → "[handle]"
- phone-, card- or account-like runs (seven or more digits and separators) → "[number]"

`looks_personal` says whether a masked query still looks like something about one person (a
masked token, many words, a long text): such queries are never predicted to other visitors."""

import re

_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S*", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@[\w.]+")
_DIGITS = re.compile(r"\+?\d[\d\s().+/-]{5,}\d")

MASKS = ("[email]", "[url]", "[handle]", "[number]")
# A predicted query is short: at most this many words and characters.
PREDICTION_MAX_WORDS = 8
PREDICTION_MAX_LENGTH = 80


def mask_query(text: str) -> str:
    text = _EMAIL.sub("[email]", str(text))
    text = _URL.sub("[url]", text)
    text = _HANDLE.sub("[handle]", text)
    return _DIGITS.sub("[number]", text)


def looks_personal(masked: str) -> bool:
    """The (already masked) query may be about one person and must not be shown to others."""
    return (
        any(mask in masked for mask in MASKS)
        or "@" in masked
        or len(masked.split()) > PREDICTION_MAX_WORDS
        or len(masked) > PREDICTION_MAX_LENGTH
    )
