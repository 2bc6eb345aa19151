"""Signal receivers: other apps' signals (search, forms), Wagtail's publish and workflow signals,
wagtail-localize's translations and staff log-ins, turned into events of the plan. Never raise.

A publish is Wagtail's `page_published`, sent once per publish whichever way it happens (the
editor's form, a workflow approval, wagtail-localize, `publish_scheduled`); its event is sent by
a background task (`tasks.page_published`), so the editor never waits for it."""

import logging

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, workflow_approved, workflow_rejected
from wagtail_localize.models import Translation

from forms.signals import form_submitted
from pages import properties as web_properties
from search.signals import answer_rated, result_clicked, search_performed, suggestion_selected

from . import editor_requests, emit, privacy, tasks

logger = logging.getLogger(__name__)


def _locale(value, request) -> str:
    return str(value or emit.current_locale(request)).lower()


def _slug(value, default: str = "") -> str:
    text = str(value or default).strip().lower().replace(" ", "-")
    return "".join(ch for ch in text if ch.isalnum() or ch in "-_")[:80]


@receiver(search_performed, dispatch_uid="tracking.search_performed")
def on_search_performed(
    sender, request=None, query="", locale="", result_count=0, backend="database", **kwargs
):
    query = privacy.normalise_query(query)
    if not query:
        return
    locale = _locale(locale, request)
    emit.track(
        "Search Performed",
        {"query": query, "locale": locale, "result_count": int(result_count), "backend": backend},
        request=request,
    )
    if int(result_count) == 0:
        emit.track(
            "Zero Results Returned",
            {"query": query, "locale": locale, "backend": backend},
            request=request,
        )


@receiver(suggestion_selected, dispatch_uid="tracking.suggestion_selected")
def on_suggestion_selected(
    sender, request=None, query="", locale="", url="", kind="article", position=1, **kwargs
):
    emit.track(
        "Search Suggestion Selected",
        {
            "query": privacy.normalise_query(query),
            "locale": _locale(locale, request),
            "url": privacy.path_only(url),
            "kind": kind,
            "position": int(position),
        },
        request=request,
    )


@receiver(result_clicked, dispatch_uid="tracking.result_clicked")
def on_result_clicked(sender, request=None, query="", locale="", url="", position=1, **kwargs):
    emit.track(
        "Search Result Clicked",
        {
            "query": privacy.normalise_query(query),
            "locale": _locale(locale, request),
            "url": privacy.path_only(url),
            "position": int(position),
        },
        request=request,
    )


@receiver(answer_rated, dispatch_uid="tracking.answer_rated")
def on_answer_rated(sender, request=None, locale="", page_id=0, helpful=False, **kwargs):
    emit.track(
        "Search Answer Rated",
        {"page_id": int(page_id), "locale": _locale(locale, request), "helpful": bool(helpful)},
        request=request,
    )


@receiver(form_submitted, dispatch_uid="tracking.form_submitted")
def on_form_submitted(
    sender,
    request=None,
    form_page=None,
    locale="",
    branch="",
    priority="normal",
    reference="",
    **kwargs,
):
    # The ticket reference and the answers stay on the server: only the form's shape is sent.
    emit.track(
        "Contact Form Submitted",
        {
            "form": _slug(getattr(form_page, "slug", ""), "contact"),
            "locale": _locale(locale, request),
            "branch": _slug(branch),
            "priority": priority,
        },
        request=request,
    )


@receiver(page_published, dispatch_uid="tracking.page_published")
def on_page_published(sender, instance=None, revision=None, alias=False, **kwargs):
    """Queue "Page Published": by the signed-in editor of the request publishing it (none when
    their browser opts out), else by the revision's author (a scheduled publish). Wagtail also
    sends the signal for every alias the publish updated (`alias=True`): not another publish."""
    if alias:
        return
    try:
        request = editor_requests.current()
        if request is not None and privacy.opted_out_by_browser(request):
            return
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        if user_id is None and revision is not None:
            user_id = revision.user_id
        first = bool(
            instance.first_published_at
            and instance.last_published_at
            and abs((instance.last_published_at - instance.first_published_at).total_seconds()) < 2
        )
        tasks.page_published.enqueue(instance.pk, first, user_id)
    except Exception:
        logger.exception("tracking: could not queue Page Published")


def _workflow_event(event: str, instance, user) -> None:
    page = getattr(instance, "content_object", None) or getattr(instance, "page", None)
    if page is None or not getattr(page, "pk", None):
        return
    locale = getattr(getattr(page, "locale", None), "language_code", "") or "en"
    web_property = web_properties.for_page(page) if isinstance(page, Page) else None
    emit.track(
        event,
        {
            "page_id": page.pk,
            "locale": locale.lower(),
            "workflow": str(getattr(instance.workflow, "name", ""))[:255],
        },
        user=user,
        web_property=web_property.key if web_property is not None else "",
    )


@receiver(workflow_approved, dispatch_uid="tracking.workflow_approved")
def on_workflow_approved(sender, instance=None, user=None, **kwargs):
    _workflow_event("Workflow Approved", instance, user)


@receiver(workflow_rejected, dispatch_uid="tracking.workflow_rejected")
def on_workflow_rejected(sender, instance=None, user=None, **kwargs):
    _workflow_event("Workflow Rejected", instance, user)


@receiver(post_save, sender=Translation, dispatch_uid="tracking.translation_submitted")
def on_translation_submitted(sender, instance=None, created=False, **kwargs):
    if not created:
        return
    try:
        source = instance.source
        properties = {
            "object_type": source.specific_content_type.model_class()._meta.label_lower,
            "source_locale": source.locale.language_code.lower(),
            "target_locale": instance.target_locale.language_code.lower(),
        }
    except Exception:
        logger.exception("tracking: could not describe a new translation")
        return
    emit.track("Translation Submitted", properties)


@receiver(user_logged_in, dispatch_uid="tracking.staff_logged_in")
def on_user_logged_in(sender, request=None, user=None, **kwargs):
    if request is not None:
        emit.identify_staff(request, user)
