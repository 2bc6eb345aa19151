"""The words of a typed query that say what it is about, for the autocomplete.

Visitors type questions: "how do i change my email", "¿cómo puedo borrar mi cuenta?". The
autocomplete asks a page to hold all but a third of the typed words (search.database
`enough_words`, the Elasticsearch queries' "1<-1 3<-34%"), and the words that name no topic
("how", "do", "i", "my") counted as much as "email": a natural question matched nothing, or
matched the pages that happen to say "my". `topic_words(text, language)` drops the language's
stop words (the stopwords-iso lists, shipped by the `stopwordsiso` package) from the cleaned
query text, except:

- the last word, which the visitor may still be typing ("how do i ch" keeps "ch");
- in ja and ko (indexed as character bigrams, not words) nothing is dropped;
- when every word is a stop word, the text is returned as it is (someone typing "help" sees
  what titles start with it).
"""

import stopwordsiso

from .analysis import CJK_LANGUAGES
from .query import clean

# Django language code → stopwords-iso's (ISO 639-1).
_STOP_LIST_LANGUAGE = {"pt-br": "pt"}

_stop_words: dict[str, frozenset[str]] = {}


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


def topic_words(text: str, language: str) -> str:
    """`text` (a cleaned query: search.query.clean) without the words that name no topic."""
    if language in CJK_LANGUAGES:
        return text
    *before, last = text.split() or [""]
    stop = stop_words(language)
    kept = [word for word in before if word not in stop]
    if last in stop and not kept:
        return text
    return " ".join([*kept, last])
