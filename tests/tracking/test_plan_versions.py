"""The tracking plan is one versioned artifact: served read-only per major version, exported by a
command, and a breaking change without a major version bump fails here."""

import copy
import json

import pytest
from django.core.management import call_command

from tracking import plan, plan_release


def test_the_plan_follows_its_last_released_version():
    released = plan_release.released_versions()
    assert released, "keep the released plan in tracking/plan_releases/"
    current = plan_release.document()
    assert plan_release.release_problems(plan_release.released(released[-1]), current) == []
    assert current["version"] in open(plan.PLAN_DIR / "CHANGELOG.md", encoding="utf-8").read()


def _changed(edit, version=None):
    new = copy.deepcopy(plan_release.document())
    edit(new)
    if version:
        new["version"] = version
    return new


def _remove_property(new):
    del new["events"]["Search Performed"]["properties"]["result_count"]


def _retype_property(new):
    new["events"]["Search Performed"]["properties"]["result_count"] = {"type": "string"}


def _require_property(new):
    new["context"]["required"] = [*new["context"]["required"], "region"]


def _remove_event(new):
    del new["events"]["Language Switched"]


@pytest.mark.parametrize(
    "edit", [_remove_property, _retype_property, _require_property, _remove_event]
)
def test_a_breaking_change_needs_a_major_bump(edit):
    old = plan_release.document()
    major = plan_release.major(old["version"])
    problems = plan_release.release_problems(old, _changed(edit, f"{major}.9.0"))
    assert problems and all("without a major version bump" in p for p in problems)
    assert plan_release.release_problems(old, _changed(edit, f"{major + 1}.0.0")) == []


def test_an_added_optional_property_is_a_minor_change():
    old = plan_release.document()

    def add(new):
        new["events"]["Search Performed"]["properties"]["new_optional"] = {"type": "string"}

    major = plan_release.major(old["version"])
    assert plan_release.release_problems(old, _changed(add, f"{major}.9.0")) == []
    assert plan_release.release_problems(old, _changed(add)) == [
        f"the plan changed but its version is still {old['version']}"
    ]


@pytest.mark.django_db
def test_the_plan_is_served_read_only_per_major_version(client):
    current = plan_release.document()
    major = plan_release.major(current["version"])
    response = client.get(f"/tracking-plan/{major}/plan.json")
    assert response.status_code == 200 and response.json() == json.loads(json.dumps(current))
    assert "public" in response["Cache-Control"]
    assert client.post(f"/tracking-plan/{major}/plan.json").status_code == 405
    missing = client.get(f"/tracking-plan/{major + 1}/plan.json")
    assert missing.status_code == 404 and "error" in missing.json()


def test_the_export_command_writes_the_plan(tmp_path):
    target = tmp_path / "plan.json"
    call_command("export_tracking_plan", output=str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == plan.plan_version()
