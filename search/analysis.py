"""Per-language text analysis: the analysis settings of each locale's Elasticsearch index, and
the query normalisation shared with the search log and the database fallback.

Each locale's index analyses its text with that language's stop words and stemmer (Arabic:
normalisation and light stemming; ja/ko: CJK bigrams), and titles also as edge n-grams for
prefix matching. Editors' synonyms apply at search time only, so they change without a reindex
(search.synonyms). The components are analysis-common's; on the Elasticsearch build from Maven
Central, which lacks that module, the project's helpcenter-analysis plugin provides them
(search/elasticsearch_plugin, docs/decisions/0002-search-engine-and-index-layout.md). The
synonyms filter itself is given by the caller (search.elastic.synonyms.filter_definition: the
stock `synonym_graph` over a synonyms set, or the plugin's stand-in).
"""

import functools
import re
import unicodedata

import snowballstemmer

MAX_PREFIX = 20  # longest title prefix indexed as an edge n-gram

# Django language code → (stop word list, stemmer language, filters before stop words).
LANGUAGES = {
    "en": ("_english_", "english", ["english_possessive"]),
    "es": ("_spanish_", "spanish", []),
    "fr": ("_french_", "french", ["french_elision"]),
    "de": ("_german_", "german", ["german_normalization"]),
    "pt-br": ("_brazilian_", "portuguese", []),
    "tr": ("_turkish_", "turkish", ["apostrophe"]),
    "ru": ("_russian_", "russian", []),
    "uk": ("_none_", "russian", []),  # no Ukrainian stemmer: Russian shares most endings
    "ar": ("_arabic_", "arabic", ["arabic_normalization"]),
    "he": ("_none_", None, []),
}
# Languages written without spaces between words: indexed as overlapping bigrams.
CJK_LANGUAGES = {"ja", "ko", "zh"}
# Languages whose words are matched without their accents: visitors type "cartao", "notificacoes"
# for "cartão", "notificações". Portuguese's stemmer keeps the accents ("cartão" → "cartã",
# "cartao" → "carta"), so the words are stemmed without them, indexed and typed alike; the words
# as written are indexed with and without them (typos, the autocomplete's prefixes). Visitors'
# set, Brazilian Portuguese, words alone hit@3: autocomplete 0.35 → 0.42 on Elasticsearch, 0.22 →
# 0.35 on the database (search.database_backend). Folding es, fr, de, en and tr as well gained
# nothing there (Spanish's stemmer drops vowel accents already) and two of their hybrid queries
# fell out of the first three (decision 0002).
ACCENTS_FOLDED = {"pt-br"}

_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_SPACES = re.compile(r"\s+")


def normalise(text: str, language: str = "") -> str:
    """Lower-cased, NFKC-normalised text with single spaces (Arabic: no diacritics, unified
    alef/yeh/teh marbuta), as stored in the search log and sent to either backend. A capital
    dotted İ (Turkish: "İade", "İptal") becomes "i", as Elasticsearch's `lowercase` indexes it;
    Python's casefold would give "i" plus a combining dot, which no indexed word holds."""
    text = unicodedata.normalize("NFKC", text or "").replace("İ", "i").casefold()
    if language == "ar" or _has_arabic(text):
        text = _fold(text)
    return _SPACES.sub(" ", text).strip()


def fold_arabic(text: str) -> str:
    """`text` with its Arabic folded as `normalise` does (diacritics and tatweel dropped; alef
    with hamza or madda, alef wasla → alef; alef maqsura → yeh; teh marbuta → heh), everything
    else untouched: what the database backend indexes and searches (search.database_backend)."""
    return _fold(text) if _has_arabic(text) else text


def _fold(text: str) -> str:
    return _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stems(text: str, language: str) -> list[str]:
    """The stems of `text`'s words in `language` that differ from the words (each once, in
    order), by the Snowball algorithm Elasticsearch's `stemmer` filter runs for the language
    (LANGUAGES; Ukrainian: Russian's; ACCENTS_FOLDED: of the words without their accents, as
    the index's `accents` filter does); [] in a language without one (he, ja, ko, zh). The
    database backend indexes them beside the words and searches for them beside the typed ones
    (search.database_backend, search.database): "senhas" finds "senha", "аккаунта" "аккаунт",
    "cartao" "cartão"."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return []
    folded = language in ACCENTS_FOLDED
    found = {}
    for word in words(normalise(text, language)):
        stem = _stem(stemmer, word, folded)
        if stem != word:
            found[stem] = None
    return list(found)


def with_stems(text: str, language: str) -> str:
    """`text` followed by the stems of its words that differ from them (`stems`)."""
    extra = stems(text, language)
    return f"{text} {' '.join(extra)}" if extra else text


def same_stem(word: str, held: set[str], language: str) -> bool:
    """Whether `held` (normalised words) has `word` or another word of the same stem."""
    stemmer = _stemmer(language)
    if word in held or stemmer is None:
        return word in held
    folded = language in ACCENTS_FOLDED
    stem = _stem(stemmer, word, folded)
    return any(_stem(stemmer, other, folded) == stem for other in held)


def without_accents(text: str) -> str:
    """`text` with the accents of its Latin letters dropped ("cartão" → "cartao", "ç" → "c"), as
    Elasticsearch's `asciifolding` does for these letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_accents(text: str, language: str) -> str:
    """`text` without its accents in a language of ACCENTS_FOLDED, untouched in another: what
    search.database asks the database backend in that language."""
    return without_accents(text) if language in ACCENTS_FOLDED else text


