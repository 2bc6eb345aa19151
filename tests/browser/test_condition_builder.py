"""The condition builder in the page editor, as an editor in English and an Arabic-speaking editor
in the Arabic admin: add a choice field and a follow-up shown for one answer, a routing rule making
that answer critical in the security queue, publish, and the public form behaves so — no JSON typed.

Served in-process (`site_in_process`); the editors and their forms are committed for the module and
removed afterwards.
"""

import pytest
from django.utils import translation

from .conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "builder-editor-password"
PREFIX = "builder-test-"


@pytest.fixture(scope="module")
def forms_to_build(demo_site, django_db_blocker):
    """{language: (editor username, form page id)}: an editor with that admin language and a
    contact form holding one e-mail field, live under the English home."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    from forms.models import ContactFormPage
    from forms.submissions import Submission
    from pages.models import HelpCenterHomePage

    built = {}
    with django_db_blocker.unblock():
        home = HelpCenterHomePage.objects.get(sites_rooted_here__is_default_site=True)
        for language in ("en", "ar"):
            user = get_user_model().objects.create_superuser(
                f"{PREFIX}{language}", password=PASSWORD
            )
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
            email = {"name": "email", "label": "Email", "help_text": "", "required": True}
            page = home.add_child(
                instance=ContactFormPage(
                    title=f"Builder test {language}",
                    slug=f"{PREFIX}{language}",
                    form_fields=[("email", email | {"show_if": None, "require_if": None})],
                )
            )
            page.save_revision().publish()
            built[language] = (user.username, page.pk)
    yield built
    with django_db_blocker.unblock():
        pages = ContactFormPage.objects.filter(slug__startswith=PREFIX)
        Submission.objects.filter(page__in=pages).delete()
        for page in pages:
            page.delete()
        get_user_model().objects.filter(username__startswith=PREFIX).delete()


def sign_in(tab, base_url: str, username: str) -> None:
    tab.goto(f"{base_url}/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.locator("form button[type=submit]").first.click()


def block_label(block, language: str) -> str:
    with translation.override(language):
        return str(block.meta.label)


def insert_block(tab, panel: str, label: str | None = None) -> None:
    """Insert a block of that (translated) label at the end of a StreamField panel (no label: the
    stream has one block type, inserted without a menu)."""
    tab.locator(f"#{panel} .c-sf-add-button").last.click()
    if label:
        tab.get_by_role("option", name=label, exact=True).first.click()


def builder_of(tab, textarea_name: str):
    return tab.locator(f'textarea[name="{textarea_name}"] + .condition-builder')


def add_rule(builder, field: str, value: str) -> None:
    """Add a rule with the keyboard: field by machine name, the default operator (is), a value."""
    builder.locator('[data-focus-key="root.add-rule"]').focus()
    builder.page.keyboard.press("Enter")
    builder.locator('[data-focus-key="0.field"]').select_option(field)
    builder.locator('[data-focus-key="0.value"]').select_option(value)


def fill_choice(tab, prefix: str, position: int, value: str, label: str) -> None:
    choice = f"{prefix}-value-choices-{position}"
    if not tab.locator(f'[name="{choice}-value-value"]').count():
        tab.locator('[data-contentpath="choices"] .c-sf-add-button').last.click()
    tab.fill(f'[name="{choice}-value-value"]', value)
    tab.fill(f'[name="{choice}-value-label"]', label)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_editor_builds_branching_and_routing_without_json(
    site_in_process, forms_to_build, tab, language
):
    from forms.blocks import PRIORITIES, QUEUES, FormFieldsBlock
    from forms.models import ContactFormPage
    from forms.submissions import Submission

    base = site_in_process
    username, page_id = forms_to_build[language]
    sign_in(tab, base, username)
    tab.goto(f"{base}/admin/pages/{page_id}/edit/")
    fields_panel = "panel-child-content-form_fields-content"
    stream = FormFieldsBlock().child_blocks

    # A choice field, after the e-mail field.
    insert_block(tab, fields_panel, block_label(stream["single_choice"], language))
    tab.fill('[name="form_fields-1-value-name"]', "device")
    tab.fill('[name="form_fields-1-value-label"]', "Device" if language == "en" else "الجهاز")
    fill_choice(tab, "form_fields-1", 0, "phone", "Phone" if language == "en" else "هاتف")
    fill_choice(tab, "form_fields-1", 1, "laptop", "Laptop" if language == "en" else "حاسوب")

    # A follow-up shown only for "phone": the builder lists the fields before it, by label.
    insert_block(tab, fields_panel, block_label(stream["short_text"], language))
    tab.fill('[name="form_fields-2-value-name"]', "phone_model")
    tab.fill(
        '[name="form_fields-2-value-label"]', "Phone model" if language == "en" else "طراز الهاتف"
    )
    show_if = builder_of(tab, "form_fields-2-value-show_if")
    add_rule(show_if, "device", "phone")
    field_names = show_if.locator('[data-focus-key="0.field"] option').evaluate_all(
        "options => options.map(option => option.value)"
    )
    assert field_names == ["email", "device"]  # not the follow-up itself
    assert tab.locator('[name="form_fields-2-value-show_if"]').input_value() == (
        '{"field":"device","op":"equals","value":"phone"}'
    )
    assert tab.locator('[name="form_fields-2-value-show_if"]').is_hidden()
    show_if.scroll_into_view_if_needed()
    screenshot(tab, f"condition-builder-{language}-1-show-if", full_page=False)

    # A routing rule: a laptop is critical, in the security queue.
    tab.locator('a[href="#tab-settings"]').click()
    insert_block(tab, "panel-child-settings-routing-content")
    tab.fill('[name="routing-0-value-name"]', "laptop_stolen")
    tab.select_option('[name="routing-0-value-queue"]', "security")
    tab.select_option('[name="routing-0-value-priority"]', "critical")
    route = builder_of(tab, "routing-0-value-when")
    add_rule(route, "device", "laptop")
    route.scroll_into_view_if_needed()
    screenshot(tab, f"condition-builder-{language}-2-route", full_page=False)
    route.locator('[data-focus-key="toggle"]').click()  # "show JSON" for power users
    assert tab.locator('[name="routing-0-value-when"]').is_visible()
    tab.set_viewport_size({"width": 768, "height": 1000})  # a tablet
    route.scroll_into_view_if_needed()
    screenshot(tab, f"condition-builder-{language}-3-route-json-768", full_page=False)
    tab.set_viewport_size({"width": 1280, "height": 900})

    # Wagtail autosaves the edits half a second after each change; a save still in flight when
    # Publish is pressed lands after it and leaves a draft of the same content (CI saw it once).
    tab.locator('#w-autosave-indicator[data-w-autosave-state-value="saved"]').wait_for(
        state="attached"
    )
    tab.locator(
        ".footer__container .dropdown-toggle, footer [data-w-dropdown-target=toggle]"
    ).first.click()
    with tab.expect_navigation():
        tab.locator('button[name="action-publish"]').click()
    page = ContactFormPage.objects.get(pk=page_id)
    assert page.live and not page.has_unpublished_changes
    assert page.form_fields[2].value["show_if"] == {
        "field": "device",
        "op": "equals",
        "value": "phone",
    }
    when = page.routing[0].value["when"]
    assert when == {"field": "device", "op": "equals", "value": "laptop"}

    with translation.override(language):
        labels = {key: str(label) for key, label in [*QUEUES, *PRIORITIES]}

    # The logic map on the editor says the same, in the admin language.
    tab.goto(f"{base}/admin/pages/{page_id}/edit/")
    logic_map = tab.locator("[data-logic-map]")
    logic_map.scroll_into_view_if_needed()
    assert logic_map.locator('[data-logic-map-route="laptop_stolen"]').is_visible()
    assert tab.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    screenshot(logic_map, f"logic-map-{language}")

    # "Try this form": answers walk through the visitor's engine, nothing is sent.
    try_form = tab.locator('[data-controller="try-form"]')
    try_form.scroll_into_view_if_needed()
    follow_up_row = try_form.locator('[data-try-row="phone_model"]')
    assert follow_up_row.is_hidden()
    try_form.locator('[data-try-input="device"]').select_option("phone")
    assert follow_up_row.is_visible()
    assert try_form.locator('[data-try-result="priority"]').inner_text() == labels["normal"]
    try_form.locator('[data-try-input="device"]').select_option("laptop")
    assert follow_up_row.is_hidden()
    assert try_form.locator('[data-try-result="queue"]').inner_text() == labels["security"]
    assert try_form.locator('[data-try-result="priority"]').inner_text() == labels["critical"]
    assert try_form.locator('[data-try-result="branch"]').inner_text() == "laptop_stolen"
    screenshot(try_form, f"try-form-{language}")
    submissions_before = Submission.objects.count()

    # The public form behaves accordingly.
    tab.context.add_cookies([{"name": "hc_consent", "value": "denied", "url": base}])
    tab.goto(f"{base}{page.relative_url(page.get_site())}")
    follow_up = tab.locator('[data-field="phone_model"]')
    tab.fill("#id_email", "builder@example.com")
    tab.check("#id_device_0")
    assert follow_up.is_visible()
    tab.check("#id_device_1")
    assert follow_up.is_hidden()
    for button in tab.locator("[data-next]:visible").all():
        button.click()
    tab.locator("[data-submit-row] button").click()
    tab.wait_for_selector("[data-reference]")
    assert Submission.objects.count() == submissions_before + 1  # the preview sent nothing
    submission = Submission.objects.get(reference=tab.locator("[data-reference]").inner_text())
    assert (submission.queue, submission.priority, submission.branch) == (
        "security",
        "critical",
        "laptop_stolen",
    )
