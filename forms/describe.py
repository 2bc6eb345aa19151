"""Conditions and branches in words, for visitors without JavaScript (all branches are shown)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .definition import Step


def _value_text(value, choices: dict[str, str]) -> str:
    return choices.get(str(value), str(value))


def describe(condition: dict | None, labels: dict[str, str], choices: dict[str, dict]) -> str:
    """`condition` as a sentence fragment in the active language."""
    if not condition:
        return ""
    for key, joiner in (("all", _(" and ")), ("any", _(" or "))):
        if key in condition:
            parts = []
            for part in condition[key]:
                text = describe(part, labels, choices)
                parts.append(f"({text})" if ("all" in part or "any" in part) else text)
            return joiner.join(parts)
    name = condition.get("field", "")
    label = labels.get(name, name)
    field_choices = choices.get(name, {})
    value = condition.get("value")
    op = condition.get("op")
    params = {"label": label, "value": _value_text(value, field_choices)}
    if op == "equals":
        return _("“%(label)s” is “%(value)s”") % params
    if op == "not_equals":
        return _("“%(label)s” is not “%(value)s”") % params
    if op == "one_of":
        values = value if isinstance(value, list) else [value]
        params["value"] = ", ".join(f"“{_value_text(v, field_choices)}”" for v in values)
        return _("“%(label)s” is one of %(value)s") % params
    if op == "contains":
        return _("“%(label)s” contains “%(value)s”") % params
    if op == "is_empty":
        return _("“%(label)s” is not answered") % params
    if op == "is_not_empty":
        return _("“%(label)s” is answered") % params
    if op == "greater_than":
        return _("“%(label)s” is more than %(value)s") % params
    if op == "less_than":
        return _("“%(label)s” is less than %(value)s") % params
    return ""


def labels_and_choices(steps: list[Step]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Field labels and choice labels by machine name, in the page's own language."""
    labels: dict[str, str] = {}
    choices: dict[str, dict[str, str]] = {}
    for step in steps:
        for item in step.fields:
            labels[item.name] = item.value["label"]
            if item.kind == "yes_no":
                choices[item.name] = {"yes": _("Yes"), "no": _("No")}
            elif item.kind in ("single_choice", "multiple_choice"):
                choices[item.name] = {c["value"]: c["label"] for c in item.value["choices"]}
    return labels, choices


def only_if(conditions: list[dict], labels, choices) -> str:
    if not conditions:
        return ""
    text = _(" and ").join(describe(c, labels, choices) for c in conditions)
    return _("Only if %(condition)s.") % {"condition": text}


def required_if(condition: dict | None, labels, choices) -> str:
    if not condition:
        return ""
    return _("Required if %(condition)s.") % {"condition": describe(condition, labels, choices)}


def branch_notes(step: Step, steps: list[Step], labels, choices) -> list[str]:
    titles = {s.name: s.title or s.name for s in steps}
    notes = []
    for branch in step.branches:
        condition = describe(branch["when"], labels, choices) or _("always")
        if branch["goto"] == "end":
            notes.append(
                _("If %(condition)s, you can send the form now.") % {"condition": condition}
            )
        else:
            notes.append(
                _("If %(condition)s, continue with “%(step)s”.")
                % {"condition": condition, "step": titles.get(branch["goto"], branch["goto"])}
            )
    return notes