def with_unaccented(text: str, language: str) -> str:
    """`text` followed by its words that have accents, without them (each once), in a language of
    ACCENTS_FOLDED; untouched in another: what the database backend indexes in that language
    (search.database_backend), so that the words are found typed either way, as Elasticsearch's
    `plain` analyzer indexes them."""
    if language not in ACCENTS_FOLDED:
        return text
    unaccented = {}
    for word in words(text):
        plain = without_accents(word)
        if plain != word:
            unaccented[plain] = None
    return f"{text} {' '.join(unaccented)}" if unaccented else text


@functools.cache
def _stemmer(language: str):
    algorithm = LANGUAGES.get(language, (None, None, None))[1]
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@functools.lru_cache(maxsize=200_000)
def _stem(stemmer, word: str, folded: bool = False) -> str:
    return stemmer.stemWord(without_accents(word) if folded else word)


def index_analysis(language: str, synonyms_filter: dict) -> dict:
    """The `analysis` settings of one locale's index: analyzers `text` (index time),
    `text_search` (the same plus the editors' synonyms, `synonyms_filter`; CJK: bigrams without
    the unigrams, so a query is a flat list of terms, never a graph), `prefix` (edge
    n-grams of every word, index time), `prefix_search`, and `plain` / `plain_search` (words as
    written, only normalised, for typo tolerance and "did you mean"; with the synonyms)."""
    filters: dict = {
        "prefix_edges": {"type": "edge_ngram", "min_gram": 1, "max_gram": MAX_PREFIX},
        "folding": {"type": "asciifolding", "preserve_original": True},
        "synonyms": synonyms_filter,
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "french_elision": {
            "type": "elision",
            "articles_case": True,
            "articles": [
                "l",
                "m",
                "t",
                "qu",
                "n",
                "s",
                "j",
                "d",
                "c",
                "jusqu",
                "quoiqu",
                "lorsqu",
                "puisqu",
            ],
        },
    }
    # In ACCENTS_FOLDED: the stemmed words without accents (index and search); the words as
    # written with and without them (index), searched without (typos, autocomplete's prefixes).
    words_folded: list[str] = []
    plain_folded: list[str] = []
    if language in CJK_LANGUAGES:
        normalising = ["cjk_width", "lowercase"]
        language_filters = ["cjk_bigram_unigrams"]
        filters["cjk_bigram_unigrams"] = {"type": "cjk_bigram", "output_unigrams": True}
        # Queries are read as bigrams only (a lone character stays a unigram): indexed with the
        # unigrams on top, a sentence is a graph of every way to cut it into ones and twos
        # (exponential in its length) that a match query turns into one phrase per way; an
        # unspaced Japanese sentence went over the cluster's clause limit (decision 0016).
        filters["cjk_bigrams"] = {"type": "cjk_bigram", "output_unigrams": False}
        search_language_filters = ["cjk_bigrams"]
        after_synonyms: list[str] = []
        # Synonym rules cannot be parsed through bigrams: CJK synonyms apply to the `plain` words.
        synonyms_in_text: list[str] = []
    else:
        stop_words, stemmer, before = LANGUAGES.get(language, ("_none_", None, []))
        normalising = ["lowercase", *before]
        language_filters = []
        search_language_filters = []
        after_synonyms = ["language_stop"]
        synonyms_in_text = ["synonyms"]
        filters["language_stop"] = {"type": "stop", "stopwords": stop_words}
        if language in ACCENTS_FOLDED:
            words_folded = ["accents"]
            plain_folded = ["folding"]
            filters["accents"] = {"type": "asciifolding"}
        if stemmer:
            filters["language_stemmer"] = {"type": "stemmer", "language": stemmer}
            after_synonyms.append("language_stemmer")
    text = [*normalising, *language_filters, *words_folded]
    analyzer = {
        "text": {"type": "custom", "tokenizer": "standard", "filter": [*text, *after_synonyms]},
        "text_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                *normalising,
                *search_language_filters,
                *words_folded,
                *synonyms_in_text,
                *after_synonyms,
            ],
        },
        "prefix": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*normalising, "folding", "prefix_edges"],
        },
        "prefix_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*normalising, "folding"],
        },
        "plain": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*normalising, *plain_folded],
        },
        "plain_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*normalising, *words_folded, "synonyms"],
        },
    }
    return {"filter": filters, "analyzer": analyzer}
