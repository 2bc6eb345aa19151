"""A contact form's StreamField, read as steps of fields and as the condition engine's JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .blocks import FIELD_BLOCKS

FIRST_STEP = "start"
YES_NO_VALUES = ("yes", "no")


@dataclass
class Item:
    """One block of the form in page order: a field, or a layout block (section, help, …)."""

    kind: str  # block type: "short_text", "section", "help", …
    value: Any
    block_id: str
    conditions: list[dict] = field(default_factory=list)  # section + own show_if
    index: int | None = None  # position in the StreamField

    @property
    def is_field(self) -> bool:
        return self.kind in FIELD_BLOCKS

    @property
    def name(self) -> str:
        return self.value.get("name", "") if self.is_field or self.kind == "hidden_context" else ""

    def choice_values(self) -> list[str] | None:
        if self.kind == "yes_no":
            return list(YES_NO_VALUES)
        if self.kind in ("single_choice", "multiple_choice"):
            return [choice["value"] for choice in self.value["choices"]]
        return None


@dataclass
class Step:
    name: str
    title: str
    branches: list[dict]
    items: list[Item] = field(default_factory=list)
    block_id: str = ""
    index: int | None = None  # position in the StreamField; None for the implicit first step

    @property
    def fields(self) -> list[Item]:
        return [item for item in self.items if item.is_field]


def read_steps(stream) -> list[Step]:
    """Group the stream's blocks into steps (an implicit first step when it starts with fields)."""
    steps: list[Step] = []
    section_condition: dict | None = None
    for index, child in enumerate(stream):
        kind, value = child.block_type, child.value
        if kind == "step":
            steps.append(
                Step(
                    name=value["name"],
                    title=value["title"],
                    branches=[dict(branch) for branch in value["branches"]],
                    block_id=child.id or "",
                    index=index,
                )
            )
            section_condition = None
            continue
        if not steps:
            steps.append(Step(name=FIRST_STEP, title="", branches=[]))
        if kind == "section":
            section_condition = value["show_if"] or None
        item = Item(kind=kind, value=value, block_id=child.id or "", index=index)
        if section_condition:
            item.conditions.append(section_condition)
        if item.is_field and value.get("show_if"):
            item.conditions.append(value["show_if"])
        steps[-1].items.append(item)
    return steps


def engine_form(steps: list[Step], routes, default_queue: str) -> dict:
    """The JSON both condition engines walk (see forms.conditions.resolve)."""
    return {
        "default_queue": default_queue,
        "steps": [
            {
                "name": step.name,
                "fields": [
                    {
                        "name": item.name,
                        "required": bool(item.value["required"]),
                        "show_if": item.conditions,
                        "require_if": item.value["require_if"] or None,
                    }
                    for item in step.fields
                ],
                "next": [
                    {"when": branch["when"] or None, "goto": branch["goto"]}
                    for branch in step.branches
                ],
            }
            for step in steps
        ],
        "routes": [
            {
                "name": route.value["name"],
                "when": route.value["when"] or None,
                "queue": route.value["queue"],
                "priority": route.value["priority"],
            }
            for route in routes
        ],
    }
