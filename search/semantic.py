"""Semantic retrieval on the database, and the fusion of rankings (decision 0016).

`store(page)` embeds the page's passages (search.passages) and keeps them with their vectors
(`PassageVector`); passages whose text did not change keep their vector. `ranked(language, text)`
ranks the locale's pages by their nearest passages' cosines to the query (`closeness`: the
nearest, and a little more for two or three nearly as near; numpy over the locale's matrix, read
once per process and read again when a page of the locale was indexed since); a page showing
another locale's text (an alias of an untranslated article) is ranked by the nearest passages
of every translation of its article (`pooled`: one matrix of the passages of every page
showing its own text, grouped by translation key), so a Hebrew query finds the article through
its Russian or Spanish wording too. In a locale mostly showing other text, each language
votes instead (`translations_vote`): its own ranking by its best passage, fused by reciprocal
rank fusion, so one language whose passages sit near every query cannot decide alone.
`indexed_passages(page_id)` gives Elasticsearch the same pool for such a page, each passage
with the language of its text (one kNN per language votes there: search.elastic.queries).
`fuse(rankings, k, weights)`: reciprocal rank fusion, each list weighing weight / (k + rank)
(RRF_K for the translations' votes, HYBRID_RRF_K for meaning and words); words weigh
AUTOCOMPLETE_WORDS_WEIGHT beside meaning in the autocomplete and RESULTS_WORDS_WEIGHT on the
results page; `typed_title(text, title)` and `words_confident(scores)` say when the words' first
page keeps the first place, `keep_meaning_first` that meaning's first, when meaning is sure of
it, is not pushed far down, `confident(…)` when a direct answer is shown."""

import hashlib
import math
import threading
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Count, Max
from wagtail.models import Page

from . import embeddings, text_language, vocabulary
from .analysis import normalise
from .documents import site_url
from .models import PassageVector
from .passages import passages_of
from .query_variants import cleaned_variants

RRF_K = 60
# Meaning and words fuse sharper (results page and autocomplete): at k = 60 meaning's first ten
# pages scored nearly alike (1/61 to 1/70), so a page of meaning's first twenty that words also
# found passed its first. Tuning and visitors' sets, results page, hit@1 / hit@3 of 101 and 281
# (Elasticsearch; database), with MEANING_FIRST_WITHIN: k = 60 92, 100 / 151, 226 (93, 100 /
# 152, 221), 20 92, 100 / 153, 226 (93, 100 / 155, 224), 10 the same on Elasticsearch (93, 100
# / 153, 223), 5 fewer on the database (decision 0016, round 17). The autocomplete did the same
# at 60 and 20. The translations' votes keep RRF_K (not measured again).
HYBRID_RRF_K = 20

_matrices: dict[str, tuple] = {}
_pool: dict[str, tuple] = {}  # "pool" -> (version, matrix, group starts, keys, meta)
_lock = threading.Lock()


@dataclass(frozen=True)
class Match:
    page_id: int
    score: float  # the best passage's cosine
    anchor: str  # of that passage (in a translation, for a page ranked by its article's pool)
    text: str
    closeness: float  # what ranks the page: its nearest passages' cosines pooled (`closeness`)


# A page is as close to a query as the soft maximum of its PASSAGES_POOLED nearest passages'
# cosines (`closeness`): its nearest passage's, and a little more for each other passage nearly as
# near (within a few POOLING_TEMPERATUREs; two passages 0.01 apart add 0.003, three equal ones
# 0.011): a page answering in several places beats one whose single passage is a hair nearer.
# Elasticsearch returns each page's three nearest passages (search.elastic.queries). Tuning set,
# hit@1, nearest passage only -> pooled: meaning alone 0.85 -> 0.88 (Elasticsearch), 0.86 -> 0.89
# (database); results page hybrid 0.91 (same), 0.88 -> 0.92; hit@3 unchanged. Visitors' set,
# database, hybrid hit@3: results page 0.77 -> 0.78, autocomplete 0.77 -> 0.79; Elasticsearch
# unchanged. Offline, temperatures 0.005-0.02 did about the same, 0.03 less (decision 0016,
# round 16).
PASSAGES_POOLED = 3
POOLING_TEMPERATURE = 0.01


