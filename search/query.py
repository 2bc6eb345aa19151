"""What a visitor asked the results page for, as both backends (search.elastic.queries and
search.database) receive it, and the one place where a visitor's text becomes query text.

`clean(raw, language)` is the only way text reaches a backend (`as_typed` is what the search log
and tracking keep, before their masking): normalised
(search.analysis.normalise: NFKC, case-folded, Arabic unified), then reduced to words — runs of
letters, digits and combining marks, joined inside a word by an apostrophe, hyphen or full stop
("can't", "wi-fi", "2.5") — separated by single spaces. Format characters (bidi marks,
zero-width joiners) are removed; quotes, operators and brackets of any backend's query syntax,
NUL and control characters separate words, so no backend ever sees query syntax. The limits
apply to that result: at most SEARCH_QUERY_MAX_WORDS words and QUERY_MAX_LENGTH characters
(cut at a word), so a ligature that normalisation expands into hundreds of words costs no more
than an ordinary long query.
`clean(clean(x).text).text == clean(x).text`.
"""

import unicodedata
from dataclasses import dataclass

from django.conf import settings

from .analysis import normalise
from .settings import QUERY_MAX_LENGTH

# Inside a word (between two word characters) these stay; elsewhere they separate words.
_JOINERS = frozenset("'-.")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class SearchQuery:
    text: str
    language: str
    offset: int = 0
    size: int = 10
    topic: int | None = None  # only pages under this topic page (its id)
    audience: str = ""  # only pages for this audience (or for both)
    exclude_urls: tuple[str, ...] = ()  # already shown above the results (promotions)
    scope: str = ""  # only pages whose tree path starts with this (the site's: search.scope)
    # "hybrid" (words and meaning, fused), "lexical" (words) or "semantic" (meaning): the
    # relevance benchmark compares them; visitors get hybrid (words alone when SEARCH_SEMANTIC
    # is off).
    retrieval: str = "hybrid"


@dataclass(frozen=True)
class QueryText:
    text: str  # words separated by single spaces; "" when nothing searchable was left
    shortened: bool  # words or characters beyond the limits were dropped


def max_words() -> int:
    return max(1, int(getattr(settings, "SEARCH_QUERY_MAX_WORDS", 32)))


def _is_word_character(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def _without_format_characters(text: str) -> str:
    """Bidi marks, zero-width joiners and other invisible format characters, removed."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def words_of(text: str) -> list[str]:
    """The words of already normalised `text` (see the module's docstring)."""
    found, current = [], []
    length = len(text)
    for position, char in enumerate(text):
        if _is_word_character(char):
            current.append(char)
        elif (
            char in _JOINERS
            and current
            and position + 1 < length
            and _is_word_character(text[position + 1])
        ):
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def as_typed(raw: str, language: str = "") -> str:
    """The visitor's text as the search log, its masking and tracking receive it: normalised,
    punctuation kept (an e-mail address stays recognisable to be masked), without control,
    format or surrogate characters (which no database column takes), cut to QUERY_MAX_LENGTH."""
    text = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cs"} else char
        for char in _without_format_characters(str(raw or ""))
    )
    return normalise(text, language)[:QUERY_MAX_LENGTH].strip()


def clean(raw: str, language: str = "") -> QueryText:
    """The query text a backend may receive for the visitor's `raw` text (see the docstring)."""
    text = _without_format_characters(str(raw or "").translate(_APOSTROPHES))
    words = words_of(normalise(text, language))
    limit = max_words()
    shortened = len(words) > limit
    words = words[:limit]
    text = " ".join(words)
    while len(text) > QUERY_MAX_LENGTH:
        shortened = True
        if len(words) == 1:
            text = words[0][:QUERY_MAX_LENGTH]
            break
        words = words[:-1]
        text = " ".join(words)
    return QueryText(text, shortened)
