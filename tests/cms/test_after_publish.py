"""Editors never wait for side work: a publish only queues its indexing, purges and events
(decision 0019). With the production database queue, publishing through the admin answers
quickly while Elasticsearch and the cache proxy are both down; the failed tasks are tried again
and the index and the cache catch up once they answer.

"Down" is an address where every connection is closed at once, without an answer, and counted:
a publish that waited on a service would show as a connection, whatever the machine's speed.
"Back" is the real Elasticsearch (SEARCH_URL, as `make test` starts it) and a stand-in proxy
recording PURGEs, now listening on that address. The queued tasks hold page ids and URLs only,
so they do not care which."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cms import task_retries
from tests.factories import HomePageFactory, TopicPageFactory, aliases

from .editorial import topic_form

pytestmark = pytest.mark.django_db

QUEUES = ["default", "after-publish"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Down:
    """A service that is down at 127.0.0.1:`port` (0: any free port): each connection is accepted
    and closed at once, and counted in `connections`."""

    def __init__(self, port: int = 0):
        self.listener = socket.create_server(("127.0.0.1", port))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self._open = True
        self._serving = threading.Thread(target=self._hang_up, daemon=True)
        self._serving.start()

    def _hang_up(self):
        while self._open:
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self._open = False
        self._serving.join()
        self.listener.close()


def start_proxy(port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), PurgeRecorder)
    server.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def database_queue(settings):
    """The production task backend (django-tasks-db), failed tasks retried without waiting."""
    settings.TASKS = {
        **settings.TASKS,
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES},
    }
    settings.AFTER_PUBLISH_RETRY_SECONDS = 0
    return settings


@pytest.fixture
def proxy_port(settings):
    port = closed_port()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    return port


def run_worker_once() -> dict[str, int]:
    """What `db_worker --batch` does, for the tasks ready now (retries queued meanwhile wait for
    the next round); returns {status: count} of the tasks it ran."""
    worker = Worker(
        queue_names=QUEUES,
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = list(DBTaskResult.objects.ready().filter(backend_name="default"))
    for row in ran:
        row.claim(worker.worker_id)
        worker.run_task(row)
    outcome: dict[str, int] = {}
    for row in DBTaskResult.objects.filter(pk__in=[row.pk for row in ran]):
        outcome[row.status] = outcome.get(row.status, 0) + 1
    return outcome


def after_publish_paths() -> list[str]:
    return sorted(
        DBTaskResult.objects.filter(queue_name="after-publish").values_list("task_path", flat=True)
    )


def publish(admin_client, topic, title, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{topic.pk}/edit/", topic_form(topic, "action-publish", title=title)
        )
    assert response.status_code == 302, response.content[:500]


def test_publishing_only_queues_the_side_work(
    admin_client, database_queue, proxy_port, django_capture_on_commit_callbacks
):
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, slug="accounts")
    aliases(home, "fr", "ar")
    DBTaskResult.objects.all().delete()
    publish(admin_client, topic, "Accounts, revised", django_capture_on_commit_callbacks)
    paths = after_publish_paths()
    # One purge naming every language version, one event; the aliases are indexed too.
    assert paths.count("pages.tasks.purge_urls") == 1
    assert paths.count("tracking.tasks.page_published") == 1
    (purge,) = DBTaskResult.objects.filter(task_path="pages.tasks.purge_urls")
    purged = purge.args_kwargs["args"][0]
    assert {"http://localhost/fr/accounts/", "http://localhost/ar/accounts/"} <= set(purged)
    assert DBTaskResult.objects.filter(status="READY").count() == DBTaskResult.objects.count()


def test_purges_refused_by_a_stopped_proxy_are_sent_once_it_is_back(
    admin_client, database_queue, proxy_port, django_capture_on_commit_callbacks
):
    topic = TopicPageFactory(parent=HomePageFactory(), slug="accounts")
    DBTaskResult.objects.all().delete()
    publish(admin_client, topic, "Accounts, revised", django_capture_on_commit_callbacks)

    assert run_worker_once().get("FAILED") == 1  # the purge: nothing listens
    retry = DBTaskResult.objects.get(task_path="pages.tasks.purge_urls", status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2

    proxy = start_proxy(proxy_port)
    try:
        assert run_worker_once() == {"SUCCESSFUL": 1}
        assert "/en/accounts/" in proxy.purged
        assert not DBTaskResult.objects.filter(status="READY").exists()
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_publish_with_search_and_proxy_down_waits_on_neither_and_both_catch_up(
    admin_client, database_queue, proxy_port, django_capture_on_commit_callbacks
):
    real_search_url = django_settings.SEARCH_URL
    if not real_search_url:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    from search.elastic import client as es_client
    from search.elastic import indices

    indices.ensure_index("en")
    topic = TopicPageFactory(parent=HomePageFactory(), slug="accounts")
    search_down, proxy_down = Down(), Down(proxy_port)
    database_queue.SEARCH_URL = f"http://127.0.0.1:{search_down.port}"
    DBTaskResult.objects.all().delete()

    revisions = 5
    try:
        for n in range(revisions):
            publish(
                admin_client, topic, f"Accounts, revision {n}", django_capture_on_commit_callbacks
            )
        # The publishes reached neither service: only the queue.
        assert (search_down.connections, proxy_down.connections) == (0, 0)

        run_worker_once()  # every try fails: Elasticsearch and the proxy are down
        assert search_down.connections and proxy_down.connections  # the worker did try both
    finally:
        search_down.close()
        proxy_down.close()
    assert not DBTaskResult.objects.filter(
        queue_name="after-publish", status="SUCCESSFUL", task_path="search.tasks.index_page"
    ).exists()
    assert DBTaskResult.objects.filter(task_path="search.tasks.index_page", status="READY").exists()

    database_queue.SEARCH_URL = real_search_url
    proxy = start_proxy(proxy_port)
    try:
        run_worker_once()
        assert not DBTaskResult.objects.filter(status="READY").exists()
        document = es_client.client().get(
            index=es_client.alias_name("en"), id=str(topic.pk), refresh=True
        )
        assert document["_source"]["title"] == f"Accounts, revision {revisions - 1}"
        assert "/en/accounts/" in proxy.purged
    finally:
        proxy.shutdown()
        proxy.server_close()
        indices.delete_document("en", topic.pk, refresh=True)


def test_a_task_failing_every_time_is_given_up_after_the_last_try(database_queue, caplog):
    from pages import tasks

    database_queue.AFTER_PUBLISH_MAX_ATTEMPTS = 3
    database_queue.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{closed_port()}",
        }
    }
    DBTaskResult.objects.all().delete()
    tasks.purge_urls.enqueue(["http://localhost/en/"])
    for _round in range(5):
        run_worker_once()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert "failed 3 times: given up" in caplog.text


def test_retry_delays_grow_and_are_capped(settings):
    settings.AFTER_PUBLISH_RETRY_SECONDS = 30
    settings.AFTER_PUBLISH_RETRY_MAX_SECONDS = 3600
    second, third, late = (task_retries.delay_before(n) for n in (2, 3, 20))
    assert 24 <= second <= 36
    assert 48 <= third <= 72
    assert late <= 3600 * 1.2


def test_the_immediate_backend_runs_the_work_inside_the_publish(settings, caplog):
    """Development and tests: no worker needed; a failure is logged, not retried."""
    from pages import tasks

    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{closed_port()}",
        }
    }
    result = tasks.purge_urls.enqueue(["http://localhost/en/"])
    assert result.status == "FAILED"
    assert "not retried" in caplog.text
    assert not DBTaskResult.objects.exists()


def test_a_late_removal_retry_leaves_a_republished_page_in_the_index(database_queue):
    """Unpublished while Elasticsearch was down, published again once it was back: the retried
    removal, running last, must not take the page out."""
    real_search_url = django_settings.SEARCH_URL
    if not real_search_url:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    from search import tasks
    from search.elastic import client as es_client
    from search.elastic import indices

    indices.ensure_index("en")
    topic = TopicPageFactory(parent=HomePageFactory(), slug="accounts", title="Accounts")
    try:
        database_queue.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"
        DBTaskResult.objects.all().delete()
        tasks.remove_page.enqueue("en", topic.pk)
        run_worker_once()  # refused: a retry is queued
        database_queue.SEARCH_URL = real_search_url
        tasks.index_page.call(topic.pk)  # published again, indexed at once
        assert run_worker_once() == {"SUCCESSFUL": 1}  # then the removal's retry runs
        document = es_client.client().get(
            index=es_client.alias_name("en"), id=str(topic.pk), refresh=True
        )
        assert document["_source"]["title"] == "Accounts"
    finally:
        indices.delete_document("en", topic.pk, refresh=True)
