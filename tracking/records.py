"""Writes the local event log for the KPI dashboard off the request path.

Visitor events are handed to a bounded in-memory queue; a daemon thread stores them in batches
(`bulk_create`), so a page view never waits on a database write. When the queue is full the
record is dropped and logged. `TRACKING_RECORD_ASYNC = False` writes in the request instead
(tests that read the log within their transaction).
"""

import logging
import queue
import threading
import time

from django.conf import settings
from django.db import connection

from .models import EventRecord

logger = logging.getLogger(__name__)

BATCH = 500
WAIT = 1.0  # seconds a record may wait for others to share its INSERT
IDLE = 5.0  # seconds without records before the writer lets its connection go
_queue: "queue.Queue[EventRecord]" = queue.Queue(maxsize=10_000)
_thread: threading.Thread | None = None
_lock = threading.Lock()


def _writer() -> None:
    """Collect records for up to WAIT seconds, store them in one statement, repeat. The database
    connection is kept while records keep coming and closed after IDLE seconds without any."""
    while True:
        try:
            first = _queue.get(timeout=IDLE)
        except queue.Empty:
            connection.close()
            continue
        batch = [first]
        deadline = time.monotonic() + WAIT
        while len(batch) < BATCH:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                batch.append(_queue.get(timeout=remaining))
            except queue.Empty:
                break
        try:
            EventRecord.objects.bulk_create(batch)
        except Exception:
            logger.exception("tracking: %d event record(s) could not be stored", len(batch))
            connection.close()
        finally:
            for _ in batch:
                _queue.task_done()


def _ensure_writer() -> None:
    global _thread
    if _thread is None or not _thread.is_alive():
        with _lock:
            if _thread is None or not _thread.is_alive():
                _thread = threading.Thread(target=_writer, name="tracking-records", daemon=True)
                _thread.start()


def store(record: EventRecord) -> None:
    """Store one record, in the background unless TRACKING_RECORD_ASYNC is off."""
    if not getattr(settings, "TRACKING_RECORD_ASYNC", True):
        record.save()
        return
    _ensure_writer()
    try:
        _queue.put_nowait(record)
    except queue.Full:
        logger.warning("tracking: the event record queue is full; %s not kept", record.event)


def flush() -> None:
    """Wait until every queued record was written."""
    _queue.join()
