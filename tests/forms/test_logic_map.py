"""The logic map (forms.logic_map): the form's flow in words, from the same reading, sentences and
checks as the visitor's form and the save; on the form page's editor, in the admin language."""

import pytest
from django.utils import translation

from forms.logic_map import logic_map
from forms.models import ContactFormPage

pytestmark = pytest.mark.django_db

HACKED = {"field": "hacked", "op": "equals", "value": "yes"}


def _field(kind, name, label, **extra):
    value = {"name": name, "label": label, "help_text": "", "required": False}
    return (kind, value | {"show_if": None, "require_if": None} | extra)


def _page(**overrides):
    fields = [
        (
            "step",
            {
                "name": "about",
                "title": "About",
                "branches": [
                    {"when": {"field": "hacked", "op": "equals", "value": "no"}, "goto": "details"}
                ],
            },
        ),
        _field("yes_no", "hacked", "Hacked?", required=True),
        _field("short_text", "lost", "What did you lose?", show_if=HACKED, max_length=50),
        (
            "step",
            {"name": "security", "title": "Security", "branches": [{"when": None, "goto": "end"}]},
        ),
        _field("yes_no", "charges", "Charges?"),
        ("step", {"name": "details", "title": "Details", "branches": []}),
        _field("long_text", "description", "Description", required=True, max_length=500),
    ]
    routes = [
        ("route", {"name": "hacked", "when": HACKED, "queue": "security", "priority": "critical"})
    ]
    return ContactFormPage(
        title="t",
        form_fields=overrides.get("fields", fields),
        routing=overrides.get("routing", routes),
        default_queue="general",
    )


def test_the_map_says_what_shows_where_branches_go_and_where_tickets_route():
    page = _page()
    with translation.override("en"):
        mapped = logic_map(page.form_fields, page.routing, page.default_queue)
    about, security, details = mapped["steps"]
    assert [f["name"] for f in about["fields"]] == ["hacked", "lost"]
    assert about["fields"][1]["shown_when"] == "“Hacked?” is “Yes”"
    assert about["branches"] == [{"when": "“Hacked?” is “No”", "goto": "Details"}]
    assert about["otherwise"] == "Security"
    assert security["branches"][0]["goto"] == "the end: the form can be sent"
    assert mapped["routes"] == [
        {
            "name": "hacked",
            "when": "“Hacked?” is “Yes”",
            "queue": "Account security",
            "critical": True,
            "priority": "Critical",
        }
    ]
    assert mapped["default_queue"] == "General support"
    # "security" ends the form unconditionally, so "details" is reached only by the branch
    assert mapped["problems"] == []


def test_the_map_warns_about_what_can_never_happen():
    fields = [
        ("step", {"name": "first", "title": "First", "branches": [{"when": None, "goto": "end"}]}),
        _field("yes_no", "a", "A"),
        ("step", {"name": "second", "title": "Second", "branches": []}),
        _field("short_text", "never", "Never", required=True, max_length=5),
    ]
    page = _page(fields=fields, routing=[])
    with translation.override("en"):
        problems = logic_map(page.form_fields, page.routing, "general")["problems"]
    assert problems == [
        "The step “Second” can never be reached.",
        "The required field “Never” can never be shown.",
    ]


@pytest.mark.parametrize(
    ("language", "heading", "route_text"),
    [("en", "Logic map", "queue “Account security”"), ("ar", "خريطة المنطق", "«أمان الحساب»")],
)
def test_the_form_editor_shows_the_map_in_the_admin_language(
    client, django_user_model, language, heading, route_text
):
    from wagtail.models import Page
    from wagtail.users.models import UserProfile

    from tests.factories import HomePageFactory

    home = HomePageFactory()
    page = home.add_child(instance=_page())
    user = django_user_model.objects.create_superuser("mapper", password="x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert 'data-logic-map-route="hacked"' in html
    assert route_text in html
    assert isinstance(Page.objects.get(pk=page.pk).specific, ContactFormPage)
