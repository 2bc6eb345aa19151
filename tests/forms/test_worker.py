"""The help-desk worker's recovery rules: a dead worker's (stale heartbeat) tasks are retried
and its leases released, a live worker's are left alone; `/healthz` reports a dead worker,
pending tickets and the age of the oldest. A real worker killed mid-delivery:
test_worker_process.py."""

import logging
import os
import signal
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from forms import heartbeats, outbox
from forms.delivery import delivery_health
from forms.models import OutboxEntry, Submission, WorkerHeartbeat
from forms.worker import HelpdeskWorker, recover_abandoned

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "helpdesk": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["helpdesk"]},
}

pytestmark = pytest.mark.django_db


def new_ticket(reference: str) -> OutboxEntry:
    submission = Submission.objects.create(
        reference=reference,
        form_title="My account was hacked",
        locale="en",
        branch="default",
        queue="security",
        priority="critical",
        answers=[],
    )
    entry = OutboxEntry(submission=submission, payload={})
    entry.payload = {
        "schema": "helpcenter.ticket/1",
        "reference": reference,
        "idempotency_key": str(entry.idempotency_key),
    }
    entry.save()
    return entry


def delivery_task(entry: OutboxEntry, **fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [entry.pk], "kwargs": {}},
        task_path="forms.tasks.deliver_ticket",
        queue_name="helpdesk",
        backend_name="helpdesk",
        run_after=get_date_max(),
        **fields,
    )


def test_a_dead_workers_task_is_retried_and_its_lease_released(settings):
    settings.HELPDESK_WORKER_STALE_SECONDS = 60
    entry = new_ticket("HC-DEAD-0001")
    outbox.claim(1, only=entry.pk, worker_id="dead-worker")
    task = delivery_task(
        entry,
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=["dead-worker"],
    )
    WorkerHeartbeat.objects.create(
        worker_id="dead-worker", beat_at=timezone.now() - timedelta(seconds=61)
    )
    assert recover_abandoned() == (1, 1)
    task.refresh_from_db()
    entry.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None
    assert entry.locked_until is None and entry.leased_by == ""
    assert recover_abandoned() == (0, 0)


def test_a_live_workers_task_and_lease_are_left_alone(settings):
    entry = new_ticket("HC-LIVE-0001")
    outbox.claim(1, only=entry.pk, worker_id="busy-worker")
    heartbeats.beat("busy-worker")
    started = timezone.now() - timedelta(hours=1)  # long, but its worker still beats
    task = delivery_task(
        entry, status=TaskResultStatus.RUNNING, started_at=started, worker_ids=["busy-worker"]
    )
    assert recover_abandoned() == (0, 0)
    task.refresh_from_db()
    entry.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING and entry.leased_by == "busy-worker"


def test_a_task_of_a_worker_that_never_beat_is_retried_after_the_lease(settings):
    settings.HELPDESK_LEASE_SECONDS = 120
    settings.HELPDESK_WORKER_STALE_SECONDS = 60
    entry = new_ticket("HC-OLDW-0001")
    recent = delivery_task(
        entry, status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=["db-worker"]
    )
    old = delivery_task(
        entry,
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=200),
        worker_ids=["db-worker"],
    )
    assert recover_abandoned() == (1, 0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def test_delivery_health_reports_a_dead_worker_and_the_backlog(client, settings):
    settings.HELPDESK_URL = "http://127.0.0.1:9/tickets"
    settings.TASKS = DATABASE_TASKS
    settings.HELPDESK_WORKER_STALE_SECONDS = 60
    settings.HELPDESK_BACKLOG_SECONDS = 900
    entry = new_ticket("HC-HLTH-0001")
    Submission.objects.filter(pk=entry.submission_id).update(
        created_at=timezone.now() - timedelta(seconds=300)
    )
    figures = delivery_health()
    assert figures["worker_expected"] is True
    assert figures["heartbeat_age_seconds"] is None  # no worker ever ran
    assert figures["pending"] == 1 and figures["failed"] == 0
    assert 299 <= figures["oldest_pending_age_seconds"] <= 310
    assert figures["status"] == "degraded"

    heartbeats.beat("worker-a")
    assert delivery_health()["status"] == "ok"
    body = client.get("/healthz").json()
    assert body["helpdesk"] == "ok" and body["details"]["helpdesk"]["pending"] == 1

    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(seconds=61))
    assert delivery_health()["status"] == "degraded"  # the worker died
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["helpdesk"] == "degraded"
    assert body["details"]["helpdesk"]["heartbeat_age_seconds"] >= 61

    heartbeats.beat("worker-a")
    settings.HELPDESK_BACKLOG_SECONDS = 200  # the oldest ticket now waits too long
    assert delivery_health()["status"] == "degraded"


