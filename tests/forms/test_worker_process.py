"""The help-desk worker heals itself: a worker killed with SIGKILL in the middle of a delivery
leaves a task "running" and a ticket leased; the next worker notices the dead worker's stale
heartbeat, retries its task, releases its lease, and the help desk receives the ticket once
(same idempotency key) — no cron, no manual `drain_outbox`.

Needs PostgreSQL (the worker processes read the test database); what they commit is deleted after
the module."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from forms.delivery import delivery_health
from forms.models import OutboxEntry, Submission, WorkerHeartbeat

from .test_worker import DATABASE_TASKS, delivery_task, new_ticket

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def worker_process(desk_url: str, worker_id: str, **environment) -> subprocess.Popen:
    url = urlsplit(os.environ["DATABASE_URL"])
    test_database = urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": test_database,
        "SEARCH_URL": "",
        "HELPDESK_URL": desk_url,
        "HELPDESK_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "HELPDESK_BACKOFF_SECONDS": "0",
        "HELPDESK_HEARTBEAT_SECONDS": "0.2",
        **environment,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "helpdesk_worker",
            "--worker-id",
            worker_id,
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, seconds: float, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(
                f"the worker exited while waiting for {what}: {process.stderr.read()[-3000:]}"
            )
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def committed_ticket(django_db_setup, django_db_blocker):
    """A ticket and its delivery task, committed where the worker processes see them."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (DATABASE_URL): the worker reads the test database")
        entry = new_ticket("HC-KILL-0001")
        task = delivery_task(entry)
    yield entry, task
    with django_db_blocker.unblock():
        DBTaskResult.objects.filter(backend_name="helpdesk").delete()
        WorkerHeartbeat.objects.filter(worker_id__startswith="killed-").delete()
        WorkerHeartbeat.objects.filter(worker_id__startswith="next-").delete()
        Submission.objects.filter(pk=entry.submission_id).delete()


def test_a_worker_killed_mid_delivery_is_healed_by_the_next_one(
    committed_ticket, helpdesk, settings
):
    entry, task = committed_ticket
    settings.TASKS = DATABASE_TASKS
    helpdesk.mode = "slow"  # the desk stores the ticket and stalls before answering
    helpdesk.slow_seconds = 30
    first = worker_process(
        helpdesk.url, "killed-worker", HELPDESK_TIMEOUT="25", HELPDESK_LEASE_SECONDS="600"
    )
    try:
        wait_for(lambda: helpdesk.requests == 1, 60, first, "the first delivery")
        os.kill(first.pid, signal.SIGKILL)  # mid-delivery: no answer read, nothing recorded
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert len(helpdesk.tickets) == 1  # it arrived, but the worker never knew
    task.refresh_from_db()
    entry.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING and task.worker_ids == ["killed-worker"]
    assert entry.status == OutboxEntry.Status.PENDING and entry.leased_by == "killed-worker"
    assert entry.locked_until > timezone.now() + timedelta(seconds=500)  # a 10-minute lease

    helpdesk.mode = "ok"
    second = worker_process(
        helpdesk.url,
        "next-worker",
        HELPDESK_TIMEOUT="2",
        HELPDESK_WORKER_STALE_SECONDS="3",
        HELPDESK_LEASE_SECONDS="600",
    )
    try:
        wait_for(
            lambda: OutboxEntry.objects.get(pk=entry.pk).status == OutboxEntry.Status.DELIVERED,
            60,
            second,
            "the ticket to be delivered by the next worker",
        )
        wait_for(
            lambda: DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.SUCCESSFUL,
            30,
            second,
            "the dead worker's task to run again",
        )
        assert delivery_health()["status"] == "ok"  # the new worker beats, nothing pending
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=20)
        except subprocess.TimeoutExpired:
            second.kill()
    assert second.returncode == 0
    assert list(helpdesk.tickets) == [str(entry.idempotency_key)]  # received once
    assert helpdesk.requests == 2  # sent again, under the same key
    assert helpdesk.resent_after_ack == 0
    task.refresh_from_db()
    assert task.worker_ids == ["killed-worker", "next-worker"]
    assert not WorkerHeartbeat.objects.filter(worker_id="next-worker").exists()  # clean exit
