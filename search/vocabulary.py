"""The words of a locale's articles (`of_articles`): what "did you mean" corrects towards on the
database backend (search.database.correct), and what tells a synonym variant that says a query
in the articles' own words (search.semantic.query_vector)."""

from django.core.cache import cache
from django.db.models import Max

from pages.models import HelpPage

from .analysis import normalise, words
from .documents import body_text

VOCABULARY_PAGES = 2000
VOCABULARY_SECONDS = 3600


# {language: (cache key, words)}: the words last read in this process, so that a query does not
# unpickle the locale's whole vocabulary from the cache again.
_read: dict[str, tuple[str, frozenset[str]]] = {}


def of_articles(language: str) -> frozenset[str]:
    """Every word of the locale's articles (title, summary, description, body; the first
    VOCABULARY_PAGES), normalised; cached until one of them is published again."""
    pages = HelpPage.objects.live().filter(locale__language_code=language)
    latest = pages.aggregate(latest=Max("last_published_at"))["latest"]
    key = f"search:vocabulary:{language}:{latest.timestamp() if latest else 0}"
    read = _read.get(language)
    if read and read[0] == key:
        return read[1]
    vocabulary = cache.get(key)
    if vocabulary is None:
        found = set()
        for page in pages.specific()[:VOCABULARY_PAGES]:
            text = " ".join([page.title, page.summary, page.search_description, body_text(page)])
            found.update(words(normalise(text, language)))
        vocabulary = frozenset(found)
        cache.set(key, vocabulary, VOCABULARY_SECONDS)
    _read[language] = (key, vocabulary)
    return vocabulary


def unknown_words(text: str, vocabulary: frozenset[str]) -> int:
    """How many words of `text` (normalised) are not in `vocabulary`."""
    return sum(1 for word in words(text) if word not in vocabulary)
