"""The condition engine: one JSON format, evaluated here and in `static/forms/conditions.js`.

A condition is either a rule or a group (see docs/decisions/0003-condition-engine.md):

    {"field": "hacked", "op": "equals", "value": "yes"}
    {"all": [rule_or_group, ...]}   {"any": [rule_or_group, ...]}

Answers map machine names to a string or a list of strings; a missing name is empty. Both engines
normalise strings the same way (Unicode NFC, surrounding whitespace stripped) and compare numbers
only when both sides are plain decimals (`-12.5`) and dates only when both are ISO `YYYY-MM-DD`.
The shared vectors in tests/forms/condition_vectors.json keep the two engines in agreement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

OPERATORS = (
    "equals",
    "not_equals",
    "one_of",
    "contains",
    "is_empty",
    "is_not_empty",
    "greater_than",
    "less_than",
)
UNARY_OPERATORS = {"is_empty", "is_not_empty"}
COMPARISONS = {"greater_than", "less_than"}
GROUP_KEYS = ("all", "any")
MAX_DEPTH = 2  # a group may hold rules and groups of rules: "nested one level"

_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Whitespace trimmed from answers: spelled out so Python and JavaScript trim exactly the same.
_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_TRIM = re.compile(f"^[{_SPACE}]+|[{_SPACE}]+$")

Answers = dict[str, Any]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _TRIM.sub("", unicodedata.normalize("NFC", str(value)))


def _values(answer: Any) -> list[str]:
    """An answer as a list of non-empty normalised strings."""
    items = answer if isinstance(answer, list) else [answer]
    return [text for text in (_text(item) for item in items) if text]


def _compare(answer: str, target: str) -> int | None:
    """-1, 0 or 1, or None when the two are not both numbers or both dates."""
    if _DATE.match(answer) and _DATE.match(target):
        return (answer > target) - (answer < target)
    if _NUMBER.match(answer) and _NUMBER.match(target):
        left, right = float(answer), float(target)
        return (left > right) - (left < right)
    return None


def _rule(condition: dict, answers: Answers) -> bool:
    op = condition.get("op")
    values = _values(answers.get(condition.get("field", "")))
    if op == "is_empty":
        return not values
    if op == "is_not_empty":
        return bool(values)
    target = condition.get("value")
    if op == "equals":
        return _text(target) in values
    if op == "not_equals":
        return _text(target) not in values
    if op == "one_of":
        targets = {_text(t) for t in (target if isinstance(target, list) else [target])}
        return any(value in targets for value in values)
    if op == "contains":
        needle = _text(target).lower()
        return bool(needle) and any(needle in value.lower() for value in values)
    if op in COMPARISONS:
        wanted = 1 if op == "greater_than" else -1
        return any(_compare(value, _text(target)) == wanted for value in values)
    return False


def holds(condition: dict | None, rule_holds: Callable[[dict], bool]) -> bool:
    """The all/any walk: whether `condition` holds when each of its rules is judged by
    `rule_holds`; no condition (None or {}) always holds."""
    if not condition:
        return True
    if "all" in condition:
        return all(holds(part, rule_holds) for part in condition["all"])
    if "any" in condition:
        return any(holds(part, rule_holds) for part in condition["any"])
    return rule_holds(condition)


def rules(condition: dict | None) -> list[dict]:
    """The rules of a condition, groups flattened, in order of appearance."""
    if not condition:
        return []
    for key in GROUP_KEYS:
        if key in condition:
            return [rule for part in condition[key] for rule in rules(part)]
    return [condition]


def evaluate(condition: dict | None, answers: Answers) -> bool:
    """Whether `condition` holds for `answers`; no condition (None or {}) always holds."""
    return holds(condition, lambda rule: _rule(rule, answers))


def shape_errors(condition: Any, depth: int = 0) -> list[str]:
    """What is wrong with a condition's shape (not its field references); [] when well formed."""
    if condition in (None, {}):
        return []
    if not isinstance(condition, dict):
        return ["a condition must be a JSON object"]
    groups = [key for key in GROUP_KEYS if key in condition]
    if groups:
        if len(condition) != 1:
            return ['a group has exactly one key, "all" or "any"']
        if depth >= MAX_DEPTH:
            return ["groups may be nested one level only"]
        parts = condition[groups[0]]
        if not isinstance(parts, list) or not parts:
            return [f'"{groups[0]}" needs a non-empty list of conditions']
        return [error for part in parts for error in shape_errors(part, depth + 1)]
    if not isinstance(condition.get("field"), str) or not condition["field"]:
        return ['a rule needs a "field" (a machine name)']
    op = condition.get("op")
    if op not in OPERATORS:
        return [f"unknown operator {op!r}; use one of {', '.join(OPERATORS)}"]
    if op in UNARY_OPERATORS:
        return []
    if "value" not in condition:
        return [f'the operator "{op}" needs a "value"']
    value = condition["value"]
    if op == "one_of":
        if not isinstance(value, list) or not value:
            return ['"one_of" needs a non-empty list as its "value"']
    elif isinstance(value, list | dict):
        return [f'"{op}" needs a single value']
    if op in COMPARISONS and _compare(_text(value), _text(value)) is None:
        return [f'"{op}" compares with a number or a YYYY-MM-DD date']
    return []


def resolve(form: dict, answers: Answers) -> dict:
    """Walk a form definition with the visitor's answers.

    `form` is {"steps": [{"name", "fields": [{"name", "required", "show_if", "require_if"}],
    "next": [{"when", "goto"}]}], "routes": [{"name", "when", "queue", "priority"}],
    "default_queue"}. Conditions see only the answers of fields that are shown, so a hidden
    field's posted value can never reveal anything. Returns the steps visited, the fields shown and
    required, their effective answers, and the route (branch, queue, priority).
    """
    steps = form.get("steps", [])
    index_of = {step["name"]: i for i, step in enumerate(steps)}
    effective: Answers = {}
    path: list[str] = []
    visible: list[str] = []
    required: list[str] = []
    position = 0 if steps else None
    while position is not None and position < len(steps):
        step = steps[position]
        path.append(step["name"])
        for field in step.get("fields", []):
            if all(evaluate(c, effective) for c in field.get("show_if") or []):
                visible.append(field["name"])
                effective[field["name"]] = answers.get(field["name"])
        for field in step.get("fields", []):
            if field["name"] in effective and (
                field.get("required")
                or (field.get("require_if") and evaluate(field["require_if"], effective))
            ):
                required.append(field["name"])
        following = position + 1
        for rule in step.get("next", []):
            if evaluate(rule.get("when"), effective):
                goto = rule.get("goto")
                following = index_of.get(goto, len(steps)) if goto != "end" else len(steps)
                break
        position = following if following > position else None
    branch, queue, priority = "default", form.get("default_queue", "general"), "normal"
    matched = [route for route in form.get("routes", []) if evaluate(route.get("when"), effective)]
    if matched:
        branch, queue = matched[0]["name"], matched[0].get("queue") or queue
    if any(route.get("priority") == "critical" for route in matched):
        priority = "critical"
    return {
        "steps": path,
        "visible": visible,
        "required": required,
        "answers": {name: effective[name] for name in visible},
        "branch": branch,
        "queue": queue,
        "priority": priority,
    }
