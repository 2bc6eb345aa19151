"""The condition builder's model (forms/static/forms/admin/condition_model.js) against the Python
engine: it shows every well-formed condition of the shared vectors and reports exactly the
malformed ones; condition_builder.test.js (run here too) round-trips every condition of the
vectors and of the demo forms."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from forms import conditions

HERE = Path(__file__).resolve().parent
MODEL = HERE.parent.parent / "forms" / "static" / "forms" / "admin" / "condition_model.js"
VECTORS = json.loads((HERE / "condition_vectors.json").read_text(encoding="utf-8"))

needs_node = pytest.mark.skipif(not shutil.which("node"), reason="node is run by make test itself")

READ_ALL = """
const model = require(process.argv[1]);
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(texts.map((text) => {
  const read = model.read(text);
  return read.error ? {error: read.error} : {written: model.write(read.tree)};
})));
"""


def _builder(texts: list[str]) -> list[dict]:
    result = subprocess.run(
        ["node", "-e", READ_ALL, str(MODEL)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@needs_node
def test_the_builder_shows_exactly_the_well_formed_conditions():
    texts = [
        json.dumps(vector["condition"], ensure_ascii=False) if vector["condition"] else ""
        for vector in VECTORS["conditions"]
    ]
    for vector, outcome in zip(VECTORS["conditions"], _builder(texts), strict=True):
        well_formed = not conditions.shape_errors(vector["condition"])
        assert ("error" not in outcome) == well_formed, (vector["name"], outcome)
        if well_formed:
            written = json.loads(outcome["written"]) if outcome["written"] else None
            assert written == (vector["condition"] or None), vector["name"]


@needs_node
def test_the_builder_round_trips_the_vectors_and_the_demo_forms():
    result = subprocess.run(
        ["node", "--test", str(HERE / "condition_builder.test.js")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
