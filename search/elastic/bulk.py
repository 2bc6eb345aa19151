"""Filling a new index fast with bounded memory (search.elastic.indices.rebuild).

`send(es, actions, progress)`: the documents are built in the calling thread (it reads the
database) while one sender thread writes the previous ones with `_bulk`; between them at most
QUEUED_ACTIONS documents wait, and each request holds at most CHUNK_DOCUMENTS documents or
CHUNK_BYTES bytes (a page with passages' vectors is tens of kilobytes), so neither this process
nor the node's heap grows with the number of pages. A document Elasticsearch refuses fails the
rebuild (helpers.BulkIndexError), before the alias moves.

`wait_for_copies(es, index, copies)`: waits until the index's shard copies (primaries and the
replicas added after the load) are active, so the alias never moves to an index with fewer
copies than the one it replaces.
"""

import logging
import queue
import threading

from elasticsearch import helpers

logger = logging.getLogger(__name__)

CHUNK_DOCUMENTS = 500
CHUNK_BYTES = 8 * 1024 * 1024
QUEUED_ACTIONS = 2 * CHUNK_DOCUMENTS
# How often (documents) `progress` hears about it.
PROGRESS_EVERY = 5000
COPIES_TIMEOUT = "120s"

_DONE = object()


def send(es, actions, progress=None) -> int:
    """Writes `actions` (helpers.bulk's) with `es`; returns how many were indexed."""
    pending: queue.Queue = queue.Queue(maxsize=QUEUED_ACTIONS)
    outcome: dict = {"count": 0, "error": None, "all_read": False}

    def queued():
        while (action := pending.get()) is not _DONE:
            yield action
        outcome["all_read"] = True

    def sender():
        try:
            for _ok, _item in helpers.streaming_bulk(
                es, queued(), chunk_size=CHUNK_DOCUMENTS, max_chunk_bytes=CHUNK_BYTES
            ):
                outcome["count"] += 1
                if progress and outcome["count"] % PROGRESS_EVERY == 0:
                    progress(outcome["count"])
        except BaseException as error:  # raised again in the caller's thread
            outcome["error"] = error
            while not outcome["all_read"] and pending.get() is not _DONE:
                pass  # let the producer finish

    thread = threading.Thread(target=sender, name="search-bulk", daemon=True)
    thread.start()
    try:
        for action in actions:
            if outcome["error"] is not None:
                break
            pending.put(action)
    finally:
        pending.put(_DONE)
        thread.join()
    if outcome["error"] is not None:
        raise outcome["error"]
    if progress and outcome["count"] % PROGRESS_EVERY:
        progress(outcome["count"])
    return outcome["count"]


def wait_for_copies(es, index: str, copies: int) -> bool:
    """Whether `copies` shard copies of `index` became active within COPIES_TIMEOUT (logged
    when not: e.g. more replicas asked for than the cluster has nodes for)."""
    health = es.options(request_timeout=150).cluster.health(
        index=index, wait_for_active_shards=str(copies), timeout=COPIES_TIMEOUT
    )
    if health.get("timed_out"):
        logger.warning(
            "search index %s: %s of %s shard copies active after %s",
            index,
            health.get("active_shards"),
            copies,
            COPIES_TIMEOUT,
        )
        return False
    return True
