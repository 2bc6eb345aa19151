"""What visitors send: a submission, its uploaded files and the outbox entry that carries it to
the help desk (written in the same transaction as the submission, see `forms.outbox`)."""

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .attachments import private_storage, upload_name
from .blocks import QUEUES


def new_reference() -> str:
    """A short reference a visitor can read over the phone: HC-XXXX-XXXX (no 0/O, 1/I)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    code = "".join(secrets.choice(alphabet) for _i in range(8))
    return f"HC-{code[:4]}-{code[4:]}"


class Submission(models.Model):
    reference = models.CharField(max_length=20, unique=True, default=new_reference)
    page = models.ForeignKey(
        "forms.ContactFormPage", null=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    form_title = models.CharField(max_length=255, verbose_name=_("form"))
    locale = models.CharField(max_length=10, verbose_name=_("language"))
    country = models.CharField(max_length=2, blank=True, verbose_name=_("country"))
    region = models.CharField(max_length=64, blank=True, verbose_name=_("region"))
    branch = models.CharField(max_length=64, verbose_name=_("branch"))
    queue = models.CharField(max_length=32, choices=QUEUES, verbose_name=_("queue"))
    priority = models.CharField(
        max_length=16,
        choices=[("normal", _("Normal")), ("critical", _("Critical"))],
        verbose_name=_("priority"),
    )
    answers = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("sent"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.reference


class SubmissionFile(models.Model):
    """A visitor's upload, in the private storage under a random name (`forms.attachments`)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    field_name = models.CharField(max_length=50)
    file = models.FileField(storage=private_storage, upload_to=upload_name, max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.original_name


class OutboxEntry(models.Model):
    """A ticket waiting for the help desk, written in the same transaction as its submission."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="outbox")
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payload = models.JSONField()
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        verbose_name=_("delivery"),
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    leased_by = models.CharField(max_length=64, blank=True, default="")
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered"))

    class Meta:
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox entries")

    def __str__(self) -> str:
        return f"{self.submission_id} ({self.status})"
