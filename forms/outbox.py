"""The help-desk outbox: tickets saved with their submission, delivered at least once, deduplicated
by the help desk through the idempotency key (docs/decisions/0004-helpdesk-outbox.md).

Ticket JSON (schema "helpcenter.ticket/1"), POSTed to HELPDESK_URL with the header
`Idempotency-Key: <idempotency_key>`:

    {"schema": "helpcenter.ticket/1", "idempotency_key": "<uuid>", "reference": "HC-ABCD-EFGH",
     "submitted_at": "<ISO 8601>", "form": {"id": 12, "slug": "account-hacked", "title": "…"},
     "locale": "ar", "country": "EG", "region": "mena", "branch": "account_hacked",
     "queue": "security", "priority": "critical",
     "answers": [{"name": "hacked", "label": "Was your account hacked?", "value": "yes",
                  "display": "Yes"}],
     "attachments": [{"field": "screenshot", "name": "a.png", "size": 123,
                      "content_type": "image/png",
                      "url": "https://…/forms/attachment/<signed token>",
                      "expires_at": "<ISO 8601>"}]}

Labels and displayed choices are in the form's source language, for agents. Attachment links are
signed each time the ticket is sent and expire at `expires_at` (`forms.attachments`).
A 2xx or 409 answer means delivered; 408, 429, 5xx, timeouts and refused connections are retried
with exponential backoff; any other 4xx marks the ticket failed at once (an editor can retry it
from the admin).
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from . import attachments
from .submissions import OutboxEntry

logger = logging.getLogger(__name__)
RETRYABLE_STATUS = {408, 425, 429}


def lease() -> timedelta:
    """How long a claimed entry is reserved for its worker (HELPDESK_LEASE_SECONDS): longer than
    any delivery can take (HELPDESK_TIMEOUT), so nobody else posts it meanwhile; after it, an
    entry whose worker died is due again."""
    return timedelta(seconds=settings.HELPDESK_LEASE_SECONDS)


@dataclass
class DrainReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def attempts(self) -> int:
        return self.delivered + self.retried + self.failed


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: base × 2^(attempts−1), capped, with ±20 % jitter."""
    base = float(settings.HELPDESK_BACKOFF_SECONDS)
    delay = min(base * 2 ** max(attempts - 1, 0), float(settings.HELPDESK_BACKOFF_MAX_SECONDS))
    return timedelta(seconds=delay * random.uniform(0.8, 1.2))


def claim(
    limit: int, only: int | None = None, due_by=None, worker_id: str = ""
) -> list[OutboxEntry]:
    """Lease up to `limit` entries due by `due_by` (default now) to `worker_id`; other workers
    skip them until the lease ends (or `release_leases_of` the dead worker)."""
    now = timezone.now()
    with transaction.atomic():
        due = (
            OutboxEntry.objects.filter(
                status=OutboxEntry.Status.PENDING, next_attempt_at__lte=due_by or now
            )
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
            .order_by("next_attempt_at", "id")
        )
        if only is not None:
            due = due.filter(pk=only)
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        entries = list(due[:limit])
        OutboxEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            locked_until=now + lease(), leased_by=worker_id[:64]
        )
    return entries


def release_leases_of(worker_ids) -> int:
    """Make the entries leased to dead workers due again at once (their lease would otherwise
    keep them waiting until it ends)."""
    return (
        OutboxEntry.objects.filter(
            status=OutboxEntry.Status.PENDING,
            leased_by__in=list(worker_ids),
            locked_until__isnull=False,
        )
        .exclude(leased_by="")
        .update(locked_until=None, leased_by="")
    )


def post_ticket(entry: OutboxEntry) -> tuple[str, str]:
    """POST one ticket; ("delivered"|"retry"|"failed", explanation)."""
    file_ids = list(entry.submission.files.order_by("pk").values_list("pk", flat=True))
    ticket = attachments.refresh_links(entry.payload, file_ids)
    body = json.dumps(ticket, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        settings.HELPDESK_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": str(entry.idempotency_key),
            "User-Agent": "helpcenter-outbox/1",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=float(settings.HELPDESK_TIMEOUT)) as answer:
            answer.read(1024)
            return "delivered", f"HTTP {answer.status}"
    except urllib.error.HTTPError as error:
        if error.code == 409:
            return "delivered", "HTTP 409 (already received)"
        if error.code in RETRYABLE_STATUS or error.code >= 500:
            return "retry", f"HTTP {error.code}"
        return "failed", f"HTTP {error.code}: the help desk refused the ticket"
    except (OSError, http.client.HTTPException) as error:  # refused, reset, timeout, garbled
        return "retry", f"{type(error).__name__}: {error}"


def attempt(entry: OutboxEntry) -> str:
    """Deliver one claimed entry and record the outcome."""
    outcome, detail = post_ticket(entry)
    entry.attempts += 1
    entry.locked_until = None
    entry.leased_by = ""
    entry.last_error = "" if outcome == "delivered" else detail[:2000]
    if outcome == "delivered":
        entry.status = OutboxEntry.Status.DELIVERED
        entry.delivered_at = timezone.now()
    elif outcome == "failed" or entry.attempts >= settings.HELPDESK_MAX_ATTEMPTS:
        entry.status = OutboxEntry.Status.FAILED
        logger.error("help desk: ticket %s failed: %s", entry.submission_id, detail)
    else:
        entry.next_attempt_at = timezone.now() + backoff(entry.attempts)
        logger.warning("help desk: ticket %s will be retried: %s", entry.submission_id, detail)
    entry.save(
        update_fields=[
            "attempts",
            "locked_until",
            "leased_by",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return "retried" if entry.status == OutboxEntry.Status.PENDING else str(entry.status)


def helpdesk_enabled() -> bool:
    """Whether a help desk is configured (HELPDESK_URL); without one, tickets wait in the admin."""
    return bool(settings.HELPDESK_URL)


def deliver_one(entry_id: int, worker_id: str = "") -> str:
    """Try one entry now if it is due and nobody else holds it; "skipped" otherwise."""
    if not helpdesk_enabled():
        return "skipped"
    entries = claim(1, only=entry_id, worker_id=worker_id)
    return attempt(entries[0]) if entries else "skipped"


def drain(
    batch: int = 50,
    max_batches: int | None = None,
    worker_id: str = "",
    after_each: Callable[[], None] | None = None,
    stopping: Callable[[], bool] | None = None,
) -> DrainReport:
    """Deliver every entry due when the drain starts (a retry scheduled meanwhile waits for the
    next drain, however short its backoff); returns what happened. `after_each` runs after every
    attempt (the worker's heartbeat); once `stopping()` is true, no further batch is claimed
    (the entries claimed are delivered)."""
    report = DrainReport()
    if not helpdesk_enabled():
        return report
    started = timezone.now()
    batches = 0
    while max_batches is None or batches < max_batches:
        if stopping is not None and stopping():
            break
        entries = claim(batch, due_by=started, worker_id=worker_id)
        if not entries:
            break
        batches += 1
        for entry in entries:
            outcome = attempt(entry)
            setattr(report, outcome, getattr(report, outcome) + 1)
            if after_each is not None:
                after_each()
    return report


def retry(entries) -> int:
    """Put failed (or stuck) entries back in the queue, due now (the admin's retry action)."""
    return entries.exclude(status=OutboxEntry.Status.DELIVERED).update(
        status=OutboxEntry.Status.PENDING,
        next_attempt_at=timezone.now(),
        locked_until=None,
        leased_by="",
        attempts=0,
    )
