"""A real help desk for tests: a threaded HTTP server on 127.0.0.1 that fails on demand.

It stores one ticket per idempotency key (as a real help desk that honours the key does) and
counts what a ticket's sender must never do: send a ticket again after it was acknowledged.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HelpDesk:
    """`mode` decides each request's fate: "ok", "error" (500 before storing), "lost" (stores,
    then answers 500: the sender cannot know it arrived), "slow" (stores, answers after
    `slow_seconds`), "hangup" (closes without answering), "reject" (422: a ticket it will never
    take), or "flaky" (a random mix of failures a retry can cure)."""

    def __init__(self, seed: int = 5):
        self.tickets: dict[str, dict] = {}
        self.headers: dict[str, dict] = {}
        self.acknowledged: set[str] = set()
        self.resent_after_ack = 0
        self.requests = 0
        self.outcomes: Counter[str] = Counter()
        self.mode = "ok"
        self.flaky_failure_rate = 0.5
        self.slow_seconds = 1.0
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tickets"

    def _fate(self) -> str:
        if self.mode != "flaky":
            return self.mode
        if self.random.random() >= self.flaky_failure_rate:
            return "ok"
        return self.random.choice(["error", "error", "lost", "hangup", "slow"])

    def start(self) -> HelpDesk:
        desk = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                key = self.headers.get("Idempotency-Key", "")
                with desk.lock:
                    desk.requests += 1
                    fate = desk._fate()
                    desk.outcomes[fate] += 1
                    if key in desk.acknowledged:
                        desk.resent_after_ack += 1
                if fate == "hangup":
                    self.close_connection = True
                    self.connection.close()
                    return
                if fate == "reject":
                    self._answer(422, {"error": "this ticket is malformed"})
                    return
                if fate == "error":
                    self._answer(500, {"error": "try later"})
                    return
                with desk.lock:
                    duplicate = key in desk.tickets
                    if not duplicate:
                        desk.tickets[key] = json.loads(body)
                        desk.headers[key] = dict(self.headers)
                if fate == "lost":
                    self._answer(500, {"error": "stored, but the answer got lost"})
                    return
                if fate == "slow":  # answers after the sender's timeout: it never sees this
                    time.sleep(desk.slow_seconds)
                else:
                    with desk.lock:
                        desk.acknowledged.add(key)
                self._answer(200, {"ticket": key, "duplicate": duplicate})

            def _answer(self, status: int, body: dict):
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the sender gave up (timeout): it will retry

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening: connections are refused until `start()` again (same port)."""
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
