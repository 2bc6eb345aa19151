"""The "Try this form" panel (forms.try_form): what it offers to answer, the engine JSON it walks
(the visitor's own), and its place on the form page's editor."""

import json

import pytest
from django.utils import translation

from forms.try_form import try_form_context

from .test_logic_map import _page

pytestmark = pytest.mark.django_db


def test_the_panel_offers_each_field_with_its_choices_and_walks_the_saved_engine_json():
    page = _page()
    with translation.override("ar"):
        context = try_form_context(page.form_fields, page.routing, page.default_queue)
    about = context["steps"][0]
    assert [f["name"] for f in about["fields"]] == ["hacked", "lost"]
    assert about["fields"][0]["choices"] == [("yes", "نعم"), ("no", "لا")]
    assert about["fields"][1]["choices"] is None
    assert context["engine"] == page.engine_json()
    assert context["labels"]["queues"]["security"] == "أمان الحساب"
    json.dumps(context["labels"])  # rendered with json_script


def test_the_editor_renders_the_panel_without_posting_its_inputs(client, django_user_model):
    from tests.factories import HomePageFactory

    page = HomePageFactory().add_child(instance=_page())
    client.force_login(django_user_model.objects.create_superuser("trier", password="x"))
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'data-controller="try-form"' in html
    assert 'data-try-input="hacked"' in html
    start = html.index('data-controller="try-form"')
    panel = html[start : html.index("</dl>", start)]
    assert " name=" not in panel  # nothing in the preview is posted with the page
