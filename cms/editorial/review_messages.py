"""A clear message after a reviewer approves or requests changes, wherever they did it.

Wagtail's own workflow action (the dashboard's "Awaiting your review" buttons, the page editor's
footer) finishes the task and sends the reviewer on without a word. `ReviewMessageMiddleware`
looks at each POST to that action (`wagtailadmin_pages:workflow_action`): when the task state it
named was finished by that user during the request, it adds the same message the side-by-side
view gives (`done_message`). A refused or invalid action leaves no message.
"""

from django.contrib import messages
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Page, TaskState

from cms.editorial.machine_drafts import page_translation

WORKFLOW_ACTION = "wagtailadmin_pages:workflow_action"


def done_message(page: Page, action: str) -> str:
    """What happened after `action` ("approve" or "reject") on `page`, reloaded afterwards."""
    values = {"title": page.get_admin_display_title(), "language": page.locale.get_display_name()}
    if action == "reject" and page_translation(page) is None:
        return (
            _(
                "Changes requested for '%(title)s' in %(language)s: it goes back to whoever "
                "submitted it, with your comment."
            )
            % values
        )
    if action == "reject":
        return (
            _(
                "Changes requested for '%(title)s' in %(language)s: the translation goes back "
                "to its translator with your comment."
            )
            % values
        )
    if page.workflow_in_progress:
        return _("'%(title)s' approved: it moves on to the next review step.") % values
    return _("'%(title)s' approved and published in %(language)s.") % values


FINISHED = {"approve": TaskState.STATUS_APPROVED, "reject": TaskState.STATUS_REJECTED}


class ReviewMessageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        action, state_id = self._workflow_action(request)
        if action is None:
            return self.get_response(request)
        was_open = TaskState.objects.filter(
            id=state_id, status=TaskState.STATUS_IN_PROGRESS
        ).exists()
        response = self.get_response(request)
        if not was_open or not request.user.is_authenticated:
            return response
        state = (
            TaskState.objects.filter(id=state_id, status=FINISHED[action], finished_by=request.user)
            .select_related("revision")
            .first()
        )
        if state is None or not isinstance(state.revision.content_object, Page):
            return response
        page = Page.objects.get(id=state.revision.content_object.id).specific
        profile = getattr(request.user, "wagtail_userprofile", None)
        with override(profile.get_preferred_language() if profile else None):  # the admin's
            messages.success(request, done_message(page, action))
        return response

    @staticmethod
    def _workflow_action(request) -> tuple[str | None, int | None]:
        """The action and task state a POST to Wagtail's workflow action names (else None)."""
        if request.method != "POST" or "/workflow/action/" not in request.path_info:
            return None, None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None, None
        action = match.kwargs.get("action_name")
        if match.view_name != WORKFLOW_ACTION or action not in FINISHED:
            return None, None
        return action, match.kwargs.get("task_state_id")
