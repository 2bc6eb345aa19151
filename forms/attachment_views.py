"""`GET /forms/attachment/<token>`: the help desk's signed, expiring link to a visitor's upload
(`forms.attachments`): the file while the signature is valid, 410 once it expired, 404 otherwise.
Staff download the same files in the admin (`forms.wagtail_hooks`)."""

from django.core import signing
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import attachments
from .submissions import SubmissionFile


@never_cache
@require_safe
def download(request, token: str):
    """The help desk's signed link."""
    try:
        value = attachments.signer().unsign_object(token, max_age=attachments.link_lifetime())
    except signing.SignatureExpired:
        return HttpResponse(
            _("This link has expired. Open the ticket again for a new one."),
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    except signing.BadSignature as bad:
        raise Http404 from bad
    if not isinstance(value, dict) or not isinstance(value.get("file"), int):
        raise Http404
    try:
        stored = SubmissionFile.objects.get(pk=value["file"])
    except SubmissionFile.DoesNotExist as gone:
        raise Http404 from gone
    return attachments.file_response(stored)
