"""How help-desk delivery is doing, in figures: `delivery_health()` is the public function
`/healthz` (through `forms.health`) and operators' tools read.

    {"status": "ok|degraded|disabled", "worker_expected": bool,
     "heartbeat_age_seconds": float | None, "pending": int, "failed": int,
     "oldest_pending_age_seconds": float | None}

"disabled" without HELPDESK_URL. "degraded" when a ticket failed, when the oldest pending ticket
waits longer than HELPDESK_BACKLOG_SECONDS, or when a worker is expected (the helpdesk task
backend is not the immediate one) and no heartbeat is younger than HELPDESK_WORKER_STALE_SECONDS.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from . import heartbeats
from .outbox import helpdesk_enabled
from .submissions import OutboxEntry


def worker_expected() -> bool:
    """Whether tickets wait for a separate worker process (any backend but the immediate one)."""
    return not isinstance(task_backends["helpdesk"], ImmediateBackend)


def delivery_health() -> dict:
    pending = OutboxEntry.objects.filter(status=OutboxEntry.Status.PENDING)
    oldest = pending.aggregate(oldest=Min("submission__created_at"))["oldest"]
    now = timezone.now()
    figures = {
        "worker_expected": worker_expected(),
        "heartbeat_age_seconds": heartbeats.latest_age_seconds(),
        "pending": pending.count(),
        "failed": OutboxEntry.objects.filter(status=OutboxEntry.Status.FAILED).count(),
        "oldest_pending_age_seconds": (
            round(max((now - oldest).total_seconds(), 0.0), 1) if oldest else None
        ),
    }
    if figures["heartbeat_age_seconds"] is not None:
        figures["heartbeat_age_seconds"] = round(figures["heartbeat_age_seconds"], 1)
    figures["status"] = _status(figures)
    return figures


def _status(figures: dict) -> str:
    if not helpdesk_enabled():
        return "disabled"
    if figures["failed"]:
        return "degraded"
    oldest = figures["oldest_pending_age_seconds"]
    if oldest is not None and oldest > settings.HELPDESK_BACKLOG_SECONDS:
        return "degraded"
    if figures["worker_expected"]:
        age = figures["heartbeat_age_seconds"]
        if age is None or age > settings.HELPDESK_WORKER_STALE_SECONDS:
            return "degraded"
    return "ok"
