"""Indexing after a publish, off the editor's request (decision 0019).

`index_page` and `remove_page` run on the `after-publish` queue of the `default` task backend
(the database queue and its worker in production, at once in development and tests). They raise
when Elasticsearch did not take the change, so the task is tried again later
(`cms.task_retries`) and the index catches up once Elasticsearch is back. Each reads the page
when it runs: a retry indexes the page as it is then, not as it was, so tries that overlap
(an unpublish retried after a new publish) end with the index matching the page.
"""

from django_tasks import task
from wagtail.models import Page

from . import indexing

QUEUE = "after-publish"


@task(queue_name=QUEUE)
def index_page(page_id: int, attempt: int = 1) -> str:
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return "gone"
    indexing.index_page(page, raise_errors=True)
    return "indexed"


@task(queue_name=QUEUE)
def remove_page(language: str, page_id: int, attempt: int = 1) -> str:
    """Take the page out of the index, unless it still exists by the time this runs (a late
    retry after the page was published again): then index it as it is."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is not None:
        indexing.index_page(page, raise_errors=True)
        return "reindexed"
    indexing.remove_document(language, page_id, raise_errors=True)
    return "removed"


def enqueue_index(page: Page) -> None:
    index_page.enqueue(page.pk)


def enqueue_removal(page: Page) -> None:
    remove_page.enqueue(page.locale.language_code, page.pk)