def closeness(cosines) -> float:
    """The soft maximum (T·log Σ exp(c / T), T = POOLING_TEMPERATURE) of the PASSAGES_POOLED
    largest of `cosines` (one page's passages): at least the largest, at most T·log 3 above it."""
    nearest = sorted((float(c) for c in cosines), reverse=True)[:PASSAGES_POOLED]
    top = nearest[0]
    spread = sum(math.exp((c - top) / POOLING_TEMPERATURE) for c in nearest)
    return top + POOLING_TEMPERATURE * math.log(spread)


def digest(text: str) -> str:
    return hashlib.sha256(f"{embeddings.MODEL_NAME}\0{text}".encode()).hexdigest()


def store(page: Page) -> int:
    """Embeds and keeps `page`'s passages; returns how many got a vector they did not have
    (unchanged ones keep theirs; a text already embedded for another page reuses its vector)."""
    page = page.specific
    found = passages_of(page)
    stored = list(_current().filter(page_id=page.pk).values_list("anchor", "digest", "vector"))
    digests = [digest(p.for_model) for p in found]
    if [(anchor, d) for anchor, d, _v in stored] == [
        (p.anchor, d) for p, d in zip(found, digests, strict=True)
    ]:
        return 0  # nothing changed: nothing written
    known = {d: bytes(vector) for _anchor, d, vector in stored}
    had = {(anchor, d) for anchor, d, _v in stored}
    new = sum(1 for p, d in zip(found, digests, strict=True) if (p.anchor, d) not in had)
    # The same text embedded for another page (an alias shows its original's text): reused.
    wanted = [d for d in dict.fromkeys(digests) if d not in known]
    for d, vector in _current().filter(digest__in=wanted).values_list("digest", "vector"):
        known.setdefault(d, bytes(vector))
    missing = [i for i, d in enumerate(digests) if d not in known]
    vectors = embeddings.passage_vectors([found[i].for_model for i in missing])
    fresh = {digests[i]: vectors[row].tobytes() for row, i in enumerate(missing)}
    rows = [
        PassageVector(
            page_id=page.pk,
            language=page.locale.language_code,
            position=position,
            anchor=passage.anchor,
            text=passage.text,
            digest=digests[position],
            vector=known.get(digests[position]) or fresh[digests[position]],
        )
        for position, passage in enumerate(found)
    ]
    with transaction.atomic():
        PassageVector.objects.filter(page_id=page.pk).delete()
        PassageVector.objects.bulk_create(rows)
    return new


def _current():
    """The stored passages whose vectors the current models wrote (search.embeddings)."""
    return PassageVector.objects.of_bytes(embeddings.DIMENSIONS * 4)


def forget(page_id: int) -> None:
    PassageVector.objects.filter(page_id=page_id).delete()


def forget_matrices() -> None:
    """Read every matrix again on next use."""
    with _lock:
        _matrices.clear()
        _pool.clear()


def _matrix(language: str):
    rows = _current().filter(language=language)
    version = tuple(rows.aggregate(n=Count("id"), last=Max("id")).values())
    cached = _matrices.get(language)
    if cached and cached[0] == version:
        return cached[1:]
    values = list(rows.values_list("page_id", "anchor", "text", "vector"))
    matrix = (
        np.frombuffer(b"".join(bytes(v[3]) for v in values), dtype=np.float32).reshape(
            -1, embeddings.DIMENSIONS
        )
        if values
        else np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
    )
    meta = [(page_id, anchor, text) for page_id, anchor, text, _v in values]
    rows: dict[int, list[int]] = {}
    for row, (page_id, _anchor, _text) in enumerate(meta):
        rows.setdefault(page_id, []).append(row)
    rows_of = {page_id: np.asarray(found, dtype=np.intp) for page_id, found in rows.items()}
    with _lock:
        _matrices[language] = (version, matrix, meta, rows_of)
    return matrix, meta, rows_of


