// The shared condition vectors through the JavaScript engine (`node --test tests/forms/`).
// tests/forms/test_conditions.py runs the same file through the Python engine.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const engine = require("../../forms/static/forms/conditions.js");

const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, "condition_vectors.json"), "utf8"),
);

test("there are at least 60 condition vectors", () => {
  assert.ok(vectors.conditions.length >= 60, `only ${vectors.conditions.length}`);
});

for (const vector of vectors.conditions) {
  test(`condition: ${vector.name}`, () => {
    assert.equal(engine.evaluate(vector.condition, vector.answers), vector.expected);
  });
}

for (const vector of vectors.forms) {
  test(`form: ${vector.name}`, () => {
    assert.deepEqual(engine.resolve(vector.form, vector.answers), vector.expected);
  });
}
