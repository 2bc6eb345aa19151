"""Visitors' uploads are private: stored in their own storage (`STORAGES["form_uploads"]`, a
folder outside MEDIA_ROOT and outside anything a web server serves, FORMS_UPLOADS_ROOT) under
unguessable names, and never served anonymously.

The help desk gets a signed, expiring link per file (`signed_url`): `GET /forms/attachment/<token>`
answers the file while the token is valid (FORMS_ATTACHMENT_LINK_SECONDS after signing), 410
once it expired, 404 for anything else. The ticket's links are signed again each time the ticket
is sent (`refresh_links`), so a ticket delivered late still carries fresh links. Staff with the
submissions' view permission download the files from the admin (`forms.wagtail_hooks`).
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SALT = "forms.attachment"
STORAGE = "form_uploads"


def private_storage():
    """The storage of visitors' uploads (a callable, so settings decide where it is)."""
    return storages[STORAGE]


def upload_name(instance, filename: str) -> str:
    """`YYYY/MM/<32 random URL-safe characters>.<extension>`: nothing to guess, nothing personal
    (the visitor's file name is kept in the database only)."""
    suffix = PurePosixPath(filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""
    return f"{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}{suffix}"


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def link_lifetime() -> timedelta:
    return timedelta(seconds=settings.FORMS_ATTACHMENT_LINK_SECONDS)


def signed_url(file_id: int, origin: str) -> str:
    """An absolute link to one stored file, valid for FORMS_ATTACHMENT_LINK_SECONDS."""
    token = signer().sign_object({"file": file_id})
    return origin.rstrip("/") + reverse("forms_attachment", args=[token])


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def refresh_links(payload: dict, file_ids: list[int]) -> dict:
    """The ticket with each attachment's link signed now (same origin) and its expiry; the
    attachments are the submission's files in the order they were stored."""
    attachments = payload.get("attachments") or []
    if not attachments:
        return payload
    expires_at = (timezone.now() + link_lifetime()).isoformat()
    fresh = []
    for attachment, file_id in zip(attachments, file_ids, strict=False):
        origin = origin_of(attachment.get("url", "")) or settings.WAGTAILADMIN_BASE_URL
        fresh.append({**attachment, "url": signed_url(file_id, origin), "expires_at": expires_at})
    return {**payload, "attachments": fresh}


def file_response(stored) -> FileResponse:
    """The file as a download (never rendered inline: it is a visitor's upload)."""
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("This file is no longer available.")) from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
