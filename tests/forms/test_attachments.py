"""Visitors' uploads are private: stored outside MEDIA_ROOT under unguessable names, never served
anonymously; the help desk's signed links work, then expire; staff with the submissions
permission download them in the admin, others cannot."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from forms import attachments, outbox
from forms.models import Submission

from .conftest import VALID_HACKED

pytestmark = pytest.mark.django_db
CONTENT = b"\x89PNG private screenshot"


@pytest.fixture
def sent_file(client, hacked_form):
    image = SimpleUploadedFile("my passport.png", CONTENT, content_type="image/png")
    response = client.post(hacked_form.url, {**VALID_HACKED, "screenshot": image})
    assert response.status_code == 303
    return Submission.objects.get().files.get()


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_upload_is_stored_outside_media_under_an_unguessable_name(sent_file):
    path = Path(sent_file.file.path).resolve()
    private_root = Path(django_settings.FORMS_UPLOADS_ROOT).resolve()
    assert path.is_relative_to(private_root)
    assert not path.is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())
    assert path.read_bytes() == CONTENT
    name = Path(sent_file.file.name).name
    assert "passport" not in name and name.endswith(".png") and len(name) >= 32
    other = attachments.upload_name(sent_file, "my passport.png")
    assert Path(other).name != name  # a fresh random name each time


def test_no_anonymous_url_reaches_the_file(client, sent_file):
    name = sent_file.file.name
    for url in (
        f"/media/{name}",
        f"/media/form-uploads/{name}",
        f"/forms/attachment/unsigned/{name}",
        f"/forms/attachment/{name}",
        f"/forms/attachment/{sent_file.pk}",
        reverse("forms_submission_attachment", args=[sent_file.pk]),
    ):
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, url
        assert CONTENT not in (b"" if response.streaming else response.content)


def test_the_signed_link_downloads_the_file_then_expires(client, sent_file, settings):
    link = Submission.objects.get().outbox.payload["attachments"][0]["url"]
    assert link.startswith("http://testserver/forms/attachment/")
    response = client.get(link)
    assert response.status_code == 200 and body_of(response) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="my passport.png"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    settings.FORMS_ATTACHMENT_LINK_SECONDS = -1  # every link signed before now has expired
    expired = client.get(link)
    assert expired.status_code == 410 and CONTENT not in expired.content


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "eyJmaWxlIjo5OX0" + t[15:]])
def test_a_tampered_link_is_not_found(client, sent_file, mangle):
    link = Submission.objects.get().outbox.payload["attachments"][0]["url"]
    token = link.rsplit("/", 1)[1]
    assert client.get(f"/forms/attachment/{mangle(token)}").status_code == 404


def test_the_ticket_carries_freshly_signed_links_when_it_is_sent(sent_file, helpdesk):
    entry = Submission.objects.get().outbox
    # a ticket saved before uploads became private still points into /media/
    entry.payload["attachments"][0]["url"] = "https://help.example.com/media/form-uploads/s.png"
    entry.save()
    assert outbox.drain().delivered == 1
    ((ticket),) = helpdesk.tickets.values()
    (attachment,) = ticket["attachments"]
    assert attachment["name"] == "my passport.png" and attachment["size"] == len(CONTENT)
    assert attachment["expires_at"]
    assert attachment["url"].startswith("https://help.example.com/forms/attachment/")
    path = attachment["url"].removeprefix("https://help.example.com")
    assert body_of(Client().get(path)) == CONTENT


def staff(username: str, *permissions: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    browser = Client()
    browser.force_login(user)
    return browser


def test_staff_with_the_submissions_permission_download_in_the_admin(sent_file):
    url = reverse("forms_submission_attachment", args=[sent_file.pk])
    allowed = staff("agent", "view_submission")
    response = allowed.get(url)
    assert response.status_code == 200 and body_of(response) == CONTENT
    inspect = allowed.get(
        reverse("forms_submission_modeladmin_inspect", args=[sent_file.submission_id])
    )
    assert inspect.status_code == 200 and url in inspect.content.decode()

    refused = staff("translator").get(url)
    assert refused.status_code in {302, 403} and CONTENT not in refused.content


def test_a_file_gone_from_the_disk_is_not_found_not_an_error(sent_file):
    Path(sent_file.file.path).unlink()
    url = reverse("forms_submission_attachment", args=[sent_file.pk])
    response = staff("agent2", "view_submission").get(url, follow=True)
    assert response.status_code == 404


def test_links_expire_after_the_configured_lifetime(settings):
    settings.FORMS_ATTACHMENT_LINK_SECONDS = 60
    assert attachments.link_lifetime() == timedelta(seconds=60)