# Variants averaged into a query's meaning, at most: the one with the fewest words the articles
# do not hold. Each text not cached costs one embedding (about 50 ms on a loaded core; a batch
# saves nothing), and on the two tuning sets a second variant changed no query's first three
# (meaning alone, database: 0.77 and 0.98 with one, two or all).
MEANING_VARIANTS = 1


def query_vector(text: str, language: str) -> np.ndarray:
    """What the query `text` (cleaned: search.query.clean) means in `language`: the mean of its
    vector and of its variant's (the editors' synonyms swapped in: search.query_variants) that
    says it in more of the articles' own words (search.vocabulary; MEANING_VARIANTS), so that a
    visitor's word ("باسورد") means what the articles' word ("كلمة المرور") means to the models
    too. A variant swapping an article's word for a visitor's is left out: it would pull the
    query away from the articles. Two tuning sets, meaning alone on the database, hit@3: 0.75
    -> 0.77 (221 visitors' queries; Arabic 0.48 -> 0.56) and 0.96 -> 0.98 (101 queries)
    (decision 0016, round 14)."""
    variants = cleaned_variants(text, language)[1:]
    known = vocabulary.known_words(language) if variants else None
    if known is None:  # not read yet (search.vocabulary): meaning as typed, this time
        return embeddings.query_vector(text)
    unknown = vocabulary.unknown_words(text, known)
    better = sorted(
        (count, position, variant)
        for position, variant in enumerate(variants)
        if (count := vocabulary.unknown_words(variant, known)) < unknown
    )
    return embeddings.query_vector(text, [variant for *_, variant in better[:MEANING_VARIANTS]])


