"""Background delivery of help-desk tickets through Django tasks (the "helpdesk" task backend)."""

import logging

from django_tasks import task, task_backends

from . import outbox

logger = logging.getLogger(__name__)


@task(backend="helpdesk", queue_name="helpdesk", takes_context=True)
def deliver_ticket(context, entry_id: int) -> str:
    """Deliver one outbox entry, leased to the worker running the task; while it keeps failing,
    schedule the next try after its backoff when the backend can defer (the database backend in
    production). The worker's sweep (`forms.worker`) picks up anything else that is due."""
    worker_ids = context.task_result.worker_ids
    outcome = outbox.deliver_one(entry_id, worker_id=worker_ids[-1] if worker_ids else "")
    if outcome == "retried" and task_backends["helpdesk"].supports_defer:
        entry = outbox.OutboxEntry.objects.get(pk=entry_id)
        deliver_ticket.using(run_after=entry.next_attempt_at).enqueue(entry_id)
    return outcome


@task(backend="helpdesk", queue_name="helpdesk")
def drain_outbox() -> dict:
    """Deliver everything due (scheduled by `drain_outbox --enqueue`, e.g. from cron)."""
    report = outbox.drain()
    return {"delivered": report.delivered, "retried": report.retried, "failed": report.failed}


def enqueue_delivery(entry_id: int) -> None:
    """Called on commit of a submission: hand the ticket to the worker (when a help desk is set)."""
    if not outbox.helpdesk_enabled():
        return
    try:
        deliver_ticket.enqueue(entry_id)
    except Exception:  # the ticket is safe in the outbox; `drain_outbox` delivers it later
        logger.exception("help desk: could not hand ticket %s to the worker", entry_id)