def test_without_a_worker_backend_no_heartbeat_is_needed(settings):
    settings.HELPDESK_URL = "http://127.0.0.1:9/tickets"
    figures = delivery_health()
    assert figures["worker_expected"] is False and figures["status"] == "ok"


def test_the_worker_timing_is_checked(settings):
    from forms.checks import worker_timing

    assert worker_timing() == []
    settings.HELPDESK_TIMEOUT = 55  # + 10 s between heartbeats: not under the 60 s stale limit
    assert {problem.id for problem in worker_timing()} == {"forms.W002"}
    settings.HELPDESK_LEASE_SECONDS = 20
    assert {problem.id for problem in worker_timing()} == {"forms.W001", "forms.W002"}


def test_an_idle_worker_logs_no_line_per_round(settings, caplog, monkeypatch):
    """django-tasks-db's worker logs a start and an end line for each round it is run for (twice
    a second when idle); the help-desk worker drops those two, keeps the rest, and removes its
    filter when it stops. Each round is the inner worker's logging (run_round, which also
    closes the database connection a test holds, is replaced by what it logs)."""
    settings.TASKS = DATABASE_TASKS
    inner = logging.getLogger("django_tasks_db")

    def round_logging(self):
        inner.info("Starting worker worker_id=%s queues=%s", self.worker_id, "helpdesk")
        inner.info("Task id=%s path=%s state=%s", "1", "forms.tasks.deliver_ticket", "SUCCESSFUL")
        inner.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
        return 0

    monkeypatch.setattr(HelpdeskWorker, "run_round", round_logging)
    monkeypatch.setattr("forms.worker.close_old_connections", lambda: None)
    with caplog.at_level("INFO"):
        HelpdeskWorker("quiet-worker", interval=0).run(rounds=5)
    lines = [record.getMessage() for record in caplog.records]
    assert any("help desk worker quiet-worker started" in line for line in lines)
    assert sum("state=SUCCESSFUL" in line for line in lines) == 5  # what tasks did stays
    assert not [line for line in lines if "Starting worker" in line or "No more tasks" in line]
    assert not inner.filters  # removed when the worker stops


def test_sigterm_between_rounds_finishes_the_step_and_stops_cleanly(settings, monkeypatch):
    """SIGTERM may land anywhere, in the middle of a database call between rounds too: the
    worker finishes the step under way and stops, its heartbeat removed, nothing raised (the inner
    worker's own handler exited there, and the heartbeat's last write then failed: exit code 1).
    A second signal stops at once. Its handlers are put back when it stops."""
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr("forms.worker.close_old_connections", lambda: None)
    worker = HelpdeskWorker("stopped-worker", interval=0)
    steps = []

    def sweep_interrupted(self):
        os.kill(os.getpid(), signal.SIGTERM)  # handled here, mid-step
        steps.append("after the signal")  # the step goes on
        return 0

    monkeypatch.setattr(HelpdeskWorker, "sweep", sweep_interrupted)
    # (the inner worker's round closes the database connection the test holds)
    monkeypatch.setattr(HelpdeskWorker, "run_round", lambda self: 0)
    before = signal.getsignal(signal.SIGTERM)
    worker.run()  # returns: no SystemExit
    assert steps == ["after the signal"]  # one round, then it stopped
    assert not WorkerHeartbeat.objects.filter(worker_id="stopped-worker").exists()
    assert signal.getsignal(signal.SIGTERM) == before
    with pytest.raises(SystemExit):
        worker.stop(signal.SIGTERM)  # already stopping: at once
