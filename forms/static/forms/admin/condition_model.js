/* The condition builder's model: the engine's condition JSON (docs/decisions/0003-condition-engine.md)
 * read into an editable tree and written back, so that write(read(json)) equals json for every
 * condition the builder can show. Anything it cannot show (unknown keys, deeper nesting, not JSON)
 * is reported, and the builder leaves the JSON as typed. No DOM here: the admin widget
 * (condition_builder.js) and node (tests/forms/condition_builder.test.js) share this file. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.HelpFormConditionModel = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var OPERATORS = [
    "equals", "not_equals", "one_of", "contains", "is_empty", "is_not_empty",
    "greater_than", "less_than",
  ];
  var UNARY = ["is_empty", "is_not_empty"];
  // Which operators fit which kind of field (the value input follows the kind too).
  var OPERATORS_BY_KIND = {
    choice: ["equals", "not_equals", "one_of", "is_empty", "is_not_empty"],
    number: ["equals", "not_equals", "greater_than", "less_than", "is_empty", "is_not_empty"],
    date: ["equals", "not_equals", "greater_than", "less_than", "is_empty", "is_not_empty"],
    text: ["equals", "not_equals", "contains", "is_empty", "is_not_empty"],
    file: ["is_empty", "is_not_empty"],
  };
  // Block types of forms/blocks.py → kind of field.
  var KIND_OF_BLOCK = {
    single_choice: "choice", multiple_choice: "choice", yes_no: "choice",
    number: "number", date: "date", file: "file",
  };

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function newRule(field) {
    return { kind: "rule", field: field || "", op: "equals", value: "", hasValue: true };
  }

  function readRule(json) {
    var keys = Object.keys(json);
    for (var i = 0; i < keys.length; i++) {
      if (["field", "op", "value"].indexOf(keys[i]) < 0) return null;
    }
    if (typeof json.field !== "string" || OPERATORS.indexOf(json.op) < 0) return null;
    return {
      kind: "rule", field: json.field, op: json.op,
      value: json.value, hasValue: Object.prototype.hasOwnProperty.call(json, "value"),
    };
  }

  function groupKey(json) {
    var keys = Object.keys(json);
    if (keys.length === 1 && (keys[0] === "all" || keys[0] === "any")) return keys[0];
    return null;
  }

  function readPart(json, depth) {
    if (!isObject(json)) return null;
    var join = groupKey(json);
    if (!join) return readRule(json);
    if (depth >= 1 || !Array.isArray(json[join]) || !json[join].length) return null;
    var items = [];
    for (var i = 0; i < json[join].length; i++) {
      var rule = isObject(json[join][i]) && !groupKey(json[join][i]) ? readRule(json[join][i]) : null;
      if (!rule) return null;
      items.push(rule);
    }
    return { kind: "group", join: join, items: items };
  }

  /* The textarea's text → {tree} or {error: "json" | "shape"}. The tree's root is a group;
   * `wrapped` says whether the JSON was a group (so a one-rule group stays a group). */
  function read(text) {
    if (text === null || text === undefined || !String(text).trim()) {
      return { tree: { kind: "group", join: "all", items: [], wrapped: false } };
    }
    var json;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { error: "json" };
    }
    return readJSON(json);
  }

  function readJSON(json) {
    if (json === null || (isObject(json) && !Object.keys(json).length)) {
      return { tree: { kind: "group", join: "all", items: [], wrapped: false } };
    }
    if (!isObject(json)) return { error: "shape" };
    var join = groupKey(json);
    if (!join) {
      var rule = readRule(json);
      return rule ? { tree: { kind: "group", join: "all", items: [rule], wrapped: false } }
        : { error: "shape" };
    }
    if (!Array.isArray(json[join]) || !json[join].length) return { error: "shape" };
    var items = [];
    for (var i = 0; i < json[join].length; i++) {
      var part = readPart(json[join][i], 0);
      if (!part) return { error: "shape" };
      items.push(part);
    }
    return { tree: { kind: "group", join: join, items: items, wrapped: true } };
  }

  function writeRule(rule) {
    var json = { field: rule.field, op: rule.op };
    if (UNARY.indexOf(rule.op) < 0 || rule.hasValue) json.value = rule.value;
    return json;
  }

  function writePart(part) {
    if (part.kind === "rule") return writeRule(part);
    var json = {};
    json[part.join] = part.items.map(writeRule);
    return json;
  }

  /* The tree → the engine's JSON (null: always). Empty nested groups are dropped. */
  function writeJSON(tree) {
    var items = tree.items.filter(function (part) {
      return part.kind === "rule" || part.items.length;
    });
    if (!items.length) return null;
    if (items.length === 1 && items[0].kind === "rule" && !tree.wrapped) return writeRule(items[0]);
    var json = {};
    json[tree.join] = items.map(writePart);
    return json;
  }

  /* The textarea's text for a tree: what forms.blocks.ConditionBlock would render. */
  function write(tree) {
    var json = writeJSON(tree);
    return json === null ? "" : JSON.stringify(json);
  }

  /* The value a rule needs once its operator changes: a list for one_of, nothing for
   * is_empty/is_not_empty, a single value otherwise (keeping what can be kept). */
  function valueForOperator(rule, op) {
    var value = rule.value;
    if (UNARY.indexOf(op) >= 0) return { value: undefined, hasValue: false };
    if (op === "one_of") {
      if (Array.isArray(value)) return { value: value, hasValue: true };
      return { value: value === undefined || value === "" ? [] : [value], hasValue: true };
    }
    if (Array.isArray(value)) return { value: value.length ? value[0] : "", hasValue: true };
    return { value: value === undefined ? "" : value, hasValue: true };
  }

  function operatorsFor(kind) {
    return OPERATORS_BY_KIND[kind] || OPERATORS;
  }

  function kindOfBlock(blockType) {
    return KIND_OF_BLOCK[blockType] || "text";
  }

  return {
    OPERATORS: OPERATORS,
    UNARY: UNARY,
    read: read,
    readJSON: readJSON,
    write: write,
    writeJSON: writeJSON,
    newRule: newRule,
    valueForOperator: valueForOperator,
    operatorsFor: operatorsFor,
    kindOfBlock: kindOfBlock,
  };
});
