"""Editors: invalid form logic is refused on save; submissions are listed, filtered, exported
and retried in the admin."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import nested_form_data, streamfield

from forms.definition import read_steps
from forms.models import ContactFormPage, OutboxEntry, Submission
from forms.validation import logic_errors

from .conftest import VALID_HACKED

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("form-admin", "form-admin@example.com", "pw")
    client.force_login(user)
    return client


def yes_no(name, label, **extra):
    value = {"name": name, "label": label, "help_text": "", "show_if": "", "require_if": ""}
    value.update(extra)
    return ("yes_no", value)


def admin_form(stream, title="Lost my phone"):
    return nested_form_data(
        {
            "title": title,
            "slug": "lost-my-phone",
            "intro": "",
            "confirmation_text": "",
            "form_fields": streamfield(stream),
            "routing": streamfield([]),
            "default_queue": "general",
            "action-publish": "publish",
        }
    )


def add_url(next_to: ContactFormPage) -> str:
    return f"/admin/pages/add/forms/contactformpage/{next_to.get_parent().pk}/"


def test_an_editor_can_publish_a_form_with_sound_logic(editor, hacked_form):
    stream = [
        yes_no("lost", "Did you lose your phone?", required="on"),
        yes_no(
            "has_backup",
            "Do you have backup codes?",
            show_if='{"field": "lost", "op": "equals", "value": "yes"}',
        ),
    ]
    response = editor.post(add_url(hacked_form), admin_form(stream))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ContactFormPage.objects.get(slug="lost-my-phone", locale__language_code="en")
    assert page.live
    assert page.engine_json()["steps"][0]["fields"][1]["show_if"] == [
        {"field": "lost", "op": "equals", "value": "yes"}
    ]


@pytest.mark.parametrize(
    ("show_if", "message"),
    [
        (
            '{"field": "stolen", "op": "equals", "value": "yes"}',
            "refers to an unknown field",
        ),
        ('{"field": "later", "op": "equals", "value": "yes"}', "which comes later in the form"),
        ('{"field": "lost", "op": "equals", "value": "perhaps"}', "no longer offers"),
        ('{"field": "lost", "op": "sounds_like", "value": "yes"}', "unknown operator"),
        ('{"field": "lost", "op": "equals", ', "not valid JSON"),
    ],
)
def test_the_admin_refuses_invalid_logic_on_save(editor, hacked_form, show_if, message):
    stream = [
        yes_no("lost", "Did you lose your phone?"),
        yes_no("has_backup", "Do you have backup codes?", show_if=show_if),
        yes_no("later", "A later question"),
    ]
    response = editor.post(add_url(hacked_form), admin_form(stream))
    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in response.content.decode()
    # the message sits in the stream editor's JSON, where non-ASCII quotes are escaped
    assert message in response.content.decode()
    assert not ContactFormPage.objects.filter(slug="lost-my-phone").exists()


def steps_of(*blocks):
    page = ContactFormPage(title="t", form_fields=list(blocks))
    return read_steps(page.form_fields)


def field(kind, name, **extra):
    value = {"name": name, "label": name.title(), "help_text": "", "required": False}
    value |= {"show_if": None, "require_if": None} | extra
    return (kind, value)


def step(name, *branches):
    return ("step", {"name": name, "title": name.title(), "branches": list(branches)})


def test_a_cycle_between_steps_is_refused():
    back = {"when": {"field": "a", "op": "equals", "value": "yes"}, "goto": "first"}
    errors = logic_errors(
        steps_of(step("first"), field("yes_no", "a"), step("second", back), field("yes_no", "b")),
        [],
    )
    assert any("steps may only go forward (no cycles)" in e for e in errors)


def test_an_unreachable_step_is_refused():
    skip = {"when": None, "goto": "third"}
    errors = logic_errors(
        steps_of(
            step("first", skip),
            field("yes_no", "a"),
            step("second"),
            field("yes_no", "b"),
            step("third"),
            field("yes_no", "c"),
        ),
        [],
    )
    assert errors == ["The step “Second” can never be reached."]


def test_a_required_field_that_can_never_be_shown_is_refused():
    errors = logic_errors(
        steps_of(
            field("yes_no", "a", show_if={"field": "a_missing_answer", "op": "is_empty"}),
            field("yes_no", "gate", show_if={"field": "a", "op": "is_empty"}),
        ),
        [],
    )
    assert any("unknown field" in e for e in errors)
    skip = {"when": None, "goto": "end"}
    errors = logic_errors(
        steps_of(
            step("first", skip),
            field("yes_no", "a"),
            step("second"),
            field("short_text", "never", required=True, max_length=10),
        ),
        [],
    )
    assert "The required field “Never” can never be shown." in errors
    hidden_parent = logic_errors(
        steps_of(
            field("yes_no", "a"),
            field("yes_no", "b", show_if={"all": [{"field": "a", "op": "equals", "value": "yes"}]}),
            field(
                "short_text",
                "c",
                required=True,
                max_length=5,
                show_if={"field": "b", "op": "equals", "value": "yes"},
            ),
        ),
        [],
    )
    assert hidden_parent == []


def test_a_condition_on_a_choice_that_no_longer_exists_is_refused():
    choices = [{"value": "android", "label": "Android"}]
    errors = logic_errors(
        steps_of(
            field("single_choice", "device", choices=choices, widget="radio"),
            field(
                "short_text",
                "v",
                max_length=5,
                show_if={"field": "device", "op": "one_of", "value": ["android", "windows_phone"]},
            ),
        ),
        [],
    )
    assert errors == ["The field “V” uses “windows_phone”, which “device” no longer offers."]


def test_the_demo_forms_pass_every_check(demo):
    for page in ContactFormPage.objects.filter(locale__language_code="en"):
        assert logic_errors(page.steps(), page.routing) == [], page.title


def test_submissions_are_listed_filtered_exported_and_retried(editor, client, hacked_form):
    from django.test import Client

    Client().post(hacked_form.url, VALID_HACKED)
    Client().post(hacked_form.url, {**VALID_HACKED, "hacked": "no", "other_problem": "x"})
    failed, pending = Submission.objects.order_by("created_at")
    OutboxEntry.objects.filter(submission=failed).update(
        status=OutboxEntry.Status.FAILED, attempts=12, last_error="HTTP 500"
    )

    listing = editor.get("/admin/forms/submission/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert failed.reference in html and pending.reference in html
    assert "Failed" in html and "Pending" in html

    only_failed = editor.get("/admin/forms/submission/?outbox__status=failed").content.decode()
    assert failed.reference in only_failed and pending.reference not in only_failed

    export = editor.get("/admin/forms/submission/?export=csv")
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode()
    assert (
        failed.reference in csv_text
        and "Do you think someone else got into your account?" in csv_text
    )

    inspect = editor.get(f"/admin/forms/submission/inspect/{failed.pk}/").content.decode()
    assert "HTTP 500" in inspect and "Someone posted spam Pins." in inspect

    assert editor.get(f"/admin/forms/retry/{failed.pk}/").status_code == 200  # asks first
    response = editor.post(f"/admin/forms/retry/{failed.pk}/")
    assert response.status_code == 302
    failed.outbox.refresh_from_db()
    assert (failed.outbox.status, failed.outbox.attempts) == ("pending", 0)
