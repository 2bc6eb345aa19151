"""The words of a typed query that say what it is about, for the autocomplete.

Visitors type questions: "how do i change my email", "¿cómo puedo borrar mi cuenta?". The
autocomplete asks a page to hold all but a third of the typed words (search.database
`enough_words`, the Elasticsearch queries' "1<-1 3<-34%"), and the words that name no topic
("how", "do", "i", "my") counted as much as "email": a natural question matched nothing, or
matched the pages that happen to say "my". `topic_words(text, language)` drops the language's
stop words (the stopwords-iso lists, shipped by the `stopwordsiso` package) from the cleaned
query text, except:

- the words of the locale's page titles of four letters or more: a general-purpose stop list
  holds some of this help center's own vocabulary ("cuenta", "home", "back": "Eliminar tu
  cuenta", "Home feed", "Switch back…"); the short function words ("my", "how", "את") go
  even when a title uses them;
- in ja and ko (indexed as character bigrams, not words) nothing is dropped;
- when every word is a stop word, the text is returned as it is (someone typing "help" sees
  what titles start with it).

The last word may still be being typed: when it is a whole stop word ("reset my"), it is dropped
too; a prefix of a longer word ("reset my passw") is not a stop word and stays.
"""

import threading

import stopwordsiso

from pages import navigation

from .analysis import CJK_LANGUAGES
from .query import clean

# A stop word a title uses is kept from this length on (shorter ones are function words).
TITLE_WORD_MIN_LENGTH = 4

# Django language code → stopwords-iso's (ISO 639-1).
_STOP_LIST_LANGUAGE = {"pt-br": "pt"}

_stop_words: dict[str, frozenset[str]] = {}
_lock = threading.Lock()
_title_words: tuple[object, dict[str, frozenset[str]]] | None = None


def stop_words(language: str) -> frozenset[str]:
    """The language's stop words, cleaned as query text is (empty for a language stopwords-iso
    lacks)."""
    found = _stop_words.get(language)
    if found is None:
        code = _STOP_LIST_LANGUAGE.get(language, language)
        listed = stopwordsiso.stopwords(code) if stopwordsiso.has_lang(code) else set()
        found = frozenset(clean(word, language).text for word in listed) - {""}
        _stop_words[language] = found
    return found


def title_words(language: str) -> frozenset[str]:
    """The words of the live page titles of the locale `language`, cleaned as query text is;
    read from the navigation (pages.navigation, rebuilt once per publish), once per version."""
    global _title_words
    nav = navigation.current()
    memo = _title_words
    if memo is None or memo[0] is not nav:
        by_language: dict[str, set[str]] = {}
        for page in nav.pages.values():
            words = clean(page.title, page.language).text.split()
            by_language.setdefault(page.language, set()).update(words)
        memo = (nav, {code: frozenset(words) for code, words in by_language.items()})
        with _lock:
            _title_words = memo
    return memo[1].get(language, frozenset())


def topic_words(text: str, language: str) -> str:
    """`text` (a cleaned query: search.query.clean) without the words that name no topic."""
    if language in CJK_LANGUAGES:
        return text
    stop = stop_words(language)
    words = text.split()
    if not any(word in stop for word in words):
        return text
    titles = title_words(language)
    kept = [
        word
        for word in words
        if word not in stop or (len(word) >= TITLE_WORD_MIN_LENGTH and word in titles)
    ]
    return " ".join(kept) if kept else text
