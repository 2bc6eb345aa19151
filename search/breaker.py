"""The circuit breaker in front of Elasticsearch (one per process; search.api holds it).

- closed: every request asks Elasticsearch. A failure (timeout, connection error, error
  answer) sends *that* request to the database; only SEARCH_BREAKER_FAILURES failures in a row
  open the breaker (a success in between starts the count again).
- open: for SEARCH_BREAKER_OPEN_SECONDS every request goes straight to the database, nobody
  waits on a node that is down.
- half-open: when that time is over, exactly one request (the probe) asks Elasticsearch while
  the others keep using the database; its success closes the breaker, its failure opens it for
  another window. A probe that never reported (its worker died) is replaced after a window.

A query the cluster *rejects* (HTTP 400: too many clauses, a query it cannot parse) goes to the
database for that request too, but says nothing against the cluster, which did answer: it is
not a failure (visitors' input cannot open the breaker for everyone, by accident or on
purpose), nor a success that would hide real failures around it; a probe it answers closes the
breaker, since the node is up.
"""

import threading
import time
from collections.abc import Callable

from django.conf import settings

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half-open"


class Breaker:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.state = CLOSED
        self.failures = 0  # consecutive
        self.opened_at = 0.0
        self.probe_started_at = 0.0

    @staticmethod
    def failures_to_open() -> int:
        return max(1, settings.SEARCH_BREAKER_FAILURES)

    @staticmethod
    def open_seconds() -> float:
        return settings.SEARCH_BREAKER_OPEN_SECONDS

    def allow(self) -> bool:
        """May this request ask Elasticsearch? (In half-open state: only the probe.)"""
        with self.lock:
            now = self.clock()
            if self.state == CLOSED:
                return True
            if self.state == OPEN and now - self.opened_at < self.open_seconds():
                return False
            if self.state == HALF_OPEN and now - self.probe_started_at < self.open_seconds():
                return False  # a probe is under way
            self.state, self.probe_started_at = HALF_OPEN, now
            return True

    def succeeded(self) -> None:
        with self.lock:
            self.state, self.failures = CLOSED, 0

    def failed(self) -> None:
        with self.lock:
            self.failures += 1
            if self.state == HALF_OPEN or self.failures >= self.failures_to_open():
                self.state, self.opened_at = OPEN, self.clock()

    def rejected(self) -> None:
        """Elasticsearch answered, refusing the query itself (not a cluster failure)."""
        with self.lock:
            if self.state == HALF_OPEN:
                self.state, self.failures = CLOSED, 0

    def is_closed(self) -> bool:
        return self.state == CLOSED
