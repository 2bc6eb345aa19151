"""The footer of wagtail-localize's translation editor for pages: one obvious action per role.

wagtail-localize's editor (a React app) makes the last action it offers the primary one, which
for a translator is "Convert to alias page" — it throws the translation away. The project's
footer (template `wagtail_localize/admin/edit_translation.html`, drawn instead of the editor's
own) makes "Submit for review" the primary action of those who may not publish, "Publish in …"
that of publishers, and keeps the rest in the menu; converting to an alias is offered only to
those who may publish in the page's locale (`localize_access` refuses it to everyone else).
It also says how many machine drafts are left (`machine_drafts`). While the translation is in
review, its reviewers get "Review side by side" (`translation_side_by_side`) as the primary
action, the rest in the menu.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.editorial import machine_drafts, translation_review, translation_side_by_side


@dataclass(frozen=True)
class EditorAction:
    """One footer action: a link (GET), a POST through Wagtail's `w-action` controller, or the
    editor form's own submit button (`form_action`, e.g. "publish")."""

    name: str
    label: str
    icon: str
    url: str = ""
    method: str = "get"
    form_action: str = ""


@dataclass(frozen=True)
class EditorFooter:
    primary: EditorAction | None
    menu: list[EditorAction] = field(default_factory=list)
    drafts_left: int = 0
    drafts_block: bool = False
    in_review: bool = False

    @property
    def drafts_left_text(self) -> str:
        return machine_drafts.drafts_left_text(self.drafts_left)


def alias_possible(page: Page, translation: Translation) -> bool:
    """Whether the source page still exists, so the translation could become its alias."""
    return (
        Page.objects.filter(
            translation_key=page.translation_key, locale_id=translation.source.locale_id
        )
        .exclude(pk=page.pk)
        .exists()
    )


def footer_for(page: Page, translation: Translation, user) -> EditorFooter:
    permissions = page.permissions_for_user(user)
    may_publish = permissions.can_publish()
    drafts_left = machine_drafts.machine_drafts_left(translation)
    drafts_block = drafts_left > 0 and machine_drafts.blocks_review(page.locale.language_code)
    language = page.locale.get_display_name()

    submit = None
    if translation_review.can_submit_translation(page, user):
        submit = EditorAction(
            "submit",
            _("Submit for review"),
            "resubmit",
            url=reverse("editorial_submit_translation_for_review", args=[page.id]),
        )
    publish = None
    if may_publish:
        publish = EditorAction(
            "publish",
            _("Publish in %(language)s") % {"language": language},
            "upload",
            form_action="publish",
        )

    review = None
    if page.workflow_in_progress and translation_side_by_side.may_review_side_by_side(page, user):
        review = EditorAction(
            "review",
            _("Review side by side"),
            "doc-full",
            url=reverse("editorial_review_translation", args=[page.id]),
        )

    menu = []
    if review is not None and publish is not None:
        menu.append(publish)
    if may_publish and submit is not None:
        menu.append(submit)
    if page.locked and permissions.can_unlock():
        url = reverse("wagtailadmin_pages:unlock", args=[page.id])
        menu.append(EditorAction("unlock", _("Unlock"), "lock-open", url=url, method="post"))
    elif not page.locked and permissions.can_lock():
        url = reverse("wagtailadmin_pages:lock", args=[page.id])
        menu.append(EditorAction("lock", _("Lock"), "lock", url=url, method="post"))
    url = reverse("wagtail_localize:stop_translation", args=[translation.id])
    menu.append(EditorAction("stop", _("Stop synced translation"), "cross", url=url, method="post"))
    if may_publish and alias_possible(page, translation):
        url = reverse("wagtail_localize:convert_to_alias", args=[page.id])
        menu.append(
            EditorAction(
                "convert_to_alias", _("Convert to alias page"), "wagtail-localize-convert", url=url
            )
        )
    if page.live and permissions.can_unpublish():
        url = reverse("wagtailadmin_pages:unpublish", args=[page.id])
        menu.append(EditorAction("unpublish", _("Unpublish"), "download", url=url))
    if permissions.can_delete():
        url = reverse("wagtailadmin_pages:delete", args=[page.id])
        menu.append(EditorAction("delete", _("Delete"), "bin", url=url))

    return EditorFooter(
        primary=review or publish or submit,
        menu=menu,
        drafts_left=drafts_left,
        drafts_block=drafts_block,
        in_review=page.workflow_in_progress,
    )
