"""Delivery to Segment through segment-analytics-python, and the counters that show it works.

The library's client owns a bounded queue and a consumer thread that sends batches; `enqueue`
never blocks the request. When Segment is down the library retries, then reports the batch to
`on_error` (counted as failed); when the queue is full, the event is dropped (counted).
Counters are per process.
"""

import logging
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from segment.analytics import Client

logger = logging.getLogger(__name__)

COUNTER_NAMES = ("sent", "failed", "invalid", "dropped")


@dataclass
class Counters:
    sent: int = 0
    failed: int = 0
    invalid: int = 0
    dropped: int = 0
    last_success: float = 0.0
    last_failure: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str, amount: int = 1) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + amount)
            if name == "sent":
                self.last_success = time.monotonic()
            elif name in {"failed", "dropped"}:
                self.last_failure = time.monotonic()

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return {name: getattr(self, name) for name in COUNTER_NAMES}

    def reset(self) -> None:
        with self.lock:
            for name in COUNTER_NAMES:
                setattr(self, name, 0)
            self.last_success = self.last_failure = 0.0


counters = Counters()
_client: Client | None = None
_client_lock = threading.Lock()


def enabled() -> bool:
    return bool(getattr(settings, "SEGMENT_WRITE_KEY", ""))


def _on_error(error: Exception, batch: list) -> None:
    if "queue full" in str(error).lower():
        counters.add("dropped", len(batch))
    else:
        counters.add("failed", len(batch))
    logger.warning("tracking: %d event(s) not delivered to Segment: %s", len(batch), error)


def _counting(request_batch):
    def request(batch):
        result = request_batch(batch)
        counters.add("sent", len(batch))
        return result

    return request


def client() -> Client | None:
    """The process's Segment client, created on first use; None when tracking is disabled."""
    global _client
    if not enabled():
        return None
    if _client is None:
        with _client_lock:
            if _client is None:
                new = Client(
                    write_key=settings.SEGMENT_WRITE_KEY,
                    host=getattr(settings, "SEGMENT_HOST", "") or None,
                    on_error=_on_error,
                    max_queue_size=getattr(settings, "TRACKING_QUEUE_SIZE", 1000),
                    upload_size=getattr(settings, "TRACKING_BATCH_SIZE", 100),
                    upload_interval=getattr(settings, "TRACKING_UPLOAD_INTERVAL", 0.5),
                    max_retries=getattr(settings, "TRACKING_MAX_RETRIES", 3),
                    max_total_backoff_duration=getattr(settings, "TRACKING_MAX_BACKOFF", 30),
                    timeout=getattr(settings, "TRACKING_TIMEOUT", 5),
                )
                for consumer in new.consumers or []:
                    consumer.request = _counting(consumer.request)
                _client = new
    return _client


def send(kind: str, **message) -> None:
    """Queue one message ("track" or "identify"); never raises, never waits on the network."""
    segment = client()
    if segment is None:
        return
    try:
        queued, _msg = getattr(segment, kind)(**message)
    except Exception:
        logger.exception("tracking: the Segment client refused a %s message", kind)
        counters.add("dropped")
        return
    if not queued:
        counters.add("dropped")


def flush() -> None:
    """Wait until everything queued was sent or given up (tests, shutdown)."""
    if _client is not None:
        _client.flush()


def shutdown() -> None:
    """Stop the consumer thread (what is still queued is abandoned); a new client is made on
    next use."""
    global _client
    with _client_lock:
        old, _client = _client, None
    if old is not None:
        for consumer in old.consumers or []:
            consumer.pause()
        while not old.queue.empty():
            try:
                old.queue.get_nowait()
                old.queue.task_done()
            except Exception:
                break


def health() -> str:
    """ "disabled" without a write key, "degraded" when the last delivery failed, else "ok"."""
    if not enabled():
        return "disabled"
    with counters.lock:
        failing = counters.last_failure > counters.last_success
    return "degraded" if failing else "ok"


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting.startswith(("SEGMENT_", "TRACKING_")):
        shutdown()