def cosines(matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Each row's dot product with `query` (their cosine: both are normalised), in this thread.
    Not `matrix @ query`: above a size OpenBLAS splits it over threads that wait for busy cores
    (2,117 x 384 numbers: 7-24 ms on a loaded 2-core machine, 0.05 ms in one thread)."""
    return np.einsum("ij,j->i", matrix, query)


def ranked(
    language: str, text: str, allowed: set[int] | None = None, limit: int = 50
) -> list[Match]:
    """The locale's pages (among `allowed` page ids, when given) by their nearest passages'
    cosines to `text` (`closeness`; the `limit` pages with the nearest passages), best first; a
    page showing another locale's text by the nearest passages of all its article's
    translations (`pooled`). In a locale mostly showing other text (`translations_vote`)
    each language votes instead: its own ranking of the pages by their best passage in that
    language (the locale's own text is one more), fused by reciprocal rank fusion."""
    query = query_vector(text, language)
    voting = translations_vote(language)
    pooled, votes = _pooled_matches(language, query, allowed, limit, voting)
    matrix, meta, rows_of = _matrix(language)
    best: dict[int, Match] = {}
    if meta:
        scores = cosines(matrix, query)
        for index in np.argsort(-scores):
            page_id, anchor, passage = meta[index]
            if page_id in best or page_id in pooled:
                continue
            if allowed is not None and page_id not in allowed:
                continue
            pooled_cosines = scores[rows_of[page_id]]
            best[page_id] = Match(
                page_id, float(scores[index]), anchor, passage, closeness(pooled_cosines)
            )
            if len(best) == limit:
                break
    if voting:
        matches = {**pooled, **best}
        own = sorted(best, key=lambda page_id: -best[page_id].closeness)
        return [matches[page_id] for page_id in fuse([*votes, own])[:limit]]
    merged = sorted([*best.values(), *pooled.values()], key=lambda match: -match.closeness)
    return merged[:limit]


def translations_vote(language: str) -> bool:
    """Whether the locale's pages are ranked by the languages' vote (`ranked`): when most of
    them show another locale's text. Tuning set, the 16 alias-locale queries, database, meaning
    alone, hit@1 / hit@3 / MRR: best cosine over all translations 0.31 / 0.69 / 0.52, the vote
    0.44 / 0.81 / 0.63 (decision 0016): the best cosine lets one language whose passages sit
    near every query (Arabic here) decide; ranks do not."""
    return text_language.own_text_share(language) < MOSTLY_OTHER_TEXT


def _pool_matrix():
    """The passages of every page showing its own locale's text, grouped by their article's
    translation key: (matrix, group starts, keys, meta (page id, anchor, text), {language: rows
    of that language}); read again when a passage was stored or removed since."""
    rows = _current().filter(text_language.own_text("page__"))
    version = tuple(PassageVector.objects.aggregate(n=Count("id"), last=Max("id")).values())
    cached = _pool.get("pool")
    if cached and cached[0] == version:
        return cached[1:]
    values = list(
        rows.order_by("page__translation_key", "page_id", "position").values_list(
            "page__translation_key", "page_id", "anchor", "text", "vector", "language"
        )
    )
    matrix = (
        np.frombuffer(b"".join(bytes(v[4]) for v in values), dtype=np.float32).reshape(
            -1, embeddings.DIMENSIONS
        )
        if values
        else np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
    )
    keys, starts = [], []
    for position, value in enumerate(values):
        if not keys or keys[-1] != value[0]:
            keys.append(value[0])
            starts.append(position)
    meta = [(page_id, anchor, text) for _key, page_id, anchor, text, _v, _l in values]
    row_languages = np.asarray([value[5] for value in values], dtype=object)
    languages = {code: row_languages == code for code in dict.fromkeys(row_languages)}
    entry = (matrix, np.asarray(starts, dtype=np.intp), keys, meta, languages)
    with _lock:
        _pool["pool"] = (version, *entry)
    return entry


def _pooled_matches(
    language: str, query: np.ndarray, allowed: set[int] | None, limit: int, voting: bool = False
) -> tuple[dict[int, Match], list[list[int]]]:
    """{page id: Match} of the locale's pages showing another locale's text (among `allowed`),
    each by the nearest passages of its article in any locale showing its own text
    (`closeness`; the `limit` with the nearest passage); when `voting`, those among the `limit`
    best of each language, and each language's ranking of them (by its nearest passage there;
    page ids, best first; an article with no text in a language gets no vote from it)."""
    pages = text_language.other_text_pages(language)
    if not pages:
        return {}, []
    matrix, starts, keys, meta, languages = _pool_matrix()
    if not keys:
        return {}, []
    groups = [
        (group, page_id)
        for group, key in enumerate(keys)
        if (page_id := pages.get(key)) is not None and (allowed is None or page_id in allowed)
    ]
    if not groups:
        return {}, []
    wanted = np.asarray([group for group, _page_id in groups], dtype=np.intp)
    page_ids = [page_id for _group, page_id in groups]
    scores = cosines(matrix, query)
    group_best = np.maximum.reduceat(scores, starts)
    if voting:
        votes = []
        for rows in languages.values():
            best_there = np.maximum.reduceat(np.where(rows, scores, -np.inf), starts)[wanted]
            order = [i for i in np.argsort(-best_there)[:limit] if best_there[i] > -np.inf]
            votes.append([page_ids[i] for i in order])
        chosen = list(dict.fromkeys(i for vote in votes for i in vote))
        positions = {page_id: i for i, page_id in enumerate(page_ids)}
        picked = [positions[page_id] for page_id in chosen]
    else:
        votes = []
        picked = list(np.argsort(-group_best[wanted])[:limit])
    found: dict[int, Match] = {}
    for i in picked:
        group = wanted[i]
        start = starts[group]
        end = starts[group + 1] if group + 1 < len(starts) else len(meta)
        _page, anchor, passage = meta[start + int(np.argmax(scores[start:end]))]
        found[page_ids[i]] = Match(
            page_ids[i],
            float(group_best[group]),
            anchor,
            passage,
            closeness(scores[start:end]),
        )
    return found, votes


def fuse(rankings: list[list], k: int = RRF_K, weights: list[float] | None = None) -> list:
    """Reciprocal rank fusion of lists of keys (best first): keys by the sum over the lists of
    weight / (k + rank) (each list weighs 1 unless `weights` says otherwise), best first; ties
    keep the first list's order."""
    scores: dict = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, key in enumerate(ranking, 1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return sorted(scores, key=lambda key: -scores[key])


# A locale mostly showing another locale's text (aliases of untranslated pages) below this share
# of its own: its languages vote (`translations_vote`).
MOSTLY_OTHER_TEXT = 0.5

# In the autocomplete's second round (search.api) meaning leads too and words weigh half beside
# it, in every locale; a title being typed and confident words keep their first suggestion
# first. Tuning and visitors' sets, hit@1 / hit@3, words at 1.0 -> 0.5 (Elasticsearch;
# database): tuning 0.83 / 0.98 -> 0.87 / 0.97 (0.78 / 0.95 -> 0.85 / 0.95), visitors
# 0.47 / 0.73 -> 0.48 / 0.75 (0.50 / 0.72 -> 0.49 / 0.73); 0.3 did the same (decision 0016,
# round 11). In a locale of aliases words weighed half already: they can hardly match there.
AUTOCOMPLETE_WORDS_WEIGHT = 0.5


# On the results page meaning leads and words weigh this much beside it (RRF): they add pages
# meaning missed and break its near-ties. With both models' meaning (search.embeddings), words
# weighing as much as meaning pulled pages down: tuning and visitors' sets, database, hybrid
# hit@3 0.98 / 0.68 at 1.0, 0.99 / 0.70 at 0.5, 0.99 / 0.73 at 0.3 (Elasticsearch 0.99 / 0.75
# throughout, hit@1 on the tuning set 0.87 -> 0.91); 0.2 did no better (decision 0016, round 10).
RESULTS_WORDS_WEIGHT = 0.3


# Words are confident when their first page scores at least this many times their second's
# (BM25 with popularity): that page stays first, meaning does not push it down. Tuning set,
# Elasticsearch: hit@1 0.62 -> 0.66, hit@3 unchanged (0.90); ratios 2.5 to 3 did best, 1.5
# and 4 less, 5 and more changed nothing.
WORDS_CONFIDENT_RATIO = 3.0


# Meaning's first page stays among the first MEANING_FIRST_WITHIN, whatever words add, when
# meaning is sure of it: its closeness leads every other page's by MEANING_SURE_MARGIN. Pages
# further down meaning's list that share a word or two with the query could all pass it. Tuning
# and visitors' sets (decision 0016, round 17), hit@3 of 101 and 281, at k = 60, never -> always
# kept: results page Elasticsearch 100, 222 -> 100, 226 (none down), database 100, 218 -> 100,
# 221 (5 up, 2 down); autocomplete Elasticsearch 98, 221 -> 100, 226, database 98, 221 -> 100,
# 223. Within 1 lost hit@1 on the tuning set (92 -> 89); within 3 kept hit@3 as 2 did, with a
# lower MRR. Meaning's first was the right page for 36 % of the queries where it led by less than
# 0.006 (122 of 382), 56 % from 0.006 to 0.01, 72 % to 0.02 and 85 % beyond; at k = 20, keeping
# it only from 0.006 on did as always keeping it but for two more autocomplete hits on the
# database (223 -> 225); from 0.01 on, fewer.
MEANING_FIRST_WITHIN = 2
MEANING_SURE_MARGIN = 0.006


def keep_meaning_first(order: list, meaning: list, closeness: list[float]) -> list:
    """`order` with `meaning`'s first key moved up to position MEANING_FIRST_WITHIN when it fell
    below and meaning is sure of it (`closeness`: of `meaning`'s pages, in its order)."""
    if not meaning or meaning[0] not in order[MEANING_FIRST_WITHIN:]:
        return order
    if len(closeness) > 1 and closeness[0] - max(closeness[1:]) < MEANING_SURE_MARGIN:
        return order
    rest = [key for key in order if key != meaning[0]]
    return [*rest[: MEANING_FIRST_WITHIN - 1], meaning[0], *rest[MEANING_FIRST_WITHIN - 1 :]]


def typed_title(text: str, title: str) -> bool:
    """The visitor is typing `title`: the text so far starts it (case, width, spaces and Arabic
    diacritics aside). The autocomplete keeps such a suggestion first (search.api)."""
    typed = normalise(text)
    return bool(typed) and normalise(title).startswith(typed)


def words_confident(scores: list[float]) -> bool:
    """`scores`: the words' scores, best first. A lone page is not confident (one common word
    shared with a single page)."""
    return len(scores) >= 2 and scores[1] > 0 and scores[0] >= WORDS_CONFIDENT_RATIO * scores[1]


def autocomplete_order(text: str, suggestions: list[dict], meaning: list[dict]) -> list[str]:
    """The second round's order of suggestions (urls): the words' (`suggestions`: their "url",
    "title" and, from Elasticsearch, "score") and meaning's (`meaning`: their "url" and
    "closeness") fused (RRF, words weighing AUTOCOMPLETE_WORDS_WEIGHT, words first on a tie),
    the words' first suggestion first when the visitor is typing its title (`text`) or the words
    are confident (scores compared on Elasticsearch only: the database's are not); meaning's
    first among the first MEANING_FIRST_WITHIN when it is sure of it."""
    words = [s["url"] for s in suggestions]
    meaning_urls = [s["url"] for s in meaning]
    order = fuse([words, meaning_urls], HYBRID_RRF_K, [AUTOCOMPLETE_WORDS_WEIGHT, 1.0])
    scores = [s.get("score") for s in suggestions]
    if suggestions and (
        typed_title(text, suggestions[0]["title"])
        or (None not in scores and words_confident(scores))
    ):
        order = [words[0]] + [url for url in order if url != words[0]]
    return keep_meaning_first(order, meaning_urls, [s["closeness"] for s in meaning])


def hybrid_order(
    meaning_ids: list,
    meaning_closeness: list[float],
    words_ids: list,
    words_scores: list[float] | None,
) -> list:
    """The results' order: meaning and words fused (RRF, words weighing RESULTS_WORDS_WEIGHT),
    the words' first page first when they are confident (`words_scores`, None when unknown),
    meaning's first among the first MEANING_FIRST_WITHIN when it is sure of it
    (`meaning_closeness`, of `meaning_ids` in their order)."""
    order = fuse([meaning_ids, words_ids], HYBRID_RRF_K, [1.0, RESULTS_WORDS_WEIGHT])
    if words_scores and words_confident(words_scores):
        order = [words_ids[0]] + [key for key in order if key != words_ids[0]]
    return keep_meaning_first(order, meaning_ids, meaning_closeness)


# A direct answer is shown when the first result is also the meaning's first, with a passage at
# least this close to the query (the two models' weighted cosine: search.embeddings), and
# words agree: the page is among their first WORDS_AGREE_WITHIN (any of the words).
# On the tuning set, meaning alone gave answers from a wrong article a third of the time (41
# right of 61, on Elasticsearch) at any threshold from 0.84 to 0.90 of e5's cosine (decision
# 0016); 0.78 of the weighted cosine lets through the same share of the tuning and visitors'
# queries (91 %) as 0.84 of e5's did.
ANSWER_MIN_SCORE = 0.78
WORDS_AGREE_WITHIN = 3
# On a page showing another language's text (an alias of an untranslated page) the visitor's
# words cannot be found; meaning alone could decide there, but cross-lingual meaning is not
# sure enough: tuning set, those answers were right 4 times of 11 (Elasticsearch), and no
# threshold on the cosine or on its margin over the next page separated right from wrong.
# Off: such a page gets an answer only when words typed there (English) agree.
MEANING_ALONE_ON_OTHER_TEXT = False


def confident(meaning_first_id, meaning_score: float, first_page_id, words_first_ids=()) -> bool:
    """Whether the first result `first_page_id` gets a direct answer: meaning ranked it first
    (`meaning_first_id`, its best passage's cosine `meaning_score`), and words ranked it among
    their first (`words_first_ids`, best first) or, when MEANING_ALONE_ON_OTHER_TEXT, it shows
    another language's text."""
    if meaning_first_id is None or meaning_first_id != first_page_id:
        return False
    if meaning_score < ANSWER_MIN_SCORE:
        return False
    if first_page_id in list(words_first_ids)[:WORDS_AGREE_WITHIN]:
        return True
    return MEANING_ALONE_ON_OTHER_TEXT and text_language.shows_other_text(int(first_page_id))


def answer(language: str, text: str, page) -> dict | None:
    """The passage of `page` (not its title and summary) closest to `text`, as a direct answer:
    {"page_id", "title", "url", "anchor", "text", "score"}; None when the page has no such
    passage."""
    rows = list(
        _current()
        .filter(page_id=page.pk)
        .exclude(anchor="")
        .values_list("anchor", "text", "vector")
    )
    if not rows:
        return None
    matrix = np.frombuffer(b"".join(bytes(r[2]) for r in rows), dtype=np.float32).reshape(
        -1, embeddings.DIMENSIONS
    )
    scores = cosines(matrix, query_vector(text, language))
    best = int(np.argmax(scores))
    return {
        "page_id": page.pk,
        "title": page.title,
        "url": site_url(page),
        "anchor": rows[best][0],
        "text": rows[best][1],
        "score": float(scores[best]),
    }


def indexed_passages(page_id: int) -> list[dict]:
    """The stored passages of a page as Elasticsearch's `passages` (anchor, text, vector,
    language);
    empty when semantic search is off. A page showing another locale's text also gets the
    passages of its article's translations that show their own text (the pool `ranked` uses),
    each quoted as this page shows the same place (its anchor) or, when this page has no such
    place, with no anchor and no text (it ranks the page, it is never an answer)."""
    if not embeddings.enabled():
        return []
    key, language, original = (
        Page.objects.filter(pk=page_id)
        .values_list("translation_key", "locale__language_code", "alias_of__locale__language_code")
        .first()
    ) or (None, "", None)
    own = list(_current().filter(page_id=page_id).values_list("anchor", "text", "vector", "digest"))
    written_in = original or language  # an alias's text is its original's
    passages = [
        {
            "anchor": anchor,
            "text": text,
            embeddings.VECTOR_FIELD: _floats(vector),
            "language": written_in,
        }
        for anchor, text, vector, _digest in own
    ]
    if not text_language.shows_other_text(page_id):
        return passages
    shown = {anchor: text for anchor, text, _vector, _digest in own if anchor}
    seen = {d for *_rest, d in own}
    translations = (
        _current()
        .filter(text_language.own_text("page__"), page__translation_key=key)
        .exclude(page_id=page_id)
        .values_list("anchor", "vector", "digest", "language")
    )
    for anchor, vector, d, code in translations:
        if d in seen:
            continue
        seen.add(d)
        place = anchor if anchor in shown else ""
        passages.append(
            {
                "anchor": place,
                "text": shown.get(place, ""),
                embeddings.VECTOR_FIELD: _floats(vector),
                "language": code,
            }
        )
    return passages


def _floats(vector) -> list[float]:
    return np.frombuffer(bytes(vector), dtype=np.float32).tolist()
