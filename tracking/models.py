"""What the project keeps itself: an anonymous event log for the KPI dashboard, and article
feedback. The log holds only consenting visitors' events, keyed by a random session id (and
the random anonymous id, so "forget me" can delete them, and the cross-property KPIs can follow
one visitor from one property to another), with the property each happened on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventRecord(models.Model):
    """One visitor event, as sent to Segment (validated, anonymous), for the KPIs."""

    event = models.CharField(_("event"), max_length=64, db_index=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    session = models.CharField(_("session"), max_length=32, db_index=True)
    # The visitor's random anonymous id: what "forget me" deletes by (tracking.privacy).
    visitor = models.CharField(_("visitor"), max_length=32, blank=True, db_index=True)
    locale = models.CharField(_("locale"), max_length=12, db_index=True)
    # The web property (site) the event happened on, its key: the context's `property`.
    web_property = models.CharField(_("web property"), max_length=40, blank=True, db_index=True)
    properties = models.JSONField(_("properties"), default=dict)

    class Meta:
        verbose_name = _("tracked event")
        verbose_name_plural = _("tracked events")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["occurred_at", "event"])]

    def __str__(self) -> str:
        return f"{self.event} ({self.locale})"


class FeedbackReason(models.TextChoices):
    SOLVED = "solved", _("It solved my problem")
    CLEAR = "clear", _("It was easy to understand")
    UNCLEAR = "unclear", _("It was hard to understand")
    OUTDATED = "outdated", _("It is out of date")
    INCOMPLETE = "incomplete", _("Something is missing")
    NOT_RELEVANT = "not_relevant", _("It is not what I was looking for")
    OTHER = "other", _("Another reason")


class ArticleFeedback(models.Model):
    """A "Was this helpful?" answer. Only a yes/no and a reason from a fixed list: no free text."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    locale = models.CharField(_("locale"), max_length=12, db_index=True)
    helpful = models.BooleanField(_("helpful"))
    reason = models.CharField(
        _("reason"), max_length=16, choices=FeedbackReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.page_id}: {'yes' if self.helpful else 'no'}"
