"""The tracking plan as one versioned artifact, and what makes a new version breaking.

`document()` is the whole plan — its version, the shared context and every event's schema — as
other properties consume it: served read-only at `/tracking-plan/<major>/plan.json` and
written by `manage.py export_tracking_plan`. Released versions are kept in
`tracking/plan_releases/<version>.json`; `tracking/plan/CHANGELOG.md` says what changed.

`breaking_changes(old, new)` lists what would break a consumer of `old`: an event or a property
removed, a property whose type (or referenced definition, or allowed values) changed, a
property newly required. Adding an event or an optional property is not breaking.
`release_problems(old, new)` is what the plan's test reports: breaking changes without a major
version bump, or a version that did not move forward.
"""

import json
from pathlib import Path

from . import plan

RELEASES_DIR = Path(__file__).resolve().parent / "plan_releases"
# What a property's schema says about its values: a change in any of these retypes it.
TYPE_KEYWORDS = ("type", "$ref", "enum", "const", "format", "items")


def document() -> dict:
    return {
        "version": plan.plan_version(),
        "context": plan.context_schema(),
        "events": {name: spec.schema for name, spec in sorted(plan.events().items())},
    }


def major(version: str) -> int:
    return int(version.split(".", 1)[0])


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def released_versions() -> list[str]:
    return sorted((path.stem for path in RELEASES_DIR.glob("*.json")), key=_version_key)


def released(version: str) -> dict:
    return json.loads((RELEASES_DIR / f"{version}.json").read_text(encoding="utf-8"))


def _object_changes(where: str, old: dict, new: dict) -> list[str]:
    changes = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name, old_prop in old_props.items():
        if name not in new_props:
            changes.append(f"{where}.{name}: removed")
            continue
        new_prop = new_props[name]
        retyped = [k for k in TYPE_KEYWORDS if old_prop.get(k) != new_prop.get(k)]
        if retyped:
            changes.append(f"{where}.{name}: retyped ({', '.join(retyped)})")
        if old_prop.get("type") == "object" or "properties" in old_prop:
            changes += _object_changes(f"{where}.{name}", old_prop, new_prop)
    for name in sorted(set(new.get("required", [])) - set(old.get("required", []))):
        changes.append(f"{where}.{name}: newly required")
    return changes


def breaking_changes(old: dict, new: dict) -> list[str]:
    changes = _object_changes("context", old["context"], new["context"])
    for name, old_defs in old["context"].get("$defs", {}).items():
        new_def = new["context"].get("$defs", {}).get(name)
        if new_def is None:
            changes.append(f"context.$defs.{name}: removed")
        elif any(old_defs.get(k) != new_def.get(k) for k in TYPE_KEYWORDS):
            changes.append(f"context.$defs.{name}: retyped")
    for event, old_schema in old["events"].items():
        if event not in new["events"]:
            changes.append(f"{event}: removed")
            continue
        changes += _object_changes(event, old_schema, new["events"][event])
    return changes


def release_problems(old: dict, new: dict) -> list[str]:
    """Why `new` may not follow `old` ([] when it may)."""
    if _version_key(new["version"]) < _version_key(old["version"]):
        return [f"version {new['version']} is older than the released {old['version']}"]
    breaking = breaking_changes(old, new)
    if breaking and major(new["version"]) <= major(old["version"]):
        return [
            f"breaking change without a major version bump (released {old['version']}, "
            f"now {new['version']}): {change}"
            for change in breaking
        ]
    if not breaking and new != old and new["version"] == old["version"]:
        return [f"the plan changed but its version is still {old['version']}"]
    return []
