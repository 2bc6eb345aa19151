"""The shared condition vectors through the Python engine; conditions.test.js runs them in node."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from forms import conditions

HERE = Path(__file__).resolve().parent
VECTORS = json.loads((HERE / "condition_vectors.json").read_text(encoding="utf-8"))


def test_there_are_at_least_60_condition_vectors():
    assert len(VECTORS["conditions"]) >= 60


@pytest.mark.parametrize("vector", VECTORS["conditions"], ids=lambda v: v["name"])
def test_condition_vector(vector):
    assert conditions.evaluate(vector["condition"], vector["answers"]) is vector["expected"]


@pytest.mark.parametrize("vector", VECTORS["forms"], ids=lambda v: v["name"])
def test_form_vector(vector):
    assert conditions.resolve(vector["form"], vector["answers"]) == vector["expected"]


@pytest.mark.skipif(not shutil.which("node"), reason="node is run by make test itself")
def test_the_javascript_engine_agrees_on_every_vector():
    result = subprocess.run(
        ["node", "--test", str(HERE / "conditions.test.js")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ({"field": "a", "op": "near", "value": "b"}, "unknown operator"),
        ({"field": "a", "op": "equals"}, "needs a"),
        ({"op": "equals", "value": "b"}, "field"),
        ({"field": "a", "op": "one_of", "value": "b"}, "non-empty list"),
        ({"field": "a", "op": "greater_than", "value": "soon"}, "number or a YYYY-MM-DD"),
        ({"all": []}, "non-empty list"),
        ({"all": [{"any": [{"all": [{"field": "a", "op": "is_empty"}]}]}]}, "nested one level"),
        ({"all": [], "any": []}, "exactly one key"),
        (["a"], "JSON object"),
    ],
)
def test_malformed_conditions_are_explained(condition, problem):
    errors = conditions.shape_errors(condition)
    assert errors and problem in errors[0]


def test_one_level_of_nesting_is_well_formed():
    nested = {
        "any": [{"all": [{"field": "a", "op": "is_empty"}]}, {"field": "b", "op": "is_empty"}]
    }
    assert conditions.shape_errors(nested) == []
