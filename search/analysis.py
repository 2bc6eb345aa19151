"""Per-language text analysis shared by the Elasticsearch index and the database fallback.

The Elasticsearch build from Maven Central has no language analyzers (see
docs/decisions/0002-search-engine-and-index-layout.md), so the parts it lacks run here, in
Python, identically at index time and at query time: Unicode and Arabic normalisation, and
Snowball stemming. Elasticsearch core supplies tokenisation, stop words and CJK bigrams.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_QUERY_LENGTH = 200

# Django language code → Snowball stemmer (languages without one are not stemmed).
STEMMERS = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "pt-br": "portuguese",
    "tr": "turkish",
    "ru": "russian",
    "uk": "russian",  # closest Snowball algorithm; shares most inflection endings
    "ar": "arabic",
}
# Django language code → Elasticsearch core stop word list.
STOP_WORDS = {
    "en": "_english_",
    "es": "_spanish_",
    "fr": "_french_",
    "de": "_german_",
    "pt-br": "_brazilian_",
    "tr": "_turkish_",
    "ru": "_russian_",
    "uk": "_russian_",
    "ar": "_arabic_",
}
# Languages written without spaces between words: indexed as overlapping bigrams.
CJK_LANGUAGES = {"ja", "ko", "zh"}

_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_SPACES = re.compile(r"\s+")


def normalise(text: str, language: str = "") -> str:
    """Lower-cased, NFKC-normalised text with single spaces (Arabic: no diacritics, unified
    alef/yeh/teh marbuta), as stored in the search log and sent to either backend."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    if language == "ar" or _has_arabic(text):
        text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)
    return _SPACES.sub(" ", text).strip()


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=16)
def _stemmer(language: str):
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=100_000)
def _stem(language: str, word: str) -> str:
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def stems(text: str, language: str) -> str:
    """The normalised words of `text`, each reduced to its stem, joined by spaces."""
    return " ".join(_stem(language, word) for word in words(normalise(text, language)))


def index_analysis(language: str) -> dict:
    """The `analysis` settings of one locale's index (Elasticsearch core components only)."""
    stop_words = STOP_WORDS.get(language, "_none_")
    text_filters = ["lowercase", "language_stop"]
    if language in CJK_LANGUAGES:
        text_filters = ["lowercase", "cjk_pairs"]
    return {
        "filter": {
            "cjk_pairs": {
                "type": "shingle",
                "min_shingle_size": 2,
                "max_shingle_size": 2,
                "output_unigrams": True,
                "token_separator": "",
            },
            "language_stop": {"type": "stop", "stopwords": stop_words},
        },
        "analyzer": {
            # Full words, the language's stop words removed; CJK as unigrams + bigrams.
            "text": {"type": "custom", "tokenizer": "standard", "filter": text_filters},
            # Every word kept, for prefix matching as the visitor types.
            "prefix": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            # Words already normalised and stemmed in Python (search.analysis.stems).
            "stems": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        },
    }
