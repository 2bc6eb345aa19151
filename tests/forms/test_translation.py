"""Forms translate through wagtail-localize: texts go to translators, names and logic do not."""

import pytest
from wagtail_localize.models import StringSegment, TranslationSource

pytestmark = pytest.mark.django_db


def test_translators_get_labels_and_choices_but_never_names_or_conditions(hacked_form):
    source, _created = TranslationSource.get_or_create_from_instance(hacked_form)
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert "Do you think someone else got into your account?" in texts  # a label
    assert "Ran ads" in texts  # a choice label
    assert "They may be reading your usual inbox." in texts  # a help text
    assert "About your account" in texts  # a step title
    for synchronised in ("hacked", "lost_email", "ads", "details", "png, jpg, jpeg, pdf"):
        assert synchronised not in texts
    assert not any('"op"' in text for text in texts)


def test_translations_share_names_and_logic_with_the_source(translated_form):
    english = translated_form("en").engine_json()
    for code in ("es", "ar", "ru"):
        translated = translated_form(code)
        assert translated.engine_json() == english
        labels = [
            child.value["label"] for child in translated.form_fields if child.block_type == "yes_no"
        ]
        assert "Do you think someone else got into your account?" not in labels
