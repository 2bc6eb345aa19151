"""A real local HTTP server playing Segment's batch API, and helpers to visit the site."""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import built_once_per_module
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases
from tracking import delivery


class SegmentSink:
    """Records every batch POSTed to /v1/batch; can answer 500 ("down") or hold requests
    ("blocked") until released."""

    def __init__(self):
        self.batches: list[dict] = []
        self.raw: list[bytes] = []
        self.auth: list[str] = []
        self.mode = "up"
        self.release = threading.Event()
        self.waiting = threading.Event()
        self.requests = 0
        self.lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with sink.lock:
                    sink.requests += 1
                if sink.mode == "blocked":
                    sink.waiting.set()
                    sink.release.wait(30)
                if sink.mode == "down":
                    self.send_response(500)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"code": "server_error", "message": "down"}')
                    return
                with sink.lock:
                    sink.raw.append(body)
                    sink.batches.append(json.loads(body))
                    sink.auth.append(self.headers.get("Authorization", ""))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"success": true}')

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def messages(self) -> list[dict]:
        with self.lock:
            return [message for batch in self.batches for message in batch["batch"]]

    def events(self) -> list[str]:
        return [m.get("event") or m["type"] for m in self.messages]

    def wait_for(self, count: int, timeout: float = 10) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.02)
        return self.messages

    def write_key_used(self) -> str:
        header = self.auth[-1].removeprefix("Basic ")
        return base64.b64decode(header).decode().rstrip(":")


@pytest.fixture(autouse=True)
def records_in_the_test_transaction(settings):
    """The event log is written in the request here, so each test reads its own records."""
    settings.TRACKING_RECORD_ASYNC = False


@pytest.fixture
def segment_sink(settings):
    sink = SegmentSink()
    sink.thread.start()
    settings.SEGMENT_WRITE_KEY = "test-write-key"
    settings.SEGMENT_HOST = sink.url
    settings.TRACKING_UPLOAD_INTERVAL = 0.05
    settings.TRACKING_MAX_RETRIES = 1
    settings.TRACKING_MAX_BACKOFF = 1
    settings.TRACKING_TIMEOUT = 2
    delivery.counters.reset()
    yield sink
    sink.release.set()
    delivery.shutdown()
    sink.server.shutdown()
    sink.server.server_close()


@pytest.fixture
def consenting_client(client):
    client.cookies["hc_consent"] = "granted"
    return client


@built_once_per_module
def help_pages():
    """A home, a topic and an article in English, as aliases in Spanish and Russian too."""
    home = HomePageFactory()
    ArticlePageFactory(parent=TopicPageFactory(parent=home))
    aliases(home, "es", "ru")


def article_url() -> str:
    from pages.models import ArticlePage

    return ArticlePage.objects.live().filter(locale__language_code="en").first().url
