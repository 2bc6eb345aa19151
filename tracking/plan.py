"""The tracking plan: one JSON Schema per event (tracking/plan/*.json) plus the shared context.

Every event is checked against its schema before it leaves the server; `validate` returns the
first failing property so the refusal can be logged and counted.
"""

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

PLAN_DIR = Path(__file__).resolve().parent / "plan"
CONTEXT_FILE = "context.json"


@dataclass(frozen=True)
class EventSpec:
    name: str
    description: str
    version: int
    category: str  # "visitor" (needs consent) or "editorial"
    sources: tuple[str, ...]  # "server", "browser"
    schema: dict
    file_name: str

    @property
    def properties(self) -> list[dict]:
        """Rows for the documentation page: name, type, required, description."""
        required = set(self.schema.get("required", []))
        context_defs = context_schema()["$defs"]
        rows = []
        for name, prop in self.schema.get("properties", {}).items():
            rows.append(
                {
                    "name": name,
                    "type": _describe(prop, context_defs),
                    "required": name in required,
                    "description": _description(prop, context_defs),
                }
            )
        return rows


@dataclass(frozen=True)
class Violation:
    property: str
    message: str

    def __str__(self) -> str:
        return f"{self.property}: {self.message}"


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def context_schema() -> dict:
    return _read(PLAN_DIR / CONTEXT_FILE)


def plan_version() -> str:
    return context_schema()["x-plan-version"]


@cache
def _registry() -> Registry:
    context = context_schema()
    resource = Resource.from_contents(context)
    return Registry().with_resources([(context["$id"], resource), (CONTEXT_FILE, resource)])


@cache
def events() -> dict[str, EventSpec]:
    """Every event of the plan, by its "Object Action" name."""
    specs = {}
    for path in sorted(PLAN_DIR.glob("*.json")):
        if path.name == CONTEXT_FILE:
            continue
        schema = _read(path)
        Draft202012Validator.check_schema(schema)
        specs[schema["title"]] = EventSpec(
            name=schema["title"],
            description=schema.get("description", ""),
            version=int(schema["x-version"]),
            category=schema["x-category"],
            sources=tuple(schema["x-sources"]),
            schema=schema,
            file_name=path.name,
        )
    return specs


@cache
def _validator(event: str) -> Draft202012Validator:
    return Draft202012Validator(events()[event].schema, registry=_registry())


@cache
def _context_validator() -> Draft202012Validator:
    return Draft202012Validator(context_schema(), registry=_registry())


def _first_violation(validator: Draft202012Validator, instance: dict) -> Violation | None:
    error = next(iter(validator.iter_errors(instance)), None)
    if error is None:
        return None
    path = ".".join(str(part) for part in error.absolute_path)
    if not path and error.validator == "required":
        path = error.message.split("'")[1] if "'" in error.message else "(event)"
    if not path and error.validator == "additionalProperties":
        path = error.message.split("'")[1] if "'" in error.message else "(event)"
    return Violation(property=path or "(event)", message=error.message[:200])


def validate(event: str, properties: dict, context: dict | None = None) -> Violation | None:
    """None when the event, its properties and its context follow the plan.

    Results are memoised by content: page views repeat the same few shapes, so the common case
    costs one `json.dumps` instead of a schema walk."""
    try:
        key = json.dumps([properties, context], sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return Violation(property="(event)", message="properties are not JSON")
    return _validate_cached(event, key)


@lru_cache(maxsize=4096)
def _validate_cached(event: str, key: str) -> Violation | None:
    properties, context = json.loads(key)
    return _validate(event, properties, context)


def _validate(event: str, properties: dict, context: dict | None) -> Violation | None:
    if event not in events():
        return Violation(property="event", message=f"{event!r} is not in the tracking plan")
    violation = _first_violation(_validator(event), properties)
    if violation is None and context is not None:
        violation = _first_violation(_context_validator(), context)
        if violation is not None:
            violation = Violation(f"context.{violation.property}", violation.message)
    return violation


def _resolve(prop: dict, defs: dict) -> dict:
    ref = prop.get("$ref", "")
    if ref.startswith(f"{CONTEXT_FILE}#/$defs/"):
        return defs[ref.rsplit("/", 1)[1]]
    return prop


def _describe(prop: dict, defs: dict) -> str:
    prop = _resolve(prop, defs)
    if "enum" in prop:
        return " | ".join("null" if value is None else str(value) for value in prop["enum"])
    if "anyOf" in prop:
        return " | ".join(_describe(option, defs) for option in prop["anyOf"])
    kind = prop.get("type", "any")
    limits = []
    if "maxLength" in prop:
        limits.append(f"≤ {prop['maxLength']} chars")
    if "minimum" in prop:
        limits.append(f"≥ {prop['minimum']}")
    if "maximum" in prop:
        limits.append(f"≤ {prop['maximum']}")
    return f"{kind} ({', '.join(limits)})" if limits else str(kind)


def _description(prop: dict, defs: dict) -> str:
    if prop.get("description"):
        return prop["description"]
    return _resolve(prop, defs).get("description", "")
