"""The condition builder's admin widget: the condition textarea (still the value posted and saved)
with the `condition-builder` Stimulus controller (`static/forms/admin/condition_builder.js`) and
its strings, translated into the admin language when Wagtail renders the block definitions."""

import json

from django import forms
from django.utils.translation import gettext as _


def builder_strings() -> dict:
    """Every string the builder shows, in the active language."""
    return {
        "builder": _("Condition builder"),
        "conditions": _("Conditions"),
        "nestedGroup": _("Group of conditions"),
        "always": _("No condition: always."),
        "match": _("Match"),
        "combine": _("How the conditions combine"),
        "all": _("all of"),
        "any": _("any of"),
        "addRule": _("Add condition"),
        "addGroup": _("Add group"),
        "moveUp": _("Move up"),
        "moveDown": _("Move down"),
        "removeRule": _("Remove condition"),
        "removeGroup": _("Remove group"),
        "rule": _("Condition"),
        "field": _("Field"),
        "operator": _("Operator"),
        "value": _("Value"),
        "chooseField": _("Choose a field"),
        "chooseValue": _("Choose a value"),
        "notBefore": _("not before this point"),
        "notBeforeHelp": _(
            "This field does not come before this point in the form (or no longer exists). "
            "Choose a field above this one."
        ),
        "notOffered": _("no longer offered"),
        "showJSON": _("Show JSON"),
        "hideJSON": _("Hide JSON"),
        "notJSON": _("This is not valid JSON; correct it in the box above."),
        "notShown": _("The builder cannot show this condition; edit its JSON in the box above."),
        "yes": _("Yes"),
        "no": _("No"),
        "operators": {
            "equals": _("is"),
            "not_equals": _("is not"),
            "equals_choice": _("is"),
            "not_equals_choice": _("is not"),
            "one_of": _("is one of"),
            "one_of_choice": _("is one of"),
            "contains": _("contains"),
            "is_empty": _("is empty"),
            "is_empty_choice": _("is not answered"),
            "is_not_empty": _("is not empty"),
            "is_not_empty_choice": _("is answered"),
            "greater_than": _("is greater than"),
            "less_than": _("is less than"),
        },
    }


class ConditionWidget(forms.Textarea):
    """The JSON textarea, enhanced by the builder; `stream` is the StreamField of the form's
    fields (a routing rule's condition may refer to any of them)."""

    def __init__(self, stream: str = "form_fields", attrs=None):
        base = {"rows": 2, "spellcheck": "false", "dir": "ltr"}
        super().__init__(attrs={**base, **(attrs or {})})
        self.stream = stream

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-controller": "condition-builder",
                "data-condition-builder-stream": self.stream,
                "data-condition-builder-strings": json.dumps(builder_strings(), ensure_ascii=False),
            }
        )
        return context

    @property
    def media(self):
        return forms.Media(
            js=["forms/admin/condition_model.js", "forms/admin/condition_builder.js"],
            css={"all": ["forms/admin/condition_builder.css"]},
        )
