"""Writes the local event log for the KPI dashboard off the request path.

Visitor events are handed to a bounded in-memory queue; a daemon thread stores them in batches
(`bulk_create`), so a page view never waits on a database write. When the queue is full the
record is dropped and logged. `TRACKING_RECORD_ASYNC = False` writes in the request instead
(tests that read the log within their transaction).
"""

import logging
import queue
import threading

from django.conf import settings
from django.db import connection

from .models import EventRecord

logger = logging.getLogger(__name__)

BATCH = 500
_queue: "queue.Queue[EventRecord]" = queue.Queue(maxsize=10_000)
_thread: threading.Thread | None = None
_lock = threading.Lock()


def _writer() -> None:
    while True:
        batch = [_queue.get()]
        while len(batch) < BATCH:
            try:
                batch.append(_queue.get_nowait())
            except queue.Empty:
                break
        try:
            EventRecord.objects.bulk_create(batch)
        except Exception:
            logger.exception("tracking: %d event record(s) could not be stored", len(batch))
        finally:
            connection.close()
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
