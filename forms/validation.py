"""The admin's checks on a form's logic, run when an editor saves a contact form page.

`logic_problems` says where each problem is (the StreamField, the block's position, the path to the
condition or field inside it), so `located_errors` can show it on the condition box it concerns;
`logic_errors` is the same problems as sentences."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.blocks import (
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlockValidationError,
)

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


@dataclass(frozen=True)
class Problem:
    """A sentence for the editor, and where it belongs: `stream` ("form_fields" or "routing"),
    the block's position in it (None: the whole stream), and the path inside the block
    (("show_if",), ("branches", 0, "when"); (): the block itself)."""

    message: str
    stream: str = "form_fields"
    index: int | None = None
    path: tuple = ()


def logic_errors(steps: list[Step], routes) -> list[str]:
    """Every problem in the form's logic, as sentences for the editor; [] when it is sound."""
    return list(dict.fromkeys(problem.message for problem in logic_problems(steps, routes)))


def logic_problems(steps: list[Step], routes) -> list[Problem]:
    """Every problem in the form's logic, with where it is; [] when it is sound."""
    problems: list[Problem] = []
    seen: dict[str, Item] = {}
    all_names = {item.name for step in steps for item in step.items if item.name}
    step_index = {step.name: i for i, step in enumerate(steps)}
    if len(step_index) != len(steps):
        problems.append(Problem(_("Two steps have the same machine name.")))

    def check_references(condition, where: str, earlier: dict[str, Item], **location) -> None:
        def report(message: str) -> None:
            problems.append(Problem(message, **location))

        for rule in conditions.rules(condition):
            name = rule.get("field", "")
            if name not in all_names:
                report(
                    _("%(where)s refers to an unknown field “%(name)s”.")
                    % {"where": where, "name": name}
                )
            elif name not in earlier:
                report(
                    _("%(where)s refers to “%(name)s”, which comes later in the form.")
                    % {"where": where, "name": name}
                )
            else:
                choices = earlier[name].choice_values()
                if choices is not None and rule.get("op") in VALUE_OPERATORS:
                    wanted = rule.get("value")
                    for value in wanted if isinstance(wanted, list) else [wanted]:
                        if str(value) not in choices:
                            report(
                                _("%(where)s uses “%(value)s”, which “%(name)s” no longer offers.")
                                % {"where": where, "value": value, "name": name}
                            )

    never_shown: set[str] = set()
    reachable = _reachable_steps(steps)
    for position, step in enumerate(steps):
        unreachable = step.name not in reachable
        if unreachable:
            problems.append(
                Problem(
                    _("The step “%(step)s” can never be reached.")
                    % {"step": step.title or step.name},
                    index=step.index,
                )
            )
        for item in step.items:
            if item.kind == "section":
                where = _("The section “%(heading)s”") % {"heading": item.value.get("heading")}
                check_references(
                    item.value.get("show_if"), where, seen, index=item.index, path=("show_if",)
                )
            if not item.name:
                continue
            label = item.value.get("label") or item.name
            if item.name in seen:
                problems.append(
                    Problem(
                        _("Two fields are named “%(name)s”.") % {"name": item.name},
                        index=item.index,
                        path=("name",),
                    )
                )
            where = _("The field “%(label)s”") % {"label": label}
            if item.is_field:
                for key in ("show_if", "require_if"):
                    check_references(
                        item.value.get(key), where, seen, index=item.index, path=(key,)
                    )
            shown_never = unreachable or not all(
                _satisfiable(c, never_shown) for c in item.conditions
            )
            if shown_never:
                never_shown.add(item.name)
                if item.is_field and (item.value.get("required") or item.value.get("require_if")):
                    problems.append(
                        Problem(
                            _("The required field “%(label)s” can never be shown.")
                            % {"label": label},
                            index=item.index,
                        )
                    )
            seen[item.name] = item
        for number, branch in enumerate(step.branches):
            where = _("A branch of the step “%(step)s”") % {"step": step.title or step.name}
            branch_at = {"index": step.index, "path": ("branches", number)}
            check_references(
                branch["when"], where, seen, index=step.index, path=("branches", number, "when")
            )
            goto = branch["goto"]
            if goto == "end":
                continue
            if goto not in step_index:
                message = _("%(where)s goes to an unknown step “%(goto)s”.")
            elif step_index[goto] <= position:
                message = _(
                    "%(where)s goes back to “%(goto)s”: steps may only go forward (no cycles)."
                )
            else:
                continue
            problems.append(
                Problem(
                    message % {"where": where, "goto": goto},
                    index=branch_at["index"],
                    path=(*branch_at["path"], "goto"),
                )
            )
    for number, route in enumerate(routes):
        where = _("The routing rule “%(name)s”") % {"name": route.value["name"]}
        check_references(
            route.value["when"], where, seen, stream="routing", index=number, path=("when",)
        )
    return list(dict.fromkeys(problems))


def _nest(tree: dict, path: tuple, message: str) -> None:
    """Put `message` at `path` in a tree of {key: subtree}; "" holds a level's own messages."""
    node = tree
    for key in path:
        node = node.setdefault(key, {})
    node.setdefault("", []).append(message)


def _struct_error(tree: dict) -> ValidationError:
    """A tree of messages inside a block → the validation error Wagtail shows at each place."""
    block_errors = {}
    for key, subtree in tree.items():
        if key == "":
            continue
        inner = {k: v for k, v in subtree.items() if k != ""}
        if not inner:
            block_errors[key] = ValidationError(subtree[""])
        elif all(isinstance(k, int) for k in inner):  # a ListBlock: its children by position
            block_errors[key] = ListBlockValidationError(
                block_errors={k: _struct_error(v) for k, v in inner.items()},
                non_block_errors=subtree.get("", []),
            )
        else:
            block_errors[key] = _struct_error(subtree)
    return StructBlockValidationError(block_errors=block_errors, non_block_errors=tree.get("", []))


def located_errors(problems: list[Problem]) -> dict[str, ValidationError]:
    """The problems as Wagtail's StreamField errors, per StreamField: each message on the block,
    field or condition box it concerns."""
    trees: dict[str, dict] = {}
    for problem in problems:
        tree = trees.setdefault(problem.stream, {})
        if problem.index is None:
            _nest(tree, (), problem.message)
        else:
            _nest(tree, (problem.index, *problem.path), problem.message)
    return {
        stream: StreamBlockValidationError(
            block_errors={k: _struct_error(v) for k, v in tree.items() if k != ""},
            non_block_errors=tree.get("", []),
        )
        for stream, tree in trees.items()
    }
