"""Visitors submit contact forms over HTTP: the server re-evaluates every condition."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from forms.models import OutboxEntry, Submission
from forms.signals import form_submitted

from .conftest import VALID_HACKED

pytestmark = pytest.mark.django_db


def answers(submission) -> dict:
    return {a["name"]: a["value"] for a in submission.answers}


def errors_of(response, field: str) -> str:
    html = response.content.decode()
    block = html.split(f'data-field="{field}"', 1)[1].split('data-field="', 1)[0]
    return " ".join(re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', block, re.S))


@pytest.mark.smoke
def test_the_form_renders_every_branch_with_its_condition_for_visitors_without_javascript(
    client, hacked_form
):
    response = client.get(hacked_form.url)
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("lost_email", "contact_email", "other_problem", "ad_spend", "screenshot"):
        assert f'name="{name}"' in html
    assert "Only if “Do you think someone else got into your account?” is “Yes”." in html
    assert "Required if “Did they change your email address or password?” is “Yes”." in html
    assert "Step 1 of 3" in html and "Step 3 of 3" in html
    assert "continue with “Anything else”" in html
    assert 'id="form-engine"' in html


@pytest.mark.smoke
def test_a_valid_submission_redirects_to_a_confirmation_with_a_reference(client, hacked_form):
    response = client.post(hacked_form.url, VALID_HACKED)
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert response["Location"].endswith(f"?sent={submission.reference}")
    page = client.get(response["Location"])
    assert submission.reference in page.content.decode()
    assert "Thank you, we have your request." in page.content.decode()
    assert submission.outbox.status == OutboxEntry.Status.PENDING
    # Another visitor cannot read someone's confirmation by guessing the address.
    other = Client().get(response["Location"]).content.decode()
    assert "Thank you, we have your request." not in other
    main = other[other.index("<main") : other.index("</main>")]
    assert submission.reference not in main


def test_a_branch_required_field_is_enforced_only_when_its_branch_is_shown(client, hacked_form):
    missing = {**VALID_HACKED}
    del missing["lost_email"]
    response = client.post(hacked_form.url, missing)
    assert response.status_code == 400
    assert "This field is required." in errors_of(response, "lost_email")
    assert not Submission.objects.exists()

    not_hacked = {
        "email": "pinner@example.com",
        "hacked": "no",
        "other_problem": "I cannot change my avatar.",
    }
    assert client.post(hacked_form.url, not_hacked).status_code == 303


def test_required_if_applies_only_when_its_condition_holds(client, hacked_form):
    lost = {**VALID_HACKED, "lost_email": "yes"}
    response = client.post(hacked_form.url, lost)
    assert response.status_code == 400
    assert "This field is required." in errors_of(response, "contact_email")
    lost["contact_email"] = "backup@example.com"
    assert client.post(hacked_form.url, lost).status_code == 303


def test_values_of_hidden_fields_are_dropped_even_when_posted(client, hacked_form):
    posted = {
        "email": "pinner@example.com",
        "hacked": "no",
        "other_problem": "My profile picture vanished.",
        # a crafted post: answers for the "hacked" branch and the skipped step
        "lost_email": "yes",
        "contact_email": "attacker@example.com",
        "changes": ["ads"],
        "ad_spend": "99999",
        "description": "kept: the last step is shown on both branches",
    }
    assert client.post(hacked_form.url, posted).status_code == 303
    submission = Submission.objects.get()
    kept = answers(submission)
    assert set(kept) >= {"email", "hacked", "other_problem", "description"}
    assert not {"lost_email", "contact_email", "changes", "ad_spend"} & set(kept)
    assert "attacker@example.com" not in str(submission.outbox.payload)
    # hidden answers cannot make the ticket critical either
    assert (submission.priority, submission.queue) == ("normal", "general")


def test_critical_answers_route_the_ticket(client, hacked_form):
    client.post(hacked_form.url, {**VALID_HACKED, "changes": ["ads"], "ad_spend": "250"})
    submission = Submission.objects.get()
    assert (submission.branch, submission.queue, submission.priority) == (
        "account_hacked",
        "security",
        "critical",
    )
    assert answers(submission)["ad_spend"] == "250"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "Enter a valid email address."),
        ("ad_spend", "lots", "Enter a number."),
        ("ad_spend", "-5", "greater than or equal to 0"),
        ("last_access", "yesterday-ish", "Enter a valid date."),
        ("hacked", "maybe", "Select a valid choice."),
        ("changes", ["pins", "teleport"], "Select a valid choice."),
    ],
)
def test_invalid_types_and_limits_get_errors_next_to_the_field_and_the_form_is_refilled(
    client, hacked_form, field, value, message
):
    posted = {**VALID_HACKED, "changes": ["ads"], "ad_spend": "10", field: value}
    response = client.post(hacked_form.url, posted)
    assert response.status_code == 400
    assert message in errors_of(response, field)
    assert 'value="pinner@example.com"' in response.content.decode() or field == "email"
    assert not Submission.objects.exists()


def test_errors_are_in_the_visitors_language(client, translated_form):
    spanish = translated_form("es")
    response = client.post(spanish.url, {"hacked": "yes"})
    assert response.status_code == 400
    assert "Este campo es obligatorio." in errors_of(response, "email")
    assert "Correo electrónico de tu cuenta" in response.content.decode()


def test_a_ticket_from_an_arabic_form_carries_english_labels_for_agents(client, translated_form):
    arabic = translated_form("ar")
    assert client.post(arabic.url, VALID_HACKED).status_code == 303
    submission = Submission.objects.get()
    assert submission.locale == "ar"
    labels = {a["name"]: (a["label"], a["display"]) for a in submission.answers}
    assert labels["hacked"] == ("Do you think someone else got into your account?", "Yes")
    assert labels["changes"] == ("What did they do with your account?", "Posted Pins")


def test_an_oversized_file_is_refused_with_a_clear_message(client, hacked_form):
    big = SimpleUploadedFile("proof.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 10))
    response = client.post(hacked_form.url, {**VALID_HACKED, "screenshot": big})
    assert response.status_code == 400
    assert "This file is too large (5.0 MB). The limit is 5 MB." in errors_of(
        response, "screenshot"
    )
    assert not Submission.objects.exists()


def test_a_file_of_the_wrong_type_is_refused(client, hacked_form):
    script = SimpleUploadedFile("proof.exe", b"MZ...")
    response = client.post(hacked_form.url, {**VALID_HACKED, "screenshot": script})
    assert response.status_code == 400
    assert "Files of this type are not accepted" in errors_of(response, "screenshot")


def test_an_accepted_file_is_stored_with_the_submission(client, hacked_form):
    image = SimpleUploadedFile("proof.png", b"\x89PNG small", content_type="image/png")
    assert client.post(hacked_form.url, {**VALID_HACKED, "screenshot": image}).status_code == 303
    stored = Submission.objects.get().files.get()
    assert (stored.original_name, stored.field_name) == ("proof.png", "screenshot")
    attachment = Submission.objects.get().outbox.payload["attachments"][0]
    assert attachment["name"] == "proof.png" and attachment["url"].startswith("http")


def test_an_oversized_body_is_refused_with_413_before_it_is_read(client, hacked_form, settings):
    settings.FORMS_MAX_BODY_BYTES = 1024 * 1024
    big = SimpleUploadedFile("proof.png", b"0" * (2 * 1024 * 1024))
    response = client.post(hacked_form.url, {**VALID_HACKED, "screenshot": big})
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_post_without_csrf_token_is_refused(hacked_form):
    browser = Client(enforce_csrf_checks=True)
    browser.get(hacked_form.url)
    response = browser.post(hacked_form.url, VALID_HACKED)
    assert response.status_code == 403
    assert not Submission.objects.exists()
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(hacked_form.url, {**VALID_HACKED, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 303


def test_the_honeypot_catches_bots(client, hacked_form):
    response = client.post(hacked_form.url, {**VALID_HACKED, "website_url": "http://spam"})
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_rate_limit_per_session(client, hacked_form, settings, rate_limits):
    settings.FORMS_RATE_LIMIT_SESSION = "3/600"
    client.get(hacked_form.url)  # the session starts with the form
    codes = [client.post(hacked_form.url, VALID_HACKED).status_code for _i in range(4)]
    assert codes == [303, 303, 303, 429]
    assert (
        "Please wait a few minutes" in client.post(hacked_form.url, VALID_HACKED).content.decode()
    )
    assert Submission.objects.count() == 3


def test_rate_limit_per_ip_applies_across_sessions(hacked_form, settings, rate_limits):
    settings.FORMS_RATE_LIMIT_IP = "2/600"
    codes = [
        Client(REMOTE_ADDR="203.0.113.9").post(hacked_form.url, VALID_HACKED).status_code
        for _i in range(3)
    ]
    assert codes == [303, 303, 429]
    assert Client(REMOTE_ADDR="203.0.113.10").post(hacked_form.url, VALID_HACKED).status_code == 303


def test_form_submitted_is_sent_on_commit_with_the_contract_kwargs(
    client, hacked_form, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    form_submitted.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            client.post(hacked_form.url, VALID_HACKED)
        assert received == []  # nothing before the transaction commits
        for callback in callbacks:
            callback()
    finally:
        form_submitted.disconnect(receiver)
    assert len(received) == 1
    sent = received[0]
    submission = Submission.objects.get()
    assert set(sent) >= {"request", "form_page", "locale", "branch", "priority", "reference"}
    assert sent["form_page"].pk == hacked_form.pk
    assert (sent["locale"], sent["branch"], sent["priority"], sent["reference"]) == (
        "en",
        "account_hacked",
        "critical",
        submission.reference,
    )


def test_the_country_is_prefilled_from_the_geo_region(rf, hacked_form):
    from types import SimpleNamespace

    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import translation

    request = rf.get(hacked_form.url)
    request.session = SessionStore()
    request.geo = SimpleNamespace(country="BR", region="latam", source="header")
    with translation.override("en"):
        response = hacked_form.serve(request)
        response.render()
    assert '<option value="BR" selected>Brazil</option>' in response.content.decode()


def test_a_drop_down_writes_what_djangos_select_writes():
    """The drop-down writes its options itself (for speed): the same HTML as Django's, labels
    and values escaped, the answer selected."""
    from django import forms

    from forms.visitor_form import Dropdown

    choices = [("", "—"), ("a&b", '<script>alert("x")</script>'), ("BR", "Brazil"), ("'", "ﷺ")]
    for value in ["", "BR", "a&b", "'", "none of them"]:
        ours = Dropdown(choices=choices).render("country", value, attrs={"id": "id_country"})
        djangos = forms.Select(choices=choices).render("country", value, {"id": "id_country"})
        assert re.sub(r">\s+<", "><", ours) == re.sub(r">\s+<", "><", djangos)
    assert "<script>" not in ours
