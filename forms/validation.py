"""The admin's checks on a form's logic, run when an editor saves a contact form page."""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import conditions
from .definition import Item, Step

VALUE_OPERATORS = {"equals", "not_equals", "one_of"}
NEEDS_AN_ANSWER = set(conditions.OPERATORS) - {"is_empty", "not_equals"}


def _satisfiable(condition: dict | None, never_shown: set[str]) -> bool:
    """False when the condition can never hold: it needs an answer from a field never shown."""
    return conditions.holds(
        condition,
        lambda rule: not (rule.get("field") in never_shown and rule.get("op") in NEEDS_AN_ANSWER),
    )


def _reachable_steps(steps: list[Step]) -> set[str]:
    reachable: set[str] = set()
    index = {step.name: i for i, step in enumerate(steps)}
    pending = [0] if steps else []
    while pending:
        position = pending.pop()
        step = steps[position]
        if step.name in reachable:
            continue
        reachable.add(step.name)
        falls_through = True
        for branch in step.branches:
            if branch["goto"] in index and index[branch["goto"]] > position:
                pending.append(index[branch["goto"]])
            if not branch["when"]:
                falls_through = False  # an unconditional branch: nothing after it is taken
                break
        if falls_through and position + 1 < len(steps):
            pending.append(position + 1)
    return reachable


def logic_errors(steps: list[Step], routes) -> list[str]:
    """Every problem in the form's logic, as sentences for the editor; [] when it is sound."""
    errors: list[str] = []
    seen: dict[str, Item] = {}
    all_names = {item.name for step in steps for item in step.items if item.name}
    step_index = {step.name: i for i, step in enumerate(steps)}
    if len(step_index) != len(steps):
        errors.append(_("Two steps have the same machine name."))

    def check_references(condition, where: str, earlier: dict[str, Item]) -> None:
        for rule in conditions.rules(condition):
            name = rule.get("field", "")
            if name not in all_names:
                errors.append(
                    _("%(where)s refers to an unknown field “%(name)s”.")
                    % {"where": where, "name": name}
                )
            elif name not in earlier:
                errors.append(
                    _("%(where)s refers to “%(name)s”, which comes later in the form.")
                    % {"where": where, "name": name}
                )
            else:
                choices = earlier[name].choice_values()
                if choices is not None and rule.get("op") in VALUE_OPERATORS:
                    wanted = rule.get("value")
                    for value in wanted if isinstance(wanted, list) else [wanted]:
                        if str(value) not in choices:
                            errors.append(
                                _("%(where)s uses “%(value)s”, which “%(name)s” no longer offers.")
                                % {"where": where, "value": value, "name": name}
                            )

    never_shown: set[str] = set()
    reachable = _reachable_steps(steps)
    for position, step in enumerate(steps):
        unreachable = step.name not in reachable
        if unreachable:
            errors.append(
                _("The step “%(step)s” can never be reached.") % {"step": step.title or step.name}
            )
        for item in step.items:
            if not item.name:
                continue
            label = item.value.get("label") or item.name
            if item.name in seen:
                errors.append(_("Two fields are named “%(name)s”.") % {"name": item.name})
            where = _("The field “%(label)s”") % {"label": label}
            for condition in item.conditions:
                check_references(condition, where, seen)
            if item.is_field:
                check_references(item.value.get("require_if"), where, seen)
            shown_never = unreachable or not all(
                _satisfiable(c, never_shown) for c in item.conditions
            )
            if shown_never:
                never_shown.add(item.name)
                if item.is_field and (item.value.get("required") or item.value.get("require_if")):
                    errors.append(
                        _("The required field “%(label)s” can never be shown.") % {"label": label}
                    )
            seen[item.name] = item
        for branch in step.branches:
            where = _("A branch of the step “%(step)s”") % {"step": step.title or step.name}
            check_references(branch["when"], where, seen)
            goto = branch["goto"]
            if goto == "end":
                continue
            if goto not in step_index:
                errors.append(
                    _("%(where)s goes to an unknown step “%(goto)s”.")
                    % {"where": where, "goto": goto}
                )
            elif step_index[goto] <= position:
                errors.append(
                    _("%(where)s goes back to “%(goto)s”: steps may only go forward (no cycles).")
                    % {"where": where, "goto": goto}
                )
    for route in routes:
        where = _("The routing rule “%(name)s”") % {"name": route.value["name"]}
        check_references(route.value["when"], where, seen)
    return list(dict.fromkeys(errors))
