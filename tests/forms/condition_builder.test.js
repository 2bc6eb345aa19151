// The condition builder's model (forms/static/forms/admin/condition_model.js) through node
// (`node --test tests/forms/`): every condition of the shared vectors, of the whole-form vectors
// and of the demo content loads into the builder and is written back as the same JSON.
// tests/forms/test_condition_builder.py runs this file from pytest.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const model = require("../../forms/static/forms/admin/condition_model.js");

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "condition_vectors.json"), "utf8"));
const demoDir = path.join(__dirname, "..", "..", "cms", "demo", "content", "forms");
const CONDITION_KEYS = ["show_if", "require_if", "when"];

function conditionsIn(value, found) {
  if (Array.isArray(value)) {
    value.forEach((item) => conditionsIn(item, found));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (CONDITION_KEYS.includes(key)) {
        if (Array.isArray(item)) item.forEach((condition) => found.push(condition));
        else found.push(item);
      } else {
        conditionsIn(item, found);
      }
    }
  }
  return found;
}

function isEmpty(condition) {
  return !condition || (typeof condition === "object" && !Object.keys(condition).length);
}

function roundTrip(condition) {
  // as forms.blocks.ConditionBlock renders the textarea (json.dumps; no condition, {}: "")
  const text = isEmpty(condition) ? "" : JSON.stringify(condition);
  const read = model.read(text);
  assert.ok(read.tree, `the builder cannot show ${text}`);
  const written = model.write(read.tree);
  assert.deepEqual(written ? JSON.parse(written) : null, isEmpty(condition) ? null : condition);
  assert.equal(written, text);
}

test("every condition vector round-trips through the builder or is reported as not shown", () => {
  // tests/forms/test_condition_builder.py checks that exactly the malformed ones are reported
  let shown = 0;
  for (const vector of vectors.conditions) {
    const text = isEmpty(vector.condition) ? "" : JSON.stringify(vector.condition);
    if (model.read(text).error) continue;
    roundTrip(vector.condition);
    shown += 1;
  }
  assert.ok(shown >= 60, `only ${shown}`);
});

test("every condition of the whole-form vectors round-trips through the builder", () => {
  const found = conditionsIn(vectors.forms.map((vector) => vector.form), []);
  assert.ok(found.length >= 10, `only ${found.length}`);
  found.forEach(roundTrip);
});

test("every condition of the demo forms round-trips through the builder", () => {
  const files = fs.readdirSync(demoDir).filter((name) => name.endsWith(".json"));
  assert.ok(files.length >= 3);
  let count = 0;
  for (const name of files) {
    const found = conditionsIn(JSON.parse(fs.readFileSync(path.join(demoDir, name), "utf8")), []);
    found.forEach(roundTrip);
    count += found.length;
  }
  assert.ok(count >= 10, `only ${count} conditions in the demo forms`);
});

test("a one-rule group stays a group, a bare rule stays bare", () => {
  roundTrip({ all: [{ field: "a", op: "equals", value: "x" }] });
  roundTrip({ field: "a", op: "is_empty" });
  roundTrip({ field: "a", op: "is_empty", value: "kept" });
});

test("what the builder cannot show is reported, never rewritten", () => {
  assert.deepEqual(model.read("{not json"), { error: "json" });
  assert.deepEqual(model.read('{"field": "a", "op": "near", "value": 1}'), { error: "shape" });
  assert.deepEqual(model.read('{"field": "a", "op": "equals", "value": 1, "x": 2}'), { error: "shape" });
  const tooDeep = { all: [{ any: [{ all: [{ field: "a", op: "is_empty" }] }] }] };
  assert.deepEqual(model.read(JSON.stringify(tooDeep)), { error: "shape" });
  assert.deepEqual(model.read("[1, 2]"), { error: "shape" });
});

test("editing: adding rules groups them, removing the last one means always", () => {
  const tree = model.read("").tree;
  assert.equal(model.write(tree), "");
  tree.items.push(model.newRule("hacked"));
  tree.items[0].value = "yes";
  assert.deepEqual(JSON.parse(model.write(tree)), { field: "hacked", op: "equals", value: "yes" });
  tree.items.push({ kind: "group", join: "any", items: [model.newRule("a"), model.newRule("b")] });
  tree.items[1].items[1].op = "one_of";
  tree.items[1].items[1].value = ["x", "y"];
  assert.deepEqual(JSON.parse(model.write(tree)), {
    all: [
      { field: "hacked", op: "equals", value: "yes" },
      { any: [{ field: "a", op: "equals", value: "" }, { field: "b", op: "one_of", value: ["x", "y"] }] },
    ],
  });
  tree.items.splice(0, 2);
  assert.equal(model.write(tree), "");
});

test("changing the operator keeps what fits the new one", () => {
  const rule = { kind: "rule", field: "a", op: "equals", value: "x", hasValue: true };
  assert.deepEqual(model.valueForOperator(rule, "one_of"), { value: ["x"], hasValue: true });
  assert.deepEqual(model.valueForOperator(rule, "is_empty"), { value: undefined, hasValue: false });
  const list = { kind: "rule", field: "a", op: "one_of", value: ["x", "y"], hasValue: true };
  assert.deepEqual(model.valueForOperator(list, "equals"), { value: "x", hasValue: true });
});

test("operators fit the field's kind", () => {
  assert.deepEqual(model.operatorsFor(model.kindOfBlock("yes_no")), ["equals", "not_equals", "one_of", "is_empty", "is_not_empty"]);
  assert.ok(model.operatorsFor(model.kindOfBlock("date")).includes("greater_than"));
  assert.ok(!model.operatorsFor(model.kindOfBlock("short_text")).includes("greater_than"));
  assert.ok(model.operatorsFor(model.kindOfBlock("long_text")).includes("contains"));
});
