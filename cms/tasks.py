"""Scheduled housekeeping run through Django tasks: `purge_logs` deletes the search and
tracking log rows older than their retention (search.retention, tracking.retention).
`manage.py purge_logs` runs it (or enqueues it with --enqueue) from cron or a systemd timer."""

from django_tasks import task

from search import retention as search_retention
from tracking import retention as tracking_retention


def purge_all() -> dict[str, int]:
    return {**search_retention.purge(), **tracking_retention.purge()}


@task()
def purge_logs() -> dict[str, int]:
    return purge_all()
