"""Submissions in the admin: delivery status, filters, retry, attachments (downloaded by staff
who may view submissions; `forms.attachments`) and CSV export (wagtail-modeladmin)."""

from django.contrib import messages
from django.contrib.admin import display
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import InspectView

from . import attachments, outbox
from .submissions import OutboxEntry, Submission, SubmissionFile
from .tasks import enqueue_delivery


class SubmissionButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if getattr(obj, "outbox", None) and obj.outbox.status != OutboxEntry.Status.DELIVERED:
            buttons.append(
                {
                    "url": reverse("forms_retry_submission", args=[quote(obj.pk)]),
                    "label": _("Retry delivery"),
                    "classname": "button button-small button-secondary",
                    "title": _("Send this ticket to the help desk again"),
                }
            )
        return buttons


class SubmissionInspectView(InspectView):
    def get_fields_dict(self):
        fields = super().get_fields_dict()
        answers = format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((a["label"], a["display"]) for a in self.instance.answers),
            ),
        )
        fields.append({"label": _("Answers"), "value": answers})
        files = self.instance.files.order_by("pk")
        if files:
            links = format_html_join(
                "",
                '<li><a href="{}" download>{}</a> ({})</li>',
                (
                    (
                        reverse("forms_submission_attachment", args=[stored.pk]),
                        stored.original_name,
                        filesizeformat(stored.size),
                    )
                    for stored in files
                ),
            )
            fields.append({"label": _("Attachments"), "value": format_html("<ul>{}</ul>", links)})
        entry = getattr(self.instance, "outbox", None)
        if entry:
            fields.append({"label": _("Delivery"), "value": entry.get_status_display()})
            fields.append({"label": _("Attempts"), "value": entry.attempts})
            fields.append({"label": _("Last error"), "value": entry.last_error or "—"})
        return fields


class SubmissionAdmin(ModelAdmin):
    model = Submission
    menu_label = gettext_lazy("Form submissions")
    menu_icon = "form"
    menu_order = 300
    add_to_settings_menu = False
    inspect_view_enabled = True
    inspect_view_class = SubmissionInspectView
    inspect_view_fields = [
        "reference",
        "form_title",
        "created_at",
        "locale",
        "country",
        "region",
        "branch",
        "queue",
        "priority",
    ]
    button_helper_class = SubmissionButtonHelper
    list_display = (
        "reference",
        "form_title",
        "created_at",
        "locale",
        "queue",
        "priority",
        "delivery",
        "attempts",
    )
    list_filter = ("outbox__status", "priority", "queue", "locale", "form_title")
    search_fields = ("reference", "form_title", "branch")
    list_export = (
        "reference",
        "form_title",
        "created_at",
        "locale",
        "country",
        "region",
        "branch",
        "queue",
        "priority",
        "delivery",
        "attempts",
        "answers_text",
    )
    export_filename = "form-submissions"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outbox")

    @display(description=gettext_lazy("Delivery"))
    def delivery(self, obj):
        entry = getattr(obj, "outbox", None)
        return entry.get_status_display() if entry else "—"

    @display(description=gettext_lazy("Attempts"))
    def attempts(self, obj):
        entry = getattr(obj, "outbox", None)
        return entry.attempts if entry else 0

    @display(description=gettext_lazy("Answers"))
    def answers_text(self, obj):
        return "; ".join(f"{a['label']}: {a['display']}" for a in obj.answers)


modeladmin_register(SubmissionAdmin)


def retry_submission(request, pk):
    """GET: ask to confirm; POST: queue the ticket again, due now."""
    if not request.user.has_perm("forms.change_submission"):
        return permission_denied(request)
    submission = get_object_or_404(Submission, pk=pk)
    if request.method != "POST":
        return TemplateResponse(
            request, "forms/admin/confirm_retry.html", {"submission": submission}
        )
    outbox.retry(OutboxEntry.objects.filter(submission=submission))
    enqueue_delivery(submission.outbox.pk)
    messages.success(
        request, _("Ticket %(reference)s will be sent again.") % {"reference": submission.reference}
    )
    return redirect(reverse("forms_submission_modeladmin_index"))


def may_see_submissions(user) -> bool:
    return user.has_perm("forms.view_submission") or user.has_perm("forms.change_submission")


def download_attachment(request, pk):
    """A visitor's upload, for staff who may see the submissions."""
    if not may_see_submissions(request.user):
        return permission_denied(request)
    return attachments.file_response(get_object_or_404(SubmissionFile, pk=pk))


@hooks.register("register_admin_urls")
def register_retry_url():
    return [
        path("forms/retry/<int:pk>/", retry_submission, name="forms_retry_submission"),
        path(
            "forms/attachment/<int:pk>/",
            download_attachment,
            name="forms_submission_attachment",
        ),
    ]
