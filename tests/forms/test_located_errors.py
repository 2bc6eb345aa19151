"""Save-time logic errors land on the condition box they concern (validation.located_errors)."""

import pytest

from forms.models import ContactFormPage
from forms.validation import located_errors, logic_problems

pytestmark = pytest.mark.django_db


def _field(kind, name, **extra):
    value = {"name": name, "label": name.title(), "help_text": "", "required": False}
    return (kind, value | {"show_if": None, "require_if": None} | extra)


def _page():
    later = {"field": "later", "op": "equals", "value": "yes"}
    return ContactFormPage(
        title="t",
        form_fields=[
            (
                "step",
                {"name": "first", "title": "First", "branches": [{"when": later, "goto": "end"}]},
            ),
            _field("yes_no", "a"),
            _field("yes_no", "b", show_if={"any": [{"field": "ghost", "op": "is_empty"}]}),
            ("step", {"name": "second", "title": "Second", "branches": []}),
            _field("yes_no", "later"),
        ],
        routing=[
            (
                "route",
                {
                    "name": "r",
                    "when": {"field": "a", "op": "equals", "value": "maybe"},
                    "queue": "security",
                    "priority": "critical",
                },
            )
        ],
    )


def test_each_problem_is_placed_on_its_condition():
    page = _page()
    placed = {
        (p.stream, p.index, p.path): p.message for p in logic_problems(page.steps(), page.routing)
    }
    assert placed == {
        ("form_fields", 0, ("branches", 0, "when")): (
            "A branch of the step “First” refers to “later”, which comes later in the form."
        ),
        ("form_fields", 2, ("show_if",)): "The field “B” refers to an unknown field “ghost”.",
        ("routing", 0, ("when",)): "The routing rule “r” uses “maybe”, which “a” no longer offers.",
    }


def test_wagtail_receives_them_as_block_errors():
    page = _page()
    errors = located_errors(logic_problems(page.steps(), page.routing))
    fields = errors["form_fields"].as_json_data()
    assert fields["blockErrors"][0]["blockErrors"]["branches"]["blockErrors"][0]["blockErrors"][
        "when"
    ]["messages"] == [
        "A branch of the step “First” refers to “later”, which comes later in the form."
    ]
    assert fields["blockErrors"][2]["blockErrors"]["show_if"]["messages"] == [
        "The field “B” refers to an unknown field “ghost”."
    ]
    routing = errors["routing"].as_json_data()
    assert routing["blockErrors"][0]["blockErrors"]["when"]["messages"] == [
        "The routing rule “r” uses “maybe”, which “a” no longer offers."
    ]
