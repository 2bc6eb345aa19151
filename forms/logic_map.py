"""The logic map: a contact form's flow for its editor, in words — steps, which fields show and
when, where each branch goes, where each routing rule sends a ticket (queue, priority), and the
logic checks' warnings. Built from the page as saved, with the same reading (`definition`),
sentences (`describe`) and checks (`validation`) as the visitor's form and the save; shown by
`LogicMapPanel` on the form page's editor."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel

from .blocks import PRIORITIES, QUEUES
from .definition import read_steps
from .describe import describe, labels_and_choices
from .validation import logic_problems


def logic_map(form_fields, routing, default_queue: str) -> dict:
    """{"steps": [...], "routes": [...], "default_queue", "problems": [...]} for the template."""
    steps = read_steps(form_fields)
    labels, choices = labels_and_choices(steps)
    queues, priorities = dict(QUEUES), dict(PRIORITIES)
    titles = {step.name: step.title or step.name for step in steps}

    def said(condition) -> str:
        return describe(condition, labels, choices)

    mapped_steps = []
    for position, step in enumerate(steps):
        fields = []
        for item in step.fields:
            fields.append(
                {
                    "label": item.value["label"],
                    "name": item.name,
                    "shown_when": _(" and ").join(said(c) for c in item.conditions),
                    "required": bool(item.value["required"]),
                    "required_when": said(item.value["require_if"]),
                }
            )
        branches = [
            {
                "when": said(branch["when"]) or _("always"),
                "goto": _("the end: the form can be sent")
                if branch["goto"] == "end"
                else titles.get(branch["goto"], branch["goto"]),
            }
            for branch in step.branches
        ]
        following = steps[position + 1] if position + 1 < len(steps) else None
        mapped_steps.append(
            {
                "title": step.title or _("First step"),
                "name": step.name,
                "fields": fields,
                "branches": branches,
                "otherwise": titles[following.name] if following else _("the end"),
            }
        )
    routes = [
        {
            "name": route.value["name"],
            "when": said(route.value["when"]) or _("always"),
            "queue": queues.get(route.value["queue"], route.value["queue"]),
            "critical": route.value["priority"] == "critical",
            "priority": priorities.get(route.value["priority"], route.value["priority"]),
        }
        for route in routing
    ]
    problems = [problem.message for problem in logic_problems(steps, routing)]
    return {
        "steps": mapped_steps,
        "routes": routes,
        "default_queue": queues.get(default_queue, default_queue),
        "problems": list(dict.fromkeys(problems)),
    }


class LogicMapPanel(Panel):
    """The form's logic map, as of its last save, on the page editor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Logic map"))
        kwargs.setdefault(
            "help_text",
            gettext_lazy("The form's flow as last saved: save a draft to update it."),
        )
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "logic_map"

    class BoundPanel(Panel.BoundPanel):
        template_name = "forms/admin/logic_map.html"

        class Media:
            css = {"all": ["forms/admin/logic_map.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["map"] = logic_map(page.form_fields, page.routing, page.default_queue)
            return context
