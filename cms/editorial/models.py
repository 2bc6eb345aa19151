"""Editorial roles and review: which locale a group works in, and the per-locale review task.

The tables keep the names they had when these models belonged to the `cms` app.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Locale, Page, TaskState

from cms.editorial import machine_drafts


class LocaleRole(models.TextChoices):
    TRANSLATOR = "translator", _("Translator")
    REVIEWER = "reviewer", _("Reviewer")


class LocaleScope(models.Model):
    """Ties a group to the one locale it works in.

    The group's page permissions are granted on that locale's tree only (each locale's home is a
    separate tree under the root), so Wagtail itself refuses the group everything elsewhere.
    """

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="locale_scope", verbose_name=_("group")
    )
    language_code = models.CharField(
        _("language"), max_length=20, choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    role = models.CharField(_("role"), max_length=16, choices=LocaleRole.choices)

    class Meta:
        db_table = "cms_localescope"
        verbose_name = _("locale scope")
        verbose_name_plural = _("locale scopes")

    def __str__(self) -> str:
        return f"{self.group.name} ({self.language_code})"


class LocaleReviewTask(AbstractGroupApprovalTask):
    """A group approval that a reviewer may act on only in the locales they may publish in.

    Members of the chosen groups approve or request changes, but only for pages of a locale
    where they hold the publish permission (their group's tree). Everyone else, even in the
    group, gets no actions, and Wagtail's workflow views answer them with a permission denial.
    Approval is withheld while the page (a translation) has machine drafts left that block its
    language (`machine_drafts.blocks_review`).
    """

    def _can_review(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        if isinstance(obj, Page):
            return obj.permissions_for_user(user).can_publish()
        return False

    def user_can_access_editor(self, obj, user) -> bool:
        return self._can_review(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        return not self._can_review(obj, user)

    def user_can_lock(self, obj, user) -> bool:
        return self._can_review(obj, user)

    def get_actions(self, obj, user):
        """The reviewer's actions; no approval while machine drafts are left (Wagtail's action
        view refuses an action not offered here)."""
        if not self._can_review(obj, user):
            return []
        actions = super().get_actions(obj, user)
        if isinstance(obj, Page) and machine_drafts.blocking_drafts(obj):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        reviewable = [
            state.pk
            for state in states.select_related("revision")
            if self._can_review(state.revision.content_object, user)
        ]
        return TaskState.objects.filter(pk__in=reviewable)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve pages of the locales they may publish in")

    class Meta:
        db_table = "cms_localereviewtask"
        verbose_name = _("Locale review task")
        verbose_name_plural = _("Locale review tasks")


class TranslationProgress(Locale):
    """A locale seen as translation progress (the admin's "Translation progress" listing)."""

    class Meta:
        proxy = True
        verbose_name = _("translation progress")
        verbose_name_plural = _("translation progress")
