"""The words of a locale's articles: what "did you mean" corrects towards on the database
backend (`of_articles`: search.database.correct), and what tells a synonym variant that says a
query in the articles' own words (`known_words`: search.semantic.query_vector), and how the
articles spell a Brazilian word offered without its accents (`as_written`: search.elastic).

Reading them takes a while on a large locale (the first VOCABULARY_PAGES articles' texts: about
0.12 s for 71 articles, so seconds for 2,000), so they are kept in the cache, with the time of
the locale's latest publish they include. The database backend reads them again after a publish,
as before; a search on Elasticsearch never waits for them (`known_words`): it takes the words
kept, even from before the latest publish, and when none are kept, a task reads them
(`refresh`) while the search goes on without."""

import time

from django.core.cache import cache
from django.db.models import Max
from django_tasks import task

from pages.models import HelpPage

from .analysis import ACCENTS_FOLDED, normalise, without_accents, words
from .documents import body_text

VOCABULARY_PAGES = 2000
VOCABULARY_SECONDS = 3600
# How long a process keeps the words it read from the cache (unpickling them for each query
# would cost more than the query).
IN_PROCESS_SECONDS = 300

# {language: (read at (monotonic), latest publish they include, words)}
_read: dict[str, tuple[float, float, frozenset[str]]] = {}


def _key(language: str) -> str:
    return f"search:vocabulary:{language}"


def _latest_publish(language: str) -> float:
    pages = HelpPage.objects.live().filter(locale__language_code=language)
    latest = pages.aggregate(latest=Max("last_published_at"))["latest"]
    return latest.timestamp() if latest else 0.0


def _kept(language: str) -> tuple[float, frozenset[str]] | None:
    read = _read.get(language)
    if read and time.monotonic() - read[0] < IN_PROCESS_SECONDS:
        return read[1], read[2]
    stored = cache.get(_key(language))
    if stored is None:
        return None
    _read[language] = (time.monotonic(), *stored)
    return stored


def refresh(language: str) -> frozenset[str]:
    """Read the locale's words (title, summary, description, body, normalised) and keep them."""
    latest = _latest_publish(language)
    found = set()
    pages = HelpPage.objects.live().filter(locale__language_code=language)
    for page in pages.specific()[:VOCABULARY_PAGES]:
        text = " ".join([page.title, page.summary, page.search_description, body_text(page)])
        found.update(words(normalise(text, language)))
    vocabulary = frozenset(found)
    cache.set(_key(language), (latest, vocabulary), VOCABULARY_SECONDS)
    _read[language] = (time.monotonic(), latest, vocabulary)
    return vocabulary


@task(queue_name="after-publish")
def refresh_in_background(language: str) -> int:
    """`refresh`, on the queue of the indexing after a publish (search.tasks): how many words."""
    return len(refresh(language))


def of_articles(language: str) -> frozenset[str]:
    """The locale's words as of its latest publish (read here when they are not)."""
    kept = _kept(language)
    if kept is not None and kept[0] == _latest_publish(language):
        return kept[1]
    return refresh(language)


def known_words(language: str) -> frozenset[str] | None:
    """The locale's words kept, without waiting for them: None when none are kept (a task
    reads them, once for the processes asking meanwhile)."""
    kept = _kept(language)
    if kept is None and cache.add(f"{_key(language)}:reading", 1, 60):
        refresh_in_background.enqueue(language)
        kept = _kept(language)  # read already where tasks run at once (development, tests)
    return kept[1] if kept is not None else None


def forget() -> None:
    """Every locale's words forgotten (tests: each builds its own articles)."""
    cache.delete_many([_key(code) for code in _read] + [f"{_key(c)}:reading" for c in _read])
    _read.clear()


def as_written(word: str, language: str) -> str:
    """The articles' spelling of `word` in a language of ACCENTS_FOLDED, where Elasticsearch's
    "did you mean" may offer a word without its accents ("notificacoes"): the one word of the
    locale's articles that reads `word` without its accents ("notificações"). `word` itself in
    another language, when the articles hold it as it is or in none or several spellings
    ("publico": "público", "publicó"), or when their words are not kept yet (`known_words`)."""
    known = known_words(language) if language in ACCENTS_FOLDED else None
    if not known or word in known:
        return word
    spellings = {other for other in known if without_accents(other) == word}
    return spellings.pop() if len(spellings) == 1 else word


def unknown_words(text: str, vocabulary: frozenset[str]) -> int:
    """How many words of `text` (normalised) are not in `vocabulary`."""
    return sum(1 for word in words(text) if word not in vocabulary)
