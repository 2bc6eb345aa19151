"""The "Try this form" panel on the form page's editor: the editor picks answers and sees which
fields show, which steps the visitor goes through, and the queue, priority and routing rule the
ticket would get — nothing is submitted or stored. The answers are walked in the browser by the
visitor's own engine (`static/forms/conditions.js`, `resolve`) over the page's engine JSON as last
saved (`definition.engine_form`), so the preview is the form's real behaviour."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel

from .blocks import PRIORITIES, QUEUES
from .definition import YES_NO_VALUES, engine_form, read_steps


def try_form_context(form_fields, routing, default_queue: str) -> dict:
    """The steps and fields to answer, the engine JSON, and the labels the result names."""
    steps = read_steps(form_fields)
    yes_no = dict(zip(YES_NO_VALUES, (_("Yes"), _("No")), strict=True))
    mapped = []
    for step in steps:
        fields = []
        for item in step.fields:
            if item.kind == "yes_no":
                choices = list(yes_no.items())
            elif item.kind in ("single_choice", "multiple_choice"):
                choices = [(c["value"], c["label"]) for c in item.value["choices"]]
            else:
                choices = None
            fields.append(
                {
                    "name": item.name,
                    "label": item.value["label"],
                    "kind": item.kind,
                    "choices": choices,
                    "input_type": {"number": "number", "date": "date"}.get(item.kind, "text"),
                }
            )
        mapped.append({"name": step.name, "title": step.title or _("First step"), "fields": fields})
    return {
        "steps": mapped,
        "engine": engine_form(steps, routing, default_queue),
        "labels": {
            "queues": {key: str(label) for key, label in QUEUES},
            "priorities": {key: str(label) for key, label in PRIORITIES},
            "steps": {step["name"]: step["title"] for step in mapped},
            "default_branch": _("no routing rule (default queue)"),
        },
    }


class TryFormPanel(Panel):
    """Try the form as last saved, on the page editor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Try this form"))
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "Pick answers to see what the visitor sees and where the ticket would go. "
                "Nothing is sent. The form as last saved: save a draft to try your changes."
            ),
        )
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "try_form"

    class BoundPanel(Panel.BoundPanel):
        template_name = "forms/admin/try_form.html"

        class Media:
            js = ["forms/conditions.js", "forms/admin/try_form.js"]
            css = {"all": ["forms/admin/logic_map.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["try"] = try_form_context(page.form_fields, page.routing, page.default_queue)
            context["engine_id"] = f"{self.prefix}-try-form-engine"
            context["labels_id"] = f"{self.prefix}-try-form-labels"
            return context
