"""The forms app's models: the contact form page editors build, and (defined in
`forms.submissions`, imported here because Django discovers an app's models through its `models`
module) the submissions visitors send, their help-desk outbox entries and the help-desk worker's
heartbeat (`forms.heartbeats`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from .blocks import QUEUES, FormFieldsBlock, RoutingBlock
from .definition import engine_form, read_steps
from .heartbeats import WorkerHeartbeat  # noqa: F401
from .logic_map import LogicMapPanel
from .submissions import OutboxEntry, Submission, SubmissionFile  # noqa: F401
from .try_form import TryFormPanel
from .validation import located_errors, logic_problems
from .views import serve_contact_form


class ContactFormPage(Page):
    """A branching contact form; submissions go to the help desk through the outbox."""

    intro = models.TextField(blank=True, verbose_name=_("introduction"))
    form_fields = StreamField(FormFieldsBlock(), use_json_field=True, verbose_name=_("form"))
    routing = StreamField(
        RoutingBlock(),
        use_json_field=True,
        blank=True,
        verbose_name=_("routing"),
        help_text=_("Which help-desk queue and priority a ticket gets, by its answers."),
    )
    default_queue = models.CharField(
        max_length=32, choices=QUEUES, default="general", verbose_name=_("default queue")
    )
    confirmation_text = models.TextField(
        blank=True,
        verbose_name=_("confirmation text"),
        help_text=_("Shown with the reference number after the visitor sends the form."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("form_fields"),
        FieldPanel("confirmation_text"),
        LogicMapPanel(),
        TryFormPanel(),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("default_queue"), FieldPanel("routing")]
    override_translatable_fields = [SynchronizedField("default_queue")]
    parent_page_types = ["pages.HelpCenterHomePage", "pages.TopicPage"]
    subpage_types: list[str] = []
    template = "forms/contact_form_page.html"

    class Meta:
        verbose_name = _("contact form")

    def steps(self):
        return read_steps(self.form_fields)

    def engine_json(self) -> dict:
        return engine_form(self.steps(), self.routing, self.default_queue)

    def clean(self):
        super().clean()
        problems = logic_problems(self.steps(), self.routing)
        if problems:
            raise ValidationError(located_errors(problems))

    def source_page(self) -> ContactFormPage:
        """This form in the source language, whose labels agents read."""
        source = (
            ContactFormPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .exclude(alias_of__isnull=False)
            .first()
        )
        return source or self

    def serve(self, request, *args, **kwargs):
        return serve_contact_form(self, request)
