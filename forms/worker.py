"""The help-desk worker (`manage.py helpdesk_worker`): django-tasks-db's worker for the
"helpdesk" backend, run in rounds, with the housekeeping that lets delivery heal itself between
rounds — no cron, no manual `drain_outbox`:

1. the heartbeat (`forms.heartbeats`), also refreshed before every task and every delivery;
2. the dead workers' work: a worker whose heartbeat is stale left its tasks "running" and its
   tickets leased; the tasks go back to "ready" (they run again) and the leases are released.
   A "running" task of a worker that never beat (plain `db_worker`) is retried once it started
   longer ago than the lease plus HELPDESK_WORKER_STALE_SECONDS;
3. one round of tasks (at most `round_tasks`);
4. the outbox sweep: every ticket due that no task took, whose lease is free or expired, is
   delivered (`forms.outbox.drain`); then a pause of `interval` seconds when idle.

Delivery stays at least once and the help desk deduplicates by the idempotency key
(docs/decisions/0004-helpdesk-outbox.md, 0018-self-healing-delivery.md).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from . import heartbeats, outbox
from .heartbeats import WorkerHeartbeat

logger = logging.getLogger(__name__)
BACKEND = "helpdesk"
QUEUE = "helpdesk"


class _QuietRounds(logging.Filter):
    """Drops the start and end lines the inner worker logs every round (twice a second when
    idle: noise in the journal); what it logs about tasks stays."""

    ROUND_LINES = ("Starting worker ", "No more tasks to run ", "Run maximum tasks ")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.ROUND_LINES)


class _RoundWorker(Worker):
    """django-tasks-db's worker in batch mode, beating before each task it runs."""

    def __init__(self, *, before_task, **options):
        super().__init__(**options)
        self.before_task = before_task

    def run_task(self, db_task_result):
        self.before_task()
        super().run_task(db_task_result)

    def configure_signals(self) -> None:
        """None of its own: HelpdeskWorker's stay, for the rounds and the work between them."""


def dead_worker_ids() -> set[str]:
    """Workers that beat once and then fell silent for longer than the stale threshold."""
    stale = WorkerHeartbeat.objects.filter(beat_at__lt=heartbeats.stale_before())
    return set(stale.values_list("worker_id", flat=True))


def recover_abandoned(now=None) -> tuple[int, int]:
    """Put the dead workers' tasks back in the queue and release their leases: (tasks, tickets)."""
    now = now or timezone.now()
    dead = dead_worker_ids()
    alive = heartbeats.live_worker_ids()
    never_beat_before = (
        now - outbox.lease() - timedelta(seconds=settings.HELPDESK_WORKER_STALE_SECONDS)
    )
    requeued = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().filter(backend_name=BACKEND)
        for task_result in running.select_for_update(skip_locked=True):
            last_worker = task_result.worker_ids[-1] if task_result.worker_ids else ""
            abandoned = last_worker in dead or (
                last_worker not in alive
                and task_result.started_at is not None
                and task_result.started_at < never_beat_before
            )
            if abandoned:
                task_result.status = TaskResultStatus.READY
                task_result.started_at = None
                task_result.save(update_fields=["status", "started_at"])
                requeued += 1
    released = outbox.release_leases_of(dead) if dead else 0
    if requeued or released:
        logger.warning(
            "help desk: %s task(s) of a dead worker retried, %s ticket lease(s) released",
            requeued,
            released,
        )
    return requeued, released


class HelpdeskWorker:
    def __init__(self, worker_id: str, interval: float = 1.0, round_tasks: int = 20):
        self.worker_id = worker_id
        self.interval = interval
        self.round_tasks = round_tasks
        self.last_beat = 0.0
        self.stopping = False
        self._round: _RoundWorker | None = None

    def stop(self, signum: int, frame=None) -> None:
        """SIGTERM or SIGINT: finish the task under way (and the step between rounds), then stop.
        Never raises where it lands, which may be in the middle of a database call (the inner
        worker's own handler exited there between rounds, and the heartbeat's last write then
        failed on the interrupted connection: exit code 1, a traceback in the journal). A second
        signal stops at once, as the inner worker's does."""
        if self.stopping:
            logger.warning("help desk worker %s: stopping now", self.worker_id)
            raise SystemExit(1)
        logger.info("help desk worker %s: stopping after the work under way", self.worker_id)
        self.stopping = True
        if self._round is not None:
            self._round.running = False

    def beat(self, force: bool = False) -> None:
        if force or time.monotonic() - self.last_beat >= settings.HELPDESK_HEARTBEAT_SECONDS:
            heartbeats.beat(self.worker_id)
            self.last_beat = time.monotonic()

    def sweep(self) -> int:
        """Deliver every ticket due that no task took; returns how many were tried."""
        if not outbox.helpdesk_enabled():
            return 0
        report = outbox.drain(
            batch=10,
            max_batches=5,
            worker_id=self.worker_id,
            after_each=self.beat,
            stopping=lambda: self.stopping,
        )
        return report.attempts

    def run_round(self) -> int:
        """Run the tasks ready now (at most `round_tasks`); returns how many ran."""
        ran = []

        def before_task():
            ran.append(1)
            self.beat()

        worker = _RoundWorker(
            before_task=before_task,
            queue_names=[QUEUE],
            interval=0,
            batch=True,
            backend_name=BACKEND,
            startup_delay=False,
            max_tasks=self.round_tasks,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )
        self._round = worker
        try:
            worker.run()  # stops after the task under way when `stop` ends it
        finally:
            self._round = None
        return len(ran)

    def run(self, rounds: int | None = None) -> None:
        handled = (signal.SIGTERM, signal.SIGINT)
        main = threading.current_thread() is threading.main_thread()  # signals reach it only
        previous = {number: signal.signal(number, self.stop) for number in handled} if main else {}
        logger.info("help desk worker %s started", self.worker_id)
        quiet = _QuietRounds()
        logging.getLogger("django_tasks_db").addFilter(quiet)
        done = 0
        try:
            self.beat(force=True)
            while not self.stopping and (rounds is None or done < rounds):
                close_old_connections()
                self.beat()
                recover_abandoned()
                busy = self.run_round()
                busy += self.sweep()
                done += 1
                if not busy and not self.stopping:
                    time.sleep(self.interval)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
            heartbeats.stop(self.worker_id)
            logging.getLogger("django_tasks_db").removeFilter(quiet)
