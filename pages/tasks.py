"""Sending cache purges off the editor's request (decision 0019).

`purge_urls` runs on the `after-publish` queue of the `default` task backend (the database queue
and its worker in production, at once in development and tests) and sends the purges through
`wagtail.contrib.frontend_cache` (every configured backend: Varnish, a CDN). Its backends log a
refused purge instead of raising; the task collects those errors and raises, so it is tried
again later (`cms.task_retries`) and a proxy that was down is purged once it is back. Purging
twice is harmless.
"""

import logging

from django_tasks import task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

QUEUE = "after-publish"
FRONTEND_CACHE_LOGGER = "wagtail.frontendcache"


class PurgeFailed(Exception):
    """A frontend_cache backend could not purge some of the URLs."""


class _ErrorsSeen(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@task(queue_name=QUEUE)
def purge_urls(urls: list[str], attempt: int = 1) -> int:
    """Purge `urls` from every frontend_cache backend; raise `PurgeFailed` if one refused."""
    frontend_cache_logger = logging.getLogger(FRONTEND_CACHE_LOGGER)
    seen = _ErrorsSeen()
    frontend_cache_logger.addHandler(seen)
    try:
        purge_urls_from_cache_task.call(list(urls))
    finally:
        frontend_cache_logger.removeHandler(seen)
    if seen.messages:
        raise PurgeFailed(f"{len(seen.messages)} of {len(urls)} purges failed: {seen.messages[0]}")
    return len(urls)
