"""The help-desk worker's heartbeat: each running worker (`manage.py helpdesk_worker`) writes
one row, refreshed every HELPDESK_HEARTBEAT_SECONDS. A worker whose row is older than
HELPDESK_WORKER_STALE_SECONDS counts as dead: `/healthz` reports it and the other workers retry
the tasks it left running (`forms.worker`)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "help-desk worker heartbeat"

    def __str__(self) -> str:
        return self.worker_id


def beat(worker_id: str) -> None:
    """Record that `worker_id` is alive now; forget workers silent for a day."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": now})
    WorkerHeartbeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()


def stop(worker_id: str) -> None:
    """A worker that exits cleanly removes its row (it is not dead, it is gone)."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def stale_before():
    return timezone.now() - timedelta(seconds=settings.HELPDESK_WORKER_STALE_SECONDS)


def live_worker_ids() -> set[str]:
    """The workers whose heartbeat is fresh."""
    fresh = WorkerHeartbeat.objects.filter(beat_at__gte=stale_before())
    return set(fresh.values_list("worker_id", flat=True))


def latest_age_seconds() -> float | None:
    """Seconds since the freshest heartbeat of any worker; None when no worker ever beat."""
    latest = WorkerHeartbeat.objects.aggregate(latest=models.Max("beat_at"))["latest"]
    if latest is None:
        return None
    return max((timezone.now() - latest).total_seconds(), 0.0)
