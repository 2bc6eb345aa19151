"""Editorial events of a publish, sent off the editor's request (decision 0019).

`page_published` runs on the `after-publish` queue of the `default` task backend (the database
queue and its worker in production, at once in development and tests): it reads the page and
sends "Page Published" through `emit.track`, which checks it against the tracking plan and keeps
it for the KPIs. Its context's `property` is the key of the page's site (`pages.properties`).
"""

from django.contrib.auth import get_user_model
from django_tasks import task
from wagtail.models import Page

from pages import properties as web_properties

from . import emit
from .page_kinds import page_type_of

QUEUE = "after-publish"


@task(queue_name=QUEUE)
def page_published(
    page_id: int, first_publication: bool, user_id: int | None = None, attempt: int = 1
) -> bool:
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return False
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    web_property = web_properties.for_page(page)
    return emit.track(
        "Page Published",
        {
            "page_id": page.pk,
            "page_type": page_type_of(page.specific),
            "locale": page.locale.language_code.lower(),
            "first_publication": bool(first_publication),
        },
        user=user,
        web_property=web_property.key if web_property is not None else "",
    )
